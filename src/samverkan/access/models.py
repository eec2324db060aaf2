"""Organisations and their users.

Every user belongs to exactly one organisation; what the user may see follows
from that organisation and the user's roles (see ``samverkan.access``).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    POLICE_DISTRICT = "police_district", _("Police district")
    POLICE_REGION = "police_region", _("Police region")
    NATIONAL_POLICE = "national_police", _("National police unit")
    CUSTOMS = "customs", _("Customs")
    POSTAL_OPERATOR = "postal_operator", _("Postal operator")
    POSTAL_AGENT = "postal_agent", _("Postal agent")
    MUNICIPALITY = "municipality", _("Municipality")


class Country(models.TextChoices):
    SE = "SE", _("Sweden")
    NO = "NO", _("Norway")


class Organisation(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(max_length=2, choices=Country.choices)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    municipality_codes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    # Role codes (``samverkan.access.roles.Role``) held in ``organisation``.
    roles = models.JSONField(default=list, blank=True)

    def has_role(self, role: str) -> bool:
        return self.is_active and self.organisation_id is not None and role in self.roles


class Compartment(models.Model):
    """An operation or case group: what is marked with it, only its members see."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="compartments")
    members = models.ManyToManyField(User, related_name="compartments", blank=True)

    def __str__(self) -> str:
        return self.name
