"""Reads of entities, always through what the reader may see of their reports.

An entity exists for a reader only through reports the reader may view; its
figures (reports, organisations, first and last seen) count only those. Each
read that shows identifiers writes one consultation event.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    Action,
    access_entity,
    entities_written_visible_to,
    entity_hits_for,
    reports_visible_to,
)
from samverkan.access.purpose import Purpose
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import (
    Entity,
    EntityJudgement,
    EntityMention,
    LinkReason,
)
from samverkan.entities.near import near_keys_known
from samverkan.entities.near_calls import NearCalls, near_calls
from samverkan.geography.lookup import responsible_unit
from samverkan.imports.about import ImportedAbout, entity_keys, imported_about
from samverkan.intake.models import Report

WRITTEN_SHOWN = 40  # different spellings listed on an entity's page
WRITTEN_FIRST = {"person_name": 0, "nickname": 1, "birth_date": 2}  # a person: names first


@dataclass(frozen=True, slots=True)
class NearEntity:
    """Another entity whose key one slip of the hand makes into this one's."""

    entity: Entity
    display: str
    reports: int
    # Calls in the reader's own call records between this number and one
    # written beside the other (either way round): a hint for the analyst.
    calls: int = 0


@dataclass(frozen=True, slots=True)
class EntitySummary:
    entity: Entity
    display: str
    # The key of what ``display`` shows (``entity_headlines``), not the holding entity's own.
    key: str
    reports: int
    organisations: int
    first_seen: datetime | None
    last_seen: datetime | None
    kinds: dict[str, int]
    # The police districts (Swedish local police areas) where the reports took
    # place, most reports first: (name, reports).
    districts: list[tuple[str, int]]
    roles: dict[str, int]
    recent: list[Report]
    judgements: list[EntityJudgement]
    held_elsewhere: list[tuple[Organisation, int]]
    # What the visible reports wrote: (kind, as written, in how many reports), and who wrote.
    written: list[tuple[str, str, int]]
    # Writings linked by repair (refused as written; the one identifier they can be).
    repaired: set[str]
    reported_by: list[tuple[str, int]]
    # What imported rows the reader may read say about it, by its key (``imports.about``).
    imported: ImportedAbout | None = None
    # Keys one slip away that the reader may see and nobody has judged: maybe the same.
    near: tuple[NearEntity, ...] = ()


@dataclass(frozen=True, slots=True)
class NamedEntity:
    entity: Entity
    display: str
    reports: int
    organisations: int
    last_seen: datetime | None


def _visible_links(reader: User) -> QuerySet[EntityMention]:
    return EntityMention.objects.filter(mention__report__in=reports_visible_to(reader=reader))


def entity_displays(entities: list[Entity], reader: User) -> dict[int, str]:
    """Each entity as written in reports the reader may see (``entity_headlines``)."""
    return {pk: display for pk, (display, _key) in entity_headlines(entities, reader).items()}


def entity_headlines(entities: list[Entity], reader: User) -> dict[int, tuple[str, str]]:
    """Each entity's headline, (as written, its key), from reports the reader may see only.

    An identifier by the key most of those reports write, as first written:
    a car is "ORH 937" after eleven reports, not the slip "ORH 397" that
    happened to arrive first and was merged with it. A person or a company
    by the first name written. Never a writing or key of a hidden report,
    not even the key of the entity that holds the others. One query for all.
    """
    rows = (
        _visible_links(reader)
        .filter(entity__in=entities)
        .order_by("entity_id", "pk")
        .values_list("entity_id", "mention__kind", "mention__raw", "mention__key")
    )
    written: dict[int, Counter[str]] = {}  # entity: writings of each key, first written first
    first: dict[tuple[int, str], str] = {}
    named: dict[int, str] = {}
    anything: dict[int, str] = {}
    for entity_id, kind, raw, key in rows:
        anything.setdefault(entity_id, raw)
        if kind in ("person_name", "company_name"):
            named.setdefault(entity_id, raw)
        if kind in WRITTEN_FIRST or kind == "company_name":
            continue  # a name's key is no identifier to show
        written.setdefault(entity_id, Counter())[key] += 1
        first.setdefault((entity_id, key), raw)
    headlines = {}
    for entity in entities:
        every = written.get(entity.pk, Counter())
        # A refused writing linked by repair has no key: a key is taken if any is written.
        keys = Counter({k: n for k, n in every.items() if k}) or every
        key, display = "", anything.get(entity.pk, "")
        if keys:
            # The most written key; of equals, the first written (a Counter keeps order).
            most = max(keys.values())
            key = next(k for k, n in keys.items() if n == most)
            display = first[(entity.pk, key)]
        headlines[entity.pk] = (named.get(entity.pk) or display, key)
    return headlines


