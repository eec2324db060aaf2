"""A new report's people, scored on arrival against the person entities that exist.

Runs in the worker's sweep every minute (``people_arrivals_score``, from
``entities.tasks``), never in the submitting request. Invariants:

- Only records that the blocking rules could pair with a new record are read
  (``candidates``, indexed columns of ``PersonRecordRow``), so the cost does
  not grow with the database; the model's prior is scaled to every stored
  record, so a pair scores as the nightly batch would score it.
- A new record joins the entity of its strongest candidate at or above the
  auto-link threshold; without one it starts its own person entity. Pairs
  between the thresholds go to the review queue. Nothing existing is moved:
  the nightly batch (``entities.people``) reconsiders everything.
- Scoring a report twice changes nothing: a record that has an entity is done.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import Entity, EntityKind, PersonRecordRow, ReviewPair, ReviewStatus
from samverkan.entities.people import (
    DESCRIPTIVE,
    Candidate,
    StoredRecord,
    candidates_of,
    live_person_judgements,
    mentions_put,
    person_forest,
    record_of_row,
    rows_ensure,
    stored_records,
)
from samverkan.intake.models import Mention
from samverkan.resolution.clustering import DEFAULT_THRESHOLDS, Thresholds, compatible
from samverkan.resolution.explanation import Explanation, explanation_of
from samverkan.resolution.model import load_model
from samverkan.resolution.records import PERSON_ROLES, PersonRecord
from samverkan.resolution.resolve import record_traits
from samverkan.resolution.scoring import PRIOR_KEY, score_pairs
from samverkan.resolution.table import records_table

# A name as common as "Anders Johansson" must not make one report read half the database.
MAX_CANDIDATES = 2000

# (columns that must all agree) — the model's blocking rules, on stored columns.
_BLOCKS = (
    ("personal_number",),
    ("phone",),
    ("given_group", "last_name"),
    ("given_group", "birth_date"),
    ("last_name", "birth_date"),
    ("given_group", "street", "house_number"),
    ("last_name", "postcode", "house_number"),
    ("nickname",),
    ("email",),
)

_MODEL: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class Arrival:
    records: int
    candidates: int
    joined: int
    created: int
    review: int


def candidates(rows: list[PersonRecordRow]) -> list[PersonRecordRow]:
    """Stored records in a person entity that share a blocking key with one of ``rows``."""
    condition = Q(pk__in=[])
    for row in rows:
        for columns in _BLOCKS:
            values = {column: getattr(row, column) for column in columns}
            if all(values.values()):
                condition |= Q(**values)
    return list(
        PersonRecordRow.objects.filter(condition, home__isnull=False)
        .exclude(report_id__in={row.report_id for row in rows})
        .order_by("pk")[:MAX_CANDIDATES]
    )


@transaction.atomic
def report_people_score(*, report_id: int, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Arrival:
    """Put a stored report's person records into person entities; queue doubtful pairs."""
    records = [s for s in stored_records([report_id]) if s.mentions]
    rows = rows_ensure(records)
    pending = [s for s in records if rows[s.record.ref].home_id is None]
    if not pending:
        return Arrival(0, 0, 0, 0, 0)
    found = candidates([rows[s.record.ref] for s in pending])
    forest = person_forest()
    target: dict[str, int] = {}
    doubtful: list[Doubt] = []
    entity_of_ref: dict[str, int | None] = {}
    if found:
        target, doubtful, entity_of_ref = _scored(pending, found, forest.tops, thresholds)
    created = 0
    for stored in pending:
        ref = stored.record.ref
        if ref not in target:
            target[ref] = Entity.objects.create(kind=EntityKind.PERSON, key="").pk
            created += 1
        rows[ref].home_id = target[ref]
        mentions_put(dict.fromkeys(stored.mentions, target[ref]))
    PersonRecordRow.objects.bulk_update([rows[s.record.ref] for s in pending], ["home"])
    entity_of_ref.update(target)
    queued = _review_add(candidates_of(doubtful, entity_of_ref, _decided(forest.tops)))
    arrival = Arrival(len(pending), len(found), len(pending) - created, created, queued)
    audit_record(
        actor=None,
        actor_label="resolution",
        action=AuditAction.COMBINE,
        object_type="report",
        object_id=str(report_id),
        purpose="person resolution on arrival",
        details={
            "records": arrival.records,
            "candidates": arrival.candidates,
            "joined": arrival.joined,
            "created": arrival.created,
            "review": arrival.review,
        },
    )
    return arrival


