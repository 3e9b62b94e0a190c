"""The benchmark corpora, generated from a real portrait and cached on disk.

Every file derives from `skimage.data.astronaut()` (a public-domain portrait): cut out and
recomposed on a plain backdrop as a 3:4 portrait, upscaled, and given sensor-like grain so that
entropy decoding costs what a camera file costs (a smooth upscale compresses to a fraction of a
real photo's size and decodes far too fast to be a fair test). Files are deterministic per
(corpus, index), so a larger run only adds files, and a change to how they are made bumps
GENERATOR_VERSION, which wipes the cache.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

GENERATOR_VERSION = "5"
"""Bump whenever a generated file would change; cached corpora of another version are wiped."""

CACHE_DIR = Path(__file__).resolve().parent / "corpora"

PHONE_SIZE = (3024, 4032)  # width, height: a 12 MP portrait
PHONE_QUALITY = 92
PHONE_GRAIN = 5.0  # luminance noise sigma (grey levels): 2.5-4 MB at quality 92, like a phone
BOOTH_SIZE = (1200, 1600)  # 2 MP, what photo booths deliver
BOOTH_QUALITY = 90
BOOTH_GRAIN = 2.5  # booths light evenly: less grain
DISTINCT_BASES = 8  # recompositions of the portrait; files vary cheaply around them
BAD_KINDS = ("png", "heic", "webp", "cmyk", "tiny", "oversize", "truncated")
"""The ways a mixed-bad file fails a `file.*` rule, cycled by index."""


@dataclass(frozen=True)
class Corpus:
    """A named set of generated files on disk."""

    name: str
    paths: tuple[Path, ...]

    @property
    def total_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.paths)


def ensure(name: str, count: int, root: Path = CACHE_DIR) -> Corpus:
    """The first `count` files of corpus `name` ("phone", "booth", "mixed-bad"), made if missing."""
    make = _MAKERS[name]
    folder = root / name
    _wipe_if_stale(folder)
    paths = []
    for index in range(count):
        path = folder / f"{name}-{index:04d}.jpg"  # every file is named .jpg, whatever it is
        if not path.exists():
            tmp = path.with_suffix(".part")
            tmp.write_bytes(make(index))
            tmp.replace(path)
        paths.append(path)
    return Corpus(name, tuple(paths))


def _wipe_if_stale(folder: Path) -> None:
    stamp = folder / "VERSION"
    if stamp.exists() and stamp.read_text().strip() == GENERATOR_VERSION:
        return
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    stamp.write_text(GENERATOR_VERSION + "\n")


BACKDROPS = ((205, 207, 210), (190, 212, 232), (244, 244, 242), (214, 222, 228))
"""Plain studio backdrops (grey, pale blue, white, cool grey), as booths and walls give."""


@cache
def _portrait(base: int) -> np.ndarray:
    """Recomposition `base`: the astronaut on a plain backdrop, a 3:4 crop at 12 MP (no grain).

    The person is cut out with the test-portrait factory's segmentation mask, so the photos
    are ones the checker accepts, like most of a booth's output: a benchmark of rejects would
    time a path that ends early.
    """
    from tests.support import portraits

    rng = np.random.default_rng(1000 + base)
    backdrop = portraits.plain_backdrop(BACKDROPS[base % len(BACKDROPS)])
    scene = portraits.compose(backdrop)  # 600 x 772, crown at y ~129, chin at y ~451
    width = int(rng.integers(540, 580))
    height = width * 4 // 3
    x0, y0 = int(rng.integers(0, 600 - width + 1)), int(rng.integers(0, 772 - height + 1))
    crop = scene[y0 : y0 + height, x0 : x0 + width]
    gain = float(rng.uniform(0.95, 1.05))
    crop = np.clip(crop.astype(np.float32) * gain, 0, 255).astype(np.uint8)
    return cv2.resize(crop, PHONE_SIZE, interpolation=cv2.INTER_CUBIC)


@cache
def _grain_field() -> np.ndarray:
    """A unit-variance noise field a little larger than a phone photo, sliced per file."""
    width, height = PHONE_SIZE
    rng = np.random.default_rng(7)
    return rng.standard_normal((height + 64, width + 64), dtype=np.float32)


def _with_grain(pixels: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    """`pixels` plus luminance grain and a little brightness change, both chosen by `seed`."""
    rng = np.random.default_rng(seed)
    height, width = pixels.shape[:2]
    dy, dx = (int(v) for v in rng.integers(0, 64, size=2))
    grain = _grain_field()[dy : dy + height, dx : dx + width]
    offset = float(rng.uniform(-8, 8))
    noisy = pixels.astype(np.float32) + (grain * sigma + offset)[:, :, None]
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _exif() -> bytes:
    """A camera-like EXIF block: maker, model, upright.

    No capture date: a fixed one would age past photo.age's 6 months and a fresh one would make
    files differ by day; without it photo.age skips and every header rule of a good file passes,
    so nothing could end its check before its pixels are examined.
    """
    exif = Image.Exif()
    exif[0x010F] = "photocheck-bench"
    exif[0x0110] = "synthetic camera"
    exif[0x0112] = 1
    return exif.tobytes()


def _jpeg(pixels: np.ndarray, quality: int, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    image = Image.fromarray(pixels)
    if mode != "RGB":
        image = image.convert(mode)
    image.save(buffer, "JPEG", quality=quality, exif=_exif())
    return buffer.getvalue()


def phone_photo(index: int) -> bytes:
    """A 12 MP portrait JPEG at quality 92, 2.5-4 MB, like a phone's camera file."""
    pixels = _with_grain(_portrait(index % DISTINCT_BASES), PHONE_GRAIN, seed=index)
    return _jpeg(pixels, PHONE_QUALITY)


