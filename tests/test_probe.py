"""The header-only probe: what a file really is, and what its JPEG markers say."""

from __future__ import annotations

import io
from collections.abc import Callable

import numpy as np
import pillow_heif
import pytest
from PIL import Image

from photocheck.exif import parse_exif
from photocheck.jpeg_header import ColorModel, JpegHeaderError, read_header
from photocheck.sniff import FileType, sniff
from tests.conftest import FIXED_NOW, encode, exif_with


@pytest.fixture(scope="module")
def small(astronaut: np.ndarray) -> Image.Image:
    return Image.fromarray(astronaut).resize((64, 64))


@pytest.mark.parametrize(
    ("fmt", "options", "expected"),
    [
        ("JPEG", {}, FileType.JPEG),
        ("PNG", {}, FileType.PNG),
        ("WEBP", {}, FileType.WEBP),
        ("GIF", {}, FileType.GIF),
        ("TIFF", {}, FileType.TIFF),
        ("BMP", {}, FileType.BMP),
        ("AVIF", {}, FileType.AVIF),
        ("PDF", {}, FileType.PDF),
        ("JPEG2000", {}, FileType.JPEG2000),
    ],
)
def test_sniff_identifies_images_written_by_pillow(
    small: Image.Image, fmt: str, options: dict[str, object], expected: FileType
) -> None:
    assert sniff(encode(small, fmt, **options)[:64]) is expected


def test_sniff_identifies_heic_written_by_pillow_heif(small: Image.Image) -> None:
    heif = pillow_heif.from_pillow(small)
    buffer = io.BytesIO()
    heif.save(buffer, quality=80)
    assert sniff(buffer.getvalue()[:64]) is FileType.HEIC


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"", FileType.EMPTY),
        (b"hello, this is not a photo\n", FileType.TEXT),
        ("写真ではありません".encode(), FileType.TEXT),
        (bytes(range(256))[:64], FileType.UNKNOWN),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", FileType.HEIC),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1miaf", FileType.HEIF),
        (b"\x00\x00\x00\x18ftypqt  \x00\x00\x00\x00qt  ", FileType.UNKNOWN),
    ],
)
def test_sniff_edge_cases(head: bytes, expected: FileType) -> None:
    assert sniff(head) is expected


def test_header_of_baseline_rgb_jpeg(make_jpeg: Callable[..., bytes]) -> None:
    header = read_header(make_jpeg((640, 480)))
    assert (header.width, header.height, header.components) == (640, 480, 3)
    assert header.process == "baseline" and not header.progressive
    assert header.color_model is ColorModel.YCBCR
    assert header.has_eoi and header.exif is None


def test_header_of_progressive_jpeg(make_jpeg: Callable[..., bytes]) -> None:
    header = read_header(make_jpeg((500, 700), progressive=True))
    assert header.progressive and (header.width, header.height) == (500, 700)


def test_header_of_cmyk_and_grey_jpegs(make_jpeg: Callable[..., bytes]) -> None:
    cmyk = read_header(make_jpeg(mode="CMYK"))
    assert cmyk.components == 4 and cmyk.adobe_transform is not None
    assert cmyk.color_model in (ColorModel.CMYK, ColorModel.YCCK)
    grey = read_header(make_jpeg(mode="L"))
    assert grey.components == 1 and grey.color_model is ColorModel.GRAY


def test_header_keeps_exif_and_ignores_data_after_eoi(make_jpeg: Callable[..., bytes]) -> None:
    captured = FIXED_NOW.replace(year=2026, month=10)
    jpeg = make_jpeg(exif=exif_with(orientation=6, software="GIMP 2.10", captured=captured))
    header = read_header(jpeg + b"appended motion-photo video bytes")
    info = parse_exif(header.exif)
    assert (info.orientation, info.software, info.captured) == (6, "GIMP 2.10", captured)
    assert header.has_eoi


def test_exif_location_and_device_are_noticed(make_jpeg: Callable[..., bytes]) -> None:
    info = parse_exif(read_header(make_jpeg(exif=exif_with(gps=True, make="Phone"))).exif)
    assert info.has_location and info.has_device


def test_malformed_exif_means_no_facts() -> None:
    assert parse_exif(b"II*\x00\xff\xff\xff\xff garbage").captured is None
    assert parse_exif(None).orientation is None


def test_truncated_scan_has_no_eoi(rgb_jpeg: bytes) -> None:
    header = read_header(rgb_jpeg[: len(rgb_jpeg) // 2])
    assert not header.has_eoi


@pytest.mark.parametrize(
    ("mangle", "reason"),
    [
        (lambda b: b[:2], "ends inside the header"),
        (lambda b: b[:20], "ends inside the header"),
        (lambda b: b"\xff\xd8" + b"\x00" * 50, "expected a marker"),
        (lambda b: b"\xff\xd8\xff\xe0\x00\x01" + b[6:], "impossible length"),
        (lambda b: b"\xff\xd8\xff\xd9", "ends before any image data"),
        (lambda b: b"\xff\xd8\xff\xfe\xff\xff" + b"x" * 100, "ends inside the header"),
        (lambda b: b"\xff\xd8\xff\xda\x00\x08" + b"\x00" * 10, "no SOF marker"),
    ],
)
def test_broken_headers_raise_a_reason(
    rgb_jpeg: bytes, mangle: Callable[[bytes], bytes], reason: str
) -> None:
    with pytest.raises(JpegHeaderError, match=reason):
        read_header(mangle(rgb_jpeg))


def test_fill_bytes_before_markers_are_allowed(rgb_jpeg: bytes) -> None:
    padded = rgb_jpeg[:2] + b"\xff\xff\xff" + rgb_jpeg[2:]
    assert read_header(padded).width == 600


def test_absurd_dimensions_are_read_not_allocated(rgb_jpeg: bytes) -> None:
    bomb = with_dimensions(rgb_jpeg, 65000, 65000)
    header = read_header(bomb)
    assert (header.width, header.height) == (65000, 65000)


def with_dimensions(jpeg: bytes, width: int, height: int) -> bytes:
    """The same JPEG with its SOF0 header claiming another size (a decompression bomb)."""
    sof = jpeg.index(b"\xff\xc0")
    patched = bytearray(jpeg)
    patched[sof + 5 : sof + 7] = height.to_bytes(2, "big")
    patched[sof + 7 : sof + 9] = width.to_bytes(2, "big")
    return bytes(patched)
