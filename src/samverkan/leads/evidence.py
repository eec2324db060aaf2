"""The evidence about a lead's entities: one fact per report, read through a report filter.

Invariant: a fact is built only from reports in the ``reports`` query the
caller passes, so the same code gives the score over what every
law-enforcement reader may see (``shared_reports``) and the explanation over
what one reader may see (``access.policy.reports_visible_to``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from samverkan.entities.models import EntityMention
from samverkan.intake.models import Mention, Report


@dataclass(frozen=True, slots=True)
class Place:
    """Where a fact points: a municipality or a postcode, and how strongly (``weight``)."""

    country: str
    municipality_code: str = ""
    postcode: str = ""
    weight: int = 1


@dataclass(frozen=True, slots=True)
class Fact:
    """One report that names one of the lead's entities."""

    report_id: int
    kind: str
    organisation_id: int
    occurred_at: datetime.datetime
    source_grading: str
    roles: frozenset[str]
    # Names written in the subjects that received items (recipients), folded.
    recipient_names: frozenset[str]
    places: tuple[Place, ...]


SHARED_TLP = ("CLEAR", "GREEN", "AMBER")


def shared_reports() -> QuerySet[Report]:
    """Reports every law-enforcement intelligence reader may see: no handling code narrows them."""
    return Report.objects.filter(tlp__in=SHARED_TLP, compartments__isnull=True)


def shared_links() -> QuerySet[EntityMention]:
    """Links of mentions in shared reports, as plain joins (no subquery for the planner to
    misjudge on a freshly loaded database)."""
    return EntityMention.objects.filter(
        mention__report__tlp__in=SHARED_TLP, mention__report__compartments__isnull=True
    )


def facts_for(*, entity_ids: Iterable[int], reports: QuerySet[Report]) -> list[Fact]:
    """One fact per report in ``reports`` that names any of the entities, oldest first."""
    return facts_grouped(groups={0: list(entity_ids)}, reports=reports).get(0, [])


# How many ids go into one ``IN (...)`` list: well under SQLite's limit.
_CHUNK = 2000


def facts_grouped(
    *, groups: Mapping[Hashable, Collection[int]], reports: QuerySet[Report]
) -> dict[Hashable, list[Fact]]:
    """``facts_for`` of many groups of entities at once, in a few queries per chunk.

    A report naming two entities of one group is one fact for the group.
    """
    group_of: dict[int, list[Hashable]] = defaultdict(list)
    for group, entity_ids in groups.items():
        for entity_id in entity_ids:
            group_of[entity_id].append(group)
    # (group, report) -> the subjects and roles through which the group is named
    subjects: dict[tuple[Hashable, int], set[str]] = defaultdict(set)
    roles: dict[tuple[Hashable, int], set[str]] = defaultdict(set)
    entity_ids = sorted(group_of)
    # Links first, by entity (an index); then which of their reports pass the
    # filter, by primary key. Joining the filter into one statement left
    # PostgreSQL to guess, and on a freshly loaded database it guessed badly.
    named: list[tuple[int, int, str, str]] = []
    for chunk in _chunks(entity_ids):
        named.extend(
            EntityMention.objects.filter(entity_id__in=chunk)
            .values_list(
                "entity_id", "mention__report_id", "mention__subject_ref", "mention__subject_role"
            )
            .order_by()
        )
    passing: set[int] = set()
    for chunk in _chunks(sorted({report_id for _, report_id, _, _ in named})):
        passing.update(reports.filter(pk__in=chunk).values_list("pk", flat=True))
    for entity_id, report_id, subject_ref, role in named:
        if report_id not in passing:
            continue
        for group in group_of[entity_id]:
            subjects[(group, report_id)].add(subject_ref)
            roles[(group, report_id)].add(role)
    report_ids = sorted({report_id for _, report_id in subjects})
    # (report, subject) -> recipient names and address keys written in that subject
    names: dict[tuple[int, str], set[str]] = defaultdict(set)
    addresses: dict[tuple[int, str], set[str]] = defaultdict(set)
    by_id: dict[int, Report] = {}
    for chunk in _chunks(report_ids):
        for report_id, subject_ref, role, kind, key, raw in Mention.objects.filter(
            report_id__in=chunk, kind__in=["person_name", "address"]
        ).values_list("report_id", "subject_ref", "subject_role", "kind", "key", "raw"):
            if kind == "address" and key:
                addresses[(report_id, subject_ref)].add(key)
            elif kind == "person_name" and role == "recipient":
                names[(report_id, subject_ref)].add((key or raw).casefold())
        by_id.update(
            (report.pk, report)
            for report in Report.objects.filter(pk__in=chunk).only(
                "pk", "kind", "organisation_id", "occurred_at", "source_grading", "payload"
            )
        )
    facts: dict[Hashable, list[Fact]] = defaultdict(list)
    for (group, report_id), refs in subjects.items():
        report = by_id[report_id]
        facts[group].append(
            Fact(
                report_id=report_id,
                kind=report.kind,
                organisation_id=report.organisation_id,
                occurred_at=report.occurred_at,
                source_grading=report.source_grading,
                roles=frozenset(roles[(group, report_id)]),
                recipient_names=frozenset(n for ref in refs for n in names[(report_id, ref)]),
                places=_places(report, {a for ref in refs for a in addresses[(report_id, ref)]}),
            )
        )
    for group_facts in facts.values():
        group_facts.sort(key=lambda f: (f.occurred_at, f.report_id))
    return dict(facts)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _places(report: Report, address_keys: set[str]) -> tuple[Place, ...]:
    """Where the report points: the entity's addresses first, then destination, then place.

    A courier statement's own place is where the courier was stopped (often
    the border), not where the goods were going, so only its destination counts.
    """
    places = []
    for key in sorted(address_keys):  # "SE:12345:street:12"
        country, postcode = key.split(":")[:2]
        places.append(Place(country=country, postcode=postcode, weight=3))
    payload = report.payload
    destination = (payload.get("route") or {}).get("destination")
    if destination:
        places.append(_place(destination, weight=2))
    if report.kind != "courier_statement" and payload.get("place"):
        places.append(_place(payload["place"], weight=1))
    return tuple(p for p in places if p.municipality_code or p.postcode)


def _place(data: dict[str, str | None], *, weight: int) -> Place:
    return Place(
        country=str(data.get("country") or ""),
        municipality_code=str(data.get("municipality_code") or ""),
        postcode=str(data.get("postcode") or "").replace(" ", ""),
        weight=weight,
    )
