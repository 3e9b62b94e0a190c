"""What a reader of each language sees beyond the words (issue 22): plural forms, numbers written
the local way, era names in the reader's script, the card's certificate name with its Japanese,
argparse in the chosen language, terminal widths of Thai and Devanagari, and fix hints that
fit their case."""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import io
import re
from pathlib import Path

import pytest

from photocheck.i18n.catalog import po_path
from photocheck.i18n.languages import CODES
from photocheck.report import Check, Plural, Report, Status, Text

# --- plural forms ---------------------------------------------------------------------------

INVALID = Plural("invalid: {n} error", "invalid: {n} errors")


@pytest.mark.parametrize(("lang", "n", "expected"), [
    ("en", 1, "invalid: 1 error"), ("en", 2, "invalid: 2 errors"),
    ("es", 1, "no válido: 1 error"), ("es", 3, "no válido: 3 errores"),
    ("pt-BR", 1, "inválido: 1 erro"), ("pt-BR", 2, "inválido: 2 erros"),
    ("pt-BR", 0, "inválido: 0 erro"),  # Portuguese counts 0 as singular (Plural-Forms: n > 1)
    ("ja", 5, "不備があります：エラー 5 件"),
])
def test_plural_forms_follow_each_language(lang: str, n: int, expected: str) -> None:
    assert INVALID.format(n=n).get(lang) == expected


@pytest.mark.parametrize("code", CODES)
def test_no_message_hedges_its_plural(code: str) -> None:
    """"1 erro(s)" reads badly in every language: a count takes a Plural() message."""
    text = po_path(code).read_text(encoding="utf-8")
    hedged = re.findall(r'^msg(?:id|str)\S* ".*\w\((?:e?s|as|os)\).*"$', text, re.MULTILINE)
    assert not hedged, hedged[:3]


# --- numbers --------------------------------------------------------------------------------

TOO_LARGE = Text("The file is too large ({size} bytes, at most {max}).")


@pytest.mark.parametrize(("lang", "size", "limit"), [
    ("en", "1,100,012", "1,000,000"), ("ja", "1,100,012", "1,000,000"),
    ("pt-BR", "1.100.012", "1.000.000"), ("es", "1.100.012", "1.000.000"),
    ("id", "1.100.012", "1.000.000"), ("vi", "1.100.012", "1.000.000"),
])
def test_numbers_in_messages_are_written_the_local_way(lang: str, size: str, limit: str) -> None:
    text = TOO_LARGE.format(size=1_100_012, max=1_000_000).get(lang)
    assert size in text and limit in text, text


@pytest.mark.parametrize(("lang", "decimal"), [("en", "0.116"), ("pt-BR", "0,116"),
                                               ("es", "0,116"), ("vi", "0,116")])
def test_decimals_take_the_local_mark_and_the_json_keeps_plain_numbers(lang: str,
                                                                       decimal: str) -> None:
    message = Text("Detail {v}, at least {lim}.").format(v=0.116, lim=0.2)
    assert decimal in message.get(lang)
    check = Check("image.sharpness", Status.FAIL, message, value=0.116, limit=0.2)
    assert check.to_dict(lang)["value"] == 0.116 and check.to_dict(lang)["limit"] == 0.2


def test_a_data_file_too_large_says_its_size_in_the_readers_numbers(tmp_path: Path) -> None:
    from photocheck.source import SourceError, describe, read_regular

    big = tmp_path / "big.json"
    big.write_bytes(b" " * 1_100_012)
    with pytest.raises(SourceError) as caught:
        read_regular(big, 1_000_000)
    assert "1.100.012" in describe(caught.value).get("vi")
    assert describe(caught.value).get("vi").startswith("Tệp quá lớn")


def test_years_are_never_grouped() -> None:
    from photocheck.dates import DateFormatError, parse_date

    with pytest.raises(DateFormatError) as caught:
        parse_date("2023-02-30")
    assert "2023" in caught.value.text.get("en") and "2,023" not in caught.value.text.get("en")


# --- era names ------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "name"), [
    ("ja", "平成"), ("zh-Hans", "平成"), ("ko", "헤이세이(平成)"), ("th", "เฮเซ (平成)"),
    ("ne", "हेइसेइ (平成)"), ("vi", "Bình Thành (平成)"), ("es", "Heisei (平成)"),
])
def test_era_names_are_written_in_the_readers_script_with_the_kanji(lang: str,
                                                                    name: str) -> None:
    from photocheck.dates import DateFormatError, parse_date

    with pytest.raises(DateFormatError) as caught:
        parse_date("平成32年1月1日")  # Heisei ended in its 31st year
    assert name in caught.value.text.get(lang)


