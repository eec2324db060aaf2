"""Person resolution written into entities: the nightly batch over every person record.

Which mentions a person entity holds: the *descriptive* mentions of a person
subject (``DESCRIPTIVE``: names, nicknames, birth dates), the ones no
canonical key can link. A subject's phones, addresses and e-mail addresses
stay in their own entities (instant linking, ``entities.linking``), and so do
personal numbers: they keep their keyed person entity, and the model uses
them as evidence (two records with one personal number are one person).

Invariants:

- One person entity (``key=""``) per cluster that has a descriptive mention.
- Re-running on the same reports and judgements changes nothing: clusters
  are matched to the person entities that already hold most of their
  records, each entity to at most one cluster, and a record already in its
  cluster's entity (itself, or an entity merged into it) is not touched; so
  ids stay stable and an analyst's merge can still be split exactly.
- Analysts' judgements hold: a negative one keeps every record of one side
  apart from every record of the other; a positive one (a merge) keeps the
  merged entities' records in one cluster. A side's records are those in its
  entity now and those in it when judged, so a judgement survives a run that
  moved all of an entity's records elsewhere.
- Open review pairs are rewritten to what this run found; decided ones stay.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q

from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import (
    Entity,
    EntityJudgement,
    EntityKind,
    EntityMention,
    Judgement,
    LinkReason,
    PersonRecordRow,
    ReviewPair,
    ReviewStatus,
)
from samverkan.intake.mentions import MentionRow
from samverkan.intake.models import Mention
from samverkan.resolution.clustering import DEFAULT_THRESHOLDS, Thresholds
from samverkan.resolution.explanation import Explanation
from samverkan.resolution.model import load_model
from samverkan.resolution.records import PERSON_ROLES, PersonRecord, person_records
from samverkan.resolution.resolve import Judgements, resolve

DESCRIPTIVE = ("person_name", "nickname", "birth_date")
BLOCKING_COLUMNS = (
    "given_group",
    "last_name",
    "birth_date",
    "personal_number",
    "nickname",
    "email",
    "street",
    "house_number",
    "postcode",
)

Progress = Callable[[str], None]


@dataclass(slots=True)
class StoredRecord:
    """A person record with what the database holds about it."""

    record: PersonRecord
    report_id: int
    mentions: list[int] = field(default_factory=list)  # its descriptive mentions


@dataclass(frozen=True, slots=True)
class PeopleResolved:
    records: int
    entities: int
    created: int
    moved: int
    linked: int
    review: int
    scored_pairs: int


# ------------------------------------------------------------------ records


def stored_records(report_ids: Iterable[int] | None = None) -> list[StoredRecord]:
    """The person records of the stored reports (all, or these), in report order."""
    mentions = Mention.objects.filter(subject_role__in=PERSON_ROLES)
    if report_ids is not None:
        mentions = mentions.filter(report_id__in=list(report_ids))
    rows = mentions.order_by("report_id", "pk").values_list(
        "pk",
        "report_id",
        "report__external_id",
        "report__organisation__code",
        "report__organisation__country",
        "subject_ref",
        "subject_role",
        "position",
        "kind",
        "raw",
        "key",
    )
    by_report: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        by_report[row[1]].append(row)
    stored: list[StoredRecord] = []
    for report_id, report_rows in by_report.items():
        _, _, external_id, organisation, country = report_rows[0][:5]
        records = person_records(
            (MentionRow(r[5], r[6], r[7], r[8], r[9], r[10], "") for r in report_rows),
            organisation=organisation,
            report=external_id,
            country=country,
        )
        descriptive: dict[str, list[int]] = defaultdict(list)
        for r in report_rows:
            if r[8] in DESCRIPTIVE:
                descriptive[f"{organisation}/{external_id}/{r[5]}"].append(r[0])
        seen: set[str] = set()
        for record in records:
            # A subject named in two roles makes two records with one ref; the first counts.
            if record.ref in seen:
                continue
            seen.add(record.ref)
            stored.append(StoredRecord(record, report_id, descriptive.get(record.ref, [])))
    return stored


def record_row(stored: StoredRecord) -> PersonRecordRow:
    """The row that keeps a record's comparison form and blocking columns."""
    record = stored.record
    return PersonRecordRow(
        report_id=stored.report_id,
        ref=record.ref,
        fields=asdict(record),
        phone=record.phones[0] if record.phones else "",
        **{name: getattr(record, name) or "" for name in BLOCKING_COLUMNS},
    )


def record_of_row(fields: dict[str, Any]) -> PersonRecord:
    return PersonRecord(**{**fields, "phones": tuple(fields.get("phones") or ())})


def rows_ensure(records: list[StoredRecord]) -> dict[str, PersonRecordRow]:
    """Store the rows of records not stored yet; every record's row, by ref."""
    refs = [s.record.ref for s in records]
    existing = {r.ref: r for r in PersonRecordRow.objects.filter(ref__in=refs)}
    missing = [record_row(s) for s in records if s.record.ref not in existing]
    PersonRecordRow.objects.bulk_create(missing, batch_size=500, ignore_conflicts=True)
    if missing:
        existing = {r.ref: r for r in PersonRecordRow.objects.filter(ref__in=refs)}
    return existing


