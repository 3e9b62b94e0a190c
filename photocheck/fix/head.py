"""Where the head is: crown, chin and horizontal centre, in pixels of the upright photo.

The check report's `face` block (crown_y, chin_y and box from the face analysis) is used when the
report has one. For inputs the checker cannot decode (HEIC, CMYK, PNG, ...) `locate_head` runs the
same face analysis (`photocheck.vision.faces.analyse`) on a working-size copy, so the fixer, the
print sheet and the checker always agree on one head.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

from photocheck.decode import WORKING_LONG_SIDE


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

    The analysis runs at the checker's working size, then is scaled back to `rgb`'s pixels.
    """
    from photocheck.vision.faces import analyse

    small, scale = _shrunk(rgb)
    analysis = analyse(small)
    if not analysis.single or analysis.head is None:
        return None
    head = analysis.head
    return HeadBox(head.centre_x / scale, head.crown[1] / scale, head.chin[1] / scale)


def _shrunk(rgb: np.ndarray) -> tuple[np.ndarray, float]:
    """A copy whose long side is the working image's, and its scale (copy px per `rgb` px)."""
    height, width = rgb.shape[:2]
    scale = WORKING_LONG_SIDE / max(height, width)
    if scale >= 1:
        return np.ascontiguousarray(rgb), 1.0
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    small = np.asarray(Image.fromarray(rgb).resize(size, Image.Resampling.BILINEAR))
    return np.ascontiguousarray(small), size[0] / width
