"""An analyst writes an intelligence report and groups the tagged rows into subjects by letter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from samverkan.intake.models import Report
from tests.conftest import login_verified
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def desk(
    request: pytest.FixtureRequest,
    browser: Browser,
    live_server: LiveServer,
    customs_officer: User,
) -> Iterator[Page]:
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, java_script_enabled=request.param
    )
    client = Client()
    login_verified(client, customs_officer)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    yield context.new_page()
    context.close()


def tag(page: Page, row: int, subject: str, kind: str, value: str) -> None:
    page.select_option(f"#id_tags-{row}-subject", subject)
    page.select_option(f"#id_tags-{row}-kind", kind)
    page.fill(f"#id_tags-{row}-value", value)


def test_rows_with_one_letter_become_one_subject(desk: Page, live_server: LiveServer) -> None:
    desk.goto(live_server.url + "/report/intelligence/")
    desk.fill("#id_summary", "Kalle Svensson, Storgatan 1, uses 070-123 45 67; drives ABC 123.")
    tag(desk, 0, "A", "person_name", "Kalle Svensson")
    tag(desk, 1, "A", "phone", "070-123 45 67")
    tag(desk, 2, "A", "address", "Storgatan 1, 111 22 Stockholm")
    desk.click("button[data-add-row=tags]")  # a fourth row: in place, or from the server
    expect(desk.locator("#id_tags-3-subject")).to_be_visible()
    tag(desk, 3, "", "plate", "ABC 123")
    desk.select_option("#id_marking-source", "B")
    desk.select_option("#id_marking-information", "2")
    screenshot(desk, "report-intelligence-subjects")
    desk.click("#send-report")
    expect(desk.locator("#report-sent")).to_have_attribute("data-outcome", "stored")
    subjects = Report.objects.get().payload["subjects"]
    assert [(s["ref"], s["role"], [m["kind"] for m in s["mentions"]]) for s in subjects] == [
        ("subject-A", "suspect", ["person_name", "phone", "address"]),
        ("tag-4", "vehicle", ["plate"]),
    ]
