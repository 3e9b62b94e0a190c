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


def text_lines(chars: Sequence[Char]) -> list[TextLine]:
    """The page's text as searchable lines, in reading order."""
    lines: list[TextLine] = []
    for row in _rows([c for c in chars if c.get("upright", True)]):
        for run in _runs(row):
            text, owners = [], []
            for i, char in enumerate(run):
                for piece in normalise(char["text"]):
                    text.append(piece)
                    owners.append(i)
            lines.append(TextLine(tuple(run), "".join(text), tuple(owners)))
    return lines


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
