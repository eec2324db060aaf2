"""Writes of reports. Every way in (API, forms, bulk, the scenario loader) ends here."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from samverkan.access.models import Organisation
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn


def report_submit(*, organisation: Organisation, data: ReportIn) -> tuple[Report, bool]:
    """Store one report; a repeat of ``(organisation, external_id)`` returns the stored one.

    Returns the report and whether it was created now.
    """
    existing = Report.objects.filter(
        organisation=organisation, external_id=data.external_id
    ).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            report = Report.objects.create(
                organisation=organisation,
                external_id=data.external_id,
                kind=data.kind.value,
                occurred_at=data.occurred_at,
                reported_at=data.reported_at or timezone.now(),
                source_grading=data.grading.source.value,
                information_grading=data.grading.information.value,
                tlp=data.handling.tlp.value,
                payload=data.model_dump(mode="json"),
            )
    except IntegrityError:
        # A concurrent submission of the same report won the race: answer with it.
        return Report.objects.get(organisation=organisation, external_id=data.external_id), False
    return report, True
