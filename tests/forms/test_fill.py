from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from forms.fill import FillError, fill_form
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.locate import FormMap, locate_fields
from forms.model import Applicant
from forms.overlay import sign_here_cue
from forms.photo import Checker, Framer, PhotoCheck
from forms.render import Layout, render_blank
from forms.textsearch import normalise
from forms.validate import validate_applicant
from forms.values import date_text
from photocheck.report import Text

MM = 72 / 25.4
FACE = (180.0, 60.0, 140.0, 170.0)  # the astronaut's face, in pixels


def accept(_: bytes) -> PhotoCheck:
    return PhotoCheck("accept", (), FACE)


def reject(_: bytes) -> PhotoCheck:
    return PhotoCheck("reject", (Text("print.framing: head too small",
                                      "print.framing: 頭が小さすぎます"),), None)


def applicant_from(raw: dict[str, object]) -> Applicant:
    applicant, problems = validate_applicant(raw)
    assert applicant is not None, problems
    return applicant


def chars_box(char: dict[str, float]) -> Box:
    return Box(char["x0"], char["top"], char["x1"], char["bottom"])


def new_chars(filled: Path, template: bytes) -> list[dict[str, object]]:
    """Characters the filler added (present in the output, absent from the blank)."""
    def key(c: dict[str, object]) -> tuple[object, ...]:
        return c["text"], round(float(c["x0"]), 2), round(float(c["top"]), 2)  # type: ignore[arg-type]

    with pdfplumber.open(io.BytesIO(template)) as pdf:
        before = {key(c) for c in pdf.pages[0].chars}
    with pdfplumber.open(filled) as pdf:
        return [c for c in pdf.pages[0].chars if key(c) not in before]


def text_in(form: FormMap, chars: list[dict[str, object]], field: str) -> str:
    cell = form.fields[field].cell
    inside = [c for c in chars if cell.contains_point(*chars_box(c).center)]  # type: ignore[arg-type]
    inside.sort(key=lambda c: (round(float(c["top"])), float(c["x0"])))  # type: ignore[arg-type]
    return normalise("".join(str(c["text"]) for c in inside))


def marks_in(filled: Path, box: Box) -> list[dict[str, object]]:
    """Lines and filled rects drawn inside ``box`` (the box's own outline excluded)."""
    with pdfplumber.open(filled) as pdf:
        page = pdf.pages[0]
        objects = [*page.lines, *[r for r in page.rects if r["fill"]]]
    return [o for o in objects if box.contains(chars_box(o), tol=0.1)]  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def blank() -> bytes:
    return render_blank()


def test_every_value_sits_inside_its_cell(tmp_path: Path, adult_foreign: dict[str, object],
                                          astronaut_jpeg: Path, blank: bytes) -> None:
    adult_foreign["former_name_or_alias"] = "JONES"
    out = tmp_path / "out.pdf"
    applicant = applicant_from(adult_foreign)
    fill_form(applicant, out, photo=astronaut_jpeg, checker=accept)
    form = locate_fields(blank)
    added = new_chars(out, blank)
    cells = [f.cell for f in form.fields.values()]
    for char in added:
        assert any(cell.contains(chars_box(char)) for cell in cells), char["text"]  # type: ignore[arg-type]
    expected = {
        "name": "SMITH JANE ALICE",
        "address": adult_foreign["address"],
        "application_date": date_text(dt.date(2024, 5, 1)),
        "date_of_birth": date_text(dt.date(1990, 4, 12)),
        "phone": "03-1234-5678",
        "former_name_or_alias": "JONES",
        "residence_expiry_date": date_text(dt.date(2027, 3, 31)),
        "applicant_signature_name": normalise(sign_here_cue()),  # left for the pen
        "individual_number": "123456789018",
    }
    for field, value in expected.items():
        assert text_in(form, added, field) == normalise(str(value)), field


def test_digits_one_per_box(tmp_path: Path, adult_foreign: dict[str, object], blank: bytes) -> None:
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, checker=accept)
    slots = locate_fields(blank).fields["individual_number"].slots
    digits = [c for c in new_chars(out, blank) if str(c["text"]).isdigit()]
    for slot, digit in zip(slots, "123456789018", strict=True):
        inside = [c for c in digits if slot.contains(chars_box(c))]  # type: ignore[arg-type]
        assert [c["text"] for c in inside] == [digit]