# --------------------------------------------------------------- entities


@dataclass(frozen=True, slots=True)
class PersonForest:
    """Person entities and analysts' merges: each one's current entity, and what is inside each."""

    tops: dict[int, int]
    inside: dict[int, set[int]]


def person_forest() -> PersonForest:
    """Every person entity's current entity (the end of its merge chain) and its members."""
    parent = dict(Entity.objects.filter(kind=EntityKind.PERSON).values_list("pk", "merged_into_id"))
    tops: dict[int, int] = {}
    inside: dict[int, set[int]] = defaultdict(set)
    for pk in parent:
        top: int | None = pk
        while top is not None:
            inside[top].add(pk)
            tops[pk] = top
            top = parent.get(top)
    return PersonForest(tops=tops, inside=inside)


def live_person_judgements() -> list[EntityJudgement]:
    return list(
        EntityJudgement.objects.filter(undone_at__isnull=True, left__kind=EntityKind.PERSON)
    )


def judgements_by_ref(
    rows: dict[str, PersonRecordRow], forest: PersonForest, judged: list[EntityJudgement]
) -> Judgements:
    """Entity judgements as record pairs: every record of one side against the other's.

    A side's records are those inside its entity now and those inside it
    when the analyst judged (``EntityJudgement.records``), so a judgement
    holds even after an earlier run moved all its records elsewhere.
    """
    at_home: dict[int, list[str]] = defaultdict(list)
    for ref, row in rows.items():
        if row.home_id is not None:
            at_home[row.home_id].append(ref)

    def refs(entity_id: int, remembered: list[str]) -> list[str]:
        members = forest.inside.get(entity_id, {entity_id})
        now = {ref for pk in members for ref in at_home.get(pk, [])}
        return sorted(now | {ref for ref in remembered if ref in rows})

    positive: set[tuple[str, str]] = set()
    negative: set[tuple[str, str]] = set()
    for judgement in judged:
        records = judgement.records or {}
        left = refs(judgement.left_id, records.get("left", []))
        right = refs(judgement.right_id, records.get("right", []))
        if judgement.judgement == Judgement.NEGATIVE:
            negative.update((a, b) for a in left for b in right)
        elif judgement.judgement == Judgement.POSITIVE and left:
            positive.update((left[0], b) for b in [*left[1:], *right])
    return Judgements(positive=frozenset(positive), negative=frozenset(negative))


def _judged_pairs(tops: dict[int, int], judged: list[EntityJudgement]) -> set[tuple[int, int]]:
    """Pairs of current entities an analyst has decided on: they leave the review queue."""
    pairs = set()
    for judgement in judged:
        a, b = tops.get(judgement.left_id), tops.get(judgement.right_id)
        if a is not None and b is not None and a != b:
            pairs.add((min(a, b), max(a, b)))
    return pairs


def clusters_write(
    records: list[StoredRecord],
    rows: dict[str, PersonRecordRow],
    cluster_of: list[int],
    tops: dict[int, int],
) -> tuple[list[int | None], int, int, int]:
    """Put each cluster's records into one person entity; each record's entity, and counts.

    Returns (entity of each record, entities created, records moved,
    mentions newly linked).
    """
    members: dict[int, list[int]] = defaultdict(list)
    for index, root in enumerate(cluster_of):
        members[root].append(index)
    overlap: dict[tuple[int, int], int] = defaultdict(int)
    for root, indices in members.items():
        for index in indices:
            home = rows[records[index].record.ref].home_id
            if home is not None and home in tops:
                overlap[(root, tops[home])] += max(1, len(records[index].mentions))
    target: dict[int, int] = {}
    taken: set[int] = set()
    for (root, top), _ in sorted(overlap.items(), key=lambda item: (-item[1], item[0][1])):
        if root not in target and top not in taken:
            target[root], taken = top, taken | {top}
    fresh = [
        root
        for root, indices in sorted(members.items())
        if root not in target and any(records[i].mentions for i in indices)
    ]
    made = Entity.objects.bulk_create(
        [Entity(kind=EntityKind.PERSON, key="") for _ in fresh], batch_size=500
    )
    target.update(zip(fresh, (entity.pk for entity in made), strict=True))
    entity_of: list[int | None] = [target.get(root) for root in cluster_of]
    moved, changed_rows = 0, []
    assignments: dict[int, int] = {}
    for index, entity_id in enumerate(entity_of):
        stored = records[index]
        row = rows[stored.record.ref]
        current = tops.get(row.home_id) if row.home_id is not None else None
        if entity_id is None or current == entity_id:
            continue
        row.home_id = entity_id
        changed_rows.append(row)
        moved += current is not None
        assignments.update(dict.fromkeys(stored.mentions, entity_id))
    PersonRecordRow.objects.bulk_update(changed_rows, ["home"], batch_size=500)
    linked = mentions_put(assignments)
    return entity_of, len(made), moved, linked


