"""Fonts for every script of the twelve languages in PDFs, and text drawn without losing a glyph.

reportlab embeds TrueType outlines only (not the CFF outlines of Noto CJK's .otf), so each script
gets a .ttf from a Debian package (`make fonts` installs them; CI installs nothing by hand):

- Latin with Vietnamese diacritics: Noto Sans (fonts-noto-core), else DejaVu Sans.
- Japanese kana and kanji: IPAexGothic (PyPI japanize-matplotlib, as forms/fonts.py uses).
- Chinese, Simplified and Traditional: Droid Sans Fallback (fonts-droid-fallback).
- Hangul: NanumGothic (fonts-nanum).
- Thai and Devanagari: Noto Sans Thai / Noto Sans Devanagari (fonts-noto-core).

A string is split into runs, each in the first font (in the language's order of preference) that
has every character of the run; a character no installed font has raises `MissingGlyphs`, never a
blank box or a silently dropped letter. Thai and Devanagari need shaping (reordered vowel signs,
conjuncts and reph, stacked tone marks): reportlab 5 shapes with uharfbuzz when it is installed,
but only through Paragraph or with rlbidi (not on PyPI here) for drawString, so runs in those
scripts are shaped here with reportlab's own `shapeStr`. Shaped glyphs (a reph, a shifted tone
mark) have no single character in the font's cmap, so text extraction from the PDF loses them;
each shaped run is therefore wrapped in a marked-content span whose /ActualText is the exact
text, which copy-paste and accessibility tools read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from forms.fonts import embedded_font_path

_TT = Path("/usr/share/fonts/truetype")


@dataclass(frozen=True)
class FontFile:
    """One embeddable font: its reportlab name, where it is installed, and from which package."""

    name: str
    path: Path | None
    package: str
    shaped: bool = False


FONTS: dict[str, FontFile] = {f.name: f for f in (
    FontFile("NotoSans", _TT / "noto/NotoSans-Regular.ttf", "fonts-noto-core"),
    FontFile("DejaVuSans", _TT / "dejavu/DejaVuSans.ttf", "fonts-dejavu-core"),
    FontFile("IPAexGothic", embedded_font_path(), "japanize-matplotlib (PyPI)"),
    FontFile("DroidSansFallbackFull", _TT / "droid/DroidSansFallbackFull.ttf",
             "fonts-droid-fallback"),
    FontFile("NanumGothic", _TT / "nanum/NanumGothic.ttf", "fonts-nanum"),
    FontFile("NotoSansThai", _TT / "noto/NotoSansThai-Regular.ttf", "fonts-noto-core", True),
    FontFile("NotoSansDevanagari", _TT / "noto/NotoSansDevanagari-Regular.ttf",
             "fonts-noto-core", True),
)}

_LATIN = ("NotoSans", "DejaVuSans")
# The font each script asks for first. Han and kana are Japanese (the official terms quoted beside
# every translation) except in Chinese, whose own glyph forms differ.
_BY_SCRIPT = {
    "HANGUL": ("NanumGothic",),
    "THAI": ("NotoSansThai",),
    "DEVANAGARI": ("NotoSansDevanagari",),
    "CJK": ("IPAexGothic", "DroidSansFallbackFull"),
}
_CHINESE_CJK = ("DroidSansFallbackFull", "IPAexGothic")
_ALL = (*_LATIN, "IPAexGothic", "NotoSansThai", "NotoSansDevanagari", "NanumGothic",
        "DroidSansFallbackFull")


def _script(char: str) -> str | None:
    """The script group of a character that needs its own font; None for Latin and common."""
    name = unicodedata.name(char, "")
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "FULLWIDTH", "IDEOGRAPHIC")):
        return "CJK"
    for script in ("HANGUL", "THAI", "DEVANAGARI"):
        if name.startswith(script):
            return script
    return None


def _order(char: str, lang: str) -> tuple[str, ...]:
    """Fonts to try for `char`, best first."""
    script = _script(char)
    if script == "CJK" and lang.startswith("zh"):
        first: tuple[str, ...] = _CHINESE_CJK
    else:
        first = _BY_SCRIPT.get(script, _LATIN) if script else _LATIN
    return (*first, *(n for n in _ALL if n not in first))


class MissingGlyphs(ValueError):
    """No installed font has these characters: drawing them would leave boxes or nothing."""

    def __init__(self, chars: str, fonts: Iterable[FontFile]) -> None:
        self.chars = chars
        missing = sorted({f.package for f in fonts if not _installed(f)})
        hint = f"; not installed: {', '.join(missing)} (make fonts)" if missing else ""
        names = " ".join(f"U+{ord(c):04X}" for c in chars)
        super().__init__(f"no font covers {chars!r} ({names}){hint}")


def _installed(font: FontFile) -> bool:
    return font.path is not None and font.path.is_file()


@cache
def _load(name: str) -> TTFont | None:
    """Register the font with reportlab once per process; None when it is not installed."""
    font = FONTS[name]
    if not _installed(font):
        return None
    tt = TTFont(font.name, str(font.path))
    pdfmetrics.registerFont(tt)
    return tt


def _covers(name: str, char: str) -> bool:
    tt = _load(name)
    return tt is not None and ord(char) in tt.face.charToGlyph


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks, which must stay in the base character's font."""
    out: list[str] = []
    for ch in text:
        # ZWNJ/ZWJ shape the cluster they sit in, like the marks
        if out and (unicodedata.category(ch) in ("Mn", "Mc", "Me") or ch in "\u200c\u200d"):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def runs(text: str, lang: str = "en") -> list[tuple[FontFile, str]]:
    """`text` split into (font, run) pairs; raises MissingGlyphs for characters no font has.

    Each character goes to the font its script asks for first; spaces, digits and punctuation
    stay in the current run when its font has them, so a run breaks only where the script does.
    """
    result: list[tuple[FontFile, str]] = []
    missing = ""
    for cluster in _clusters(text):
        chars = [c for c in cluster if c not in "\u200c\u200d"]
        current = result[-1][0].name if result else None
        common = _script(chars[0]) is None and not chars[0].isalpha() if chars else True
        if current and common and all(_covers(current, c) for c in chars):
            name: str | None = current
        else:
            order = _order(chars[0], lang) if chars else _LATIN
            name = next((n for n in order if all(_covers(n, c) for c in chars)), None)
        if name is None:
            missing += cluster
            continue
        if result and result[-1][0].name == name:
            result[-1] = (result[-1][0], result[-1][1] + cluster)
        else:
            result.append((FONTS[name], cluster))
    if missing:
        raise MissingGlyphs(missing, (FONTS[n] for n in _ALL))
    return result