def test_number_appears_only_in_its_cell(tmp_path: Path, adult_foreign: dict[str, object],
                                         astronaut_jpeg: Path) -> None:
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, photo=astronaut_jpeg, checker=accept)
    raw = out.read_bytes()
    assert b"123456789018" not in raw  # not in metadata, file names or plain streams
    with pdfplumber.open(out) as pdf:
        assert "123456789018" not in str(pdf.metadata)
        text = normalise(pdf.pages[0].extract_text())
    assert text.count("123456789018") == 1


def test_photo_is_35x45mm_inside_its_box(tmp_path: Path, adult_foreign: dict[str, object],
                                         astronaut_jpeg: Path, blank: bytes) -> None:
    out = tmp_path / "out.pdf"
    result = fill_form(applicant_from(adult_foreign), out, photo=astronaut_jpeg, checker=accept)
    assert result.warnings == ()
    box = locate_fields(blank).fields["photo"].cell
    with pdfplumber.open(out) as pdf:
        (image,) = pdf.pages[0].images
    assert abs(image["width"] - PHOTO_WIDTH) <= 0.2 * MM
    assert abs(image["height"] - PHOTO_HEIGHT) <= 0.2 * MM
    assert box.contains(chars_box(image), tol=0.2 * MM)
    width, height = image["srcsize"]
    assert width / height == pytest.approx(35 / 45, abs=0.01)


def test_checkboxes_marked_where_chosen(tmp_path: Path, child: dict[str, object],
                                        blank: bytes) -> None:
    out = tmp_path / "child.pdf"
    fill_form(applicant_from(child), out, checker=accept)
    fields = locate_fields(blank).fields
    assert marks_in(out, fields["sex"].boxes["female"])
    assert not marks_in(out, fields["sex"].boxes["male"])
    assert marks_in(out, fields["braille"].boxes["on"])
    blackout = marks_in(out, fields["decline_signature_cert"].boxes["on"])
    assert blackout and blackout[0]["fill"]
    assert not marks_in(out, fields["decline_user_cert"].boxes["on"])
    for box in fields["foreign_resident_category"].boxes.values():
        assert not marks_in(out, box)
    added = new_chars(out, blank)
    assert text_in(locate_fields(blank), added, "representative.name") == "山田太郎"


def test_category_and_expiry_boxes(tmp_path: Path, adult_foreign: dict[str, object],
                                   blank: bytes) -> None:
    adult_foreign["foreign_resident_category"] = "transitional_nationality_loss"
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, checker=accept)
    fields = locate_fields(blank).fields
    for name, box in fields["foreign_resident_category"].boxes.items():
        assert bool(marks_in(out, box)) == (name == "transitional_nationality_loss")
    assert marks_in(out, fields["residence_expiry_listed"].boxes["yes"])
    assert not marks_in(out, fields["residence_expiry_listed"].boxes["no"])


def test_long_text_shrinks_and_stays_inside(tmp_path: Path, adult_foreign: dict[str, object],
                                            blank: bytes) -> None:
    long_address = "北海道札幌市中央区北一条西二丁目一番地 " * 4 + "Sapporo Tower Residence 3F"
    adult_foreign["address"] = long_address
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, checker=accept)
    cell = locate_fields(blank).fields["address"].cell
    added = [c for c in new_chars(out, blank)
             if cell.contains_point(*chars_box(c).center)]  # type: ignore[arg-type]
    assert added and all(cell.contains(chars_box(c)) for c in added)  # type: ignore[arg-type]
    assert max(float(c["size"]) for c in added) < 11  # type: ignore[arg-type]


def test_text_that_cannot_fit_is_refused(tmp_path: Path, adult_foreign: dict[str, object]) -> None:
    adult_foreign["phone"] = "0" + "-1234" * 200
    applicant = applicant_from({**adult_foreign, "phone": "03-1234-5678"})
    object.__setattr__(applicant, "phone", adult_foreign["phone"])
    out = tmp_path / "out.pdf"
    with pytest.raises(FillError) as info:
        fill_form(applicant, out, checker=accept)
    assert info.value.problems[0].field == "phone"
    assert not out.exists()


