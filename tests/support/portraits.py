"""Real-pixel test portraits made from `skimage.data.astronaut()`, and JPEG encoding helpers.

The astronaut (a public-domain NASA portrait) is cut out with the selfie-segmentation mask
(feathered) and recomposed onto backdrops, then cropped bust-up to ~35:45 and enlarged to
600 x 772 px with light sensor noise, so the file rules pass and textures look like a camera's.
Each variant changes one thing, so a test can ask that exactly the matching rule fails.
Everything is deterministic (fixed seeds) and the expensive cut-out is cached.
"""

from __future__ import annotations

import io
from functools import lru_cache

import cv2
import numpy as np
import simplejpeg
from PIL import Image
from skimage import data

HEADROOM = 48
"""Rows of backdrop added above the astronaut so the crown does not touch the top edge."""

CROP = (76, 0, 376, 386)
"""Bust-up crop (x0, y0, x1, y1) on the 512-wide canvas: 300 x 386 px, ~35:45."""

OUTPUT_SIZE = (600, 772)
"""Width and height of every portrait (px): over the 480 px minimum on both sides."""

LIGHT_GREY = (205, 207, 210)
PALE_BLUE = (190, 212, 232)
WHITE = (244, 244, 242)


@lru_cache(maxsize=1)
def _astronaut() -> np.ndarray:
    return np.ascontiguousarray(data.astronaut())


@lru_cache(maxsize=1)
def _alpha() -> np.ndarray:
    """The astronaut's feathered person mask (float32 0..1, 512 x 512)."""
    from photocheck.vision.person import segment_person

    mask = segment_person(_astronaut())
    mask = np.clip((mask - 0.3) / 0.4, 0.0, 1.0)  # a firm cut with a soft ~2 px edge
    return cv2.GaussianBlur(mask, (0, 0), 1.5)


def _with_headroom(image: np.ndarray, fill: str = "replicate") -> np.ndarray:
    """`image` with `HEADROOM` rows on top: the top row repeated, or zeros ("constant")."""
    border = cv2.BORDER_REPLICATE if fill == "replicate" else cv2.BORDER_CONSTANT
    return cv2.copyMakeBorder(image, HEADROOM, 0, 0, 0, border, value=0)


def plain_backdrop(color: tuple[int, int, int] = LIGHT_GREY, falloff: float = 0.0) -> np.ndarray:
    """A plain backdrop on the canvas, optionally with a smooth light fall-off.

    `falloff` is the relative darkening from the centre-top to the far corners (0.08 = 8 %), the
    kind of gentle vignetting a studio light gives.
    """
    h, w = 512 + HEADROOM, 512
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    r2 = ((xx - w / 2) / w) ** 2 + (yy / h) ** 2
    shade = 1.0 - falloff * r2 / r2.max()
    return np.asarray(color, np.float32)[None, None, :] * shade[:, :, None]


def swept_backdrop(dark_end: float = 0.05) -> np.ndarray:
    """A backdrop swept from light on the left to `dark_end` of that on the right: a strong
    gradient, as a single side lamp on a wall gives."""
    shade = np.linspace(1.0, dark_end, 512, dtype=np.float32)[None, :, None]
    return plain_backdrop(WHITE) * shade


def busy_scene() -> np.ndarray:
    """The astronaut's own scene (flag, shuttle model, panels): objects behind the person."""
    return _with_headroom(_astronaut()).astype(np.float32)


