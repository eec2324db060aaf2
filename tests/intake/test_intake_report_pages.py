"""Reading reports in the browser: purpose first, only what the rules allow, every read logged."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report
from samverkan.intake.schemas import ReportIn
from samverkan.intake.services import report_submit
from tests.conftest import login_verified

pytestmark = pytest.mark.django_db


def _report(by: User, external_id: str, tlp: str = "AMBER", summary: str = "") -> Report:
    assert by.organisation is not None
    data = ReportIn.model_validate(
        {
            "kind": "courier_statement",
            "external_id": external_id,
            "occurred_at": "2026-05-02T06:40:00+02:00",
            "handling": {"tlp": tlp},
            "summary": summary or f"Courier stopped at Svinesund ({external_id})",
            "route": {"origin": "Göteborg", "crossing": "Svinesund"},
            "subjects": [
                {
                    "ref": "b1",
                    "role": "backer",
                    "mentions": [
                        {"kind": "person_name", "value": "Ali Hassan"},
                        {"kind": "phone", "value": "070-123 45 67"},
                    ],
                }
            ],
        }
    )
    report, _ = report_submit(organisation=by.organisation, data=data, by=by, via="test")
    return report


def _consultations() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="consult").order_by("sequence"))


def test_officer_states_purpose_before_reading(client: Client, customs_officer: User) -> None:
    report = _report(customs_officer, "s-1")
    login_verified(client, customs_officer)
    asked = client.get(f"/reports/{report.pk}/")
    assert asked.status_code == 302
    assert asked["Location"].startswith("/purpose/")
    assert _consultations() == []
    refused = client.post("/purpose/", {"reference": "x", "next": "/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Give a case or operation reference" in refused.content.decode()
    client.post("/purpose/", {"reference": "op-vinterljus", "note": "backer phones"})
    page = client.get(f"/reports/{report.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "070-123 45 67" in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    [event] = _consultations()
    assert (event.object_type, event.object_id) == ("report", str(report.pk))
    assert event.purpose == "op-vinterljus: backer phones"
    assert event.actor == customs_officer


def test_every_page_of_personal_data_writes_exactly_one_event(
    client: Client, customs_officer: User
) -> None:
    reports = [_report(customs_officer, f"s-{n}") for n in range(3)]
    login_verified(client, customs_officer)
    client.post("/purpose/", {"reference": "case 2026-17"})
    client.get("/reports/")
    client.get(f"/reports/{reports[0].pk}/")
    events = _consultations()
    assert [e.object_type for e in events] == ["report_list", "report"]
    assert sorted(events[0].details["ids"]) == sorted(r.pk for r in reports)


def test_hidden_report_answers_exactly_like_a_missing_one(
    client: Client, customs_officer: User, oslo_coordinator: User
) -> None:
    strict = _report(customs_officer, "s-strict", tlp="AMBER+STRICT", summary="secret lead")
    login_verified(client, oslo_coordinator)
    client.post("/purpose/", {"reference": "case 2026-17"})
    hidden = client.get(f"/reports/{strict.pk}/")
    missing = client.get("/reports/999999/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    listing = client.get("/reports/").content.decode()
    assert "secret lead" not in listing
    assert "No reports you may see." in listing or "Inga rapporter" in listing


def test_reporter_reads_own_shop_reports_without_stating_purpose(
    client: Client, postal_agent: User, customs_officer: User
) -> None:
    _report(customs_officer, "s-1", summary="customs only")
    client.force_login(postal_agent)
    page = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "customs only" not in page.content.decode()
    [event] = _consultations()
    assert event.purpose == "own reports: status and feedback"


def test_partner_sees_no_reports(client: Client, customs_officer: User) -> None:
    _report(customs_officer, "s-1", summary="customs only")
    partner = User.objects.create_user(username="kommun", roles=["partner"])
    client.force_login(partner)
    page = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "customs only" not in page
