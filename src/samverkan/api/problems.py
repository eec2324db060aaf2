"""Every answer other than success: one exception per kind, one JSON shape for all.

The API answers ``{"errors": [{"field", "code", "message"}, ...]}`` with the
status below, never a server error for bad input. A reader who may not see a
report gets the very answer of a missing id. Refusals after a token was
recognised are audited (``samverkan.api.services.api_use_refused``), except
rate-limit answers, which would let a flood fill the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja.errors import AuthenticationError, HttpError, ValidationError

from samverkan.access.policy import NotFound
from samverkan.api.models import ApiToken
from samverkan.api.services import api_use_refused

if TYPE_CHECKING:
    from ninja import NinjaAPI


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str | None
    code: str
    message: str


class ApiError(Exception):
    """An answer with ``status`` and errors; ``token`` when the caller was recognised."""

    status = 400

    def __init__(self, *errors: FieldError, token: ApiToken | None = None) -> None:
        super().__init__(*errors)
        self.errors = errors
        self.token = token


class InvalidTokenError(ApiError):
    status = 401


class MissingScopeError(ApiError):
    status = 403


class RateLimitedError(ApiError):
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            FieldError(None, "rate_limited", f"Too many requests; try again in {retry_after} s.")
        )
        self.retry_after = retry_after


class SubmissionRejectedError(ApiError):
    """One or more reports cannot be stored; nothing of the submission was."""

    status = 422


class ParametersRejectedError(ApiError):
    status = 422


class IdempotencyConflictError(ApiError):
    status = 422


class MalformedBodyError(ApiError):
    status = 400

    def __init__(self) -> None:
        message = "The body is not valid JSON (NaN and Infinity are not JSON either)."
        super().__init__(FieldError(None, "malformed_json", message))


NOT_FOUND = FieldError(None, "not_found", "There is no report with this id.")
_AUTHENTICATE = 'Bearer realm="samverkan"'
_INVALID_TOKEN = f'{_AUTHENTICATE}, error="invalid_token"'


def validation_errors(raw: Iterable[dict[str, Any]]) -> list[FieldError]:
    """django-ninja's errors of parameters in our shape: ``("query", "limit")`` → ``limit``."""
    errors = []
    for error in raw:
        parts: Sequence[Any] = error.get("loc", ())[1:]  # after "query", "path" or "header"
        field = ".".join(str(part) for part in parts) or None
        errors.append(
            FieldError(field, str(error.get("type", "invalid")), str(error.get("msg", "")))
        )
    return errors


def _answer(
    api: NinjaAPI, request: HttpRequest, status: int, errors: Iterable[FieldError]
) -> HttpResponse:
    body = {"errors": [{"field": e.field, "code": e.code, "message": e.message} for e in errors]}
    token = getattr(request, "auth", None)
    if isinstance(token, ApiToken) and status != 429:
        match = request.resolver_match
        # Of the caller's input only the id of a report not found is kept: it passed
        # validation as a number. Anything else may hold anything (a NUL breaks jsonb).
        asked = match.kwargs.get("report_id", "") if match and status == 404 else ""
        api_use_refused(
            token=token,
            method=request.method or "",
            operation=match.url_name or "" if match else "",
            status=status,
            object_id=str(asked)[:80],
        )
    return api.create_response(request, body, status=status)


def problems_register(api: NinjaAPI) -> None:
    """Answer every anticipated failure in the one JSON shape."""

    @api.exception_handler(ApiError)
    def problem(request: HttpRequest, exc: ApiError) -> HttpResponse:
        if exc.token is not None:
            request.auth = exc.token  # type: ignore[attr-defined]
        response = _answer(api, request, exc.status, exc.errors)
        if isinstance(exc, InvalidTokenError):
            response["WWW-Authenticate"] = _INVALID_TOKEN
        if isinstance(exc, RateLimitedError):
            response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = "Send your API token as 'Authorization: Bearer svk_…'."
        response = _answer(api, request, 401, [FieldError(None, "unauthenticated", message)])
        response["WWW-Authenticate"] = _AUTHENTICATE
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return _answer(api, request, exc.status_code, [FieldError(None, "http_error", str(exc))])

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _answer(api, request, 422, validation_errors(exc.errors))

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return _answer(api, request, 404, [NOT_FOUND])

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        message = "The body is too large; send fewer reports per batch."
        return _answer(api, request, 413, [FieldError(None, "too_large", message)])
