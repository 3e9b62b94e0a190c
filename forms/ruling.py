"""Ruling lines and checkboxes read from a PDF page, and the cell that encloses a point.

Cells are found by casting rays from a point to the nearest horizontal and vertical rules, so
any table drawn with lines or rectangles works, wherever it sits on the page. Small squares are
checkboxes, not rules, so they never split a cell.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from forms.geometry import Box

THIN = 2.0  # a rectangle thinner than this is a drawn line
CHECKBOX_SIDES = (5.0, 14.0)  # a square with sides in this range (points) is a checkbox
CHECKBOX_GLYPHS = frozenset("□☐")
TOL = 0.6


@dataclass(frozen=True)
class HRule:
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class VRule:
    x: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Rules:
    """Everything of the page's ruling the locator needs."""

    horizontal: tuple[HRule, ...]
    vertical: tuple[VRule, ...]
    checkboxes: tuple[Box, ...]


def _is_checkbox(w: float, h: float) -> bool:
    low, high = CHECKBOX_SIDES
    return low <= w <= high and low <= h <= high and 0.75 <= w / h <= 1.33


def _add_box(obj: dict[str, Any], hs: list[HRule], vs: list[VRule], boxes: list[Box]) -> None:
    x0, x1, top, bottom = obj["x0"], obj["x1"], obj["top"], obj["bottom"]
    w, h = x1 - x0, bottom - top
    if w < THIN and h < THIN:
        return
    if w < THIN:
        vs.append(VRule((x0 + x1) / 2, top, bottom))
    elif h < THIN:
        hs.append(HRule((top + bottom) / 2, x0, x1))
    elif _is_checkbox(w, h):
        boxes.append(Box(x0, top, x1, bottom))
    else:
        hs.extend((HRule(top, x0, x1), HRule(bottom, x0, x1)))
        vs.extend((VRule(x0, top, bottom), VRule(x1, top, bottom)))


def read_rules(page: Any) -> Rules:
    """Collect rules from a pdfplumber page's lines and rects, and checkboxes from squares/□."""
    hs: list[HRule] = []
    vs: list[VRule] = []
    boxes: list[Box] = []
    for obj in [*page.lines, *page.rects]:
        _add_box(obj, hs, vs, boxes)
    for char in page.chars:
        if char["text"] in CHECKBOX_GLYPHS:
            boxes.append(Box(char["x0"], char["top"], char["x1"], char["bottom"]))
    return Rules(tuple(hs), tuple(vs), tuple(boxes))


def _nearest(values: Sequence[float], pick: Callable[[Sequence[float]], float]) -> float | None:
    return pick(values) if values else None


def enclosing_cell(rules: Rules, x: float, y: float) -> Box | None:
    """The smallest ruled cell around (x, y), or None if the point is not inside a cell."""
    crossing_v = [v.x for v in rules.vertical if v.top - TOL <= y <= v.bottom + TOL]
    crossing_h = [h.y for h in rules.horizontal if h.x0 - TOL <= x <= h.x1 + TOL]
    left = _nearest([v for v in crossing_v if v < x - TOL], max)
    right = _nearest([v for v in crossing_v if v > x + TOL], min)
    top = _nearest([h for h in crossing_h if h < y - TOL], max)
    bottom = _nearest([h for h in crossing_h if h > y + TOL], min)
    if left is None or right is None or top is None or bottom is None:
        return None
    return Box(left, top, right, bottom)


def checkboxes_in(rules: Rules, cell: Box) -> list[Box]:
    """Checkboxes whose centre lies in ``cell``, in reading order."""
    inside = [b for b in rules.checkboxes if cell.contains_point(*b.center)]
    return sorted(inside, key=lambda b: (round(b.top), b.x0))
