"""Shadows on the face: one side, or the eye sockets, much darker than the rest; a hard edge.

Every measure compares the face with itself in log-luma, so it is a ratio of brightnesses: the
same on light and very dark skin and under any exposure. Soft studio light gives one side a
little less light and the sockets a little shade; a shadow the agency refuses is a large ratio.
A hard shadow edge that darkens a whole side is caught by the side ratio; a narrow hard-edged
shadow (a strip across the face) is not measured yet (see docs/calibration-visibility.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from photocheck.vision.face_regions import FaceCrop

PATCH = 0.035
"""Radius of the sampling disks around landmarks, fraction of the face width."""

SIDES = {"right": (116, 117, 118, 119, 100, 50, 108, 67),
         "left": (345, 346, 347, 348, 329, 280, 337, 297)}
"""Skin of each half of the face (subject's right = image left): upper cheek and forehead side;
not the lower cheek and jaw, where a beard would read as shade."""
SOCKETS = ((223, 222, 221, 28, 29, 230, 231, 229), (443, 442, 441, 258, 259, 450, 451, 449))
"""The eye sockets: the skin of the upper lid below the brow and the hollow under each eye."""
CHEEKS = (50, 101, 205, 280, 330, 425)
"""The cheeks the sockets are compared with."""
FOREHEAD = (151, 108, 337, 9)
"""Skin no mask reaches: the face's own skin colour, which a cheek patch must have to count."""
SKIN_CHROMA = 0.1
"""Cheeks whose chromaticity (median) is this far from the forehead's are not bare skin but a
mask: dev3 masks that reach the cheek patches 0.07-0.18 (the three that made the sockets look
shaded 0.165-0.181); bare cheeks of every tone, in any light, on dev, dev2 and dev3 at most
0.056."""


@dataclass(frozen=True)
class ShadowMeasures:
    """log-luma gaps within the face (natural-log units: 0.69 is half as bright)."""

    side_gap: float  # brighter half minus darker half
    darker_side: str  # "right" or "left" (the subject's)
    socket_gap: float  # cheeks minus eye sockets (both sockets together)


def measure_shadow(crop: FaceCrop) -> ShadowMeasures:
    """The shadow measures of the face in `crop`."""
    halves = {side: crop.log_luma_of(crop.patches(idx, PATCH)) for side, idx in SIDES.items()}
    darker = min(halves, key=halves.__getitem__)
    sockets = crop.log_luma_of(crop.patches(SOCKETS[0] + SOCKETS[1], PATCH * 0.8))
    cheeks = crop.log_luma_of(_bare_cheeks(crop))
    return ShadowMeasures(abs(halves["left"] - halves["right"]), darker, cheeks - sockets)


def _bare_cheeks(crop: FaceCrop) -> np.ndarray:
    """The cheeks, or the forehead when a mask covers the cheeks: a white or light-blue mask is
    brighter than any skin, and read as the cheeks it made the sockets look shaded (dev3: three
    masked faces failed face.shadow for it)."""
    cheeks = crop.patches(CHEEKS, PATCH)
    forehead = crop.patches(FOREHEAD, PATCH)
    gap = crop.chroma_of(cheeks) - crop.chroma_of(forehead)
    return cheeks if float(np.hypot(gap[0], gap[1])) <= SKIN_CHROMA else forehead