def mentions_put(assignments: dict[int, int]) -> int:
    """Link descriptive mentions (id → person entity), moving those linked elsewhere.

    Returns how many were not linked before.
    """
    linked = set(
        EntityMention.objects.filter(mention_id__in=list(assignments)).values_list(
            "mention_id", flat=True
        )
    )
    moving: dict[int, list[int]] = defaultdict(list)
    for mention_id in linked:
        moving[assignments[mention_id]].append(mention_id)
    for entity_id, mention_ids in moving.items():
        EntityMention.objects.filter(mention_id__in=mention_ids).update(
            entity_id=entity_id, home_id=entity_id, reason=LinkReason.MODEL
        )
    EntityMention.objects.bulk_create(
        [
            EntityMention(entity_id=e, home_id=e, mention_id=m, reason=LinkReason.MODEL)
            for m, e in assignments.items()
            if m not in linked
        ],
        batch_size=500,
    )
    return len(assignments) - len(linked)


# ------------------------------------------------------------------ review


@dataclass(frozen=True, slots=True)
class Candidate:
    left: int
    right: int
    left_ref: str
    right_ref: str
    score: float
    weights: Explanation


def candidates_of(
    pairs: Iterable[tuple[str, str, float, Explanation]],
    entity_of_ref: dict[str, int | None],
    decided: set[tuple[int, int]],
) -> dict[tuple[int, int], Candidate]:
    """The strongest record pair between each two person entities not yet decided on."""
    best: dict[tuple[int, int], Candidate] = {}
    for a_ref, b_ref, score, weights in pairs:
        a, b = entity_of_ref.get(a_ref), entity_of_ref.get(b_ref)
        if a is None or b is None or a == b:
            continue
        if a > b:
            a, b, a_ref, b_ref = b, a, b_ref, a_ref
        if (a, b) in decided:
            continue
        if (a, b) not in best or score > best[(a, b)].score:
            best[(a, b)] = Candidate(a, b, a_ref, b_ref, score, weights)
    return best


def review_sync(wanted: dict[tuple[int, int], Candidate], *, only: set[int] | None = None) -> int:
    """Make the open review pairs those wanted; with ``only``, touch pairs of those entities.

    Returns how many open pairs there are afterwards among those touched.
    """
    open_pairs = ReviewPair.objects.filter(status=ReviewStatus.OPEN)
    if only is not None:
        open_pairs = open_pairs.filter(Q(left_id__in=only) | Q(right_id__in=only))
    existing = {(p.left_id, p.right_id): p for p in open_pairs}
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    ReviewPair.objects.filter(pk__in=stale).delete()
    new = []
    for key, candidate in wanted.items():
        pair = existing.get(key)
        fields = {
            "left_ref": candidate.left_ref,
            "right_ref": candidate.right_ref,
            "score": candidate.score,
            "weights": candidate.weights,
        }
        if pair is None:
            new.append(ReviewPair(left_id=key[0], right_id=key[1], **fields))
        elif any(getattr(pair, name) != value for name, value in fields.items()):
            ReviewPair.objects.filter(pk=pair.pk).update(**fields)
    ReviewPair.objects.bulk_create(new, batch_size=500)
    return len(wanted)


# -------------------------------------------------------------------- batch


@transaction.atomic
def people_resolve(
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    model: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> PeopleResolved:
    """Re-resolve every person record the database holds and write the result into entities."""
    say = progress or (lambda _: None)
    say("reading person records")
    records = stored_records()
    rows = rows_ensure(records)
    forest = person_forest()
    judged = live_person_judgements()
    resolution = resolve(
        [s.record for s in records],
        model=model or load_model(),
        thresholds=thresholds,
        judgements=judgements_by_ref(rows, forest, judged),
        progress=say,
        explain=True,
    )
    say("writing person entities")
    entity_of, created, moved, linked = clusters_write(
        records, rows, resolution.cluster_of, forest.tops
    )
    tops = person_forest().tops
    refs = [s.record.ref for s in records]
    entity_of_ref = {ref: entity_of[i] for i, ref in enumerate(refs)}
    pairs = (
        (refs[p.left], refs[p.right], p.probability, resolution.explanations[(p.left, p.right)])
        for p in resolution.review
    )
    wanted = candidates_of(pairs, entity_of_ref, _judged_pairs(tops, judged))
    review = review_sync(wanted)
    result = PeopleResolved(
        records=len(records),
        entities=len({e for e in entity_of if e is not None}),
        created=created,
        moved=moved,
        linked=linked,
        review=review,
        scored_pairs=resolution.scored_pairs,
    )
    audit_record(
        actor=None,
        actor_label="resolution",
        action=AuditAction.COMBINE,
        object_type="person_resolution",
        purpose="person resolution run",
        details=asdict(result),
    )
    say(
        f"{result.records:,} records in {result.entities:,} person entities "
        f"({created:,} new, {moved:,} records moved, {linked:,} mentions linked); "
        f"{review:,} pairs to review"
    )
    return result
