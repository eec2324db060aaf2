"""The auditor answers 'who looked at this report, and why?' and exports the trail."""

from __future__ import annotations

import pytest
from django.test import Client

from samverkan.access.models import Organisation, User
from samverkan.audit.models import AuditEvent
from tests.conftest import login_verified
from tests.intake.test_intake_report_pages import _report

pytestmark = pytest.mark.django_db


@pytest.fixture
def noa_auditor(db: None) -> User:
    """Audits for the national unit: reads the whole trail, reads no reports."""
    noa = Organisation.objects.create(
        code="se-noa", kind="national_police", country="SE", name="NOA"
    )
    return User.objects.create_user(username="noa_auditor", organisation=noa, roles=["auditor"])


def test_auditor_sees_who_read_a_report_and_why(
    client: Client, customs_officer: User, noa_auditor: User
) -> None:
    report = _report(customs_officer, "s-1")
    officer = Client()
    login_verified(officer, customs_officer)
    officer.post("/purpose/", {"reference": "op-vinterljus", "note": "backer phones"})
    officer.get(f"/reports/{report.pk}/")
    login_verified(client, noa_auditor)
    page = client.get(
        f"/audit/?object_type=report&object_id={report.pk}", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "customs_officer" in html
    assert "op-vinterljus: backer phones" in html
    assert "Consultation" in html
    assert "Collection" in html


def test_auditor_verifies_the_chain_from_the_page(client: Client, noa_auditor: User) -> None:
    login_verified(client, noa_auditor)
    html = client.get("/audit/?verify=1", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Intact:" in html


def test_export_is_a_logged_disclosure(
    client: Client, customs_officer: User, noa_auditor: User
) -> None:
    _report(customs_officer, "s-1")
    login_verified(client, noa_auditor)
    response = client.get("/audit/export.csv?object_type=report")
    body = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    lines = body.strip().splitlines()
    assert lines[0].startswith("sequence,occurred_at,actor_label")
    assert len(lines) == 2
    disclosure = AuditEvent.objects.get(action="disclose")
    assert disclosure.recipients == ["data protection officer"]


@pytest.mark.parametrize("persona", ["customs_officer", "postal_agent", "oslo_coordinator"])
def test_nobody_but_auditors_reaches_the_trail(
    client: Client, persona: str, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(persona)
    login_verified(client, user)
    assert client.get("/audit/").status_code == 404
    assert client.get("/audit/export.csv").status_code == 404
