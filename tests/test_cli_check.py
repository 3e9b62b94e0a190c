"""`photocheck check`: the table, the JSON, the languages and the exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from photocheck.cli import main


@pytest.fixture
def files(tmp_path: Path, good_jpeg: bytes, make_jpeg) -> dict[str, Path]:
    paths = {
        "good": tmp_path / "good.jpg",
        "cmyk": tmp_path / "cmyk.jpg",
        "text": tmp_path / "notes.jpg",
    }
    paths["good"].write_bytes(good_jpeg)
    paths["cmyk"].write_bytes(make_jpeg(mode="CMYK"))
    paths["text"].write_text("not a photo\n")
    return paths


def test_accepted_photo_exits_0(files: dict[str, Path], capsys: pytest.CaptureFixture[str]
                                ) -> None:
    assert main(["check", "--lang", "en", str(files["good"])]) == 0
    out = capsys.readouterr().out
    assert "ACCEPT" in out and "good.jpg" in out


def test_rejected_photo_exits_1_and_explains_in_both_languages(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--lang", "en", str(files["cmyk"])]) == 1
    english = capsys.readouterr().out
    assert "REJECT" in english and "file.color_mode" in english and "CMYK" in english
    assert "photocheck fix" in english
    assert main(["check", "--lang", "ja", str(files["cmyk"])]) == 1
    assert "カラーモード" in capsys.readouterr().out


def test_unexaminable_input_exits_2_and_the_other_files_are_still_checked(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--lang", "en", str(tmp_path / "missing.jpg"), str(files["good"])])
    out = capsys.readouterr().out
    assert code == 2 and "does not exist" in out and "good.jpg: ACCEPT" in out


def test_json_is_one_object_for_one_file_and_a_list_for_several(
    files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    main(["check", "--json", str(files["text"])])
    single = json.loads(capsys.readouterr().out)
    assert single["verdict"] == "reject" and single["file"].endswith("notes.jpg")
    main(["check", "--json", "--profile", "print", str(files["good"]), str(files["cmyk"])])
    several = json.loads(capsys.readouterr().out)
    assert [r["profile"] for r in several] == ["print", "print"]
    assert any(c["id"] == "print.aspect" for c in several[0]["checks"])


@pytest.mark.parametrize("argv", [[], ["check"], ["check", "--profile", "nope", "x.jpg"],
                                  ["frobnicate"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    assert main(argv) == 2


def test_console_script_runs_as_a_module(files: dict[str, Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "photocheck", "check", "--lang", "en", str(files["cmyk"])],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 1 and "file.color_mode" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", ["ja", "zh-Hant", "th"])
def test_status_column_comes_from_the_catalog(lang: str) -> None:
    """The table's ok/FAIL/warn/skip marks are messages too: translated, FAIL kept first so
    scripts can grep it, and the rule ids stay aligned whatever the marks' widths."""
    import io

    from photocheck.cli.output import display_width, print_report
    from photocheck.i18n import translate
    from photocheck.report import Check, Report, Status, Text

    checks = [Check("face.count", Status.PASS, Text("One face found.")),
              Check("face.pose", Status.FAIL, Text("No red-eye.")),
              Check("face.red_eye", Status.SKIP, Text("Not judged: no face was found."))]
    out = io.StringIO()
    print_report(Report("x.jpg", "online", checks), lang, verbose=True, out=out)
    lines = out.getvalue().splitlines()[1:]
    fail = translate("FAIL", lang)
    assert fail and fail.startswith("FAIL") and fail in lines[1]
    assert translate("skip", lang) in lines[2]
    columns = {display_width(line.split("face.")[0]) for line in lines}
    assert len(columns) == 1, lines
