"""The analysts' review queue: pairs of person entities the model is unsure of.

Reads go through ``access.policy.review_pairs_visible_to`` (a pair with a
side the reader may not see does not exist for them) and each read that
shows names writes one consultation event. Deciding calls the entity
judgement services (audited as combinations) and closes the pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from samverkan.access.models import User
from samverkan.access.policy import (
    access_review_pair,
    reports_visible_to,
    review_pairs_visible_to,
)
from samverkan.access.purpose import Purpose
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import (
    EntityJudgement,
    Judgement,
    PersonRecordRow,
    ReviewPair,
    ReviewStatus,
)
from samverkan.entities.selectors import _visible_links, entity_displays
from samverkan.entities.services import entity_judge, entity_merge
from samverkan.entities.waterfall import Waterfall, waterfall
from samverkan.intake.labels import MENTION_KINDS
from samverkan.intake.models import Mention

PAGE_SIZE = 25
SAID_SHOWN = 30  # different things said of one side
MERGE = "merge"  # the decision "the same", which merges the two entities


@dataclass(frozen=True, slots=True)
class Said:
    """One thing a report said about one side of the pair."""

    kind: str
    label: str  # the kind in words
    raw: str
    report_id: int
    organisation: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class Heard:
    """One thing said of a person entity, and how often: in how many reports, last when."""

    label: str
    raw: str
    reports: int
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class Side:
    entity_id: int
    display: str
    record: list[Said]  # the compared record: everything its report said of that subject
    said: list[Heard]  # what the entity holds (names, nicknames, birth dates), most said first


@dataclass(frozen=True, slots=True)
class PairView:
    pair: ReviewPair
    left: Side
    right: Side
    waterfall: Waterfall


@transaction.atomic
def review_pairs_list(
    *, reader: User, purpose: Purpose, page: int
) -> tuple[Page[ReviewPair], dict[int, str]]:
    """One page of the queue, strongest first, and each side's name as the reader may see it."""
    pairs = review_pairs_visible_to(reader=reader).order_by("-score", "pk")
    shown = Paginator(pairs, PAGE_SIZE).get_page(page)
    entities = [e for p in shown for e in (p.left, p.right)]
    displays = entity_displays(entities, reader)
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="review_queue",
        purpose=str(purpose),
        details={"pairs": [p.pk for p in shown], "page": shown.number},
    )
    return shown, displays


def _side(reader: User, entity_id: int, display: str, ref: str) -> Side:
    rows = (
        _visible_links(reader)
        .filter(entity_id=entity_id)
        .values_list("mention__kind", "mention__raw")
        .annotate(
            n=Count("mention__report", distinct=True), last=Max("mention__report__occurred_at")
        )
        .order_by("-n", "-last", "mention__raw")[:SAID_SHOWN]
    )
    return Side(
        entity_id=entity_id,
        display=display,
        record=_record(reader, ref),
        said=[
            Heard(label=str(MENTION_KINDS.get(kind, kind)), raw=raw, reports=n, last_seen=last)
            for kind, raw, n, last in rows
        ],
    )


def _record(reader: User, ref: str) -> list[Said]:
    """The subject a compared record was made from, if the reader may see its report.

    The person entity holds only names and birth dates; the phones and
    addresses the model also compared live in their own entities, and the
    analyst needs them beside the waterfall.
    """
    report_id = PersonRecordRow.objects.filter(ref=ref).values_list("report_id", flat=True).first()
    if report_id is None:
        return []
    mentions = (
        Mention.objects.filter(report_id=report_id, report__in=reports_visible_to(reader=reader))
        .select_related("report__organisation")
        .order_by("position")
    )
    return [
        _said(m)
        for m in mentions
        if f"{m.report.organisation.code}/{m.report.external_id}/{m.subject_ref}" == ref
    ]


def _said(mention: Mention) -> Said:
    report = mention.report
    return Said(
        kind=mention.kind,
        label=str(MENTION_KINDS.get(mention.kind, mention.kind)),
        raw=mention.raw,
        report_id=report.pk,
        organisation=report.organisation.name,
        occurred_at=report.occurred_at,
    )


@transaction.atomic
def review_pair_read(*, reader: User, pair_id: int, purpose: Purpose) -> PairView:
    """A pair side by side, as far as the reader may see each side; ``NotFound`` otherwise."""
    pair = access_review_pair(reader, pair_id)
    displays = entity_displays([pair.left, pair.right], reader)
    view = PairView(
        pair=pair,
        left=_side(reader, pair.left_id, displays[pair.left_id], pair.left_ref),
        right=_side(reader, pair.right_id, displays[pair.right_id], pair.right_ref),
        waterfall=waterfall(pair.weights),
    )
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="review_pair",
        object_id=str(pair.pk),
        purpose=str(purpose),
        details={
            "left": pair.left_id,
            "right": pair.right_id,
            "reports": sorted(
                {said.report_id for side in (view.left, view.right) for said in side.record}
            ),
        },
    )
    return view


@transaction.atomic
def review_pair_decide(*, by: User, pair_id: int, decision: str, reason: str) -> EntityJudgement:
    """The analyst's decision on a pair: the same (merge), not the same, or unsure."""
    pair = access_review_pair(by, pair_id)
    if decision == MERGE:
        judgement = entity_merge(by=by, a_id=pair.left_id, b_id=pair.right_id, reason=reason)
    else:
        judgement = entity_judge(
            by=by,
            a_id=pair.left_id,
            b_id=pair.right_id,
            judgement=Judgement(decision),
            reason=reason,
        )
    ReviewPair.objects.filter(pk=pair.pk).update(
        status=ReviewStatus.DECIDED, judgement=judgement, decided_at=timezone.now()
    )
    return judgement
