"""Requests for information: ask from an entity's page, answer on the requests page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from samverkan.access.policy import (
    Forbidden,
    NotFound,
    information_requests_for,
)
from samverkan.access.readers import intelligence_reader
from samverkan.sharing.services import (
    RequestError,
    information_request_answer,
    information_request_ask,
)


@never_cache
@login_required
@require_POST
def request_ask(request: HttpRequest, entity_id: int) -> HttpResponse:
    reader = intelligence_reader(request)
    try:
        holder_id = int(request.POST.get("holder", "0"))
        information_request_ask(
            by=reader,
            entity_id=entity_id,
            holder_id=holder_id,
            reason=request.POST.get("reason", ""),
        )
    except (NotFound, ValueError) as error:
        if isinstance(error, RequestError):
            messages.error(request, str(error))
            return redirect("entity_detail", entity_id=entity_id)
        raise Http404 from None
    messages.success(request, _("Asked. You will see the answer under Requests."))
    return redirect("entity_detail", entity_id=entity_id)


@never_cache
@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    reader = intelligence_reader(request)
    requests = information_requests_for(reader=reader).select_related(
        "holder", "requester", "asked_by", "entity"
    )
    return render(
        request,
        "sharing/requests.html",
        {
            "incoming": [r for r in requests if r.holder_id == reader.organisation_id],
            "outgoing": [r for r in requests if r.requester_id == reader.organisation_id],
        },
    )


@never_cache
@login_required
@require_POST
def request_answer(request: HttpRequest, request_id: int) -> HttpResponse:
    reader = intelligence_reader(request)
    try:
        information_request_answer(
            by=reader,
            request_id=request_id,
            grant=request.POST.get("grant") == "1",
            answer=request.POST.get("answer", ""),
        )
    except NotFound:
        raise Http404 from None
    except Forbidden:
        return HttpResponseForbidden(_("Only the holding organisation answers a request."))
    except RequestError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Answered."))
    return redirect("request_list")
