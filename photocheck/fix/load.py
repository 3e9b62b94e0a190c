"""Opening any photo container the fixer accepts, upright, without trusting its header.

Pillow reads JPEG, PNG, WebP, TIFF, GIF and BMP; pillow-heif adds HEIC/HEIF. The size in the header
is checked before a single pixel is decoded (decompression-bomb guard), and a truncated or damaged
file ends in a FixError with a message, never a traceback.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from photocheck.fix.errors import FixError
from photocheck.report import Text
from photocheck.rules import limit

_ORIENTATION_TAG = 0x0112

NOT_AN_IMAGE = Text(
    "The file is not a photo this tool can read (JPEG, PNG, WebP, HEIC/HEIF, TIFF).",
)
TOO_MANY_PIXELS = Text(
    "The image says it is {w} x {h} px ({mp} megapixels); images above {max} megapixels are "
    "refused before decoding. Export a smaller copy from the original.",
)
DAMAGED = Text(
    "The image data is damaged or cut off ({detail}). Copy or export the photo again from the "
    "original.",
)
ROTATED = Text("Rotated upright (EXIF orientation {n})")

_heif_registered = False


@dataclass
class Opened:
    """A decoded photo, upright, with what the container said about it."""

    image: Image.Image  # upright; any mode (to_rgb() converts it)
    format: str  # Pillow's format name: "JPEG", "PNG", "HEIF", ...
    exif: Image.Exif
    icc_profile: bytes | None
    changes: list[Text] = field(default_factory=list)


def register_heif() -> None:
    """Teach Pillow HEIC/HEIF, once; done here so only the fixer pays for pillow-heif."""
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


def open_upright(data: bytes) -> Opened:
    """Decode `data` fully and turn it the way its EXIF orientation says; FixError if unusable."""
    register_heif()
    image = _open_guarded(data)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise FixError(DAMAGED.format(detail=_short(exc))) from None
    exif = image.getexif()
    orientation = exif.get(_ORIENTATION_TAG)
    changes: list[Text] = []
    if isinstance(orientation, int) and 2 <= orientation <= 8:
        image = ImageOps.exif_transpose(image)
        changes.append(ROTATED.format(n=orientation))
    return Opened(image, image.format or _format_of(data), exif, image.info.get("icc_profile"),
                  changes)


def _open_guarded(data: bytes) -> Image.Image:
    """Open lazily (header only) and refuse a pixel count no photo needs."""
    max_pixels = int(limit("fix.input_pixels.max").value)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise FixError(TOO_MANY_PIXELS.format(w="?", h="?", mp="?", max=max_pixels // 10**6)
                       ) from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise FixError(NOT_AN_IMAGE) from None
    w, h = image.size
    if w * h > max_pixels or w == 0 or h == 0:
        raise FixError(TOO_MANY_PIXELS.format(w=w, h=h, mp=round(w * h / 1e6),
                                              max=max_pixels // 10**6))
    return image


def _format_of(data: bytes) -> str:
    from photocheck.sniff import sniff

    return sniff(data[:64]).value


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text[:120]
