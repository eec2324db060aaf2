"""Stored reports.

A report is stored exactly as submitted (``payload``, the validated
``ReportIn``) next to the columns the system filters on. ``(organisation,
external_id)`` is unique: submitting the same report twice stores it once.

A report may have one photo (``ReportPhoto``), kept in the database beside
it rather than as a file: a database backup then holds each photo exactly
when it holds its report, and erasing the report (retention) erases the
photo in the same transaction by cascade, with no file left behind on disk
or in a later backup. Photos are re-encoded and bounded (``intake.photos``:
at most 2048 px, a few hundred kB), so rows stay small.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Compartment, Organisation, User


class ReportKind(models.TextChoices):
    POSTAL_ITEM = "postal_item", _("Suspicious postal item")
    SEIZURE = "seizure", _("Seizure")
    COURIER_STATEMENT = "courier_statement", _("Courier statement")
    OBSERVATION = "observation", _("Observation")
    INTELLIGENCE = "intelligence", _("Intelligence report")


class Report(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reports")
    submitted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    external_id = models.CharField(max_length=100)
    kind = models.CharField(max_length=30, choices=ReportKind.choices)
    occurred_at = models.DateTimeField()
    reported_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    source_grading = models.CharField(max_length=1)
    information_grading = models.CharField(max_length=1)
    tlp = models.CharField(max_length=12)
    compartments = models.ManyToManyField(Compartment, blank=True, related_name="reports")
    # TLP:RED reports are for these named people (besides the submitter) only.
    red_recipients = models.ManyToManyField(User, blank=True, related_name="red_reports")
    payload = models.JSONField()
    # Set while a lead or case depends on the report: retention leaves it alone.
    retention_hold = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"], name="report_unique_per_organisation"
            )
        ]
        indexes = [models.Index(fields=["kind", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.external_id}"


class Mention(models.Model):
    """One identifier or name as it stood in a report (see ``intake.mentions``)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="mentions")
    subject_ref = models.CharField(max_length=40)
    subject_role = models.CharField(max_length=20)
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=30)
    raw = models.CharField(max_length=500)
    key = models.CharField(max_length=200, blank=True)
    problem = models.CharField(max_length=30, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "subject_ref", "position"], name="mention_unique_in_report"
            )
        ]
        indexes = [models.Index(fields=["kind", "key"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.raw!r}"


class ReportPhoto(models.Model):
    """The photo of a report (the item at the counter): re-encoded, without metadata.

    Personal data (a label shows names and addresses): read only through
    ``intake.selectors.report_photo_read``, which checks access to the report
    and logs the consultation. Once added it is never replaced.
    """

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="photo")
    image = models.BinaryField()
    content_type = models.CharField(max_length=30)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()  # bytes of ``image``
    sha256 = models.CharField(max_length=64)  # of ``image``, as stored
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    via = models.CharField(max_length=40)  # "web", or "api:<token prefix>"

    def __str__(self) -> str:
        return f"photo of report {self.report_id} ({self.width}×{self.height})"
