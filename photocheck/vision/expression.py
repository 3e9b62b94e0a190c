"""Mouth open or a broad smile with teeth: the measures for `face.expression`.

The mesh's inner lip rim closes to a line when the lips meet, so the gap between the inner lips
over the mouth's width says how open the mouth is, independent of the face's size. Teeth are the
part of that opening that is much brighter than the lips around it and nearly colourless; their
area over the square of the mouth's width says how much of a toothy smile shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from photocheck.vision.face_regions import INNER_LIPS, FaceCrop

LIP_PAIRS = ((13, 14), (82, 87), (312, 317))
"""Upper and lower inner-lip landmarks facing each other at the centre and either side."""
CORNERS = (61, 291)
"""The mouth's corners."""
LIPS = (0, 17, 37, 267, 84, 314)
"""Points on the lips themselves (upper and lower, centre and sides)."""
TEETH_BRIGHTER = 0.35
"""A pixel in the opening is tooth when its log-luma is this much above the lips' (1.4 x)..."""
TEETH_CHROMA = 0.02
"""...and its red chromaticity at most this above neutral (teeth are white, lips and gums red)."""


@dataclass(frozen=True)
class MouthMeasures:
    """How open the mouth is and how much tooth shows, both relative to the mouth's width."""

    opening: float  # inner-lip gap / mouth width
    teeth: float  # tooth pixels / mouth width squared


def measure_mouth(crop: FaceCrop) -> MouthMeasures:
    """The expression measures of the face in `crop`."""
    pts = crop.points
    width = float(np.linalg.norm(pts[CORNERS[1]] - pts[CORNERS[0]]))
    if width < 1.0:
        return MouthMeasures(0.0, 0.0)
    gap = float(np.mean([np.linalg.norm(pts[a] - pts[b]) for a, b in LIP_PAIRS]))
    opening = crop.polygon(INNER_LIPS)
    lips = crop.patches(LIPS, 0.02) & ~opening
    lip_luma = crop.log_luma_of(lips)
    inside = opening & (crop.log_luma >= lip_luma + TEETH_BRIGHTER)
    inside &= crop.chroma[:, :, 0] <= 1 / 3 + TEETH_CHROMA
    return MouthMeasures(gap / width, float(inside.sum()) / width**2)
