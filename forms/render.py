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
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from forms.fonts import text_width
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.guidance import Guide
from forms.instructions import before_mailing, draw_before_mailing, draw_instructions
from forms.label_text import CATEGORY_TEXT, FOOTER, without_japanese
from forms.sheet import MIN_PRINTED, SUB_LEADING, Sheet
from photocheck.report import Text

TITLE_JA = "個人番号カード交付申請書 兼 電子証明書発行／更新申請書【手書用】"


@dataclass(frozen=True)
class Layout:
    """Knobs for the drawing: row height and page offset (points)."""

    row_height: float = 24.0
    offset_x: float = 0.0
    offset_y: float = 0.0
    label_width: float = 34 * mm
    margin: float = 14 * mm


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
