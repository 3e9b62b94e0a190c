"""Draws values, marks and the photo on a transparent page the size of the form.

The overlay is merged onto the blank (own or official) afterwards, so the template's own content
is never rewritten. Coordinates are top-left (as located) and converted here.
"""

from __future__ import annotations

import io

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from forms import script_fonts
from forms.fonts import japanese_font, text_width
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.label_text import sub_lang
from forms.textfit import FittedText, ascent
from photocheck.report import Text

MARK_INSET = 1.6
# The cue reads "× ここに署名 / " and then the applicant's language (English for ja and en).
SIGN_HERE = Text("sign here")
SIGN_HERE_SIZE = 7.0


def sign_here_cue(lang: str = "en") -> str:
    """The whole cue as a reader (or a text extractor) sees it."""
    return f"× {SIGN_HERE.ja} / {SIGN_HERE.get(sub_lang(lang))}"


class Overlay:
    """A one-page PDF canvas addressed in top-left coordinates."""

    def __init__(self, width: float, height: float, lang: str = "en") -> None:
        self.buffer = io.BytesIO()
        self.height = height
        self.canvas = Canvas(self.buffer, pagesize=(width, height), invariant=True)
        self.font = japanese_font()
        self.sub = sub_lang(lang)

    def text(self, fitted: FittedText) -> None:
        self.canvas.setFont(self.font, fitted.size)
        for line, baseline in zip(fitted.lines, fitted.baselines, strict=True):
            self.canvas.drawString(fitted.x, self.height - baseline, line)

    def digits(self, slots: tuple[Box, ...], digits: str) -> None:
        """One digit centred in each box."""
        for slot, digit in zip(slots, digits, strict=True):
            size = min(slot.height * 0.6, slot.width * 0.9, 14.0)
            x = slot.center[0] - text_width(digit, size) / 2
            baseline = slot.center[1] - size / 2 + ascent() * size
            self.canvas.setFont(self.font, size)
            self.canvas.drawString(x, self.height - baseline, digit)

    def check(self, box: Box) -> None:
        """An X across the box, kept inside it."""
        inner = box.inset(MARK_INSET)
        self.canvas.setLineWidth(1.2)
        self.canvas.line(inner.x0, self.height - inner.top, inner.x1, self.height - inner.bottom)
        self.canvas.line(inner.x0, self.height - inner.bottom, inner.x1, self.height - inner.top)

    def circle(self, caption: Box) -> Box:
        """An ellipse around a printed option (男・女 forms are marked by circling); returns it."""
        pad = max(2.0, caption.height * 0.35)
        ring = Box(caption.x0 - pad, caption.top - pad, caption.x1 + pad, caption.bottom + pad)
        self.canvas.setLineWidth(1.0)
        self.canvas.ellipse(ring.x0, self.height - ring.bottom, ring.x1, self.height - ring.top,
                            stroke=1, fill=0)
        return ring

    def sign_here(self, cell: Box, label: Box) -> Box:
        """A grey "× ここに署名 / sign here" cue in the top-left of the empty signature cell,
        kept clear of the printed label when the label shares the cell, and a dotted line for
        the pen; returns the cue's box."""
        x0 = cell.x0 + 3
        if cell.contains_point(*label.center):  # label printed inside the value cell
            x0 = max(x0, label.x1 + 4)
        size = min(SIGN_HERE_SIZE, cell.height / 3)
        ja = f"× {SIGN_HERE.ja} / "
        sub = SIGN_HERE.get(self.sub)
        english = self.sub == "en"
        width = text_width(ja + sub if english else ja, size) + (
            0 if english else script_fonts.text_width(sub, size, self.sub))
        cue = Box(x0, cell.top + 2, x0 + width, cell.top + 2 + size)
        baseline = self.height - (cue.top + ascent() * size)
        self.canvas.saveState()
        self.canvas.setFillGray(0.4)
        self.canvas.setStrokeGray(0.55)
        self.canvas.setFont(self.font, size)
        self.canvas.drawString(cue.x0, baseline, ja + sub if english else ja)
        if not english:
            script_fonts.draw_text(self.canvas, cue.x0 + text_width(ja, size), baseline, sub,
                                   size, self.sub)
        line_y = self.height - (cell.bottom - cell.height * 0.22)
        self.canvas.setLineWidth(0.5)
        self.canvas.setDash(1, 2)
        self.canvas.line(x0, line_y, cell.x1 - 6, line_y)
        self.canvas.restoreState()
        return cue

    def blackout(self, box: Box) -> None:
        """Fill the box solid, as the form asks for declining a certificate."""
        inner = box.inset(0.4)
        self.canvas.setFillGray(0)
        self.canvas.rect(inner.x0, self.height - inner.bottom, inner.width, inner.height,
                         stroke=0, fill=1)

    def photo(self, cell: Box, jpeg: bytes) -> Box:
        """Place the photo at exactly 35 x 45 mm, centred on the photo box; return where."""
        cx, cy = cell.center
        placed = Box(cx - PHOTO_WIDTH / 2, cy - PHOTO_HEIGHT / 2,
                     cx + PHOTO_WIDTH / 2, cy + PHOTO_HEIGHT / 2)
        self.canvas.drawImage(ImageReader(io.BytesIO(jpeg)), placed.x0,
                              self.height - placed.bottom, PHOTO_WIDTH, PHOTO_HEIGHT)
        return placed

    def finish(self) -> bytes:
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()