def booth_photo(index: int) -> bytes:
    """A 2 MP portrait JPEG at quality 90, the size photo booths deliver."""
    small = cv2.resize(_portrait(index % DISTINCT_BASES), BOOTH_SIZE, interpolation=cv2.INTER_AREA)
    return _jpeg(_with_grain(small, BOOTH_GRAIN, seed=50_000 + index), BOOTH_QUALITY)


def bad_file(index: int) -> bytes:
    """A file named .jpg that a `file.*` rule must reject from its header, kind by index."""
    kind = BAD_KINDS[index % len(BAD_KINDS)]
    return _BAD_MAKERS[kind](index)


def bad_kind(path: Path) -> str:
    """Which BAD_KINDS entry a mixed-bad file is, from its index in the name."""
    return BAD_KINDS[int(path.stem.rsplit("-", 1)[1]) % len(BAD_KINDS)]


def _booth_pixels(index: int) -> np.ndarray:
    small = cv2.resize(_portrait(index % DISTINCT_BASES), BOOTH_SIZE, interpolation=cv2.INTER_AREA)
    return _with_grain(small, BOOTH_GRAIN, seed=90_000 + index)


def _encoded(index: int, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(_booth_pixels(index)).save(buffer, fmt, **options)
    return buffer.getvalue()


def _heic(index: int) -> bytes:
    """An iPhone-style HEIC (smaller than 2 MP: HEVC encoding is slow and the size is moot)."""
    import pillow_heif

    small = cv2.resize(_booth_pixels(index), (600, 800), interpolation=cv2.INTER_AREA)
    buffer = io.BytesIO()
    pillow_heif.from_pillow(Image.fromarray(small)).save(buffer, quality=80)
    return buffer.getvalue()


def _tiny(index: int) -> bytes:
    """A thumbnail: under 20 KB (and under 480 px), as when a preview is picked by mistake."""
    thumb = cv2.resize(_portrait(index % DISTINCT_BASES), (240, 320), interpolation=cv2.INTER_AREA)
    return _jpeg(thumb, 70)


def _oversize(index: int) -> bytes:
    """A 12 MP photo saved at quality 100 with heavy grain: about 9 MB, over the 7 MB limit."""
    pixels = _with_grain(_portrait(index % DISTINCT_BASES), 9.0, seed=70_000 + index)
    return _jpeg(pixels, 100)


def _truncated(index: int) -> bytes:
    """A phone photo cut off at 60 %, as an interrupted copy or upload leaves it."""
    data = phone_photo(index)
    return data[: int(len(data) * 0.6)]


_BAD_MAKERS: dict[str, Callable[[int], bytes]] = {
    "png": lambda i: _encoded(i, "PNG", compress_level=1),
    "heic": _heic,
    "webp": lambda i: _encoded(i, "WEBP", quality=85),
    "cmyk": lambda i: _jpeg(_booth_pixels(i), 90, mode="CMYK"),
    "tiny": _tiny,
    "oversize": _oversize,
    "truncated": _truncated,
}

_MAKERS: dict[str, Callable[[int], bytes]] = {
    "phone": phone_photo,
    "booth": booth_photo,
    "mixed-bad": bad_file,
}

CORPUS_NAMES = tuple(_MAKERS)
