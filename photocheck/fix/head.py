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

from photocheck.decode import to_long_side, working_long_side


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
    """A copy at the working image's size, resampled as the checker resamples (see
    `photocheck.decode.to_long_side`), and its scale (copy px per `rgb` px)."""
    height, width = rgb.shape[:2]
    long_side = working_long_side(max(height, width))
    small = to_long_side(np.ascontiguousarray(rgb), long_side)
    return small, max(small.shape[:2]) / max(height, width)
