"""The person and the background: one selfie-segmentation mask per photo, on a small grid.

The background rules only ask coarse questions (are there objects, patterns, a shadow beside the
head?), so the mask and the background measures live on an analysis grid whose long side is
`GRID_LONG_SIDE` px: the segmentation model itself sees 256 x 256, so a larger mask would only
be an interpolation of it, and every measure on the grid costs a fraction of a millisecond.
Detail finer than ~1/250 of the photo is invisible on the 35 x 45 mm card too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import cv2
import numpy as np

from photocheck.context import Context
from photocheck.rules import limit
from photocheck.vision.segmenter import segment_person

GRID_LONG_SIDE = 256
"""Long side (px) of the analysis grid: the segmentation model's own input size."""

PERSON_THRESHOLD = 0.5
"""Mask confidence above which a grid cell is the person."""

EDGE_MARGIN = 0.03
"""How far (fraction of the grid's long side) the background keeps away from the person's edge,
so hair fringes and the mask's soft border are not mistaken for background texture."""

HEAD_ROWS = 0.4
"""The top share of the person's height (from its highest cell to the bottom of the frame) that
is the head and hair in a bust photo: loose strands fly from there, not from the shoulders."""


@dataclass(frozen=True)
class PersonMask:
    """The photo on the analysis grid and who is where on it (the derived masks and the luma
    are computed once, on first use: several rules read them; treat them as read-only)."""

    rgb: np.ndarray  # h x w x 3 uint8, the working image resampled to the grid
    person: np.ndarray  # h x w float32 in [0, 1], the segmenter's confidence
    distance: np.ndarray  # h x w float32: grid px from the nearest person cell (0 on the person)
    margin: float  # grid px the background keeps away from the person
    head_distance: np.ndarray | None = None  # grid px from the nearest head-and-hair cell
    hair_margin: float = 0.0  # grid px the background keeps away from the head and hair

    @cached_property
    def background(self) -> np.ndarray:
        """Boolean h x w: clearly not the person, away from its edge and from the hair.

        Loose or curly strands belong to the person but the segmenter gives them low
        confidence, so the background keeps a wider margin around the head and hair
        (`hair_margin`) and leaves out every cell the segmenter half believes is person.
        """
        clear = (self.distance > self.margin) & (self.person < limit(
            "background.plain.strand_level").value)
        if self.head_distance is not None:
            clear &= self.head_distance > self.hair_margin
        return clear

    @cached_property
    def is_person(self) -> np.ndarray:
        return self.person >= PERSON_THRESHOLD

    @cached_property
    def luminance(self) -> np.ndarray:
        """Rec. 601 luma on the grid, float32 0..255."""
        return rgb_luma(self.rgb)


def rgb_luma(rgb: np.ndarray) -> np.ndarray:
    """Rec. 601 luma of an RGB uint8 image as float32 (what a JPEG's Y channel holds)."""
    weights = np.array([0.299, 0.587, 0.114], dtype=np.float32)
    return rgb.astype(np.float32) @ weights


def to_grid(pixels: np.ndarray, long_side: int = GRID_LONG_SIDE) -> np.ndarray:
    """`pixels` area-resampled so the long side is `long_side` (never enlarged), C-contiguous."""
    h, w = pixels.shape[:2]
    factor = min(1.0, long_side / max(h, w))
    if factor == 1.0:
        return np.ascontiguousarray(pixels)
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    return np.ascontiguousarray(cv2.resize(pixels, size, interpolation=cv2.INTER_AREA))


def analyse_person(rgb_working: np.ndarray) -> PersonMask:
    """Segment `rgb_working` (the working image) on the analysis grid."""
    rgb = to_grid(rgb_working)
    person = segment_person(rgb)
    is_person = person >= PERSON_THRESHOLD
    distance = cv2.distanceTransform((~is_person).astype(np.uint8), cv2.DIST_L2, 3)
    long_side = max(rgb.shape[:2])
    head = head_and_hair(is_person)
    head_distance = cv2.distanceTransform((~head).astype(np.uint8), cv2.DIST_L2, 3)
    return PersonMask(rgb, person, distance, EDGE_MARGIN * long_side, head_distance,
                      limit("background.plain.hair_margin").value * long_side)


def head_and_hair(is_person: np.ndarray) -> np.ndarray:
    """The person's cells in the top `HEAD_ROWS` of its height: the head and its hair."""
    rows = np.flatnonzero(is_person.any(axis=1))
    head = np.zeros_like(is_person)
    if rows.size:
        top = int(rows[0])
        bottom = top + max(1, round(HEAD_ROWS * (is_person.shape[0] - top)))
        head[top:bottom] = is_person[top:bottom]
    return head


SHARED_KEY = "person_mask"


def compute_person_mask(ctx: Context) -> PersonMask:
    """The person mask of the photo's working image (what `person_mask` shares)."""
    return analyse_person(ctx.working.pixels)


def person_mask(ctx: Context) -> PersonMask:
    """The photo's person mask, computed once per photo however many rules read it."""
    return ctx.shared(SHARED_KEY, compute_person_mask)
