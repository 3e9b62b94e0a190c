"""The working image: the photo decoded only as large as the detectors need, upright, at one
size for every photo (WORKING_LONG_SIDE).

JPEG's DCT scaling (libjpeg-turbo via simplejpeg) decodes a 12 MP photo at 1/8 size for a fraction
of the cost of a full decode, and strict mode turns every recoverable libjpeg warning (premature
end of data, corrupt segments) into an error, so a damaged file is never silently padded grey.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import simplejpeg

from photocheck.jpeg_header import JpegHeader

WORKING_LONG_SIDE = 504
"""The working image's long side (px), the same for every photo that has that many pixels, so
every measure the rules take in working pixels (kernel sizes, strand widths, grid cells) means
the same thing on a phone photo, a booth photo and a scan. At ~500 px a bust-up face spans
~170 px, close to the face-mesh model's 192 px input, and the image is about the size of the
agency's 300 dpi print trim (413 x 531), so what is invisible here is invisible on the card too.
504 and not 500: a 12 MP phone photo (4032 px, the commonest camera) decodes at 1/8 scale to
exactly 504 px and needs no resampling at all; a booth's 1600 px decodes at 3/8 to 600 px and
is resampled to 504 (bicubic, ~0.4 ms), which the rules then repay on 30 % fewer pixels."""

WORKING_UPSCALE_MAX = 1.02
"""A photo (or its smallest DCT scale) at most this much short of WORKING_LONG_SIDE is enlarged
to it: a 4000 x 3000 camera's 1/8 scale is 500 px, and decoding it at 1/4 instead (1000 px)
costs far more than enlarging 500 to 504 px. A smaller photo (a thumbnail, which
image.dimensions judges on its own) keeps its own size: enlarging it adds no detail."""


class DecodeError(ValueError):
    """The pixel data is corrupt or cut off; the message is in plain words (see `plain`)."""


# libjpeg's messages name its internals (`tjDecompressHeader3(): ...`, Huffman tables); a user
# needs only what happened to the file. First match wins; anything else is "corrupt".
_PLAIN = (
    ("premature end", "the image data ends early, so the file was cut off"),
    ("precision", "the JPEG uses a sample precision other than 8 bits"),
    ("arithmetic", "the JPEG uses arithmetic coding"),
    ("not a jpeg", "the data is not a JPEG image"),
    ("unsupported", "the JPEG uses a feature ordinary viewers do not support"),
    ("memory", "the image is too large to decode"),
)
CORRUPT = "the compressed image data is corrupt"


def plain(message: str) -> str:
    """libjpeg's `message` said without its internals."""
    lowered = message.lower()
    for needle, words in _PLAIN:
        if needle in lowered:
            return words
    return CORRUPT


@dataclass(frozen=True)
class WorkingImage:
    """RGB pixels of the photo as a person sees it, and how they map to the full image."""

    pixels: np.ndarray  # H x W x 3, uint8, C-contiguous, EXIF orientation applied
    scale: float  # working pixels per full-resolution pixel
    full_width: int  # upright full-resolution size
    full_height: int

    @property
    def width(self) -> int:
        return int(self.pixels.shape[1])

    @property
    def height(self) -> int:
        return int(self.pixels.shape[0])


def decode_working(
    data: bytes, header: JpegHeader, orientation: int | None, long_side: int = WORKING_LONG_SIDE
) -> WorkingImage:
    """Decode `data` at `long_side` px (see `working_long_side`), upright.

    libjpeg decodes at the smallest DCT scale (n/8) that reaches the size, and the remainder is
    resampled (`to_long_side`), so the working image never depends on which DCT scale a file's
    size happens to allow.
    """
    full_long = max(header.width, header.height)
    target = working_long_side(full_long, long_side)
    scale = min(1.0, target / WORKING_UPSCALE_MAX / full_long)
    try:
        pixels = simplejpeg.decode_jpeg(
            data,
            colorspace="RGB",
            min_width=int(np.ceil(header.width * scale)),
            min_height=int(np.ceil(header.height * scale)),
            strict=True,
        )
    except (ValueError, RuntimeError, MemoryError) as exc:
        raise DecodeError(plain(str(exc))) from None
    pixels = to_long_side(pixels, target)
    upright = np.ascontiguousarray(apply_orientation(pixels, orientation))
    swapped = orientation in (5, 6, 7, 8)
    full_w, full_h = (header.height, header.width) if swapped else (header.width, header.height)
    return WorkingImage(upright, max(pixels.shape[:2]) / full_long, full_w, full_h)


def working_long_side(full_long_side: int, long_side: int = WORKING_LONG_SIDE) -> int:
    """The working image's long side for a photo whose long side is `full_long_side` px:
    `long_side`, unless the photo is smaller by more than WORKING_UPSCALE_MAX (then its own)."""
    return long_side if full_long_side * WORKING_UPSCALE_MAX >= long_side else full_long_side


def to_long_side(pixels: np.ndarray, long_side: int) -> np.ndarray:
    """`pixels` resampled so the long side is `long_side`, the aspect kept (the short side
    rounded); unchanged when it already is.

    Bicubic, both ways: the factor is always 0.5-1.02 (the DCT scale did the rest), and a cubic
    kernel keeps the detail up to the new pixel pitch, as a sharp photo of that size has it. An
    area average at such factors is a blur of about a pixel, and bilinear too: on the dev
    photos either took the face's sharpness measure (a 3 x 3 Laplacian) down by 14 % in the
    median and up to 44 %, failing 10-14 sharp faces; bicubic moves it by 1 % in the median.
    """
    height, width = pixels.shape[:2]
    if max(height, width) == long_side:
        return pixels
    factor = long_side / max(height, width)
    size = (long_side, max(1, round(height * factor))) if width >= height else (
        max(1, round(width * factor)), long_side)
    return cv2.resize(pixels, size, interpolation=cv2.INTER_CUBIC)


def apply_orientation(pixels: np.ndarray, orientation: int | None) -> np.ndarray:
    """A view of `pixels` turned the way EXIF orientation 1-8 says a person should see them."""
    if orientation == 2:
        return pixels[:, ::-1]
    if orientation == 3:
        return pixels[::-1, ::-1]
    if orientation == 4:
        return pixels[::-1]
    if orientation == 5:
        return pixels.transpose(1, 0, 2)
    if orientation == 6:
        return np.rot90(pixels, k=-1)
    if orientation == 7:
        return pixels[::-1, ::-1].transpose(1, 0, 2)
    if orientation == 8:
        return np.rot90(pixels, k=1)
    return pixels
