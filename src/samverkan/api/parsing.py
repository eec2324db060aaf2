"""Reading requests strictly: the submission's body, and the query's parameters.

The body is read here rather than by django-ninja so that it is validated in
pydantic's strict JSON mode: django-ninja validates the Python objects of
``json.loads``, where "4" passes for 4 and 0.5 for a date and time, which the
OpenAPI document calls invalid. Nothing is coerced; what JSON may hold but a
database may not (NUL characters, instants outside the calendar in UTC) is
refused here too, so that no bad input reaches a query.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

import pydantic
from pydantic import BaseModel

from samverkan.api.problems import (
    FieldError,
    MalformedBodyError,
    ParametersRejectedError,
    SubmissionRejectedError,
)
from samverkan.api.schemas import ReportSubmission


@dataclass(frozen=True, slots=True)
class SubmissionBody:
    submission: ReportSubmission
    digest: str  # SHA-256 of the body as canonical JSON: equal JSON values, equal digests


def submission_body_parse(body: bytes) -> SubmissionBody:
    """The submission in ``body``, read strictly: no NaN, no numbers for dates, no "4" for 4."""
    if not body:
        raise SubmissionRejectedError(FieldError(None, "missing", "A JSON body is required."))
    try:
        parsed = json.loads(body, parse_constant=_no_constant)
        submission = ReportSubmission.model_validate_json(body, strict=True)
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, pydantic.ValidationError) and not _unreadable(exc):
            raise SubmissionRejectedError(*_errors(exc)) from None
        raise MalformedBodyError from None
    canonical = json.dumps(parsed, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()
    return SubmissionBody(submission, digest)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _unreadable(exc: pydantic.ValidationError) -> bool:
    return any(error["type"] == "json_invalid" for error in exc.errors())


def _errors(exc: pydantic.ValidationError) -> list[FieldError]:
    """``("batch", "reports", 3, "kind")`` → ``reports.3.kind``; ``("report", "kind")`` stays."""
    errors = []
    for error in exc.errors(include_url=False):
        loc = list(error["loc"])
        if loc[:1] == ["batch"]:
            loc = loc[1:]
        field = ".".join(str(part) for part in loc) or None
        errors.append(FieldError(field, error["type"], error["msg"]))
    return errors


def query_unknown_refuse(names: Iterable[str], model: type[BaseModel]) -> None:
    """Refuse query parameters the operation does not have.

    django-ninja ignores them, and a misspelt ``since`` would list every report without a word.
    """
    if unknown := sorted(set(names) - set(model.model_fields)):
        message = f"Unknown parameter; this operation takes {', '.join(model.model_fields)}."
        raise ParametersRejectedError(*(FieldError(n, "extra_forbidden", message) for n in unknown))
