from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from forms.load import load_applicant
from forms.problems import Problem, errors
from forms.validate import validate_applicant


def by_field(problems: list[Problem]) -> dict[str, Problem]:
    return {p.field: p for p in problems}


def test_valid_adult_is_normalised(adult_foreign: dict[str, object]) -> None:
    applicant, problems = validate_applicant(adult_foreign)
    assert problems == []
    assert applicant is not None
    assert applicant.application_date == dt.date(2024, 5, 1)
    assert applicant.foreign_resident_category == "mid_long_term"
    assert applicant.residence_expiry_listed is True
    assert applicant.representative is None


def test_valid_child_with_representative(child: dict[str, object]) -> None:
    applicant, problems = validate_applicant(child)
    assert errors(problems) == []
    assert applicant is not None and applicant.representative is not None
    assert applicant.sex == "female"
    assert applicant.date_of_birth == dt.date(2018, 6, 15)


def test_every_problem_reported_at_once() -> None:
    raw = {
        "individual_number": "123456789012",
        "date_of_birth": "平成32年1月1日",
        "sex": "x",
        "application_date": "2024-02-30",
        "foreign_resident_category": "tourist",
        "nickname": "Bob",
    }
    applicant, problems = validate_applicant(raw)
    assert applicant is None
    found = by_field(problems)
    assert "check digit" in found["individual_number"].reason.en
    assert found["name"].reason.en == "is required"
    assert found["address"].reason.en == "is required"
    assert "applicant_signature_name" not in found  # signed by hand; printing it is optional
    assert "Heisei" in found["date_of_birth"].reason.en
    assert "no such day" in found["application_date"].reason.en
    assert found["sex"].reason.en == "must be male or female"
    assert "category of the form" in found["foreign_resident_category"].reason.en
    assert found["nickname"].severity == "warning"
    assert all(p.fix.en and p.fix.ja for p in problems)
    # Every problem is said in Japanese too, not the English copied over.
    assert all(p.reason.ja != p.reason.en and p.fix.ja != p.fix.en for p in problems)
    assert found["name"].reason.ja == "必須です"
    assert "平成" in found["date_of_birth"].reason.ja
    assert "存在しない日付" in found["application_date"].reason.ja
    assert "中長期在留者" in found["foreign_resident_category"].fix.ja


def test_number_value_never_echoed() -> None:
    for number in ("123456789012", "12345", "12345678901x"):
        _, problems = validate_applicant({"individual_number": number})
        text = "\n".join(f"{p}\n{p.text('ja')}" for p in problems)
        assert "individual_number" in text
        assert number not in text


def test_number_accepts_spaces_and_full_width(adult_foreign: dict[str, object]) -> None:
    adult_foreign["individual_number"] = "１２３４ ５６７８ ９０１８"
    applicant, _ = validate_applicant(adult_foreign)
    assert applicant is not None and applicant.individual_number == "123456789018"


def test_number_as_short_integer_refused(adult_foreign: dict[str, object]) -> None:
    adult_foreign["individual_number"] = 23456789018  # leading zero lost in JSON
    _, problems = validate_applicant(adult_foreign)
    assert by_field(problems)["individual_number"].reason.en == "must be exactly 12 digits"


def test_child_without_representative_refused(child: dict[str, object]) -> None:
    del child["representative"]
    applicant, problems = validate_applicant(child)
    assert applicant is None
    assert "under 15" in by_field(problems)["representative"].reason.en


def test_age_15_boundary_is_on_application_date(child: dict[str, object]) -> None:
    del child["representative"]
    child["date_of_birth"] = "2009-05-01"
    child["application_date"] = "2024-04-30"
    assert "representative" in by_field(validate_applicant(child)[1])
    child["application_date"] = "2024-05-01"
    applicant, problems = validate_applicant(child)
    assert applicant is not None and "representative" not in by_field(problems)


def test_adult_ward_needs_representative(adult_foreign: dict[str, object]) -> None:
    adult_foreign["adult_ward"] = True
    _, problems = validate_applicant(adult_foreign)
    assert "adult ward" in by_field(problems)["representative"].reason.en


def test_representative_fields_checked(child: dict[str, object]) -> None:
    child["representative"] = {"name": "山田 太郎", "postal_code": "5300005x"}
    _, problems = validate_applicant(child)
    found = by_field(problems)
    assert found["representative.relationship"].reason.en == "is required"
    assert found["representative.address"].reason.en == "is required"
    assert found["representative.phone"].reason.en == "is required"
    assert "postal code" in found["representative.postal_code"].reason.en


def test_signature_cert_blacked_out_under_15_and_said_so(child: dict[str, object]) -> None:
    child["decline_signature_cert"] = False
    applicant, problems = validate_applicant(child)
    assert applicant is not None and applicant.decline_signature_cert is True
    note = by_field(problems)["decline_signature_cert"]
    assert note.severity == "note" and "under 15" in note.reason.en and "15歳未満" in note.reason.ja


