"""The Japanese font used for the blank form and the filled values.

IPAexGothic (IPA Font License v1.0, which allows embedding in documents) ships inside the
``japanize-matplotlib`` package on PyPI, so the font is embedded (subset) in every PDF and the
form renders the same on a machine with no fonts installed. If that package is missing we fall
back to reportlab's built-in CID font HeiseiKakuGo-W5: vector, but not embedded.
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont

EMBEDDED_NAME = "IPAexGothic"
FALLBACK_NAME = "HeiseiKakuGo-W5"


def embedded_font_path() -> Path | None:
    """Where the IPAex Gothic TTF is installed, found without importing matplotlib."""
    spec = importlib.util.find_spec("japanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    return path if path.is_file() else None


@cache
def japanese_font() -> str:
    """Register the Japanese font with reportlab once and return its name."""
    path = embedded_font_path()
    if path is not None:
        pdfmetrics.registerFont(TTFont(EMBEDDED_NAME, str(path)))
        return EMBEDDED_NAME
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_NAME))
    return FALLBACK_NAME


def text_width(text: str, size: float) -> float:
    """Width in points of ``text`` set in the Japanese font at ``size``."""
    return pdfmetrics.stringWidth(text, japanese_font(), size)


@cache
def _embedded_cmap() -> frozenset[int] | None:
    """The code points the embedded font draws, or None with the fallback CID font (no cmap)."""
    if japanese_font() != EMBEDDED_NAME:
        return None
    font = pdfmetrics.getFont(EMBEDDED_NAME)
    return frozenset(font.face.charToGlyph)  # type: ignore[attr-defined]


def unprintable(text: str) -> list[str]:
    """The characters of ``text`` a value cell cannot show: control and format characters
    (ESC, U+202E and other bidi overrides, which reorder or hide what is printed), private-use
    and unassigned ones, and anything the Japanese font has no glyph for (emoji), which a PDF
    viewer would print as an empty box. Spaces are fine."""
    cmap = _embedded_cmap()
    bad = []
    for char in dict.fromkeys(text):
        if char == " ":
            continue
        if unicodedata.category(char).startswith("C") or (cmap is not None
                                                           and ord(char) not in cmap):
            bad.append(char)
    return bad


def describe_char(char: str) -> str:
    """A character as a clerk can look it up, never printed raw: U+202E RIGHT-TO-LEFT OVERRIDE."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()
