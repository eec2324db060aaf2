"""Reads of leads for their pages, always through what the reader may see.

Invariants:
- A lead is read only through ``access.policy`` (``leads_visible_to``,
  ``access_lead``, ``leads_passed_on_by``); its evidence only through
  ``reports_visible_to``; each read that shows a lead's target or evidence
  writes one consultation event with the reader's purpose.
- A lead's title is its entity's identifier: it is shown only to a reader
  who may see that entity (``entities_visible_to``); anyone else sees the
  lead's number and the entity's kind.
- The stored score counts the evidence every law-enforcement reader may
  see; the lead page also counts what this reader may see, with the same
  code (``evidence.facts_for`` and ``scoring.score_terms``).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, QuerySet, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    access_lead,
    coordinates_leads,
    entities_visible_to,
    leads_passed_on_by,
    leads_visible_to,
    reports_visible_to,
)
from samverkan.access.purpose import Purpose
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.models import Entity
from samverkan.entities.selectors import entity_displays
from samverkan.intake.models import Report
from samverkan.leads import capacity
from samverkan.leads.evidence import facts_for
from samverkan.leads.models import (
    DeclineReason,
    Lead,
    LeadEvent,
    LeadEventKind,
    LeadStatus,
    Notification,
    Offer,
    OfferState,
    OfferVia,
)
from samverkan.leads.notifications import message
from samverkan.leads.scoring import Term, score_of, score_terms

PAGE_SIZE = 50
RECENT = 20  # declined and escalated leads shown on the board


# --- the score in words ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reason:
    """One term of a score, as a reader reads it: "Named in 5 courier statements", 50."""

    code: str
    count: int
    points: int
    text: str


def term_text(code: str, count: int) -> str:
    """What a term counts, in plain words with the right plural in the active language."""
    n = {"n": count}
    texts = {
        "courier_statement": lambda: ngettext(
            "Named in %(n)s courier statement", "Named in %(n)s courier statements", count
        ),
        "seizure": lambda: ngettext("Linked to %(n)s seizure", "Linked to %(n)s seizures", count),
        "postal_item": lambda: ngettext(
            "On %(n)s suspicious postal item", "On %(n)s suspicious postal items", count
        ),
        "observation": lambda: ngettext(
            "Seen in %(n)s observation", "Seen in %(n)s observations", count
        ),
        "intelligence": lambda: ngettext(
            "In %(n)s intelligence report", "In %(n)s intelligence reports", count
        ),
        "organisation": lambda: ngettext(
            "Reported by %(n)s organisation", "Reported by %(n)s organisations", count
        ),
        "recipient_name": lambda: ngettext(
            "Receives items for %(n)s different name",
            "Receives items for %(n)s different names",
            count,
        ),
        "reliable_source": lambda: ngettext(
            "%(n)s report from reliable sources (A–B)",
            "%(n)s reports from reliable sources (A–B)",
            count,
        ),
        "both_countries": lambda: _("Evidence in both Sweden and Norway"),
    }
    text = texts.get(code)
    return text() % n if text else f"{code}: {count}"


def reasons(terms: Iterable[Term]) -> list[Reason]:
    return [Reason(t.code, t.count, t.points, term_text(t.code, t.count)) for t in terms]


def stored_terms(lead: Lead) -> list[Term]:
    return [Term(code=t["code"], count=t["count"], points=t["points"]) for t in lead.score_terms]


# --- names a reader may see --------------------------------------------------


def titles_for(leads: Sequence[Lead], *, reader: User) -> dict[int, str]:
    """Each lead by its first entity as the reader may see it written, else "Lead 12".

    A person is shown by a name, an address as a report wrote it; a lead
    whose entities the reader may not see is shown by its number only.
    """
    pairs = list(
        Lead.entities.through.objects.filter(lead__in=leads)
        .order_by("entity_id")
        .values_list("lead_id", "entity_id")
    )
    visible = list(
        entities_visible_to(reader=reader).filter(pk__in=[entity for _, entity in pairs])
    )
    displays = entity_displays(visible, reader)
    titles: dict[int, str] = {}
    for lead_id, entity_id in pairs:
        if entity_id in displays:
            titles.setdefault(lead_id, displays[entity_id])
    return {lead.pk: titles.get(lead.pk) or _anonymous(lead) for lead in leads}


def _anonymous(lead: Lead) -> str:
    return _("Lead %(lead)s") % {"lead": lead.pk}


def _consulted(reader: User, purpose: Purpose, what: str, leads: Iterable[Lead]) -> None:
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type=what,
        purpose=str(purpose),
        details={"ids": [lead.pk for lead in leads]},
    )


# --- the board ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekCapacity:
    week: datetime.date
    declared: int | None
    used: int


@dataclass(frozen=True, slots=True)
class DeclinedOffer:
    lead: Lead
    offer: Offer


@dataclass
class Board:
    """A coordinator's organisation's leads by what it must do about them."""

    offered: list[Lead] = field(default_factory=list)
    accepted: list[Lead] = field(default_factory=list)
    waiting: list[Lead] = field(default_factory=list)
    declined: list[DeclinedOffer] = field(default_factory=list)
    came_to_us: list[Lead] = field(default_factory=list)  # by escalation
    passed_up: list[Lead] = field(default_factory=list)  # we declined or let expire
    overdue: list[Lead] = field(default_factory=list)
    weeks: list[WeekCapacity] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)

    def leads(self) -> list[Lead]:
        shown = [
            *self.offered,
            *self.accepted,
            *self.waiting,
            *(d.lead for d in self.declined),
            *self.came_to_us,
            *self.passed_up,
            *self.overdue,
        ]
        return list({lead.pk: lead for lead in shown}.values())


def _leads() -> QuerySet[Lead]:
    return Lead.objects.select_related("owner", "assignee", "originator", "routed_to")


@transaction.atomic
def lead_board(*, reader: User, purpose: Purpose, now: datetime.datetime) -> Board | None:
    """The board of the reader's organisation, if the reader coordinates its leads."""
    if not coordinates_leads(reader) or reader.organisation_id is None:
        return None
    org = reader.organisation_id
    ours = _leads().filter(owner_id=org)
    board = Board(
        offered=list(ours.filter(status=LeadStatus.OFFERED).order_by("deadline", "pk")),
        accepted=list(ours.filter(status=LeadStatus.ACCEPTED).order_by("deadline", "pk")),
        # Strongest first: the order in which capacity would take them.
        waiting=list(ours.filter(status=LeadStatus.QUEUED).order_by("-score", "deadline", "pk")),
        overdue=list(
            ours.exclude(status=LeadStatus.CLOSED).filter(deadline__lt=now).order_by("deadline")
        ),
    )
    declined = (
        Offer.objects.filter(organisation_id=org, state=OfferState.DECLINED)
        .select_related("lead__owner", "lead__assignee", "lead__originator", "lead__routed_to")
        .order_by("-answered_at", "-pk")[:RECENT]
    )
    board.declined = [DeclinedOffer(offer.lead, offer) for offer in declined]
    came = Offer.objects.filter(organisation_id=org, via=OfferVia.ESCALATION).values("lead_id")
    up = Offer.objects.filter(
        organisation_id=org, state__in=[OfferState.DECLINED, OfferState.EXPIRED]
    ).values("lead_id")
    open_leads = _leads().exclude(status=LeadStatus.CLOSED).order_by("-pk")
    board.came_to_us = list(open_leads.filter(pk__in=came)[:RECENT])
    board.passed_up = list(open_leads.filter(pk__in=up).exclude(owner_id=org)[:RECENT])
    this_week = capacity.week_of(now)
    for week in (this_week, this_week + datetime.timedelta(days=7)):
        board.weeks.append(
            WeekCapacity(
                week=week,
                declared=capacity.declared(week=week).get(org),
                used=capacity.used(week=week).get(org, 0),
            )
        )
    shown = board.leads()
    board.titles = titles_for(shown, reader=reader)
    if shown:
        _consulted(reader, purpose, "lead_board", shown)
    return board


