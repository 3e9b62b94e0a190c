"""Exposure and sharpness of the face, measured on the face crop of the working image.

Both are judged on the face because that is what the agency looks at: a white backdrop is meant
to be bright, a blurred backdrop is harmless. Sharpness is measured at working resolution
(~500 px long side, about the agency's 300 dpi trim of 413 x 531 px) on the face crop resampled
to a fixed `FACE_PATCH` px square, so a 12 MP photo and a 600 px booth file are judged on the
same scale: blur too small to see at the size the card prints is not a defect, and decoding the
full resolution would cost more than every detector together.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from photocheck.context import Context
from photocheck.vision.faces import faces
from photocheck.vision.histogram import luma_percentiles, median
from photocheck.vision.person import rgb_luma

Box = tuple[int, int, int, int]

FACE_PATCH = 128
"""Side (px) the face crop is resampled to before its sharpness is measured."""

MIN_BOX = 4
"""A face box narrower or shorter than this (px) has no face to measure."""

INNER_FACE = 0.12
"""Fraction of the detector box's width trimmed off each side for the exposure and sharpness
crop, so hair, ears and the backdrop beside the cheeks do not count as face."""


def face_region(ctx: Context) -> Box | None:
    """The main face's box (x, y, w, h) in working-image px, or None when no face is found.

    It is the box of the shared face analysis (`photocheck.vision.faces`): the largest face
    that counts, else the largest detection, so the detector runs once per photo.
    """
    analysis = faces(ctx)
    candidates = analysis.counted or analysis.detections
    if not candidates:
        return None
    x, y, w, h = max(candidates, key=lambda d: d.box[2] * d.box[3]).box
    box = (int(x), int(y), int(x + w) - int(x), int(y + h) - int(y))
    return box if box[2] >= MIN_BOX and box[3] >= MIN_BOX else None


def face_crop(rgb: np.ndarray, box: Box) -> np.ndarray:
    """The inner face (cheek to cheek, brows to chin) of `rgb` within `box`."""
    x, y, w, h = box
    trim = int(w * INNER_FACE)
    return rgb[y : y + h, x + trim : x + w - trim]


@dataclass(frozen=True)
class Exposure:
    """How the face is lit, from its luma (0-255)."""

    median: float  # median luma of the face
    clipped_high: float  # share of face pixels at 250 or brighter (blown out)
    clipped_low: float  # share of face pixels at 10 or darker (crushed)
    side_ratio: float  # darker half's median / brighter half's median (1 = even)
    highlight: float = 0.0  # 99th percentile luma of the face: where the key light shines


def measure_exposure(face_rgb: np.ndarray, skin: np.ndarray | None = None) -> Exposure:
    """Exposure measures of a face crop (cf. OFIQ's under/over-exposure and uniformity).

    `skin` (boolean, the crop's size) keeps only the face inside its outline, so hair and
    backdrop in the crop's corners do not pass for highlights or shadows of the face.
    """
    luma = rgb_luma(face_rgb)
    inside = np.ones(luma.shape, bool) if skin is None or skin.sum() < 16 else skin
    half = luma.shape[1] // 2
    left = median(luma[:, :half][inside[:, :half]]) if inside[:, :half].any() else 0.0
    right = median(luma[:, half:][inside[:, half:]]) if inside[:, half:].any() else 0.0
    side_ratio = min(left, right) / max(left, right, 1.0)
    values = luma[inside]
    return Exposure(
        median(values),
        float((values >= 250).mean()),
        float((values <= 10).mean()),
        side_ratio,
        luma_percentiles(values, (99,))[0],  # np.percentile's value, from a histogram
    )


FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400,
             377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67,
             109)
"""Face-mesh landmarks along the face's outline (hairline, temples, jaw, chin)."""


def face_outline(shape: tuple[int, int], landmarks: np.ndarray, box: Box) -> np.ndarray:
    """Boolean mask, the size of `face_crop(..., box)`, of the face inside its mesh outline."""
    x, y, w, h = box
    trim = int(w * INNER_FACE)
    full = np.zeros(shape, np.uint8)
    cv2.fillPoly(full, [np.round(landmarks[list(FACE_OVAL), :2]).astype(np.int32)], 1)
    return full[y : y + h, x + trim : x + w - trim].astype(bool)


@dataclass(frozen=True)
class Sharpness:
    """How much fine detail the face has."""

    detail: float  # std of the Laplacian over std of the patch: contrast-free edge strength
    coherence: float  # 0 = gradients in all directions, 1 = all one way (motion blur)


def face_patch(face_rgb: np.ndarray) -> np.ndarray:
    """The face crop as a FACE_PATCH-square grey float32 patch."""
    grey = rgb_luma(face_rgb)
    h, w = grey.shape
    shrink = h >= FACE_PATCH and w >= FACE_PATCH
    interp = cv2.INTER_AREA if shrink else cv2.INTER_CUBIC
    return cv2.resize(grey, (FACE_PATCH, FACE_PATCH), interpolation=interp)


def measure_sharpness(face_rgb: np.ndarray) -> Sharpness:
    """Sharpness measures of a face crop.

    `detail` divides the Laplacian's spread by the patch's own contrast, so a dimly lit sharp
    face is not taken for a blurred one. `coherence` comes from the structure tensor summed over
    the face: a face has edges in every direction, a shaken camera smears all but one.
    """
    patch = face_patch(face_rgb)
    contrast = float(patch.std())
    if contrast < 1.0:
        return Sharpness(0.0, 0.0)
    lap = cv2.Laplacian(patch, cv2.CV_32F, ksize=1)
    gx = cv2.Sobel(patch, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(patch, cv2.CV_32F, 0, 1, ksize=3)
    jxx, jyy, jxy = float((gx * gx).mean()), float((gy * gy).mean()), float((gx * gy).mean())
    spread = np.hypot(jxx - jyy, 2.0 * jxy)
    coherence = spread / (jxx + jyy) if jxx + jyy > 0 else 0.0
    return Sharpness(float(lap.std()) / contrast, float(coherence))