def checker_backdrop(cell: int = 24) -> np.ndarray:
    """A high-contrast checkerboard: a patterned background."""
    h, w = 512 + HEADROOM, 512
    yy, xx = np.mgrid[0:h, 0:w]
    on = ((yy // cell + xx // cell) % 2).astype(bool)
    out = np.empty((h, w, 3), np.float32)
    out[on] = (60, 70, 90)
    out[~on] = (225, 220, 210)
    return out


def stripe_backdrop(period: int = 20) -> np.ndarray:
    """Vertical stripes (a curtain or wallpaper)."""
    h, w = 512 + HEADROOM, 512
    xx = np.arange(w)
    on = (xx // (period // 2)) % 2 == 0
    out = np.empty((h, w, 3), np.float32)
    out[:] = (210, 200, 180)
    out[:, on] = (120, 90, 70)
    return out


def shapes_backdrop(seed: int = 3) -> np.ndarray:
    """A plain wall with random coloured objects on it (frames, a poster, a lamp)."""
    rng = np.random.default_rng(seed)
    out = np.ascontiguousarray(plain_backdrop(LIGHT_GREY)).copy()
    h, w = out.shape[:2]
    for _ in range(28):
        color = tuple(float(c) for c in rng.integers(20, 240, 3))
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        size = int(rng.integers(15, 60))
        if rng.random() < 0.5:
            cv2.rectangle(out, (x, y), (x + size, y + int(size * 1.3)), color, -1)
        else:
            cv2.circle(out, (x, y), size // 2, color, -1)
    return out


def with_cast_shadow(backdrop: np.ndarray, strength: float = 0.4,
                     offset: tuple[int, int] = (34, 10)) -> np.ndarray:
    """`backdrop` darkened by the person's soft shadow, thrown right and down by `offset`."""
    alpha = _with_headroom(_alpha(), fill="constant")
    dx, dy = offset
    moved = np.zeros_like(alpha)
    moved[dy:, dx:] = alpha[: alpha.shape[0] - dy, : alpha.shape[1] - dx]
    shadow = cv2.GaussianBlur(moved, (0, 0), 6.0)
    return backdrop * (1.0 - strength * shadow)[:, :, None]


def compose(backdrop: np.ndarray) -> np.ndarray:
    """The astronaut over `backdrop` (canvas size, float32), cropped and enlarged, uint8."""
    person = _with_headroom(_astronaut()).astype(np.float32)
    alpha = _with_headroom(_alpha(), fill="constant")[:, :, None]
    canvas = person * alpha + backdrop * (1.0 - alpha)
    x0, y0, x1, y1 = CROP
    crop = np.clip(canvas[y0:y1, x0:x1], 0, 255).astype(np.uint8)
    return cv2.resize(crop, OUTPUT_SIZE, interpolation=cv2.INTER_LANCZOS4)


def add_sensor_noise(pixels: np.ndarray, sigma: float = 2.5, seed: int = 7) -> np.ndarray:
    """Light Gaussian noise, like a camera's at base ISO (deterministic)."""
    rng = np.random.default_rng(seed)
    noisy = pixels.astype(np.float32) + rng.normal(0.0, sigma, pixels.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def _finish(pixels: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(add_sensor_noise(pixels))


# --- the variants -------------------------------------------------------------------------


def clean(color: tuple[int, int, int] = LIGHT_GREY, falloff: float = 0.0) -> np.ndarray:
    """The good photo: the astronaut bust-up on a plain backdrop."""
    return _finish(compose(plain_backdrop(color, falloff)))


def busy(kind: str = "scene") -> np.ndarray:
    """The astronaut on a busy background: "scene", "checker", "stripes" or "shapes"."""
    makers = {"scene": busy_scene, "checker": checker_backdrop, "stripes": stripe_backdrop,
              "shapes": shapes_backdrop}
    return _finish(compose(makers[kind]()))


def swept() -> np.ndarray:
    """A strong left-to-right gradient on an otherwise plain backdrop."""
    return _finish(compose(swept_backdrop()))


def no_person() -> np.ndarray:
    """Just the plain backdrop, nobody in front of it."""
    x0, y0, x1, y1 = CROP
    wall = np.clip(plain_backdrop()[y0:y1, x0:x1], 0, 255).astype(np.uint8)
    return _finish(cv2.resize(wall, OUTPUT_SIZE, interpolation=cv2.INTER_LANCZOS4))


DISTINCT_SHADOW = 0.6
"""A shadow strength that background.shadow fails (0.252 against 0.235 at the 504 px working
size) while the backdrop still reads plain (clutter 7.31 against 8.0). Darker shadows spill
past the shadow band into the plainness measure: 0.7 read clutter 7.41 at the 579 px the old
DCT scaling gave this 772 px file and 8.56 at 504 px (7.1-7.7 when area-averaged from the full
image to 450-600 px), so it tested where the two limits meet rather than the shadow."""


def shadowed(strength: float = 0.4) -> np.ndarray:
    """A plain backdrop with the person's shadow cast on it beside the head and shoulders."""
    return _finish(compose(with_cast_shadow(plain_backdrop(LIGHT_GREY), strength)))


def _tone(pixels: np.ndarray, gain: float, gamma: float = 1.0) -> np.ndarray:
    scaled = 255.0 * (pixels.astype(np.float32) / 255.0) ** gamma * gain
    return np.clip(scaled, 0, 255).astype(np.uint8)


def dark(gain: float = 0.28) -> np.ndarray:
    """Under-exposed: the whole frame scaled down, as a too-short exposure gives."""
    return _finish(_tone(compose(plain_backdrop()), gain, gamma=1.3))


def overexposed(gain: float = 2.2) -> np.ndarray:
    """Over-exposed: highlights of the face clipped to white."""
    return _finish(_tone(compose(plain_backdrop()), gain))


def blurred(sigma: float = 4.0) -> np.ndarray:
    """Out of focus: a Gaussian blur of the whole photo (sigma in output px)."""
    return _finish(cv2.GaussianBlur(compose(plain_backdrop()), (0, 0), sigma))


def motion_blurred(length: int = 25, angle: float = 0.0) -> np.ndarray:
    """Camera shake: a linear blur `length` output px long at `angle` degrees."""
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), angle, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (length, length))
    kernel /= kernel.sum()
    return _finish(cv2.filter2D(compose(plain_backdrop()), -1, kernel))


# --- encoding -----------------------------------------------------------------------------


def turned(degrees: float = 55.0) -> np.ndarray:
    """DERIVED: the good photo with the head turned about the vertical axis (yaw), modelled as
    the face wrapped on a cylinder (radius a quarter of the width) and rotated by `degrees`: the
    near cheek widens and the far one folds away, so the face mesh measures a real yaw."""
    pixels = compose(plain_backdrop())
    h, w = pixels.shape[:2]
    cx, radius = w / 2, w * 0.25
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    angle = np.arcsin(np.clip((xx - cx) / radius, -1, 1)) + np.radians(degrees)
    on_cylinder = np.abs(xx - cx) < radius
    source_x = np.where(on_cylinder, np.where(np.abs(angle) < np.pi / 2,
                                              cx + radius * np.sin(angle), -1), xx)
    warped = cv2.remap(pixels, source_x.astype(np.float32), yy, cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_REPLICATE)
    return _finish(warped)


def tilted(degrees: float = 20.0) -> np.ndarray:
    """DERIVED: the good photo turned `degrees` in its plane about the face (roll)."""
    pixels = clean()
    h, w = pixels.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h * 0.35), degrees, 1.0)
    return np.ascontiguousarray(cv2.warpAffine(pixels, turn, (w, h),
                                               borderMode=cv2.BORDER_REPLICATE))


def to_jpeg(pixels: np.ndarray, quality: int = 92, exif: bytes | None = None) -> bytes:
    """`pixels` (RGB uint8) as JPEG bytes; `exif` is a raw EXIF block (b"Exif\\0\\0...")."""
    rgb = np.ascontiguousarray(pixels, dtype=np.uint8)
    if exif is None:
        return bytes(simplejpeg.encode_jpeg(rgb, quality=quality, colorspace="RGB"))
    out = io.BytesIO()
    Image.fromarray(rgb).save(out, format="JPEG", quality=quality, exif=exif)
    return out.getvalue()


def clean_jpeg(quality: int = 92) -> bytes:
    """The good photo as a JPEG file's bytes."""
    return to_jpeg(clean(), quality)


@lru_cache(maxsize=1)
def clean_with_mesh() -> tuple[np.ndarray, np.ndarray]:
    """The clean portrait and its face mesh (working px = portrait px: it is under 1000 px), for
    tests that paint on named parts of the face."""
    from photocheck.vision.faces import analyse  # the models load only for the tests that paint

    pixels = clean()
    mesh = analyse(pixels).landmarks
    assert mesh is not None
    return pixels, mesh
