"""Mouth open or a broad smile with teeth: the measures for `face.expression`.

The mesh's inner lip rim closes to a line when the lips meet, so the gap between the inner lips
over the mouth's width says how open the mouth is, independent of the face's size. Teeth are the
part of that opening that is brighter than the lips around it and much paler than them; their
area over the square of the mouth's width says how much of a toothy smile shows.

"Paler" is judged against the same face's lips, never against neutral grey: under warm room light
or a flash teeth are cream or yellowish (their red chromaticity well above 1/3), yet always less
saturated than the lips beside them, whatever the skin tone or the lipstick (red, plum, teal).
"Brighter" is a small step, since a dim mouth or a dark lipstick still leaves teeth above the lips
while light lips on light skin are nearly as bright as teeth. A closed mouth leaves no opening,
and a mesh that opens a closed mouth by a few pixels finds lip-coloured pixels there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from photocheck.vision.face_regions import INNER_LIPS, FaceCrop
from photocheck.vision.histogram import median

LIP_PAIRS = ((13, 14), (82, 87), (312, 317))
"""Upper and lower inner-lip landmarks facing each other at the centre and either side."""
CORNERS = (61, 291)
"""The mouth's corners."""
LIPS = (0, 17, 37, 267, 84, 314)
"""Points on the lips themselves (upper and lower, centre and sides)."""
TEETH_BRIGHTER = 0.1
"""A pixel in the opening is tooth when its log-luma is this much above the lips' (1.1 x)..."""
TEETH_PALER = 0.6
"""...and its saturation (chromaticity distance from neutral) at most this share of the lips'
(dev3: real teeth sit at 0.2-0.5 of the lips', lips and gums about 1)."""


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
    lip_saturation = median(_saturation(crop, lips)) if lips.any() else 0.0
    bright = opening & (crop.log_luma >= lip_luma + TEETH_BRIGHTER)
    teeth = int(np.count_nonzero(_saturation(crop, bright) <= lip_saturation * TEETH_PALER))
    return MouthMeasures(gap / width, teeth / width**2)


def _saturation(crop: FaceCrop, mask: np.ndarray) -> np.ndarray:
    """The chromaticity distance from neutral grey (0 for white, grey or black) of the pixels
    in `mask` (only those: the mouth is a small part of the crop)."""
    return np.hypot(crop.chroma[:, :, 0][mask] - 1 / 3, crop.chroma[:, :, 1][mask] - 1 / 3)
