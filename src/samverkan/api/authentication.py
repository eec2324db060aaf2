"""Who is calling the API: a partner system with a token, checked on every request.

Order matters: an unknown, malformed or revoked token is refused (401) before
anything else; a known token is then counted against its rate (429) and
marked as used; only then is the scope checked (403), so refused calls count
against the rate too. Browser sessions do not authenticate here: the API is
for systems, and cookies would bring CSRF with them.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.security import HttpBearer

from samverkan.api.models import ApiScope, ApiToken
from samverkan.api.problems import (
    FieldError,
    InvalidTokenError,
    MissingScopeError,
    RateLimitedError,
)
from samverkan.api.rate_limit import rate_limit_hit
from samverkan.api.selectors import api_token_authenticate
from samverkan.api.services import api_token_touch


class TokenAuth(HttpBearer):
    """``Authorization: Bearer svk_<prefix>_<secret>`` with the scope ``scope``."""

    openapi_bearerFormat = "svk_<prefix>_<secret>"  # noqa: N815 - the OpenAPI field's name
    openapi_description = (
        "An API token made by your organisation's administrator under /settings/api-tokens/."
    )

    def __init__(self, scope: ApiScope) -> None:
        self.scope = scope
        super().__init__()

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        api_token = api_token_authenticate(raw=token)
        if api_token is None:
            raise InvalidTokenError(
                FieldError(None, "invalid_token", "The token is unknown, malformed or revoked.")
            )
        wait = rate_limit_hit(key=api_token.prefix, limit=settings.API_RATE_PER_MINUTE)
        if wait is not None:
            raise RateLimitedError(wait)
        api_token_touch(token=api_token)
        if not api_token.allows(self.scope):
            message = f"This token may not do '{self.scope.value}'."
            raise MissingScopeError(FieldError(None, "missing_scope", message), token=api_token)
        return api_token
