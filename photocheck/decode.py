"""The working image: the photo decoded only as large as the detectors need, upright.

JPEG's DCT scaling (libjpeg-turbo via simplejpeg) decodes a 12 MP photo at 1/8 size for a fraction
of the cost of a full decode, and strict mode turns every recoverable libjpeg warning (premature
end of data, corrupt segments) into an error, so a damaged file is never silently padded grey.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import simplejpeg

from photocheck.jpeg_header import JpegHeader

WORKING_LONG_SIDE = 500
"""The working image's long side is at least this (px). At 500 px a bust-up face spans ~170 px,
close to the face-mesh model's 192 px input, and the image is about the size of the agency's
300 dpi print trim (413 x 531), so what is invisible here is invisible on the card too. A 12 MP
phone photo (4032 px) decodes at 1/8 scale to 504 px."""


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
    """Decode `data` at the smallest DCT scale whose long side reaches `long_side`."""
    scale = min(1.0, long_side / max(header.width, header.height))
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
    decoded_scale = pixels.shape[1] / header.width
    upright = np.ascontiguousarray(apply_orientation(pixels, orientation))
    swapped = orientation in (5, 6, 7, 8)
    full_w, full_h = (header.height, header.width) if swapped else (header.width, header.height)
    return WorkingImage(upright, decoded_scale, full_w, full_h)


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