@transaction.atomic
def entity_read(*, reader: User, entity_id: int, purpose: Purpose) -> EntitySummary:
    """What the reader may know of one entity; ``NotFound`` if they may see none of it."""
    entity = access_entity(reader, entity_id, Action.VIEW)
    links = _visible_links(reader).filter(entity=entity)
    reports = Report.objects.filter(mentions__entity_link__in=links).distinct()
    figures = reports.aggregate(
        organisations=Count("organisation", distinct=True),
        first_seen=Min("occurred_at"),
        last_seen=Max("occurred_at"),
    )
    kinds = dict(reports.values_list("kind").annotate(n=Count("id", distinct=True)))
    districts = _districts(reports)
    roles = dict(
        links.values_list("mention__subject_role").annotate(
            n=Count("mention__report", distinct=True)
        )
    )
    recent = list(reports.select_related("organisation").order_by("-occurred_at")[:50])
    written = sorted(
        links.values_list("mention__kind", "mention__raw")
        .annotate(n=Count("mention__report", distinct=True))
        .order_by("-n", "mention__raw")[:WRITTEN_SHOWN],
        key=lambda row: WRITTEN_FIRST.get(row[0], len(WRITTEN_FIRST)),
    )
    reported_by = list(
        reports.values_list("organisation__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "organisation__name")
    )
    hits = entity_hits_for(reader=reader, entity=entity)
    holders = Organisation.objects.in_bulk(list(hits))
    held_elsewhere = sorted(
        ((holders[pk], count) for pk, count in hits.items()), key=lambda h: h[0].name
    )
    # Imported rows are read here so that one consultation event covers the page.
    imported = imported_about(reader=reader, entity=entity)
    near, calls = _near(entity, reader)
    details: dict[str, object] = {"reports": [r.pk for r in recent], "hits": hits}
    if near:
        details["near"] = [n.entity.pk for n in near]
        details.update(calls.audit_details())
    if imported.any:
        details["imported"] = imported.audit_details()
    display, key = entity_headlines([entity], reader)[entity.pk]
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="entity",
        object_id=str(entity.pk),
        purpose=str(purpose),
        details=details,
    )
    return EntitySummary(
        entity=entity,
        display=display,
        key=key,
        reports=reports.count(),
        organisations=figures["organisations"],
        first_seen=figures["first_seen"],
        last_seen=figures["last_seen"],
        kinds=kinds,
        districts=districts,
        roles=roles,
        recent=recent,
        judgements=_judgements(entity, reader),
        held_elsewhere=held_elsewhere,
        written=written,
        repaired=set(links.filter(reason=LinkReason.REPAIR).values_list("mention__raw", flat=True)),
        reported_by=reported_by,
        imported=imported,
        near=near,
    )


NEAR_SHOWN = 10


def _districts(reports: QuerySet[Report]) -> list[tuple[str, int]]:
    """Where the reports took place, by the police unit that answers for each place."""
    places = reports.values_list(
        "pk", "payload__place__country", "payload__place__municipality_code"
    )
    counted: Counter[str] = Counter()
    for _report, country, code in places:
        if not country or not code:
            continue
        try:
            # str(): SQLite hands "1480" back from JSON as the number 1480.
            counted[responsible_unit(str(country), str(code)).name] += 1
        except (KeyError, ValueError):
            continue  # a municipality the shipped list does not know
    return counted.most_common()


