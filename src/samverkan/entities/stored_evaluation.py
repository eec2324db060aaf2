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

import itertools
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from samverkan.entities.models import Entity, EntityMention
from samverkan.entities.people import DESCRIPTIVE
from samverkan.intake.models import Report
from samverkan.resolution.evaluation import KindResult
from samverkan.resolution.metrics import agreement
from samverkan.resolution.records import PERSON_ROLES
from samverkan.resolution.world import IDENTIFIER_ENTITY_KINDS

MentionAt = tuple[int, str, int]  # report id, subject ref, position
T = TypeVar("T")
# World reports read, and their mentions looked up, at a time.
_CHUNK = 5_000


class WorldNotStoredError(Exception):
    """The database does not hold the world: a report of it is missing."""


def stored_results(folder: Path) -> list[KindResult]:
    """Score the stored entities of every identifier kind, and persons, against ``folder``.

    Reads the world and the database a chunk of reports at a time: at a
    country's size only the entity tops (one int each) and the labels are
    held whole.
    """
    reports = _stored_reports()
    top = _entity_tops()
    labels: dict[str, tuple[list[int], list[str]]] = defaultdict(lambda: ([], []))
    alone = itertools.count(-1, -1)  # labels no entity bears: a cluster of its own each
    for chunk in _chunks(_world_reports(folder), _CHUNK):
        ids = []
        for organisation, payload, _truth in chunk:
            report = reports.get((organisation, payload["external_id"]))
            if report is None:
                raise WorldNotStoredError(
                    f"Report {payload['external_id']} of {organisation} is not in the database: "
                    "load the world with `samverkan load` first."
                )
            ids.append(report)
        entity_of = _linked_entities(ids, top)
        for report, (_organisation, payload, truth) in zip(ids, chunk, strict=True):
            _label_report(report, payload, truth, entity_of, labels, alone)
    return [
        KindResult(kind, "stored", agreement(predicted, true))
        for kind, (predicted, true) in sorted(labels.items())
    ]


def _label_report(
    report: int,
    payload: dict[str, Any],
    truth: dict[str, Any],
    entity_of: dict[MentionAt, int],
    labels: dict[str, tuple[list[int], list[str]]],
    alone: Iterator[int],
) -> None:
    """Add one report's mentions to ``labels``: the stored entity, and the truth.

    A mention linked to no entity takes a label of its own from ``alone``.
    """
    truths = {subject["ref"]: subject for subject in truth["subjects"]}
    for subject in payload["subjects"]:
        ref = subject["ref"]
        facts = truths[ref]
        named = _person_truth(subject, facts)
        person: int | None = None
        for position, mention in enumerate(subject["mentions"]):
            at = (report, ref, position)
            entity = entity_of.get(at)
            kind = IDENTIFIER_ENTITY_KINDS.get(mention["kind"])
            if kind is not None:
                predicted, true = labels[kind]
                predicted.append(entity if entity is not None else next(alone))
                true.append(facts["mentions"][position]["entity"])
            if person is None and mention["kind"] in DESCRIPTIVE:
                person = entity
        if named is not None:
            predicted, true = labels["person"]
            predicted.append(person if person is not None else next(alone))
            true.append(named)


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


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _stored_reports() -> dict[tuple[str, str], int]:
    rows = Report.objects.values_list("organisation__code", "external_id", "pk")
    return {(code, external): pk for code, external, pk in rows.iterator(chunk_size=10_000)}


def _entity_tops() -> dict[int, int]:
    """Every entity's top (the entity it is merged into, followed to the end)."""
    merged_into = dict(
        Entity.objects.exclude(merged_into=None)
        .values_list("pk", "merged_into_id")
        .iterator(chunk_size=10_000)
    )
    top = {}
    for pk in merged_into:
        root = pk
        while root in merged_into:
            root = merged_into[root]
        top[pk] = root
    return top


def _linked_entities(reports: list[int], top: dict[int, int]) -> dict[MentionAt, int]:
    """The entity (as merged now) of every linked mention of ``reports``, by its place."""
    links = EntityMention.objects.filter(mention__report_id__in=reports).values_list(
        "mention__report_id", "mention__subject_ref", "mention__position", "entity_id"
    )
    # An entity created while this runs has no top yet: it is its own.
    return {(report, ref, at): top.get(pk, pk) for report, ref, at, pk in links}
