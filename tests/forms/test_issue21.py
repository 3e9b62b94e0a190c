"""The paper application, second pass (issue 21): each test failed before its fix."""

from __future__ import annotations

import argparse
import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest

from forms.card_expiry import card_for, card_problems
from forms.cli import register
from forms.fill import FillError, build_form
from forms.photo import PhotoCheck, check_photo
from forms.render import render_blank
from forms.validate import validate_applicant
from forms.values import form_values
from photocheck.report import Text

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FACE = (180.0, 60.0, 140.0, 170.0)


def accept(_: bytes) -> PhotoCheck:
    return PhotoCheck("accept", (), FACE)


def valid(raw: dict[str, object]):  # type: ignore[no-untyped-def]
    applicant, problems = validate_applicant(raw)
    assert applicant is not None, [str(p) for p in problems]
    return applicant, problems


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="photocheck")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


def page_text(pdf: bytes, index: int) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return "".join((document.pages[index].extract_text() or "").split())


# 1. A filled PDF given as --template -------------------------------------------------------


def test_a_filled_form_is_refused_as_template(tmp_path: Path, adult_foreign: dict[str, object],
                                              child: dict[str, object]) -> None:
    """Defect: a filled PDF given as --template was printed over (two people overlapping)."""
    first, _ = valid(child)
    filled = tmp_path / "filled.pdf"
    filled.write_bytes(build_form(first, checker=accept).pdf)
    second, _ = valid(adult_foreign)
    with pytest.raises(FillError) as info:
        build_form(second, template=filled, checker=accept)
    fields = {p.field for p in info.value.problems}
    assert {"template (name)", "template (individual_number)", "template (address)"} <= fields
    assert all("filled form" in p.reason.en for p in info.value.problems)
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(render_blank())
    assert build_form(second, template=blank, checker=accept).pdf  # a blank one still fills