def _judgements(entity: Entity, reader: User) -> list[EntityJudgement]:
    """The live decisions about ``entity`` the reader may know of.

    Analysts' decisions (and their reasons) stay in the deciding
    organisation. A near-key rule's merge, whose reason is the rule, shows
    to a reader who may see a report writing each side's own key: the rule
    says what the two writings are, and a hidden one is not to be hinted at.
    """
    judgements = list(
        EntityJudgement.objects.filter(Q(left=entity) | Q(right=entity))
        .filter(undone_at__isnull=True)
        .filter(Q(by__organisation=reader.organisation) | Q(by__isnull=True))
        .select_related("by")
        .order_by("-at")
    )
    by_rule = {pk for j in judgements if j.by_id is None for pk in (j.left_id, j.right_id)}
    # A few sides at most: looked up by their ids, not as a subquery over every entity.
    written = set(
        entities_written_visible_to(reader=reader)
        .filter(pk__in=sorted(by_rule))
        .values_list("pk", flat=True)
    )
    return [j for j in judgements if j.by_id is not None or {j.left_id, j.right_id} <= written]


def _near(entity: Entity, reader: User) -> tuple[tuple[NearEntity, ...], NearCalls]:
    """Visible, unjudged entities one slip from this one's key, most reported first.

    With the calls the reader's own call records hold that tie each to it.
    """
    if not entity.key or entity.kind == "person":
        return (), NearCalls()
    # From the keys the reader sees written: never from one only a hidden report writes.
    seen = entity_keys(reader=reader, entity=entity)
    keys = set().union(*(near_keys_known(entity, key=key) for key in seen)) - set(seen)
    if not keys:
        return (), NearCalls()
    judged = EntityJudgement.objects.filter(Q(left=entity) | Q(right=entity)).values_list(
        "left_id", "right_id"
    )
    excluded = {pk for pair in judged for pk in pair} | {entity.pk}
    others = list(
        entities_written_visible_to(reader=reader)
        .filter(kind=entity.kind, key__in=keys, merged_into=None)
        .exclude(pk__in=excluded)
    )
    counts = dict(
        _visible_links(reader)
        .filter(entity__in=others)
        .values_list("entity_id")
        .annotate(n=Count("mention__report", distinct=True))
    )
    displays = entity_displays(others, reader)
    near = [NearEntity(e, displays[e.pk], counts.get(e.pk, 0)) for e in others]
    near.sort(key=lambda n: (-n.reports, n.display))
    near = near[:NEAR_SHOWN]
    calls = near_calls(reader=reader, entity=entity, others=[n.entity for n in near])
    return tuple(replace(n, calls=calls.tied.get(n.entity.pk, 0)) for n in near), calls


@transaction.atomic
def entities_most_named(
    *, reader: User, purpose: Purpose, kind: str, role: str = "", limit: int = 25
) -> list[NamedEntity]:
    """The entities of ``kind`` named in the most visible reports, optionally in one role.

    This is where the fifth courier's phone number lights up.
    """
    links = _visible_links(reader).filter(entity__kind=kind)
    if role:
        links = links.filter(mention__subject_role=role)
    rows = (
        links.values("entity")
        .annotate(
            reports=Count("mention__report", distinct=True),
            organisations=Count("mention__report__organisation", distinct=True),
            last_seen=Max("mention__report__occurred_at"),
        )
        .filter(reports__gte=2)
        .order_by("-reports", "-last_seen")[:limit]
    )
    entities = Entity.objects.in_bulk([row["entity"] for row in rows])
    displays = entity_displays(list(entities.values()), reader)
    named = [
        NamedEntity(
            entity=entities[row["entity"]],
            display=displays[row["entity"]],
            reports=row["reports"],
            organisations=row["organisations"],
            last_seen=row["last_seen"],
        )
        for row in rows
    ]
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="entity_list",
        purpose=str(purpose),
        details={"kind": kind, "role": role, "entities": [n.entity.pk for n in named]},
    )
    return named


def mention_entity_counts(*, reader: User, report: Report) -> dict[int, tuple[int, int]]:
    """For each linked mention of a report: its entity and in how many visible reports it is.

    Part of reading the report, which is already audited.
    """
    links = EntityMention.objects.filter(mention__report=report)
    entity_ids = list(links.values_list("entity_id", flat=True))
    counts = dict(
        _visible_links(reader)
        .filter(entity_id__in=entity_ids)
        .values_list("entity")
        .annotate(n=Count("mention__report", distinct=True))
    )
    return {
        mention_id: (entity_id, counts.get(entity_id, 0))
        for mention_id, entity_id in links.values_list("mention_id", "entity_id")
    }
