"""The lead pages: the coordinator's board, one lead, what became of what we passed on,
notifications, and making a lead from an entity.

Views are thin: who asks (``access.readers``), the purpose of the reading,
one selector or one service. A lead the reader may not see is a 404, as for
no lead; an action the reader may not take on a lead they see is a 403. A
form sent again after the lead moved on (``version``) does nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverkan.access.models import Organisation, User
from samverkan.access.policy import (
    Action,
    Forbidden,
    NotFound,
    access_entity,
    access_lead,
    coordinates_leads,
    lead_owners_in,
    leads_visible_to,
    may_answer_offer,
    may_close_lead,
    may_make_lead,
    may_reassign_lead,
    reads_intelligence,
)
from samverkan.access.purpose import PurposeRequiredError, purpose_of
from samverkan.access.readers import intelligence_reader, purpose_asked
from samverkan.access.roles import Role
from samverkan.leads import capacity, selectors
from samverkan.leads.detection import lead_entity_add, lead_make
from samverkan.leads.forms import (
    AcceptForm,
    CapacityForm,
    CloseForm,
    DeclineForm,
    EntityAddForm,
    ReassignForm,
    service_message,
)
from samverkan.leads.history import LeadError
from samverkan.leads.inbox import notifications_read_all
from samverkan.leads.models import DeclineReason, Lead, LeadStatus, Outcome
from samverkan.leads.routing import Districts
from samverkan.leads.services import (
    capacity_declare,
    lead_accept,
    lead_close,
    lead_decline,
    lead_reassign,
)
from samverkan.web.paging import page_number

WEEKS_AHEAD = 4  # capacity may be declared for this week and the next three


# --- the board ---------------------------------------------------------------


def _weeks(now: datetime.datetime) -> list[datetime.date]:
    monday = capacity.week_of(timezone.localdate(now))
    return [monday + datetime.timedelta(days=7 * n) for n in range(WEEKS_AHEAD)]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def lead_board(request: HttpRequest) -> HttpResponse:
    """A coordinator's board and capacity; for every intelligence reader, the leads they see."""
    reader = intelligence_reader(request)
    coordinator = coordinates_leads(reader)
    if request.method == "POST" and not coordinator:
        return HttpResponseForbidden(_("Only coordinators declare capacity."))
    try:
        purpose = purpose_of(session=request.session, reader=reader)
    except PurposeRequiredError:
        return purpose_asked(request)
    now = timezone.now()
    form = None
    if coordinator:
        data = request.POST if request.method == "POST" else None
        form = CapacityForm(data, weeks=_weeks(now), initial={"week": _weeks(now)[0]})
        if data is not None and form.is_valid():
            try:
                capacity_declare(
                    by=reader,
                    week=form.cleaned_data["week"],
                    leads=form.cleaned_data["leads"],
                    now=now,
                )
            except LeadError as error:
                form.add_error(None, service_message(error))
            else:
                messages.success(request, _("Capacity declared."))
                return redirect("lead_board")
    board = selectors.lead_board(reader=reader, purpose=purpose, now=now)
    page, titles = selectors.leads_page(reader=reader, purpose=purpose, page=page_number(request))
    return render(
        request,
        "leads/lead_board.html",
        {
            "board": board,
            "form": form,
            "page": page,
            "titles": {**titles, **(board.titles if board else {})},
            "purpose": purpose,
            "now": now,
            "national": reader.organisation is not None
            and reader.organisation.kind == "national_police",
        },
    )


# --- one lead ----------------------------------------------------------------

ACTIONS = ("accept", "decline", "reassign", "add_entity", "close")


def _units(lead: Lead) -> list[Organisation]:
    """Where a lead may be reassigned: police districts, regions and national units."""
    units = Organisation.objects.filter(pk__in=list(Districts.load().country)).order_by(
        "country", "name"
    )
    if lead.status != LeadStatus.QUEUED:
        units = units.exclude(pk=lead.owner_id)
    return list(units)


def _people(lead: Lead) -> list[User]:
    """Who may be named to follow up an accepted lead instead of its assignee."""
    if lead.status != LeadStatus.ACCEPTED:
        return []
    return [u for u in lead_owners_in(organisation_id=lead.owner_id) if u.pk != lead.assignee_id]


def _allowed(action: str, reader: User, lead: Lead) -> bool:
    if action in ("accept", "decline"):
        return may_answer_offer(reader, lead)
    if action == "reassign":
        return may_reassign_lead(reader, lead)
    if action == "add_entity":
        return may_make_lead(reader) and lead.status != LeadStatus.CLOSED
    return may_close_lead(reader, lead)


def _form(action: str, lead: Lead, version: int, data: Any = None) -> forms.Form:
    initial = {"version": version}
    if action == "accept":
        people = lead_owners_in(organisation_id=lead.owner_id)
        return AcceptForm(data, people=people, initial=initial, prefix=action)
    if action == "decline":
        return DeclineForm(data, initial=initial, prefix=action)
    if action == "reassign":
        return ReassignForm(
            data, units=_units(lead), people=_people(lead), initial=initial, prefix=action
        )
    if action == "add_entity":
        return EntityAddForm(data, initial=initial, prefix=action)
    return CloseForm(data, initial=initial, prefix=action)


