"""Reads of reports by partner systems. Each one is audited in its own transaction.

A token reads only its own organisation's reports
(``samverkan.access.policy.reports_visible_to_system``): anything else is
``NotFound``, as a missing id is, and is never counted. Reads are logged as
consultations by ``token:<prefix>`` with the implicit purpose of a reporter
following its own reports.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from samverkan.access.policy import NotFound, reports_visible_to_system
from samverkan.access.purpose import OWN_REPORTS
from samverkan.api.models import ApiToken
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.intake.models import Report


@dataclass(frozen=True, slots=True)
class ReportStatusSlice:
    count: int
    reports: list[Report]
    more: bool


@transaction.atomic
def api_report_read(*, token: ApiToken, report_id: int) -> Report:
    """One of the token's organisation's reports, its consultation logged."""
    report = reports_visible_to_system(organisation_id=token.organisation_id).filter(pk=report_id)
    found = report.first()
    if found is None:
        raise NotFound
    audit_record(
        actor=None,
        actor_label=token.label,
        organisation=token.organisation,
        action=AuditAction.CONSULT,
        object_type="report",
        object_id=str(found.pk),
        purpose=OWN_REPORTS,
        details={"organisation": token.organisation.code, "via": f"api:{token.prefix}"},
    )
    return found


@transaction.atomic
def api_reports_status(
    *, token: ApiToken, since: datetime | None, after: int, limit: int
) -> ReportStatusSlice:
    """The status of the organisation's reports received since ``since``, by id after ``after``."""
    reports = reports_visible_to_system(organisation_id=token.organisation_id)
    if since is not None:
        reports = reports.filter(received_at__gte=since)
    count = reports.count()
    shown = list(reports.filter(pk__gt=after).order_by("pk")[: limit + 1])
    more = len(shown) > limit
    shown = shown[:limit]
    audit_record(
        actor=None,
        actor_label=token.label,
        organisation=token.organisation,
        action=AuditAction.CONSULT,
        object_type="report_list",
        purpose=OWN_REPORTS,
        details={
            "organisation": token.organisation.code,
            "via": f"api:{token.prefix}",
            "ids": [report.pk for report in shown],
        },
    )
    return ReportStatusSlice(count, shown, more)