def test_a_template_with_filled_form_fields_is_refused(tmp_path: Path,
                                                       adult_foreign: dict[str, object]) -> None:
    """Defect: a fillable template whose fields held an earlier applicant's values was used."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_blank())))
    field = DictionaryObject({
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("name"),
        NameObject("/V"): TextStringObject("YAMADA TARO"), NameObject("/Type"):
        NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (0, 0, 10, 10)])})
    ref = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([ref])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([ref])})
    template = tmp_path / "fillable.pdf"
    with template.open("wb") as handle:
        writer.write(handle)
    applicant, _ = valid(adult_foreign)
    with pytest.raises(FillError) as info:
        build_form(applicant, template=template, checker=accept)
    assert any("form fields" in p.reason.en for p in info.value.problems)


# 2. Highly skilled professional (ii) ---------------------------------------------------------


@pytest.mark.parametrize("written", ["highly_skilled_2", "高度専門職2号",
                                     "Highly skilled professional (ii)"])
def test_highly_skilled_professional_ii_ticks_mid_long_term_and_no_expiry(
        adult_foreign: dict[str, object], written: str) -> None:
    """Defect: mid_long_term + 無 was refused; the only way through was to claim permanence."""
    adult_foreign["foreign_resident_category"] = written
    del adult_foreign["residence_expiry_listed"], adult_foreign["residence_expiry_date"]
    applicant, problems = valid(adult_foreign)
    assert applicant.foreign_resident_category == "mid_long_term"
    assert applicant.residence_status == "highly_skilled_2"
    assert applicant.residence_expiry_listed is False and not applicant.permanent_resident
    values = form_values(applicant)
    assert values.choices["foreign_resident_category"] == "mid_long_term"
    assert values.choices["residence_expiry_listed"] == "no"
    result = card_for(applicant)
    assert result is not None and result.query.category == "highly_skilled_2"
    assert result.expiry == dt.date(2034, 4, 12)  # the base term, not capped by a stay
    adult_foreign["residence_expiry_listed"] = True
    _, problems = validate_applicant(adult_foreign)
    assert [p.field for p in problems] == ["residence_expiry_listed"]
    assert "highly skilled professionals (ii)" in problems[0].reason.en


def test_highly_skilled_sample_validates(fixed_today: list[dt.date],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    fixed_today[0] = dt.date(2030, 1, 1)
    sample = SAMPLES / "applicants" / "highly_skilled_professional.toml"
    assert run("form", "validate", "--today", "2026-11-29", "--lang", "en", str(sample)) == 0
    assert "expected card expiry" in capsys.readouterr().out


# 3. Characters the form cannot print ---------------------------------------------------------


@pytest.mark.parametrize("field, value, named", [
    ("name", "SMITH JANE 😀", "U+1F600 GRINNING FACE"),
    ("name", "SMITH \u202eENAJ", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("address", "東京都千代田区\x1b[2J霞が関2-1-2", "U+001B"),
    ("former_name_or_alias", "SMITH \U000f0001", "U+F0001"),
])
def test_unprintable_characters_are_refused_and_named(adult_foreign: dict[str, object],
                                                      field: str, value: str,
                                                      named: str) -> None:
    """Defect: emoji and control characters printed as boxes while validate said valid."""
    adult_foreign[field] = value
    applicant, problems = validate_applicant(adult_foreign)
    assert applicant is None
    (problem,) = problems
    assert problem.field == field and named in problem.reason.en
    assert named in problem.text("ja") and "印刷できない" in problem.text("ja")
    assert value not in problem.text("en")  # the value itself is never echoed


def test_japanese_variant_kanji_and_latin_accents_still_print(
        adult_foreign: dict[str, object]) -> None:
    adult_foreign["name"] = "髙﨑 ZOË SÃO"
    valid(adult_foreign)


# 4. --allow-photo-warnings -------------------------------------------------------------------


def _rejecting(*rules: str):  # type: ignore[no-untyped-def]
    failures = tuple(Text(f"{rule}: failed", ja=f"{rule}: 不合格") for rule in rules)
    return lambda _: PhotoCheck("reject", failures, FACE, 34.0)


@pytest.mark.parametrize("rule", ["face.count", "face.occlusion", "face.head_covering",
                                  "image.sharpness", "photo.age"])
def test_allow_photo_warnings_never_excuses_the_person(adult_foreign: dict[str, object],
                                                       astronaut_jpeg: Path, rule: str) -> None:
    """Defect: two people or a mask were placed with exit 0 under --allow-photo-warnings."""
    applicant, _ = valid(adult_foreign)
    with pytest.raises(FillError) as info:
        build_form(applicant, photo=astronaut_jpeg, checker=_rejecting("print.framing", rule),
                   framer=None, allow_photo_warnings=True)
    never = [p for p in info.value.problems if p.reason.en.startswith(rule)]
    assert never and "cannot be excused" in never[0].fix.en


def test_allow_photo_warnings_excuses_framing_only(adult_foreign: dict[str, object],
                                                   astronaut_jpeg: Path) -> None:
    applicant, _ = valid(adult_foreign)
    filled = build_form(applicant, photo=astronaut_jpeg, framer=None, allow_photo_warnings=True,
                        checker=_rejecting("print.framing", "print.resolution"))
    assert {p.severity for p in filled.warnings if p.field == "photo"} == {"warning"}


def test_two_people_on_real_pixels_are_never_placed(adult_foreign: dict[str, object]) -> None:
    """The real print check on the two-people sample, with --allow-photo-warnings."""
    applicant, _ = valid(adult_foreign)
    with pytest.raises(FillError) as info:
        build_form(applicant, photo=SAMPLES / "two_people.jpg", allow_photo_warnings=True)
    assert any(p.reason.en.startswith("face.count") for p in info.value.problems)


# 5. Page 2 written for this applicant --------------------------------------------------------


def test_page_two_names_who_signs_and_collects_for_a_child(child: dict[str, object]) -> None:
    """Defect: page 2 told a 5-year-old to sign and collect in person."""
    applicant, _ = valid(child)
    pdf = build_form(applicant, checker=accept).pdf
    page2 = page_text(pdf, 1)
    assert "Signedbythelegalrepresentative" in page_text(pdf, 0)
    assert "Theapplicantwritestheirname" not in page2
    assert "山田花子doesnotsign" in page2 and "legalrepresentative,山田太郎(父/father)" in page2
    assert "comestocollectthecardwiththelegalrepresentative,山田太郎" in page2
    assert "山田太郎'sphotoID" in page2
    assert "(山田花子)andthedateofbirth(15June2018)" in page2
    assert "littleglue" in page2 and "unavoidablereason" in page2


def test_page_two_for_an_adult_names_the_applicant(adult_foreign: dict[str, object]) -> None:
    applicant, _ = valid(adult_foreign)
    page2 = page_text(build_form(applicant, checker=accept).pdf, 1)
    assert "SMITHJANEALICEwritestheirownname" in page2
    assert "SMITHJANEALICEcollectsthecardinperson" in page2
    assert "legalrepresentative," not in page2


# 6. The card's rules in the form -------------------------------------------------------------


def test_permanent_resident_gets_an_expected_expiry(adult_foreign: dict[str, object]) -> None:
    """Defect: the card-dates call failed silently for permanent residents."""
    adult_foreign["permanent_resident"] = True
    del adult_foreign["residence_expiry_listed"], adult_foreign["residence_expiry_date"]
    applicant, _ = valid(adult_foreign)
    result = card_for(applicant)
    assert result is not None and result.query.category == "permanent"
    assert result.expiry == dt.date(2034, 4, 12)


NEWBORN: dict[str, object] = {
    "individual_number": "123456789018", "name": "TRAN BAO", "sex": "male",
    "address": "東京都千代田区霞が関2-1-2", "date_of_birth": "2024-03-10",
    "foreign_resident_category": "transitional_birth", "residence_expiry_listed": True,
    "residence_expiry_date": "2024-05-09", "application_date": "2024-05-01",
    "representative": {"name": "TRAN MINH", "relationship": "父 / father",
                       "address": "東京都千代田区霞が関2-1-2", "phone": "03-1234-5678"},
}


def test_a_card_that_expires_before_it_is_ready_is_a_warning() -> None:
    """Defect: a newborn on transitional stay was told nothing: the card would expire
    (birth + 60 days) before it is issued (application + about a month)."""
    applicant, _ = valid(dict(NEWBORN))
    (problem,) = card_problems(applicant)
    assert problem.severity == "warning" and "before or soon after it is ready" in problem.reason.en
    assert "status of residence" in problem.fix.en


def test_a_transitional_birth_stay_ends_60_days_after_birth() -> None:
    """Defect: a transitional-birth stay end later than birth + 60 days was accepted."""
    raw = dict(NEWBORN, residence_expiry_date="2024-05-10")  # birth + 61 days
    applicant, problems = validate_applicant(raw)
    assert applicant is None
    (error,) = [p for p in problems if p.severity == "error"]
    assert error.field == "residence_expiry_date" and "60 days" in error.reason.en


# 8. covered in test_cli.py (test_samples_validate) -------------------------------------------

# 9. A mid-move address -----------------------------------------------------------------------


@pytest.mark.parametrize("address", ["東京都千代田区霞が関2-1-2 (12月20日 転居予定)",
                                     "東京都千代田区霞が関2-1-2 → 横浜市中区1-1",
                                     "Tokyo 1-2-3, moving to Osaka in June"])
def test_a_mid_move_address_is_a_warning_that_says_what_to_do(
        adult_foreign: dict[str, object], address: str) -> None:
    """Defect: "12月20日 転居予定" in the address was accepted silently."""
    adult_foreign["address"] = address
    _, problems = valid(adult_foreign)
    (problem,) = problems
    assert problem.field == "address" and problem.severity == "warning"
    assert "double line" in problem.fix.en and "new form" in problem.fix.en
    assert "二重線" in problem.fix.ja


def test_an_ordinary_address_is_not_a_move(adult_foreign: dict[str, object]) -> None:
    _, problems = valid(adult_foreign)
    assert problems == []


# 10. The sample photo for forms passes the print profile -------------------------------------


def test_the_forms_sample_photo_passes_the_print_check() -> None:
    """Defect: the sample photo for forms failed print.framing (head 18.7 mm)."""
    result = check_photo((SAMPLES / "applicants" / "photo.jpg").read_bytes())
    assert result.accepted, [f.en for f in result.failures]
    assert result.head_mm is not None and 32.0 <= result.head_mm <= 36.0


# The 29 February ruling (card-validity.md, "Age on a day") -----------------------------------


def test_born_29_february_is_17_on_28_february_of_a_common_year() -> None:
    """Born 2008-02-29, card issued 2026-02-28: the 18th anniversary is missing in 2026, so the
    period ends at the end of 28 February and the holder is still 17 that day (Act on Age
    Calculation, Civil Code art. 143): the 5-year term, until 28 February 2031 (the 29 February
    birthday taken as 28 February in common years). A day later they are 18: the 10-year term."""
    from photocheck.card import compute, parse_query
    from photocheck.dates import age_on

    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 2, 28)) == 17
    assert age_on(dt.date(2008, 2, 29), dt.date(2026, 3, 1)) == 18
    issued_28 = compute(parse_query({"birth": "2008-02-29", "issued": "2026-02-28"}))
    assert issued_28.expiry == dt.date(2031, 2, 28)
    issued_1 = compute(parse_query({"birth": "2008-02-29", "issued": "2026-03-01"}))
    assert issued_1.expiry == dt.date(2036, 2, 29)
