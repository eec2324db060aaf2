"""Reports sent from the web forms: stored once, however often the same report is sent.

A form names its report with a hidden id, so sending one copy of the page
twice stores once (``report_submit`` knows the id). A browser without
JavaScript that goes back to the form fetches a fresh copy with a new id;
sending it again must not store the report a second time. So a report is
also recognised by its content: the same person sending, within
``RESEND_WINDOW``, a report of the same kind whose content (all but the id
and the times of sending) is the same as one they stored gets that report's
receipt. See docs/decisions/0004-resend-stores-once.md.

Invariant: nothing is ever lost. A report that differs in anything the
person wrote, or whose "when" is further than the window from the stored
one, is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from django.utils import timezone

from samverkan.access.models import User
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit

RESEND_WINDOW = timedelta(minutes=10)
# Not the report's content: the form's id, and "now" as the form filled it in.
_NOT_CONTENT = ("external_id", "occurred_at", "reported_at")
_CANDIDATES = 20  # a person stores a handful of reports in ten minutes, not more

Outcome = Literal["stored", "repeat", "repeat_changed", "resent"]


@dataclass(frozen=True, slots=True)
class FormSubmission:
    report: Report
    # stored: new now. repeat: this form was sent before. repeat_changed: ... and
    # was changed since, which is not kept. resent: the same report came from a
    # fresh copy of the form (back and send again).
    outcome: Outcome


def report_form_submit(*, by: User, data: ReportIn) -> FormSubmission:
    """Store a report sent from a web form by ``by``, unless it is one they have just sent."""
    assert by.organisation is not None
    sent_before = Report.objects.filter(
        organisation=by.organisation, external_id=data.external_id
    ).exists()
    if not sent_before:
        earlier = _same_report_recently(by=by, data=data)
        if earlier is not None:
            return FormSubmission(earlier, "resent")
    report, created = report_submit(organisation=by.organisation, data=data, by=by, via="web")
    return FormSubmission(report, _outcome(report, created, data))


def _same_report_recently(*, by: User, data: ReportIn) -> Report | None:
    """The report ``by`` stored within the window with the same content as ``data``, if any."""
    now = timezone.now()
    recent = Report.objects.filter(
        organisation=by.organisation,
        submitted_by=by,
        kind=data.kind.value,
        received_at__gte=now - RESEND_WINDOW,
        occurred_at__gte=data.occurred_at - RESEND_WINDOW,
        occurred_at__lte=data.occurred_at + RESEND_WINDOW,
    ).order_by("-pk")[:_CANDIDATES]
    wanted = _content(data.model_dump(mode="json"))
    return next((report for report in recent if _content(report.payload) == wanted), None)


def _content(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key not in _NOT_CONTENT}


def _outcome(report: Report, created: bool, sent: ReportIn) -> Outcome:
    """Stored now; or sent before, as now; or sent before, and this time with changes not kept."""
    if created:
        return "stored"
    return (
        "repeat"
        if _content(report.payload) == _content(sent.model_dump(mode="json"))
        else ("repeat_changed")
    )
