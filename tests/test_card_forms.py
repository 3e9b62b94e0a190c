"""`photocheck form validate` tells the applicant when the card they apply for should expire;
the form's own rules warn when the period of stay ends soon after applying."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from photocheck.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "applicants"
# Made-up applicant; the Individual Number has a valid check digit (same as the samples).
APPLICANT = {
    "individual_number": "123456789018", "name": "GARCIA LUCIA", "address": "大阪府大阪市北区1-1",
    "date_of_birth": "1992-09-20", "sex": "female", "foreign_resident_category": "mid_long_term",
    "residence_expiry_listed": True, "residence_expiry_date": "2025-06-20",
    "application_date": "2025-05-01", "applicant_signature_name": "GARCIA LUCIA",
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The form checks dates against today; these applicants applied on 2025-05-01."""
    from forms import validate as form_validate

    monkeypatch.setattr(form_validate, "today", lambda: dt.date(2025, 5, 10))


def validate(tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str,
             **changes: object) -> tuple[int, str, str]:
    data = tmp_path / "applicant.json"
    data.write_text(json.dumps(APPLICANT | changes, ensure_ascii=False), encoding="utf-8")
    code = main(["form", "validate", "--lang", lang, str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_japanese_national_sample_gets_the_ten_year_expiry(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from forms import validate as form_validate

    monkeypatch.setattr(form_validate, "today", lambda: dt.date(2026, 11, 29))
    assert main(["form", "validate", "--lang", "en",
                 str(SAMPLES / "japanese_national.toml")]) == 0
    out = capsys.readouterr().out
    # Born 1983-11-03, applied 2026-11-27 -> issue estimated 2026-12-27 -> 10th birthday.
    assert "expected card expiry: 3 November 2036 (estimate" in out


def test_stay_ending_within_two_months_warns(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(tmp_path, capsys, "en")
    assert code == 0
    assert "expected card expiry: 20 June 2025" in out
    assert "residence_expiry_date: the period of stay ends within about two months" in err
    _, out, err = validate(tmp_path, capsys, "ja")
    assert "カードの有効期限の見込み：令和7年6月20日（2025-06-20）" in out
    assert "警告：residence_expiry_date" in err


def test_stay_ending_later_does_not_warn(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = validate(tmp_path, capsys, "en", residence_expiry_date="2025-07-02")
    assert code == 0 and "expected card expiry: 2 July 2025" in out
    assert "within about two months" not in err


def test_no_stay_end_gives_no_expiry_line_and_no_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    changes = {"residence_expiry_listed": False, "residence_expiry_date": None}
    data = {k: v for k, v in (APPLICANT | changes).items() if v is not None}
    path = tmp_path / "applicant.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["form", "validate", "--lang", "en", str(path)]) == 2  # 有 + date is required
    captured = capsys.readouterr()
    assert "expected card expiry" not in captured.out and "Traceback" not in captured.err
