"""Finding printed strings on a PDF page from pdfplumber's characters.

Words are not reliable for Japanese (no spaces), so characters are grouped into visual lines,
split at wide gaps (so text in neighbouring cells never joins), and searched as strings with
whitespace removed and NFKC applied.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from forms.geometry import Box

Char = dict[str, Any]


def normalise(text: str) -> str:
    """NFKC without whitespace: the form in which labels are compared."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class TextLine:
    """One run of characters on a line; ``owners[i]`` is the char behind ``text[i]``."""

    chars: tuple[Char, ...]
    text: str
    owners: tuple[int, ...]


@dataclass(frozen=True)
class Match:
    """Where a string was found: its bounding box and its span in a line."""

    needle: str
    box: Box
    line: int
    start: int
    end: int

    def covers(self, other: Match) -> bool:
        """True when ``other`` lies within this match's span on the same line."""
        return self.line == other.line and self.start <= other.start and other.end <= self.end


def _runs(row: list[Char]) -> Iterable[list[Char]]:
    """Split one visual line at gaps wider than about one character."""
    row.sort(key=lambda c: c["x0"])
    run: list[Char] = []
    for char in row:
        if run and char["x0"] - run[-1]["x1"] > max(char["size"], run[-1]["size"]) * 1.1:
            yield run
            run = []
        run.append(char)
    if run:
        yield run


def _rows(chars: Sequence[Char]) -> list[list[Char]]:
    """Group characters whose vertical middles agree within a third of their size."""
    rows: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c["top"] + c["bottom"]) / 2):
        mid = (char["top"] + char["bottom"]) / 2
        if rows:
            last = rows[-1][-1]
            if abs(mid - (last["top"] + last["bottom"]) / 2) <= char["size"] / 3:
                rows[-1].append(char)
                continue
        rows.append([char])
    return rows


def _line(run: Sequence[Char]) -> TextLine:
    text, owners = [], []
    for i, char in enumerate(run):
        for piece in normalise(char["text"]):
            text.append(piece)
            owners.append(i)
    return TextLine(tuple(run), "".join(text), tuple(owners))


def _stacked(upper: Char, lower: Char) -> bool:
    """``lower`` continues a vertically printed label under ``upper`` (縦書き): same size, same
    column, and no more than about half a character of space between them."""
    size = upper["size"]
    same_column = abs((upper["x0"] + upper["x1"]) - (lower["x0"] + lower["x1"])) / 2 <= 0.2 * size
    gap = lower["top"] - upper["bottom"]
    return abs(lower["size"] - size) < 0.3 and same_column and -0.2 * size <= gap <= 0.6 * size


def _columns(chars: Sequence[Char]) -> list[list[Char]]:
    """Runs of two or more characters printed one under another (vertical labels)."""
    columns: list[list[Char]] = []
    open_runs: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if char["text"].isspace():
            continue
        ended = [r for r in open_runs if char["top"] - r[-1]["bottom"] > r[-1]["size"]]
        columns.extend(r for r in ended if len(r) > 1)
        open_runs = [r for r in open_runs if char["top"] - r[-1]["bottom"] <= r[-1]["size"]]
        run = next((r for r in open_runs if _stacked(r[-1], char)), None)
        if run is None:
            open_runs.append([char])
        else:
            run.append(char)
    columns.extend(r for r in open_runs if len(r) > 1)
    return columns


def text_lines(chars: Sequence[Char]) -> list[TextLine]:
    """The page's text as searchable lines: horizontal runs in reading order, then vertical
    runs (labels printed top to bottom), so a label is found whichever way it is printed."""
    upright = [c for c in chars if c.get("upright", True)]
    lines = [_line(run) for row in _rows(upright) for run in _runs(row)]
    return lines + [_line(column) for column in _columns(upright)]


def _box(line: TextLine, start: int, end: int) -> Box:
    chars = line.chars[line.owners[start] : line.owners[end - 1] + 1]
    return Box(min(c["x0"] for c in chars), min(c["top"] for c in chars),
               max(c["x1"] for c in chars), max(c["bottom"] for c in chars))


def find(lines: Sequence[TextLine], needle: str) -> list[Match]:
    """Every occurrence of ``needle`` (normalised) in reading order."""
    target = normalise(needle)
    found: list[Match] = []
    if not target:
        return found
    for index, line in enumerate(lines):
        start = line.text.find(target)
        while start >= 0:
            end = start + len(target)
            found.append(Match(target, _box(line, start, end), index, start, end))
            start = line.text.find(target, start + 1)
    found.sort(key=lambda m: (round(m.box.top), m.box.x0))
    return found


def not_shadowed(matches: Iterable[Match], longer: Iterable[Match]) -> list[Match]:
    """Drop matches that are only part of a longer, different label (氏名 in 申請者氏名)."""
    longer = [m for m in longer]
    return [
        m for m in matches
        if not any(o.covers(m) and len(o.needle) > len(m.needle) for o in longer)
    ]
