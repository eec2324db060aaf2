"""Reports the entity tests file: an analyst's intelligence, a number-plate camera's reading."""

from __future__ import annotations

from samverkan.access.models import User
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit


def intelligence(
    by: User,
    external_id: str,
    *mentions: tuple[str, str],
    tlp: str = "AMBER",
    role: str = "suspect",
) -> Report:
    """Stored through the intake service as every door does; ``mentions`` are (kind, value).

    All of them about one subject in ``role``.
    """
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": tlp},
            "place": {"country": "SE"},
            "subjects": [
                {
                    "ref": "s1",
                    "role": role,
                    "mentions": [{"kind": k, "value": v} for k, v in mentions],
                }
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


SVINESUND = "Svinesund (old and new Svinesund bridge)"


def camera_reading(
    by: User,
    external_id: str,
    plate: str,
    *,
    at: str = "2026-05-02T03:36:00+02:00",
    place: str = SVINESUND,
    source: str = "number_plate_reader",
) -> Report:
    """One plate read by a camera (``source``) at ``place``, stored through the intake service."""
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "observation",
            "external_id": external_id,
            "occurred_at": at,
            "place": {"country": "NO", "description": place},
            "observation": {"source": source, "camera": "ANPR E6 Svinesund N"},
            "subjects": [
                {"ref": "s1", "role": "vehicle", "mentions": [{"kind": "plate", "value": plate}]}
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report
