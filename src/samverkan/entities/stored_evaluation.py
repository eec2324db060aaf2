"""The entities a database holds, scored against the generated world it was loaded from.

``resolution.evaluation`` resolves a world in memory. This reads what the
product stored for the same world, loaded by ``samverkan load`` (instant
linking as each report arrived, then the nightly sweep and person batch
if they ran), so that the figures are those of the entities users see.

Invariant: a report is found by its organisation and external id, a
mention by its report, subject and position, exactly as the world's truth
numbers them; a mention linked to no entity is a cluster of its own.
Identifier kinds are scored on every identifier mention ("stored" scope,
the world evaluation's "all"); persons on every person subject that holds
a name, nickname or birth date, against the identity its name denotes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from samverkan.entities.models import Entity, EntityMention
from samverkan.entities.people import DESCRIPTIVE
from samverkan.intake.models import Mention, Report
from samverkan.resolution.evaluation import KindResult
from samverkan.resolution.metrics import agreement
from samverkan.resolution.records import PERSON_ROLES
from samverkan.resolution.world import IDENTIFIER_ENTITY_KINDS

MentionAt = tuple[int, str, int]  # report id, subject ref, position


class WorldNotStoredError(Exception):
    """The database does not hold the world: a report of it is missing."""


def stored_results(folder: Path) -> list[KindResult]:
    """Score the stored entities of every identifier kind, and persons, against ``folder``."""
    reports = _stored_reports()
    entity_of = _linked_entities()
    labels: dict[str, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for organisation, payload, truth in _world_reports(folder):
        report = reports.get((organisation, payload["external_id"]))
        if report is None:
            raise WorldNotStoredError(
                f"Report {payload['external_id']} of {organisation} is not in the database: "
                "load the world with `samverkan load` first."
            )
        truths = {subject["ref"]: subject for subject in truth["subjects"]}
        for subject in payload["subjects"]:
            ref = subject["ref"]
            facts = truths[ref]
            named = _person_truth(subject, facts)
            person: str | None = None
            for position, mention in enumerate(subject["mentions"]):
                at = (report, ref, position)
                kind = IDENTIFIER_ENTITY_KINDS.get(mention["kind"])
                if kind is not None:
                    predicted, true = labels[kind]
                    predicted.append(entity_of.get(at, f"unlinked:{at}"))
                    true.append(facts["mentions"][position]["entity"])
                if person is None and mention["kind"] in DESCRIPTIVE and at in entity_of:
                    person = entity_of[at]
            if named is not None:
                predicted, true = labels["person"]
                predicted.append(person or f"alone:{report}/{ref}")
                true.append(named)
    return [
        KindResult(kind, "stored", agreement(predicted, true))
        for kind, (predicted, true) in sorted(labels.items())
    ]


def _person_truth(subject: dict[str, Any], facts: dict[str, Any]) -> str | None:
    """The identity a person subject's name denotes (else the subject's), or None.

    None for a subject that is no person, or holds nothing the person
    batch links (no name, nickname or birth date).
    """
    if subject.get("role") not in PERSON_ROLES:
        return None
    kinds = [mention["kind"] for mention in subject["mentions"]]
    if not any(kind in DESCRIPTIVE for kind in kinds):
        return None
    if "person_name" in kinds:
        named = facts["mentions"][kinds.index("person_name")].get("entity")
        if named:
            return str(named)
    return str(facts["entity"])


def _world_reports(folder: Path) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """Each report of the world with its organisation's code and its truth."""
    reports = folder / "reports.jsonl"
    truths = folder / "truth" / "reports.jsonl"
    with reports.open(encoding="utf-8") as left, truths.open(encoding="utf-8") as right:
        for line, truth in zip(left, right, strict=True):
            submission = json.loads(line)
            yield submission["organisation"], submission["report"], json.loads(truth)


def _stored_reports() -> dict[tuple[str, str], int]:
    rows = Report.objects.values_list("organisation__code", "external_id", "pk")
    return {(code, external): pk for code, external, pk in rows.iterator(chunk_size=10_000)}


def _linked_entities() -> dict[MentionAt, str]:
    """The entity (as merged now) of every linked mention, by its report, subject and position."""
    top: dict[int, int] = {}
    merged_into = dict(
        Entity.objects.values_list("pk", "merged_into_id").iterator(chunk_size=10_000)
    )
    for pk in merged_into:
        root = pk
        while merged_into[root] is not None:
            root = merged_into[root]
        top[pk] = root
    linked = dict(
        EntityMention.objects.values_list("mention_id", "entity_id").iterator(chunk_size=10_000)
    )
    places = Mention.objects.values_list("pk", "report_id", "subject_ref", "position")
    return {
        (report, ref, position): f"entity:{top[linked[pk]]}"
        for pk, report, ref, position in places.iterator(chunk_size=10_000)
        if pk in linked
    }
