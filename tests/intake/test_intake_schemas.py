"""The report contract refuses what could not be stored, with a message saying why."""

from __future__ import annotations

import pydantic
import pytest

from samverkan.intake.schemas import ReportIn

VALID = {"kind": "intelligence", "external_id": "x-1", "occurred_at": "2026-01-01T10:00:00+01:00"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"summary": "a\x00b"}, "NUL"),
        ({"occurred_at": "0001-01-01T00:00:00+01:00"}, "between 1970 and 2100"),
        ({"occurred_at": "2026-01-01T10:00:00"}, "timezone"),
        ({"kind": "seizure"}, "needs its 'seizure' details"),
        ({"route": {"origin": "Oslo"}}, "do not belong in a intelligence report"),
        ({"colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_bad_reports_are_refused_with_a_reason(change: dict[str, object], message: str) -> None:
    with pytest.raises(pydantic.ValidationError, match=message):
        ReportIn.model_validate({**VALID, **change})


def test_subject_refs_must_be_unique() -> None:
    subject = {"ref": "a", "role": "backer", "mentions": [{"kind": "nickname", "value": "Smurfen"}]}
    with pytest.raises(pydantic.ValidationError, match="unique"):
        ReportIn.model_validate({**VALID, "subjects": [subject, subject]})
