"""Pictures made for the tests, as phones and scanners make them, metadata and all.

Nothing here is a real photo: each is drawn by Pillow (or, for a file that
claims more pixels than it holds, written byte by byte), so its content and
its metadata are known exactly.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

CAMERA_MAKE = "SamverkanPhone"
CAMERA_MODEL = "Test Model 7"
SECRET_COMMENT = b"shot at the counter of ICA Tallbacken"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
    b'syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Lena'
    b' at the counter"/></rdf:RDF></x:xmpmeta>'
)
PNG_TEXT = {"Author": "Kalle Svensson", "Location": "59.3293 N, 18.0686 E"}
RED, BLUE = (220, 30, 30), (30, 30, 220)
GPS_IFD, ORIENTATION, MAKE, MODEL = 0x8825, 0x0112, 0x010F, 0x0110


def two_halves(width: int = 400, height: int = 200) -> Image.Image:
    """Red on the left half, blue on the right: which way is up shows after turning."""
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def phone_jpeg(*, orientation: int = 6, width: int = 400, height: int = 200) -> bytes:
    """A phone's JPEG: held upright, stored sideways with an orientation tag, GPS, XMP, a note.

    Orientation 6 means "turn 90° clockwise to show": the red left half of the
    stored pixels is the top of the picture as taken.
    """
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = CAMERA_MAKE
    exif[MODEL] = CAMERA_MODEL
    exif.get_ifd(GPS_IFD).update(
        {1: "N", 2: (59.0, 19.0, 45.6), 3: "E", 4: (18.0, 4.0, 7.2)}  # Stockholm
    )
    out = io.BytesIO()
    two_halves(width, height).save(
        out,
        format="JPEG",
        quality=90,
        exif=exif.tobytes(),
        comment=SECRET_COMMENT,
        xmp=XMP,
        icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes(),
    )
    return out.getvalue()


def scanned_png() -> bytes:
    """A PNG with text chunks naming a person and a place, and a transparent corner."""
    image = two_halves(300, 300).convert("RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 30, 30))
    info = PngInfo()
    for key, value in PNG_TEXT.items():
        info.add_text(key, value)
    info.add_itxt("Description", "Paket till Storgatan 1", lang="sv")
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def truncated_jpeg() -> bytes:
    """A photo cut off half way, as an upload that broke off."""
    whole = phone_jpeg(orientation=1, width=800, height=600)
    return whole[: len(whole) // 2]


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def plain_jpeg(width: int = 320, height: int = 240, colour: tuple[int, int, int] = RED) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG", quality=90)
    return out.getvalue()
