"""Turning any Pillow image mode into 8-bit RGB, and saying what that changed.

Only the encoding changes: CMYK goes through its ICC profile when it has one (so colours look as
they did), greyscale keeps its grey, transparency is flattened onto white. No pixel of the face is
adjusted beyond what the conversion itself requires.
"""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageCms

from photocheck.report import Text

FLATTENED = Text("Flattened transparency onto white")
DROPPED_ALPHA = Text("Removed an unused transparency channel")
FROM_CMYK = Text("Converted CMYK colour to RGB")
FROM_GREY = Text("Converted greyscale to RGB (the photo stays black and white)")
FROM_PALETTE = Text("Converted palette colours to RGB")
FROM_OTHER = Text("Converted {mode} colour to RGB")

_GREY_MODES = frozenset({"1", "L", "I", "I;16", "I;16B", "I;16L", "I;16N", "F"})
_WHITE = (255, 255, 255)


def to_rgb(image: Image.Image) -> tuple[Image.Image, list[Text]]:
    """`image` as 8-bit RGB, and what the conversion changed (empty when it already was)."""
    changes: list[Text] = []
    if image.mode == "P":
        has_alpha = "transparency" in image.info
        image = image.convert("RGBA" if has_alpha else "RGB")
        changes.append(FROM_PALETTE)
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        image, change = _flatten(image)
        changes.append(change)
    if image.mode == "RGB":
        return image, changes
    if image.mode == "CMYK":
        return _cmyk_to_rgb(image), [*changes, FROM_CMYK]
    if image.mode in _GREY_MODES:
        return _grey_to_rgb(image), [*changes, FROM_GREY]
    return image.convert("RGB"), [*changes, FROM_OTHER.format(mode=image.mode)]


def _flatten(image: Image.Image) -> tuple[Image.Image, Text]:
    """Composite onto white; an alpha channel that hides nothing is just dropped."""
    rgba = image.convert("RGBA")
    alpha = rgba.getchannel("A")
    if alpha.getextrema() == (255, 255):
        return rgba.convert("RGB"), DROPPED_ALPHA
    base = Image.new("RGB", rgba.size, _WHITE)
    base.paste(rgba, mask=alpha)
    return base, FLATTENED


def _cmyk_to_rgb(image: Image.Image) -> Image.Image:
    """Through the embedded ICC profile to sRGB when there is one, else Pillow's formula."""
    icc = image.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, source, srgb, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to the plain formula below
    return image.convert("RGB")


def _grey_to_rgb(image: Image.Image) -> Image.Image:
    """Grey to three equal channels; 16-bit and float greys are scaled to 8 bits first."""
    if image.mode in ("1", "L"):
        return image.convert("RGB")
    values = np.asarray(image, dtype=np.float64)
    top = 65535.0 if values.max(initial=0) > 255 else 255.0
    if image.mode == "F" and values.max(initial=0) <= 1.0:
        top = 1.0
    grey = np.clip(np.rint(values * (255.0 / top)), 0, 255).astype(np.uint8)
    return Image.fromarray(grey).convert("RGB")