def test_signature_cert_blacked_out_for_adult_ward(adult_foreign: dict[str, object],
                                                   child: dict[str, object]) -> None:
    adult_foreign["adult_ward"] = True
    adult_foreign["representative"] = child["representative"]
    applicant, problems = validate_applicant(adult_foreign)
    assert applicant is not None and applicant.decline_signature_cert is True
    assert "adult wards" in by_field(problems)["decline_signature_cert"].reason.en


def test_representative_for_ordinary_adult_warns(adult_foreign: dict[str, object],
                                                 child: dict[str, object]) -> None:
    adult_foreign["representative"] = child["representative"]
    applicant, problems = validate_applicant(adult_foreign)
    warning = by_field(problems)["representative"]
    assert applicant is not None and warning.severity == "warning"
    assert "legal representatives only" in warning.reason.en and "法定代理人" in warning.reason.ja
    assert not applicant.decline_signature_cert


def test_residence_expiry_rules(adult_foreign: dict[str, object]) -> None:
    del adult_foreign["residence_expiry_date"]
    assert "residence_expiry_date" in by_field(validate_applicant(adult_foreign)[1])
    adult_foreign["residence_expiry_listed"] = False
    adult_foreign["residence_expiry_date"] = "2027-03-31"
    assert "must be 有" in by_field(validate_applicant(adult_foreign)[1])[
        "residence_expiry_listed"].reason.en
    del adult_foreign["foreign_resident_category"]
    assert "foreign residents only" in by_field(validate_applicant(adult_foreign)[1])[
        "residence_expiry_listed"].reason.en


def test_mid_long_term_must_tick_something(adult_foreign: dict[str, object]) -> None:
    """Defect: a mid- to long-term resident could tick neither 有 nor 無."""
    del adult_foreign["residence_expiry_listed"], adult_foreign["residence_expiry_date"]
    applicant, problems = validate_applicant(adult_foreign)
    assert applicant is None
    problem = by_field(problems)["residence_expiry_date"]
    assert problem.severity == "error" and "有" in problem.reason.en


def test_special_permanent_resident_is_no_expiry(adult_foreign: dict[str, object]) -> None:
    """Defect: a special permanent resident was given 有 plus a date."""
    adult_foreign["foreign_resident_category"] = "special_permanent"
    _, problems = validate_applicant(adult_foreign)
    assert "must be 無" in by_field(errors(problems))["residence_expiry_listed"].reason.en
    del adult_foreign["residence_expiry_listed"], adult_foreign["residence_expiry_date"]
    applicant, problems = validate_applicant(adult_foreign)
    assert applicant is not None and applicant.residence_expiry_listed is False
    assert applicant.residence_expiry_date is None


def test_permanent_resident_files_as_mid_long_term_without_expiry(
        adult_foreign: dict[str, object]) -> None:
    adult_foreign["permanent_resident"] = True
    assert "must be 無" in by_field(validate_applicant(adult_foreign)[1])[
        "residence_expiry_listed"].reason.en
    del adult_foreign["residence_expiry_listed"], adult_foreign["residence_expiry_date"]
    applicant, _ = validate_applicant(adult_foreign)
    assert applicant is not None and applicant.residence_expiry_listed is False
    adult_foreign["foreign_resident_category"] = "temporary_refuge"
    assert "permanent_resident" in by_field(validate_applicant(adult_foreign)[1])


def test_expired_or_prebirth_expiry_is_an_error(adult_foreign: dict[str, object]) -> None:
    """Defect: an expiry already past, or before the birth, was only a warning."""
    adult_foreign["residence_expiry_date"] = "2024-04-30"
    problem = by_field(validate_applicant(adult_foreign)[1])["residence_expiry_date"]
    assert problem.severity == "error" and "application date" in problem.reason.en
    adult_foreign["residence_expiry_date"] = "1989-01-01"
    _, problems = validate_applicant(adult_foreign)
    reasons = [p.reason.en for p in errors(problems) if p.field == "residence_expiry_date"]
    assert any("date of birth" in r for r in reasons) and len(reasons) == 2


def test_period_of_stay_ending_soon_warns(adult_foreign: dict[str, object]) -> None:
    adult_foreign["residence_expiry_date"] = "2024-07-01"  # application 2024-05-01 + 2 months
    applicant, problems = validate_applicant(adult_foreign)
    warning = by_field(problems)["residence_expiry_date"]
    assert applicant is not None and warning.severity == "warning"
    assert "two months" in warning.reason.en and "2か月" in warning.reason.ja
    adult_foreign["residence_expiry_date"] = "2024-07-02"
    assert validate_applicant(adult_foreign)[1] == []


