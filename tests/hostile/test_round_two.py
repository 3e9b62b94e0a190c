"""The command line against issue 23's campaign: outputs that are devices or missing folders,
usage errors that were crashes, the card at the ends of the calendar, data files with a BOM or
a key of 400,000 parts, and batch's hot folder and --resume after a full disk.

(`photocheck serve` under slow and forged clients: test_serve.py.)
"""

from __future__ import annotations

import csv
import errno
import json
import os
import signal
import stat
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from photocheck.batch.discover import Exclusions
from photocheck.batch.html_report import HtmlReport, _row
from photocheck.batch.jsonl_report import JsonlReport
from photocheck.batch.watch import HotFolder
from photocheck.cli import EXIT_USAGE, main
from tests.hostile.corpus import NON_UTF8_NAME, valid_jpeg

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "applicants" / \
    "adult_foreign_resident.json"


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A FIFO that blocks fails the test instead of hanging it."""
    def timed_out(signum: int, frame: object) -> None:
        raise TimeoutError("hung")

    previous = signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "in.jpg"
    path.write_bytes(valid_jpeg())
    return path


def _writers(photo: Path, out: str) -> list[list[str]]:
    """Every command that writes one output file to `out`."""
    return [["fix", str(photo), "-o", out], ["print-sheet", str(photo), "-o", out],
            ["form", "blank", "-o", out],
            ["form", "fill", str(SAMPLE), "--photo", str(photo), "-o", out]]


# --- items 2 and 15: outputs -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fifo", "link_to_device"])
def test_outputs_never_replace_a_special_file(tmp_path: Path, photo: Path, kind: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """As root, `-o /dev/null` became a 0600 regular file and `-o /dev/stdout` lost its link."""
    target = tmp_path / "out.pdf"
    card = ["card", "--birth", "1990-01-01", "--issued", "2020-01-01", "--ics", str(target)]
    for argv in [*_writers(photo, str(target)), card]:
        if kind == "fifo":
            os.mkfifo(target)
        else:
            os.symlink("/dev/null", target)
        code, text = run(capsys, *argv, "--lang", "en")
        assert code == EXIT_USAGE, argv
        assert "is a device, FIFO or socket" in text and ".tmp" not in text
        mode = os.lstat(target).st_mode
        assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISLNK(mode)
        assert kind == "fifo" or os.readlink(target) == "/dev/null"
        target.unlink()


def test_outputs_never_create_folders(tmp_path: Path, photo: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing" / "dir"
    for argv in _writers(photo, str(missing / "x.pdf")):
        code, text = run(capsys, *argv, "--lang", "en")
        assert code == EXIT_USAGE and "its folder does not exist" in text, argv
        assert not (tmp_path / "missing").exists()


def test_a_folder_or_nothing_as_output_is_a_clear_error(tmp_path: Path, photo: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    folder = tmp_path / "out.pdf"  # a folder, named as print-sheet wants its output
    folder.mkdir()
    before = sorted(os.listdir(tmp_path))
    for argv in _writers(photo, str(folder)):
        code, text = run(capsys, *argv, "--lang", "ja")
        assert code == EXIT_USAGE and "フォルダ" in text and ".tmp" not in text, argv
    for argv in _writers(photo, ""):
        code, text = run(capsys, *argv, "--lang", "en")
        assert code == EXIT_USAGE and "needs a file name" in text, argv
        assert "Device or resource busy" not in text
    assert sorted(os.listdir(tmp_path)) == before and not os.listdir(folder)


def test_an_unwritable_folder_never_names_the_hidden_temp_file(
        tmp_path: Path, photo: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A read-only folder (root may write anywhere, so its refusal is played here)."""
    def refused(*, dir: str, prefix: str, suffix: str) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied", f"{dir}/{prefix}k2j4{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    for argv in (["form", "blank", "-o", str(tmp_path / "blank.pdf")],
                 ["fix", str(photo), "-o", str(tmp_path / "fixed.jpg")]):
        code, text = run(capsys, *argv, "--lang", "en")
        assert code == EXIT_USAGE and "permission denied" in text, argv
        assert ".tmp" not in text and "k2j4" not in text


def test_a_data_file_with_a_byte_order_mark_is_read(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "me.json"
    data.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    code, text = run(capsys, "form", "validate", "--lang", "en", str(data))
    assert "not valid json" not in text and "UTF-8" not in text
    assert code == main(["form", "validate", "--lang", "en", str(SAMPLE)])


# --- item 9: dotted TOML keys -----------------------------------------------------------------


def test_a_key_of_400000_dotted_parts_is_refused_at_once(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """800 KB, under the 1 MB cap: about an hour of tomllib before."""
    data = tmp_path / "me.toml"
    data.write_text("x" + ".a" * 400_000 + " = 1\n")
    code, text = run(capsys, "form", "validate", "--lang", "en", str(data))
    assert code == EXIT_USAGE and "dotted parts" in text


# --- item 12: card at the ends of the calendar ------------------------------------------------


@pytest.mark.parametrize("dates", [
    ["--birth", "9999-12-31", "--issued", "9999-12-31"],
    ["--birth", "0001-01-01", "--issued", "0001-01-01"],
    ["--birth", "1990-01-01", "--applied", "9999-12-30"],
    ["--birth", "1990-01-01", "--issued", "2020-01-01", "--moved", "9999-12-31"],
])
def test_card_at_the_ends_of_the_calendar_is_a_usage_error(
        dates: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(capsys, "card", "--lang", "en", *dates)
    # A year before Meiji is refused where the date is read (photocheck/dates.py); a late one by
    # the card's own bound (card.dates.years).
    assert code == EXIT_USAGE and ("outside the dates" in text or "Meiji era" in text), text


# --- item 14: numbers that were crashes -------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["serve", "--port", "99999"], ["serve", "--port", "-1"], ["serve", "--max-upload-mb", "inf"],
    ["serve", "--idle-timeout", "nan"], ["batch", ".", "--timeout", "inf"],
    ["batch", ".", "--poll", "1e308"],
])
def test_impossible_numbers_are_usage_errors(argv: list[str],
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, text = run(capsys, *argv)
    assert code == EXIT_USAGE and "must be" in text


# --- items 7 and 8: the hot folder ------------------------------------------------------------


def test_a_fifo_in_the_hot_folder_does_not_block_the_watcher(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "booth.jpg")
    now = [0.0]
    folder = HotFolder([str(tmp_path)], False, Exclusions([]), set(), settle_s=1.0,
                       clock=lambda: now[0])
    assert folder.poll() == []
    now[0] = 2.0
    assert folder.poll() == [str(tmp_path / "booth.jpg")]  # the checker reports it, unopened


def _thumbnail_then_rest() -> tuple[bytes, bytes]:
    """A JPEG whose first part (SOI + an EXIF block whose thumbnail ends in FF D9) looks
    complete to an end-marker test, and the rest of the file."""
    valid = valid_jpeg()
    payload = b"Exif\x00\x00" + bytes(32) + b"\xff\xd8\xff\xdb" + bytes(64) + b"\xff\xd9"
    app1 = b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload
    return valid[:2] + app1, valid[2:]


def test_a_paused_writer_is_checked_again_once_it_finishes(tmp_path: Path) -> None:
    head, rest = _thumbnail_then_rest()
    target = tmp_path / "booth.jpg"
    target.write_bytes(head)  # the writer pauses after the EXIF block
    now = [0.0]
    done: set[str] = set()
    folder = HotFolder([str(tmp_path)], False, Exclusions([]), done, settle_s=2.0,
                       clock=lambda: now[0])
    assert folder.poll() == []
    now[0] = 1.0
    assert folder.poll() == []  # ends in FF D9, but not stable for the settle time
    now[0] = 3.0
    assert folder.poll() == [str(target)]  # a writer this slow: checked half-written...
    with target.open("ab") as handle:
        handle.write(rest)
    now[0] = 4.0
    assert folder.poll() == []
    now[0] = 6.5
    assert folder.poll() == [str(target)]  # ...and checked again once it is complete
    now[0] = 20.0
    assert folder.poll() == []


# --- items 10 and 11: --resume ----------------------------------------------------------------


@pytest.mark.parametrize("full_on", ["html", "jsonl"])
def test_resume_after_a_full_disk_lists_every_photo_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_on: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The campaign: a disk full while writing --html, then --resume: the page showed 39 of 40.
    Also the disk filling on the JSONL line, after that photo's row reached the page and CSV."""
    photos = tmp_path / "photos"
    photos.mkdir()
    for n in range(4):
        (photos / f"p{n}.jpg").write_bytes(b"not a photo %d\n" % n)
    out = {kind: tmp_path / f"r.{kind}" for kind in ("jsonl", "csv", "html")}
    flags = [f"--{kind}={path}" for kind, path in out.items()]
    writer = HtmlReport if full_on == "html" else JsonlReport
    real_write = writer.write
    written = [0]

    def fills_the_disk(self: HtmlReport | JsonlReport, outcome: object) -> None:
        if written[0] == 2:  # the third photo: half of its line reaches the disk
            whole = _row(outcome) if full_on == "html" else json.dumps(outcome.report)  # type: ignore
            self._file.write(whole[:60])
            self._file.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        written[0] += 1
        real_write(self, outcome)  # type: ignore[arg-type]

    monkeypatch.setattr(writer, "write", fills_the_disk)
    code, _ = run(capsys, "batch", "-j", "0", str(photos), *flags)
    assert code == EXIT_USAGE
    monkeypatch.setattr(writer, "write", real_write)
    run(capsys, "batch", "-j", "0", str(photos), *flags, "--resume")
    files = [json.loads(line)["file"] for line in out["jsonl"].read_text().splitlines()]
    assert sorted(files) == sorted(str(p) for p in photos.iterdir())
    page = out["html"].read_text(encoding="utf-8")
    assert page.count("<tr class=") == page.count("</tr>\n") == 4
    rows = [row[0] for row in csv.reader(out["csv"].open(encoding="utf-8"))][1:]
    for name in files:
        assert page.count(f"<td>{name}</td>") == 1 and rows.count(name) == 1


def test_resume_tells_a_non_utf8_name_from_its_escaped_look_alike(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photos = tmp_path / "photos"
    photos.mkdir()
    (photos / NON_UTF8_NAME).write_bytes(b"tiny")  # b"caf\xe9.jpg"
    jsonl = tmp_path / "r.jsonl"
    run(capsys, "batch", "-j", "0", str(photos), "--jsonl", str(jsonl))
    (photos / "caf\\xe9.jpg").write_bytes(b"tiny")  # a real backslash
    _, text = run(capsys, "batch", "-j", "0", "--lang", "en", str(photos), "--jsonl", str(jsonl),
                  "--resume")
    assert "checked 1 file" in text and "checked 1 files" not in text
    assert len(jsonl.read_text(encoding="utf-8").splitlines()) == 2


def test_forwarded_addresses_are_trusted_only_from_the_proxies_named() -> None:
    """The other half of test_serve's forged X-Forwarded-For: what `serve` hands uvicorn."""
    pytest.importorskip("uvicorn")
    from photocheck.cli.serve_cmd import connection_settings

    default = connection_settings(None, "")
    assert default["proxy_headers"] is False and default["timeout_keep_alive"] == 5.0
    behind = connection_settings(2.0, " 127.0.0.1, 10.0.0.2 ")
    assert behind["proxy_headers"] is True
    assert behind["forwarded_allow_ips"] == ["127.0.0.1", "10.0.0.2"]


def test_a_file_still_written_during_the_first_pass_is_checked_again(tmp_path: Path) -> None:
    head, rest = _thumbnail_then_rest()
    target = tmp_path / "booth.jpg"
    target.write_bytes(head)
    now = [0.0]
    done = {str(target)}  # the first pass checked it half-written
    folder = HotFolder([str(tmp_path)], False, Exclusions([]), done, settle_s=2.0,
                       clock=lambda: now[0])
    folder.remember([str(target)])
    with target.open("ab") as handle:  # the writer finishes while the first pass runs
        handle.write(rest)
    assert folder.poll() == []
    now[0] = 3.0
    assert folder.poll() == [str(target)]


def test_a_photo_deleted_and_written_again_under_its_name_is_checked(tmp_path: Path) -> None:
    target = tmp_path / "IMG_0001.jpg"
    target.write_bytes(valid_jpeg())
    now = [0.0]
    folder = HotFolder([str(tmp_path)], False, Exclusions([]), {str(target)}, settle_s=1.0,
                       clock=lambda: now[0])
    assert folder.poll() == []  # checked in the first pass
    target.unlink()
    assert folder.poll() == []
    target.write_bytes(valid_jpeg()[:-2] + b"\xff\xd9")  # the booth's next sitter
    for now[0] in (1.0, 2.5):
        ready = folder.poll()
    assert ready == [str(target)]