def test_rejected_photo_is_an_error_unless_allowed(
        tmp_path: Path, adult_foreign: dict[str, object], astronaut_jpeg: Path) -> None:
    """Defect: a photo the print check rejected was placed with exit 0."""
    out = tmp_path / "out.pdf"
    with pytest.raises(FillError) as info:
        fill_form(applicant_from(adult_foreign), out, photo=astronaut_jpeg, checker=reject,
                  framer=None)
    assert not out.exists()
    assert {p.field for p in info.value.problems} == {"photo"}
    assert "print.framing: head too small" in [p.reason.en for p in info.value.problems]
    assert "--allow-photo-warnings" in info.value.problems[0].fix.en
    result = fill_form(applicant_from(adult_foreign), out, photo=astronaut_jpeg, checker=reject,
                       framer=None, allow_photo_warnings=True)
    assert out.exists()
    assert all(w.severity == "warning" for w in result.warnings)
    assert "print.framing: head too small" in [w.reason.en for w in result.warnings]
    assert "写真の確認結果：不合格" in [w.reason.ja for w in result.warnings]


def test_signature_cell_left_for_the_pen(tmp_path: Path, adult_foreign: dict[str, object],
                                         blank: bytes) -> None:
    """Defect: 申請者氏名 was typed, leaving nowhere to sign."""
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, checker=accept)
    signature = locate_fields(blank).fields["applicant_signature_name"]
    added = [c for c in new_chars(out, blank)
             if signature.cell.contains_point(*chars_box(c).center)]  # type: ignore[arg-type]
    assert normalise("".join(str(c["text"]) for c in added)) == normalise(sign_here_cue())
    cue = Box(min(float(c["x0"]) for c in added), min(float(c["top"]) for c in added),  # type: ignore[arg-type]
              max(float(c["x1"]) for c in added), max(float(c["bottom"]) for c in added))  # type: ignore[arg-type]
    assert cue.x1 < signature.cell.x0 + signature.cell.width / 2  # most of the cell stays free
    assert not (cue.x0 < signature.label.x1 and signature.label.x0 < cue.x1
                and cue.top < signature.label.bottom and signature.label.top < cue.bottom)
    assert "SMITH" not in "".join(str(c["text"]) for c in added)


def test_signature_name_printed_on_request(tmp_path: Path, adult_foreign: dict[str, object],
                                           blank: bytes) -> None:
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, checker=accept, print_signature_name=True)
    form = locate_fields(blank)
    assert text_in(form, new_chars(out, blank), "applicant_signature_name") == "SMITHJANEALICE"
    adult_foreign["print_signature_name"] = True
    adult_foreign["applicant_signature_name"] = "SMITH J. A."
    fill_form(applicant_from(adult_foreign), out, checker=accept)
    assert text_in(form, new_chars(out, blank), "applicant_signature_name") == "SMITHJ.A."


def test_illegibly_small_text_is_a_warning(tmp_path: Path, adult_foreign: dict[str, object]
                                           ) -> None:
    """Defect: a long name shrank to 5.5 pt without a word."""
    adult_foreign["name"] = "NGUYEN " * 45 + "AN"  # fits at 5.25 pt
    out = tmp_path / "out.pdf"
    result = fill_form(applicant_from(adult_foreign), out, checker=accept)
    small = [w for w in result.warnings if "legible" in w.reason.en]
    assert [w.field for w in small] == ["name"] and "pt" in small[0].reason.ja
    adult_foreign["name"] = "NGUYEN VAN AN"
    result = fill_form(applicant_from(adult_foreign), out, checker=accept)
    assert not [w for w in result.warnings if "legible" in w.reason.en]


def test_pdf_asks_for_no_print_scaling(tmp_path: Path, adult_foreign: dict[str, object]) -> None:
    from pypdf import PdfReader

    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, checker=accept)
    assert PdfReader(out).trailer["/Root"]["/ViewerPreferences"]["/PrintScaling"] == "/None"