@pytest.mark.parametrize("code", CODES)
def test_every_era_name_keeps_its_kanji(code: str) -> None:
    from photocheck.dates import ERA_NAMES

    for kanji, text in ERA_NAMES.items():
        assert kanji in text.get(code), (code, text.get(code))


# --- the certificate's name in `card` -------------------------------------------------------

@pytest.mark.parametrize("lang", ["pt-BR", "es", "id", "ko", "tl", "vi", "zh-Hans"])
def test_the_cards_signature_certificate_names_the_japanese_term(lang: str) -> None:
    from photocheck.card import compute, parse_query

    result = compute(parse_query({"birth": "1990-05-10", "issued": "2024-05-10"}))
    names = {c.id: c.name.get(lang) for c in result.certificates}
    assert "署名用電子証明書" in names["signature"], names
    assert "利用者証明用電子証明書" in names["user"], names


# --- argparse in the chosen language --------------------------------------------------------

def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from photocheck.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_usage_errors_speak_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "check", "--lang", "es")
    assert code == 2
    assert err.startswith("uso: photocheck check")
    assert "photocheck check: error: se requieren los siguientes argumentos: FILE" in err
    code, _, err = _run(capsys, "--lang=ja", "chek")
    assert code == 2 and "使い方: photocheck" in err and "選べない値です：'chek'" in err


def test_help_speaks_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "check", "--help", "--lang", "vi")
    assert code == 0
    assert out.startswith("cách dùng: photocheck check")
    assert "tùy chọn:" in out and "hiển thị trợ giúp này rồi thoát" in out
    assert "các tệp ảnh cần kiểm tra" in out  # our own help text, from the catalog
    assert "show this help" not in out and "photo files to check" not in out


def test_the_locale_chooses_when_no_lang_is_given(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "ko_KR.UTF-8")
    code, _, err = _run(capsys, "card")
    assert code == 2 and "사용법: photocheck card" in err and "다음 인수가 필요합니다" in err


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    """The translation hook is only in place while our command line is parsed."""
    _run(capsys, "check", "--lang", "es")
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    assert argparse.ngettext is gettext.ngettext  # type: ignore[attr-defined]


# --- terminal widths ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "columns"), [
    ("เตือน", 4),      # Thai: the vowel mark above the first consonant takes no column
    ("ไม่ผ่าน", 5),     # Thai: two tone marks
    ("चेतावनी", 6),    # Devanagari: the vowel sign े above takes no column
    ("不合格", 6), ("합격", 4), ("ok", 2),
])
def test_display_width_counts_what_the_terminal_draws(text: str, columns: int) -> None:
    from photocheck.cli.output import display_width

    assert display_width(text) == columns


@pytest.mark.parametrize("lang", ["th", "ne"])
def test_rule_ids_line_up_in_thai_and_nepali(lang: str) -> None:
    from wcwidth import wcswidth

    from photocheck.cli.output import print_report

    checks = [Check("face.count", Status.PASS, Text("One face found.")),
              Check("face.pose", Status.FAIL, Text("No red-eye.")),
              Check("face.eyes_open", Status.WARN, Text("One face found.")),
              Check("face.red_eye", Status.SKIP, Text("Not judged: no face was found."))]
    out = io.StringIO()
    print_report(Report("x.jpg", "online", checks), lang, verbose=True, out=out)
    starts = {wcswidth(line.split("face.")[0]) for line in out.getvalue().splitlines()[1:]
              if "face." in line}
    assert len(starts) == 1, out.getvalue()


# --- fix hints that fit their case ----------------------------------------------------------

def test_a_missing_or_folder_data_file_gets_a_fix_about_the_path(tmp_path: Path) -> None:
    from forms.load import read_raw

    _, problems = read_raw(tmp_path / "nobody.toml")
    assert problems[0].fix is not None and "name and folder" in problems[0].fix.en
    _, problems = read_raw(tmp_path)
    assert problems[0].fix is not None and "not its folder" in problems[0].fix.en
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"name = \xff")
    _, problems = read_raw(bad)
    assert problems[0].fix is not None and "UTF-8" in problems[0].fix.en


def test_only_the_address_is_told_to_abbreviate_the_address() -> None:
    from forms import fill

    assert "address" in fill._SHORTEN["address"].en
    assert "address" not in fill._SHORTEN.get("name", fill._SHORTEN_OTHER).en
    assert "address" not in (fill._small_text("name", 5.0).fix or Text("")).en
    assert "address" in (fill._small_text("address", 5.0).fix or Text("")).en


def test_dates_before_meiji_are_refused_when_read() -> None:
    from photocheck.dates import DateFormatError, parse_date

    with pytest.raises(DateFormatError):
        parse_date("1850-01-01")
    assert parse_date("1868-01-01") == dt.date(1868, 1, 1)
