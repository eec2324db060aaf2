"""Writes of reports. Every way in (API, forms, bulk, the scenario loader) ends here."""

from __future__ import annotations

from dataclasses import asdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from samverkan.access.models import Compartment, Organisation, User
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.linking import mentions_link
from samverkan.intake.mentions import mention_rows
from samverkan.intake.models import Mention, Report
from samverkan.intake.schemas import ReportIn


class ReportRejectedError(ValueError):
    """The report cannot be stored as given; the message says why."""


def report_submit(
    *, organisation: Organisation, data: ReportIn, by: User | None, via: str
) -> tuple[Report, bool]:
    """Store one report, its mentions and its collection event; a repeat returns the stored one.

    ``(organisation, external_id)`` identifies a report: submitting it again
    stores nothing and answers with the report as first stored. ``by`` is the
    person who submitted it, or ``None`` for a system (``via`` names it).
    Returns the report and whether it was created now.
    """
    existing = Report.objects.filter(
        organisation=organisation, external_id=data.external_id
    ).first()
    if existing is not None:
        return existing, False
    compartments = list(Compartment.objects.filter(code__in=data.handling.compartments))
    unknown = set(data.handling.compartments) - {c.code for c in compartments}
    if unknown:
        raise ReportRejectedError(f"unknown compartments: {', '.join(sorted(unknown))}")
    try:
        with transaction.atomic():
            report = Report.objects.create(
                organisation=organisation,
                submitted_by=by,
                external_id=data.external_id,
                kind=data.kind.value,
                occurred_at=data.occurred_at,
                reported_at=data.reported_at or timezone.now(),
                source_grading=data.grading.source.value,
                information_grading=data.grading.information.value,
                tlp=data.handling.tlp.value,
                payload=data.model_dump(mode="json"),
            )
            report.compartments.set(compartments)
            mentions = Mention.objects.bulk_create(
                Mention(report=report, **asdict(row))
                for row in mention_rows(report.payload, country=organisation.country)
            )
            mentions_link(mentions=mentions)
            audit_record(
                actor=by,
                actor_label="" if by else f"{via}:{organisation.code}",
                action=AuditAction.COLLECT,
                object_type="report",
                object_id=str(report.pk),
                details={"kind": report.kind, "via": via, "tlp": report.tlp},
                personal_data=report.payload,
            )
    except IntegrityError:
        # A concurrent submission of the same report won the race: answer with it.
        return Report.objects.get(organisation=organisation, external_id=data.external_id), False
    return report, True
