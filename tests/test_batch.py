"""`photocheck batch` and the engine: one report line per file whatever happens to the checker.

Workers are real spawned processes that import mediapipe, so the expensive runs are shared:
one full CLI run (crash, hang, exception, bad files, nested folders, all three outputs) feeds
several tests, and a resume continues its outputs. Misbehaviour comes from tests/batch_hooks.py
through PHOTOCHECK_BATCH_CHECK, never from files that really crash the decoder.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from skimage import data

from photocheck.batch import run_batch, run_outcomes
from photocheck.batch.csv_report import LEADING_COLUMNS
from photocheck.batch.discover import Exclusions, find_files
from photocheck.batch.html_report import END_MARKER
from photocheck.batch.outcome import report_from_dict
from photocheck.batch.watch import HotFolder
from photocheck.cli import main
from photocheck.report import Status, Verdict
from photocheck.rules import PROFILES

ROOT = Path(__file__).resolve().parent.parent
HOOK_ENV = "PHOTOCHECK_BATCH_CHECK"
MISBEHAVE = "tests.batch_hooks:misbehave_on_name"
BY_NAME = "tests.batch_hooks:verdict_from_name"
REPORT_KEYS = {"file", "profile", "verdict", "checks", "face", "elapsed_ms", "version", "lang"}
CHECK_KEYS = {"id", "status", "value", "limit", "message", "fix"}
WAIT_S = 60.0
"""Upper bound for waiting on a subprocess (a safety net, not a timing assertion)."""


def jpeg_bytes(size: tuple[int, int] = (600, 800)) -> bytes:
    """The public-domain astronaut portrait as a real camera-like JPEG of `size`."""
    buffer = io.BytesIO()
    Image.fromarray(data.astronaut()).resize(size).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buffer, "PNG")
    return buffer.getvalue()


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_cli(args: list[str]) -> tuple[int, str]:
    """`photocheck ARGS` in this process: (exit code, stdout)."""
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(args)
    return code, out.getvalue()


def spawn_cli(args: list[str], hook: str | None = None) -> subprocess.Popen[str]:
    """`python -m photocheck ARGS` in a subprocess started from the worktree root."""
    env = dict(os.environ)
    env.pop(HOOK_ENV, None)
    if hook:
        env[HOOK_ENV] = hook
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.Popen([sys.executable, "-m", "photocheck", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def line_count(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


# --- one full run, shared -------------------------------------------------------------------

@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder tree: good JPEGs, a PNG named .jpg, an empty file, a hidden file, a subfolder,
    and files the hook makes the checker crash, exit, hang or raise on."""
    root = tmp_path_factory.mktemp("batch") / "photos"
    (root / "sub" / "deeper").mkdir(parents=True)
    jpeg = jpeg_bytes()
    for name in ("a.jpg", "b.jpeg", "crash.jpg", "exit.jpg", "hang.jpg", "raise.jpg",
                 "sub/c.jpg", "sub/deeper/d.jpg", ".hidden.jpg"):
        (root / name).write_bytes(jpeg)
    (root / "png.jpg").write_bytes(png_bytes())
    (root / "empty.jpg").write_bytes(b"")
    return root


EXPECTED = {"a.jpg", "b.jpeg", "crash.jpg", "exit.jpg", "hang.jpg", "raise.jpg", "png.jpg",
            "empty.jpg", "sub/c.jpg", "sub/deeper/d.jpg"}


@pytest.fixture(scope="module")
def first_run(photos: Path) -> dict[str, Any]:
    """The CLI over the tree with 2 workers and all outputs (inside the folder: they must be
    skipped); returns the exit code, stdout and the outputs as they were right after."""
    outputs = {ext: photos / f"out.{ext}" for ext in ("jsonl", "csv", "html")}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOOK_ENV, MISBEHAVE)
        code, stdout = run_cli([
            "batch", str(photos), "--recursive", "--jobs", "2", "--timeout", "3",
            *(arg for ext, path in outputs.items() for arg in (f"--{ext}", str(path))),
        ])
    return {"code": code, "stdout": stdout, "outputs": outputs,
            "jsonl": read_jsonl(outputs["jsonl"]),
            "csv": outputs["csv"].read_text(encoding="utf-8"),
            "html": outputs["html"].read_text(encoding="utf-8")}


def by_name(reports: list[dict[str, Any]], root: Path) -> dict[str, dict[str, Any]]:
    return {Path(r["file"]).relative_to(root).as_posix(): r for r in reports}


def test_every_file_gets_exactly_one_line(first_run: dict[str, Any], photos: Path) -> None:
    names = [Path(r["file"]).relative_to(photos).as_posix() for r in first_run["jsonl"]]
    assert sorted(names) == sorted(EXPECTED)  # no hidden file, no output file, no duplicate


