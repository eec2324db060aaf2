"""Company names stored before they were keyed get their matching key."""

from typing import Any

from django.db import migrations

from samverkan.identifiers.company_name import company_name_key


def _keyed(apps: Any, schema_editor: Any) -> None:
    mention = apps.get_model("intake", "Mention")
    batch = []
    for row in mention.objects.filter(kind="company_name", key="").iterator(chunk_size=2000):
        row.key = company_name_key(row.raw)
        batch.append(row)
        if len(batch) == 2000:
            mention.objects.bulk_update(batch, ["key"])
            batch = []
    mention.objects.bulk_update(batch, ["key"])


class Migration(migrations.Migration):
    dependencies = [("intake", "0003_reportphoto")]

    operations = [migrations.RunPython(_keyed, migrations.RunPython.noop)]
