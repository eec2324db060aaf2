"""Analysts' decisions on entities: merge, split, and "not the same".

Resolution never destroys: a merge moves links (never mentions) and is
recorded as a positive judgement; a split undoes it exactly, using the
invariant of ``EntityMention`` (a link lives in its home's end of chain).
Every decision is an audited combination.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.access.models import User
from samverkan.access.policy import Action, NotFound, access_entity
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.linking import entity_current
from samverkan.entities.models import (
    Entity,
    EntityJudgement,
    EntityKind,
    EntityMention,
    Judgement,
    NearPair,
    NearRule,
    PersonRecordRow,
    ReviewStatus,
)


class JudgementError(ValueError):
    """The decision cannot be taken as asked; the message says why."""


def _pair(a: Entity, b: Entity) -> tuple[Entity, Entity]:
    if a.pk == b.pk:
        raise JudgementError(_("an entity cannot be judged against itself"))
    if a.kind != b.kind:
        raise JudgementError(
            _("a %(one)s and a %(other)s cannot be the same")
            % {"one": a.get_kind_display().lower(), "other": b.get_kind_display().lower()}
        )
    return (a, b) if a.pk < b.pk else (b, a)


def _inside(entity: Entity) -> set[int]:
    """The entity and every entity merged into it, directly or through others."""
    inside, frontier = {entity.pk}, [entity.pk]
    while frontier:
        frontier = list(
            Entity.objects.filter(merged_into_id__in=frontier).values_list("pk", flat=True)
        )
        inside.update(frontier)
    return inside


def _records(left: Entity, right: Entity) -> dict[str, list[str]]:
    """For person entities, the records inside each side: what the judgement is about.

    Remembered with the judgement so that it still holds when a later
    resolution run moves the records into other entities.
    """
    if left.kind != EntityKind.PERSON:
        return {}
    return {
        side: sorted(
            PersonRecordRow.objects.filter(home_id__in=_inside(entity)).values_list(
                "ref", flat=True
            )
        )
        for side, entity in (("left", left), ("right", right))
    }


def _audit(by: User, judgement: EntityJudgement, change: str) -> None:
    audit_record(
        actor=by,
        action=AuditAction.COMBINE,
        object_type="entity",
        object_id=str(judgement.left_id),
        purpose=judgement.reason if change != "split" else judgement.undo_reason,
        details={
            "change": change,
            "judgement": judgement.pk,
            "left": judgement.left_id,
            "right": judgement.right_id,
        },
    )


@transaction.atomic
def entity_merge(*, by: User, a_id: int, b_id: int, reason: str) -> EntityJudgement:
    """The two entities are the same: the higher-numbered goes inside the lower."""
    left, right = _pair(
        access_entity(by, a_id, Action.CHANGE), access_entity(by, b_id, Action.CHANGE)
    )
    if left.merged_into_id or right.merged_into_id:
        raise JudgementError(_("one of the entities is already merged into another"))
    live = EntityJudgement.objects.filter(left=left, right=right, undone_at__isnull=True).first()
    if live is not None and live.judgement == Judgement.NEGATIVE:
        raise JudgementError(
            _("an analyst has judged these two not to be the same; undo that first")
        )
    if live is not None:
        _undo(live, by=by, reason=f"replaced by a merge: {reason}")
    judgement = _merged(left, right, by=by, rule="", reason=reason)
    _audit(by, judgement, "merge")
    return judgement


def entity_merge_by_rule(
    *, a: Entity, b: Entity, rule: NearRule, evidence: dict[str, object]
) -> EntityJudgement | None:
    """Merge two keyed entities as a near-key rule found them; call inside a transaction.

    Merges the entities' current tops. Does nothing (returns None) when they
    are one already or any judgement, live or undone, was ever made between
    them: an analyst's "not the same", and a split of this very merge, stand.
    ``evidence`` (the keys and what their reports share) goes to the audit
    trail only: the judgement's reason is the rule, so it shows nothing a
    reader of the entity page may not see.
    """
    # Read again under lock: another transaction (the nightly sweep, a
    # concurrent report) may have merged either since it was loaded.
    a, b = (entity_current(Entity.objects.select_for_update().get(pk=e.pk)) for e in (a, b))
    if a.pk == b.pk:
        return None
    left, right = _pair(a, b)
    if EntityJudgement.objects.filter(left=left, right=right).exists():
        return None
    judgement = _merged(left, right, by=None, rule=rule, reason="")  # the rule is the reason
    _audit_by_rule(judgement, "merge", evidence)
    return judgement


def _audit_by_rule(judgement: EntityJudgement, change: str, details: dict[str, object]) -> None:
    audit_record(
        actor=None,
        actor_label="near-key rules",
        action=AuditAction.COMBINE,
        object_type="entity",
        object_id=str(judgement.left_id),
        purpose="near-key linking",
        details={
            "change": change,
            "judgement": judgement.pk,
            "left": judgement.left_id,
            "right": judgement.right_id,
            "rule": judgement.rule,
            **details,
        },
    )


def _merged(
    left: Entity, right: Entity, *, by: User | None, rule: str, reason: str
) -> EntityJudgement:
    judgement = EntityJudgement.objects.create(
        left=left,
        right=right,
        judgement=Judgement.POSITIVE,
        reason=reason,
        by=by,
        rule=rule,
        at=timezone.now(),
        records=_records(left, right),
    )
    EntityMention.objects.filter(entity=right).update(entity=left)
    Entity.objects.filter(pk=right.pk).update(merged_into=left)
    _near_pair_decided(left, right)
    return judgement


def _near_pair_decided(left: Entity, right: Entity) -> None:
    """A judgement between the two closes their open near pair, whoever made it."""
    NearPair.objects.filter(left=left, right=right, status=ReviewStatus.OPEN).update(
        status=ReviewStatus.DECIDED, decided_at=timezone.now()
    )


@transaction.atomic
def entity_split(*, by: User, judgement_id: int, reason: str) -> EntityJudgement:
    """Undo a merge exactly: every mention that came with the right entity goes back."""
    judgement = EntityJudgement.objects.select_for_update().filter(pk=judgement_id).first()
    if judgement is None:
        raise NotFound
    # Access first: whether a judgement the reader may not see is live must not show.
    access_entity(by, judgement.left_id, Action.CHANGE)
    if judgement.judgement != Judgement.POSITIVE or judgement.undone_at is not None:
        raise JudgementError(_("there is no such merge to undo"))
    _split_back(judgement)
    _undo(judgement, by=by, reason=reason)
    _audit(by, judgement, "split")
    return judgement


def entity_split_by_rule(*, judgement: EntityJudgement, reason: str) -> None:
    """Undo a rule's merge whose ground is gone; call inside a transaction.

    The pair then has a judgement, so no rule merges it again; an analyst still can.
    """
    _split_back(judgement)
    _undo(judgement, by=None, reason=reason)
    _audit_by_rule(judgement, "split", {"reason": reason})


def _split_back(judgement: EntityJudgement) -> None:
    """Every mention that came with the right entity goes back to it."""
    right = Entity.objects.get(pk=judgement.right_id)
    EntityMention.objects.filter(entity_id=judgement.left_id, home_id__in=_inside(right)).update(
        entity=right
    )
    Entity.objects.filter(pk=right.pk).update(merged_into=None)


@transaction.atomic
def entity_judge(
    *, by: User, a_id: int, b_id: int, judgement: Judgement, reason: str
) -> EntityJudgement:
    """Record "not the same" or "unsure"; "not the same" stops any automatic merge."""
    if judgement == Judgement.POSITIVE:
        raise JudgementError(_("use entity_merge to say two entities are the same"))
    left, right = _pair(
        access_entity(by, a_id, Action.CHANGE), access_entity(by, b_id, Action.CHANGE)
    )
    live = EntityJudgement.objects.filter(left=left, right=right, undone_at__isnull=True).first()
    if live is not None and live.judgement == Judgement.POSITIVE:
        raise JudgementError(_("these two are merged; split them first"))
    if live is not None:
        _undo(live, by=by, reason=f"replaced: {reason}")
    decided = EntityJudgement.objects.create(
        left=left,
        right=right,
        judgement=judgement,
        reason=reason,
        by=by,
        at=timezone.now(),
        records=_records(left, right),
    )
    _near_pair_decided(left, right)
    _audit(by, decided, judgement.value)
    return decided


def _undo(judgement: EntityJudgement, *, by: User | None, reason: str) -> None:
    judgement.undone_by, judgement.undone_at, judgement.undo_reason = by, timezone.now(), reason
    judgement.save(update_fields=["undone_by", "undone_at", "undo_reason"])