def test_jsonl_lines_are_the_shared_report_format(first_run: dict[str, Any]) -> None:
    for report in first_run["jsonl"]:
        assert set(report) == REPORT_KEYS
        assert report["profile"] == "online"
        assert report["verdict"] in {v.value for v in Verdict}
        assert report["checks"], "a report always explains itself"
        for check in report["checks"]:
            assert set(check) == CHECK_KEYS
            assert check["status"] in {s.value for s in Status}
            assert check["message"]["en"] and check["message"]["ja"]
        assert report_from_dict(report).to_dict() == report


def test_crash_hang_and_exception_are_error_lines(first_run: dict[str, Any], photos: Path
                                                  ) -> None:
    reports = by_name(first_run["jsonl"], photos)
    expected = {"crash.jpg": "crash", "exit.jpg": "crash", "hang.jpg": "timeout",
                "raise.jpg": "exception"}
    for name, failure in expected.items():
        report = reports[name]
        assert report["verdict"] == "error", name
        [check] = report["checks"]
        assert (check["id"], check["status"], check["value"]) == ("batch.worker", "fail", failure)
    assert "SIGSEGV" in reports["crash.jpg"]["checks"][0]["message"]["en"]
    assert "exit code 3" in reports["exit.jpg"]["checks"][0]["message"]["en"]
    assert reports["hang.jpg"]["checks"][0]["limit"] == 3


def test_real_files_are_checked_normally(first_run: dict[str, Any], photos: Path) -> None:
    reports = by_name(first_run["jsonl"], photos)
    for name in ("a.jpg", "b.jpeg", "sub/c.jpg", "sub/deeper/d.jpg"):
        checks = {c["id"]: c["status"] for c in reports[name]["checks"]}
        assert reports[name]["verdict"] != "error"
        assert checks["file.format"] == checks["file.integrity"] == "pass"
        assert list(checks) == list(PROFILES["online"])
    assert reports["png.jpg"]["verdict"] == "reject"
    assert "file.format" in [c["id"] for c in reports["png.jpg"]["checks"]
                             if c["status"] == "fail"]
    assert reports["empty.jpg"]["verdict"] == "reject"


def test_exit_code_and_summary(first_run: dict[str, Any]) -> None:
    assert first_run["code"] == 2  # files errored
    summary = first_run["stdout"]
    errors = sum(r["verdict"] == "error" for r in first_run["jsonl"])
    assert f"checked {len(EXPECTED)} files" in summary
    assert any(line.split() == ["error", str(errors)] for line in summary.splitlines())
    assert any(line.split() == ["batch.worker", "4"] for line in summary.splitlines())


def test_csv_has_a_row_per_file_and_a_column_per_rule(first_run: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(first_run["csv"])))
    header = first_run["csv"].splitlines()[0].split(",")
    assert header == [*LEADING_COLUMNS, *PROFILES["online"]]
    assert len(rows) == len(EXPECTED)
    reports = {r["file"]: r for r in first_run["jsonl"]}
    for row in rows:
        report = reports[row["file"]]
        assert row["verdict"] == report["verdict"]
        for check in report["checks"]:
            if check["id"] in PROFILES["online"]:
                assert row[check["id"]] == check["status"]


def test_html_has_a_row_per_file_with_thumbnails(first_run: dict[str, Any]) -> None:
    page = first_run["html"]
    assert page.startswith("<!doctype html>") and page.rstrip().endswith("</html>")
    assert page.count("<tr class=") == len(EXPECTED)
    for report in first_run["jsonl"]:
        assert f"<td>{report['file']}</td>" in page
    # the four real JPEGs and the PNG have previews; the files the checker failed on do not
    assert page.count("src='data:image/jpeg;base64,") == 5
    assert "http://" not in page and "https://" not in page  # self-contained
    assert f"<p class=summary>{len(EXPECTED)} files: " in page and "(s)" not in page
    assert "チェッカー" in page  # the Japanese message of the batch.worker errors


# --- resume continues the first run's outputs ------------------------------------------------

