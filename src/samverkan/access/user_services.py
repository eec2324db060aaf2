"""Administrators manage the users of their own organisation; every change is audited."""

from __future__ import annotations

from collections.abc import Sequence

from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from samverkan.access.models import User
from samverkan.access.policy import access_managed_user
from samverkan.access.roles import ROLES_BY_ORGANISATION_KIND
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record


class UserChangeError(ValueError):
    """The change is not allowed as asked; the message says why."""


def _check_roles(by: User, roles: Sequence[str]) -> list[str]:
    assert by.organisation is not None
    allowed = ROLES_BY_ORGANISATION_KIND[by.organisation.kind]
    unknown = sorted(set(roles) - allowed)
    if unknown:
        raise UserChangeError(f"roles not available in {by.organisation}: {', '.join(unknown)}")
    if not roles:
        raise UserChangeError("a user needs at least one role")
    return sorted(set(roles))


def _audit_change(by: User, user: User, change: str, **details: object) -> None:
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        object_type="user",
        object_id=str(user.pk),
        purpose="user administration",
        details={"change": change, "username": user.username, **details},
    )


@transaction.atomic
def user_create(
    *, by: User, username: str, full_name: str, roles: Sequence[str], password: str
) -> User:
    """A new user in the administrator's own organisation."""
    if not by.has_role("admin"):
        raise UserChangeError("only administrators create users")
    clean_roles = _check_roles(by, roles)
    if User.objects.filter(username__iexact=username).exists():
        raise UserChangeError(f"the username {username!r} is taken")
    first, _, last = full_name.strip().partition(" ")
    user = User(
        username=username,
        first_name=first,
        last_name=last,
        organisation=by.organisation,
        roles=clean_roles,
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    _audit_change(by, user, "created", roles=clean_roles)
    return user


@transaction.atomic
def user_roles_set(*, by: User, user_id: int, roles: Sequence[str]) -> User:
    user = access_managed_user(by, user_id)
    clean_roles = _check_roles(by, roles)
    if user == by and "admin" not in clean_roles:
        raise UserChangeError("you cannot take your own administrator role away")
    user.roles = clean_roles
    user.save(update_fields=["roles"])
    _audit_change(by, user, "roles", roles=clean_roles)
    return user


@transaction.atomic
def user_active_set(*, by: User, user_id: int, active: bool) -> User:
    """Disable or enable; a disabled user's sessions are refused from their next request."""
    user = access_managed_user(by, user_id)
    if user == by:
        raise UserChangeError("you cannot disable yourself")
    user.is_active = active
    user.save(update_fields=["is_active"])
    _audit_change(by, user, "enabled" if active else "disabled")
    return user


@transaction.atomic
def user_second_factor_reset(*, by: User, user_id: int) -> User:
    """Forget the user's authenticator app: they enrol a new one at their next login."""
    user = access_managed_user(by, user_id)
    TOTPDevice.objects.filter(user=user).delete()
    _audit_change(by, user, "second factor reset")
    return user


@transaction.atomic
def user_unlock(*, by: User, user_id: int) -> User:
    """Lift a lockout after too many failed logins."""
    user = access_managed_user(by, user_id)
    axes_reset(username=user.username)
    _audit_change(by, user, "unlocked")
    return user
