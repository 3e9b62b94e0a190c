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
        """The problem as one line in `lang`; the field keeps its data-file key, since that is
        what the user edits."""
        line = _ERROR_LINE if self.severity == "error" else _WARNING_LINE
        return line.format(field=self.field, reason=self.reason, fix=self.fix).get(lang)


# Translators: {field} is a key of the data file, left in English because the user types it.
_ERROR_LINE = Text("error: {field}: {reason} (fix: {fix})")
_WARNING_LINE = Text("warning: {field}: {reason} (fix: {fix})")


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that block filling."""
    return [p for p in problems if p.severity == "error"]
