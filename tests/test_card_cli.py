"""`photocheck card` end to end: summary in both languages, JSON, the calendar file (parsed
back with icalendar and round-tripped), and bad input answered with exit 2 and no traceback."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from icalendar import Calendar

from photocheck.card.render import day_text
from photocheck.cli import main
from photocheck.i18n import translate

README = Path(__file__).resolve().parent.parent / "docs" / "card.md"  # its example run

MID = ["--birth", "1995-03-03", "--issued", "2025-01-10", "--category", "mid_long_term",
       "--stay-end", "2027-06-30"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["card", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_summary_in_english_and_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--birth", "1990-05-10", "--issued", "2024-05-10", "--lang", "en")
    assert code == 0
    assert out.startswith("My Number Card: valid until 10 May 2034")
    assert "10 May 2029" in out and "renewal opens" in out
    code, out, _ = run(capsys, "--birth", "平成2年5月10日", "--issued", "令和6年5月10日",
                       "--lang", "ja")
    assert code == 0
    assert out.startswith("マイナンバーカード：令和16年5月10日（2034-05-10）まで有効")


def test_language_defaults_to_the_locale(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
    _, out, _ = run(capsys, "--birth", "1990-05-10", "--issued", "2024-05-10")
    assert out.startswith("マイナンバーカード")


def test_json_answer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *MID, "--new-stay-end", "2030-06-30", "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == "photocheck-card/1"
    assert doc["card"] == {"expires": "2027-06-30", "rule": "stay_end",
                           "reason": doc["card"]["reason"]}
    assert doc["base_term"] == {"birthdays": 10, "ends": "2034-03-03"}
    assert {c["id"]: c["expires"] for c in doc["certificates"]} == {
        "signature": "2027-06-30", "user": "2027-06-30"}
    event = doc["events"][0]
    assert (event["id"], event["extension_possible"], event["deadline"]) == (
        "new_stay_end", True, "2027-06-30")
    assert doc["input"]["stay_end"] == "2027-06-30"


def test_applied_says_estimate(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--birth", "1990-05-10", "--applied", "2025-01-15", "--lang", "en")
    assert "(estimate)" in out.splitlines()[0]
    assert "issued 15 February 2025 (estimate)" in out


def test_events_in_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, *MID, "--moved", "2026-04-01", "--lost", "--lang", "en")
    assert "by 15 April 2026" in out
    assert "signature certificate became invalid" in out
    assert "0120-95-0178" in out


@pytest.mark.parametrize(("argv", "option"), [
    (["--birth", "1990-02-30", "--issued", "2024-05-10"], "--birth"),
    (["--birth", "1990-05-10", "--issued", "1980-01-01"], "--issued"),
    (["--birth", "1990-05-10", "--issued", "2024-05-10", "--category", "mid_long_term"],
     "--stay-end"),
    (["--birth", "1990-05-10", "--issued", "2024-05-10", "--category", "visitor"], "--category"),
])
def test_bad_input_exits_2_with_a_message(capsys: pytest.CaptureFixture[str], argv: list[str],
                                          option: str) -> None:
    code, out, err = run(capsys, *argv, "--lang", "en")
    assert code == 2 and out == ""
    assert err.startswith(f"error: {option}: ") and "Traceback" not in err
    code, _, err = run(capsys, *argv, "--lang", "ja")
    assert code == 2 and err.startswith(f"エラー：{option}：")


def test_unknown_category_lists_the_japanese_names(capsys: pytest.CaptureFixture[str]) -> None:
    _, _, err = run(capsys, "--birth", "1990-05-10", "--issued", "2024-05-10",
                    "--category", "visitor", "--lang", "ja")
    assert "mid_long_term（中長期在留者）" in err and "highly_skilled_2（高度専門職2号）" in err


def test_issued_and_applied_together_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--birth", "1990-05-10", "--issued", "2024-05-10",
                       "--applied", "2024-04-10")
    assert code == 2 and "not allowed with" in err


def _events(calendar: Calendar) -> dict[str, dict[str, object]]:
    """Each event by its item id (the UID's first part): its day and its reminder offsets."""
    return {str(e["uid"]).split("-")[0]: {
        "date": e.decoded("dtstart"),
        "alarms": sorted(a.decoded("trigger") for a in e.walk("VALARM")),
    } for e in calendar.walk("VEVENT")}


def test_ics_parses_back_and_round_trips(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    target = tmp_path / "card.ics"
    code, out, _ = run(capsys, "--birth", "1990-05-10", "--issued", "2024-05-10",
                       "--moved", "2026-04-01", "--ics", str(target), "--lang", "en")
    assert code == 0 and f"wrote {target}" in out
    data = target.read_bytes()
    calendar = Calendar.from_ical(data)
    events = _events(calendar)
    assert events["card_expires"]["date"] == dt.date(2034, 5, 10)
    assert events["card_renewal_opens"]["date"] == dt.date(2034, 2, 10)
    assert events["certificates_expire"]["date"] == dt.date(2029, 5, 10)
    # A window: one reminder (7 days before, 09:00); a deadline: 30 and 7 days before.
    assert events["card_renewal_opens"]["alarms"] == [dt.timedelta(days=-7, hours=9)]
    assert events["card_expires"]["alarms"] == [dt.timedelta(days=-30, hours=9),
                                                dt.timedelta(days=-7, hours=9)]
    # The move's 14-day deadline has no reminder from before the move itself.
    assert events["moved_deadline"]["alarms"] == [dt.timedelta(days=-7, hours=9)]
    assert Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    assert not list(tmp_path.glob(".*.tmp"))


def test_ics_overwrites_a_calendar_but_never_another_file(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = ["--birth", "1990-05-10", "--issued", "2024-05-10", "--lang", "en"]
    target = tmp_path / "card.ics"
    assert run(capsys, *base, "--ics", str(target))[0] == 0
    assert run(capsys, *base, "--ics", str(target))[0] == 0
    data = tmp_path / "applicant.toml"
    data.write_text('name = "Yamada Taro"\n', encoding="utf-8")
    code, _, err = run(capsys, *base, "--ics", str(data))
    assert code == 2 and "refusing to overwrite" in err
    assert data.read_text(encoding="utf-8") == 'name = "Yamada Taro"\n'
    code, _, err = run(capsys, *base, "--ics", str(tmp_path))
    assert code == 2 and "directory" in err


def test_readme_example_is_the_real_output(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/card.md shows a run of the command; it must stay what the command prints."""
    text = README.read_text(encoding="utf-8")
    block = text.split("```text\n$ photocheck card ", 1)[1].split("```", 1)[0]
    command, _, expected = block.partition("\n")
    while command.endswith("\\"):
        more, _, expected = expected.partition("\n")
        command = command[:-1] + " " + more
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, *command.split())
    assert "valid until 30 June 2027" in expected
    assert code == 0 and out == expected


@pytest.mark.parametrize("lang", ["zh-Hans", "ko", "pt-BR", "vi", "th", "ne"])
def test_summary_in_every_language(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    """The summary comes from the catalogs (no English left in its lines) with the dates as the
    language writes them; --json adds that language to every sentence and keeps dates ISO."""
    code, out, _ = run(capsys, *MID, "--moved", "2026-04-01", "--lang", lang)
    assert code == 0
    head = translate("My Number Card: valid until {day}", lang)
    assert head and out.startswith(head.format(day=day_text(dt.date(2027, 6, 30), lang)))
    for msgid in ("What to do, and by when:", "Your situation:", "My Number Card expires"):
        assert translate(msgid, lang) in out and msgid not in out
    code, out, _ = run(capsys, *MID, "--json", "--lang", lang)
    doc = json.loads(out)
    assert doc["card"]["expires"] == "2027-06-30"
    assert set(doc["card"]["reason"]) == {"en", "ja", lang}
    assert doc["written_dates"]["2027-06-30"][lang] == day_text(dt.date(2027, 6, 30), lang)
