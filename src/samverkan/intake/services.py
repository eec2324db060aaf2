"""Writes of reports. Every way in (API, forms, bulk, the scenario loader) ends here."""

from __future__ import annotations

from dataclasses import asdict
from typing import Literal

from django.db import IntegrityError, transaction
from django.utils import timezone

from samverkan.access.models import Compartment, Organisation, User
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record
from samverkan.entities.companies import company_names_link
from samverkan.entities.linking import mentions_link
from samverkan.entities.near import near_link
from samverkan.intake.mentions import mention_rows
from samverkan.intake.models import Mention, Report, ReportPhoto
from samverkan.intake.photos import CleanPhoto
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
            created = mentions_link(mentions=mentions)
            audit_record(
                actor=by,
                actor_label="" if by else f"{via}:{organisation.code}",
                organisation=organisation,
                action=AuditAction.COLLECT,
                object_type="report",
                object_id=str(report.pk),
                details={"kind": report.kind, "via": via, "tlp": report.tlp},
                personal_data=report.payload,
            )
            near_link(report=report, mentions=mentions, created=created)
            company_names_link(mentions=mentions)
    except IntegrityError:
        # A concurrent submission of the same report won the race: answer with it.
        return Report.objects.get(organisation=organisation, external_id=data.external_id), False
    return report, True


PhotoOutcome = Literal["added", "same", "other"]


def report_photo_attach(
    *, report: Report, photo: CleanPhoto, by: User | None, via: str, actor_label: str = ""
) -> PhotoOutcome:
    """Give a report its photo, once: the same photo again changes nothing, another is not kept.

    Returns ``added`` (stored now, its collection logged), ``same`` (this very
    photo is the report's already) or ``other`` (the report has another photo,
    which stays: a report's photo is evidence and is never replaced).
    """
    try:
        with transaction.atomic():
            Report.objects.select_for_update().filter(pk=report.pk).first()
            kept = ReportPhoto.objects.filter(report_id=report.pk).values_list("sha256", flat=True)
            if (existing := kept.first()) is not None:
                return "same" if existing == photo.sha256 else "other"
            ReportPhoto.objects.create(
                report_id=report.pk,
                image=photo.data,
                content_type=photo.content_type,
                width=photo.width,
                height=photo.height,
                size=photo.size,
                sha256=photo.sha256,
                added_by=by,
                via=via,
            )
            audit_record(
                actor=by,
                actor_label=actor_label,
                organisation=report.organisation,
                action=AuditAction.COLLECT,
                object_type="report_photo",
                object_id=str(report.pk),
                details={
                    "via": via,
                    "sha256": photo.sha256,
                    "bytes": photo.size,
                    "width": photo.width,
                    "height": photo.height,
                },
                personal_data={"photo_sha256": photo.sha256},
            )
    except IntegrityError:
        # A concurrent sending of a photo for this report won the race: compare with it.
        existing = ReportPhoto.objects.get(report_id=report.pk).sha256
        return "same" if existing == photo.sha256 else "other"
    return "added"
