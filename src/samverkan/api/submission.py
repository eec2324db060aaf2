"""Reports in through the API: one or a batch, all or nothing, safely repeatable.

Invariants:

- A submission stores every report in it or none: one report that cannot be
  stored rejects the whole batch with an error for each such report.
- A report already stored (same organisation and ``external_id``) is not
  stored again; its receipt is the stored one. The answer is 201 when any
  report is new, else 200.
- An ``Idempotency-Key`` remembers the answer given: the same key with the
  same body (compared as canonical JSON) answers exactly that again, status
  and body; with another body it is refused. Only successful answers are
  remembered, so a rejected submission can be corrected and sent with its key.
- Each submission writes one ``report_submission`` event by ``token:<prefix>``
  besides the collection event ``report_submit`` writes for each new report.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from samverkan.api.models import ApiToken, IdempotencyKey
from samverkan.api.parsing import SubmissionBody
from samverkan.api.problems import FieldError, IdempotencyConflictError, SubmissionRejectedError
from samverkan.api.schemas import ReportReceipt
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.intake.models import Report
from samverkan.intake.services import ReportRejectedError, report_submit


@dataclass(frozen=True, slots=True)
class SubmissionAnswer:
    status: int
    body: Any  # JSON: a receipt, or a list of them
    replayed: bool = False


def api_reports_submit(
    *, token: ApiToken, body: SubmissionBody, idempotency_key: str | None
) -> SubmissionAnswer:
    """Store the submission's reports for the token's organisation; see the module's rules."""
    try:
        return _submit(token=token, body=body, key=idempotency_key)
    except IntegrityError:
        if idempotency_key is None:
            raise
        # A concurrent request with the same key committed first: answer as to a repeat.
        return _submit(token=token, body=body, key=idempotency_key)


@transaction.atomic
def _submit(*, token: ApiToken, body: SubmissionBody, key: str | None) -> SubmissionAnswer:
    submission = body.submission
    if key is not None:
        remembered = IdempotencyKey.objects.filter(token=token, key=key).first()
        if remembered is not None:
            return _replay(token=token, remembered=remembered, digest=body.digest)
    at = "reports.{}" if submission.is_batch else "report"
    errors: list[FieldError] = []
    stored: list[tuple[Report, bool]] = []
    for index, data in enumerate(submission.reports):
        try:
            stored.append(
                report_submit(
                    organisation=token.organisation, data=data, by=None, via=f"api:{token.prefix}"
                )
            )
        except ReportRejectedError as exc:
            errors.append(FieldError(at.format(index), "rejected", str(exc)))
    if errors:
        raise SubmissionRejectedError(*errors, token=token)
    receipts = [_receipt(report) for report, _created in stored]
    answer = SubmissionAnswer(
        status=201 if any(created for _report, created in stored) else 200,
        body=receipts if submission.is_batch else receipts[0],
    )
    if key is not None:
        IdempotencyKey.objects.create(
            token=token,
            key=key,
            request_sha256=body.digest,
            status_code=answer.status,
            response=answer.body,
        )
    audit_record(
        actor=None,
        actor_label=token.label,
        organisation=token.organisation,
        action=AuditAction.COLLECT,
        object_type="report_submission",
        details={
            "organisation": token.organisation.code,
            "via": f"api:{token.prefix}",
            "created": [report.pk for report, created in stored if created],
            "repeated": [report.pk for report, created in stored if not created],
            "idempotency_key": key is not None,
        },
    )
    return answer


def _replay(*, token: ApiToken, remembered: IdempotencyKey, digest: str) -> SubmissionAnswer:
    if not hmac.compare_digest(remembered.request_sha256, digest):
        raise IdempotencyConflictError(
            FieldError(
                "Idempotency-Key",
                "idempotency_key_reused",
                "This Idempotency-Key was used with a different body. Use a new key for new"
                " content, or send exactly the same body to get the first answer again.",
            ),
            token=token,
        )
    audit_record(
        actor=None,
        actor_label=token.label,
        organisation=token.organisation,
        action=AuditAction.COLLECT,
        object_type="report_submission",
        details={
            "organisation": token.organisation.code,
            "via": f"api:{token.prefix}",
            "replayed": True,
        },
    )
    return SubmissionAnswer(remembered.status_code, remembered.response, replayed=True)


def _receipt(report: Report) -> dict[str, Any]:
    receipt = ReportReceipt(
        id=report.pk, external_id=report.external_id, received_at=report.received_at
    )
    return receipt.model_dump(mode="json")
