"""A few reports about people, for the person-resolution tests.

Karl Berg (born 1985-03-14, phone 070-111 22 33) is named by customs twice;
a Norwegian district names a "Karl Berg" with no other detail (maybe him,
maybe not: the model should ask an analyst); Eva Lund is someone else.
"""

from __future__ import annotations

from typing import Any

from samverkan.access.models import User
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from samverkan.resolution.clustering import Thresholds

# The demo-sized model links eagerly in a world of five records (its prior is
# scaled to the record count); these thresholds put the Norwegian namesake
# between them, as he would be in a country's data.
THRESHOLDS = Thresholds(auto_link=0.9999, review=0.5)
EAGER = Thresholds(auto_link=0.99, review=0.5)  # links the namesake at once


def person(ref: str, role: str, **said: str) -> dict[str, Any]:
    kinds = {"name": "person_name", "born": "birth_date", "phone": "phone", "nick": "nickname"}
    return {
        "ref": ref,
        "role": role,
        "mentions": [{"kind": kinds[k], "value": v} for k, v in said.items()],
    }


def report_about(by: User, external_id: str, *people: dict[str, Any], tlp: str = "AMBER") -> Report:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "intelligence",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": tlp},
            "subjects": list(people),
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def people_world(customs: User, oslo: User) -> None:
    born, phone = "1985-03-14", "070-111 22 33"
    report_about(
        customs, "tull-1", person("p1", "courier", name="Karl Berg", born=born, phone=phone)
    )
    report_about(
        customs, "tull-2", person("p1", "backer", name="Karl Berg", born=born, phone=phone)
    )
    report_about(customs, "tull-3", person("p1", "courier", name="Eva Lund", born="1990-07-01"))
    report_about(oslo, "oslo-1", person("p1", "suspect", name="Karl Berg"))
