"""System checks for the API's settings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_rate(app_configs: Any, **kwargs: Any) -> list[checks.CheckMessage]:
    if settings.API_RATE_PER_MINUTE >= 1:
        return []
    return [
        checks.Error(
            "SAMVERKAN_API_RATE_PER_MINUTE must be at least 1.",
            hint="It is how many API requests one token may make per minute (default 600).",
            id="samverkan.E101",
        )
    ]
