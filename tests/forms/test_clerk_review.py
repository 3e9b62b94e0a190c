"""The 13 applicants of issue 21, as a clerk at the card centre would take them: each validates,
fills the built-in form in its language on two A4 pages, with the warnings it should have and no
others. (Their pages were rendered with pdftoppm and read; this keeps them fillable.)"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pytest

from forms.card_expiry import card_problems
from forms.fill import build_form
from forms.load import load_applicant
from forms.photo import PhotoCheck

CLERK = Path(__file__).resolve().parent / "clerk"
DAY = dt.date(2026, 11, 29)  # the applications are dated 2026-11-27

LANG_AND_WARNINGS: dict[str, tuple[str, set[str]]] = {
    "01_nepali_student": ("ne", set()),
    "02_brazilian_permanent": ("pt-BR", set()),
    "03_korean_special_permanent": ("ko", set()),
    "04_filipino_long_name": ("tl", set()),
    "05_chinese_kanji_roman": ("zh-Hans", set()),
    "06_vietnamese_toddler": ("vi", set()),
    "07_thai_adult_ward": ("th", set()),
    "08_indonesian_stay_ends_soon": ("id", {"residence_expiry_date"}),
    "09_indian_highly_skilled_2": ("en", set()),
    "10_peruvian_29_february": ("es", set()),
    "11_taiwanese_mid_move": ("zh-Hant", {"address"}),
    "12_newborn_transitional": ("ja", {"foreign_resident_category"}),
    "13_japanese_variant_kanji": ("ja", set()),
}


def accept(_: bytes) -> PhotoCheck:
    return PhotoCheck("accept", (), (180.0, 60.0, 140.0, 170.0))


@pytest.mark.parametrize("person", sorted(LANG_AND_WARNINGS))
def test_each_applicant_fills_in_its_language(person: str) -> None:
    lang, expected = LANG_AND_WARNINGS[person]
    applicant, problems = load_applicant(CLERK / f"{person}.toml", on=DAY)
    assert applicant is not None, [str(p) for p in problems]
    problems += card_problems(applicant)
    assert {p.field for p in problems if p.severity == "warning"} == expected
    filled = build_form(applicant, checker=accept, lang=lang)
    with pdfplumber.open(io.BytesIO(filled.pdf)) as pdf:
        assert len(pdf.pages) == 2
        page1 = "".join((pdf.pages[0].extract_text() or "").split())
        page2 = "".join((pdf.pages[1].extract_text() or "").split())
    assert all(word in page1 for word in applicant.name.split())  # a long name wraps
    assert "".join(applicant.name.split())[:20] in page2  # page 2 is written for them


def test_the_clerk_data_files_are_all_listed() -> None:
    assert {p.stem for p in CLERK.glob("*.toml")} == set(LANG_AND_WARNINGS)
