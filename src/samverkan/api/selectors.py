"""Finding the API token a request presents. Who may manage tokens is ``access.policy``."""

from __future__ import annotations

from samverkan.api.credentials import credential_parse, secret_matches
from samverkan.api.models import ApiToken


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The live token that ``raw`` is, or ``None`` (malformed, unknown, wrong secret, revoked)."""
    credential = credential_parse(raw)
    if credential is None:
        return None
    token = (
        ApiToken.objects.select_related("organisation")
        .filter(prefix=credential.prefix, revoked_at__isnull=True)
        .first()
    )
    if token is None or not secret_matches(credential.secret, token.secret_sha256):
        return None
    return token
