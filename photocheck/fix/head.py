"""Where the head is: crown, chin and horizontal centre, in pixels of the upright photo.

The check report's `face` block (crown_y, chin_y and box from the face analysis) is used when the
report has one. Until that analysis is merged (and for inputs the checker cannot decode, such as
HEIC or CMYK), `locate_head` estimates the head from full-range BlazeFace.
INTEGRATOR: once photocheck.vision.faces lands, switch `locate_head` to that module's analysis so
the fixer and the checker agree on one head.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

DETECT_LONG_SIDE = 640
"""BlazeFace sees 192 x 192 px; detecting on a 640 px copy loses nothing and costs little."""

CROWN_ABOVE_BOX = 0.50
"""The crown (top of the hair) lies this many box heights above BlazeFace's box top. Measured on
skimage's astronaut: box 67.8..171.7 px (104 px high), crown at 15 px from the person mask of
selfie segmentation: (67.8 - 15) / 104 = 0.51. Varies by about +/-0.1 with hair volume."""

CHIN_BELOW_BOX_TOP = 1.05
"""The chin lies this many box heights below the box top: face-mesh chin (landmark 152) at 177 px
on the astronaut, (177 - 67.8) / 104 = 1.05; the box ends just above the chin."""


@dataclass(frozen=True)
class HeadBox:
    """The head in pixels of the upright full-resolution photo."""

    centre_x: float
    crown_y: float
    chin_y: float

    @property
    def height(self) -> float:
        return self.chin_y - self.crown_y


def head_from_report(face: dict[str, Any] | None) -> HeadBox | None:
    """The head from a check report's `face` block, or None when it lacks crown/chin/box."""
    if not face:
        return None
    try:
        x, _, w, _ = (float(v) for v in face["box"])
        crown, chin = float(face["crown_y"]), float(face["chin_y"])
    except (KeyError, TypeError, ValueError):
        return None
    return HeadBox(x + w / 2, crown, chin) if chin > crown else None


def locate_head(rgb: np.ndarray) -> HeadBox | None:
    """The one face's head in `rgb` (H x W x 3 uint8), or None unless exactly one face is found.

    Crown and chin are estimated from BlazeFace's box with the ratios above.
    """
    from photocheck.vision.models import face_detector

    height, width = rgb.shape[:2]
    small = _shrunk(rgb)
    result = face_detector().process(small)
    detections = list(result.detections or [])
    if len(detections) != 1:
        return None
    box = detections[0].location_data.relative_bounding_box
    top, box_h = box.ymin * height, box.height * height
    centre_x = (box.xmin + box.width / 2) * width
    return HeadBox(centre_x, top - CROWN_ABOVE_BOX * box_h, top + CHIN_BELOW_BOX_TOP * box_h)


def _shrunk(rgb: np.ndarray) -> np.ndarray:
    height, width = rgb.shape[:2]
    scale = DETECT_LONG_SIDE / max(height, width)
    if scale >= 1:
        return np.ascontiguousarray(rgb)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return np.asarray(Image.fromarray(rgb).resize(size, Image.Resampling.BILINEAR))
