"""Report pages: the list and one report, each read logged with the reader's purpose."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from samverkan.access.models import User
from samverkan.access.policy import NotFound
from samverkan.access.purpose import PurposeRequiredError, purpose_of
from samverkan.access.readers import purpose_asked
from samverkan.entities.selectors import mention_entity_counts
from samverkan.intake.labels import subjects_for_display
from samverkan.intake.models import ReportKind
from samverkan.intake.selectors import report_read, reports_list
from samverkan.web.paging import page_number


@never_cache
@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        purpose = purpose_of(session=request.session, reader=request.user)
    except PurposeRequiredError:
        return purpose_asked(request)
    kind = request.GET.get("kind", "")
    if kind not in ReportKind.values:
        kind = ""
    page = reports_list(reader=request.user, purpose=purpose, kind=kind, page=page_number(request))
    return render(
        request,
        "intake/report_list.html",
        {"page": page.page, "kind": kind, "kinds": ReportKind.choices, "purpose": purpose},
    )


@never_cache
@login_required
def report_detail(request: HttpRequest, report_id: int) -> HttpResponse:
    assert isinstance(request.user, User)
    try:
        purpose = purpose_of(session=request.session, reader=request.user)
    except PurposeRequiredError:
        return purpose_asked(request)
    try:
        report = report_read(reader=request.user, report_id=report_id, purpose=purpose)
    except NotFound:
        raise Http404 from None
    return render(
        request,
        "intake/report_detail.html",
        {
            "report": report,
            "data": report.payload,
            "subjects": subjects_for_display(
                report, entities=mention_entity_counts(reader=request.user, report=report)
            ),
            "purpose": purpose,
        },
    )
