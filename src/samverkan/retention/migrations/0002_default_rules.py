"""Default retention periods, in months, per report kind.

Starting values for a deployment to confirm with its data-protection officer:
suspicions that lead nowhere go first, seizures (evidence) stay longest.
Reports held by a lead or case (``retention_hold``) are never erased.
"""

from typing import Any

from django.db import migrations

DEFAULT_MONTHS = {
    "postal_item": 12,
    "observation": 6,
    "courier_statement": 36,
    "intelligence": 36,
    "seizure": 60,
}


def forwards(apps: Any, schema_editor: Any) -> None:
    rule = apps.get_model("retention", "RetentionRule")
    for kind, months in DEFAULT_MONTHS.items():
        rule.objects.get_or_create(kind=kind, defaults={"months": months})


def backwards(apps: Any, schema_editor: Any) -> None:
    apps.get_model("retention", "RetentionRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
