"""Report pages: the list, one report and its photo, each read logged with the reader's purpose."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from samverkan.access.models import User
from samverkan.access.policy import NotFound, reads_intelligence
from samverkan.access.purpose import PurposeRequiredError, purpose_of
from samverkan.access.readers import purpose_asked
from samverkan.access.roles import Role
from samverkan.entities.selectors import mention_entity_counts
from samverkan.intake.labels import subjects_for_display
from samverkan.intake.models import ReportKind
from samverkan.intake.selectors import (
    report_photo_about,
    report_photo_read,
    report_read,
    reports_list,
)
from samverkan.leads.selectors import leads_of_reports
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
    # Those who sent the reports see what became of them ("my reports").
    sender = request.user.has_role(Role.REPORTER) and not reads_intelligence(request.user)
    leads = leads_of_reports(reports=list(page.page), reader=request.user) if sender else {}
    return render(
        request,
        "intake/report_list.html",
        {
            "page": page.page,
            "kind": kind,
            "kinds": ReportKind.choices,
            "purpose": purpose,
            "sender": sender,
            "leads": leads,
        },
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
            "photo": report_photo_about(report=report),
            "data": report.payload,
            "subjects": subjects_for_display(
                report, entities=mention_entity_counts(reader=request.user, report=report)
            ),
            "purpose": purpose,
        },
    )


@never_cache
@login_required
@require_safe
def report_photo(request: HttpRequest, report_id: int) -> HttpResponse:
    """The report's photo, for whoever may read the report; never stored by a browser or proxy.

    A report without a photo, or one the reader may not see, is 404 alike.
    """
    assert isinstance(request.user, User)
    try:
        purpose = purpose_of(session=request.session, reader=request.user)
    except PurposeRequiredError:
        return purpose_asked(request)
    try:
        photo = report_photo_read(reader=request.user, report_id=report_id, purpose=purpose)
    except NotFound:
        raise Http404 from None
    response = HttpResponse(bytes(photo.image), content_type=photo.content_type)
    response["Content-Disposition"] = f'inline; filename="report-{report_id}.jpg"'
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
