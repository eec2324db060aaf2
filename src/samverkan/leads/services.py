"""Every change of a lead: made, rescored, offered, accepted, declined, expired, escalated,
reassigned, closed — each in one transaction with its history event, its
notifications and its audit event.

Invariant (the database checks part of it, ``tests/leads`` the rest): every
lead always has an owner, a status and a deadline; it is closed only with an
outcome; a decline or an expiry always hands it on (``chain``) or puts it
back in the queue with a new deadline — never nowhere.
"""

from __future__ import annotations

import datetime
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    Forbidden,
    coordinates_leads,
    lead_owners_in,
    may_answer_offer,
    may_close_lead,
    may_make_lead,
    may_reassign_lead,
)
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import Entity, EntityMention
from samverkan.intake.models import Report
from samverkan.leads import capacity
from samverkan.leads.allocation import Candidate, allocate
from samverkan.leads.chain import next_holder
from samverkan.leads.evidence import Fact, facts_for, facts_grouped, shared_reports
from samverkan.leads.models import (
    Capacity,
    DeclineReason,
    EvidenceMark,
    Lead,
    LeadEvent,
    LeadEventKind,
    LeadOrigin,
    LeadStatus,
    Offer,
    OfferState,
    OfferVia,
    Outcome,
)
from samverkan.leads.notifications import coordinators_of, notify, people_of
from samverkan.leads.routing import Districts, route
from samverkan.leads.scoring import Term, score_of, score_terms
from samverkan.leads.weights import WEIGHTS

# Entities scored per round of queries in ``leads_detect``.
DETECT_CHUNK = 500


class LeadError(ValueError):
    """A change the lead's state does not allow; the message says why, for the user."""


@dataclass(frozen=True, slots=True)
class Detection:
    created: int
    rescored: int


def _days(days: int) -> datetime.timedelta:
    return datetime.timedelta(days=days)


# --- making and scoring ------------------------------------------------------


def leads_detect(
    *, entity_ids: Iterable[int] | None = None, now: datetime.datetime | None = None
) -> Detection:
    """Score entities (all, or these) over shared evidence; make leads, rescore open ones.

    An entity becomes a lead when its score reaches ``WEIGHTS.threshold`` and
    it is named in at least two reports: one report alone never makes a lead.
    An entity whose last lead was closed makes a new one only when its score
    rose by ``WEIGHTS.jump`` since.
    """
    now = now or timezone.now()
    districts = Districts.load()
    entities = Entity.objects.filter(merged_into__isnull=True)
    if entity_ids is not None:
        entities = entities.filter(pk__in=list(entity_ids))
    shared = shared_reports()
    named = (
        EntityMention.objects.filter(entity__in=entities, mention__report__in=shared)
        .values("entity_id")
        .annotate(reports=Count("mention__report", distinct=True))
        .filter(reports__gte=2)
        .values_list("entity_id", flat=True)
        .order_by("entity_id")
    )
    candidates = sorted(named)
    created = rescored = 0
    done: set[int] = set()  # leads rescored in this run (a lead may hold several entities)
    for start in range(0, len(candidates), DETECT_CHUNK):
        chunk = candidates[start : start + DETECT_CHUNK]
        latest = _latest_leads(chunk)
        groups: dict[Hashable, list[int]] = {}
        for entity_id in chunk:
            lead = latest.get(entity_id)
            if lead is not None and lead.status != LeadStatus.CLOSED:
                groups[("lead", lead.pk)] = list(lead.entities.values_list("pk", flat=True))
            else:
                groups[("entity", entity_id)] = [entity_id]
        facts = facts_grouped(groups=groups, reports=shared)
        for entity_id in chunk:
            lead = latest.get(entity_id)
            if lead is not None and lead.status != LeadStatus.CLOSED:
                if lead.pk in done:
                    continue
                done.add(lead.pk)
                found = facts.get(("lead", lead.pk), [])
                if score_of(score_terms(found)) == lead.score:
                    continue
                with transaction.atomic():
                    locked = _locked(lead)
                    if locked.status != LeadStatus.CLOSED:
                        rescored += lead_rescore(lead=locked, now=now, facts=found)
                continue
            found = facts.get(("entity", entity_id), [])
            terms = score_terms(found)
            score = score_of(terms)
            if score < WEIGHTS.threshold:
                continue
            if lead is not None and score < lead.score + WEIGHTS.jump:
                continue
            with transaction.atomic():
                if Lead.objects.filter(entities=entity_id).exclude(status=LeadStatus.CLOSED):
                    continue  # made meanwhile, by an analyst or another run
                entity = Entity.objects.get(pk=entity_id)
                _create(
                    entity=entity, facts=found, terms=terms, by=None, now=now, districts=districts
                )
                created += 1
    return Detection(created=created, rescored=rescored)


