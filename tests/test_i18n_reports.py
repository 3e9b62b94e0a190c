"""Messages in the chosen language: Text's rendering rules, and a failing photo's report in each
of the twelve languages (the key beside en and ja, the top-level "lang")."""

from __future__ import annotations

import datetime as dt
import sys
from functools import cache

import pytest

import photocheck
from photocheck.i18n import catalog, translate
from photocheck.i18n.dates import era_date, long_date
from photocheck.i18n.languages import CODES
from photocheck.report import LIST_SEP, Report, Status, Text, TextList

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

pytest.importorskip("skimage.data")
from tests.support import portraits

COMPLETE = [c for c in CODES if c != "en" and c not in tomllib.loads(
    (catalog.LOCALE_DIR / "gaps.toml").read_text(encoding="utf-8")).get("missing", {})]


@cache
def busy_report() -> Report:
    """A real rejection: the astronaut in front of a busy scene (background.plain fails)."""
    return photocheck.check(portraits.to_jpeg(portraits.busy()), "online", name="busy.jpg",
                            lang="vi")


def test_check_takes_lang_and_the_report_says_which() -> None:
    payload = busy_report().to_dict()
    assert payload["verdict"] == "reject"
    assert payload["lang"] == "vi"
    for check in payload["checks"]:
        assert set(check["message"]) == {"en", "ja", "vi"}
        if check["fix"]:
            assert set(check["fix"]) == {"en", "ja", "vi"}


@pytest.mark.parametrize("code", CODES)
def test_a_failing_photo_reads_in_every_language(code: str) -> None:
    report = busy_report()
    report.lang = code  # messages render when asked, so one check serves every language
    payload = report.to_dict()
    failed = [c for c in payload["checks"] if c["status"] == Status.FAIL.value]
    assert failed and payload["lang"] == code
    for check in failed:
        text = check["message"][code]
        assert text.strip() and "{" not in text, (code, check["id"], text)
        if code in COMPLETE:  # a finished catalog never shows the English instead
            assert text != check["message"]["en"], (code, check["id"])


def test_ja_is_complete_so_the_contract_pair_is_always_bilingual() -> None:
    assert "ja" in COMPLETE


def test_a_missing_translation_falls_back_to_english() -> None:
    text = Text("A sentence no catalog has ({n}).").format(n=3)
    assert text.get("vi") == text.get("ja") == text.en == "A sentence no catalog has (3)."


def test_a_broken_translation_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(catalog.messages("vi"), "Broken {n}.", "Hỏng {m}.")
    assert Text("Broken {n}.").format(n=2).get("vi") == "Broken 2."


def test_nested_messages_render_in_the_same_language() -> None:
    problem = Text("hair falls over both eyes")
    msg = Text("Your face must be fully visible: {problems}.").format(problems=problem)
    assert msg.en == "Your face must be fully visible: hair falls over both eyes."
    assert msg.ja == "顔全体が見える必要があります：両目に髪がかかっています。"
    assert msg.get("vi") == translate("Your face must be fully visible: {problems}.", "vi").format(
        problems=translate("hair falls over both eyes", "vi"))


def test_date_parameters_are_written_as_each_language_writes_them() -> None:
    """A date parameter follows the reader's language; an EraDate adds the era in Japanese."""
    day = dt.date(2025, 4, 1)
    plain = Text("issued {day}").format(day=day)
    assert plain.en == "issued 1 April 2025"
    assert plain.ja == "発行日 2025年4月1日"
    assert plain.get("vi") == translate("issued {day}", "vi").format(day=long_date(day, "vi"))
    assert Text("issued {day}").format(day=era_date(day)).ja == "発行日 令和7年4月1日（2025-04-01）"
    assert Text("issued {day}").format(day=era_date(day)).en == "issued 1 April 2025"


def test_lists_join_with_the_language_separator() -> None:
    items = TextList((Text("hair falls over both eyes"),
                      Text("your mouth is covered by a hand or an object")), LIST_SEP)
    assert items.get("en") == ("hair falls over both eyes; "
                               "your mouth is covered by a hand or an object")
    assert items.get("ja") == "両目に髪がかかっています、口が手か物で隠れています"


def test_the_two_argument_form_still_works_until_harvested() -> None:
    text = Text("Not in any catalog {n}", "どのカタログにもない {n}").format(n=1)
    assert (text.en, text.ja) == ("Not in any catalog 1", "どのカタログにもない 1")
    assert text.to_dict("vi") == {"en": text.en, "ja": text.ja, "vi": text.en}


def test_rendered_texts_round_trip_through_a_batch_worker_dict() -> None:
    rendered = Text(en="Hello", ja="こんにちは", vi="Xin chào")
    assert rendered.to_dict("vi") == {"en": "Hello", "ja": "こんにちは", "vi": "Xin chào"}
