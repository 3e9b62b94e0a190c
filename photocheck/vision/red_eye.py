"""Red pupils (the flash reflected by the retina): the measure for `face.red_eye`.

The refined mesh locates each iris (centre and ring), so the pupil is the disk at the centre of
the iris. A healthy pupil is dark in every eye colour and skin tone; red-eye makes it a saturated
red. The measure is the share of the pupil disk whose red clearly exceeds both green and blue.
"""

from __future__ import annotations

import numpy as np

from photocheck.vision.background import pixels_at
from photocheck.vision.face_regions import IRIS, FaceCrop

PUPIL = 0.5
"""Radius of the pupil disk, fraction of the iris radius (a flash-lit pupil is small, a dark-
room one large; half the iris holds the red of either)."""

REDNESS = 0.6
"""A pixel is red when (R - max(G, B)) / R is at least this: saturated red, not a brown iris
(up to about 0.45) nor skin (about 0.2-0.35)."""

MIN_RED = 50.0
"""...and its red channel at least this (0-255): noise in a black pupil is not red-eye."""


def red_pupil_share(crop: FaceCrop) -> dict[str, float]:
    """For each eye, the share of its pupil disk that is red."""
    shares = {}
    for side, (centre, ring) in IRIS.items():
        radius = float(np.mean(np.linalg.norm(crop.points[list(ring)] - crop.points[centre],
                                              axis=1)))
        disk = crop.disk(crop.points[centre], PUPIL * radius)
        rgb = pixels_at(crop.rgb, disk)
        if rgb.size == 0:
            shares[side] = 0.0
            continue
        red = rgb[:, 0]
        redness = (red - rgb[:, 1:].max(axis=1)) / np.maximum(red, 1.0)
        shares[side] = float(((redness >= REDNESS) & (red >= MIN_RED)).mean())
    return shares
