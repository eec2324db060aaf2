"""Logging in and the start page, as a person in a browser-less client sees them."""

from __future__ import annotations

from django.test import Client

from samverkan.access.models import User
from samverkan.intake.models import Report
from tests.conftest import PASSWORD, login_verified


def test_anonymous_visitor_is_sent_to_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_postal_agent_logs_in_and_sees_own_counts(client: Client, postal_agent: User) -> None:
    response = client.post("/login/", {"username": "postal_agent", "password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Welcome, Lena" in html
    assert "ICA Nära Tallbacken" in html
    assert "no-store" in page["Cache-Control"]


def test_wrong_password_is_refused_with_a_clear_message(client: Client, postal_agent: User) -> None:
    response = client.post(
        "/login/", {"username": "postal_agent", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "did not match" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_start_page_speaks_swedish_and_norwegian(client: Client, postal_agent: User) -> None:
    client.force_login(postal_agent)
    swedish = client.get("/", HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    norwegian = client.get("/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert "Välkommen, Lena" in swedish
    assert "Velkommen, Lena" in norwegian


def test_counts_never_include_other_organisations_reports(
    client: Client, postal_agent: User, customs_officer: User
) -> None:
    assert customs_officer.organisation is not None
    Report.objects.create(
        organisation=customs_officer.organisation,
        external_id="s-1",
        kind="seizure",
        occurred_at="2026-01-05T10:00:00Z",
        reported_at="2026-01-05T11:00:00Z",
        source_grading="B",
        information_grading="2",
        tlp="AMBER",
        payload={},
    )
    client.force_login(postal_agent)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="count">1</span>' not in html
    login_verified(client, customs_officer)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<span class="count">1</span>' in html


def test_outsider_without_organisation_sees_no_counts(client: Client, outsider: User) -> None:
    client.force_login(outsider)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "does not belong to an organisation" in html
    assert 'class="count"' not in html


def test_health_answers_without_login(client: Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}
