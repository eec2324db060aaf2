"""Instant linking: every keyed mention joins the entity with its key.

Which identifier kinds name which entity kinds. A personal number names a
person; an organisation number a company; a plate a vehicle; an IMEI a
device. Names without an identifier wait for probabilistic resolution.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from samverkan.entities.models import Entity, EntityKind, EntityMention, LinkReason
from samverkan.intake.models import Mention

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


def mentions_link(*, mentions: Iterable[Mention]) -> list[Entity]:
    """Link keyed mentions to their entities; call in the transaction that stored them.

    One query finds the entities that exist, one creates those that do not
    (a concurrent creator is tolerated by the unique key), one stores the
    links. Returns the entities that did not exist before (what
    ``entities.near`` looks from).
    """
    keyed = [m for m in mentions if m.key and m.kind in ENTITY_KIND_OF]
    if not keyed:
        return []
    wanted = {(ENTITY_KIND_OF[m.kind].value, m.key) for m in keyed}
    found = _entities(wanted)
    missing = wanted - found.keys()
    if missing:
        Entity.objects.bulk_create(
            [Entity(kind=kind, key=key) for kind, key in sorted(missing)], ignore_conflicts=True
        )
        found |= _entities(missing)
    links = []
    for mention in keyed:
        home = found[(ENTITY_KIND_OF[mention.kind].value, mention.key)]
        links.append(
            EntityMention(
                entity=entity_current(home), home=home, mention=mention, reason=LinkReason.KEY
            )
        )
    EntityMention.objects.bulk_create(links)
    return [found[wanted_key] for wanted_key in sorted(missing)]


def _entities(wanted: set[tuple[str, str]]) -> dict[tuple[str, str], Entity]:
    condition = Q(pk__in=[])
    for kind, key in wanted:
        condition |= Q(kind=kind, key=key)
    return {(e.kind, e.key): e for e in Entity.objects.filter(condition)}


def entity_current(entity: Entity) -> Entity:
    """Where an entity's mentions are now: itself, or the entity it was merged into."""
    while entity.merged_into_id is not None:
        entity = Entity.objects.get(pk=entity.merged_into_id)
    return entity
