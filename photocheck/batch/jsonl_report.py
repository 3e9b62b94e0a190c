"""`--jsonl`: one report per line, the shared report format exactly, flushed line by line.

Because each line is flushed as it is written, a crash or Ctrl-C loses nothing already checked,
and `--resume` reads the file back to skip what is done.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from photocheck.batch.outcome import Outcome, ReportDict


class NotAReport(ValueError):
    """`--resume` was given a file that is not a batch's JSONL report (the message says where)."""


class JsonlReport:
    """Appends each outcome's report as one JSON line."""

    def __init__(self, path: Path, append: bool) -> None:
        self._file = path.open("a" if append else "w", encoding="utf-8")

    def write(self, outcome: Outcome) -> None:
        self._file.write(json.dumps(outcome.report, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def previous_reports(path: Path) -> Iterator[ReportDict]:
    """The reports an earlier (possibly interrupted) run wrote to `path`, oldest first.

    A last line cut off mid-write is removed from the file first, so appending continues on a
    clean line boundary and that file is simply checked again. Raises NotAReport before anything
    is changed when the file is something else (appending reports to it would spoil it).
    """
    if not path.exists():
        return
    reports = _read_reports(path)
    trim_partial_line(path)
    yield from reports


def _read_reports(path: Path) -> list[ReportDict]:
    reports = []
    with path.open("rb") as handle:
        lines = handle.read().split(b"\n")
    complete = lines[:-1]  # the last piece is empty or a line cut off mid-write
    for number, line in enumerate(complete, 1):
        if not line.strip():
            continue
        try:
            report = json.loads(line)
        except (ValueError, RecursionError):
            raise NotAReport(f"{path}: line {number} is not JSON") from None
        if not _is_report(report):
            raise NotAReport(f"{path}: line {number} is not a photocheck report") from None
        reports.append(report)
    return reports


def _is_report(value: object) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("file"), str)
            and isinstance(value.get("verdict"), str) and isinstance(value.get("checks"), list)
            and all(isinstance(c, dict) and "id" in c and "status" in c
                    for c in value["checks"]))


def trim_partial_line(path: Path) -> None:
    """Cut whatever follows the last newline (a line a crash interrupted) off `path`."""
    with path.open("rb+") as handle:
        size = handle.seek(0, 2)
        block = 4096
        position = size
        while position > 0:
            start = max(0, position - block)
            handle.seek(start)
            chunk = handle.read(position - start)
            newline = chunk.rfind(b"\n")
            if newline >= 0:
                handle.truncate(start + newline + 1)
                return
            position = start
        handle.truncate(0)
