"""The postal agent photographs the item on the phone form; officers see it, without metadata.

Through the test client, as a browser without JavaScript sends it
(multipart): what is stored, what the receipt says when the same report
comes again with or without its photo, what is refused and why, and who may
see the photo.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from samverkan.access.models import User
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import Report, ReportPhoto
from samverkan.intake.photos import CleanPhoto
from tests.conftest import login_verified
from tests.intake.photo_files import phone_jpeg, plain_jpeg, truncated_jpeg
from tests.intake.test_intake_photos import assert_bare, colour_at
from tests.intake.test_intake_submit_item import FORM, form_id, minimal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def agent(client: Client, postal_agent: User) -> Client:
    client.force_login(postal_agent)
    return client


@pytest.fixture
def officer(customs_officer: User) -> Client:
    """A customs officer reading reports under a stated purpose."""
    browser = Client()
    login_verified(browser, customs_officer)
    browser.post("/purpose/", {"reference": "op-paket-2026"})
    return browser


def camera(raw: bytes, name: str = "IMG_0421.JPG") -> SimpleUploadedFile:
    """What the phone's camera hands the form."""
    return SimpleUploadedFile(name, raw, content_type="image/jpeg")


def send(client: Client, external_id: str, photo: bytes | None = None, **change: Any) -> Any:
    data = minimal(external_id, **change)
    if photo is not None:
        data["photo"] = camera(photo)
    return client.post(FORM, data, HTTP_ACCEPT_LANGUAGE="en")


def outcome(client: Client) -> str:
    page = client.get("/report/sent/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return page.split('data-outcome="', 1)[1].split('"', 1)[0]


def stored_image(photo: ReportPhoto) -> Image.Image:
    return assert_bare(CleanPhoto(bytes(photo.image), photo.width, photo.height, photo.sha256))


def test_the_form_takes_a_photo_from_the_phone_camera_without_javascript(agent: Client) -> None:
    page = agent.get(FORM, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert (
        '<input type="file" name="photo" accept="image/*" capture="environment"'
        ' aria-describedby="id_photo_helptext" id="id_photo">' in page
    )
    assert "Where and when it was taken is removed." in page


def test_agent_sends_a_photo_and_it_is_stored_upright_without_gps_or_camera(
    agent: Client, postal_agent: User
) -> None:
    response = send(agent, form_id(agent), phone_jpeg(orientation=6))
    assert response.status_code == 302
    assert outcome(agent) == "stored"
    report = Report.objects.get()
    photo = report.photo
    image = stored_image(photo)
    assert (photo.width, photo.height, photo.content_type) == (200, 400, "image/jpeg")
    assert colour_at(image, 100, 50) == "red"  # upright: the top as the agent held the phone
    assert (photo.added_by, photo.via, photo.size) == (postal_agent, "web", len(photo.image))
    collected = AuditEvent.objects.get(action="collect", object_type="report_photo")
    assert collected.object_id == str(report.pk)
    assert collected.details["sha256"] == photo.sha256
    assert collected.personal_data_hash  # the photo's fingerprint, never the photo


def test_the_photo_is_optional(agent: Client) -> None:
    send(agent, form_id(agent))
    assert outcome(agent) == "stored"
    assert Report.objects.count() == 1
    assert ReportPhoto.objects.count() == 0


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"%PDF-1.7 a delivery note", "This is not a photo that can be read (JPEG, PNG or WebP)"),
        (truncated_jpeg(), "or the file is damaged. Take the photo again."),
    ],
)
def test_what_is_not_a_photo_is_refused_next_to_the_box_and_nothing_is_stored(
    agent: Client, raw: bytes, message: str
) -> None:
    response = send(agent, form_id(agent), raw)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert 'id="id_photo_error"' in page
    assert message in page
    assert Report.objects.count() == 0


