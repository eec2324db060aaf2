"""The postal agent photographs a parcel on the phone form; a customs officer sees it on the report.

With and without JavaScript on the phone (390x844, touch, Swedish): the file
box hands the form the camera's picture, and the form is sent as multipart.
The stored photo stands upright and carries none of the phone's metadata.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from benchmarks.phone_form.flow import PHONE
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from samverkan.access.models import User
from samverkan.intake.models import Report
from samverkan.intake.photos import CleanPhoto
from tests.conftest import login_verified
from tests.e2e.conftest import screenshot
from tests.intake.photo_files import phone_jpeg
from tests.intake.test_intake_photos import assert_bare, colour_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEM_ID = "RR123456785SE"


def with_session(context: BrowserContext, base_url: str, client: Client) -> None:
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def phone(
    request: pytest.FixtureRequest, browser: Browser, live_server: LiveServer, postal_agent: User
) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": PHONE["width"], "height": PHONE["height"]},
        is_mobile=True,
        has_touch=True,
        locale="sv-SE",
        java_script_enabled=request.param,
    )
    client = Client()
    client.force_login(postal_agent)
    with_session(context, live_server.url, client)
    yield context.new_page()
    context.close()


@pytest.fixture
def desk(browser: Browser, live_server: LiveServer, customs_officer: User) -> Iterator[Page]:
    """A customs officer at a desk, signed in, with a purpose stated."""
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    client = Client()
    login_verified(client, customs_officer)
    client.post("/purpose/", {"reference": "op-paket-2026"})
    with_session(context, live_server.url, client)
    yield context.new_page()
    context.close()


def test_agent_photographs_a_parcel_and_the_officer_sees_it_upright(
    phone: Page, desk: Page, live_server: LiveServer, request: pytest.FixtureRequest
) -> None:
    variant = request.node.callspec.id
    phone.goto(live_server.url + "/report/item/")
    phone.tap("#id_item_id")
    phone.keyboard.type(ITEM_ID)
    phone.tap("label:has(> input[name=format][value=parcel])")
    phone.tap("label:has(> input[name=suspicion][value=smell])")
    camera = phone.locator("#id_photo")
    expect(camera).to_have_attribute("accept", "image/*")
    expect(camera).to_have_attribute("capture", "environment")
    camera.set_input_files(
        {"name": "IMG_0421.JPG", "mimeType": "image/jpeg", "buffer": phone_jpeg(orientation=6)}
    )
    box = camera.bounding_box()
    assert box is not None
    assert box["height"] >= 44  # a thumb's target
    screenshot(phone, f"report-photo-phone-form-{variant}")
    phone.tap("#send-report")
    expect(phone.locator("#report-sent")).to_have_attribute("data-outcome", "stored")

    report = Report.objects.get()
    stored = report.photo
    image = assert_bare(CleanPhoto(bytes(stored.image), stored.width, stored.height, ""))
    assert (stored.width, stored.height) == (200, 400)
    assert colour_at(image, 100, 50) == "red"

    desk.goto(f"{live_server.url}/reports/{report.pk}/")
    photo = desk.locator("figure.report-photo img")
    expect(photo).to_be_visible()
    desk.wait_for_function("document.querySelector('figure.report-photo img').complete")
    assert photo.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [200, 400]
    screenshot(desk, f"report-photo-officer-{variant}")
