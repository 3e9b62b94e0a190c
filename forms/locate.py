"""The locator: finds every field's cell on a blank form PDF from its printed labels.

It is how a user-supplied official PDF gets filled, and the filler uses it on the project's own
blank form too, so the same path is exercised every time. No coordinates are hard-coded: labels
come from ``labels.toml`` and cells from the ruling around each label.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from forms.geometry import Box
from forms.labels import FieldSpec, LabelData, label_data
from forms.ruling import Rules, checkboxes_in, enclosing_cell, read_rules
from forms.textsearch import Match, TextLine, find, not_shadowed, text_lines

STEP = 1.5  # how far past a cell edge the next probe point goes (points)


@dataclass(frozen=True)
class LocatedField:
    """A field's writable area: the value cell, digit slots (comb) or checkboxes (choice/flag)."""

    key: str
    cell: Box
    label: Box
    slots: tuple[Box, ...] = ()
    boxes: dict[str, Box] = field(default_factory=dict)
    circled: bool = False  # options are printed words to circle (男・女), not checkboxes


@dataclass(frozen=True)
class FormMap:
    """Where everything is on page 1 of a form, in pdfplumber coordinates (points, top-left)."""

    width: float
    height: float
    fields: dict[str, LocatedField]
    missing: tuple[str, ...]


def _right_of(rules: Rules, cell: Box, y: float) -> Box | None:
    return enclosing_cell(rules, cell.x1 + STEP, y)


def _comb(rules: Rules, first: Box, y: float, slots: int) -> tuple[Box, ...] | None:
    """Digit boxes: consecutive similar cells to the right, or one wide cell split evenly."""
    cells = [first]
    while len(cells) < slots:
        nxt = _right_of(rules, cells[-1], y)
        if nxt is None or abs(nxt.width - first.width) > 0.35 * first.width:
            break
        cells.append(nxt)
    if len(cells) == slots:
        return tuple(cells)
    if first.width < slots * 6:
        return None
    step = first.width / slots
    return tuple(Box(first.x0 + i * step, first.top, first.x0 + (i + 1) * step, first.bottom)
                 for i in range(slots))


def _options(spec: FieldSpec, cell: Box, rules: Rules, lines: Sequence[TextLine]
             ) -> tuple[dict[str, Box], bool]:
    """The checkbox of each option (the nearest box left of its caption in the cell), or, when
    the cell has no checkboxes, the caption itself to be circled (男・女); and which it is."""
    boxes = checkboxes_in(rules, cell)
    circled = not boxes
    every = [m for texts in spec.options.values() for t in texts for m in find(lines, t)]
    found: dict[str, Box] = {}
    for name, texts in spec.options.items():
        for text in texts:
            matches = [m for m in not_shadowed(find(lines, text), every)
                       if cell.contains_point(*m.box.center)]
            if not matches:
                continue
            box = matches[0].box if circled else _box_before(matches[0], boxes)
            if box is not None:
                found[name] = box
                break
    return found, circled


def _box_before(caption: Match, boxes: Sequence[Box]) -> Box | None:
    _, cy = caption.box.center
    left = [b for b in boxes if b.x1 <= caption.box.x0 + 1 and b.top - 3 <= cy <= b.bottom + 3]
    return max(left, key=lambda b: b.x1) if left else None


def _resolve(spec: FieldSpec, match: Match, rules: Rules, lines: Sequence[TextLine]
             ) -> LocatedField | None:
    """Turn a label match into the field's cell(s), or None if the ruling does not fit."""
    _, y = match.box.center
    label_cell = enclosing_cell(rules, *match.box.center)
    if label_cell is None:
        return None
    if spec.kind == "photo":
        return LocatedField(spec.key, label_cell, match.box)
    cell = _right_of(rules, label_cell, y)
    if cell is None:
        return None
    if spec.kind == "comb":
        slots = _comb(rules, cell, y, spec.slots)
        if slots is None:
            return None
        union = Box(slots[0].x0, slots[0].top, slots[-1].x1, slots[-1].bottom)
        return LocatedField(spec.key, union, match.box, slots=slots)
    if spec.kind == "choice":
        boxes, circled = _options(spec, cell, rules, lines)
        return LocatedField(spec.key, cell, match.box, boxes=boxes, circled=circled)
    if spec.kind == "flag":
        boxes = checkboxes_in(rules, cell)
        return LocatedField(spec.key, cell, match.box, boxes={"on": boxes[0]}) if boxes else None
    return LocatedField(spec.key, cell, match.box)


