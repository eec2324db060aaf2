"""In Chromium: a hidden report looks like no report, and an API token is shown once and revoked.

Personas:

- ``tullverket_officer``: a Swedish customs officer; may not read Södermalm's
  AMBER+STRICT report, and must not be able to tell it exists.
- ``sodermalm_analyst``: files that report.
- ``postnord_admin``: administers PostNord's API tokens.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import Organisation, OrganisationKind, User
from samverkan.api.models import ApiToken
from tests.access.routes import MISSING_ID, report_file
from tests.conftest import login_verified
from tests.e2e.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+')
NONCE = re.compile(r'(nonce=")[^"]+')


def _person(username: str, code: str, kind: str, role: str) -> User:
    organisation, _ = Organisation.objects.get_or_create(
        code=code, defaults={"kind": kind, "country": "SE", "name": code.title()}
    )
    return User.objects.create(
        username=username,
        first_name=username.split("_")[0].title(),
        organisation=organisation,
        roles=[role],
    )


def signed_in(context: BrowserContext, base_url: str, user: User) -> None:
    """Give the browser the session of ``user``, second factor given (login has its own tests)."""
    client = Client()
    login_verified(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


def _as_seen(page: Page) -> str:
    """The page's HTML with per-request tokens blanked: what a reader could compare."""
    return NONCE.sub(r"\1…", CSRF.sub(r"\1…", page.content()))


def test_a_hidden_report_and_a_missing_one_look_the_same(
    live_server: LiveServer, page: Page
) -> None:
    analyst = _person(
        "sodermalm_analyst", "se-lpo-sodermalm", OrganisationKind.POLICE_DISTRICT, "analyst"
    )
    officer = _person("tullverket_officer", "se-customs", OrganisationKind.CUSTOMS, "officer")
    hidden = report_file(
        "sodermalm_strict", by=analyst, tlp="AMBER+STRICT", summary="ZEBRA-LEAK-123: cash courier"
    )
    signed_in(page.context, live_server.url, officer)
    page.goto(f"{live_server.url}/purpose/?next=/reports/")
    page.get_by_label("Case or operation reference").fill("op-vinterljus")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/reports/")

    seen = []
    for report_id in (hidden.pk, MISSING_ID):
        answer = page.goto(f"{live_server.url}/reports/{report_id}/")
        assert answer is not None
        seen.append((answer.status, page.locator("body").inner_text(), _as_seen(page)))
    screenshot(page, "hidden-report-looks-missing")
    (hidden_status, hidden_text, hidden_html), (missing_status, missing_text, missing_html) = seen
    assert hidden_status == missing_status == 404
    assert hidden_text == missing_text
    assert hidden_html == missing_html
    assert "ZEBRA" not in hidden_html


def test_an_admin_makes_a_token_sees_it_once_uses_it_and_revokes_it(
    live_server: LiveServer, page: Page, browser: Browser
) -> None:
    admin = _person("postnord_admin", "se-postnord", OrganisationKind.POSTAL_OPERATOR, "admin")
    signed_in(page.context, live_server.url, admin)
    tokens_page = f"{live_server.url}/settings/api-tokens/"
    page.goto(tokens_page)
    page.get_by_label("Name").fill("Årsta sorting line 4")
    page.get_by_label(re.compile("Read the status of own reports")).check()
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token").inner_text().strip()
    assert re.fullmatch(r"svk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", secret)
    screenshot(page, "api-token-shown-once")

    page.goto(tokens_page)  # opened again: the token is listed, its secret is not
    expect(page.get_by_role("cell", name="Årsta sorting line 4")).to_be_visible()
    assert page.locator("#new-token").count() == 0
    assert secret not in page.content()
    assert secret[len("svk_12345678_") :] not in page.content()

    system = browser.new_context(base_url=live_server.url).request
    bearer = {"Authorization": f"Bearer {secret}"}
    used = system.get("/api/v1/reports", headers=bearer)
    assert used.status == 200, used.text()
    assert used.json()["count"] == 0

    row = page.get_by_role("row").filter(has_text="Årsta sorting line 4")
    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text(re.compile("is revoked"))).to_be_visible()
    refused = system.get("/api/v1/reports", headers=bearer)
    assert refused.status == 401
    assert refused.json()["errors"][0]["code"] == "invalid_token"
    assert ApiToken.objects.get(name="Årsta sorting line 4").revoked_at is not None
    system.dispose()


def test_reloading_after_making_a_token_makes_no_second_one(
    live_server: LiveServer, page: Page
) -> None:
    """Reloading sends the form again (Chromium does not ask): still one token, no secret."""
    admin = _person("postnord_admin", "se-postnord", OrganisationKind.POSTAL_OPERATOR, "admin")
    signed_in(page.context, live_server.url, admin)
    page.goto(f"{live_server.url}/settings/api-tokens/")
    page.get_by_label("Name").fill("Årsta sorting line 4")
    page.get_by_label(re.compile("Read the status of own reports")).check()
    page.get_by_role("button", name="Create token").click()
    secret = page.locator("#new-token").inner_text().strip()
    page.reload()
    assert secret not in page.content()
    expect(page.get_by_text(re.compile("already sent"))).to_be_visible()
    assert ApiToken.objects.count() == 1
