"""Who must prove a second factor, and the checks that keep it so.

Officers, analysts, coordinators, administrators and auditors log in with a
password and a TOTP code from an authenticator app (django-otp). Reporters
and partners, who see no intelligence, use a password alone. Setting
``SAMVERKAN_SECOND_FACTOR=off`` (the laptop demo only) switches the second
factor off; ``check --deploy`` warns when it is off.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from samverkan.access.models import User
from samverkan.access.roles import SECOND_FACTOR_ROLES


def second_factor_required(user: User) -> bool:
    return settings.SECOND_FACTOR_REQUIRED and any(
        role in SECOND_FACTOR_ROLES for role in user.roles
    )


def second_factor_given(user: User) -> bool:
    """Whether this request's user has given a second factor in this session.

    django-otp's middleware attaches ``is_verified()`` to ``request.user``.
    """
    return bool(user.is_verified())  # type: ignore[attr-defined]


@checks.register(checks.Tags.security, deploy=True)
def check_second_factor(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.SECOND_FACTOR_REQUIRED:
        return []
    return [
        checks.Warning(
            "Two-factor login is switched off (SAMVERKAN_SECOND_FACTOR=off).",
            hint="Only the laptop demo may run like this; unset it in production.",
            id="samverkan.W001",
        )
    ]
