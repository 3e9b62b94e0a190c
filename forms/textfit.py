"""Fitting a value into its cell: shrink, then wrap, never overflow.

A value that cannot fit even at the smallest legible size is an error the caller reports, rather
than text spilling over the ruling where an official reader would reject the form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from forms.fonts import japanese_font, text_width
from forms.geometry import Box

MAX_SIZE = 11.0
MIN_SIZE = 4.0
PAD = 2.5
LEADING = 1.15


class TextFitError(ValueError):
    """The text does not fit its cell even at the minimum size."""


@dataclass(frozen=True)
class FittedText:
    """Lines to draw at ``size`` with their baselines (top-left page coordinates)."""

    lines: tuple[str, ...]
    size: float
    x: float
    baselines: tuple[float, ...]


def ascent() -> float:
    """The font's ascent per point of size (so glyph tops line up with the line box)."""
    face = getattr(pdfmetrics.getFont(japanese_font()), "face", None)
    value = getattr(face, "ascent", 880)
    return float(value) / 1000


Measure = Callable[[str, float], float]
_LEADING_VOWELS = "\u0e40\u0e41\u0e42\u0e43\u0e44"  # Thai vowels written before their consonant
_TRAILING = "\u0e30\u0e32\u0e33\u0e45\u0e46"  # Thai vowels and marks that end a syllable
_JOINERS = "\u094d\u200c\u200d"  # virama and joiners bind the next letter into a conjunct


def units(word: str) -> list[str]:
    """The pieces a word may be broken between: a letter with its marks, a Thai leading vowel
    with the consonant it precedes, a Devanagari conjunct whole (breaking inside one would move
    a vowel sign or a half-letter to the next line, where it reads as a different word)."""
    out: list[str] = []
    for char in word:
        joined = out and (unicodedata.category(char) in ("Mn", "Mc", "Me")
                          or out[-1][-1] in _JOINERS or out[-1][-1] in _LEADING_VOWELS
                          or char in _JOINERS or char in _TRAILING)
        if joined:
            out[-1] += char
        else:
            out.append(char)
    return out


def wrap(text: str, size: float, width: float, measure: Measure = text_width) -> list[str]:
    """Greedy wrap at spaces; a word wider than the line is broken between its units (letters
    with their marks). ``measure`` gives a string's width at a size (the Japanese font's by
    default; forms.script_fonts' for the chosen language)."""
    lines: list[str] = []
    current = ""
    for token in re.findall(r"\S+\s*", text):
        if measure((current + token).rstrip(), size) <= width:
            current += token
            continue
        if current.strip():
            lines.append(current.rstrip())
        current = ""
        for char in units(token):
            if current and measure((current + char).rstrip(), size) > width:
                lines.append(current.rstrip())
                current = ""
            current += char
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _place(lines: list[str], size: float, box: Box) -> FittedText:
    leading = size * LEADING
    first_top = box.top + (box.height - leading * len(lines)) / 2 + (leading - size) / 2
    baselines = tuple(first_top + i * leading + ascent() * size for i in range(len(lines)))
    return FittedText(tuple(lines), size, box.x0 + PAD, baselines)


def fit_text(text: str, box: Box, max_size: float = MAX_SIZE) -> FittedText:
    """The largest size (0.25 pt steps) at which ``text`` fits ``box`` inside its padding."""
    width, height = box.width - 2 * PAD, box.height - 2 * PAD
    size = min(max_size, height / LEADING)
    while size >= MIN_SIZE:
        lines = wrap(text, size, width)
        fits = all(text_width(line, size) <= width for line in lines)
        if lines and fits and len(lines) * size * LEADING <= height:
            return _place(lines, size, box)
        size -= 0.25
    raise TextFitError("text does not fit in its cell")
