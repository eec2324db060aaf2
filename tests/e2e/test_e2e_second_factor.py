"""An officer's first login in Chromium: password, enrol the authenticator app, start page."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from tests.conftest import PASSWORD
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _code_for(secret: str) -> str:
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def test_officer_enrols_app_and_reaches_start_page(
    live_server: LiveServer, page: Page, customs_officer: User
) -> None:
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("customs_officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second factor")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    screenshot(page, "second-factor-enrol")
    secret = page.locator("code.secret").inner_text()
    page.get_by_label("Six-digit code from your authenticator app").fill(_code_for(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Jonas")


def test_locked_account_sees_why(live_server: LiveServer, page: Page, postal_agent: User) -> None:
    page.goto(live_server.url + "/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("postal_agent")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/login/")
    page.get_by_label("Username").fill("postal_agent")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("locked for 15 minutes")
