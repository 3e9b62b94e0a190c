"""Test portraits for the fairness and framing of the pixel rules, built on `portraits`.

Each variant changes one thing about the astronaut portrait, the way a real photo differs:
darker skin under the same good light (highlights kept), the whole photo under-exposed, the
hair cut by the top edge or just short of it, loose hair strands, a wedge of another colour at
the far edge that the card's 35:45 trim never shows. Deterministic, like `portraits`.
"""

from __future__ import annotations

import cv2
import numpy as np

from tests.support import portraits as P


def _skin(person: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """Soft skin mask (float32 0..1) of the astronaut: skin-coloured pixels of the person."""
    ycrcb = cv2.cvtColor(np.clip(person, 0, 255).astype(np.uint8), cv2.COLOR_RGB2YCrCb)
    cr, cb = ycrcb[:, :, 1].astype(np.float32), ycrcb[:, :, 2].astype(np.float32)
    skin = ((cr > 135) & (cr < 180) & (cb > 80) & (cb < 130)).astype(np.float32)
    skin = cv2.morphologyEx(skin, cv2.MORPH_CLOSE, np.ones((5, 5), np.uint8))
    return cv2.GaussianBlur(skin, (0, 0), 2.0) * (alpha > 0.5)


def darker_skin(gamma: float = 2.6) -> np.ndarray:
    """The astronaut with much darker skin under the same light, on the same light backdrop.

    Darker skin reflects less light diffusely, while the shine of the key light on forehead,
    nose and cheeks stays: a gamma above 1 on the skin's brightness darkens the mid-tones a
    lot and the highlights little, as a darker complexion photographed under the same lamp does.
    """
    person = P._with_headroom(P._astronaut()).astype(np.float32)
    alpha = P._with_headroom(P._alpha(), fill="constant")
    luma = person @ np.array([0.299, 0.587, 0.114], np.float32)
    darker = 255.0 * (luma / 255.0) ** gamma
    gain = np.where(luma > 1.0, darker / np.maximum(luma, 1.0), 1.0)
    skin = _skin(person, alpha)
    person = person * (1.0 - skin[:, :, None] + (skin * gain)[:, :, None])
    canvas = person * alpha[:, :, None] + P.plain_backdrop() * (1.0 - alpha[:, :, None])
    x0, y0, x1, y1 = P.CROP
    crop = np.clip(canvas[y0:y1, x0:x1], 0, 255).astype(np.uint8)
    return P._finish(cv2.resize(crop, P.OUTPUT_SIZE, interpolation=cv2.INTER_LANCZOS4))


def whole_photo_darkened(gain: float = 0.35) -> np.ndarray:
    """The clean portrait with every pixel darkened (a too-short exposure): backdrop and all."""
    clean = P.compose(P.plain_backdrop()).astype(np.float32)
    return P._finish(np.clip(clean * gain, 0, 255).astype(np.uint8))


def cropped_from_top(rows: int, pixels: np.ndarray | None = None) -> np.ndarray:
    """`pixels` (default: the clean portrait) with `rows` cut off the top and enlarged back to
    the portrait's size, as a tighter framing would give."""
    source = P.clean() if pixels is None else pixels
    h, w = source.shape[:2]
    cut = source[rows:]
    return np.ascontiguousarray(cv2.resize(cut, (w, h), interpolation=cv2.INTER_AREA))


def with_far_wedge(width: int = 40, colour: tuple[int, int, int] = (120, 60, 40)) -> np.ndarray:
    """The clean portrait with a thin rotated wedge of another colour along the far right edge."""
    out = P.clean().copy()
    h, w = out.shape[:2]
    wedge = np.array([[w, 0], [w - width, 0], [w - width // 3, h], [w, h]], np.int32)
    cv2.fillPoly(out, [wedge], colour)
    return out


def with_loose_strands(count: int = 14, seed: int = 5) -> np.ndarray:
    """The clean portrait with thin dark hair strands flying from the sides of the head."""
    out = P.clean().copy()
    h, w = out.shape[:2]
    rng = np.random.default_rng(seed)
    cx, top = w // 2, int(0.1 * h)
    for i in range(count):
        side = -1 if i % 2 else 1
        x = cx + side * int(rng.integers(110, 150))
        y = top + int(rng.integers(40, 200))
        points = [(x, y)]
        for _ in range(6):
            x += side * int(rng.integers(4, 12))
            y += int(rng.integers(-10, 14))
            points.append((x, y))
        cv2.polylines(out, [np.array(points, np.int32)], False, (70, 55, 45), 1, cv2.LINE_AA)
    return out