def _latest_leads(entity_ids: Sequence[int]) -> dict[int, Lead]:
    """The newest lead of each entity that has one."""
    latest: dict[int, Lead] = {}
    through = Lead.entities.through.objects.filter(entity_id__in=entity_ids).order_by("lead_id")
    leads = {lead.pk: lead for lead in Lead.objects.filter(entities__in=entity_ids).distinct()}
    for link in through:
        latest[link.entity_id] = leads[link.lead_id]
    return latest


def leads_refresh(*, now: datetime.datetime | None = None) -> int:
    """Score the entities that new mentions linked into since the last call.

    The mark moves in the same transaction as the scoring, so a worker that
    dies midway scores the same links again next time: nothing is skipped.
    """
    with transaction.atomic():
        mark, _ = EvidenceMark.objects.select_for_update().get_or_create(pk=1)
        newest = EntityMention.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        if newest <= mark.last_link_id:
            return 0
        touched = (
            EntityMention.objects.filter(pk__gt=mark.last_link_id, pk__lte=newest)
            .values_list("entity_id", flat=True)
            .distinct()
        )
        done = leads_detect(entity_ids=set(touched), now=now)
        mark.last_link_id = newest
        mark.save(update_fields=["last_link_id"])
        return done.created + done.rescored


def lead_make(*, entity: Entity, by: User, now: datetime.datetime | None = None) -> Lead:
    """An analyst makes a lead from an entity, whatever its score."""
    if not may_make_lead(by):
        raise Forbidden
    now = now or timezone.now()
    with transaction.atomic():
        existing = Lead.objects.filter(entities=entity).exclude(status=LeadStatus.CLOSED).first()
        if existing is not None:
            return existing
        facts = facts_for(entity_ids=[entity.pk], reports=shared_reports())
        return _create(
            entity=entity,
            facts=facts,
            terms=score_terms(facts),
            by=by,
            now=now,
            districts=Districts.load(),
        )


def lead_entity_add(
    *, lead: Lead, entity: Entity, by: User, now: datetime.datetime | None = None
) -> Lead:
    """An analyst adds a linked entity (the backer's second phone, a drop address) to a lead.

    The lead then scores and routes over the evidence of all its entities.
    """
    if not may_make_lead(by):
        raise Forbidden
    now = now or timezone.now()
    with transaction.atomic():
        lead = _locked(lead)
        if lead.status == LeadStatus.CLOSED:
            raise LeadError("a closed lead takes no more entities")
        if lead.entities.filter(pk=entity.pk).exists():
            return lead
        lead.entities.add(entity)
        _audit(lead, AuditAction.COMBINE, by=by, details={"entity_added": entity.pk})
        lead_rescore(lead=lead, now=now)
        return lead


def _create(
    *,
    entity: Entity,
    facts: Sequence[Fact],
    terms: Sequence[Term],
    by: User | None,
    now: datetime.datetime,
    districts: Districts,
) -> Lead:
    # An analyst's lead starts with the analyst's organisation; a scored one
    # with whoever reported first.
    originator_id = by.organisation_id if by is not None else facts[0].organisation_id
    assert originator_id is not None
    originator = Organisation.objects.get(pk=originator_id)
    way = route(facts=facts, districts=districts, fallback_country=originator.country)
    lead = Lead.objects.create(
        title=entity.key or f"#{entity.pk}",
        origin=LeadOrigin.ANALYST if by else LeadOrigin.SCORE,
        created_by=by,
        created_at=now,
        originator=originator,
        routed_to_id=way.organisation_id,
        route_votes=way.votes,
        route_places=way.places,
        cross_border=way.cross_border,
        affinity={str(org): value for org, value in sorted(way.affinity.items())},
        status=LeadStatus.QUEUED,
        owner_id=way.organisation_id,
        deadline=now + _days(settings.LEAD_QUEUE_DAYS),
        score=score_of(terms),
        score_terms=[t.as_json() for t in terms],
        scored_at=now,
    )
    lead.entities.add(entity)
    Report.objects.filter(pk__in=[f.report_id for f in facts]).update(retention_hold=True)
    _event(lead, LeadEventKind.CREATED, at=now, by=by, details={"score": lead.score})
    _audit(
        lead,
        AuditAction.COMBINE,
        by=by,
        details={"entity": entity.pk, "score": lead.score, "routed_to": way.organisation_id},
    )
    return lead


