"""Entities and the links that put mentions into them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.intake.models import Mention


class EntityKind(models.TextChoices):
    PERSON = "person", _("Person")
    PHONE = "phone", _("Phone")
    ADDRESS = "address", _("Address")
    POSTAL_ITEM = "postal_item", _("Postal item")
    VEHICLE = "vehicle", _("Vehicle")
    COMPANY = "company", _("Company")
    ACCOUNT = "account", _("Bank account")
    EMAIL = "email", _("Email address")
    DEVICE = "device", _("Device")


class Entity(models.Model):
    kind = models.CharField(max_length=20, choices=EntityKind.choices)
    # The canonical key that identifies it (a phone's E.164, a plate, a personal
    # number); empty for entities found by probabilistic resolution.
    key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key"], condition=~Q(key=""), name="entity_unique_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key or self.pk}"


class LinkReason(models.TextChoices):
    KEY = "key", _("Same identifier")
    JUDGEMENT = "judgement", _("Analyst's judgement")
    MODEL = "model", _("Probabilistic match")


class EntityMention(models.Model):
    """A mention's place in an entity. A mention is in at most one entity."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links")
    mention = models.OneToOneField(Mention, on_delete=models.CASCADE, related_name="entity_link")
    reason = models.CharField(max_length=10, choices=LinkReason.choices)
    linked_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.mention_id} → {self.entity_id} ({self.reason})"
