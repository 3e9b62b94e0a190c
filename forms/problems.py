"""One shape for everything wrong with applicant data, so callers can list all problems at once.

A problem names the field and says why and how to fix it, in English and Japanese (applicants
are Japanese nationals and foreign residents alike); it never quotes the value, because the value
may be the Individual Number or another personal detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from photocheck.report import Text

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """A single finding about one field: errors block filling, warnings are only shown."""

    field: str
    reason: Text
    fix: Text
    severity: Severity = "error"

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as one line in `lang` ("en" or "ja"); the field keeps its data-file key,
        since that is what the user edits."""
        if lang == "ja":
            label = "エラー" if self.severity == "error" else "警告"
            return f"{label}：{self.field}：{self.reason.ja}（直し方：{self.fix.ja}）"
        return f"{self.severity}: {self.field}: {self.reason.en} (fix: {self.fix.en})"


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that block filling."""
    return [p for p in problems if p.severity == "error"]
