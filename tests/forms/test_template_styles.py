"""Supplied templates in other layout styles, drawn here with reportlab: choices printed as
男・女 to circle, labels printed vertically, the representative block elsewhere on the page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from forms.fill import FillError, fill_form
from forms.fonts import japanese_font
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.locate import locate_fields
from forms.photo import PhotoCheck
from forms.validate import validate_applicant

HEIGHT = A4[1]
MINIMAL: dict[str, object] = {
    "individual_number": "123456789018", "name": "佐藤 花", "address": "東京都港区芝公園4-2-8",
    "date_of_birth": "1985-02-03", "sex": "female", "application_date": "2024-05-01",
}


@dataclass
class Drawer:
    """Top-left coordinates over a reportlab canvas, in the styles under test."""

    canvas: Canvas

    def rect(self, box: Box) -> None:
        self.canvas.rect(box.x0, HEIGHT - box.bottom, box.width, box.height)

    def text(self, x: float, baseline: float, text: str, size: float = 10) -> None:
        self.canvas.setFont(japanese_font(), size)
        self.canvas.drawString(x, HEIGHT - baseline, text)

    def vertical(self, cell: Box, text: str, size: float = 10) -> None:
        """One character under another, centred in the cell (縦書き)."""
        top = cell.top + (cell.height - len(text) * size * 1.1) / 2
        for i, char in enumerate(text):
            self.text(cell.x0 + (cell.width - size) / 2, top + (i + 1) * size * 1.1 - 1, char,
                      size)

    def row(self, top: float, label: str, height: float = 30, x0: float = 40,
            label_width: float = 90, x1: float = 420, vertical: bool = False) -> Box:
        """A label cell and its value cell; returns the value cell."""
        label_cell = Box(x0, top, x0 + label_width, top + height)
        value = Box(x0 + label_width, top, x1, top + height)
        self.rect(label_cell)
        self.rect(value)
        if vertical:
            self.vertical(label_cell, label)
        else:
            self.text(x0 + 4, top + height / 2 + 4, label)
        return value

    def photo(self, x0: float, top: float) -> Box:
        box = Box(x0, top, x0 + PHOTO_WIDTH, top + PHOTO_HEIGHT)
        self.rect(box)
        self.text(x0 + 30, top + 60, "顔写真")
        return box


def _pdf(draw: object) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    draw(Drawer(canvas))  # type: ignore[operator]
    canvas.save()
    return buffer.getvalue()


def _applicant_rows(d: Drawer, top: float, vertical: bool = False, height: float = 30) -> None:
    for label in ("申請日", "氏名", "生年月日", "住所", "個人番号", "申請者氏名"):
        d.row(top, label, height=height, vertical=vertical,
              label_width=30 if vertical else 90)
        top += height


def _circled_form(d: Drawer) -> None:
    _applicant_rows(d, 60)
    sex = d.row(240, "性別")
    d.text(sex.x0 + 20, sex.top + 19, "男 ・ 女", 11)
    d.photo(440, 60)


def _accept(_: bytes) -> PhotoCheck:
    return PhotoCheck("accept")


def test_circled_choice_is_circled(tmp_path: Path) -> None:
    """Defect: choices printed as 男・女 (no boxes) made the locator give up."""
    template = tmp_path / "circled.pdf"
    template.write_bytes(_pdf(_circled_form))
    form = locate_fields(template.read_bytes())
    sex = form.fields["sex"]
    assert sex.circled and set(sex.boxes) == {"male", "female"}
    applicant, problems = validate_applicant(MINIMAL)
    assert applicant is not None, problems
    out = tmp_path / "out.pdf"
    fill_form(applicant, out, template=template, checker=_accept)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        rings = [Box(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.curves]
        chars = {c["text"]: Box(c["x0"], c["top"], c["x1"], c["bottom"]) for c in page.chars
                 if c["text"] in "男女"}
    assert len(rings) == 1
    assert rings[0].contains(chars["女"]) and not rings[0].contains_point(*chars["男"].center)


def _vertical_form(d: Drawer) -> None:
    _applicant_rows(d, 60, vertical=True, height=46)
    d.photo(440, 60)


def test_vertical_labels_are_found(tmp_path: Path) -> None:
    """Labels printed top to bottom (縦書き) in a narrow label column."""
    form = locate_fields(_pdf(_vertical_form))
    for key, top in (("application_date", 60), ("name", 106), ("address", 198),
                     ("applicant_signature_name", 290)):
        assert form.fields[key].cell.top == pytest.approx(top), key
        assert form.fields[key].cell.x0 == pytest.approx(70), key
    assert len(form.fields["individual_number"].slots) == 12


def _representative_first(d: Drawer) -> None:
    """The representative block at the top, headed by a vertical 代理人記載欄 beside its rows."""
    head = Box(40, 40, 64, 40 + 4 * 28)
    d.rect(head)
    d.vertical(head, "代理人記載欄", 9)
    for i, label in enumerate(("氏名", "本人との関係", "住所", "電話番号")):
        d.row(40 + i * 28, label, height=28, x0=64, label_width=90, x1=555)
    _applicant_rows(d, 220)
    d.photo(440, 220)


def test_representative_block_anywhere(tmp_path: Path) -> None:
    """Defect: a representative block not at the foot of the page was not told apart."""
    form = locate_fields(_pdf(_representative_first))
    fields = form.fields
    assert fields["representative.name"].cell.top == pytest.approx(40)
    assert fields["representative.relationship"].cell.top == pytest.approx(68)
    assert fields["representative.phone"].cell.top == pytest.approx(124)
    assert fields["name"].cell.top == pytest.approx(250)
    assert fields["address"].cell.top == pytest.approx(310)


def test_unlocated_field_names_itself_and_the_way_out(tmp_path: Path) -> None:
    """Defect: the locator gave up with only "use the official blank form"."""
    template = tmp_path / "circled.pdf"
    template.write_bytes(_pdf(_circled_form))
    raw = {**MINIMAL, "phone": "03-1234-5678"}  # the circled form has no phone row
    applicant, _ = validate_applicant(raw)
    assert applicant is not None
    out = tmp_path / "out.pdf"
    result = fill_form(applicant, out, template=template, checker=_accept)
    (problem,) = [w for w in result.warnings if w.field == "phone"]
    assert problem.severity == "warning" and "電話番号" in problem.reason.ja
    assert "Phone" in problem.reason.en
    assert "by hand" in problem.fix.en and "--template" in problem.fix.en
    assert "手書き" in problem.fix.ja and out.exists()


def test_template_of_another_form_is_refused(tmp_path: Path) -> None:
    template = tmp_path / "other.pdf"
    template.write_bytes(_pdf(lambda d: d.row(100, "備考")))
    applicant, _ = validate_applicant(MINIMAL)
    assert applicant is not None
    with pytest.raises(FillError) as info:
        fill_form(applicant, tmp_path / "out.pdf", template=template, checker=_accept)
    assert all(p.severity == "error" for p in info.value.problems)
    assert "name" in {p.field for p in info.value.problems}
    assert not (tmp_path / "out.pdf").exists()
