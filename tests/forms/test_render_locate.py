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


def test_blank_asks_for_no_print_scaling(blank: bytes) -> None:
    from pypdf import PdfReader

    prefs = PdfReader(io.BytesIO(blank)).trailer["/Root"]["/ViewerPreferences"]
    assert prefs["/PrintScaling"] == "/None"


def test_page_two_is_the_instructions_checklist(blank: bytes) -> None:
    from forms.mailing import mailing_address

    mail = mailing_address()
    with pdfplumber.open(io.BytesIO(blank)) as pdf:
        assert len(pdf.pages) == 2
        text = pdf.pages[1].extract_text().replace(" ", "")
    for expected in ("実際のサイズ", "100%", "actualsize", "ここに署名", "signhere",
                     "45mmhighand35mmwide", "裏には、名前と生年月日", "料金受取人払",
                     "個人番号カード交付申請書受付センター", "川崎東郵便局",
                     mail.postal_code, mail.checked.isoformat(), "交付通知書", "1-2months",
                     "在留カード", "暗証番号", "PINs"):
        assert expected in text, expected


def test_mailing_address_is_data_with_provenance() -> None:
    import re

    from forms.mailing import mailing_address

    mail = mailing_address()
    assert re.fullmatch(r"\d{3}-\d{4}", mail.postal_code)
    assert mail.url.startswith("https://") and mail.source and mail.checked.year >= 2026
    assert any("受付センター" in line for line in mail.lines_ja)


def test_page_one_foot_has_the_before_you_mail_box(blank: bytes) -> None:
    form = locate_fields(blank)
    lowest = max(f.cell.bottom for f in form.fields.values())
    with pdfplumber.open(io.BytesIO(blank)) as pdf:
        page = pdf.pages[0]
        below = "".join(c["text"] for c in page.chars if c["top"] > lowest)
    assert "郵送する前に" in below and "Beforeyoumail" in below.replace(" ", "")


def test_printed_text_is_legible_and_clear_of_the_ruling(blank: bytes) -> None:
    """Defect: English sub-labels down to 5.25 pt touched the cell border."""
    from forms.ruling import enclosing_cell, read_rules

    with pdfplumber.open(io.BytesIO(blank)) as pdf:
        for page in pdf.pages:
            rules = read_rules(page)
            for char in page.chars:
                if char["text"].isspace() or char["text"] in "□":
                    continue
                assert char["size"] >= 6.0 - 1e-6, (char["text"], char["size"])
                center = ((char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2)
                cell = enclosing_cell(rules, *center)
                if cell is None or page.page_number == 2:
                    continue
                assert char["x0"] >= cell.x0 + 1.5 and char["x1"] <= cell.x1 - 1.5, char["text"]


def test_representative_relationship_label_as_on_the_form(blank: bytes) -> None:
    with pdfplumber.open(io.BytesIO(blank)) as pdf:
        text = pdf.pages[0].extract_text()
    assert "本人との関係" in text and "申請者との関係" not in text
