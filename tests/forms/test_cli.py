from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
from pathlib import Path

import pdfplumber
import pytest

from forms import photo as photo_module
from forms.cli import register
from forms.photo import PhotoCheck
from photocheck.report import Text

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "applicants"


def run(*argv: str) -> int:
    """Run like the integrated ``photocheck`` CLI: our own parser, ``register``, ``func``."""
    parser = argparse.ArgumentParser(prog="photocheck")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


@pytest.fixture
def verdict(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the photo checker; tests set the verdict by editing the list."""
    state = ["accept"]

    def fake(_: bytes) -> PhotoCheck:
        failures = () if state[0] == "accept" else (
            Text("print.framing: head too small", "print.framing: 頭が小さすぎます"),)
        return PhotoCheck(state[0], failures, None)

    monkeypatch.setattr(photo_module, "check_photo", fake)
    monkeypatch.setattr(photo_module, "frame_for_print", lambda _: None)
    return state


SAMPLES_TODAY = dt.date(2026, 11, 29)  # the day samples/applicants/* are dated for


@pytest.fixture(autouse=True)
def samples_day(fixed_today: list[dt.date]) -> None:
    """The CLI tests fill the sample files, which are dated for SAMPLES_TODAY."""
    fixed_today[0] = SAMPLES_TODAY


SAMPLE_FILES = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".toml", ".json"))


@pytest.mark.parametrize("today", [SAMPLES_TODAY, dt.date(2041, 7, 3)])
@pytest.mark.parametrize("sample", SAMPLE_FILES)
def test_samples_validate(sample: str, today: dt.date, fixed_today: list[dt.date],
                          capsys: pytest.CaptureFixture[str]) -> None:
    """Defect (issue 21, item 8): the samples failed a month after their date. With --today
    (as the README runs them) they are valid whatever today is."""
    fixed_today[0] = today
    day = SAMPLES_TODAY.isoformat()
    assert run("form", "validate", "--lang", "en", "--today", day, str(SAMPLES / sample)) == 0
    assert "valid" in capsys.readouterr().out
    if today > SAMPLES_TODAY:  # without it, the clock decides: stale, so refused
        assert run("form", "validate", "--lang", "en", str(SAMPLES / sample)) == 2


def test_blank(tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    assert run("form", "blank", "-o", str(out)) == 0
    with pdfplumber.open(out) as pdf:
        assert "顔写真" in pdf.pages[0].extract_text()


def test_invalid_data_exit_2_lists_problems_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verdict: list[str]
) -> None:
    data = tmp_path / "bad.json"
    data.write_text(json.dumps({"individual_number": "123456789012", "sex": "x",
                                "date_of_birth": "H32.1.1"}), encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert run("form", "validate", "--lang", "en", str(data)) == 2
    assert run("form", "fill", str(data), "-o", str(out), "--lang", "en") == 2
    assert not out.exists()
    err = capsys.readouterr().err
    for expected in ("individual_number: check digit", "name: is required",
                     "sex: must be male or female", "date_of_birth: is not a valid date",
                     "no PDF written"):
        assert expected in err
    assert "123456789012" not in err


def test_problems_in_japanese(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              verdict: list[str]) -> None:
    data = tmp_path / "bad.json"
    data.write_text(json.dumps({"individual_number": "123456789012", "sex": "x",
                                "date_of_birth": "H32.1.1"}), encoding="utf-8")
    out = tmp_path / "out.pdf"
    assert run("form", "fill", str(data), "-o", str(out), "--lang", "ja") == 2
    err = capsys.readouterr().err
    for expected in ("エラー：individual_number：検査用数字（12桁目）が合いません",
                     "エラー：name：必須です", "エラー：sex：男性か女性を指定してください",
                     "平成は2019年4月30日に終わりました", "直し方：", "PDF を書き出していません"):
        assert expected in err
    assert "123456789012" not in err and "check digit" not in err


def test_language_follows_the_locale(monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert run("form", "validate", str(SAMPLES / "adult_foreign_resident.json")) == 0
    assert "問題ありません" in capsys.readouterr().out


def test_fill_sample_child(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                           verdict: list[str], astronaut_jpeg: Path) -> None:
    out = tmp_path / "child.pdf"
    code = run("form", "fill", str(SAMPLES / "child_with_representative.toml"),
               "--photo", str(astronaut_jpeg), "-o", str(out))
    assert code == 0 and out.exists()
    captured = capsys.readouterr()
    for secret in ("987654321093", "山田"):
        assert secret not in captured.out + captured.err


def test_rejected_photo_exit_2_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], verdict: list[str], astronaut_jpeg: Path
) -> None:
    """Defect: a rejected photo was placed with exit 0, and --strict still wrote the PDF."""
    verdict[0] = "reject"
    out = tmp_path / "a.pdf"
    sample = str(SAMPLES / "adult_foreign_resident.json")
    photo = ("--photo", str(astronaut_jpeg))
    assert run("form", "fill", sample, *photo, "-o", str(out), "--lang", "en") == 2
    err = capsys.readouterr().err
    assert "error: photo: print.framing: head too small" in err and "no PDF written" in err
    assert not out.exists()
    assert run("form", "fill", sample, *photo, "-o", str(out), "--lang", "ja",
               "--allow-photo-warnings") == 0
    err = capsys.readouterr().err
    assert "警告：photo：写真の確認結果：不合格" in err
    assert "print.framing: 頭が小さすぎます" in err
    out.unlink()
    code = run("form", "fill", sample, *photo, "--strict", "--allow-photo-warnings",
               "-o", str(out), "--lang", "en")
    assert code == 1 and not out.exists()
    assert "--strict: 2 warnings, no PDF written" in capsys.readouterr().err
    verdict[0] = "accept"
    assert run("form", "fill", sample, *photo, "--strict", "-o", str(out)) == 0 and out.exists()


def test_strict_refuses_data_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      verdict: list[str]) -> None:
    data = json.loads((SAMPLES / "adult_foreign_resident.json").read_text(encoding="utf-8"))
    data["residence_expiry_date"] = "2027-01-15"  # within two months of 2026-11-27
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "a.pdf"
    assert run("form", "fill", str(path), "--strict", "-o", str(out), "--lang", "en") == 1
    assert not out.exists()
    assert run("form", "fill", str(path), "-o", str(out), "--lang", "en") == 0 and out.exists()
    assert "warning: residence_expiry_date: the period of stay ends" in capsys.readouterr().err


def test_print_signature_name_option(tmp_path: Path, verdict: list[str]) -> None:
    out = tmp_path / "a.pdf"
    sample = str(SAMPLES / "japanese_national.toml")
    assert run("form", "fill", sample, "-o", str(out)) == 0
    with pdfplumber.open(out) as pdf:
        assert pdf.pages[0].extract_text().count("佐藤") == 1  # the name row only
    assert run("form", "fill", sample, "-o", str(out), "--print-signature-name") == 0
    with pdfplumber.open(out) as pdf:
        assert pdf.pages[0].extract_text().count("佐藤") == 2


def test_validate_lists_every_problem_at_once(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((SAMPLES / "adult_foreign_resident.json").read_text(encoding="utf-8"))
    data.update(date_of_birth="2030-01-01", application_date="2020-01-01",
                foreign_resident_category="special_permanent")
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run("form", "validate", str(path), "--lang", "en") == 2
    err = capsys.readouterr().err
    for expected in ("date_of_birth: is in the future", "application_date: is more than a month",
                     "residence_expiry_listed: must be 無"):
        assert expected in err


def test_missing_photo_or_template_exit_2(tmp_path: Path, verdict: list[str]) -> None:
    sample = str(SAMPLES / "japanese_national.toml")
    out = tmp_path / "out.pdf"
    assert run("form", "fill", sample, "--photo", str(tmp_path / "no.jpg"), "-o", str(out)) == 2
    assert run("form", "fill", sample, "--template", str(tmp_path / "no.pdf"),
               "-o", str(out)) == 2
    assert not out.exists()


def test_fill_with_template(tmp_path: Path, verdict: list[str]) -> None:
    template = tmp_path / "template.pdf"
    assert run("form", "blank", "-o", str(template)) == 0
    out = tmp_path / "out.pdf"
    sample = str(SAMPLES / "japanese_national.toml")
    assert run("form", "fill", sample, "--template", str(template), "-o", str(out)) == 0
    with pdfplumber.open(out) as pdf:
        assert "佐藤" in pdf.pages[0].extract_text()


def test_child_validate_says_the_certificate_is_blacked_out(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert run("form", "validate", "--lang", "en",
               str(SAMPLES / "child_with_representative.toml")) == 0
    captured = capsys.readouterr()
    (line,) = [x for x in captured.err.splitlines() if x.startswith("note:")]
    assert "decline_signature_cert: its box is blacked out automatically" in line
    assert "under 15" in line and "fix" not in line
    assert captured.out.splitlines()[0] == "valid"  # a note is not a warning


def test_errors_listed_before_warnings(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((SAMPLES / "adult_foreign_resident.json").read_text(encoding="utf-8"))
    data.update(nickname="x", sex="x")  # a warning (unknown key) and an error
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run("form", "validate", "--lang", "en", str(path)) == 2
    lines = capsys.readouterr().err.splitlines()
    kinds = [line.split(":")[0] for line in lines if ":" in line][:2]
    assert kinds == ["error", "warning"]


README = Path(__file__).resolve().parents[2] / "README.md"
FORM_DOC = README.parent / "docs" / "form.md"


def _readme_sample_commands() -> list[list[str]]:
    """The `photocheck form` lines of the README and docs/form.md that use the bundled samples,
    continuations joined, comments dropped."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (README, FORM_DOC))
    text = text.replace("\\\n", " ")
    return [shlex.split(line, comments=True)[1:] for line in text.splitlines()
            if line.startswith("photocheck form ") and "samples/" in line]


def test_readme_form_examples_run_as_written_on_any_date(
        fixed_today: list[dt.date], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Defect (issue 21, items 8 and 10): the README's sample lines failed a month after the
    samples' date, and the sample photo needed --allow-photo-warnings. Run from the repository
    root, on a day years later, with the real print check."""
    fixed_today[0] = dt.date(2033, 2, 28)
    monkeypatch.chdir(README.parent)
    commands = _readme_sample_commands()
    assert {c[1] for c in commands} == {"validate", "fill"}
    for argv in commands:
        argv = [str(tmp_path / "out.pdf") if a.endswith(".pdf") else a for a in argv]
        assert run(*argv) == 0, (argv, capsys.readouterr().err)
