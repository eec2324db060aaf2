"""A postal agent reports a suspicious item on a phone (390x844, touch, Swedish), tap by tap."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from benchmarks.phone_form.flow import (
    ITEM_ID,
    KEYSTROKE_BUDGET,
    PHONE,
    TAP_BUDGET,
    PageCounter,
    report_item,
)
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from samverkan.intake.models import Report
from tests.e2e.conftest import ARTIFACTS, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MACHINE_SECONDS_BUDGET = 10.0  # page load to receipt on a shared CI machine
HUMAN_SECONDS_BUDGET = 60.0  # the product's promise: under a minute
SMALLEST_TARGET_PX = 44  # Apple's and WCAG 2.5.5's smallest comfortable touch target


def signed_in(context: BrowserContext, base_url: str, user: User) -> None:
    """Give the browser the session of ``user`` (the login page has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


@pytest.fixture
def phone(
    browser: Browser, live_server: LiveServer, postal_agent: User
) -> Iterator[BrowserContext]:
    context = browser.new_context(
        viewport={"width": PHONE["width"], "height": PHONE["height"]},
        is_mobile=True,
        has_touch=True,
        locale="sv-SE",
    )
    signed_in(context, live_server.url, postal_agent)
    yield context
    context.close()


def test_agent_reports_an_item_within_the_tap_budget(
    phone: BrowserContext, live_server: LiveServer, postal_agent: User
) -> None:
    counter = PageCounter(phone)
    page = phone.new_page()
    result = report_item(page, counter, base_url=live_server.url)
    screenshot(page, "report-item-phone-receipt")
    assert result.outcome == "stored"
    assert (result.taps, result.keystrokes) == (result.page_taps, result.page_keystrokes)
    assert result.taps <= TAP_BUDGET
    assert result.keystrokes <= KEYSTROKE_BUDGET
    assert result.seconds < MACHINE_SECONDS_BUDGET
    assert result.human_seconds < HUMAN_SECONDS_BUDGET
    report = Report.objects.get()
    assert (report.kind, report.submitted_by, report.tlp) == ("postal_item", postal_agent, "AMBER")
    assert (report.source_grading, report.information_grading) == ("C", "3")
    assert report.payload["item"] == {
        "format": "parcel",
        "weight_grams": None,
        "suspicion": ["smell", "vacuum_packed"],
    }
    assert report.payload["subjects"] == [
        {"ref": "item", "role": "item", "mentions": [{"kind": "postal_item", "value": ITEM_ID}]}
    ]
    expect(page.locator("#report-sent a[href='/reports/']")).to_be_visible()


def test_back_and_send_again_stores_once(phone: BrowserContext, live_server: LiveServer) -> None:
    """Back to the form and send it again: the same report id, so nothing new is stored.

    Phones keep the page itself (back-forward cache); this headless Chromium
    fetches it anew, and forms.js puts back the id its history entry holds.
    The id box is empty then (``autocomplete=off`` keeps ids out of a shared
    phone's memory), so the agent types it again.
    """
    counter = PageCounter(phone)
    page = phone.new_page()
    report_item(page, counter, base_url=live_server.url)
    sent_id = Report.objects.get().external_id
    page.go_back()
    expect(page.locator("input[name=external_id]")).to_have_value(sent_id)
    if not page.locator("#id_item_id").input_value():
        page.tap("#id_item_id")
        page.keyboard.type(ITEM_ID)
    page.tap("#send-report")
    expect(page.locator("#report-sent")).to_have_attribute("data-outcome", "repeat")
    assert Report.objects.count() == 1


def test_phone_form_fits_the_screen_with_big_targets(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    page = phone.new_page()
    page.goto(live_server.url + "/report/item/")
    screenshot(page, "report-item-phone-form")
    page.screenshot(path=str(ARTIFACTS / "report-item-phone-first-screen.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    item_box = page.locator("#id_item_id")
    expect(item_box).to_have_attribute("autocapitalize", "characters")
    expect(item_box).to_have_attribute("autocomplete", "off")
    targets = page.locator(".tile-choice, #id_item_id, #send-report")
    assert targets.count() == 15  # 3 formats, 10 signs, the id box and send
    for index in range(targets.count()):
        box = targets.nth(index).bounding_box()
        assert box is not None
        assert box["height"] >= SMALLEST_TARGET_PX
        assert box["width"] >= SMALLEST_TARGET_PX


def test_bad_item_id_is_told_as_typed_and_on_sending(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    page = phone.new_page()
    page.goto(live_server.url + "/report/item/")
    page.tap("#id_item_id")
    page.keyboard.type("RR123456784SE")  # the check digit should be 5
    expect(page.locator("#id_item_id_check.bad")).not_to_be_empty()
    expect(page.locator("#id_item_id")).to_have_class("is-bad")
    page.tap("label:has(> input[value=letter])")
    page.tap("label:has(> input[value=smell])")
    screenshot(page, "report-item-phone-bad-id")
    page.tap("#send-report")
    expect(page.locator("#id_item_id_error")).not_to_be_empty()
    expect(page.locator(".problems")).to_be_visible()
    assert Report.objects.count() == 0
    page.fill("#id_item_id", "")
    page.tap("#id_item_id")
    page.keyboard.type(ITEM_ID)
    expect(page.locator("#id_item_id")).to_have_class("is-ok")  # a mark in the box: nothing moves
    expect(page.locator("#id_item_id_check")).to_be_empty()
    expect(page.locator("#id_item_id_error")).to_be_hidden()  # it spoke of what was sent
    page.screenshot(path=str(ARTIFACTS / "report-item-phone-good-id.png"))
    page.tap("#send-report")
    expect(page.locator("#report-sent")).to_have_attribute("data-outcome", "stored")
    assert Report.objects.get().payload["item"]["format"] == "letter"
