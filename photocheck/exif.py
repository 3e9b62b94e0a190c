"""The few EXIF facts the rules need: orientation, capture date, software.

Parsing is Pillow's (a well-kept TIFF/EXIF reader); this module only picks the tags and turns a
malformed block into "no EXIF" rather than an error, because a camera's broken EXIF says nothing
about whether the photo itself is acceptable.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import datetime

from PIL import Image

_ORIENTATION = 0x0112
_SOFTWARE = 0x0131
_DATETIME = 0x0132
_MAKE = 0x010F
_MODEL = 0x0110
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME_ORIGINAL = 0x9003
_DATETIME_DIGITIZED = 0x9004

_EXIF_DATE = re.compile(r"^\s*(\d{4})[:\-/](\d{2})[:\-/](\d{2})[ T](\d{2}):(\d{2}):(\d{2})")


@dataclass(frozen=True)
class ExifInfo:
    """What a photo's EXIF says about how it was taken and handled."""

    orientation: int | None = None
    captured: datetime | None = None
    software: str | None = None
    has_location: bool = False
    has_device: bool = False


def parse_exif(payload: bytes | None) -> ExifInfo:
    """The facts in an APP1 Exif payload (TIFF header onwards); empty facts when unreadable."""
    if not payload:
        return ExifInfo()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on corrupt EXIF; we treat it as absent
            return _parse(payload)
    except Exception:  # any malformed EXIF means "nothing known", by design
        return ExifInfo()


def _parse(payload: bytes) -> ExifInfo:
    exif = Image.Exif()
    exif.load(payload)
    sub = exif.get_ifd(_EXIF_IFD)
    captured = _first_date(
        sub.get(_DATETIME_ORIGINAL), sub.get(_DATETIME_DIGITIZED), exif.get(_DATETIME)
    )
    return ExifInfo(
        orientation=_as_int(exif.get(_ORIENTATION)),
        captured=captured,
        software=_as_text(exif.get(_SOFTWARE)),
        has_location=bool(exif.get_ifd(_GPS_IFD)),
        has_device=bool(exif.get(_MAKE) or exif.get(_MODEL)),
    )


def _first_date(*values: object) -> datetime | None:
    for value in values:
        text = _as_text(value)
        match = _EXIF_DATE.match(text) if text else None
        if match:
            try:
                return datetime(*(int(g) for g in match.groups()))
            except ValueError:
                continue  # "0000:00:00 00:00:00" and other placeholders
    return None


def _as_int(value: object) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, tuple) and value and isinstance(value[0], int):
        return value[0]
    return None


def _as_text(value: object) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        text = value.replace("\x00", "").strip()
        return text or None
    return None
