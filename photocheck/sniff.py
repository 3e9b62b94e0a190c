"""What a file really is, from its first bytes, whatever it is named.

Users rename HEIC and PNG files to `.jpg` all the time; the agency's upload judges the bytes, so
we do too. Only the leading bytes are looked at.
"""

from __future__ import annotations

from enum import Enum


class FileType(str, Enum):
    """A container format, named the way a user would recognise it."""

    JPEG = "JPEG"
    PNG = "PNG"
    WEBP = "WebP"
    HEIC = "HEIC"
    HEIF = "HEIF"
    AVIF = "AVIF"
    GIF = "GIF"
    TIFF = "TIFF"
    BMP = "BMP"
    PDF = "PDF"
    JPEG2000 = "JPEG 2000"
    JPEGXL = "JPEG XL"
    TEXT = "text"
    EMPTY = "empty"
    UNKNOWN = "unknown"


# ISO-BMFF major/compatible brands: HEVC-coded HEIF is what iPhones write ("HEIC").
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1", b"mif2"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})

_MAGIC: tuple[tuple[bytes, FileType], ...] = (
    (b"\xff\xd8\xff", FileType.JPEG),
    (b"\x89PNG\r\n\x1a\n", FileType.PNG),
    (b"GIF87a", FileType.GIF),
    (b"GIF89a", FileType.GIF),
    (b"II*\x00", FileType.TIFF),
    (b"MM\x00*", FileType.TIFF),
    (b"%PDF-", FileType.PDF),
    (b"\x00\x00\x00\x0cjP  \r\n\x87\n", FileType.JPEG2000),
    (b"\xff\x4f\xff\x51", FileType.JPEG2000),
    (b"\xff\x0a", FileType.JPEGXL),
    (b"\x00\x00\x00\x0cJXL \r\n\x87\n", FileType.JPEGXL),
)

_BMP_INFO_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})
"""The DIB header sizes real BMP writers use (BITMAPCOREHEADER to BITMAPV5HEADER)."""

MIN_TEXT_BYTES = 4
"""Fewer bytes than this say nothing about a file: not "text", only too short to tell."""


def sniff(head: bytes) -> FileType:
    """The type of a file whose first bytes (at least 64 when the file has them) are `head`."""
    if not head:
        return FileType.EMPTY
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileType.WEBP
    if head[4:8] == b"ftyp":
        return _iso_bmff_type(head)
    if _is_bmp(head):
        return FileType.BMP
    if len(head) < MIN_TEXT_BYTES:
        return FileType.UNKNOWN
    return FileType.TEXT if _looks_like_text(head) else FileType.UNKNOWN


def _is_bmp(head: bytes) -> bool:
    """"BM", reserved zero words and a known DIB header size: two letters alone are not a BMP
    (a text file may start with "BM")."""
    if len(head) < 18 or head[:2] != b"BM" or head[6:10] != b"\0\0\0\0":
        return False
    return int.from_bytes(head[14:18], "little") in _BMP_INFO_SIZES


def _iso_bmff_type(head: bytes) -> FileType:
    """HEIC, HEIF or AVIF from the `ftyp` box's major and compatible brands."""
    box_size = int.from_bytes(head[0:4], "big")
    end = min(len(head), box_size if box_size >= 16 else 16)
    brands = {head[8:12]} | {head[i : i + 4] for i in range(16, end - 3, 4)}
    if brands & _AVIF_BRANDS:
        return FileType.AVIF
    if brands & _HEIC_BRANDS:
        return FileType.HEIC
    if brands & _HEIF_BRANDS:
        return FileType.HEIF
    return FileType.UNKNOWN


def _looks_like_text(head: bytes) -> bool:
    """UTF-8 without NUL or other control bytes (tabs and newlines aside)."""
    sample = head[:512]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character cut at the sample's end is still text.
        try:
            text = sample[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
