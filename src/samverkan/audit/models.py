"""Audit events and the chain head."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What was done with personal data (EU Directive 2016/680, Article 25)."""

    COLLECT = "collect", _("Collection")
    CHANGE = "change", _("Alteration")
    CONSULT = "consult", _("Consultation")
    DISCLOSE = "disclose", _("Disclosure")
    COMBINE = "combine", _("Combination")
    ERASE = "erase", _("Erasure")


class AuditEvent(models.Model):
    """One logged use. Never updated, never deleted: the database refuses both."""

    sequence = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=150)
    organisation_code = models.CharField(max_length=80, blank=True)
    roles = models.JSONField(default=list)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=80, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    recipients = models.JSONField(default=list)
    request_id = models.CharField(max_length=64, blank=True)
    outcome = models.CharField(max_length=20, default="ok")
    details = models.JSONField(default=dict)
    personal_data_hash = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "occurred_at"]),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.object_type}:{self.object_id}"


class AuditHead(models.Model):
    """The single row naming the chain's last event; locking it serialises writers."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"head #{self.sequence}"
