"""The project's own bilingual blank form, drawn as vector PDF with an embedded Japanese font.

It has the official form's rows, checkboxes, representative block and 35 x 45 mm photo box, but
is not a facsimile. Cell positions are never exported: the filler finds them again with the
locator, exactly as it does on a user-supplied official PDF. ``Layout`` shifts rows and origin so
tests can prove the locator is not bound to coordinates.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from forms.fonts import japanese_font, text_width
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.instructions import draw_before_mailing, draw_instructions
from forms.model import FOREIGN_RESIDENT_CATEGORIES

CHECKBOX = 9.0
MIN_PRINTED = 6.0  # no printed label or caption smaller than this (legible on paper)
TITLE_JA = "個人番号カード交付申請書 兼 電子証明書発行／更新申請書【手書用】"
TITLE_EN = (
    "Application for the Individual Number Card and its electronic certificates (handwritten)"
)


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

    def __init__(self, canvas: Canvas, page_height: float) -> None:
        self.canvas = canvas
        self.page_height = page_height
        self.font = japanese_font()

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

    def label(self, box: Box, ja: str, en: str) -> None:
        """A bilingual label: Japanese line over a smaller English line, inside ``box``."""
        room = box.width - 6
        mid = box.top + box.height / 2
        self.fitted_text(box.x0 + 3, mid - 1, ja, 8.5, room)
        self.fitted_text(box.x0 + 3, mid + 7, en, 6.0, room)

    def checkbox(self, x: float, top: float, side: float = CHECKBOX) -> None:
        self.rect(Box(x, top, x + side, top + side), width=0.8)

    def option(self, x: float, mid: float, ja: str, en: str, room: float) -> None:
        """A checkbox followed by its bilingual caption, vertically centred on ``mid``."""
        self.checkbox(x, mid - CHECKBOX / 2)
        self.fitted_text(x + CHECKBOX + 3, mid + 3, ja, 8.0, room - CHECKBOX - 4)
        if not en:
            return
        start = x + CHECKBOX + 5 + text_width(ja, 8.0)
        space = x + room - start
        if text_width(en, MIN_PRINTED) <= space:
            self.fitted_text(start, mid + 3, en, 6.0, space)
            return
        first, second = _halves(en)  # two short lines rather than one unreadable one
        self.fitted_text(start, mid - 0.5, first, 6.0, space)
        self.fitted_text(start, mid + 6.5, second, 6.0, space)


def _halves(text: str) -> tuple[str, str]:
    """Split at the space nearest the middle."""
    spaces = [i for i, c in enumerate(text) if c == " "]
    cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
    return text[:cut], text[cut + 1 :]


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

    def labelled(self, ja: str, en: str, scale: float = 1.0, right: float | None = None) -> Box:
        """A row of a label cell and one value cell; returns the value cell."""
        label, value = self.cells([self.layout.label_width, -1], self.layout.row_height * scale,
                                  right)
        self.sheet.label(label, ja, en)
        return value

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
    b.sheet.fitted_text(b.left, b.top + 24, TITLE_EN, 8.5, b.right - b.left)
    b.gap(32)


def _photo_box(b: FormBuilder, column: Box) -> None:
    x0 = column.x0 + (column.width - PHOTO_WIDTH) / 2
    box = Box(x0, column.top, x0 + PHOTO_WIDTH, column.top + PHOTO_HEIGHT)
    b.sheet.rect(box, width=0.9)
    cx, cy = box.center
    for text, size, dy in (("顔写真", 10.0, -6), ("Photo", 7.0, 6), ("縦45mm × 横35mm", 6.0, 18)):
        b.sheet.text(cx - text_width(text, size) / 2, cy + dy, text, size)


def _personal(b: FormBuilder) -> None:
    """Rows beside the photo box: date, name, birth date, gender, address."""
    rh = b.layout.row_height
    column = Box(b.right - PHOTO_WIDTH - 8 * mm, b.top, b.right, b.top + PHOTO_HEIGHT)
    right = column.x0 - 2 * mm
    b.labelled("申請日", "Application Date", right=right)
    b.labelled("氏名", "Name", 1.3, right=right)
    b.labelled("生年月日", "Date of Birth", right=right)
    gender = b.labelled("性別", "Gender", right=right)
    b.options(gender, [("男", "Male"), ("女", "Female")], 2)
    address_scale = max(2.0, (PHOTO_HEIGHT + 6) / rh - 4.3)
    b.labelled("住所", "Address", address_scale, right=right)
    _photo_box(b, Box(column.x0, column.top + 1, column.x1, column.bottom))


def _individual_number(b: FormBuilder) -> None:
    """Twelve ruled boxes, one per digit, then a note cell."""
    digit = 19.0
    widths = [b.layout.label_width] + [digit] * 12 + [-1]
    cells = b.cells(widths, b.layout.row_height)
    b.sheet.label(cells[0], "個人番号", "ID Number")
    note = cells[-1]
    b.sheet.fitted_text(note.x0 + 4, note.top + note.height / 2 + 3,
                        "12桁 / 12 digits", 6.5, note.width - 8)


def _details(b: FormBuilder) -> None:
    rh = b.layout.row_height
    b.labelled("旧氏又は通称", "Previous last name or Nickname")
    b.labelled("電話番号", "Phone Number")
    category = b.labelled("外国人住民の区分", "Foreign resident category", 2.4)
    b.options(category, list(FOREIGN_RESIDENT_CATEGORIES.values()), 2)
    lw = b.layout.label_width
    half = (b.right - b.left - 2 * lw) / 2
    cells = b.cells([lw, half, lw, -1], rh * 1.2)
    b.sheet.label(cells[0], "在留期間等満了日の有無", "Expiry date on card")
    b.options(cells[1], [("有", "Listed"), ("無", "Not listed")], 2)
    b.sheet.label(cells[2], "在留期間等満了日", "Expiry Date")
    braille = b.labelled("点字", "Braille")
    b.options(braille, [("希望する", "Braille of the kana name on the card")], 1)


def _certificates(b: FormBuilder) -> None:
    lw = b.layout.label_width
    half = (b.right - b.left - 2 * lw) / 2
    cells = b.cells([lw, half, lw, -1], b.layout.row_height * 1.2)
    b.sheet.label(cells[0], "署名用電子証明書", "Signature certificate")
    b.options(cells[1], [("不要（塗りつぶす）", "Decline")], 1)
    b.sheet.label(cells[2], "利用者証明用電子証明書", "User certificate")
    b.options(cells[3], [("不要（塗りつぶす）", "Decline")], 1)


def _declaration(b: FormBuilder) -> None:
    (note,) = b.cells([-1], b.layout.row_height)
    b.sheet.fitted_text(note.x0 + 4, note.top + note.height / 2 + 3,
                        "上記のとおり申請します。 I apply as stated above.", 8.0, note.width - 8)
    b.labelled("申請者氏名", "Applicant's Name", 1.3)


def _representative(b: FormBuilder) -> None:
    """The legal representative block, headed by its section label."""
    b.gap(8)
    (head,) = b.cells([-1], b.layout.row_height)
    b.sheet.fitted_text(head.x0 + 4, head.top + head.height / 2 + 3,
                        "代理人記載欄  Legal representative (applicant under 15 or adult ward)",
                        8.5, head.width - 8)
    b.labelled("ふりがな", "Furigana")
    b.labelled("氏名", "Name", 1.3)
    lw = b.layout.label_width
    half = (b.right - b.left - 2 * lw) / 2
    cells = b.cells([lw, half, lw, -1], b.layout.row_height)
    b.sheet.label(cells[0], "本人との関係", "Relationship")
    b.sheet.label(cells[2], "郵便番号", "Postal Code")
    b.labelled("住所", "Address", 1.5)
    b.labelled("電話番号", "Phone Number")


def _before_mailing(b: FormBuilder, bottom: float) -> None:
    """The "before you mail" box in the space left at the foot of page 1, when there is room."""
    top = b.top + 12
    if bottom - top < BEFORE_MAILING_MIN_HEIGHT:
        return
    height = min(bottom - top, BEFORE_MAILING_MAX_HEIGHT)
    draw_before_mailing(b.sheet, Box(b.left, top, b.right, top + height))
    b.top = top + height


BEFORE_MAILING_MIN_HEIGHT = 62.0
BEFORE_MAILING_MAX_HEIGHT = 72.0


def _instructions_page(canvas: Canvas, layout: Layout, width: float, height: float) -> None:
    sheet = Sheet(canvas, height)
    box = Box(layout.margin, layout.margin, width - layout.margin, height - layout.margin)
    end = draw_instructions(sheet, box)
    if end > box.bottom:
        raise ValueError("the instructions do not fit on one A4 page")
    sheet.fitted_text(box.x0, height - layout.margin / 2, FOOTER, 6.0, box.width)


FOOTER = "photocheck blank form (not the official J-LIS print)"


def render_blank(layout: Layout | None = None) -> bytes:
    """Draw the blank form (page 1) and the instructions (page 2); return the PDF bytes
    (deterministic for a given layout). Viewers are asked to print at actual size."""
    layout = layout or Layout()
    width, height = A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Individual Number Card application (blank)")
    canvas.setViewerPreference("PrintScaling", "None")
    builder = FormBuilder(Sheet(canvas, height), layout, width)
    for part in (_header, _personal, _individual_number, _details, _certificates,
                 _declaration, _representative):
        part(builder)
    footer = height - layout.margin / 2
    if builder.top > footer:
        raise ValueError("layout does not fit on an A4 page; use a smaller row height")
    _before_mailing(builder, footer - 10)
    builder.sheet.fitted_text(builder.left, footer, FOOTER, 6.0, builder.right - builder.left)
    canvas.showPage()
    _instructions_page(canvas, layout, width, height)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