def lead_rescore(
    *, lead: Lead, now: datetime.datetime | None = None, facts: Sequence[Fact] | None = None
) -> int:
    """Score an open lead again over its shared evidence; 1 if the score changed.

    A rise of ``WEIGHTS.jump`` or more tells its owner: the named person if
    accepted, else the coordinators of the organisation that holds it.
    """
    now = now or timezone.now()
    if facts is None:
        entity_ids = list(lead.entities.values_list("pk", flat=True))
        facts = facts_for(entity_ids=entity_ids, reports=shared_reports())
    terms = score_terms(facts)
    score = score_of(terms)
    if score == lead.score:
        return 0
    old = lead.score
    lead.score, lead.score_terms, lead.scored_at = score, [t.as_json() for t in terms], now
    lead.save(update_fields=["score", "score_terms", "scored_at"])
    Report.objects.filter(pk__in=[f.report_id for f in facts]).update(retention_hold=True)
    event = _event(lead, LeadEventKind.RESCORED, at=now, details={"old": old, "new": score})
    if score - old >= WEIGHTS.jump:
        owners = [lead.assignee] if lead.assignee else coordinators_of(lead.owner_id)
        notify(event=event, users=owners)
    return 1


# --- offering ----------------------------------------------------------------


def leads_allocate(*, now: datetime.datetime | None = None) -> int:
    """Offer waiting leads to districts within this week's free capacity, best total first.

    Who may take a lead is its ``affinity`` minus whoever already refused it;
    the value of a pair is the lead's score times the fit. Returns how many
    leads were offered.
    """
    now = now or timezone.now()
    week = capacity.week_of(timezone.localtime(now))
    queued = list(Lead.objects.filter(status=LeadStatus.QUEUED).order_by("pk"))
    if not queued:
        return 0
    refused = _refused([lead.pk for lead in queued])
    candidates = [
        Candidate(lead=lead.pk, district=int(org), value=max(lead.score, 1) * fit)
        for lead in queued
        for org, fit in lead.affinity.items()
        if int(org) not in refused.get(lead.pk, set()) and fit > 0
    ]
    result = allocate(candidates=candidates, capacity=capacity.free(week=week))
    offered = 0
    for lead_id, organisation_id in sorted(result.assignment.items()):
        with transaction.atomic():
            lead = Lead.objects.select_for_update().get(pk=lead_id)
            if lead.status != LeadStatus.QUEUED:
                continue  # decided on while the optimiser ran
            _offer(lead, organisation_id, via=OfferVia.ALLOCATION, now=now)
            offered += 1
    return offered


def _refused(lead_ids: list[int]) -> dict[int, set[int]]:
    refused: dict[int, set[int]] = {}
    for lead_id, org in Offer.objects.filter(
        lead_id__in=lead_ids, state__in=[OfferState.DECLINED, OfferState.EXPIRED]
    ).values_list("lead_id", "organisation_id"):
        refused.setdefault(lead_id, set()).add(org)
    return refused


