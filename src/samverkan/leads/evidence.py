"""The evidence about a lead's entities: one fact per report, read through a report filter.

Invariant: a fact is built only from reports in the ``reports`` query the
caller passes, so the same code gives the score over what every
law-enforcement reader may see (``shared_reports``) and the explanation over
what one reader may see (``access.policy.reports_visible_to``).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
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


def shared_reports() -> QuerySet[Report]:
    """Reports every law-enforcement intelligence reader may see: no handling code narrows them."""
    return Report.objects.filter(tlp__in=["CLEAR", "GREEN", "AMBER"]).exclude(
        compartments__isnull=False
    )


def facts_for(*, entity_ids: Iterable[int], reports: QuerySet[Report]) -> list[Fact]:
    """One fact per report in ``reports`` that names any of the entities, oldest first."""
    links = (
        EntityMention.objects.filter(entity_id__in=list(entity_ids), mention__report__in=reports)
        .values_list("mention__report_id", "mention__subject_ref", "mention__subject_role")
        .order_by()
    )
    subjects: dict[int, set[str]] = defaultdict(set)
    roles: dict[int, set[str]] = defaultdict(set)
    for report_id, subject_ref, role in links:
        subjects[report_id].add(subject_ref)
        roles[report_id].add(role)
    if not subjects:
        return []
    names: dict[int, set[str]] = defaultdict(set)
    addresses: dict[int, set[str]] = defaultdict(set)
    for report_id, subject_ref, role, kind, key, raw in Mention.objects.filter(
        report_id__in=subjects.keys(), kind__in=["person_name", "address"]
    ).values_list("report_id", "subject_ref", "subject_role", "kind", "key", "raw"):
        if subject_ref not in subjects[report_id]:
            continue
        if kind == "address" and key:
            addresses[report_id].add(key)
        elif kind == "person_name" and role == "recipient":
            names[report_id].add((key or raw).casefold())
    facts = []
    for report in Report.objects.filter(pk__in=subjects.keys()).order_by("occurred_at", "pk"):
        facts.append(
            Fact(
                report_id=report.pk,
                kind=report.kind,
                organisation_id=report.organisation_id,
                occurred_at=report.occurred_at,
                source_grading=report.source_grading,
                roles=frozenset(roles[report.pk]),
                recipient_names=frozenset(names[report.pk]),
                places=_places(report, addresses[report.pk]),
            )
        )
    return facts


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