def test_old_photo_capture_date_refused(tmp_path: Path, adult_foreign: dict[str, object],
                                        astronaut_jpeg: Path) -> None:
    image = Image.open(astronaut_jpeg)
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = "2023:01:02 10:00:00"
    old = tmp_path / "old.jpg"
    image.save(old, exif=exif)
    out = tmp_path / "out.pdf"
    with pytest.raises(FillError) as info:
        fill_form(applicant_from(adult_foreign), out, photo=old, checker=accept)
    assert info.value.problems[0].field == "photo (capture date)"
    assert not out.exists()


def test_fills_a_shifted_template(tmp_path: Path, adult_foreign: dict[str, object]) -> None:
    template = tmp_path / "official.pdf"
    shifted = render_blank(Layout(row_height=27, offset_x=9, offset_y=12))
    template.write_bytes(shifted)
    out = tmp_path / "out.pdf"
    fill_form(applicant_from(adult_foreign), out, template=template, checker=accept)
    form = locate_fields(shifted)
    assert text_in(form, new_chars(out, shifted), "name") == "SMITHJANEALICE"


def test_template_without_fields_refused(tmp_path: Path, adult_foreign: dict[str, object]) -> None:
    from reportlab.pdfgen.canvas import Canvas

    template = tmp_path / "other.pdf"
    canvas = Canvas(str(template))
    canvas.drawString(100, 700, "Some other form")
    canvas.save()
    out = tmp_path / "out.pdf"
    with pytest.raises(FillError) as info:
        fill_form(applicant_from(adult_foreign), out, template=template, checker=accept)
    assert {"name", "individual_number"} <= {p.field for p in info.value.problems}
    assert not out.exists()


def test_cropped_print_is_what_gets_judged(tmp_path: Path, adult_foreign: dict[str, object],
                                           astronaut_jpeg: Path) -> None:
    seen: list[float] = []

    def aspect_checker(data: bytes) -> PhotoCheck:
        image = Image.open(io.BytesIO(data))
        seen.append(image.width / image.height)
        ok = abs(image.width / image.height - 35 / 45) < 0.01
        return PhotoCheck("accept" if ok else "reject", () if ok else ("print.aspect: 1:1",), FACE)

    result = fill_form(applicant_from(adult_foreign), tmp_path / "out.pdf",
                       photo=astronaut_jpeg, checker=aspect_checker)
    assert seen[0] == pytest.approx(1.0) and seen[1] == pytest.approx(35 / 45, abs=0.01)
    assert result.photo is not None and result.photo.accepted and result.warnings == ()


def test_rejected_crop_is_reframed_for_print(tmp_path: Path, adult_foreign: dict[str, object],
                                             astronaut_jpeg: Path) -> None:
    """When the plain 35:45 crop is rejected, the fixer's framing is judged and used."""
    framed = io.BytesIO()
    Image.open(astronaut_jpeg).crop((100, 0, 450, 450)).save(framed, "JPEG")
    framed_size = (350, 450)
    seen: list[tuple[int, int]] = []

    def size_checker(data: bytes) -> PhotoCheck:
        size = Image.open(io.BytesIO(data)).size
        seen.append(size)
        if size == framed_size:
            return PhotoCheck("accept", (), None)
        return PhotoCheck("reject", (Text("print.framing: head too small", "小さい"),), FACE)

    out = tmp_path / "out.pdf"
    result = fill_form(applicant_from(adult_foreign), out, photo=astronaut_jpeg,
                       checker=size_checker, framer=lambda _: framed.getvalue())
    assert seen[-1] == framed_size and len(seen) == 3  # original, plain crop, framed
    assert result.photo is not None and result.photo.accepted and result.warnings == ()


def _sized_checker(by_size: dict[tuple[int, int], PhotoCheck]) -> Checker:
    """A checker that answers per image size (the original, the plain crop, the framed one)."""
    def check(data: bytes) -> PhotoCheck:
        size = Image.open(io.BytesIO(data)).size
        return by_size.get(size, PhotoCheck("reject", (Text("x: 1", "x: 1"),), FACE))
    return check


def _framer_to(size: tuple[int, int]) -> Framer:
    def frame(_: bytes) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", size, "white").save(out, "JPEG")
        return out.getvalue()
    return frame


