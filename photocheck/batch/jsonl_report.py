"""`--jsonl`: one report per line, the shared report format exactly, flushed line by line.

Because each line is flushed as it is written, a crash or Ctrl-C loses nothing already checked,
and `--resume` reads the file back to skip what is done.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from photocheck.batch.outcome import Outcome, ReportDict


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
    clean line boundary and that file is simply checked again.
    """
    if not path.exists():
        return
    trim_partial_line(path)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                report = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(report, dict) and isinstance(report.get("file"), str):
                yield report


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
