"""The output files a batch writes as results arrive (`--jsonl`, `--csv`, `--html`), as one.

Reports are made valid Unicode once, here (a file name that is not UTF-8 shows its odd bytes
as `\\xNN`, see photocheck.textsafe), so no writer can fail half-way through a run on a name.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Container, Iterator
from pathlib import Path

from photocheck.batch.csv_report import CsvReport
from photocheck.batch.html_report import HtmlReport
from photocheck.batch.jsonl_report import JsonlReport
from photocheck.batch.outcome import Outcome
from photocheck.batch.summary import Tally
from photocheck.textsafe import json_safe, utf8_clean


class OutputError(OSError):
    """An output file could not be written (a full disk, a removed folder); says which."""


class Outputs:
    """Whichever of the three reports were asked for; `append` continues a resumed run's."""

    def __init__(self, profile: str, *, jsonl: Path | None, csv: Path | None, html: Path | None,
                 append: bool, done: Container[str] | None = None) -> None:
        """`done`: the "file" of every JSONL report of the resumed run; a last CSV or HTML row
        for another file is removed (its JSONL line, written last, never reached the disk)."""
        self._paths = (jsonl, csv, html)
        self.jsonl: JsonlReport | None = None
        self.csv: CsvReport | None = None
        self.html: HtmlReport | None = None
        if jsonl:
            with _naming(jsonl):
                self.jsonl = JsonlReport(jsonl, append)
        if csv:
            with _naming(csv):
                self.csv = CsvReport(csv, profile, append, done)
        if html:
            with _naming(html):
                self.html = HtmlReport(html, profile, append, done)

    @property
    def wants_thumbnails(self) -> bool:
        """Thumbnails are made only for the HTML report, never kept otherwise."""
        return self.html is not None

    def write(self, outcome: Outcome) -> None:
        """The HTML row first (the largest, where a disk fills), the JSONL line last: that line
        is what `--resume` counts as done, so a row a full disk cut off is written again."""
        report = json_safe(outcome.report)
        if utf8_clean(outcome.path) != outcome.path:  # the name's real bytes, for --resume
            report["file_bytes"] = os.fsencode(outcome.path).hex()
        outcome = dataclasses.replace(outcome, report=report)
        for name, output in reversed(self._named()):
            with _naming(name):
                output.write(outcome)

    def close(self, tally: Tally) -> None:
        """Close every output, even when one fails; the first failure is raised after."""
        failure: OutputError | None = None
        for name, output in self._named():
            try:
                with _naming(name):
                    output.close(tally) if isinstance(output, HtmlReport) else output.close()
            except OutputError as exc:
                failure = failure or exc
        if failure is not None:
            raise failure

    def _named(self) -> list[tuple[Path, JsonlReport | CsvReport | HtmlReport]]:
        pairs = ((self._paths[0], self.jsonl), (self._paths[1], self.csv),
                 (self._paths[2], self.html))
        return [(p, o) for p, o in pairs if p is not None and o is not None]


@contextlib.contextmanager
def _naming(path: Path) -> Iterator[None]:
    """An OSError while writing `path` re-raised as an OutputError that names it."""
    try:
        yield
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