def _act(action: str, lead: Lead, reader: User, data: dict[str, Any]) -> None:
    if action == "accept":
        assignee = User.objects.get(pk=data["assignee"])
        lead_accept(lead=lead, by=reader, assignee=assignee)
    elif action == "decline":
        reason = DeclineReason(data["reason"])
        lead_decline(lead=lead, by=reader, reason=reason, text=data["text"])
    elif action == "reassign":
        unit = data.get("organisation")
        person = data.get("assignee")
        lead_reassign(
            lead=lead,
            by=reader,
            organisation=Organisation.objects.get(pk=unit) if unit else None,
            assignee=User.objects.get(pk=person) if person else None,
            text=data["text"],
        )
    elif action == "add_entity":
        # An entity out of the reader's sight is as no entity (``NotFound``).
        entity = access_entity(reader, data["entity"], Action.VIEW)
        lead_entity_add(lead=lead, entity=entity, by=reader)
    else:
        lead_close(lead=lead, by=reader, outcome=Outcome(data["outcome"]), text=data["text"])


def _done(action: str) -> str:
    texts = {
        "accept": _("Accepted."),
        "decline": _("Declined: the lead moves on."),
        "reassign": _("Reassigned."),
        "add_entity": _("Added: the lead is scored over all its entities."),
        "close": _("Closed."),
    }
    return texts[action]


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def lead_detail(request: HttpRequest, lead_id: int) -> HttpResponse:
    """One lead; its action forms POST here (``action`` names which)."""
    reader = intelligence_reader(request)
    try:
        lead = access_lead(reader, lead_id)
    except NotFound:
        raise Http404 from None
    sent: forms.Form | None = None
    action = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            return HttpResponseBadRequest(_("No action named."))
        version = request.POST.get(f"{action}-version", "")
        if version != str(selectors.lead_version(lead)):
            messages.warning(
                request,
                _("The lead changed before your answer arrived: nothing was done. Here it is now."),
            )
            return redirect("lead_detail", lead_id=lead.pk)
        if not _allowed(action, reader, lead):
            return HttpResponseForbidden(_("You may not do this to this lead."))
        sent = _form(action, lead, int(version), request.POST)
        if sent.is_valid():
            try:
                _act(action, lead, reader, sent.cleaned_data)
            except Forbidden:
                return HttpResponseForbidden(_("You may not do this to this lead."))
            except LeadError as error:
                sent.add_error(None, service_message(error))
            except NotFound:
                sent.add_error("entity", _("No entity with this number that you may see."))
            else:
                messages.success(request, _done(action))
                return redirect("lead_detail", lead_id=lead.pk)
    try:
        purpose = purpose_of(session=request.session, reader=reader)
        view = selectors.lead_read(reader=reader, lead_id=lead.pk, purpose=purpose)
    except PurposeRequiredError:
        return purpose_asked(request)
    except NotFound:  # gone between the two reads
        raise Http404 from None
    lead = view.lead
    actions = {}
    for name in ACTIONS:
        if _allowed(name, reader, lead):
            given = sent if sent is not None and name == action else None
            actions[name] = given or _form(name, lead, view.version)
    return render(
        request,
        "leads/lead_detail.html",
        {
            "view": view,
            "lead": lead,
            "actions": actions,
            "differs": view.your_score != lead.score,
            "purpose": purpose,
            "overdue": lead.status != LeadStatus.CLOSED and lead.deadline < timezone.now(),
        },
        status=200 if sent is None else 400,
    )


# --- what became of what we passed on ---------------------------------------


@never_cache
@login_required
@require_GET
def leads_passed_on(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if not (reads_intelligence(user) or user.has_role(Role.REPORTER)):
        raise Http404
    try:
        purpose = purpose_of(session=request.session, reader=user)
    except PurposeRequiredError:
        return purpose_asked(request)
    page, rows = selectors.leads_passed_on(reader=user, purpose=purpose, page=page_number(request))
    return render(
        request,
        "leads/leads_passed_on.html",
        {"page": page, "rows": rows, "purpose": purpose},
    )


# --- notifications -----------------------------------------------------------


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The user's own notifications; POST marks them all read."""
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        notifications_read_all(user=user)
        return redirect("notifications")
    page, lines = selectors.notifications_page(user=user, page=page_number(request))
    return render(
        request,
        "leads/notifications.html",
        {
            "page": page,
            "lines": lines,
            "lead_pages": reads_intelligence(user),
            "unread": selectors.notifications_unread(user=user),
        },
    )


# --- making a lead -----------------------------------------------------------


@never_cache
@login_required
@require_POST
def lead_make_view(request: HttpRequest, entity_id: int) -> HttpResponse:
    """An analyst makes a lead of an entity they may see (or finds the open one)."""
    reader = intelligence_reader(request)
    try:
        entity = access_entity(reader, entity_id, Action.VIEW)
    except NotFound:
        raise Http404 from None
    if not may_make_lead(reader):
        return HttpResponseForbidden(_("Only analysts make leads."))
    try:
        lead = lead_make(entity=entity, by=reader)
    except Forbidden:
        return HttpResponseForbidden(_("Only analysts make leads."))
    if not leads_visible_to(reader=reader).filter(pk=lead.pk).exists():
        messages.info(
            request,
            _("This is already lead %(lead)s, which your organisation does not follow.")
            % {"lead": lead.pk},
        )
        return redirect("entity_detail", entity_id=entity.pk)
    messages.success(request, _("Lead %(lead)s.") % {"lead": lead.pk})
    return redirect("lead_detail", lead_id=lead.pk)
