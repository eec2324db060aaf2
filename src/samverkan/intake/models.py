"""Stored reports.

A report is stored exactly as submitted (``payload``, the validated
``ReportIn``) next to the columns the system filters on. ``(organisation,
external_id)`` is unique: submitting the same report twice stores it once.
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
