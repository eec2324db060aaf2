"""Photos from partner systems: ``PUT /api/v1/reports/{id}/photo`` with the picture as the body.

Invariants:

- A system attaches a photo only to its own organisation's reports (those
  ``reports_visible_to_system`` gives it); any other id is ``NotFound``,
  exactly as a missing one, and is looked up before the body is read.
- The body is the picture itself (``image/jpeg``, ``image/png`` or
  ``image/webp``), at most ``MAX_UPLOAD_BYTES``: a larger one is refused by
  its ``Content-Length`` and never read past the limit. It is stored only as
  ``intake.photos`` makes it: upright, scaled, a JPEG without metadata.
- PUT is idempotent: the same picture again answers 200 with the stored
  photo and changes nothing; another picture for a report that has one is
  refused (409), because a report's photo is never replaced.
- An added photo writes one collection event by ``token:<prefix>`` (see
  ``intake.services.report_photo_attach``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from samverkan.access.policy import NotFound, reports_visible_to_system
from samverkan.api.models import ApiToken
from samverkan.api.problems import ApiError, FieldError
from samverkan.api.schemas import PhotoReceipt
from samverkan.intake.models import ReportPhoto
from samverkan.intake.photos import MAX_UPLOAD_BYTES, TOO_LARGE, PhotoRejectedError, photo_clean
from samverkan.intake.services import report_photo_attach

MEDIA_TYPES = ("image/jpeg", "image/png", "image/webp")


class PhotoTooLargeError(ApiError):
    status = 413


class PhotoMediaTypeError(ApiError):
    status = 415


class PhotoRejectedApiError(ApiError):
    status = 422


class PhotoConflictError(ApiError):
    status = 409


@dataclass(frozen=True, slots=True)
class PhotoAnswer:
    status: int  # 201 added now, 200 the very photo the report has
    receipt: PhotoReceipt


def api_report_photo_put(
    *,
    token: ApiToken,
    report_id: int,
    content_type: str,
    content_length: int | None,
    read: Callable[[int], bytes],
) -> PhotoAnswer:
    """Give one of the token's organisation's reports the photo in the body; see the rules above.

    ``read(n)`` reads at most ``n`` bytes of the body; it is called once.
    """
    report = reports_visible_to_system(organisation_id=token.organisation_id).filter(pk=report_id)
    found = report.first()
    if found is None:
        raise NotFound
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type not in MEDIA_TYPES:
        message = f"Send the photo itself as the body, with Content-Type {', '.join(MEDIA_TYPES)}."
        raise PhotoMediaTypeError(
            FieldError("Content-Type", "unsupported_media_type", message), token=token
        )
    if content_length is not None and content_length > MAX_UPLOAD_BYTES:
        raise PhotoTooLargeError(FieldError(None, TOO_LARGE.code, TOO_LARGE.message), token=token)
    body = read(MAX_UPLOAD_BYTES + 1)
    try:
        photo = photo_clean(body)
    except PhotoRejectedError as error:
        refusal = PhotoTooLargeError if error.code == TOO_LARGE.code else PhotoRejectedApiError
        raise refusal(FieldError(None, error.code, error.message), token=token) from None
    outcome = report_photo_attach(
        report=found, photo=photo, by=None, via=f"api:{token.prefix}", actor_label=token.label
    )
    if outcome == "other":
        raise PhotoConflictError(
            FieldError(
                None,
                "photo_exists",
                "This report has another photo already; a report's photo is never replaced.",
            ),
            token=token,
        )
    stored = ReportPhoto.objects.defer("image").get(report=found)
    return PhotoAnswer(201 if outcome == "added" else 200, photo_receipt(stored))


def photo_receipt(photo: ReportPhoto) -> PhotoReceipt:
    return PhotoReceipt(
        report_id=photo.report_id,
        content_type="image/jpeg",
        width=photo.width,
        height=photo.height,
        bytes=photo.size,
        sha256=photo.sha256,
        added_at=photo.added_at,
    )
