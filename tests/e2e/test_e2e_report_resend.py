"""Without JavaScript: send a report, go back, send it again; it is stored once.

A browser without JavaScript that goes back fetches the form anew, with a
new hidden report id; the server knows the report by who sends it and what
it says (``intake.resending``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from samverkan.intake.models import Report
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEM_ID = "RR123456785SE"


@pytest.fixture
def no_script(
    browser: Browser, live_server: LiveServer, postal_agent: User
) -> Iterator[BrowserContext]:
    context = browser.new_context(
        java_script_enabled=False, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    client = Client()
    client.force_login(postal_agent)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    yield context
    context.close()


def fill_and_send(page: Page) -> None:
    """Fill in what the page does not already hold, and send."""
    item_box = page.locator("#id_item_id")
    if item_box.input_value() != ITEM_ID:
        item_box.fill(ITEM_ID)
    for choice in ("input[name=format][value=letter]", "input[name=suspicion][value=smell]"):
        if not page.locator(choice).is_checked():
            page.click(f"label:has(> {choice})")
    page.click("#send-report")


def test_back_and_send_again_without_javascript_stores_once(
    no_script: BrowserContext, live_server: LiveServer
) -> None:
    page = no_script.new_page()
    page.goto(live_server.url + "/report/item/")
    first_id = page.locator("input[name=external_id]").input_value()
    fill_and_send(page)
    expect(page.locator("#report-sent")).to_have_attribute("data-outcome", "stored")
    reference = page.locator("#report-sent .muted").inner_text()

    page.go_back()
    expect(page.locator("#send-report")).to_be_visible()
    assert page.locator("input[name=external_id]").input_value() != first_id  # fetched anew
    fill_and_send(page)

    sent = page.locator("#report-sent")
    expect(sent).to_have_attribute("data-outcome", "resent")
    expect(sent).to_contain_text("You have just sent this same report")
    expect(sent.locator(".muted")).to_have_text(reference)
    screenshot(page, "report-item-resent-no-javascript")
    report = Report.objects.get()
    assert report.external_id == first_id