Doubt = tuple[str, str, float, Explanation]


def _scored(
    pending: list[StoredRecord],
    found: list[PersonRecordRow],
    tops: dict[int, int],
    thresholds: Thresholds,
) -> tuple[dict[str, int], list[Doubt], dict[str, int | None]]:
    """Score the new records against the candidates: where each joins, pairs to review.

    Returns the entity each new record joins (those above the auto-link
    threshold), the pairs between the thresholds, and each candidate's entity.
    """
    records: list[PersonRecord] = [s.record for s in pending]
    records += [record_of_row(row.fields) for row in found]
    entity_of: list[int | None] = [None] * len(pending)
    entity_of += [tops.get(row.home_id) if row.home_id else None for row in found]
    if not _MODEL:
        _MODEL.update(load_model())
    scored = score_pairs(
        records_table(records),
        _MODEL,
        threshold=thresholds.review,
        explain=True,
        rows=max(PersonRecordRow.objects.count(), len(records)),
    )
    prior = float((scored.schema.metadata or {})[PRIOR_KEY.encode()])
    new = len(pending)
    target: dict[str, int] = {}
    doubtful = []
    for row in scored.to_pylist():  # strongest first
        left, right = row["left_id"], row["right_id"]
        if (left < new) == (right < new):
            continue  # two new records, or two old ones: the batch's business
        mine, theirs = (left, right) if left < new else (right, left)
        entity = entity_of[theirs]
        if entity is None:
            continue
        ref = records[mine].ref
        if row["match_probability"] >= thresholds.auto_link and compatible(
            record_traits(records[mine]), record_traits(records[theirs])
        ):
            # As in the batch: no join against a strong disagreement on name, birth or home.
            target.setdefault(ref, entity)
        else:
            doubtful.append((ref, records[theirs].ref, row["match_probability"], row))
    entity_of_ref = {r.ref: e for r, e in zip(records[new:], entity_of[new:], strict=True)}
    pairs = [(a, b, score, explanation_of(row, prior=prior)) for a, b, score, row in doubtful]
    return target, pairs, entity_of_ref


def _decided(tops: dict[int, int]) -> set[tuple[int, int]]:
    pairs = set()
    for judgement in live_person_judgements():
        a, b = tops.get(judgement.left_id), tops.get(judgement.right_id)
        if a is not None and b is not None and a != b:
            pairs.add((min(a, b), max(a, b)))
    return pairs


def _review_add(wanted: dict[tuple[int, int], Candidate]) -> int:
    """Add pairs to the review queue; an open pair of the same entities keeps the stronger."""
    added = 0
    for (left, right), candidate in wanted.items():
        pair = ReviewPair.objects.filter(
            left_id=left, right_id=right, status=ReviewStatus.OPEN
        ).first()
        fields = {
            "left_ref": candidate.left_ref,
            "right_ref": candidate.right_ref,
            "score": candidate.score,
            "weights": candidate.weights,
        }
        if pair is None:
            ReviewPair.objects.create(left_id=left, right_id=right, **fields)
            added += 1
        elif candidate.score > pair.score:
            ReviewPair.objects.filter(pk=pair.pk).update(**fields)
    return added


# More waiting reports than this (a bulk load) are cheaper resolved in one batch.
ARRIVAL_BATCH = 200


def _waiting() -> QuerySet[Mention, int]:
    return (
        Mention.objects.filter(
            subject_role__in=PERSON_ROLES, kind__in=DESCRIPTIVE, entity_link__isnull=True
        )
        .values_list("report_id", flat=True)
        .distinct()
        .order_by("report_id")
    )


def reports_waiting(*, limit: int) -> list[int]:
    """Reports (oldest first, at most ``limit``) naming people not yet in a person entity."""
    return list(_waiting()[:limit])


def people_arrivals_score(*, batch: int = ARRIVAL_BATCH) -> int:
    """The worker's sweep: score every report whose people wait; returns how many reports.

    Nothing is queued per report, so the submitting request pays nothing and
    a lost queue loses nothing: what waits is read from the database. After a
    bulk load the whole batch resolution runs instead, once.
    """
    waiting = reports_waiting(limit=batch + 1)
    if len(waiting) > batch:
        from samverkan.entities.people import people_resolve

        count = _waiting().count()
        people_resolve()
        return count
    for report_id in waiting:
        report_people_score(report_id=report_id)
    return len(waiting)