def _walk(rules: Rules, cell: Box, down: bool) -> Box:
    """The cell grown through the ruled cells next to it, down a column or along a row, until
    the ruling stops: the extent of the table the cell starts."""
    extent = cell
    while True:
        x, y = ((extent.x0 + STEP, extent.bottom + STEP) if down
                else (extent.x1 + STEP, cell.center[1]))
        nxt = enclosing_cell(rules, x, y)
        if nxt is None:
            return extent
        extent = Box(extent.x0, extent.top, max(extent.x1, nxt.x1), max(extent.bottom, nxt.bottom))


def section_region(match: Match, rules: Rules, page: Box) -> Box:
    """Where a section's fields are: the block its heading heads.

    A heading in a wide cell (a title row) heads the rows below it, as wide as that cell; a
    heading in a tall cell (printed vertically beside the rows) heads the rows to its right, as
    tall as that cell. A heading outside any ruling heads everything below it.
    """
    cell = enclosing_cell(rules, *match.box.center)
    if cell is None:
        return Box(page.x0, match.box.top - 1, page.x1, page.bottom)
    if cell.width >= cell.height:
        return _walk(rules, cell, down=True)
    return _walk(rules, cell, down=False)


class _Search:
    """Label matching with shadowing and section scoping for one page."""

    def __init__(self, data: LabelData, lines: Sequence[TextLine], rules: Rules,
                 page: Box) -> None:
        self.lines = lines
        every = [*data.ignore, *(t for f in data.fields.values() for t in f.labels)]
        self.every = [m for text in set(every) for m in find(lines, text)]
        self.regions: dict[str, Box] = {}
        for name, texts in data.sections.items():
            heads = [m for t in texts for m in find(lines, t)]
            if heads:
                first = min(heads, key=lambda m: (m.box.top, m.box.x0))
                self.regions[name] = section_region(first, rules, page)

    def in_scope(self, spec: FieldSpec, match: Match) -> bool:
        centre = match.box.center
        if spec.section is not None:
            region = self.regions.get(spec.section)
            return region is not None and region.contains_point(*centre)
        return not any(r.contains_point(*centre) for r in self.regions.values())

    def candidates(self, spec: FieldSpec) -> list[Match]:
        """Label matches in preference order: label list order first, then reading order."""
        found: list[Match] = []
        for text in spec.labels:
            matches = not_shadowed(find(self.lines, text), self.every)
            found.extend(m for m in matches if self.in_scope(spec, m))
        return found


def _open_page(pdf: bytes | Path | str) -> pdfplumber.PDF:
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else str(pdf)
    return pdfplumber.open(source)


def locate_fields(pdf: bytes | Path | str, data: LabelData | None = None) -> FormMap:
    """Locate every field of ``labels.toml`` on page 1 of ``pdf``; report the ones not found."""
    data = data or label_data()
    with _open_page(pdf) as document:
        page = document.pages[0]
        lines = text_lines(page.chars)
        rules = read_rules(page)
        bounds = Box(0.0, 0.0, float(page.width), float(page.height))
        search = _Search(data, lines, rules, bounds)
        located: dict[str, LocatedField] = {}
        for key, spec in data.fields.items():
            for match in search.candidates(spec):
                result = _resolve(spec, match, rules, lines)
                if result is not None:
                    located[key] = result
                    break
        missing = _missing(data, located)
        return FormMap(float(page.width), float(page.height), located, missing)


def _missing(data: LabelData, located: dict[str, LocatedField]) -> tuple[str, ...]:
    """Fields, and options of choice fields, that could not be found."""
    missing: list[str] = []
    for key, spec in data.fields.items():
        if key not in located:
            missing.append(key)
            continue
        missing.extend(f"{key}:{name}" for name in spec.options
                       if name not in located[key].boxes)
    return tuple(missing)
