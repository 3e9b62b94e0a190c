"""Walks a JPEG's markers up to the first scan, without decoding a single pixel.

Everything the file-level rules need (size, components, coding process, Adobe colour transform,
EXIF) sits in the segments before SOS, so a compliant-or-not answer for those rules costs
microseconds. The walker never trusts a length field: every read is bounds-checked, so hostile or
truncated headers end in a `JpegHeaderError` with a reason, never an exception from deep inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

_SOI = 0xD8
_EOI = 0xD9
_SOS = 0xDA
_APP1 = 0xE1
_APP14 = 0xEE
# SOFn markers; C4 (DHT), C8 (JPG extension) and CC (DAC) share the range but are not frames.
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_PROGRESSIVE = frozenset({0xC2, 0xC6, 0xCA, 0xCE})
_LOSSLESS = frozenset({0xC3, 0xC7, 0xCB, 0xCF})
_HIERARCHICAL = frozenset({0xC5, 0xC6, 0xC7, 0xCD, 0xCE, 0xCF})
_ARITHMETIC = frozenset({0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})  # SOF9-11, SOF13-15
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM and RSTn carry no length


class JpegHeaderError(ValueError):
    """The marker structure is broken; the message says how, for the user."""


class ColorModel(str, Enum):
    """What the components hold, as a decoder would interpret them."""

    GRAY = "greyscale"
    YCBCR = "YCbCr"
    RGB = "RGB"
    CMYK = "CMYK"
    YCCK = "YCCK"
    OTHER = "other"


@dataclass(frozen=True)
class JpegHeader:
    """The facts read from a JPEG's markers."""

    width: int
    height: int
    components: int
    precision: int
    process: str  # "baseline", "extended", "progressive", "lossless", "hierarchical"
    adobe_transform: int | None  # APP14 colour transform: 0 none, 1 YCbCr, 2 YCCK
    exif: bytes | None  # the APP1 Exif payload, "Exif\0\0" stripped
    scan_offset: int  # where the first SOS segment starts
    has_eoi: bool  # an EOI marker follows the first scan
    arithmetic: bool = False  # arithmetic-coded (SOF9-15): browsers cannot show it

    @property
    def progressive(self) -> bool:
        return self.process == "progressive"

    @property
    def color_model(self) -> ColorModel:
        """How libjpeg would read the components (Adobe transform decides 3 and 4)."""
        if self.components == 1:
            return ColorModel.GRAY
        if self.components == 3:
            return ColorModel.RGB if self.adobe_transform == 0 else ColorModel.YCBCR
        if self.components == 4:
            return ColorModel.YCCK if self.adobe_transform == 2 else ColorModel.CMYK
        return ColorModel.OTHER


def read_header(data: bytes) -> JpegHeader:
    """Parse the markers of the JPEG in `data` (the whole file, or at least its head).

    Raises JpegHeaderError when the structure is broken before the first scan.
    """
    view = memoryview(data)
    if bytes(view[:2]) != b"\xff\xd8":
        raise JpegHeaderError("the file does not start with a JPEG start-of-image marker")
    frame: tuple[int, int, int, int, int] | None = None
    adobe: int | None = None
    exif: bytes | None = None
    pos = 2
    while True:
        marker, pos = _next_marker(view, pos)
        if marker == _SOS:
            break
        if marker == _EOI:
            raise JpegHeaderError("the file ends before any image data")
        if marker in _STANDALONE or marker == _SOI:
            continue
        payload, pos = _segment(view, pos)
        if marker in _SOF_MARKERS and frame is None:
            frame = (marker, *_parse_frame(payload))
        elif marker == _APP14 and bytes(payload[:5]) == b"Adobe" and len(payload) >= 12:
            adobe = payload[11]
        elif marker == _APP1 and exif is None and bytes(payload[:6]) == b"Exif\x00\x00":
            exif = bytes(payload[6:])
    if frame is None:
        raise JpegHeaderError("the image data starts before the frame header (no SOF marker)")
    sof, precision, height, width, components = frame
    scan_offset = pos - 2
    return JpegHeader(
        width=width,
        height=height,
        components=components,
        precision=precision,
        process=_process_name(sof),
        adobe_transform=adobe,
        exif=exif,
        scan_offset=scan_offset,
        # A truncated file lacks its EOI; data appended after EOI (motion photos) is harmless.
        has_eoi=data.rfind(b"\xff\xd9", scan_offset) >= 0,
        arithmetic=sof in _ARITHMETIC,
    )


def _next_marker(view: memoryview, pos: int) -> tuple[int, int]:
    """The marker code at `pos` (fill bytes skipped) and the position after it."""
    if pos >= len(view):
        raise JpegHeaderError("the file ends inside the header")
    if view[pos] != 0xFF:
        raise JpegHeaderError(f"expected a marker at byte {pos}; the header is corrupt or cut off")
    while pos < len(view) and view[pos] == 0xFF:
        pos += 1
    if pos >= len(view):
        raise JpegHeaderError("the file ends inside the header")
    return view[pos], pos + 1


def _segment(view: memoryview, pos: int) -> tuple[memoryview, int]:
    """The payload of the length-prefixed segment at `pos` and the position after it."""
    if pos + 2 > len(view):
        raise JpegHeaderError("the file ends inside the header")
    length = (view[pos] << 8) | view[pos + 1]
    if length < 2:
        raise JpegHeaderError(f"a header segment at byte {pos} has an impossible length")
    end = pos + length
    if end > len(view):
        raise JpegHeaderError("the file ends inside the header")
    return view[pos + 2 : end], end


def _parse_frame(payload: memoryview) -> tuple[int, int, int, int]:
    """Precision, height, width and component count from a SOF payload."""
    if len(payload) < 6:
        raise JpegHeaderError("the frame header is too short")
    precision = payload[0]
    height = (payload[1] << 8) | payload[2]
    width = (payload[3] << 8) | payload[4]
    components = payload[5]
    if len(payload) < 6 + 3 * components:
        raise JpegHeaderError("the frame header lists more components than it holds")
    return precision, height, width, components


def _process_name(sof: int) -> str:
    if sof in _HIERARCHICAL:
        return "hierarchical"
    if sof in _LOSSLESS:
        return "lossless"
    if sof in _PROGRESSIVE:
        return "progressive"
    return "baseline" if sof == 0xC0 else "extended"
