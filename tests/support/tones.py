"""Test portraits for the fairness and framing of the pixel rules, built on `portraits`.

Each variant changes one thing about the astronaut portrait, the way a real photo differs:
darker skin under the same good light (highlights kept), the whole photo under-exposed, the
hair cut by the top edge or just short of it, loose hair strands, a wedge of another colour at
the far edge that the card's 35:45 trim never shows. Deterministic, like `portraits`.
"""

from __future__ import annotations

from collections.abc import Callable

import cv2
import numpy as np

from tests.support import portraits as P

FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400,
             377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67,
             109)
"""Face-mesh landmarks around the face's outline (forehead, temples, jaw, chin)."""


def _face_oval(base: np.ndarray) -> np.ndarray:
    """Soft mask (h x w x 1, 0..1) of the face outline, from the project's own face mesh."""
    from photocheck.vision.faces import analyse

    landmarks = analyse(np.ascontiguousarray(base)).landmarks
    assert landmarks is not None, "the astronaut's face must be meshed"
    oval = np.zeros(base.shape[:2], np.float32)
    cv2.fillPoly(oval, [landmarks[list(FACE_OVAL), :2].astype(np.int32)], 1.0)
    return cv2.GaussianBlur(oval, (0, 0), 3.0)[:, :, None]


def _retone_face(gain_of_luma: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """The clean portrait with the face's pixels scaled by `gain_of_luma(luma)`."""
    base = P.compose(P.plain_backdrop())
    oval = _face_oval(base)
    rgb = base.astype(np.float32)
    luma = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    gain = gain_of_luma(luma)[:, :, None]
    return P._finish(np.clip(rgb * (1.0 - oval + oval * gain), 0, 255).astype(np.uint8))


def darker_skin(gamma: float = 4.5) -> np.ndarray:
    """The astronaut with much darker skin under the same light, on the same light backdrop.

    Darker skin reflects less light diffusely, while the shine of the key light on forehead,
    nose and cheeks stays: a gamma above 1 on the face's brightness darkens the mid-tones a lot
    and the highlights little, as a darker complexion photographed under the same lamp does.
    The gamma also raises the face's darker-over-brighter side ratio to about the power
    gamma - 1, which a real complexion does not (its albedo dims both sides alike): at 5 the
    painted face's side ratio sat on image.exposure's warn limit (0.34-0.36 as the mesh's
    region moved, issue 24), at 4.5 it reads 0.38 with the face's median still under 60.
    The face outline comes from the project's own face mesh; neck and hands are left alone.
    """
    return _retone_face(lambda luma: 255.0 * (luma / 255.0) ** gamma / np.maximum(luma, 1.0))


def face_in_shadow(gain: float = 0.3) -> np.ndarray:
    """The face evenly darkened while the backdrop stays bright: no light falls on the face
    (backlit), so its highlights sink with its mid-tones."""
    return _retone_face(lambda luma: np.full_like(luma, gain))


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


def with_loose_strands(count: int = 20, seed: int = 5) -> np.ndarray:
    """The clean portrait with thin dark hair strands flying from the sides of the head."""
    out = P.clean().copy()
    h, w = out.shape[:2]
    rng = np.random.default_rng(seed)
    cx, top = w // 2, int(0.1 * h)
    for i in range(count):
        side = -1 if i % 2 else 1
        x = cx + side * int(rng.integers(105, 130))
        y = top + int(rng.integers(40, 200))
        points = [(x, y)]
        for _ in range(6):
            x += side * int(rng.integers(2, 7))
            y += int(rng.integers(-8, 12))
            points.append((x, y))
        cv2.polylines(out, [np.array(points, np.int32)], False, (70, 55, 45), 1, cv2.LINE_AA)
    return out