def _offer(lead: Lead, organisation_id: int, *, via: OfferVia, now: datetime.datetime) -> Offer:
    answer_by = now + _days(settings.LEAD_OFFER_DAYS)
    offer = Offer.objects.create(
        lead=lead,
        organisation_id=organisation_id,
        via=via,
        offered_at=now,
        week=capacity.week_of(timezone.localtime(now)),
        answer_by=answer_by,
    )
    lead.status, lead.owner_id, lead.assignee, lead.deadline = (
        LeadStatus.OFFERED,
        organisation_id,
        None,
        answer_by,
    )
    lead.save(update_fields=["status", "owner", "assignee", "deadline"])
    kind = LeadEventKind.ESCALATED if via == OfferVia.ESCALATION else LeadEventKind.OFFERED
    event = _event(
        lead,
        kind,
        at=now,
        organisation_id=organisation_id,
        details={"deadline": timezone.localdate(answer_by).isoformat(), "via": via},
    )
    notify(event=event, users=coordinators_of(organisation_id))
    return offer


def _open_offer(lead: Lead) -> Offer:
    offer = Offer.objects.select_for_update().filter(lead=lead, state=OfferState.OPEN).first()
    if offer is None:
        raise LeadError("the lead has no open offer")
    return offer


def _locked(lead: Lead) -> Lead:
    return Lead.objects.select_for_update().get(pk=lead.pk)


def lead_accept(
    *, lead: Lead, by: User, assignee: User, now: datetime.datetime | None = None
) -> Lead:
    """The holder's coordinator accepts the offer and names who follows the lead up."""
    now = now or timezone.now()
    with transaction.atomic():
        lead = _locked(lead)
        if not may_answer_offer(by, lead):
            raise Forbidden
        if assignee.pk not in {u.pk for u in lead_owners_in(organisation_id=lead.owner_id)}:
            raise LeadError("the owner must be an officer, analyst or coordinator of yours")
        offer = _open_offer(lead)
        offer.state, offer.answered_at, offer.answered_by = OfferState.ACCEPTED, now, by
        offer.save(update_fields=["state", "answered_at", "answered_by"])
        lead.status, lead.assignee = LeadStatus.ACCEPTED, assignee
        lead.deadline = now + _days(settings.LEAD_FOLLOW_UP_DAYS)
        lead.save(update_fields=["status", "assignee", "deadline"])
        event = _event(
            lead,
            LeadEventKind.ACCEPTED,
            at=now,
            by=by,
            organisation_id=lead.owner_id,
            details={"assignee": assignee.get_username()},
        )
        notify(event=event, users=[assignee, *people_of(lead.originator_id)])
        _audit(lead, AuditAction.CHANGE, by=by, details={"accepted": True})
        return lead


def lead_decline(
    *,
    lead: Lead,
    by: User,
    reason: DeclineReason,
    text: str = "",
    now: datetime.datetime | None = None,
) -> Lead:
    """The holder declines, with a reason; the lead moves on along the chain at once."""
    now = now or timezone.now()
    reason = DeclineReason(reason)
    if reason == DeclineReason.OTHER and not text.strip():
        raise LeadError("say why when the reason is 'other'")
    with transaction.atomic():
        lead = _locked(lead)
        if not may_answer_offer(by, lead):
            raise Forbidden
        offer = _open_offer(lead)
        offer.state, offer.answered_at, offer.answered_by = OfferState.DECLINED, now, by
        offer.reason, offer.text = reason, text.strip()
        offer.save(update_fields=["state", "answered_at", "answered_by", "reason", "text"])
        event = _event(
            lead,
            LeadEventKind.DECLINED,
            at=now,
            by=by,
            organisation_id=offer.organisation_id,
            details={"reason": reason.value, "text": text.strip()},
        )
        notify(event=event, users=people_of(lead.originator_id))
        _audit(lead, AuditAction.CHANGE, by=by, details={"declined": reason.value})
        _hand_on(lead, holder=offer.organisation_id, now=now)
        return lead


def leads_expire(*, now: datetime.datetime | None = None) -> int:
    """Expire unanswered offers and overdue waits; each lead moves on. Returns how many."""
    now = now or timezone.now()
    due = list(
        Lead.objects.filter(
            status__in=[LeadStatus.OFFERED, LeadStatus.QUEUED], deadline__lt=now
        ).values_list("pk", flat=True)
    )
    moved = 0
    for lead_id in due:
        with transaction.atomic():
            lead = Lead.objects.select_for_update().get(pk=lead_id)
            if lead.deadline >= now or lead.status not in (LeadStatus.OFFERED, LeadStatus.QUEUED):
                continue
            lead_expire(lead=lead, now=now)
            moved += 1
    return moved


