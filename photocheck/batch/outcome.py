"""What a worker hands back for one file, and the Report rebuilt from it when a caller wants one.

Workers send `report.to_dict()` rather than the Report: the dict is what every output writes, so
the parent serialises it once to JSON and never converts it again; only the library API
(`run_batch`) rebuilds Report objects, and only for the reports it yields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from photocheck.report import Check, Report, Status, Text, Verdict

ReportDict = dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    """One checked file: its report (the shared JSON shape) and, if asked for, a thumbnail."""

    path: str
    report: ReportDict
    thumbnail: str | None = None
    """A small JPEG, base64-encoded, with the face box and trim drawn; only for HTML output."""
    worker_peak_rss_kb: int | None = None
    """The checking process's peak resident memory so far (KiB), for the memory bar."""

    @property
    def verdict(self) -> str:
        return str(self.report["verdict"])

    @property
    def failed_rules(self) -> list[str]:
        return [c["id"] for c in self.report["checks"] if c["status"] == Status.FAIL.value]


def report_from_dict(data: ReportDict) -> Report:
    """The Report whose `to_dict()` is `data` (verdict, checks, face, timing all preserved)."""
    checks = [_check_from_dict(c) for c in data["checks"]]
    return Report(
        file=data["file"],
        profile=data["profile"],
        checks=checks,
        face=data.get("face"),
        elapsed_ms=float(data.get("elapsed_ms") or 0.0),
        version=data.get("version", ""),
        error=data.get("verdict") == Verdict.ERROR.value,
        lang=data.get("lang", "en"),
        covering=data.get("covering"),
    )


def _check_from_dict(data: dict[str, Any]) -> Check:
    fix = data.get("fix")
    return Check(
        id=data["id"],
        status=Status(data["status"]),
        message=_rendered(data["message"]),
        value=data.get("value"),
        limit=data.get("limit"),
        fix=_rendered(fix) if fix else None,
    )


def _rendered(languages: dict[str, str]) -> Text:
    """A message already rendered by a worker, in every language it was given in."""
    return Text(**languages)