def test_dates_against_today(adult_foreign: dict[str, object],
                             fixed_today: list[dt.date]) -> None:
    """Defect: a future birth date or an application date years off produced a PDF."""
    adult_foreign["date_of_birth"] = "2024-05-11"
    adult_foreign["application_date"] = "2024-05-12"
    adult_foreign["residence_expiry_date"] = "2030-01-01"
    found = by_field(validate_applicant(adult_foreign)[1])
    assert found["date_of_birth"].reason.en == "is in the future"
    assert found["application_date"].reason.en == "is in the future"
    adult_foreign["date_of_birth"] = "1990-04-12"
    adult_foreign["application_date"] = "2024-04-09"  # today 2024-05-10 less a month, less a day
    assert "more than a month" in by_field(validate_applicant(adult_foreign)[1])[
        "application_date"].reason.en
    adult_foreign["application_date"] = "2024-04-10"
    assert validate_applicant(adult_foreign)[1] == []
    applicant, _ = validate_applicant(adult_foreign, on=dt.date(2030, 1, 1))
    assert applicant is None  # an explicit day overrides today


def test_backdating_does_not_dodge_the_photo_rule(adult_foreign: dict[str, object],
                                                  fixed_today: list[dt.date]) -> None:
    fixed_today[0] = dt.date(2026, 11, 29)
    adult_foreign["photo_date"] = "2024-01-01"
    adult_foreign["application_date"] = "2024-05-01"  # would make the photo look recent
    found = by_field(validate_applicant(adult_foreign)[1])
    assert "more than a month" in found["application_date"].reason.en


def test_category_accepts_japanese_name(adult_foreign: dict[str, object]) -> None:
    adult_foreign["foreign_resident_category"] = "特別永住者"
    del adult_foreign["residence_expiry_listed"], adult_foreign["residence_expiry_date"]
    applicant, _ = validate_applicant(adult_foreign)
    assert applicant is not None and applicant.foreign_resident_category == "special_permanent"


def test_photo_date_window(adult_foreign: dict[str, object]) -> None:
    adult_foreign["photo_date"] = "2023-11-01"  # exactly 6 months before 2024-05-01
    assert validate_applicant(adult_foreign)[0] is not None
    adult_foreign["photo_date"] = "2023-10-31"
    assert "more than 6 months" in by_field(validate_applicant(adult_foreign)[1])[
        "photo_date"].reason.en
    adult_foreign["photo_date"] = "2024-05-02"
    assert "after" in by_field(validate_applicant(adult_foreign)[1])["photo_date"].reason.en


def test_missing_photo_file(adult_foreign: dict[str, object], tmp_path: Path) -> None:
    adult_foreign["photo"] = "nope.jpg"
    _, problems = validate_applicant(adult_foreign, base_dir=tmp_path)
    assert by_field(problems)["photo"].reason.en == "file not found"


def test_load_json_and_toml(tmp_path: Path, adult_foreign: dict[str, object]) -> None:
    json_path = tmp_path / "a.json"
    json_path.write_text(json.dumps(adult_foreign, ensure_ascii=False), encoding="utf-8")
    assert load_applicant(json_path)[0] is not None
    toml_path = tmp_path / "a.toml"
    toml_path.write_text(
        'individual_number = "123456789018"\nname = "A B"\naddress = "X"\n'
        "date_of_birth = 1990-04-12\nsex = \"male\"\napplication_date = 2024-05-01\n"
        'applicant_signature_name = "A B"\n',
        encoding="utf-8",
    )
    applicant, problems = load_applicant(toml_path)
    assert problems == [] and applicant is not None


def test_broken_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    applicant, problems = load_applicant(path)
    assert applicant is None and problems[0].field == "(file)"


@pytest.mark.parametrize(("name", "body", "line", "column"), [
    ("bad.json", '{\n  "name": "A B",,\n}', 2, 17),  # the second comma
    ("bad.toml", 'name = "A B"\naddress = \n', 2, 11),
])
def test_broken_file_says_where_in_every_language(tmp_path: Path, name: str, body: str,
                                                  line: int, column: int) -> None:
    """The position, not the decoder's English message (nor the value), in each language."""
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    reason = load_applicant(path)[1][0].reason
    assert reason.en == f"is not valid {name[4:]}: look at line {line}, column {column}"
    assert f"{line}行目の{column}文字目" in reason.ja
    assert str(line) in reason.get("th") and reason.get("th") != reason.en


def test_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Jos\xe9"}'.encode("latin-1"))
    reason = load_applicant(path)[1][0].reason
    assert reason.en == "cannot be read: it is not UTF-8 text"
    assert "UTF-8" in reason.ja and "Error" not in reason.ja


def test_repr_is_redacted(adult_foreign: dict[str, object]) -> None:
    applicant, _ = validate_applicant(adult_foreign)
    assert "123456789018" not in repr(applicant)
    assert "SMITH" not in repr(applicant)
