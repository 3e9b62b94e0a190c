"""A small preview of a photo for the HTML report, with the face box and the 35:45 trim drawn.

Made in the worker, cheaply: Pillow's draft mode lets libjpeg decode at 1/2 to 1/8 scale, so a
12 MP photo costs a fraction of a full decode. Only made when the user asked for `--html`:
thumbnails are personal data and are never written otherwise.
"""

from __future__ import annotations

import base64
import io
import warnings
from typing import Any

from PIL import Image, ImageDraw, ImageOps

from photocheck.rules import limit
from photocheck.source import load

THUMBNAIL_PX = 160
"""The long side of a thumbnail: enough to recognise the photo and see the framing."""

_QUALITY = 70
_ORIENTATION_TAG = 0x0112
_SWAPPING_ORIENTATIONS = (5, 6, 7, 8)
_BOX_COLOUR = (0, 200, 0)
_TRIM_COLOUR = (0, 120, 255)


def make_thumbnail(path: str, face: dict[str, Any] | None) -> str | None:
    """A base64 JPEG of `path` at most THUMBNAIL_PX on its long side, or None if unreadable.

    `face` is the report's `face` entry; its `box` and `trim` ([x, y, w, h] in full-resolution
    upright pixels) are drawn when present.
    """
    try:
        source = load(path, read_whole_up_to=int(limit("file.size.bytes").value[1]))
        if not source.complete:
            return None  # only the head was read: no preview of a file this large
        with warnings.catch_warnings():  # Pillow's bomb and EXIF warnings are not the user's
            warnings.simplefilter("ignore")
            return _thumbnail(source.data, face)
    except Exception:  # a preview is optional: any file Pillow cannot read simply has none
        return None


def _thumbnail(data: bytes, face: dict[str, Any] | None) -> str | None:
    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > limit("image.pixels.max").value:
            return None  # never decode a decompression bomb just for a preview
        upright_width = _upright_width(image)
        image.draft("RGB", (THUMBNAIL_PX, THUMBNAIL_PX))
        image = ImageOps.exif_transpose(image).convert("RGB")
        image.thumbnail((THUMBNAIL_PX, THUMBNAIL_PX))
        _draw_face(image, face, image.width / upright_width)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=_QUALITY)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _upright_width(image: Image.Image) -> int:
    """The full-resolution width as a person sees the photo (EXIF orientation applied)."""
    orientation = image.getexif().get(_ORIENTATION_TAG)
    return image.height if orientation in _SWAPPING_ORIENTATIONS else image.width


def _draw_face(image: Image.Image, face: dict[str, Any] | None, scale: float) -> None:
    """Outline the face box and the 35:45 trim, whichever the report has."""
    if not face:
        return
    draw = ImageDraw.Draw(image)
    for key, colour in (("trim", _TRIM_COLOUR), ("box", _BOX_COLOUR)):
        rect = face.get(key)
        if not (isinstance(rect, (list, tuple)) and len(rect) == 4):
            continue
        x, y, w, h = (float(v) * scale for v in rect)
        draw.rectangle((x, y, x + w, y + h), outline=colour, width=2)
