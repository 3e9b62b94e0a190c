"""`--csv`: one row per file, one column per rule of the profile holding that rule's status.

Spreadsheet users filter a column to find, say, every photo that failed `background.plain`.
"""

from __future__ import annotations

import csv
from collections.abc import Container
from pathlib import Path

from photocheck.batch.jsonl_report import trim_partial_line
from photocheck.batch.outcome import Outcome
from photocheck.rules import PROFILES
from photocheck.textsafe import for_csv

LEADING_COLUMNS = ("file", "verdict", "failed", "elapsed_ms")
_ROW_SEARCH = 65_536
"""How much of the end holds the last row (a few hundred bytes)."""
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvReport:
    """Writes the header once (not when appending to a resumed file), then a row per file."""

    def __init__(self, path: Path, profile: str, append: bool,
                 done: Container[str] | None = None) -> None:
        self._rule_ids = PROFILES[profile]
        existing = append and path.exists() and path.stat().st_size > 0
        if existing:
            trim_partial_line(path)
            if done is not None:
                _drop_last_row_unless(path, done)
        self._file = path.open("a" if append else "w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file)
        if not existing:
            self._writer.writerow((*LEADING_COLUMNS, *self._rule_ids))
            self._file.flush()

    def write(self, outcome: Outcome) -> None:
        report = outcome.report
        statuses = {c["id"]: c["status"] for c in report["checks"]}
        self._writer.writerow([for_csv(cell) for cell in (  # a name may start with "="
            report["file"], report["verdict"], " ".join(outcome.failed_rules),
            report["elapsed_ms"], *(statuses.get(rule_id, "") for rule_id in self._rule_ids),
        )])
        self._file.flush()

    def close(self) -> None:
        self._file.close()


def _drop_last_row_unless(path: Path, done: Container[str]) -> None:
    """Remove the last row when its file is not among `done` (the JSONL's): that photo's
    JSONL line never reached the disk, so it is checked again and would be listed twice."""
    with path.open("rb+") as handle:
        end = handle.seek(0, 2)
        start = max(0, end - _ROW_SEARCH)
        handle.seek(start)
        tail = handle.read()
        row_at = tail.rstrip(b"\n").rfind(b"\n") + 1
        if start == 0 and row_at == 0:
            return  # only the header
        cells = next(csv.reader([tail[row_at:].decode("utf-8", "replace")]), [])
        name = cells[0] if cells else ""
        if name[:1] == "'" and name[1:2] in _FORMULA_STARTS:
            name = name[1:]  # for_csv's quote
        if cells and name not in done:
            handle.truncate(start + row_at)
