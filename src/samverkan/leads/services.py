"""Offers and decisions: a lead offered within capacity, accepted, declined, expired,
escalated, reassigned, closed — each in one transaction with its history
event, its notifications and its audit event (``history``). Making and
scoring leads is ``detection``.

Invariant (the database checks part of it, ``tests/leads`` the rest): every
lead always has an owner, a status and a deadline; it is closed only with an
outcome; a decline or an expiry always hands it on (``chain``) or puts it
back in the queue with a new deadline — never nowhere.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    Forbidden,
    coordinates_leads,
    lead_owners_in,
    may_answer_offer,
    may_close_lead,
    may_reassign_lead,
)
from samverkan.audit.models import AuditAction
from samverkan.entities.models import EntityMention
from samverkan.intake.models import Report
from samverkan.leads import capacity
from samverkan.leads.allocation import Candidate, allocate
from samverkan.leads.chain import next_holder
from samverkan.leads.history import LeadError, lead_audit, lead_event, lead_locked
from samverkan.leads.models import (
    Capacity,
    DeclineReason,
    Lead,
    LeadEventKind,
    LeadStatus,
    Offer,
    OfferState,
    OfferVia,
    Outcome,
)
from samverkan.leads.notifications import coordinators_of, notify, people_of
from samverkan.leads.routing import Districts

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
    answer_by = now + datetime.timedelta(days=settings.LEAD_OFFER_DAYS)
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
    event = lead_event(
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
        raise LeadError(_("the lead has no open offer"))
    return offer


def _answer(
    offer: Offer,
    state: OfferState,
    *,
    now: datetime.datetime,
    by: User | None,
    also: tuple[str, ...] = (),
) -> None:
    """Record how an open offer ended (and the fields named in ``also``, already set)."""
    offer.state, offer.answered_at, offer.answered_by = state, now, by
    offer.save(update_fields=["state", "answered_at", "answered_by", *also])


def _withdraw(lead: Lead, *, now: datetime.datetime, by: User) -> None:
    """Withdraw the lead's open offer, if it has one (it is reassigned or closed)."""
    offer = Offer.objects.filter(lead=lead, state=OfferState.OPEN).first()
    if offer is not None:
        _answer(offer, OfferState.WITHDRAWN, now=now, by=by)