@transaction.atomic
def leads_page(*, reader: User, purpose: Purpose, page: int) -> tuple[Page[Lead], dict[int, str]]:
    """A page of the leads the reader may see, open ones first, newest first."""
    visible = leads_visible_to(reader=reader).select_related("owner", "assignee")
    closed_last = Case(When(status=LeadStatus.CLOSED, then=Value(1)), default=Value(0))
    ordered = visible.order_by(closed_last.asc(), "-pk")
    shown = Paginator(ordered, PAGE_SIZE).get_page(page)
    leads = list(shown)
    if leads:
        _consulted(reader, purpose, "lead_list", leads)
    return shown, titles_for(leads, reader=reader)


# --- one lead ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryLine:
    event: LeadEvent
    text: str
    reason: str  # the decline reason, in words
    note: str  # the words given with a decline, reassignment or closing


@dataclass(frozen=True, slots=True)
class LeadView:
    lead: Lead
    title: str
    entities: list[Entity]  # those the reader may see
    kinds: list[str]
    stored: list[Reason]
    yours: list[Reason]
    your_score: int
    evidence: list[Report]
    history: list[HistoryLine]
    version: int  # the newest history event: a form sent against an older one is stale


def lead_version(lead: Lead) -> int:
    newest = LeadEvent.objects.filter(lead=lead).order_by("-pk").values_list("pk", flat=True)
    return newest.first() or 0


