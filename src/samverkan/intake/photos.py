"""A photo of what a report is about, made safe to keep: upright, bounded, without metadata.

A phone's photo of a parcel carries more than the parcel: EXIF with the
camera, the time and often GPS coordinates of the shop, XMP, comments,
an embedded thumbnail (which may still show what was cropped away). None of
that is for the police. So a photo is never stored as sent:

- it is decoded by Pillow (JPEG, PNG or WebP; anything else, and anything
  corrupt or cut short, is refused with a code and a message that says so);
- its EXIF orientation is applied to the pixels, so it stands upright
  without the tag that said how to turn it;
- colours in an embedded ICC profile (a phone's Display P3) are converted
  to sRGB, and the profile is dropped;
- it is scaled down to at most ``LONGEST_SIDE`` pixels on its longest side;
- its pixels are copied into a new image, which has no metadata at all, and
  that is encoded as a baseline JPEG at ``JPEG_QUALITY``: no EXIF, GPS, XMP,
  ICC, comment or thumbnail can survive, because none is ever written.

Bounds against abuse: more than ``MAX_UPLOAD_BYTES`` is refused unread,
and the pixel count is read from the header and refused above
``MAX_PIXELS`` before anything is decoded (Pillow's own decompression bomb
check, at about twice its ``MAX_IMAGE_PIXELS``, is caught too), so a small
file that unpacks into gigabytes never does.

Cost, measured on this project's 2-core machine: a 12-megapixel phone JPEG
(3 MB) takes about 0.2 s, a 48-megapixel one (12 MB) about 0.3 s, because a
JPEG is decoded at the smallest of 1/2, 1/4, 1/8 of its size that is still
larger than what is kept. Stored photos are some hundreds of kB.

The same picture always becomes the same bytes (the encoder is
deterministic), so ``CleanPhoto.sha256`` tells whether two sendings were the
same photo, whatever their metadata said.

This module knows no Django: it takes bytes and returns bytes.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 48-megapixel phone camera's full resolution, and a little more
LONGEST_SIDE = 2048
JPEG_QUALITY = 85
CONTENT_TYPE = "image/jpeg"
# JPEG includes what Pillow calls MPO: a JPEG with a second picture (a phone's preview).
FORMATS = ("JPEG", "PNG", "WEBP")
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class PhotoRejectedError(ValueError):
    """The photo cannot be kept; ``code`` is stable, ``message`` in English says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class CleanPhoto:
    """A photo as it is stored: a JPEG without metadata, its size and fingerprint."""

    data: bytes
    width: int
    height: int
    sha256: str
    content_type: str = CONTENT_TYPE

    @property
    def size(self) -> int:
        return len(self.data)


TOO_LARGE = PhotoRejectedError(
    "too_large", f"The photo is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
)
TOO_MANY_PIXELS = PhotoRejectedError(
    "too_many_pixels", f"The photo has more than {MAX_PIXELS // 1_000_000} million pixels."
)
NOT_AN_IMAGE = PhotoRejectedError(
    "not_an_image", "This is not a JPEG, PNG or WebP picture, or the file is damaged."
)
EMPTY = PhotoRejectedError("empty", "The photo is empty.")


def photo_clean(raw: bytes) -> CleanPhoto:
    """The photo in ``raw``, upright, at most ``LONGEST_SIDE`` px, as a JPEG without metadata."""
    if not raw:
        raise EMPTY
    if len(raw) > MAX_UPLOAD_BYTES:
        raise TOO_LARGE
    image = _decoded(raw)
    upright = ImageOps.exif_transpose(image) or image
    upright = _in_srgb(upright)
    upright.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS)
    pixels = _flattened(upright)
    # A new image holds the pixels and nothing else: Pillow's JPEG encoder writes
    # a comment, XMP or ICC profile it finds in ``info``, and this one has none.
    bare = Image.frombytes("RGB", pixels.size, pixels.tobytes())
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    data = out.getvalue()
    return CleanPhoto(
        data=data,
        width=bare.width,
        height=bare.height,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _decoded(raw: bytes) -> Image.Image:
    """The first frame of the picture, decoded; refused if it is too big or not one we read."""
    try:
        image = Image.open(io.BytesIO(raw), formats=FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # The warning is an exception only where warnings are errors (the tests).
        raise TOO_MANY_PIXELS from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise NOT_AN_IMAGE from None
    if image.width * image.height > MAX_PIXELS:
        raise TOO_MANY_PIXELS
    # A JPEG can be decoded at 1/2, 1/4 or 1/8 of its size: no smaller than what is kept.
    image.draft(None, (LONGEST_SIDE, LONGEST_SIDE))
    try:
        image.load()
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        raise NOT_AN_IMAGE from None
    return image


def _in_srgb(image: Image.Image) -> Image.Image:
    """The picture's colours in sRGB, if it carries a profile that says they are in another."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # a broken profile: keep the pixels as they are
    return converted or image


def _flattened(image: Image.Image) -> Image.Image:
    """RGB pixels; what was transparent is white, as a label on paper."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, "white")
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
