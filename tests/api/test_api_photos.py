"""A postal operator's system attaches the photo of an item to its report, as its developers would.

``PUT /api/v1/reports/{id}/photo`` with the picture as the body: stored
upright and bare of metadata, once; every refusal in the API's one error
shape; another organisation's report as absent as a missing id.
"""

from __future__ import annotations

from typing import Any

import pytest

from samverkan.access.models import User
from samverkan.api.services import api_token_create
from samverkan.audit.models import AuditEvent
from samverkan.intake.models import ReportPhoto
from samverkan.intake.photos import CleanPhoto
from tests.api.conftest import Issued, postal_item
from tests.api.openapi_client import ApiClient, openapi_document
from tests.intake.photo_files import phone_jpeg, plain_jpeg, png_claiming, scanned_png
from tests.intake.test_intake_photos import assert_bare, colour_at

pytestmark = pytest.mark.django_db

REPORTS = "/api/v1/reports"


def photo_path(report_id: int) -> str:
    return f"{REPORTS}/{report_id}/photo"


@pytest.fixture
def letter(postnord: ApiClient) -> int:
    """PostNord's report of a suspicious letter, by id."""
    answer = postnord.post(REPORTS, postal_item("PN-2026-0777"))
    assert answer.status == 201
    report_id: int = answer.json["id"]
    return report_id


def test_a_photo_is_stored_upright_without_gps_and_its_collection_audited(
    postnord: ApiClient, postnord_token: Issued, letter: int
) -> None:
    answer = postnord.put(photo_path(letter), phone_jpeg(orientation=6), content_type="image/jpeg")
    assert answer.status == 201
    stored = ReportPhoto.objects.get(report_id=letter)
    assert answer.json == {
        "report_id": letter,
        "content_type": "image/jpeg",
        "width": 200,
        "height": 400,
        "bytes": stored.size,
        "sha256": stored.sha256,
        "added_at": answer.json["added_at"],
    }
    image = assert_bare(CleanPhoto(bytes(stored.image), stored.width, stored.height, ""))
    assert colour_at(image, 100, 50) == "red"
    prefix = postnord_token.token.prefix
    collected = AuditEvent.objects.get(action="collect", object_type="report_photo")
    assert (collected.object_id, collected.actor_label) == (str(letter), f"token:{prefix}")
    assert stored.via == f"api:{prefix}"
    detail = postnord.get(f"{REPORTS}/{letter}")
    assert detail.json["photo"] == answer.json


def test_a_png_with_text_is_kept_as_a_bare_jpeg(postnord: ApiClient, letter: int) -> None:
    answer = postnord.put(photo_path(letter), scanned_png(), content_type="image/png")
    assert answer.status == 201
    stored = ReportPhoto.objects.get()
    assert b"Kalle Svensson" not in bytes(stored.image)
    assert_bare(CleanPhoto(bytes(stored.image), stored.width, stored.height, ""))


def test_putting_the_same_photo_again_changes_nothing(postnord: ApiClient, letter: int) -> None:
    first = postnord.put(photo_path(letter), plain_jpeg(), content_type="image/jpeg")
    again = postnord.put(photo_path(letter), plain_jpeg(), content_type="image/jpeg")
    assert (first.status, again.status) == (201, 200)
    assert again.json == first.json
    assert ReportPhoto.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="report_photo").count() == 1


def test_another_photo_never_replaces_the_first(postnord: ApiClient, letter: int) -> None:
    first = postnord.put(photo_path(letter), plain_jpeg(), content_type="image/jpeg")
    other = postnord.put(
        photo_path(letter), plain_jpeg(colour=(0, 90, 0)), content_type="image/jpeg"
    )
    assert other.status == 409
    assert other.json["errors"][0]["code"] == "photo_exists"
    assert ReportPhoto.objects.get().sha256 == first.json["sha256"]


WHOLE = {"field": None}
MEDIA_TYPE = {"field": "Content-Type", "code": "unsupported_media_type"}


@pytest.mark.parametrize(
    ("body", "content_type", "status", "error"),
    [
        (b"%PDF-1.7", "image/jpeg", 422, {**WHOLE, "code": "not_an_image"}),
        (png_claiming(100_000, 100_000), "image/png", 422, {**WHOLE, "code": "too_many_pixels"}),
        (plain_jpeg(), "application/pdf", 415, MEDIA_TYPE),
        (plain_jpeg(), "application/json", 415, MEDIA_TYPE),
        (b"", "image/jpeg", 415, MEDIA_TYPE),  # an empty body comes without a Content-Type
    ],
)
def test_what_is_not_a_photo_is_refused_in_the_api_error_shape(
    postnord: ApiClient, letter: int, body: bytes, content_type: str, status: int, error: Any
) -> None:
    answer = postnord.put(photo_path(letter), body, content_type=content_type)
    assert answer.status == status
    assert {k: answer.json["errors"][0][k] for k in ("field", "code")} == error
    assert answer.json["errors"][0]["message"]
    assert ReportPhoto.objects.count() == 0
    refused = AuditEvent.objects.get(object_type="api_request")
    assert (refused.action, refused.outcome) == ("collect", "rejected")


def test_a_body_over_15_mb_is_refused_by_its_length(postnord: ApiClient, letter: int) -> None:
    body = b"\xff\xd8\xff" + bytes(15 * 1024 * 1024)
    answer = postnord.put(photo_path(letter), body, content_type="image/jpeg")
    assert answer.status == 413
    assert answer.json["errors"][0]["code"] == "too_large"


def test_another_organisations_report_is_as_absent_as_a_missing_id(
    bring: ApiClient, letter: int
) -> None:
    theirs = bring.put(photo_path(letter), plain_jpeg(), content_type="image/jpeg")
    missing = bring.put(photo_path(999_999), plain_jpeg(), content_type="image/jpeg")
    assert theirs.status == missing.status == 404
    assert theirs.json == missing.json
    assert ReportPhoto.objects.count() == 0


def test_a_token_that_may_only_read_may_not_attach(
    postnord_admin: User, letter: int, submit_only_token: Issued
) -> None:
    _, secret = api_token_create(by=postnord_admin, name="Status board", scopes=["reports:read"])
    answer = ApiClient(secret).put(photo_path(letter), plain_jpeg(), content_type="image/jpeg")
    assert answer.status == 403
    attach = ApiClient(submit_only_token.secret)
    assert attach.put(photo_path(letter), plain_jpeg(), content_type="image/jpeg").status == 201


def test_the_document_describes_the_body_as_a_picture() -> None:
    operation = openapi_document()["paths"]["/api/v1/reports/{report_id}/photo"]["put"]
    assert set(operation["requestBody"]["content"]) == {"image/jpeg", "image/png", "image/webp"}
    assert {"201", "200", "404", "409", "413", "415", "422"} <= set(operation["responses"])
