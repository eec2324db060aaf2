"""Reads of reports. Each read that returns personal data writes one audit event."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import transaction

from samverkan.access.models import User
from samverkan.access.policy import Action, NotFound, access_report, reports_visible_to
from samverkan.access.purpose import Purpose
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.intake.models import Report, ReportPhoto

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class ReportPage:
    page: Page[Report]
    kind: str


@transaction.atomic
def report_read(*, reader: User, report_id: int, purpose: Purpose) -> Report:
    """One report the reader may view, its consultation logged with the purpose."""
    report = access_report(reader, report_id, Action.VIEW)
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="report",
        object_id=str(report.pk),
        purpose=str(purpose),
    )
    return report


@transaction.atomic
def reports_list(*, reader: User, purpose: Purpose, kind: str = "", page: int = 1) -> ReportPage:
    """A page of visible reports, newest first; the ids shown are logged as one consultation."""
    reports = reports_visible_to(reader=reader).select_related("organisation")
    if kind:
        reports = reports.filter(kind=kind)
    shown = Paginator(reports.order_by("-occurred_at", "-pk"), PAGE_SIZE).get_page(page)
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="report_list",
        purpose=str(purpose),
        details={"kind": kind, "page": shown.number, "ids": [r.pk for r in shown]},
    )
    return ReportPage(shown, kind)


@transaction.atomic
def report_photo_read(*, reader: User, report_id: int, purpose: Purpose) -> ReportPhoto:
    """The photo of a report the reader may view, its consultation logged with the purpose.

    A report without a photo answers ``NotFound``, as a report the reader may not see.
    """
    report = access_report(reader, report_id, Action.VIEW)
    photo = ReportPhoto.objects.filter(report=report).first()
    if photo is None:
        raise NotFound
    audit_record(
        actor=reader,
        action=AuditAction.CONSULT,
        object_type="report_photo",
        object_id=str(report.pk),
        purpose=str(purpose),
    )
    return photo


def report_photo_about(*, report: Report) -> ReportPhoto | None:
    """What the report's page says of its photo (size, when), without reading the picture.

    For a report already read through ``report_read``; the picture itself is
    read, and logged, by ``report_photo_read``.
    """
    return ReportPhoto.objects.filter(report=report).defer("image").first()
