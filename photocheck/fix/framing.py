"""Where to cut a 35:45 photo out of a larger one, so the head sits at passport proportions.

The ideal cut puts the head (crown to chin) at 34 mm of the 45 mm height with 4 mm above the
crown, centred left to right (print.head_mm and print.crown_margin_mm in photocheck.rules). The
cut never leaves the photo: padding would invent background. When the ideal does not fit, the
head size is tried across its tolerance and the cut may shift a little (fix.crop_shift.max); when
nothing fits, there is no crop.
"""

from __future__ import annotations

from collections.abc import Iterator

from photocheck.fix.head import HeadBox
from photocheck.rules import limit

Box = tuple[int, int, int, int]
"""left, top, right, bottom in pixels (Pillow's crop box)."""


def crop_box(head: HeadBox, width: int, height: int, profile: str) -> Box | None:
    """The 35:45 cut around `head` inside a `width` x `height` photo, or None if none fits."""
    shift_max = float(limit("fix.crop_shift.max").value)
    for crop_h, top in _candidates(head, profile):
        crop_w = crop_h * _aspect()
        left = head.centre_x - crop_w / 2
        fitted_left = min(max(left, 0.0), width - crop_w)
        fitted_top = min(max(top, 0.0), height - crop_h)
        if crop_w > width or crop_h > height:
            continue
        if abs(fitted_left - left) > shift_max * crop_w:
            continue
        if abs(fitted_top - top) > shift_max * crop_h:
            continue
        return _rounded(fitted_left, fitted_top, crop_w, crop_h, width, height)
    return None


def _aspect() -> float:
    return float(limit("print.aspect.ratio").value)


def _candidates(head: HeadBox, profile: str) -> Iterator[tuple[float, float]]:
    """(crop height, ideal top) pairs, best first.

    Online crops start larger than the passport trim (fix.online_trim_margin) so the agency can
    trim itself; then the passport trim; then head sizes across the print tolerance.
    """
    paper_h = float(limit("print.size_mm").value[1])
    head_lo, head_hi = limit("print.head_mm").value
    margin_lo, margin_hi = limit("print.crown_margin_mm").value
    head_mm = (head_lo + head_hi) / 2
    crown_mm = (margin_lo + margin_hi) / 2
    trim_h = head.height * paper_h / head_mm
    trim_top = head.crown_y - head.height * crown_mm / head_mm
    if profile == "online":
        grow = float(limit("fix.online_trim_margin").value)
        for factor in (grow, (grow + 1) / 2):
            crop_h = trim_h * factor
            yield crop_h, trim_top + trim_h / 2 - crop_h / 2
    steps = 4
    for i in range(steps + 1):
        smaller = head_mm - (head_mm - head_lo) * i / steps
        larger = head_mm + (head_hi - head_mm) * i / steps
        for mm in dict.fromkeys((smaller, larger)):
            crop_h = head.height * paper_h / mm
            yield crop_h, head.crown_y - head.height * crown_mm / mm


def _rounded(left: float, top: float, w: float, h: float, width: int, height: int) -> Box:
    """Whole pixels whose width:height stays as close to 35:45 as rounding allows."""
    crop_h = min(height, round(h))
    crop_w = min(width, round(crop_h * _aspect()))
    x0 = min(max(0, round(left)), width - crop_w)
    y0 = min(max(0, round(top)), height - crop_h)
    return x0, y0, x0 + crop_w, y0 + crop_h
