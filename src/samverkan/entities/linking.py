"""Instant linking: every keyed mention joins the entity with its key.

Which identifier kinds name which entity kinds. A personal number names a
person; an organisation number a company; a plate a vehicle; an IMEI a
device. Names without an identifier wait for probabilistic resolution.
"""

from __future__ import annotations

from django.db import transaction

from samverkan.entities.models import Entity, EntityKind, EntityMention, LinkReason
from samverkan.intake.models import Mention, Report

ENTITY_KIND_OF = {
    "phone": EntityKind.PHONE,
    "se_personal_number": EntityKind.PERSON,
    "no_personal_number": EntityKind.PERSON,
    "se_org_number": EntityKind.COMPANY,
    "no_org_number": EntityKind.COMPANY,
    "iban": EntityKind.ACCOUNT,
    "se_bank_account": EntityKind.ACCOUNT,
    "plate": EntityKind.VEHICLE,
    "postal_item": EntityKind.POSTAL_ITEM,
    "email": EntityKind.EMAIL,
    "imei": EntityKind.DEVICE,
    "address": EntityKind.ADDRESS,
}


def report_mentions_link(*, report: Report) -> int:
    """Link the report's keyed mentions to their entities; call in the report's transaction.

    Returns how many mentions were linked.
    """
    mentions = [
        m for m in Mention.objects.filter(report=report) if m.key and m.kind in ENTITY_KIND_OF
    ]
    links = []
    for mention in mentions:
        home = _entity_for(ENTITY_KIND_OF[mention.kind], mention.key)
        links.append(
            EntityMention(
                entity=entity_current(home), home=home, mention=mention, reason=LinkReason.KEY
            )
        )
    EntityMention.objects.bulk_create(links)
    return len(links)


def _entity_for(kind: str, key: str) -> Entity:
    """The entity with this key, created if new; safe against a concurrent creator."""
    entity = Entity.objects.filter(kind=kind, key=key).first()
    if entity is not None:
        return entity
    with transaction.atomic():
        entity, _ = Entity.objects.get_or_create(kind=kind, key=key)
    return entity


def entity_current(entity: Entity) -> Entity:
    """Where an entity's mentions are now: itself, or the entity it was merged into."""
    while entity.merged_into_id is not None:
        entity = Entity.objects.get(pk=entity.merged_into_id)
    return entity