def test_resume_skips_done_files_and_appends(first_run: dict[str, Any], photos: Path) -> None:
    outputs = first_run["outputs"]
    (photos / "new.jpg").write_bytes(jpeg_bytes())
    jsonl = outputs["jsonl"].read_bytes()
    # Simulate a crash in the middle of writing the last line: that file is checked again.
    last_start = jsonl.rstrip(b"\n").rfind(b"\n") + 1
    cut_file = json.loads(jsonl[last_start:])["file"]
    outputs["jsonl"].write_bytes(jsonl[: last_start + 40])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(HOOK_ENV, MISBEHAVE)
        code, stdout = run_cli([
            "batch", str(photos), "--recursive", "--jobs", "1", "--timeout", "3", "--resume",
            *(arg for ext, path in outputs.items() for arg in (f"--{ext}", str(path))),
        ])
    reports = read_jsonl(outputs["jsonl"])
    assert reports[: len(EXPECTED) - 1] == first_run["jsonl"][: len(EXPECTED) - 1]
    assert {r["file"] for r in reports[len(EXPECTED) - 1:]} == {cut_file, str(photos / "new.jpg")}
    assert len(reports) == len(EXPECTED) + 1 == len({r["file"] for r in reports})
    rows = outputs["csv"].read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("file,") and sum(r.startswith("file,") for r in rows) == 1
    assert len(rows) == 1 + len(EXPECTED) + 1  # the cut file's first row is removed (issue 23)
    page = outputs["html"].read_text(encoding="utf-8")
    assert page.count("<tr class=") == len(EXPECTED) + 1
    assert page.count(END_MARKER) == 1 and page.count("</html>") == 1
    assert code == 2  # the earlier run's errors still count
    assert f"(+{len(EXPECTED) - 1} from the earlier run)" in stdout


# --- interruption and hot folder (subprocesses) ----------------------------------------------

def test_sigint_midway_keeps_the_lines_written(tmp_path: Path) -> None:
    jpeg = jpeg_bytes()
    for i in range(12):
        (tmp_path / f"slow{i:02d}.jpg").write_bytes(jpeg)
    out, page = tmp_path / "out.jsonl", tmp_path / "out.html"
    proc = spawn_cli(["batch", str(tmp_path), "--jobs", "1", "--jsonl", str(out),
                      "--html", str(page)], hook=MISBEHAVE)
    try:
        wait_for(lambda: line_count(out) >= 2, "two lines")
        proc.send_signal(signal.SIGINT)
        stdout, _ = proc.communicate(timeout=WAIT_S)
    finally:
        proc.kill()
    assert proc.returncode == 130
    reports = read_jsonl(out)  # every line parses: nothing half-written
    assert 2 <= len(reports) < 12
    assert len({r["file"] for r in reports}) == len(reports)
    assert page.read_text(encoding="utf-8").count("<tr class=") == len(reports)
    assert f"checked {len(reports)} files" in stdout


