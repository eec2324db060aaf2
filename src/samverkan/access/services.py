"""Writes of organisations and users."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from samverkan.access.models import Organisation, User
from samverkan.access.roles import ROLES_BY_ORGANISATION_KIND
from samverkan.intake.schemas import OrganisationIn


@transaction.atomic
def organisation_register(*, data: OrganisationIn) -> Organisation:
    """Create or update the organisation with ``data.code``; its parent must exist first."""
    parent = Organisation.objects.get(code=data.parent_code) if data.parent_code else None
    organisation, _ = Organisation.objects.update_or_create(
        code=data.code,
        defaults={
            "kind": data.kind.value,
            "country": data.country,
            "name": data.name,
            "parent": parent,
            "municipality_codes": list(data.municipality_codes),
        },
    )
    return organisation


@transaction.atomic
def user_ensure(
    *,
    username: str,
    password: str,
    organisation: Organisation,
    full_name: str,
    roles: Sequence[str],
) -> User:
    """Create the user if missing (demo set-up); an existing user keeps its password."""
    allowed = ROLES_BY_ORGANISATION_KIND[organisation.kind]
    if not set(roles) <= allowed:
        raise ValueError(f"roles {sorted(set(roles) - allowed)} do not exist in {organisation}")
    first, _, last = full_name.partition(" ")
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "organisation": organisation,
            "first_name": first,
            "last_name": last,
            "roles": list(roles),
        },
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return user
