"""Eye measurements from the face mesh: how open each eye is, and glare over the eyes.

Openness is the eye aspect ratio (lid-to-lid distance over corner-to-corner width, Soukupova &
Cech 2016) on the refined mesh's eyelid landmarks, with the iris diameter as a cross-check that
the iris shows. Glare is specular highlights on glasses: near-white, colourless pixels in the
region a lens covers, in blobs larger than the catchlight every well-lit eye has.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# (outer corner, inner corner, upper/lower lid pairs, iris ring) per eye, mediapipe indices.
_EYES = {
    "right": (33, 133, ((159, 145), (158, 153), (160, 144)), (469, 471)),
    "left": (263, 362, ((386, 374), (385, 380), (387, 373)), (474, 476)),
}

NEAR_WHITE = 235
"""A pixel is a highlight when its darkest channel is at least this (of 255)..."""
COLOURLESS = 30
"""...and its channels differ by at most this, i.e. white light reflected, not a white object
with colour around it."""


@dataclass(frozen=True)
class EyeOpenness:
    """Per-eye aspect ratio (opening / width) and opening over iris diameter."""

    ratio: dict[str, float]
    iris_shown: dict[str, float]


def eye_openness(landmarks: np.ndarray) -> EyeOpenness:
    """How open each eye is, from the mesh's 2D eyelid and iris landmarks."""
    ratio, iris_shown = {}, {}
    for side, (outer, inner, lids, iris) in _EYES.items():
        pts = landmarks[:, :2]
        width = np.linalg.norm(pts[outer] - pts[inner])
        opening = np.mean([np.linalg.norm(pts[a] - pts[b]) for a, b in lids])
        diameter = np.linalg.norm(pts[iris[0]] - pts[iris[1]])
        ratio[side] = float(opening / width) if width else 0.0
        iris_shown[side] = float(opening / diameter) if diameter else 0.0
    return EyeOpenness(ratio, iris_shown)


def lens_box(landmarks: np.ndarray, side: str, image_shape: tuple[int, ...]) -> tuple[int, ...]:
    """The box a spectacle lens over this eye would cover (x0, y0, x1, y1), clipped."""
    outer, inner, _, _ = _EYES[side]
    pts = landmarks[:, :2]
    cx, cy = (pts[outer] + pts[inner]) / 2
    width = np.linalg.norm(pts[outer] - pts[inner])
    half_w, half_h = 0.9 * width, 0.6 * width
    h, w = image_shape[:2]
    return (int(max(0, cx - half_w)), int(max(0, cy - half_h)),
            int(min(w, cx + half_w)), int(min(h, cy + half_h)))


def glare_fraction(pixels: np.ndarray, landmarks: np.ndarray, min_blob: float) -> float:
    """Share of the two lens regions covered by highlight blobs of at least `min_blob` of the
    region's area (smaller ones are the eyes' own catchlights)."""
    covered = total = 0
    for side in _EYES:
        x0, y0, x1, y1 = lens_box(landmarks, side, pixels.shape)
        region = pixels[y0:y1, x0:x1]
        if region.size == 0:
            continue
        lo, hi = region.min(axis=2), region.max(axis=2)
        mask = ((lo >= NEAR_WHITE) & (hi - lo <= COLOURLESS)).astype(np.uint8)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        areas = stats[1:count, cv2.CC_STAT_AREA]
        covered += int(areas[areas >= min_blob * mask.size].sum())
        total += mask.size
    return covered / total if total else 0.0
