"""Roles and which organisation kinds may hold them.

A user holds one or more roles in their one organisation. The table below is
the product's (``product.md``, "Who uses it"): a postal agent's staff can be
reporters and never analysts; a municipality's staff are partners and never
see personal data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from samverkan.access.models import OrganisationKind


class Role(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    OFFICER = "officer", _("Officer")
    ANALYST = "analyst", _("Analyst")
    COORDINATOR = "coordinator", _("Coordinator")
    PARTNER = "partner", _("Partner")
    ADMIN = "admin", _("Administrator")
    AUDITOR = "auditor", _("Auditor")


LAW_ENFORCEMENT = frozenset(
    {
        OrganisationKind.POLICE_DISTRICT,
        OrganisationKind.POLICE_REGION,
        OrganisationKind.NATIONAL_POLICE,
        OrganisationKind.CUSTOMS,
    }
)
POSTAL = frozenset({OrganisationKind.POSTAL_OPERATOR, OrganisationKind.POSTAL_AGENT})
POLICE = frozenset(
    {
        OrganisationKind.POLICE_DISTRICT,
        OrganisationKind.POLICE_REGION,
        OrganisationKind.NATIONAL_POLICE,
    }
)

_REPORTING = frozenset({Role.REPORTER, Role.ADMIN, Role.AUDITOR})
_ENFORCING = frozenset({Role.OFFICER, Role.ANALYST, Role.ADMIN, Role.AUDITOR})

ROLES_BY_ORGANISATION_KIND: dict[str, frozenset[Role]] = {
    OrganisationKind.POSTAL_OPERATOR: _REPORTING,
    OrganisationKind.POSTAL_AGENT: _REPORTING,
    OrganisationKind.CUSTOMS: _ENFORCING,
    OrganisationKind.POLICE_DISTRICT: _ENFORCING | {Role.COORDINATOR},
    OrganisationKind.POLICE_REGION: _ENFORCING | {Role.COORDINATOR},
    OrganisationKind.NATIONAL_POLICE: _ENFORCING | {Role.COORDINATOR},
    OrganisationKind.MUNICIPALITY: frozenset({Role.PARTNER, Role.ADMIN, Role.AUDITOR}),
}

# Roles whose holders must use a second factor (TOTP) to log in.
SECOND_FACTOR_ROLES = frozenset(
    {Role.OFFICER, Role.ANALYST, Role.COORDINATOR, Role.ADMIN, Role.AUDITOR}
)
