"""Reads of API tokens, and who may manage them.

Only an administrator manages tokens, and only their own organisation's:
another organisation's token does not exist for them (``NotFound``, the same
answer as a missing id). Only organisations that submit reports hold tokens
(postal operators and agents, customs, police); a municipality's partners
see no reports, so their systems need none.
"""

from __future__ import annotations

from django.db.models import QuerySet

from samverkan.access.models import User
from samverkan.access.policy import NotFound
from samverkan.access.roles import LAW_ENFORCEMENT, POSTAL, Role
from samverkan.api.credentials import credential_parse, secret_matches
from samverkan.api.models import ApiToken

TOKEN_ORGANISATION_KINDS = POSTAL | LAW_ENFORCEMENT


def manages_api_tokens(user: User) -> bool:
    """Whether the user may list, create and revoke their organisation's tokens."""
    return (
        user.is_active
        and user.organisation is not None
        and user.organisation.kind in TOKEN_ORGANISATION_KINDS
        and user.has_role(Role.ADMIN)
    )


def api_tokens_of(*, reader: User) -> QuerySet[ApiToken]:
    """The tokens of the reader's organisation, if the reader manages them; else none."""
    if not manages_api_tokens(reader) or reader.organisation_id is None:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(organisation_id=reader.organisation_id).select_related(
        "created_by", "revoked_by"
    )


def access_api_token(reader: User, token_id: int) -> ApiToken:
    """The token, if the reader manages it; else ``NotFound``, as for a missing id."""
    token = api_tokens_of(reader=reader).filter(pk=token_id).first()
    if token is None:
        raise NotFound
    return token


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