@pytest.mark.parametrize("loose_head, passport_head", [(25.0, 34.0), (None, None)])
def test_tie_goes_to_passport_framing(tmp_path: Path, adult_foreign: dict[str, object],
                                      astronaut_jpeg: Path, loose_head: float | None,
                                      passport_head: float | None) -> None:
    """Defect: with as many failures each, the loose crop (head 23-27 mm) went on the form."""
    failing = (Text("print.resolution: low", "print.resolution: 低い"),)
    loose = PhotoCheck("reject", failing, FACE, loose_head)
    passport = PhotoCheck("reject", failing, None, passport_head)
    checker = _sized_checker({(398, 512): loose, (350, 450): passport})
    result = fill_form(applicant_from(adult_foreign), tmp_path / "out.pdf", photo=astronaut_jpeg,
                       checker=checker, framer=_framer_to((350, 450)),
                       allow_photo_warnings=True)
    assert result.photo is passport


def test_half_body_photo_is_not_placed_silently(tmp_path: Path,
                                                adult_foreign: dict[str, object],
                                                astronaut_jpeg: Path) -> None:
    """Defect: a half-body photo (head 16 mm on the print) was placed with exit 0."""
    small_head = PhotoCheck("reject", (Text("print.framing: the head is 16.0 mm",
                                            "print.framing: 頭が16.0 mmです"),), FACE, 16.0)
    framed_too_small = PhotoCheck("reject", (Text("print.resolution: 150 dpi", "150 dpi"),
                                             Text("print.framing: 30 mm", "30 mm")), None, 30.0)
    checker = _sized_checker({(398, 512): small_head, (175, 225): framed_too_small})
    out = tmp_path / "out.pdf"
    with pytest.raises(FillError) as info:
        fill_form(applicant_from(adult_foreign), out, photo=astronaut_jpeg, checker=checker,
                  framer=_framer_to((175, 225)))
    assert not out.exists()
    assert any("16.0 mm" in p.reason.en for p in info.value.problems)  # the better of the two


def test_real_photo_framed_and_accepted_for_print(tmp_path: Path,
                                                  adult_foreign: dict[str, object]) -> None:
    """Real pixels, real checker and fixer: an upload-style portrait (head too small for
    print) goes on the form re-framed, and the print profile accepts what is placed."""
    import cv2

    from tests.support import portraits

    pixels = cv2.resize(portraits.clean(), (1200, 1600), interpolation=cv2.INTER_CUBIC)
    photo = tmp_path / "portrait.jpg"
    Image.fromarray(pixels).save(photo, "JPEG", quality=90)
    out = tmp_path / "out.pdf"
    result = fill_form(applicant_from(adult_foreign), out, photo=photo)
    assert result.photo is not None and result.photo.accepted, result.warnings
    assert result.warnings == ()


def test_real_half_body_photo_refused_then_placed_framed_when_allowed(
        tmp_path: Path, adult_foreign: dict[str, object]) -> None:
    """Real pixels, real checker and fixer: a half-body photo whose head prints at about 16 mm.
    The fixer's passport framing is the better candidate but prints under 300 dpi, so nothing
    is written; allowed, the passport framing (not the 16 mm crop) goes on the form."""
    import cv2
    import numpy as np

    from tests.support import portraits

    src = portraits.clean()
    h, w = src.shape[:2]
    sw, sh = int(w * 0.86), int(h * 0.86)
    canvas = np.full_like(src, src[5, 5])
    canvas[h - sh:, (w - sw) // 2:(w - sw) // 2 + sw] = cv2.resize(src, (sw, sh),
                                                                   interpolation=cv2.INTER_AREA)
    photo = tmp_path / "half_body.jpg"
    Image.fromarray(canvas).save(photo, "JPEG", quality=92)
    out = tmp_path / "out.pdf"
    with pytest.raises(FillError) as info:
        fill_form(applicant_from(adult_foreign), out, photo=photo)
    assert not out.exists()
    assert any(p.reason.en.startswith("print.resolution") for p in info.value.problems)
    result = fill_form(applicant_from(adult_foreign), out, photo=photo, allow_photo_warnings=True)
    assert result.photo is not None and result.photo.head_mm is not None
    assert 32.0 <= result.photo.head_mm <= 36.0 and out.exists()