@transaction.atomic
def lead_read(*, reader: User, lead_id: int, purpose: Purpose) -> LeadView:
    """One lead as far as the reader may see it; ``NotFound`` if they may not see it at all."""
    lead = access_lead(reader, lead_id)
    lead = _leads().get(pk=lead.pk)
    all_entities = list(lead.entities.order_by("pk"))
    visible_ids = set(
        entities_visible_to(reader=reader)
        .filter(pk__in=[e.pk for e in all_entities])
        .values_list("pk", flat=True)
    )
    entities = [e for e in all_entities if e.pk in visible_ids]
    readable = reports_visible_to(reader=reader)
    facts = facts_for(entity_ids=[e.pk for e in all_entities], reports=readable)
    yours = score_terms(facts)
    evidence = list(
        Report.objects.filter(pk__in=[f.report_id for f in facts])
        .select_related("organisation")
        .order_by("-occurred_at", "-pk")
    )
    history = [_line(event) for event in lead.events.select_related("by", "organisation")]
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="lead",
        object_id=str(lead.pk),
        purpose=str(purpose),
        details={"reports": [r.pk for r in evidence]},
    )
    return LeadView(
        lead=lead,
        title=titles_for([lead], reader=reader)[lead.pk],
        entities=entities,
        kinds=sorted({str(e.get_kind_display()) for e in all_entities}),
        stored=reasons(stored_terms(lead)),
        yours=reasons(yours),
        your_score=score_of(yours),
        evidence=evidence,
        history=history,
        version=max((line.event.pk for line in history), default=0),
    )


def _line(event: LeadEvent) -> HistoryLine:
    details = event.details
    reason = details.get("reason", "")
    label = str(DeclineReason(reason).label) if reason in DeclineReason.values else ""
    return HistoryLine(event, message(event), label, str(details.get("text", "")))


# --- what became of what we passed on ---------------------------------------

STEPS = (
    LeadEventKind.OFFERED,
    LeadEventKind.DECLINED,
    LeadEventKind.EXPIRED,
    LeadEventKind.ESCALATED,
    LeadEventKind.REASSIGNED,
    LeadEventKind.QUEUED,
    LeadEventKind.ACCEPTED,
    LeadEventKind.CLOSED,
)


