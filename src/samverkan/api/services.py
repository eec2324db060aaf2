"""Writes of API tokens and of their use. Each is audited in its own transaction.

- A token is created by an administrator for their own organisation, with
  at least one scope; the whole token is returned once and never stored.
- Revoking is for the same administrators; another organisation's token is
  ``NotFound``. Revoking twice changes nothing and logs nothing new.
- ``last_used_at`` is kept to the minute, so a busy token does not write its
  row on every request.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from samverkan.access.models import User
from samverkan.access.policy import Forbidden, access_api_token, manages_api_tokens
from samverkan.api.credentials import credential_new, secret_digest
from samverkan.api.models import ApiScope, ApiToken
from samverkan.audit.models import AuditAction
from samverkan.audit.services import audit_record

LAST_USED_RESOLUTION = timedelta(minutes=1)
NAME_LENGTH = 100


class ApiTokenRejectedError(ValueError):
    """The token cannot be made as asked; the message says why."""


def _name_clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ApiTokenRejectedError("a token needs a name")
    if len(name) > NAME_LENGTH or not name.isprintable():
        raise ApiTokenRejectedError(f"a name is at most {NAME_LENGTH} printable characters")
    return name


def _scopes_clean(scopes: Collection[str]) -> list[str]:
    known = {scope.value for scope in ApiScope}
    if not scopes:
        raise ApiTokenRejectedError("a token needs at least one scope")
    if unknown := set(scopes) - known:
        raise ApiTokenRejectedError(f"unknown scopes: {', '.join(sorted(unknown))}")
    return sorted(set(scopes))


@transaction.atomic
def api_token_create(*, by: User, name: str, scopes: Collection[str]) -> tuple[ApiToken, str]:
    """A new token of ``by``'s organisation, and the token string to show once."""
    if not manages_api_tokens(by):
        raise Forbidden
    assert by.organisation is not None  # manages_api_tokens says so
    clean_name, clean_scopes = _name_clean(name), _scopes_clean(scopes)
    credential = credential_new()
    while ApiToken.objects.filter(prefix=credential.prefix).exists():
        credential = credential_new()
    token = ApiToken.objects.create(
        organisation=by.organisation,
        name=clean_name,
        prefix=credential.prefix,
        secret_sha256=secret_digest(credential.secret),
        scopes=clean_scopes,
        created_by=by,
    )
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        object_type="api_token",
        object_id=str(token.pk),
        details={"change": "created", "prefix": token.prefix, "scopes": clean_scopes},
    )
    return token, str(credential)


@transaction.atomic
def api_token_revoke(*, by: User, token_id: int) -> ApiToken:
    """Revoke the token: every request with it is refused from now on."""
    token = access_api_token(by, token_id)
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at, token.revoked_by = timezone.now(), by
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=by,
        action=AuditAction.CHANGE,
        object_type="api_token",
        object_id=str(token.pk),
        details={"change": "revoked", "prefix": token.prefix},
    )
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Note that the token was used now (to the minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def api_use_refused(
    *, token: ApiToken, method: str, operation: str, status: int, object_id: str = ""
) -> None:
    """Log a request the token made that was refused (bad input, missing scope, not found)."""
    audit_record(
        actor=None,
        actor_label=token.label,
        organisation=token.organisation,
        action=AuditAction.COLLECT if method in ("POST", "PUT") else AuditAction.CONSULT,
        object_type="api_request",
        object_id=object_id,
        outcome={403: "forbidden", 404: "not_found"}.get(status, "rejected"),
        details={"organisation": token.organisation.code, "operation": operation, "status": status},
    )
