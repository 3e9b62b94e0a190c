"""Opening any photo container the fixer accepts, upright, without trusting its header.

Pillow reads JPEG, PNG, WebP, TIFF, GIF and BMP; pillow-heif adds HEIC/HEIF. The size in the header
is checked before a single pixel is decoded (decompression-bomb guard), counting the memory the
decoded image really takes (channels and bit depth, `DecodeBudget`), and a truncated or damaged
file ends in a FixError with a message, never a traceback.

A JPEG is decoded strictly first (libjpeg-turbo, every warning an error), as `file.integrity`
does: Pillow would pad corrupt entropy data with grey and the fixer would then re-encode a
damaged photo into a clean-looking one that passes. 12-bit and arithmetic-coded JPEGs are refused
by name, since no browser shows them.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass, field

import simplejpeg
from PIL import Image, ImageOps

from photocheck.decode import CORRUPT, plain
from photocheck.fix.errors import FixError
from photocheck.jpeg_header import JpegHeader, JpegHeaderError, read_header
from photocheck.report import Text
from photocheck.rules import limit
from photocheck.sniff import FileType, sniff

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
TOO_MUCH_MEMORY = Text(
    "The image is {w} x {h} px at {bits} bits per sample; decoding it would take {mb} MB, more "
    "than the {max_mb} MB allowed here. Export a smaller or 8-bit copy from the original.",
)
UNSUPPORTED_JPEG = Text(
    "The JPEG is {what}, which browsers and the application site cannot show and this tool "
    "cannot read. Export the photo again as an ordinary 8-bit baseline JPEG.",
)
ROTATED = Text("Rotated upright (EXIF orientation {n})")

_heif_registered = False

# Bytes per pixel of Pillow's modes once decoded (the rest: 4).
_MODE_BYTES = {"1": 1, "L": 1, "P": 1, "LA": 2, "La": 2, "PA": 2, "RGB": 3, "YCbCr": 3, "LAB": 3,
               "HSV": 3, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # IHDR colour type -> samples per pixel


@dataclass(frozen=True)
class DecodeBudget:
    """How large an image may be decoded: pixels, and bytes counting channels and bit depth."""

    pixels: int
    bytes: int

    @classmethod
    def local(cls) -> DecodeBudget:
        """The command line's budget: any real photo, up to 108 MP phone shots."""
        return cls(int(limit("fix.input_pixels.max").value),
                   int(limit("fix.decode_bytes.max").value))

    @classmethod
    def web(cls) -> DecodeBudget:
        """The web API's much lower budget: a shared server decodes many uploads at once."""
        return cls(int(limit("web.fix_input_pixels.max").value),
                   int(limit("web.fix_decode_bytes.max").value))


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


def open_upright(data: bytes, budget: DecodeBudget | None = None) -> Opened:
    """Decode `data` fully and turn it the way its EXIF orientation says; FixError if unusable."""
    register_heif()
    budget = budget or DecodeBudget.local()
    if sniff(data[:64]) is FileType.JPEG:
        verify_jpeg(data, budget)
    image = _open_guarded(data, budget)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image.load()
    except MemoryError:
        raise FixError(TOO_MUCH_MEMORY.format(w=image.width, h=image.height, bits="?", mb="?",
                                              max_mb=budget.bytes // 10**6)) from None
    except Exception:  # any decoder's complaint about hostile data: said in plain words
        raise FixError(DAMAGED.format(detail=CORRUPT)) from None
    try:
        exif = image.getexif()
    except Exception:  # broken EXIF is not the user's fault; the pixels are what matter
        exif = Image.Exif()
    orientation = exif.get(_ORIENTATION_TAG)
    changes: list[Text] = []
    if isinstance(orientation, int) and 2 <= orientation <= 8:
        image = ImageOps.exif_transpose(image)
        changes.append(ROTATED.format(n=orientation))
    return Opened(image, image.format or _format_of(data), exif, image.info.get("icc_profile"),
                  changes)


def verify_jpeg(data: bytes, budget: DecodeBudget | None = None) -> JpegHeader:
    """The JPEG's header once its entropy data decodes strictly; FixError otherwise.

    The decode runs at libjpeg's smallest DCT scale: every entropy-coded byte is still read (so
    corruption is found) at a sixty-fourth of the memory.
    """
    budget = budget or DecodeBudget.local()
    try:
        header = read_header(data)
    except JpegHeaderError as exc:
        raise FixError(DAMAGED.format(detail=str(exc))) from None
    if header.precision != 8:
        raise FixError(UNSUPPORTED_JPEG.format(what=f"{header.precision}-bit"))
    if header.arithmetic:
        raise FixError(UNSUPPORTED_JPEG.format(what="arithmetic-coded"))
    _within_budget(header.width, header.height, header.components, 1, budget)
    if not header.has_eoi:
        raise FixError(DAMAGED.format(detail="the end-of-image marker is missing, so the file "
                                      "was cut off"))
    colorspace = {1: "GRAY", 4: "CMYK"}.get(header.components, "RGB")
    try:
        simplejpeg.decode_jpeg(data, colorspace=colorspace, min_width=1, min_height=1,
                               strict=True)
    except Exception as exc:
        raise FixError(DAMAGED.format(detail=plain(str(exc)))) from None
    return header


def _open_guarded(data: bytes, budget: DecodeBudget) -> Image.Image:
    """Open lazily (header only) and refuse a pixel count or memory no photo needs."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise FixError(TOO_MANY_PIXELS.format(w="?", h="?", mp="?", max=budget.pixels // 10**6)
                       ) from None
    except Exception:  # hostile headers raise more than OSError (struct.error, TypeError, ...)
        raise FixError(NOT_AN_IMAGE) from None
    w, h = image.size
    channels, sample_bytes = _sample_layout(image, data)
    _within_budget(w, h, channels, sample_bytes, budget)
    return image


def _within_budget(w: int, h: int, channels: int, sample_bytes: int,
                   budget: DecodeBudget) -> None:
    if w * h > budget.pixels or w == 0 or h == 0:
        raise FixError(TOO_MANY_PIXELS.format(w=w, h=h, mp=round(w * h / 1e6),
                                              max=budget.pixels // 10**6))
    need = w * h * channels * sample_bytes
    if need > budget.bytes:
        raise FixError(TOO_MUCH_MEMORY.format(w=w, h=h, bits=8 * sample_bytes,
                                              mb=need // 10**6, max_mb=budget.bytes // 10**6))


def _sample_layout(image: Image.Image, data: bytes) -> tuple[int, int]:
    """Channels and bytes per sample the decoder works with: from a PNG's IHDR (Pillow shows a
    16-bit RGB PNG as "RGB" but its decoder still reads 16-bit rows), else from the mode."""
    if image.format == "PNG" and len(data) >= 26:
        depth, colour_type = data[24], data[25]
        return _PNG_CHANNELS.get(colour_type, 4), 2 if depth == 16 else 1
    mode_bytes = _MODE_BYTES.get(image.mode, 4)
    if image.mode.startswith("I;16"):
        return 1, 2
    return mode_bytes, 1


def _format_of(data: bytes) -> str:
    from photocheck.sniff import sniff

    return sniff(data[:64]).value
