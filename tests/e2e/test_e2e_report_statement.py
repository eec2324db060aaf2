"""An officer registers a courier statement naming two backers; a bad phone is caught as typed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.intake.models import Report
from tests.conftest import PASSWORD, login_verified
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def border_officer(db: None) -> User:
    """A Norwegian police officer at the border district; registers courier statements."""
    ost = Organisation.objects.create(
        code="no-district-ost",
        kind=OrganisationKind.POLICE_DISTRICT,
        country="NO",
        name="Øst politidistrikt",
    )
    return User.objects.create_user(
        username="ost_officer",
        password=PASSWORD,
        organisation=ost,
        first_name="Per",
        roles=["officer"],
    )


def _officer_browser(
    browser: Browser, live_server: LiveServer, officer: User, *, javascript: bool
) -> BrowserContext:
    """The officer's browser, signed in with the second factor given."""
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, java_script_enabled=javascript
    )
    client = Client()
    login_verified(client, officer)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return context


@pytest.fixture
def desk(browser: Browser, live_server: LiveServer, border_officer: User) -> Iterator[Page]:
    context = _officer_browser(browser, live_server, border_officer, javascript=True)
    yield context.new_page()
    context.close()


def policy_refusals(page: Page) -> list[str]:
    """What the content security policy refuses on this page from now on (it must be nothing)."""
    refused: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", note)
    return refused


@pytest.fixture
def desk_without_javascript(
    browser: Browser, live_server: LiveServer, border_officer: User
) -> Iterator[Page]:
    context = _officer_browser(browser, live_server, border_officer, javascript=False)
    yield context.new_page()
    context.close()


def test_statement_with_two_backers_and_a_phone_checked_as_typed(
    desk: Page, live_server: LiveServer, border_officer: User
) -> None:
    page = desk
    refused = policy_refusals(page)
    page.goto(live_server.url + "/report/statement/")
    form_url = page.url
    page.fill("#id_courier-name", "Mats Olsen")
    page.fill("#id_statement-origin", "Göteborg")
    page.fill("#id_statement-crossing", "Svinesund (old and new Svinesund bridge)")
    page.fill("#id_statement-destination", "Oslo")
    page.fill("#id_statement-plate", "AB 12345")
    page.fill("#id_backers-0-name", "Ali Hassan")
    page.fill("#id_backers-0-nickname", "Onkel")
    page.fill("#id_backers-0-phone", "+47 912 34 567")

    page.get_by_role("button", name="Add another backer").click()
    expect(page.locator("#backers-rows > fieldset")).to_have_count(2)
    expect(page.locator("#id_backers-TOTAL_FORMS")).to_have_value("2")
    assert page.url == form_url  # added in place, no round trip
    page.fill("#id_backers-1-name", "Kenneth Berg")
    page.locator("#id_backers-1-phone").press_sequentially("912 34 56")
    check = page.locator("#id_backers-1-phone_check")
    expect(check).to_have_class("check bad")
    expect(check).to_have_text("This phone number has too few or too many digits for its country.")
    screenshot(page, "report-statement-bad-phone")

    page.locator("#id_backers-1-phone").fill("")
    page.locator("#id_backers-1-phone").press_sequentially("412 34 567")
    expect(check).to_have_text("✓ +47 41 23 45 67")
    page.fill("#id_statement-summary", "Kureren sier at Onkel bestilte turen.")
    page.get_by_role("button", name="Send report").click()
    expect(page.locator("#report-sent")).to_have_attribute("data-outcome", "stored")
    assert refused == []

    report = Report.objects.get()
    assert (report.kind, report.submitted_by, report.tlp) == (
        "courier_statement",
        border_officer,
        "AMBER",
    )
    assert (report.source_grading, report.information_grading) == ("B", "2")
    subjects = {s["ref"]: (s["role"], s["mentions"]) for s in report.payload["subjects"]}
    assert subjects == {
        "courier": ("courier", [{"kind": "person_name", "value": "Mats Olsen"}]),
        "vehicle": ("vehicle", [{"kind": "plate", "value": "AB 12345"}]),
        "backer-1": (
            "backer",
            [
                {"kind": "person_name", "value": "Ali Hassan"},
                {"kind": "nickname", "value": "Onkel"},
                {"kind": "phone", "value": "+47 912 34 567"},
            ],
        ),
        "backer-2": (
            "backer",
            [
                {"kind": "person_name", "value": "Kenneth Berg"},
                {"kind": "phone", "value": "412 34 567"},
            ],
        ),
    }
    assert report.payload["route"] == {
        "origin": "Göteborg",
        "crossing": "Svinesund (old and new Svinesund bridge)",
        "destination": {
            "country": "NO",
            "municipality_code": "0301",
            "postcode": None,
            "description": "Oslo",
        },
    }


def test_add_another_backer_without_javascript(
    desk_without_javascript: Page, live_server: LiveServer
) -> None:
    page = desk_without_javascript
    page.goto(live_server.url + "/report/statement/")
    page.fill("#id_courier-name", "Mats Olsen")
    page.fill("#id_backers-0-name", "Ali Hassan")
    page.get_by_role("button", name="Add another backer").click()
    expect(page.locator("#backers-rows > fieldset")).to_have_count(2)
    expect(page.locator("#id_backers-0-name")).to_have_value("Ali Hassan")
    expect(page.locator(".field-error")).to_have_count(0)
    page.fill("#id_backers-1-nickname", "Kenny")
    page.get_by_role("button", name="Send report").click()
    expect(page.locator("#report-sent")).to_have_attribute("data-outcome", "stored")
    backers = [s for s in Report.objects.get().payload["subjects"] if s["role"] == "backer"]
    assert [b["mentions"][0]["value"] for b in backers] == ["Ali Hassan", "Kenny"]