def lead_expire(*, lead: Lead, now: datetime.datetime) -> Lead:
    """The lead's deadline passed unanswered: hand it on (call in a transaction)."""
    holder = lead.owner_id
    if lead.status == LeadStatus.OFFERED:
        offer = _open_offer(lead)
        offer.state, offer.answered_at = OfferState.EXPIRED, now
        offer.save(update_fields=["state", "answered_at"])
        event = _event(lead, LeadEventKind.EXPIRED, at=now, organisation_id=holder)
        notify(event=event, users=people_of(lead.originator_id))
    elif lead.status != LeadStatus.QUEUED:
        raise LeadError("only an offered or waiting lead expires")
    _hand_on(lead, holder=holder, now=now, waited=lead.status == LeadStatus.QUEUED)
    return lead


def _hand_on(lead: Lead, *, holder: int, now: datetime.datetime, waited: bool = False) -> None:
    """Offer the lead to the next in the chain, or let it wait with the national unit."""
    districts = Districts.load()
    country = districts.country.get(lead.routed_to_id, "SE")
    refused = {holder} | _refused([lead.pk]).get(lead.pk, set())
    nxt = next_holder(
        holder=holder,
        country=country,
        refused=refused,
        affinity={int(k): v for k, v in lead.affinity.items()},
        free=capacity.free(week=capacity.week_of(timezone.localtime(now))),
        districts=districts,
        steps=settings.LEAD_ESCALATION,
    )
    lead.escalations += 1
    lead.save(update_fields=["escalations"])
    if nxt is not None:
        _offer(lead, nxt, via=OfferVia.ESCALATION, now=now)
        return
    if waited:
        # The chain is spent and the wait is over: whoever holds it must decide.
        _offer(lead, holder, via=OfferVia.ESCALATION, now=now)
        return
    keeper = districts.national.get(country, holder)
    lead.status, lead.owner_id, lead.assignee = LeadStatus.QUEUED, keeper, None
    lead.deadline = now + _days(settings.LEAD_QUEUE_DAYS)
    lead.save(update_fields=["status", "owner", "assignee", "deadline"])
    event = _event(
        lead,
        LeadEventKind.QUEUED,
        at=now,
        organisation_id=keeper,
        details={"deadline": timezone.localdate(lead.deadline).isoformat()},
    )
    notify(event=event, users=coordinators_of(keeper))


def lead_reassign(
    *,
    lead: Lead,
    by: User,
    organisation: Organisation | None = None,
    assignee: User | None = None,
    text: str = "",
    now: datetime.datetime | None = None,
) -> Lead:
    """Hand an open lead to another organisation (a new offer), or to another person."""
    now = now or timezone.now()
    if (organisation is None) == (assignee is None):
        raise LeadError("reassign to an organisation or to a person, not both")
    with transaction.atomic():
        lead = _locked(lead)
        if not may_reassign_lead(by, lead):
            raise Forbidden
        if assignee is not None:
            if lead.status != LeadStatus.ACCEPTED:
                raise LeadError("only an accepted lead has a person to change")
            if assignee.pk not in {u.pk for u in lead_owners_in(organisation_id=lead.owner_id)}:
                raise LeadError("the owner must be an officer, analyst or coordinator there")
            lead.assignee = assignee
            lead.save(update_fields=["assignee"])
            event = _event(
                lead,
                LeadEventKind.REASSIGNED,
                at=now,
                by=by,
                organisation_id=lead.owner_id,
                details={"assignee": assignee.get_username(), "text": text.strip()},
            )
            notify(event=event, users=[assignee])
        else:
            assert organisation is not None
            if organisation.pk not in Districts.load().country:
                raise LeadError("leads go to police districts and national units only")
            if organisation.pk == lead.owner_id and lead.status != LeadStatus.QUEUED:
                raise LeadError("the lead is already there")
            offer = Offer.objects.filter(lead=lead, state=OfferState.OPEN).first()
            if offer is not None:
                offer.state, offer.answered_at, offer.answered_by = (
                    OfferState.WITHDRAWN,
                    now,
                    by,
                )
                offer.save(update_fields=["state", "answered_at", "answered_by"])
            _event(
                lead,
                LeadEventKind.REASSIGNED,
                at=now,
                by=by,
                organisation_id=organisation.pk,
                details={"text": text.strip()},
            )
            _offer(lead, organisation.pk, via=OfferVia.REASSIGNMENT, now=now)
        _audit(lead, AuditAction.CHANGE, by=by, details={"reassigned": True})
        return lead