def test_the_refusal_is_in_swedish_for_a_swedish_agent(agent: Client) -> None:
    data = {**minimal(form_id(agent)), "photo": camera(b"not a picture")}
    page = agent.post(FORM, data, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Det här är inte ett foto som kan läsas" in page


def test_a_page_sent_back_for_correction_asks_for_the_photo_again(agent: Client) -> None:
    response = send(agent, form_id(agent), plain_jpeg(), suspicion=[])
    page = response.content.decode()
    assert "Tick at least one thing that made you suspicious." in page
    assert "Choose the photo again" in page
    assert Report.objects.count() == 0


def test_the_same_form_sent_twice_with_its_photo_stores_report_and_photo_once(
    agent: Client,
) -> None:
    external_id = form_id(agent)
    send(agent, external_id, phone_jpeg())
    send(agent, external_id, phone_jpeg())
    assert outcome(agent) == "repeat"
    assert (Report.objects.count(), ReportPhoto.objects.count()) == (1, 1)
    assert AuditEvent.objects.filter(object_type="report_photo").count() == 1


def test_a_photo_added_when_sending_again_joins_the_report(agent: Client) -> None:
    """Sent without the photo, back, photo taken, sent again: one report, with the photo."""
    external_id = form_id(agent)
    send(agent, external_id)
    send(agent, external_id, plain_jpeg())
    assert outcome(agent) == "photo_added"
    report = Report.objects.get()
    assert report.photo.width == 320
    page = agent.get("/report/sent/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "the photo you added is now stored with it" in page


def test_back_without_javascript_and_send_again_without_the_photo_stores_once(
    agent: Client,
) -> None:
    """A fresh copy of the form (new id) never has the file again: still the same report."""
    send(agent, form_id(agent), plain_jpeg())
    send(agent, form_id(agent))
    assert outcome(agent) == "resent"
    assert (Report.objects.count(), ReportPhoto.objects.count()) == (1, 1)


def test_back_without_javascript_and_the_photo_taken_again_stores_once(agent: Client) -> None:
    send(agent, form_id(agent))
    send(agent, form_id(agent), plain_jpeg())
    assert outcome(agent) == "photo_added"
    assert (Report.objects.count(), ReportPhoto.objects.count()) == (1, 1)


def test_another_photo_from_a_fresh_form_is_another_report(agent: Client) -> None:
    send(agent, form_id(agent), plain_jpeg())
    send(agent, form_id(agent), plain_jpeg(colour=(0, 90, 0)))
    assert outcome(agent) == "stored"
    assert (Report.objects.count(), ReportPhoto.objects.count()) == (2, 2)


def test_another_photo_on_the_same_form_is_not_kept_and_the_receipt_says_so(
    agent: Client,
) -> None:
    external_id = form_id(agent)
    send(agent, external_id, plain_jpeg())
    first = ReportPhoto.objects.get().sha256
    send(agent, external_id, plain_jpeg(colour=(0, 90, 0)))
    assert outcome(agent) == "repeat_changed"
    assert ReportPhoto.objects.get().sha256 == first


def test_an_officer_sees_the_photo_on_the_report_page_and_each_look_is_logged(
    agent: Client, officer: Client, customs_officer: User
) -> None:
    send(agent, form_id(agent), phone_jpeg())
    report = Report.objects.get()
    page = officer.get(f"/reports/{report.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<img src="/reports/{report.pk}/photo/" width="200" height="400"' in page
    response = officer.get(f"/reports/{report.pk}/photo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == f'inline; filename="report-{report.pk}.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache
    assert response.content == bytes(report.photo.image)
    assert_bare(CleanPhoto(response.content, 200, 400, ""))
    looked = AuditEvent.objects.get(action="consult", object_type="report_photo")
    assert (looked.actor_id, looked.object_id, looked.purpose) == (
        customs_officer.pk,
        str(report.pk),
        "op-paket-2026",
    )


def test_the_photo_page_asks_for_a_purpose_first(agent: Client, customs_officer: User) -> None:
    send(agent, form_id(agent), plain_jpeg())
    browser = Client()
    login_verified(browser, customs_officer)
    asked = browser.get(f"/reports/{Report.objects.get().pk}/photo/")
    assert (asked.status_code, asked["Location"][:9]) == (302, "/purpose/")
    assert not AuditEvent.objects.filter(action="consult", object_type="report_photo").exists()


def test_no_photo_and_no_access_look_the_same(
    agent: Client, officer: Client, outsider: User
) -> None:
    send(agent, form_id(agent), plain_jpeg())
    with_photo = Report.objects.get()
    send(agent, form_id(agent), item_id="RR987654326SE")  # no photo
    without = Report.objects.exclude(pk=with_photo.pk).get()
    stranger = Client()
    login_verified(stranger, outsider)
    stranger.post("/purpose/", {"reference": "op-paket-2026"})
    answers = [
        officer.get(f"/reports/{without.pk}/photo/"),
        officer.get("/reports/999999/photo/"),
        stranger.get(f"/reports/{with_photo.pk}/photo/"),
    ]
    assert [a.status_code for a in answers] == [404, 404, 404]
    assert len({a.content for a in answers}) == 1
    assert officer.post(f"/reports/{with_photo.pk}/photo/").status_code == 405
    page = officer.get(f"/reports/{without.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/photo/" not in page