def text_width(text: str, size: float, lang: str = "en") -> float:
    """Width in points of `text` as `draw_text` sets it."""
    return sum(pdfmetrics.stringWidth(run, font.name, size) for font, run in runs(text, lang))


def draw_text(canvas: Canvas, x: float, y: float, text: str, size: float,
              lang: str = "en") -> float:
    """Draw `text` from (x, y) in the fonts its scripts need; returns the width drawn."""
    start = x
    for font, run in runs(text, lang):
        canvas.setFont(font.name, size)
        if font.shaped:
            x += _draw_shaped(canvas, x, y, run, font.name, size)
        else:
            canvas.drawString(x, y, run)
            x += pdfmetrics.stringWidth(run, font.name, size)
    return x - start


def _draw_shaped(canvas: Canvas, x: float, y: float, run: str, name: str, size: float) -> float:
    """A shaped run inside /ActualText, so extraction gets the characters, not the glyphs."""
    try:
        from reportlab.pdfbase.ttfonts import shapeStr

        shaped = shapeStr(run, name, size)
    except (ImportError, ValueError):  # no uharfbuzz: unshaped, still every character
        shaped = run
    actual = "".join(f"{b:02X}" for b in ("\ufeff" + run).encode("utf-16-be"))
    canvas._code.append(f"/Span <</ActualText <{actual}>>> BDC")
    canvas.drawString(x, y, shaped)
    canvas._code.append("EMC")
    data = getattr(shaped, "__shapeData__", None)
    if data is None:  # HarfBuzz changed nothing, or is not installed
        return pdfmetrics.stringWidth(run, name, size)
    return sum(g.x_advance for g in data) * size / 1000
