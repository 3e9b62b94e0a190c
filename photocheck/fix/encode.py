"""Sizing and encoding: pixel dimensions into 480..6000 px, file size into 20 KB..7 MB.

The quality is searched, highest first, so the photo keeps as much detail as the size limit
allows. The JPEG is baseline (SOF0): some upload systems still refuse progressive files.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from photocheck.report import Text
from photocheck.rules import limit

SCALED = Text("Scaled to {w} x {h} px")
SAVED = Text("Saved at quality {q} ({size} bytes)")
SAVED_FULL_CHROMA = Text(
    "Saved at quality {q} with full colour resolution ({size} bytes), because the plain photo "
    "compresses below 20 KB otherwise",
)

_SUBSAMPLE_420 = 2
_SUBSAMPLE_444 = 0
_SHRINK_STEP = 0.85


@dataclass(frozen=True)
class Encoded:
    """The JPEG bytes and how they were made."""

    data: bytes
    quality: int
    full_chroma: bool
    size: tuple[int, int]

    def change(self) -> Text:
        message = SAVED_FULL_CHROMA if self.full_chroma else SAVED
        return message.format(q=self.quality, size=len(self.data))


def fit_dimensions(image: Image.Image) -> tuple[Image.Image, Text | None]:
    """Shrink (never enlarge: that invents detail) so neither side exceeds the maximum."""
    high = int(limit("image.dimensions.px").value[1])
    width, height = image.size
    if max(width, height) <= high:
        return image, None
    return _shrink(image, high / max(width, height))


def _shrink(image: Image.Image, scale: float) -> tuple[Image.Image, Text]:
    width, height = image.size
    size = (max(1, int(width * scale)), max(1, int(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS), SCALED.format(w=size[0], h=size[1])


def encode_within_size(
    image: Image.Image, *, exif: bytes = b"", icc_profile: bytes | None = None,
    dpi: float | None = None,
) -> tuple[Encoded, list[Text]]:
    """The best-quality baseline JPEG inside the size limits, and any extra change it took.

    Too large even at the lowest quality: the image is shrunk step by step. Too small even at the
    highest: 4:4:4 chroma and then quality 100 are tried; if still too small, the best attempt is
    returned and the re-check reports `file.size`.
    """
    low, high = limit("file.size.bytes").value
    changes: list[Text] = []
    params = {"exif": exif, "icc_profile": icc_profile, "dpi": (dpi, dpi) if dpi else None}
    while True:
        encoded = _search_quality(image, int(high), params)
        if encoded is not None:
            break
        image, scaled = _shrink(image, _SHRINK_STEP)
        changes = [scaled]
    if len(encoded.data) >= low:
        return encoded, changes
    for quality in (95, 100):
        fuller = _encode(image, quality, _SUBSAMPLE_444, params)
        if low <= len(fuller.data) <= high:
            break
    return fuller, changes  # possibly still under 20 KB: the re-check then reports file.size


def _search_quality(image: Image.Image, max_bytes: int, params: dict[str, object]
                    ) -> Encoded | None:
    """Highest quality in fix.jpeg_quality whose file fits under `max_bytes`, or None."""
    q_low, q_high = (int(q) for q in limit("fix.jpeg_quality").value)
    best = _encode(image, q_high, _SUBSAMPLE_420, params)
    if len(best.data) <= max_bytes:
        return best
    lowest = _encode(image, q_low, _SUBSAMPLE_420, params)
    if len(lowest.data) > max_bytes:
        return None
    best, lo, hi = lowest, q_low + 1, q_high - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        attempt = _encode(image, mid, _SUBSAMPLE_420, params)
        if len(attempt.data) <= max_bytes:
            best, lo = attempt, mid + 1
        else:
            hi = mid - 1
    return best


def _encode(image: Image.Image, quality: int, subsampling: int, params: dict[str, object]
            ) -> Encoded:
    buffer = io.BytesIO()
    options = {k: v for k, v in params.items() if v}
    image.save(buffer, "JPEG", quality=quality, subsampling=subsampling, optimize=True,
               progressive=False, comment=b"", **options)  # never the input's COM text
    return Encoded(buffer.getvalue(), quality, subsampling == _SUBSAMPLE_444, image.size)