def lead_close(
    *,
    lead: Lead,
    by: User,
    outcome: Outcome,
    text: str = "",
    now: datetime.datetime | None = None,
) -> Lead:
    """Close a lead with its outcome; "no action" and "handed over" need words."""
    now = now or timezone.now()
    outcome = Outcome(outcome)
    if outcome in (Outcome.NO_ACTION, Outcome.HANDED_OVER) and not text.strip():
        raise LeadError("say why (no action) or to which case (handed over)")
    with transaction.atomic():
        lead = _locked(lead)
        if not may_close_lead(by, lead):
            raise Forbidden
        offer = Offer.objects.filter(lead=lead, state=OfferState.OPEN).first()
        if offer is not None:
            offer.state, offer.answered_at, offer.answered_by = OfferState.WITHDRAWN, now, by
            offer.save(update_fields=["state", "answered_at", "answered_by"])
        lead.status, lead.outcome, lead.outcome_text = LeadStatus.CLOSED, outcome, text.strip()
        lead.closed_at, lead.closed_by, lead.deadline = now, by, now
        lead.save(
            update_fields=[
                *("status", "outcome", "outcome_text"),
                *("closed_at", "closed_by", "deadline"),
            ]
        )
        event = _event(
            lead,
            LeadEventKind.CLOSED,
            at=now,
            by=by,
            organisation_id=lead.owner_id,
            details={"outcome": outcome.value},
        )
        notify(event=event, users=[*people_of(lead.originator_id), *coordinators_of(lead.owner_id)])
        _release_holds(lead)
        _audit(lead, AuditAction.CHANGE, by=by, details={"outcome": outcome.value})
        return lead


def _release_holds(lead: Lead) -> None:
    """Evidence no other open lead rests on goes back under the retention rules."""
    mine = EntityMention.objects.filter(entity__leads=lead).values("mention__report_id")
    others = EntityMention.objects.filter(
        Q(entity__leads__status__in=[LeadStatus.QUEUED, LeadStatus.OFFERED, LeadStatus.ACCEPTED])
    ).values("mention__report_id")
    Report.objects.filter(pk__in=mine).exclude(pk__in=others).update(retention_hold=False)


# --- history and audit -------------------------------------------------------


def _event(
    lead: Lead,
    kind: LeadEventKind,
    *,
    at: datetime.datetime,
    by: User | None = None,
    organisation_id: int | None = None,
    details: dict[str, object] | None = None,
) -> LeadEvent:
    return LeadEvent.objects.create(
        lead=lead,
        at=at,
        kind=kind,
        by=by,
        organisation_id=organisation_id,
        details=details or {},
    )


def _audit(lead: Lead, action: AuditAction, *, by: User | None, details: dict[str, object]) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="lead",
        object_id=str(lead.pk),
        details={**details, "status": lead.status, "owner": lead.owner_id},
    )


# --- capacity ----------------------------------------------------------------


def capacity_declare(
    *, by: User, week: datetime.date, leads: int, now: datetime.datetime | None = None
) -> Capacity:
    """A coordinator declares how many new leads their organisation can take in a week."""
    if not coordinates_leads(by) or by.organisation_id is None:
        raise Forbidden
    if leads < 0 or leads > 10_000:
        raise LeadError("capacity is a number of leads from 0 to 10,000")
    now = now or timezone.now()
    week = capacity.week_of(week)
    if week < capacity.week_of(timezone.localdate(now)):
        raise LeadError("a past week's capacity cannot be changed")
    declared, _ = Capacity.objects.update_or_create(
        organisation_id=by.organisation_id,
        week=week,
        defaults={"leads": leads, "declared_by": by, "declared_at": now},
    )
    return declared
