"""The project's own bilingual blank form, drawn as vector PDF with embedded fonts.

Like J-LIS's editions, every label is the Japanese over the applicant's language (English for
`ja` and `en`, as the Japanese/English edition): the Japanese in IPAexGothic, the chosen
language through forms.script_fonts (the font its script needs, Thai and Devanagari shaped),
wrapped onto a second line when it is long, never shrunk below 6 pt nor let out of its cell. The
labels come from the catalogs (forms/label_text.py). It has the official form's rows,
checkboxes, representative block and 35 x 45 mm photo box, but is not a facsimile. Cell
positions are never exported: the filler finds them again with the locator, exactly as it does
on a user-supplied official PDF. ``Layout`` shifts rows and origin so tests can prove the
locator is not bound to coordinates.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from forms import script_fonts
from forms.fonts import japanese_font, text_width
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.guidance import Guide
from forms.instructions import before_mailing, draw_before_mailing, draw_instructions
from forms.label_text import CATEGORY_TEXT, FOOTER, label_lines, sub_lang, without_japanese
from forms.textfit import wrap
from photocheck.report import Text

CHECKBOX = 9.0
MIN_PRINTED = 6.0  # no printed label or caption smaller than this (legible on paper)
SUB_SIZE = 6.0  # the chosen-language line of a label (already the minimum: it wraps instead)
SUB_LEADING = 7.2  # room per wrapped line, enough for Thai marks stacked above and below
TITLE_JA = "個人番号カード交付申請書 兼 電子証明書発行／更新申請書【手書用】"


@dataclass(frozen=True)
class Layout:
    """Knobs for the drawing: row height and page offset (points)."""

    row_height: float = 24.0
    offset_x: float = 0.0
    offset_y: float = 0.0
    label_width: float = 34 * mm
    margin: float = 14 * mm


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


class FormBuilder:
    """Lays out the rows top to bottom; each method draws one row and advances ``top``."""

    def __init__(self, sheet: Sheet, layout: Layout, page_width: float) -> None:
        self.sheet = sheet
        self.layout = layout
        self.left = layout.margin + layout.offset_x
        self.right = page_width - layout.margin + layout.offset_x
        self.top = layout.margin + layout.offset_y

    def cells(self, widths: list[float], height: float, right: float | None = None) -> list[Box]:
        """Draw one row of ruled cells; the last width -1 means 'the rest of the row'."""
        right = self.right if right is None else right
        boxes: list[Box] = []
        x = self.left
        for width in widths:
            x1 = right if width < 0 else x + width
            boxes.append(Box(x, self.top, x1, self.top + height))
            x = x1
        for box in boxes:
            self.sheet.rect(box)
        self.top += height
        return boxes

    def labelled(self, key: str, scale: float = 1.0, right: float | None = None) -> Box:
        """A row of a label cell and one value cell; returns the value cell."""
        label, value = self.cells([self.layout.label_width, -1], self.layout.row_height * scale,
                                  right)
        self.sheet.label(label, *self.sheet.words(key))
        return value

    def choices(self, keys: list[str]) -> list[tuple[str, str]]:
        """Captions of checkbox options by label key."""
        return [self.sheet.words(key) for key in keys]

    def options(self, box: Box, choices: list[tuple[str, str]], columns: int) -> None:
        """Checkbox options laid out in a grid inside ``box``."""
        rows = -(-len(choices) // columns)
        col_width = box.width / columns
        row_height = box.height / rows
        for i, (ja, en) in enumerate(choices):
            x = box.x0 + 5 + (i % columns) * col_width
            mid = box.top + (i // columns + 0.5) * row_height
            self.sheet.option(x, mid, ja, en, col_width - 8)

    def gap(self, height: float) -> None:
        self.top += height


def _header(b: FormBuilder) -> None:
    b.sheet.fitted_text(b.left, b.top + 12, TITLE_JA, 12.5, b.right - b.left)
    b.sheet.fitted_sub(b.left, b.top + 24, b.sheet.words("title")[1], 8.5, b.right - b.left)
    b.gap(32)


def _photo_box(b: FormBuilder, column: Box) -> None:
    """The 35 x 45 mm box with its caption: 顔写真 and the size, each over the chosen language."""
    x0 = column.x0 + (column.width - PHOTO_WIDTH) / 2
    box = Box(x0, column.top, x0 + PHOTO_WIDTH, column.top + PHOTO_HEIGHT)
    b.sheet.rect(box, width=0.9)
    cx, cy = box.center
    room = PHOTO_WIDTH - 6
    photo_ja, photo_sub = b.sheet.words("photo")
    size_ja, size_sub = b.sheet.words("photo_size")
    b.sheet.text(cx - text_width(photo_ja, 10.0) / 2, cy - 6, photo_ja, 10.0)
    _centred_sub(b.sheet, cx, cy + 6, photo_sub, 7.0, room)
    b.sheet.text(cx - text_width(size_ja, 6.0) / 2, cy + 18, size_ja, 6.0)
    if b.sheet.sub != "en":  # the English edition shows the size once, in figures
        _centred_sub(b.sheet, cx, cy + 26, size_sub, 6.0, room)


def _centred_sub(sheet: Sheet, cx: float, baseline: float, text: str, size: float,
                 room: float) -> None:
    while sheet.sub_width(text, size) > room and size > MIN_PRINTED:
        size -= 0.25
    for index, line in enumerate(sheet.sub_lines(text, size, room)):
        sheet.sub_text(cx - sheet.sub_width(line, size) / 2, baseline + index * SUB_LEADING,
                       line, size)


def _personal(b: FormBuilder) -> None:
    """Rows beside the photo box: date, name, birth date, gender, address."""
    rh = b.layout.row_height
    column = Box(b.right - PHOTO_WIDTH - 8 * mm, b.top, b.right, b.top + PHOTO_HEIGHT)
    right = column.x0 - 2 * mm
    b.labelled("application_date", right=right)
    b.labelled("name", 1.3, right=right)
    b.labelled("date_of_birth", right=right)
    gender = b.labelled("sex", right=right)
    b.options(gender, b.choices(["male", "female"]), 2)
    address_scale = max(2.0, (PHOTO_HEIGHT + 6) / rh - 4.3)
    b.labelled("address", address_scale, right=right)
    _photo_box(b, Box(column.x0, column.top + 1, column.x1, column.bottom))


def _individual_number(b: FormBuilder) -> None:
    """Twelve ruled boxes, one per digit, then a note cell."""
    digit = 19.0
    widths = [b.layout.label_width] + [digit] * 12 + [-1]
    cells = b.cells(widths, b.layout.row_height)
    b.sheet.label(cells[0], *b.sheet.words("individual_number"))
    note = cells[-1]
    ja, sub = b.sheet.words("twelve_digits")
    b.sheet.fitted_text(note.x0 + 4, note.top + note.height / 2 - 1, ja, 6.5, note.width - 8)
    b.sheet.fitted_sub(note.x0 + 4, note.top + note.height / 2 + 7, sub, 6.5, note.width - 8)


def _details(b: FormBuilder) -> None:
    rh = b.layout.row_height
    b.labelled("former_name_or_alias")
    b.labelled("phone")
    category = b.labelled("foreign_resident_category", 2.4)
    b.options(category, [_category(ja, text, b.sheet.sub) for ja, text in CATEGORY_TEXT], 2)
    lw = b.layout.label_width
    half = (b.right - b.left - 2 * lw) / 2
    cells = b.cells([lw, half, lw, -1], rh * 1.2)
    b.sheet.label(cells[0], *b.sheet.words("expiry_listed"))
    b.options(cells[1], b.choices(["listed", "not_listed"]), 2)
    b.sheet.label(cells[2], *b.sheet.words("expiry_date"))
    braille = b.labelled("braille")
    b.options(braille, b.choices(["braille_wanted"]), 1)


def _category(ja: str, text: Text, lang: str) -> tuple[str, str]:
    """A category's caption: the official Japanese, then the translation without the Japanese
    the catalogs put beside an official term (it is printed just before)."""
    return ja, without_japanese(text.get(lang), ja)


def _certificates(b: FormBuilder) -> None:
    lw = b.layout.label_width
    half = (b.right - b.left - 2 * lw) / 2
    cells = b.cells([lw, half, lw, -1], b.layout.row_height * 1.2)
    b.sheet.label(cells[0], *b.sheet.words("signature_cert"))
    b.options(cells[1], b.choices(["decline"]), 1)
    b.sheet.label(cells[2], *b.sheet.words("user_cert"))
    b.options(cells[3], b.choices(["decline"]), 1)


def _declaration(b: FormBuilder) -> None:
    (note,) = b.cells([-1], b.layout.row_height)
    _inline(b.sheet, note, *b.sheet.words("declaration"), 8.0)
    b.labelled("applicant_name", 1.3)


def _inline(sheet: Sheet, cell: Box, ja: str, sub: str, size: float) -> None:
    """A one-line row: the Japanese, then the chosen language after it, both fitted to ``cell``."""
    room = cell.width - 8
    baseline = cell.top + cell.height / 2 + 3
    sheet.fitted_text(cell.x0 + 4, baseline, ja, size, room)
    start = cell.x0 + 4 + text_width(ja, size) + size
    sheet.fitted_sub(start, baseline, sub, size, cell.x0 + 4 + room - start)


def _representative(b: FormBuilder) -> None:
    """The legal representative block, headed by its section label."""
    b.gap(8)
    (head,) = b.cells([-1], b.layout.row_height)
    _inline(b.sheet, head, *b.sheet.words("representative"), 8.5)
    b.labelled("furigana")
    b.labelled("name", 1.3)
    lw = b.layout.label_width
    half = (b.right - b.left - 2 * lw) / 2
    cells = b.cells([lw, half, lw, -1], b.layout.row_height)
    b.sheet.label(cells[0], *b.sheet.words("relationship"))
    b.sheet.label(cells[2], *b.sheet.words("postal_code"))
    b.labelled("address", 1.5)
    b.labelled("phone")


def _before_mailing(b: FormBuilder, bottom: float, guide: Guide | None = None) -> None:
    """The "before you mail" box in the space left at the foot of page 1, when there is room."""
    top = b.top + 12
    if bottom - top < BEFORE_MAILING_MIN_HEIGHT:
        return
    height = min(bottom - top, BEFORE_MAILING_MAX_HEIGHT)
    draw_before_mailing(b.sheet, Box(b.left, top, b.right, top + height), before_mailing(guide))
    b.top = top + height


BEFORE_MAILING_MIN_HEIGHT = 62.0
BEFORE_MAILING_MAX_HEIGHT = 72.0


def _instructions_page(canvas: Canvas, layout: Layout, width: float, height: float,
                       lang: str, guide: Guide | None) -> None:
    sheet = Sheet(canvas, height, lang)
    box = Box(layout.margin, layout.margin, width - layout.margin, height - layout.margin)
    end = draw_instructions(sheet, box, guide=guide)
    if end > box.bottom:
        raise ValueError("the instructions do not fit on one A4 page")
    _footer(sheet, box.x0, height - layout.margin / 2, box.width)


def _footer(sheet: Sheet, x: float, baseline: float, room: float) -> None:
    """The note that this is the project's form, not the agency's print (Japanese, then the
    chosen language)."""
    sheet.fitted_text(x, baseline, FOOTER.ja, 6.0, room)
    start = x + text_width(FOOTER.ja, 6.0) + 6
    sheet.fitted_sub(start, baseline, FOOTER.get(sheet.sub), 6.0, x + room - start)


def render_blank(layout: Layout | None = None, lang: str = "en", guide: Guide | None = None
                 ) -> bytes:
    """Draw the blank form (page 1) and the instructions (page 2) in Japanese and ``lang``
    (English for ja and en); return the PDF bytes (deterministic for a given layout and
    language). ``guide`` writes page 2 for one applicant (forms/guidance.py). Viewers are asked
    to print at actual size."""
    layout = layout or Layout()
    width, height = A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Individual Number Card application (blank)")
    canvas.setViewerPreference("PrintScaling", "None")
    builder = FormBuilder(Sheet(canvas, height, lang), layout, width)
    for part in (_header, _personal, _individual_number, _details, _certificates,
                 _declaration, _representative):
        part(builder)
    footer = height - layout.margin / 2
    if builder.top > footer:
        raise ValueError("layout does not fit on an A4 page; use a smaller row height")
    _before_mailing(builder, footer - 10, guide)
    _footer(builder.sheet, builder.left, footer, builder.right - builder.left)
    canvas.showPage()
    _instructions_page(canvas, layout, width, height, lang, guide)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