def test_watch_checks_a_file_once_it_is_completely_written(tmp_path: Path) -> None:
    folder = tmp_path / "booth"
    folder.mkdir()
    jpeg = jpeg_bytes()
    (folder / "first.jpg").write_bytes(jpeg)
    out = tmp_path / "out.jsonl"
    proc = spawn_cli(["batch", str(folder), "--watch", "--poll", "0.1", "--jobs", "1",
                      "--jsonl", str(out)])
    try:
        wait_for(lambda: line_count(out) >= 1, "the first pass")
        with (folder / "second.jpg").open("wb") as handle:
            handle.write(jpeg[: len(jpeg) // 2])
            handle.flush()
            time.sleep(0.5)  # several polls see a stable but unfinished JPEG (no EOI marker)
            assert line_count(out) == 1
            handle.write(jpeg[len(jpeg) // 2:])
        wait_for(lambda: line_count(out) >= 2, "the new file")
        proc.send_signal(signal.SIGINT)
        stdout, _ = proc.communicate(timeout=WAIT_S)
    finally:
        proc.kill()
    reports = read_jsonl(out)
    assert [Path(r["file"]).name for r in reports] == ["first.jpg", "second.jpg"]
    assert reports[1]["verdict"] != "error"
    assert {c["id"]: c["status"] for c in reports[1]["checks"]}["file.integrity"] == "pass"
    rejected = any(r["verdict"] == "reject" for r in reports)
    assert proc.returncode == (1 if rejected else 0)  # Ctrl-C is how --watch ends normally
    assert "checked 2 files" in stdout


# --- fast in-process tests (jobs=0, hooks that do not crash) -----------------------------------

@pytest.fixture
def small_tree(tmp_path: Path) -> Path:
    jpeg = jpeg_bytes((480, 640))
    for name in ("ok1.jpg", "ok2.jpg"):
        (tmp_path / name).write_bytes(jpeg)
    return tmp_path


@pytest.mark.parametrize(("extra", "expected"), [
    ((), 0), (("reject.jpg",), 1), (("missing.jpg",), 2), (("reject.jpg", "missing.jpg"), 2),
])
def test_exit_codes(small_tree: Path, monkeypatch: pytest.MonkeyPatch,
                    extra: tuple[str, ...], expected: int) -> None:
    monkeypatch.setenv(HOOK_ENV, BY_NAME)
    for name in extra:
        if name != "missing.jpg":
            (small_tree / name).write_bytes(b"any")
    paths = [str(small_tree), *(str(small_tree / n) for n in extra if n == "missing.jpg")]
    code, _ = run_cli(["batch", *paths, "--jobs", "0"])
    assert code == expected


@pytest.mark.parametrize("args", [
    ["--resume"], ["--jobs", "-1"], ["--timeout", "0"], ["--profile", "passport"],
    ["--watch", "{file}"], ["--jsonl", "{dir}/x", "--csv", "{dir}/x"],
])
def test_usage_errors_exit_2(small_tree: Path, args: list[str]) -> None:
    args = [a.format(dir=small_tree, file=small_tree / "ok1.jpg") for a in args]
    paths = [str(small_tree / "ok1.jpg")] if "--watch" in args else [str(small_tree)]
    code, _ = run_cli(["batch", *paths, *args])
    assert code == 2


def test_run_batch_yields_one_report_per_path_in_process(small_tree: Path) -> None:
    paths = [small_tree / "ok1.jpg", str(small_tree / "ok2.jpg"), small_tree / "missing.jpg"]
    reports = list(run_batch(paths, jobs=0))
    assert [r.file for r in reports] == [str(p) for p in paths]
    assert reports[2].verdict is Verdict.ERROR
    assert all(r.check("file.integrity").status is Status.PASS for r in reports[:2])


def test_thumbnails_only_when_asked_and_with_the_face_drawn(
        small_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOOK_ENV, BY_NAME)
    path = [small_tree / "ok1.jpg"]
    assert next(run_outcomes(path, jobs=0)).thumbnail is None
    thumb = next(run_outcomes(path, jobs=0, thumbnails=True)).thumbnail
    assert thumb is not None
    image = np.asarray(Image.open(io.BytesIO(base64.b64decode(thumb))).convert("RGB"))
    assert max(image.shape[:2]) == 160
    scale = 160 / 640
    # the hook's face box starts at x=150, y=100 (full-res px): its left edge is drawn in green
    x, y0, y1 = round(150 * scale), round(100 * scale) + 3, round(400 * scale) - 3
    def greenness(x_from: int) -> np.ndarray:
        band = image[y0:y1, x_from: x_from + 5].astype(int)
        return (band[..., 1] - np.maximum(band[..., 0], band[..., 2])).max(axis=1)

    assert (greenness(x - 2) > 25).all()  # every row of the edge (JPEG blurs it a little)
    assert (greenness(x + 10) < 25).all()  # inside the box: the photo itself


def test_discovery_skips_hidden_files_outputs_and_unasked_subfolders(tmp_path: Path) -> None:
    for name in ("a.jpg", "b.txt", ".hidden.jpg", "out.jsonl", "sub/c.jpg", ".git/d.jpg"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    exclude = Exclusions([str(tmp_path / "out.jsonl")])
    flat = {Path(p).name for p in find_files([str(tmp_path)], False, exclude)}
    deep = {Path(p).name for p in find_files([str(tmp_path)], True, exclude)}
    assert flat == {"a.jpg", "b.txt"}
    assert deep == {"a.jpg", "b.txt", "c.jpg"}
    assert list(find_files([str(tmp_path / "nope.jpg")], False, exclude)) == [
        str(tmp_path / "nope.jpg")]


def test_hot_folder_waits_for_a_complete_stable_file(tmp_path: Path) -> None:
    jpeg = jpeg_bytes((480, 640))
    done: set[str] = set()
    now = [0.0]
    folder = HotFolder([str(tmp_path)], False, Exclusions([]), done, settle_s=2.0,
                       clock=lambda: now[0])
    target = tmp_path / "new.jpg"
    target.write_bytes(jpeg[:1000])
    assert folder.poll() == []  # first sight
    now[0] = 1.0
    assert folder.poll() == []  # stable, but not for the settle time yet
    target.write_bytes(jpeg)
    now[0] = 2.5
    assert folder.poll() == []  # changed since the last poll: the settle time starts again
    now[0] = 4.5
    assert folder.poll() == [str(target)]  # stable for the settle time
    now[0] = 9.0
    assert folder.poll() == []  # each state of a file once
    assert str(target) in done



def test_a_file_named_twice_is_checked_once(small_tree: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.setenv(HOOK_ENV, BY_NAME)
    out = small_tree / "out.jsonl"
    code, _ = run_cli(["batch", str(small_tree), f"{small_tree}/", str(small_tree / "ok1.jpg"),
                       "--jobs", "0", "--jsonl", str(out)])
    assert code == 0
    assert sorted(Path(r["file"]).name for r in read_jsonl(out)) == ["ok1.jpg", "ok2.jpg"]
