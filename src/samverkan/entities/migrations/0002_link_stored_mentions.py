"""Mentions stored before entities existed join their entities by key."""

from typing import Any

from django.db import migrations

from samverkan.entities.linking import ENTITY_KIND_OF


def link_stored_mentions(apps: Any, schema_editor: Any) -> None:
    mention_model = apps.get_model("intake", "Mention")
    entity_model = apps.get_model("entities", "Entity")
    link_model = apps.get_model("entities", "EntityMention")
    keyed = mention_model.objects.exclude(key="").filter(kind__in=list(ENTITY_KIND_OF))
    for mention in keyed.iterator(chunk_size=2000):
        entity, _ = entity_model.objects.get_or_create(
            kind=ENTITY_KIND_OF[mention.kind].value, key=mention.key
        )
        link_model.objects.get_or_create(mention=mention, defaults={"entity": entity, "home": entity, "reason": "key"})


class Migration(migrations.Migration):
    dependencies = [("entities", "0001_initial"), ("intake", "0002_mentions")]
    operations = [migrations.RunPython(link_stored_mentions, migrations.RunPython.noop)]
