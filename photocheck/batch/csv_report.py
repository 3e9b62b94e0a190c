"""`--csv`: one row per file, one column per rule of the profile holding that rule's status.

Spreadsheet users filter a column to find, say, every photo that failed `background.plain`.
"""

from __future__ import annotations

import csv
from pathlib import Path

from photocheck.batch.jsonl_report import trim_partial_line
from photocheck.batch.outcome import Outcome
from photocheck.rules import PROFILES
from photocheck.textsafe import for_csv

LEADING_COLUMNS = ("file", "verdict", "failed", "elapsed_ms")


class CsvReport:
    """Writes the header once (not when appending to a resumed file), then a row per file."""

    def __init__(self, path: Path, profile: str, append: bool) -> None:
        self._rule_ids = PROFILES[profile]
        existing = append and path.exists() and path.stat().st_size > 0
        if existing:
            trim_partial_line(path)
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
