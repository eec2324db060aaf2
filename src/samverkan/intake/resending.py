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

A photo (the postal item's) follows the same rule. A browser never sends a
file box again after "back", so a sending without a photo is the same as
one with it; a photo sent again for a report that has none is added to it
(outcome ``photo_added``); a different photo makes a different report, or,
with the same form id, a change that is not kept. Report and photo are
stored in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from samverkan.access.models import User
from samverkan.intake.models import Report
from samverkan.intake.photos import CleanPhoto
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import PhotoOutcome, report_photo_attach, report_submit

RESEND_WINDOW = timedelta(minutes=10)
# Not the report's content: the form's id, and "now" as the form filled it in.
_NOT_CONTENT = ("external_id", "occurred_at", "reported_at")
_CANDIDATES = 20  # a person stores a handful of reports in ten minutes, not more

Outcome = Literal["stored", "repeat", "repeat_changed", "resent", "photo_added"]


@dataclass(frozen=True, slots=True)
class FormSubmission:
    report: Report
    # stored: new now. repeat: this form was sent before. repeat_changed: ... and
    # was changed since, which is not kept. resent: the same report came from a
    # fresh copy of the form (back and send again). photo_added: a repeat or a
    # resending, with a photo the stored report did not have: it has it now.
    outcome: Outcome


@transaction.atomic
def report_form_submit(
    *, by: User, data: ReportIn, photo: CleanPhoto | None = None
) -> FormSubmission:
    """Store a report sent from a web form by ``by``, unless it is one they have just sent."""
    assert by.organisation is not None
    sent_before = Report.objects.filter(
        organisation=by.organisation, external_id=data.external_id
    ).exists()
    if not sent_before:
        earlier = _same_report_recently(by=by, data=data, photo=photo)
        if earlier is not None:
            return FormSubmission(earlier, _with_photo(earlier, photo, by, "resent"))
    report, created = report_submit(organisation=by.organisation, data=data, by=by, via="web")
    return FormSubmission(report, _with_photo(report, photo, by, _outcome(report, created, data)))


def _with_photo(report: Report, photo: CleanPhoto | None, by: User, outcome: Outcome) -> Outcome:
    """Give the report the photo sent with it, unless what was sent is not kept anyway."""
    if photo is None or outcome == "repeat_changed":
        return outcome
    attached = report_photo_attach(report=report, photo=photo, by=by, via="web")
    if outcome == "stored":
        return outcome
    after: dict[PhotoOutcome, Outcome] = {
        "added": "photo_added",
        "same": outcome,
        "other": "repeat_changed",
    }
    return after[attached]


def _same_report_recently(*, by: User, data: ReportIn, photo: CleanPhoto | None) -> Report | None:
    """The report ``by`` stored within the window with the same content as ``data``, if any.

    Its photo must be the one sent, or one of the two must have none.
    """
    now = timezone.now()
    recent = (
        Report.objects.filter(
            organisation=by.organisation,
            submitted_by=by,
            kind=data.kind.value,
            received_at__gte=now - RESEND_WINDOW,
            occurred_at__gte=data.occurred_at - RESEND_WINDOW,
            occurred_at__lte=data.occurred_at + RESEND_WINDOW,
        )
        .annotate(photo_sha256=F("photo__sha256"))
        .order_by("-pk")[:_CANDIDATES]
    )
    wanted = _content(data.model_dump(mode="json"))
    return next(
        (
            report
            for report in recent
            if _content(report.payload) == wanted
            and (photo is None or report.photo_sha256 in (None, photo.sha256))
        ),
        None,
    )


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
