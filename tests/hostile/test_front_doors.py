"""Every front door of the command line over the hostile corpus (issue 13).

Each test states what the campaign saw go wrong and asserts the answer now: the exit status
(0 accepted, 1 rejected, 2 could not examine / usage, 3 internal error), a clear message, no
traceback, no raw control character or libjpeg internals on the terminal, and nothing on disk
changed but the output asked for.
"""

from __future__ import annotations

import csv
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from photocheck.cli import EXIT_INTERNAL, EXIT_USAGE, main
from photocheck.rules import limit
from tests.hostile.conftest import snapshot
from tests.hostile.corpus import Entry

UNREADABLE_OR_DAMAGED = ("truncated", "corrupt_entropy", "bomb", "twelve_bit", "arithmetic",
                         "empty", "heic", "svg", "png_bomb", "loop", "fifo", "dangling",
                         "sparse_30g")


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A FIFO that blocks or a read without limit fails the test instead of hanging it."""
    previous = signal.signal(signal.SIGALRM, _timed_out)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _timed_out(signum: int, frame: object) -> None:
    raise TimeoutError("a front door hung")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    for stream in (out, err):
        assert "Traceback" not in stream
        assert "\x1b" not in stream and "\r" not in stream  # nothing a terminal acts on
        assert "tjDecompress" not in stream and "jpeg_" not in stream  # libjpeg internals
    return code, out, err


# --- check ---------------------------------------------------------------------------------


def test_check_answers_every_hostile_file(hostile: dict[str, Entry], hostile_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(hostile_dir)
    paths = [str(e.path) for e in hostile.values()]
    code, out, _ = run(capsys, "check", "--lang", "en", *paths)
    assert code == EXIT_USAGE  # some could not be examined at all (FIFO, loop, dangling)
    assert out.count(": ERROR") + out.count(": REJECT") + out.count(": ACCEPT") == len(paths)
    assert "caf\\xe9.jpg" in out and "evil\\x1b[2J\\x0dACCEPT.jpg" in out
    assert snapshot(hostile_dir) == before


@pytest.mark.parametrize(("kind", "rule", "words"), [
    ("twelve_bit", "file.integrity", "12-bit"),
    ("arithmetic", "file.integrity", "arithmetic coding"),
    ("corrupt_entropy", "file.integrity", "damaged"),
    ("big_valid", "file.size", "7,500,000 bytes"),
    ("one_byte", "file.format", "unknown"),
    ("three_bytes", "file.format", "unknown"),
    ("bm_text", "file.format", "text"),
    ("exif_control", "photo.edited", "Adobe Photoshop\x1b[2K\r"),  # raw in JSON only
])
def test_check_gives_the_clear_verdict(hostile: dict[str, Entry], kind: str, rule: str,
                                       words: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", "--lang", "en", "--json", str(hostile[kind].path))
    assert code == (0 if rule == "photo.edited" else 1)  # an editor's name only warns
    report = json.loads(out)
    check = next(c for c in report["checks"] if c["id"] == rule)
    assert check["status"] in ("fail", "warn") and words in check["message"]["en"]
    if kind == "big_valid":  # over 7 MB is a size problem, not "cut off"
        integrity = next(c for c in report["checks"] if c["id"] == "file.integrity")
        assert integrity["status"] == "skip"
    _, out, _ = run(capsys, "check", "--lang", "en", str(hostile[kind].path))  # escaped
    assert kind != "exif_control" or "Adobe Photoshop\\x1b[2K\\x0d" in out


def test_check_json_is_valid_utf8_for_a_non_utf8_name(hostile: dict[str, Entry],
                                                      capsysbinary: pytest.CaptureFixture[bytes]
                                                      ) -> None:
    assert main(["check", "--json", str(hostile["non_utf8_name"].path)]) == 0
    raw = capsysbinary.readouterr().out
    report = json.loads(raw.decode("utf-8"))  # strict UTF-8: raises on a lone surrogate
    assert report["file"].endswith("caf\\xe9.jpg")


# --- the error policy -----------------------------------------------------------------------


def test_an_internal_error_is_one_line_and_exit_3(monkeypatch: pytest.MonkeyPatch,
                                                  hostile: dict[str, Entry],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import photocheck.cli.check_cmd as check_cmd

    def broken(*_: object, **__: object) -> None:
        raise KeyError("secret internals")

    monkeypatch.setattr(check_cmd.photocheck, "check", broken)
    code, _, err = run(capsys, "check", str(hostile["valid"].path))
    assert code == EXIT_INTERNAL and err.count("\n") == 1
    assert "internal error (KeyError)" in err and "--debug" in err
    assert main(["check", "--debug", str(hostile["valid"].path)]) == EXIT_INTERNAL
    assert "Traceback" in capsys.readouterr().err


def test_an_os_error_is_exit_2_naming_the_file(monkeypatch: pytest.MonkeyPatch,
                                               form_files: dict[str, Path],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    import forms.cli

    def full_disk(_: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", "out\x1b.pdf")

    monkeypatch.setattr(forms.cli, "run_validate", full_disk)
    assert main(["form", "validate", "--debug", str(form_files["nested.json"])]) == EXIT_USAGE
    assert "Traceback" in capsys.readouterr().err  # --debug works after a nested subcommand
    code, _, err = run(capsys, "form", "validate", str(form_files["nested.json"]))
    assert code == EXIT_USAGE and err == "photocheck: out\\x1b.pdf: No space left on device\n"


# --- batch ----------------------------------------------------------------------------------


def test_batch_writes_a_line_for_every_file_and_resumes(hostile: dict[str, Entry],
                                                        hostile_dir: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    before = snapshot(hostile_dir)
    outputs = {k: tmp_path / f"out.{k}" for k in ("jsonl", "csv", "html")}
    flags = [f"--{k}={v}" for k, v in outputs.items()]
    code, out, _ = run(capsys, "batch", "-j", "0", str(hostile_dir), *flags)
    assert code == EXIT_USAGE  # FIFO, loop, dangling: could not be examined
    lines = outputs["jsonl"].read_bytes().decode("utf-8").splitlines()  # valid UTF-8
    names = {Path(json.loads(line)["file"]).name for line in lines}
    assert names == {e.path.name.replace("\udce9", "\\xe9") for e in hostile.values()}
    for kind in ("fifo", "loop", "dangling"):
        assert f"error   {hostile[kind].path}" in out
    rows = list(csv.reader(outputs["csv"].open(encoding="utf-8")))[1:]
    assert len(rows) == len(hostile)
    assert not any(row[0].startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows)
    assert "caf\\xe9.jpg" in outputs["html"].read_text(encoding="utf-8")
    assert snapshot(hostile_dir) == before
    code, out, _ = run(capsys, "batch", "-j", "0", str(hostile_dir), "--resume", *flags)
    assert outputs["jsonl"].read_text(encoding="utf-8").splitlines() == lines  # nothing redone
    assert "checked 0 files" in out


def test_csv_cells_never_start_a_formula(hostile: dict[str, Entry], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(hostile["valid"].path.parent)  # names as given: "=HYPERLINK(...).jpg"
    names = [hostile[f"formula_{i}"].path.name for i in range(4)]
    run(capsys, "batch", "-j", "0", f"--csv={tmp_path / 'x.csv'}", "--", *names)
    cells = [row[0] for row in csv.reader((tmp_path / "x.csv").open(encoding="utf-8"))][1:]
    assert cells == ["'" + n for n in names]


@pytest.mark.parametrize("target", ["missing/out.jsonl", "folder", "/dev/full"])
def test_batch_output_that_cannot_be_written_is_a_clear_error(
        hostile: dict[str, Entry], tmp_path: Path, target: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = target if target.startswith("/") else str(tmp_path / target)
    (tmp_path / "folder").mkdir(exist_ok=True)
    code, _, err = run(capsys, "batch", "-j", "0", str(hostile["valid"].path), "--jsonl", path)
    assert code == EXIT_USAGE and "cannot write" in err


@pytest.mark.parametrize("flag", ["--jsonl", "--csv", "--html"])
def test_batch_never_writes_its_report_over_a_photo(hostile: dict[str, Entry], tmp_path: Path,
                                                    flag: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "IMG_0001.jpg"
    photo.write_bytes(hostile["valid"].path.read_bytes())
    other = tmp_path / "IMG_0002.jpg"
    other.write_bytes(b"tiny")
    for target in (photo, other):  # a photo anywhere, or one of the files given
        before = target.read_bytes()
        code, _, err = run(capsys, "batch", "-j", "0", str(other), flag, str(target))
        assert code == EXIT_USAGE and "never overwrite" in err
        assert target.read_bytes() == before


def test_batch_output_to_a_fifo_without_reader_does_not_hang(
        hostile: dict[str, Entry], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    code, _, err = run(capsys, "batch", "-j", "0", str(hostile["valid"].path), "--jsonl", str(fifo))
    assert code == EXIT_USAGE and "FIFO" in err


def test_resume_on_a_file_that_is_not_a_report_is_a_clear_error(
        hostile: dict[str, Entry], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "notes.jsonl"
    other.write_text('{"hello": "world"}\n')
    code, _, err = run(capsys, "batch", "-j", "0", str(hostile["valid"].path), "--jsonl",
                       str(other), "--resume")
    assert code == EXIT_USAGE and "not a photocheck report" in err
    assert other.read_text() == '{"hello": "world"}\n'  # left alone


# --- fix and print-sheet --------------------------------------------------------------------


@pytest.mark.parametrize("kind", UNREADABLE_OR_DAMAGED)
def test_fix_refuses_what_it_cannot_use_and_writes_nothing(
        hostile: dict[str, Entry], hostile_dir: Path, tmp_path: Path, kind: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(hostile_dir)
    out = tmp_path / "fixed.jpg"
    code, stdout, _ = run(capsys, "fix", "--lang", "en", str(hostile[kind].path), "-o", str(out))
    assert code == EXIT_USAGE and "Nothing written:" in stdout
    assert not out.exists() and snapshot(hostile_dir) == before


def test_fix_never_reencodes_a_damaged_jpeg(hostile: dict[str, Entry], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fixed.jpg"
    code, stdout, _ = run(capsys, "fix", "--lang", "en", str(hostile["corrupt_entropy"].path),
                          "-o", str(out))
    assert code == EXIT_USAGE and "damaged" in stdout and not out.exists()


def test_fix_rebuilds_metadata_of_a_passing_photo(hostile: dict[str, Entry], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "fixed.jpg"
    code, _, _ = run(capsys, "fix", "--lang", "en", str(hostile["private"].path), "-o", str(out))
    data = out.read_bytes()
    assert code == 0
    assert b"GPSLatitude" not in data and b"Picasa" not in data and b"PK\x03\x04" not in data
    assert b"http://ns.adobe.com/xap" not in data
    image = Image.open(out)
    assert len(image.info.get("icc_profile") or b"") <= limit("fix.icc_profile.max_bytes").value
    assert image.getexif().get(0x0132) == "2026:11:01 10:00:00"  # the capture date survives
    assert len(data) < 1_000_000


@pytest.mark.parametrize("kind", ["loop", "corrupt_entropy", "bomb", "png_bomb", "fifo",
                                  "sparse_30g", "twelve_bit"])
def test_print_sheet_refuses_clearly(hostile: dict[str, Entry], tmp_path: Path, kind: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheet.pdf"
    code, _, err = run(capsys, "print-sheet", "--lang", "en", str(hostile[kind].path), "-o",
                       str(out))
    assert code == EXIT_USAGE and err.strip() and not out.exists()


# --- form -----------------------------------------------------------------------------------

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "applicants" / \
    "adult_foreign_resident.json"


@pytest.mark.parametrize("name", ["nested.json", "bigint.json", "nested.toml", "binary.json",
                                  "fifo.json"])
def test_form_validate_answers_hostile_data(form_files: dict[str, Path], name: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "form", "validate", "--lang", "en", str(form_files[name]))
    assert code == EXIT_USAGE and "(file)" in err


def test_form_validate_refuses_a_device(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "form", "validate", "--lang", "en", "/dev/zero")
    assert code == EXIT_USAGE and "not a regular file" in err


@pytest.mark.parametrize("kind", ["heic", "arithmetic", "twelve_bit", "empty", "svg",
                                  "truncated", "bomb", "corrupt_entropy", "fifo", "sparse_30g"])
def test_form_fill_refuses_a_photo_it_cannot_use(hostile: dict[str, Entry], tmp_path: Path,
                                                 kind: str, capsys: pytest.CaptureFixture[str]
                                                 ) -> None:
    out = tmp_path / "form.pdf"
    code, _, err = run(capsys, "form", "fill", "--lang", "en", str(SAMPLE), "--photo",
                       str(hostile[kind].path), "-o", str(out))
    assert code == EXIT_USAGE and "photo" in err and not out.exists()


@pytest.mark.parametrize("name", ["template.pdf", "cut.pdf"])
def test_form_fill_refuses_a_template_that_is_not_a_pdf(form_files: dict[str, Path],
                                                        tmp_path: Path, name: str,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    out = tmp_path / "form.pdf"
    code, _, err = run(capsys, "form", "fill", "--lang", "en", str(SAMPLE), "--template",
                       str(form_files[name]), "-o", str(out))
    assert code == EXIT_USAGE and "template" in err and not out.exists()


@pytest.mark.parametrize("which", ["photo", "data"])
def test_form_fill_never_overwrites_an_input(hostile: dict[str, Entry], tmp_path: Path,
                                             which: str, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(hostile["valid"].path.read_bytes())
    data = tmp_path / "data.json"
    data.write_bytes(SAMPLE.read_bytes())
    target = photo if which == "photo" else data
    before = target.read_bytes()
    code, _, err = run(capsys, "form", "fill", "--lang", "en", str(data), "--photo", str(photo),
                       "-o", str(target))
    assert code == EXIT_USAGE and "output" in err and target.read_bytes() == before


@pytest.fixture(scope="module")
def form_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from tests.hostile.corpus import form_data

    return form_data(tmp_path_factory.mktemp("formdata"))
