"""The agency's 35:45 trim around a head: where it goes, and whether the photo can supply it.

J-LIS trims an uploaded photo to passport proportions itself: the head (crown to chin) is 34 mm
of the 45 mm height with 4 mm above the crown, and the face is centred. Within the tolerances of
the passport standard (head 32-36 mm, crown margin 2-6 mm) there is some play, so when the
nominal trim would reach past the photo's edge the closest trim within tolerance is tried.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import product

from photocheck.rules import limit
from photocheck.vision.faces import HeadSpan


@dataclass(frozen=True)
class Trim:
    """A 35:45 crop (x, y, w, h) in the same pixels as the head it was fitted around."""

    x: float
    y: float
    w: float
    h: float

    def inside(self, width: float, height: float, slack: float = 0.5) -> bool:
        return (self.x >= -slack and self.y >= -slack and self.x + self.w <= width + slack
                and self.y + self.h <= height + slack)


def trim_around(head: HeadSpan, head_mm: float, crown_mm: float) -> Trim:
    """The 35:45 crop with the head `head_mm` of 45 mm and `crown_mm` above the crown."""
    width_mm, height_mm = limit("print.size_mm").value
    h = head.height * height_mm / head_mm
    w = h * width_mm / height_mm
    return Trim(head.centre_x - w / 2, head.crown[1] - h * crown_mm / height_mm, w, h)


def fit_trim(head: HeadSpan, width: float, height: float) -> Trim | None:
    """The trim nearest the nominal one that lies inside a `width` x `height` image, or None."""
    head_lo, head_hi = limit("print.head_mm").value
    crown_lo, crown_hi = limit("print.crown_margin_mm").value
    for head_mm, crown_mm in _candidates(head_lo, head_hi, crown_lo, crown_hi):
        trim = trim_around(head, head_mm, crown_mm)
        if trim.inside(width, height):
            return trim
    return None


@cache
def _candidates(head_lo: float, head_hi: float, crown_lo: float,
                crown_hi: float) -> tuple[tuple[float, float], ...]:
    """Every (head mm, crown margin mm) within tolerance by half millimetres, nearest the
    nominal first: the same order for every photo (two checks' trims sorted it 160 times)."""
    head_nominal, crown_nominal = (head_lo + head_hi) / 2, (crown_lo + crown_hi) / 2
    steps = [i / 2 for i in range(int(2 * (head_hi - head_lo)) + 1)]
    heads = sorted((head_lo + s for s in steps), key=lambda v: abs(v - head_nominal))
    crowns = sorted((crown_lo + i / 2 for i in range(int(2 * (crown_hi - crown_lo)) + 1)),
                    key=lambda v: abs(v - crown_nominal))
    return tuple(sorted(product(heads, crowns),
                        key=lambda hc: abs(hc[0] - head_nominal) + abs(hc[1] - crown_nominal)))
