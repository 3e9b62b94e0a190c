"""The output files a batch writes as results arrive (`--jsonl`, `--csv`, `--html`), as one."""

from __future__ import annotations

from pathlib import Path

from photocheck.batch.csv_report import CsvReport
from photocheck.batch.html_report import HtmlReport
from photocheck.batch.jsonl_report import JsonlReport
from photocheck.batch.outcome import Outcome
from photocheck.batch.summary import Tally


class Outputs:
    """Whichever of the three reports were asked for; `append` continues a resumed run's."""

    def __init__(self, profile: str, *, jsonl: Path | None, csv: Path | None, html: Path | None,
                 append: bool) -> None:
        self.jsonl = JsonlReport(jsonl, append) if jsonl else None
        self.csv = CsvReport(csv, profile, append) if csv else None
        self.html = HtmlReport(html, profile, append) if html else None

    @property
    def wants_thumbnails(self) -> bool:
        """Thumbnails are made only for the HTML report, never kept otherwise."""
        return self.html is not None

    def write(self, outcome: Outcome) -> None:
        for output in (self.jsonl, self.csv, self.html):
            if output is not None:
                output.write(outcome)

    def close(self, tally: Tally) -> None:
        if self.jsonl is not None:
            self.jsonl.close()
        if self.csv is not None:
            self.csv.close()
        if self.html is not None:
            self.html.close(tally)
