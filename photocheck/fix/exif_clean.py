"""The EXIF a fixed photo keeps: its capture date and nothing that locates or identifies.

`photo.age` reads the capture date, so DateTimeOriginal, DateTimeDigitized and DateTime (with
their time-zone offsets) are kept. Everything else goes: the GPS block, camera make, model, serial
numbers, lens, the maker note, the thumbnail, the orientation (the pixels are already upright)
and the Software tag (an editor's name there would make `photo.edited` warn).
"""

from __future__ import annotations

from PIL import Image

from photocheck.report import Text

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_DATETIME = 0x0132
_KEPT_IN_EXIF_IFD = (
    0x9003,  # DateTimeOriginal
    0x9004,  # DateTimeDigitized
    0x9010,  # OffsetTime
    0x9011,  # OffsetTimeOriginal
    0x9012,  # OffsetTimeDigitized
)
_DEVICE_TAGS = (0x010F, 0x0110)  # Make, Model
_DEVICE_EXIF_TAGS = (0x927C, 0xA431, 0xA433, 0xA434, 0xA435)  # MakerNote, serials, lens

REMOVED_PRIVATE = Text("Removed location and device data from EXIF")


def clean_exif(exif: Image.Exif) -> tuple[bytes, Text | None]:
    """The kept EXIF as bytes for Pillow's `exif=` (b"" when nothing is kept), and the change
    to report when location or device data was removed."""
    sub = _safe_ifd(exif, _EXIF_IFD)
    kept = Image.Exif()
    if isinstance(exif.get(_DATETIME), str):
        kept[_DATETIME] = exif[_DATETIME]
    kept_sub = {tag: sub[tag] for tag in _KEPT_IN_EXIF_IFD if isinstance(sub.get(tag), str)}
    if kept_sub:
        kept.get_ifd(_EXIF_IFD).update(kept_sub)
    had_private = bool(_safe_ifd(exif, _GPS_IFD)) or any(exif.get(t) for t in _DEVICE_TAGS) or any(
        sub.get(t) for t in _DEVICE_EXIF_TAGS
    )
    data = kept.tobytes() if _DATETIME in kept or kept_sub else b""
    return data, REMOVED_PRIVATE if had_private else None


def _safe_ifd(exif: Image.Exif, tag: int) -> dict[int, object]:
    """A sub-IFD, or {} when it is missing or malformed (broken EXIF is not the user's fault)."""
    try:
        return dict(exif.get_ifd(tag))
    except Exception:
        return {}
