from __future__ import annotations

import io

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from forms.fonts import EMBEDDED_NAME, japanese_font
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH
from forms.labels import label_data
from forms.locate import locate_fields
from forms.render import Layout, render_blank

MM = 72 / 25.4


@pytest.fixture(scope="module")
def blank() -> bytes:
    return render_blank()


def test_font_is_embedded_ipaex(blank: bytes) -> None:
    assert japanese_font() == EMBEDDED_NAME
    assert b"FontFile2" in blank  # the TrueType program is inside the PDF


def test_japanese_and_english_labels_extract(blank: bytes) -> None:
    with pdfplumber.open(io.BytesIO(blank)) as pdf:
        text = pdf.pages[0].extract_text()
    for label in ("個人番号", "氏名", "生年月日", "外国人住民の区分", "国籍喪失による経過滞在者",
                  "代理人記載欄", "顔写真", "ID Number", "Date of Birth"):
        assert label in text


def test_every_field_found_on_own_blank(blank: bytes) -> None:
    form = locate_fields(blank)
    assert form.missing == ()
    assert set(form.fields) == set(label_data().fields)
    assert len(form.fields["individual_number"].slots) == 12
    photo = form.fields["photo"].cell
    assert photo.width == pytest.approx(PHOTO_WIDTH, abs=0.2 * MM)
    assert photo.height == pytest.approx(PHOTO_HEIGHT, abs=0.2 * MM)


def test_applicant_and_representative_cells_differ(blank: bytes) -> None:
    fields = locate_fields(blank).fields
    assert fields["name"].cell != fields["representative.name"].cell
    assert fields["name"].cell != fields["applicant_signature_name"].cell
    assert fields["address"].cell.bottom < fields["representative.address"].cell.top
    assert fields["residence_expiry_date"].cell != fields["residence_expiry_listed"].cell


@pytest.mark.parametrize(
    "layout",
    [
        Layout(row_height=28, offset_x=12, offset_y=10),
        Layout(row_height=20, offset_x=-8, offset_y=-6),
    ],
)
def test_locator_follows_shifted_layout(blank: bytes, layout: Layout) -> None:
    base = locate_fields(blank).fields
    moved = locate_fields(render_blank(layout))
    assert moved.missing == ()
    # Rows moved by different amounts: the locator found them, it did not remember them.
    shifts = {round(moved.fields[k].cell.top - base[k].cell.top, 1) for k in base}
    assert len(shifts) > 3
    assert moved.fields["representative.phone"].cell.height == pytest.approx(layout.row_height)


def test_too_tall_layout_refused() -> None:
    with pytest.raises(ValueError, match="does not fit"):
        render_blank(Layout(row_height=40))


def _foreign_style_form() -> bytes:
    """A different form: spaced labels, □ glyph checkboxes, lines instead of rects."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    font = japanese_font()
    height = A4[1]

    def hline(y: float) -> None:
        canvas.line(50, height - y, 500, height - y)

    for y in (100, 140, 180):
        hline(y)
    for x in (50, 200, 500):
        canvas.line(x, height - 100, x, height - 180)
    canvas.setFont(font, 10)
    canvas.drawString(60, height - 125, "氏　　名")
    canvas.drawString(60, height - 165, "性 別")
    canvas.drawString(210, height - 165, "□ 男     □ 女")
    canvas.save()
    return buffer.getvalue()


def test_locator_handles_spaced_labels_and_glyph_boxes() -> None:
    form = locate_fields(_foreign_style_form())
    assert form.fields["name"].cell.x0 == pytest.approx(200)
    assert form.fields["name"].cell.top == pytest.approx(100)
    boxes = form.fields["sex"].boxes
    assert set(boxes) == {"male", "female"}
    assert boxes["male"].x1 < boxes["female"].x0
    assert "individual_number" in form.missing
