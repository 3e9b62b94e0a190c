"""Choosing the language: codes, aliases, locales, Accept-Language, and the CLI's --lang."""

from __future__ import annotations

import datetime as dt

import pytest

from photocheck.cli import build_parser
from photocheck.i18n import accept
from photocheck.i18n.dates import long_date
from photocheck.i18n.languages import CODES, LANGUAGES
from photocheck.i18n.resolve import default_lang, resolve


def test_twelve_languages_in_the_agency_order_with_names_and_editions() -> None:
    assert CODES == ("ja", "en", "zh-Hans", "zh-Hant", "ko", "pt-BR", "es", "vi", "th", "tl",
                     "id", "ne")
    assert all(lg.native and lg.english and lg.edition for lg in LANGUAGES)


@pytest.mark.parametrize(("asked", "code"), [
    ("vi", "vi"), ("VI", "vi"), ("vi_VN.UTF-8", "vi"), ("ja_JP.eucJP@euro", "ja"),
    ("zh", "zh-Hans"), ("zh-CN", "zh-Hans"), ("zh_SG", "zh-Hans"), ("zh-hans", "zh-Hans"),
    ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-Hant-TW", "zh-Hant"),
    ("zh-Hans-CN", "zh-Hans"), ("pt", "pt-BR"), ("pt-PT", "pt-BR"), ("pt_BR.UTF-8", "pt-BR"),
    ("fil", "tl"), ("fil-PH", "tl"), ("in", "id"), ("es-MX", "es"), ("ne-NP", "ne"),
    ("th_TH.TIS-620", "th"), ("ko-KR", "ko"),
])
def test_codes_aliases_and_locale_names_resolve(asked: str, code: str) -> None:
    resolution = resolve(asked)
    assert (resolution.code, resolution.note) == (code, None)


@pytest.mark.parametrize("asked", ["fr", "xx-YY", "klingon", "de_DE.UTF-8"])
def test_unknown_languages_fall_back_to_english_with_a_note(asked: str) -> None:
    resolution = resolve(asked)
    assert resolution.code == "en"
    assert resolution.note and asked in resolution.note


@pytest.mark.parametrize(("env", "code"), [
    ({}, "en"),
    ({"LANG": "vi_VN.UTF-8"}, "vi"),
    ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "ne_NP.UTF-8"}, "ne"),
    ({"LANG": "ja_JP.UTF-8", "LC_MESSAGES": "th_TH", "LC_ALL": "ko_KR.UTF-8"}, "ko"),
    ({"LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
])
def test_the_locale_decides_the_default(env: dict[str, str], code: str) -> None:
    assert default_lang(env) == code


@pytest.mark.parametrize(("header", "code"), [
    ("vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7", "vi"),
    ("fr-FR,fr;q=0.9,ne;q=0.8,en;q=0.5", "ne"),       # the first one we speak
    ("en;q=0.4, th;q=0.8", "th"),                       # q-values, not order, rank
    ("ja;q=0, ko", "ko"),                               # q=0 means not acceptable
    ("zh-TW,zh;q=0.9", "zh-Hant"),
    ("pt-BR;q=1.0", "pt-BR"),
    ("*", "en"), ("", "en"), (None, "en"), ("fr;q=abc", "en"),
])
def test_accept_language_picks_the_best_supported(header: str | None, code: str) -> None:
    assert accept.best(header) == code


def test_accept_language_parse_orders_by_weight_and_keeps_ties_in_order() -> None:
    assert accept.parse("a;q=0.5, b, c;q=0.5, d;q=2") == [
        ("b", 1.0), ("d", 1.0), ("a", 0.5), ("c", 0.5)]


@pytest.mark.parametrize("argv", [
    ["check", "x.jpg"], ["batch", "dir"], ["fix", "a.jpg", "-o", "b.jpg"],
    ["print-sheet", "a.jpg", "-o", "b.pdf"], ["form", "validate", "d.toml"],
    ["form", "fill", "d.toml", "-o", "o.pdf"], ["form", "blank", "-o", "o.pdf"],
])
def test_every_command_takes_lang(argv: list[str]) -> None:
    parser = build_parser()
    args = parser.parse_args([*argv, "--lang", "vi_VN.UTF-8"])
    assert args.lang == "vi"
    assert parser.parse_args(argv).lang is None  # then the locale decides


def test_an_unknown_lang_is_english_with_a_note(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["check", "--lang", "fr", "x.jpg"])
    assert args.lang == "en"
    assert "not available" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "1 April 2025"), ("ja", "2025年4月1日"), ("vi", "1 tháng 4, 2025"),
    ("th", "1 เมษายน ค.ศ. 2025"), ("ne", "2025 अप्रिल 1"), ("ko", "2025년 4월 1일"),
    ("pt-BR", "1 de abril de 2025"), ("es", "1 de abril de 2025"), ("id", "1 April 2025"),
    ("tl", "Abril 1, 2025"), ("zh-Hans", "2025年4月1日"), ("zh-Hant", "2025年4月1日"),
])
def test_dates_as_each_language_writes_them(lang: str, text: str) -> None:
    assert long_date(dt.date(2025, 4, 1), lang) == text
