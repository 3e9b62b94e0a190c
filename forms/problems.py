"""One shape for everything wrong with applicant data, so callers can list all problems at once.

A problem names the field and says why and how to fix it, in English and Japanese (applicants
are Japanese nationals and foreign residents alike); it never quotes the value, because the value
may be the Individual Number or another personal detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from photocheck.report import Text

Severity = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    """A single finding about one field: errors block filling, warnings are shown (and stop
    ``--strict``), notes say what the filler did on the applicant's behalf."""

    field: str
    reason: Text
    fix: Text
    severity: Severity = "error"

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as one line in `lang` ("en" or "ja"); the field keeps its data-file key,
        since that is what the user edits. A note with nothing to do has no fix part."""
        note = self.severity == "note"
        if lang == "ja":
            head = f"{_JA_LABEL[self.severity]}：{self.field}：{self.reason.ja}"
            how = "次に" if note else "直し方"
            return f"{head}（{how}：{self.fix.ja}）" if self.fix.ja else head
        head = f"{self.severity}: {self.field}: {self.reason.en}"
        how = "next" if note else "fix"
        return f"{head} ({how}: {self.fix.en})" if self.fix.en else head


SEVERITY_ORDER = ("error", "warning", "note")


def by_severity(problems: list[Problem]) -> list[Problem]:
    """Errors first, then warnings, then notes; the order within each kept."""
    return sorted(problems, key=lambda p: SEVERITY_ORDER.index(p.severity))


_JA_LABEL = {"error": "エラー", "warning": "警告", "note": "お知らせ"}


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that block filling."""
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    """The problems that do not block filling but that ``--strict`` refuses to write with."""
    return [p for p in problems if p.severity == "warning"]
