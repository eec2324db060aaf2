"""Requests for information and the disclosures that answer them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import Organisation
from samverkan.entities.models import Entity
from samverkan.intake.models import Report


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class InformationRequest(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    holder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    requester = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=500)
    asked_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=RequestStatus.choices, default="open")
    answer = models.CharField(max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return f"{self.requester_id} asks {self.holder_id} about {self.entity_id}"


class ReportDisclosure(models.Model):
    """A report its holder has opened to one more organisation, because it asked."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="disclosures")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(InformationRequest, on_delete=models.PROTECT, related_name="+")
    disclosed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["report", "organisation"], name="disclosure_once_per_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"report {self.report_id} to {self.organisation_id}"
