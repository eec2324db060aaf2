"""The auditor's pages: search the trail, verify the chain, export for the DPO."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from samverkan.access.models import User
from samverkan.access.policy import audit_trail_whole
from samverkan.access.roles import Role
from samverkan.audit.models import AuditAction
from samverkan.audit.selectors import audit_events_export, audit_events_page
from samverkan.audit.verification import audit_verify
from samverkan.web.paging import page_number


def _auditor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.has_role(Role.AUDITOR):
        raise Http404
    return user


def _filters(request: HttpRequest) -> dict[str, str]:
    return {
        "object_type": request.GET.get("object_type", "").strip()[:40],
        "object_id": request.GET.get("object_id", "").strip()[:80],
        "actor": request.GET.get("actor", "").strip()[:150],
    }


@never_cache
@login_required
def audit_trail(request: HttpRequest) -> HttpResponse:
    reader = _auditor(request)
    filters = _filters(request)
    page = audit_events_page(reader=reader, page=page_number(request), **filters)
    whole = audit_trail_whole(reader=reader)
    verification = audit_verify() if whole and request.GET.get("verify") else None
    return render(
        request,
        "audit/trail.html",
        {
            "page": page,
            "filters": filters,
            "verification": verification,
            "whole": whole,
            "actions": AuditAction.choices,
        },
    )


@never_cache
@login_required
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    reader = _auditor(request)
    lines = audit_events_export(
        reader=reader, recipient="data protection officer", **_filters(request)
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samverkan-audit.csv"'
    return response
