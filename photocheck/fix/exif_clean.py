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


# Segments a decoder needs, kept byte for byte: tables, frame, restart interval, JFIF, Adobe.
_DQT, _DHT, _DRI, _SOS, _EOI, _APP0, _APP2, _APP14 = 0xDB, 0xC4, 0xDD, 0xDA, 0xD9, 0xE0, 0xE2, 0xEE
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_ICC_TAG = b"ICC_PROFILE\x00"


def rebuild_metadata(data: bytes, exif: bytes, icc_profile: bytes | None) -> bytes:
    """The JPEG in `data` with its pixels untouched and its metadata rebuilt from scratch.

    Only what decoding needs is copied (tables, frame, scans); every APPn block (EXIF, XMP with
    its GPS, IPTC, Photoshop, MPF), comment and byte after the end-of-image marker (an appended
    ZIP, a motion-photo video) is dropped, then `exif` (the kept capture date) and `icc_profile`
    (already vetted by the caller) are written fresh. `data` must have passed `verify_jpeg`.
    """
    jfif, body = bytearray(), bytearray()
    pos = 2
    while pos < len(data):
        marker, start, pos = _marker_at(data, pos)
        if marker == _EOI:
            break
        if marker == _SOS:
            end = _entropy_end(data, pos)
            body += data[start:end]
            pos = end
        elif marker == _APP0 and data[start + 4:start + 9] == b"JFIF\x00" and not jfif:
            jfif += data[start:pos]  # the pixel density a print's size depends on
        elif marker in (_DQT, _DHT, _DRI) or marker in _FRAMES or (
                marker == _APP14 and data[start + 4:start + 9] == b"Adobe"):
            body += data[start:pos]
    out = bytearray(b"\xff\xd8") + jfif  # JFIF must follow SOI directly
    if exif:
        out += _segment(0xE1, exif if exif.startswith(b"Exif") else b"Exif\x00\x00" + exif)
    if icc_profile:
        out += _segment(_APP2, _ICC_TAG + b"\x01\x01" + icc_profile)
    return bytes(out + body + b"\xff\xd9")


def _marker_at(data: bytes, pos: int) -> tuple[int, int, int]:
    """The marker at `pos`, where its segment starts, and where it ends."""
    start = pos
    while pos < len(data) and data[pos] == 0xFF:
        pos += 1
    if pos >= len(data):
        return _EOI, start, pos
    marker = data[pos]
    pos += 1
    if marker in (0x01, *range(0xD0, 0xDA)):
        return marker, start, pos  # no length field
    length = int.from_bytes(data[pos:pos + 2], "big")
    return marker, start, pos + length


def _entropy_end(data: bytes, pos: int) -> int:
    """Where the entropy-coded data after a scan header at `pos` ends: the next real marker."""
    while True:
        pos = data.find(b"\xff", pos)
        if pos < 0 or pos + 1 >= len(data):
            return len(data)
        nxt = data[pos + 1]
        if nxt == 0x00 or nxt == 0xFF or 0xD0 <= nxt <= 0xD7:  # stuffing, fill, restart
            pos += 1 if nxt == 0xFF else 2
            continue
        return pos


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload
