"""Back and send again without JavaScript: the form comes with a new id, and still stores once.

The browser fetches the form anew (a new hidden id) and the person sends the
same report again. The report is known by who sent it and what it says; a
report that says anything else, comes from someone else or is old is stored.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report
from samverkan.intake.resending import RESEND_WINDOW
from tests.conftest import login_verified
from tests.intake.test_intake_submit_item import FORM, form_id, minimal
from tests.intake.test_intake_submit_officer_forms import form_id as officer_form_id
from tests.intake.test_intake_submit_officer_forms import marking, rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agent(client: Client, postal_agent: User) -> Client:
    client.force_login(postal_agent)
    return client


def receipt(client: Client) -> str:
    return client.get("/report/sent/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_same_report_from_a_fresh_form_is_stored_once_and_the_receipt_says_so(
    agent: Client,
) -> None:
    first_id = form_id(agent)
    agent.post(FORM, minimal(first_id))
    first = receipt(agent)
    second_id = form_id(agent)  # back: the page is fetched anew, with a new id
    assert second_id != first_id
    response = agent.post(FORM, minimal(second_id))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.external_id == first_id
    again = receipt(agent)
    assert 'data-outcome="resent"' in again
    assert "You have just sent this same report; it is stored once." in again
    assert f"Reference number {report.pk}" in first
    assert f"Reference number {report.pk}" in again
    assert AuditEvent.objects.filter(action="collect", object_type="report").count() == 1


def test_officers_form_sent_again_from_a_fresh_copy_is_stored_once(
    client: Client, customs_officer: User
) -> None:
    """The officer's "when" starts at now: a fresh copy minutes later names the same report."""
    login_verified(client, customs_officer)
    url = "/report/intelligence/"
    data = {
        "summary": "Courier known as Kalle uses 070-123 45 67.",
        **rows("tags", {"kind": "phone", "value": "070-123 45 67"}),
        **marking("B", "2"),
    }
    now = timezone.localtime()
    for minutes in (5, 0):
        page_id = officer_form_id(client, url)
        when = (now - timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(url, {**data, "external_id": page_id, "occurred_at": when})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Report.objects.count() == 1
    assert 'data-outcome="resent"' in receipt(client)


def test_a_report_that_says_something_else_is_stored(agent: Client) -> None:
    agent.post(FORM, minimal(form_id(agent)))
    agent.post(FORM, minimal(form_id(agent), suspicion=["smell", "vacuum_packed"]))
    assert Report.objects.count() == 2
    assert 'data-outcome="stored"' in receipt(agent)


def test_the_same_item_at_another_time_is_another_report(agent: Client) -> None:
    agent.post(FORM, minimal(form_id(agent), occurred_at="2026-05-02T09:00"))
    agent.post(FORM, minimal(form_id(agent), occurred_at="2026-05-02T14:30"))
    assert Report.objects.count() == 2


def test_a_colleague_sending_the_same_report_stores_theirs(
    agent: Client, postal_agent: User
) -> None:
    agent.post(FORM, minimal(form_id(agent)))
    colleague = User.objects.create_user(
        "colleague", organisation=postal_agent.organisation, roles=["reporter"]
    )
    other = Client()
    other.force_login(colleague)
    other.post(FORM, minimal(form_id(other)))
    assert sorted(r.submitted_by.username for r in Report.objects.all()) == [  # type: ignore[union-attr]
        "colleague",
        "postal_agent",
    ]


def test_the_same_report_sent_after_the_window_is_stored_again(agent: Client) -> None:
    agent.post(FORM, minimal(form_id(agent)))
    Report.objects.update(received_at=timezone.now() - RESEND_WINDOW - timedelta(seconds=1))
    agent.post(FORM, minimal(form_id(agent)))
    assert Report.objects.count() == 2
