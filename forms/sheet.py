"""A drawing surface for the blank form and its instructions page: a reportlab canvas in
top-left-origin coordinates that sets the Japanese in IPAexGothic and the chosen language in its
own script's font (forms.script_fonts), wrapping rather than shrinking below 6 pt.

Its own module so that the form (forms/render.py) and the instructions page
(forms/instructions.py) both draw on it without importing each other.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from forms import script_fonts
from forms.fonts import japanese_font, text_width
from forms.geometry import Box
from forms.label_text import label_lines, sub_lang
from forms.textfit import wrap

CHECKBOX = 9.0
MIN_PRINTED = 6.0  # no printed label or caption smaller than this (legible on paper)
SUB_SIZE = 6.0  # the chosen-language line of a label (already the minimum: it wraps instead)
SUB_LEADING = 7.2  # room per wrapped line, enough for Thai marks stacked above and below


class Sheet:
    """Draws on a reportlab canvas in top-left-origin coordinates."""

    def __init__(self, canvas: Canvas, page_height: float, lang: str = "en") -> None:
        self.canvas = canvas
        self.page_height = page_height
        self.font = japanese_font()
        self.lang = lang  # the language asked for (ja and en both print English sub-labels)
        self.sub = sub_lang(lang)

    def rect(self, box: Box, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.rect(box.x0, self.page_height - box.bottom, box.width, box.height)

    def line(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, self.page_height - top0, x1, self.page_height - top1)

    def text(self, x: float, baseline: float, text: str, size: float) -> None:
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(x, self.page_height - baseline, text)

    def fitted_text(self, x: float, baseline: float, text: str, size: float, room: float,
                    minimum: float = MIN_PRINTED) -> None:
        """Text shrunk (in 0.25 pt steps) to stay within ``room`` points of width; a text that
        would need less than ``minimum`` is a layout error, never a tiny or overflowing label."""
        size = self.fitting_size(text, size, room)
        if size < minimum:
            raise ValueError(f"layout: a label needs {size:g} pt (< {minimum:g}) to fit")
        self.text(x, baseline, text, size)

    @staticmethod
    def fitting_size(text: str, size: float, room: float) -> float:
        while size > 1 and text_width(text, size) > room:
            size -= 0.25
        return size

    def sub_width(self, text: str, size: float) -> float:
        """Width of a chosen-language string (English is set in the Japanese font, as always)."""
        if self.sub == "en":
            return text_width(text, size)
        return script_fonts.text_width(text, size, self.sub)

    def sub_text(self, x: float, baseline: float, text: str, size: float) -> None:
        """Draw a chosen-language string; a glyph no font has raises MissingGlyphs."""
        if self.sub == "en":
            self.text(x, baseline, text, size)
            return
        script_fonts.draw_text(self.canvas, x, self.page_height - baseline, text, size, self.sub)

    def sub_lines(self, text: str, size: float, room: float) -> list[str]:
        """A chosen-language string wrapped to ``room`` (at spaces, else between letters)."""
        return wrap(text, size, room, self.sub_width)

    def fitted_sub(self, x: float, baseline: float, text: str, size: float, room: float) -> None:
        """A one-line chosen-language string shrunk to ``room``, never below MIN_PRINTED."""
        while self.sub_width(text, size) > room:
            size -= 0.25
            if size < MIN_PRINTED:
                raise ValueError(f"layout: {text!r} does not fit {room:g} pt")
        self.sub_text(x, baseline, text, size)

    def words(self, key: str) -> tuple[str, str]:
        """A label's Japanese and its chosen-language line (forms/label_text.py)."""
        return label_lines(key, self.lang)

    def label(self, box: Box, ja: str, sub: str) -> None:
        """A bilingual label inside ``box``: the Japanese over the chosen language, which wraps
        onto more lines (the Japanese then a little smaller) rather than shrinking below 6 pt."""
        room = box.width - 6
        lines = self.sub_lines(sub, SUB_SIZE, room)
        if len(lines) == 1:
            mid = box.top + box.height / 2
            self.fitted_text(box.x0 + 3, mid - 1, ja, 8.5, room)
            self.sub_text(box.x0 + 3, mid + 7, sub, SUB_SIZE)
            return
        ja_size = 7.5
        block = ja_size + len(lines) * SUB_LEADING
        if block > box.height - 2:
            raise ValueError(f"layout: the label {sub!r} needs {len(lines)} lines")
        top = box.top + (box.height - block) / 2
        self.fitted_text(box.x0 + 3, top + ja_size * 0.9, ja, ja_size, room)
        for index, line in enumerate(lines):
            self.sub_text(box.x0 + 3, top + ja_size + (index + 1) * SUB_LEADING - 1.7, line,
                          SUB_SIZE)

    def checkbox(self, x: float, top: float, side: float = CHECKBOX) -> None:
        self.rect(Box(x, top, x + side, top + side), width=0.8)

    def option(self, x: float, mid: float, ja: str, sub: str, room: float) -> None:
        """A checkbox followed by its bilingual caption, vertically centred on ``mid``."""
        self.checkbox(x, mid - CHECKBOX / 2)
        self.fitted_text(x + CHECKBOX + 3, mid + 3, ja, 8.0, room - CHECKBOX - 4)
        if not sub or sub == ja:  # Chinese 男/女 need no second 男/女
            return
        start = x + CHECKBOX + 5 + text_width(ja, 8.0)
        space = x + room - start
        if self.sub_width(sub, SUB_SIZE) <= space:
            self.sub_text(start, mid + 3, sub, SUB_SIZE)
            return
        lines = _halves(sub, space, self.sub_width) or self.sub_lines(sub, SUB_SIZE, space)
        if len(lines) > 2:  # two short lines rather than one unreadable one; never three
            raise ValueError(f"layout: the caption {sub!r} needs {len(lines)} lines")
        for line, baseline in zip(lines, (mid - 0.5, mid + 6.5), strict=False):
            self.sub_text(start, baseline, line, SUB_SIZE)


def _halves(text: str, space: float, measure: Callable[[str, float], float]) -> list[str]:
    """Split at the space nearest the middle, when both halves then fit ``space``."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    if not spaces:
        return []
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    halves = [text[:cut], text[cut + 1 :]]
    return halves if all(measure(h, SUB_SIZE) <= space for h in halves) else []
