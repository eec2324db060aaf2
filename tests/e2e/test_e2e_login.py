"""A person opens Samverkan in Chromium, logs in and lands on the start page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_postal_agent_logs_in_and_sees_start_page(
    live_server: LiveServer, page: Page, postal_agent: User
) -> None:
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/login/?next=/")
    screenshot(page, "login")
    page.get_by_label("Username").fill("postal_agent")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Lena")
    expect(page.get_by_text("ICA Nära Tallbacken").first).to_be_visible()
    screenshot(page, "start-page")


def test_wrong_password_stays_on_login_with_message(
    live_server: LiveServer, page: Page, postal_agent: User
) -> None:
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("postal_agent")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("did not match")


def test_language_switch_to_norwegian(
    live_server: LiveServer, page: Page, postal_agent: User
) -> None:
    page.goto(live_server.url + "/login/")
    page.get_by_role("button", name="norsk (bokmål)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn")
