"""A photo becomes an upright JPEG with nothing in it but pixels; what is not a photo is refused."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from samverkan.intake.photos import (
    LONGEST_SIDE,
    MAX_PIXELS,
    MAX_UPLOAD_BYTES,
    CleanPhoto,
    PhotoRejectedError,
    photo_clean,
)
from tests.intake.photo_files import (
    CAMERA_MAKE,
    PNG_TEXT,
    SECRET_COMMENT,
    phone_jpeg,
    plain_jpeg,
    png_claiming,
    scanned_png,
    truncated_jpeg,
)

METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "dpi", "jfif"}


def assert_bare(photo: CleanPhoto) -> Image.Image:
    """The stored bytes are a JPEG with no EXIF, GPS, XMP, ICC profile, comment or text."""
    image = Image.open(io.BytesIO(photo.data))
    assert image.format == "JPEG"
    assert len(image.getexif()) == 0
    assert not image.getexif().get_ifd(0x8825)  # no GPS
    assert not set(image.info) & (METADATA_KEYS - {"jfif", "dpi"}), image.info
    markers = [marker for marker, _ in getattr(image, "applist", [])]
    assert markers in (["APP0"], []), markers  # JFIF only
    for leak in (b"Exif", b"GPS", CAMERA_MAKE.encode(), SECRET_COMMENT, b"xmpmeta", b"ICC_PROFILE"):
        assert leak not in photo.data
    return image


def colour_at(image: Image.Image, x: int, y: int) -> str:
    red, _green, blue = image.convert("RGB").getpixel((x, y))  # type: ignore[misc]
    return "red" if red > 150 > blue else "blue" if blue > 150 > red else "other"


def test_a_phone_photo_loses_gps_camera_and_notes_and_stands_upright() -> None:
    sent = phone_jpeg(orientation=6)
    for kept_by_the_phone in (b"Exif", SECRET_COMMENT, b"xmpmeta", CAMERA_MAKE.encode()):
        assert kept_by_the_phone in sent
    photo = photo_clean(sent)
    image = assert_bare(photo)
    # Stored 400×200 sideways; turned as the tag said: 200 wide, 400 high, red on top.
    assert (photo.width, photo.height) == (200, 400) == image.size
    assert colour_at(image, 100, 50) == "red"
    assert colour_at(image, 100, 350) == "blue"
    assert photo.content_type == "image/jpeg"
    assert photo.size == len(photo.data)


@pytest.mark.parametrize(
    ("orientation", "top_left", "size"),
    [(1, "red", (400, 200)), (3, "blue", (400, 200)), (8, "blue", (200, 400))],
)
def test_every_orientation_is_applied_to_the_pixels(
    orientation: int, top_left: str, size: tuple[int, int]
) -> None:
    photo = photo_clean(phone_jpeg(orientation=orientation))
    image = assert_bare(photo)
    assert image.size == size
    assert colour_at(image, 20, 20) == top_left


def test_a_png_with_text_chunks_is_kept_as_a_jpeg_without_them() -> None:
    sent = scanned_png()
    texts = getattr(Image.open(io.BytesIO(sent)), "text", None)
    assert texts == {**PNG_TEXT, "Description": "Paket till Storgatan 1"}  # it had them
    photo = photo_clean(sent)
    image = assert_bare(photo)
    for value in [*PNG_TEXT.values(), "Storgatan"]:
        assert value.encode() not in photo.data
    assert image.size == (300, 300)
    assert image.convert("RGB").getpixel((5, 5)) == (255, 255, 255)  # transparent became white


def test_a_large_photo_is_scaled_to_the_longest_side_and_stays_small() -> None:
    photo = photo_clean(plain_jpeg(4000, 3000))
    assert (photo.width, photo.height) == (LONGEST_SIDE, 1536)
    assert photo.size < 300_000


def test_a_large_sideways_photo_is_decoded_smaller_turned_and_scaled() -> None:
    """A JPEG is decoded at half size when that is still larger than what is kept."""
    photo = photo_clean(phone_jpeg(orientation=6, width=5000, height=2500))
    image = assert_bare(photo)
    assert image.size == (1024, LONGEST_SIDE)
    assert colour_at(image, 500, 100) == "red"
    assert colour_at(image, 500, 1900) == "blue"


def test_the_same_picture_with_other_metadata_is_the_same_photo() -> None:
    assert (
        photo_clean(phone_jpeg(orientation=1)).sha256
        == photo_clean(phone_jpeg(orientation=1)).sha256
    )
    assert photo_clean(plain_jpeg()).sha256 != photo_clean(plain_jpeg(colour=(0, 90, 0))).sha256


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        pytest.param(truncated_jpeg(), "not_an_image", id="cut off half way"),
        pytest.param(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n", "not_an_image", id="a PDF"),
        pytest.param(b"GIF89a" + bytes(40), "not_an_image", id="a GIF (not taken)"),
        pytest.param(b"", "empty", id="nothing"),
        pytest.param(png_claiming(100_000, 100_000), "too_many_pixels", id="bomb, 10 gigapixels"),
        pytest.param(png_claiming(10_000, 12_000), "too_many_pixels", id="120 megapixels"),
        pytest.param(png_claiming(8_000, 7_000), "too_many_pixels", id="56 megapixels"),
        pytest.param(b"\xff\xd8\xff" + bytes(MAX_UPLOAD_BYTES), "too_large", id="over 15 MB"),
    ],
)
def test_what_is_not_a_photo_we_keep_is_refused_with_a_reason(raw: bytes, code: str) -> None:
    with pytest.raises(PhotoRejectedError) as refused:
        photo_clean(raw)
    assert refused.value.code == code
    assert refused.value.message


def test_the_pixel_bound_leaves_room_for_a_phone_camera() -> None:
    assert MAX_PIXELS >= 8064 * 6048  # a 48-megapixel sensor's full picture
