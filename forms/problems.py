"""One shape for everything wrong with applicant data, so callers can list all problems at once.

A problem names the field and says why and how to fix it; it never quotes the value, because
the value may be the Individual Number or another personal detail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """A single finding about one field: errors block filling, warnings are only shown."""

    field: str
    reason: str
    fix: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.severity}: {self.field}: {self.reason} (fix: {self.fix})"


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that block filling."""
    return [p for p in problems if p.severity == "error"]
