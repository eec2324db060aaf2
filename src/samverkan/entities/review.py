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
from django.utils import timezone

from samverkan.access.models import User
from samverkan.access.policy import access_review_pair, review_pairs_visible_to
from samverkan.access.purpose import Purpose
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import (
    EntityJudgement,
    EntityMention,
    Judgement,
    ReviewPair,
    ReviewStatus,
)
from samverkan.entities.selectors import _displays, _visible_links
from samverkan.entities.services import entity_judge, entity_merge
from samverkan.entities.waterfall import Waterfall, waterfall

PAGE_SIZE = 25
MERGE = "merge"  # the decision "the same", which merges the two entities


@dataclass(frozen=True, slots=True)
class Said:
    """One thing a report said about one side of the pair."""

    kind: str
    raw: str
    report_id: int
    organisation: str
    occurred_at: datetime


@dataclass(frozen=True, slots=True)
class Side:
    entity_id: int
    display: str
    said: list[Said]


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
    displays = _displays(entities, reader)
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="review_queue",
        purpose=str(purpose),
        details={"pairs": [p.pk for p in shown], "page": shown.number},
    )
    return shown, displays


def _side(reader: User, entity_id: int, display: str) -> Side:
    links = (
        _visible_links(reader)
        .filter(entity_id=entity_id)
        .select_related("mention__report__organisation")
        .order_by("-mention__report__occurred_at", "mention__position")[:50]
    )
    return Side(
        entity_id=entity_id,
        display=display,
        said=[_said(link) for link in links],
    )


def _said(link: EntityMention) -> Said:
    report = link.mention.report
    return Said(
        kind=link.mention.kind,
        raw=link.mention.raw,
        report_id=report.pk,
        organisation=report.organisation.name,
        occurred_at=report.occurred_at,
    )


@transaction.atomic
def review_pair_read(*, reader: User, pair_id: int, purpose: Purpose) -> PairView:
    """A pair side by side, as far as the reader may see each side; ``NotFound`` otherwise."""
    pair = access_review_pair(reader, pair_id)
    displays = _displays([pair.left, pair.right], reader)
    view = PairView(
        pair=pair,
        left=_side(reader, pair.left_id, displays[pair.left_id]),
        right=_side(reader, pair.right_id, displays[pair.right_id]),
        waterfall=waterfall(pair.weights),
    )
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="review_pair",
        object_id=str(pair.pk),
        purpose=str(purpose),
        details={"left": pair.left_id, "right": pair.right_id},
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