def lead_accept(
    *, lead: Lead, by: User, assignee: User, now: datetime.datetime | None = None
) -> Lead:
    """The holder's coordinator accepts the offer and names who follows the lead up."""
    now = now or timezone.now()
    with transaction.atomic():
        lead = lead_locked(lead)
        if not may_answer_offer(by, lead):
            raise Forbidden
        if assignee.pk not in {u.pk for u in lead_owners_in(organisation_id=lead.owner_id)}:
            raise LeadError(_("the owner must be an officer, analyst or coordinator of yours"))
        offer = _open_offer(lead)
        _answer(offer, OfferState.ACCEPTED, now=now, by=by)
        lead.status, lead.assignee = LeadStatus.ACCEPTED, assignee
        lead.deadline = now + datetime.timedelta(days=settings.LEAD_FOLLOW_UP_DAYS)
        lead.save(update_fields=["status", "assignee", "deadline"])
        event = lead_event(
            lead,
            LeadEventKind.ACCEPTED,
            at=now,
            by=by,
            organisation_id=lead.owner_id,
            details={"assignee": assignee.get_username()},
        )
        notify(event=event, users=[assignee, *people_of(lead.originator_id)])
        lead_audit(lead, AuditAction.CHANGE, by=by, details={"accepted": True})
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
        raise LeadError(_("say why when the reason is 'other'"))
    with transaction.atomic():
        lead = lead_locked(lead)
        if not may_answer_offer(by, lead):
            raise Forbidden
        offer = _open_offer(lead)
        offer.reason, offer.text = reason, text.strip()
        _answer(offer, OfferState.DECLINED, now=now, by=by, also=("reason", "text"))
        event = lead_event(
            lead,
            LeadEventKind.DECLINED,
            at=now,
            by=by,
            organisation_id=offer.organisation_id,
            details={"reason": reason.value, "text": text.strip()},
        )
        notify(event=event, users=people_of(lead.originator_id))
        lead_audit(lead, AuditAction.CHANGE, by=by, details={"declined": reason.value})
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
        _answer(offer, OfferState.EXPIRED, now=now, by=None)
        event = lead_event(lead, LeadEventKind.EXPIRED, at=now, organisation_id=holder)
        notify(event=event, users=people_of(lead.originator_id))
    elif lead.status != LeadStatus.QUEUED:
        raise LeadError(_("only an offered or waiting lead expires"))
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
    lead.deadline = now + datetime.timedelta(days=settings.LEAD_QUEUE_DAYS)
    lead.save(update_fields=["status", "owner", "assignee", "deadline"])
    event = lead_event(
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
        raise LeadError(_("reassign to an organisation or to a person, not both"))
    with transaction.atomic():
        lead = lead_locked(lead)
        if not may_reassign_lead(by, lead):
            raise Forbidden
        if assignee is not None:
            if lead.status != LeadStatus.ACCEPTED:
                raise LeadError(_("only an accepted lead has a person to change"))
            if assignee.pk not in {u.pk for u in lead_owners_in(organisation_id=lead.owner_id)}:
                raise LeadError(_("the owner must be an officer, analyst or coordinator there"))
            lead.assignee = assignee
            lead.save(update_fields=["assignee"])
            event = lead_event(
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
                raise LeadError(_("leads go to police districts and national units only"))
            if organisation.pk == lead.owner_id and lead.status != LeadStatus.QUEUED:
                raise LeadError(_("the lead is already there"))
            _withdraw(lead, now=now, by=by)
            lead_event(
                lead,
                LeadEventKind.REASSIGNED,
                at=now,
                by=by,
                organisation_id=organisation.pk,
                details={"text": text.strip()},
            )
            _offer(lead, organisation.pk, via=OfferVia.REASSIGNMENT, now=now)
        lead_audit(lead, AuditAction.CHANGE, by=by, details={"reassigned": True})
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
        raise LeadError(_("say why (no action) or to which case (handed over)"))
    with transaction.atomic():
        lead = lead_locked(lead)
        if not may_close_lead(by, lead):
            raise Forbidden
        _withdraw(lead, now=now, by=by)
        lead.status, lead.outcome, lead.outcome_text = LeadStatus.CLOSED, outcome, text.strip()
        lead.closed_at, lead.closed_by, lead.deadline = now, by, now
        lead.save(
            update_fields=[
                *("status", "outcome", "outcome_text"),
                *("closed_at", "closed_by", "deadline"),
            ]
        )
        event = lead_event(
            lead,
            LeadEventKind.CLOSED,
            at=now,
            by=by,
            organisation_id=lead.owner_id,
            details={"outcome": outcome.value},
        )
        notify(event=event, users=[*people_of(lead.originator_id), *coordinators_of(lead.owner_id)])
        _release_holds(lead)
        lead_audit(lead, AuditAction.CHANGE, by=by, details={"outcome": outcome.value})
        return lead


def _release_holds(lead: Lead) -> None:
    """Evidence no other open lead rests on goes back under the retention rules.

    Two reads by primary key and one update: a NOT IN over a subquery was
    planned for minutes by PostgreSQL on a freshly loaded database.
    """
    mine = set(
        EntityMention.objects.filter(entity__leads=lead).values_list(
            "mention__report_id", flat=True
        )
    )
    held = set(
        EntityMention.objects.filter(
            mention__report_id__in=mine,
            entity__leads__status__in=[LeadStatus.QUEUED, LeadStatus.OFFERED, LeadStatus.ACCEPTED],
        ).values_list("mention__report_id", flat=True)
    )
    Report.objects.filter(pk__in=sorted(mine - held)).update(retention_hold=False)


# --- capacity ----------------------------------------------------------------


def capacity_declare(
    *, by: User, week: datetime.date, leads: int, now: datetime.datetime | None = None
) -> Capacity:
    """A coordinator declares how many new leads their organisation can take in a week."""
    if not coordinates_leads(by) or by.organisation_id is None:
        raise Forbidden
    if leads < 0 or leads > 10_000:
        raise LeadError(_("capacity is a number of leads from 0 to 10,000"))
    now = now or timezone.now()
    week = capacity.week_of(week)
    if week < capacity.week_of(timezone.localdate(now)):
        raise LeadError(_("a past week's capacity cannot be changed"))
    declared, _created = Capacity.objects.update_or_create(
        organisation_id=by.organisation_id,
        week=week,
        defaults={"leads": leads, "declared_by": by, "declared_at": now},
    )
    return declared
