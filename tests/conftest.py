"""Fixtures shared by the whole suite: real-pixel photos encoded in the formats users send."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import numpy as np
import pytest
from PIL import Image
from skimage import data

from tests.support import portraits

FIXED_NOW = datetime(2026, 11, 22, 12, 0, 0)
"""The date tests judge `photo.age` against, so results do not change with the calendar."""


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """scikit-image's public-domain portrait of Eileen Collins, 512 x 512 RGB."""
    return data.astronaut()


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    """The bytes of `image` saved as `fmt` with Pillow's `options`."""
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def make_jpeg(astronaut: np.ndarray) -> Callable[..., bytes]:
    """Encode the astronaut as a JPEG of a given size, mode and EXIF."""

    def make(size: tuple[int, int] = (600, 600), mode: str = "RGB", quality: int = 92,
             exif: Image.Exif | None = None, **options: object) -> bytes:
        image = Image.fromarray(astronaut).resize(size, Image.Resampling.BICUBIC)
        if mode != "RGB":
            image = image.convert(mode)
        if exif is not None:
            options["exif"] = exif
        return encode(image, "JPEG", quality=quality, **options)

    return make


@pytest.fixture(scope="session")
def rgb_jpeg(make_jpeg: Callable[..., bytes]) -> bytes:
    """A valid RGB JPEG of real pixels: 600 x 600, tens of KB."""
    return make_jpeg()


def exif_with(**tags: object) -> Image.Exif:
    """An EXIF block with `orientation`, `software`, `captured` (a datetime) set as given."""
    exif = Image.Exif()
    if "orientation" in tags:
        exif[0x0112] = tags["orientation"]
    if "software" in tags:
        exif[0x0131] = tags["software"]
    if "captured" in tags:
        stamp = tags["captured"].strftime("%Y:%m:%d %H:%M:%S")  # type: ignore[attr-defined]
        exif.get_ifd(0x8769)[0x9003] = stamp
    if tags.get("gps"):
        exif.get_ifd(0x8825)[2] = (35.0, 41.0, 0.0)
    if "make" in tags:
        exif[0x010F] = tags["make"]
    return exif


@pytest.fixture(scope="session")
def good_jpeg() -> bytes:
    """A photo that every rule accepts: the astronaut recomposed on a plain grey backdrop."""
    return portraits.clean_jpeg()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium for a browser test module (which first calls
    `tests.support.browser.require_browser()` so a machine without it skips)."""
    from tests.support.browser import chromium

    with chromium() as launched:
        yield launched