@dataclass(frozen=True, slots=True)
class Step:
    at: datetime.datetime
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PassedOn:
    """One lead our organisation started: where it is and how it got there.

    For a reporter, ``title`` is empty and ``reports`` holds only their own
    organisation's reports that started it.
    """

    lead: Lead
    title: str
    holder: Organisation
    steps: list[Step]
    reports: list[Report]
    page_allowed: bool


@transaction.atomic
def leads_passed_on(
    *, reader: User, purpose: Purpose, page: int
) -> tuple[Page[Lead], list[PassedOn]]:
    """The leads the reader's organisation originated, newest first, with their steps."""
    leads = leads_passed_on_by(reader=reader).select_related("owner").order_by("-pk")
    shown = Paginator(leads, PAGE_SIZE).get_page(page)
    rows = list(shown)
    if not rows:
        return shown, []
    intelligence = leads_visible_to(reader=reader).filter(pk__in=[r.pk for r in rows])
    openable = set(intelligence.values_list("pk", flat=True))
    titles = titles_for(rows, reader=reader) if openable else {}
    steps: dict[int, list[Step]] = {}
    events = LeadEvent.objects.filter(lead__in=rows, kind__in=STEPS).select_related("organisation")
    for event in events:
        line = _line(event)
        steps.setdefault(event.lead_id, []).append(Step(event.at, line.text, line.reason))
    own: dict[int, list[Report]] = {}
    if not openable and reader.organisation_id is not None:
        links = Lead.entities.through.objects.filter(lead__in=rows).values_list(
            "lead_id", "entity_id"
        )
        entity_leads: dict[int, set[int]] = {}
        for lead_id, entity_id in links:
            entity_leads.setdefault(entity_id, set()).add(lead_id)
        reports = (
            Report.objects.filter(organisation_id=reader.organisation_id)
            .filter(mentions__entity_link__entity_id__in=list(entity_leads))
            .distinct()
            .order_by("occurred_at", "pk")
        )
        for report in reports:
            named = set(
                report.mentions.filter(entity_link__entity_id__in=list(entity_leads)).values_list(
                    "entity_link__entity_id", flat=True
                )
            )
            for lead_id in {lead for e in named for lead in entity_leads[e]}:
                own.setdefault(lead_id, []).append(report)
    passed = [
        PassedOn(
            lead=lead,
            title=titles.get(lead.pk, ""),
            holder=lead.owner,
            steps=steps.get(lead.pk, []),
            reports=own.get(lead.pk, []),
            page_allowed=lead.pk in openable,
        )
        for lead in rows
    ]
    _consulted(reader, purpose, "leads_passed_on", rows)
    return shown, passed


# --- notifications -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NotificationLine:
    notification: Notification
    text: str


def notifications_page(
    *, user: User, page: int
) -> tuple[Page[Notification], list[NotificationLine]]:
    """The user's own notifications, newest first (they carry no personal data)."""
    mine = Notification.objects.filter(user=user).select_related("event").order_by("-pk")
    shown = Paginator(mine, PAGE_SIZE).get_page(page)
    return shown, [NotificationLine(n, message(n.event)) for n in shown]


def notifications_unread(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# --- a report's status, for those who sent it ------------------------------


def leads_of_reports(*, reports: Sequence[Report], reader: User) -> dict[int, Lead]:
    """For each report, the newest lead it is evidence of that the reader's organisation started.

    What a postal agent's "my reports" page says of a report beyond "received":
    only leads her own organisation's information started (the same as her
    outcomes page), never another organisation's.
    """
    if not reports:
        return {}
    rows = (
        leads_passed_on_by(reader=reader)
        .filter(entities__links__mention__report__in=list(reports))
        .order_by("pk")
        .values_list("entities__links__mention__report_id", "pk")
    )
    newest: dict[int, int] = {}
    for report_id, lead_id in rows:
        newest[report_id] = lead_id
    leads = _leads().in_bulk(set(newest.values()))
    return {report_id: leads[lead_id] for report_id, lead_id in newest.items()}
