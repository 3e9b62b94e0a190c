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
    fix: Text | None  # None: a note with nothing to do (never Text(""): "" is gettext's header)
    severity: Severity = "error"

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str) -> str:
        """The problem as one line in `lang`; the field keeps its data-file key, since that is
        what the user edits. A note with nothing to do has no fix part."""
        lines = _LINES if self.fix is not None else _LINES_WITHOUT_FIX
        line = lines[self.severity]
        return line.format(field=self.field, reason=self.reason, fix=self.fix).get(lang)


SEVERITY_ORDER = ("error", "warning", "note")


def by_severity(problems: list[Problem]) -> list[Problem]:
    """Errors first, then warnings, then notes; the order within each kept."""
    return sorted(problems, key=lambda p: SEVERITY_ORDER.index(p.severity))


_LINES = {
    # Translators: {field} is a key of the data file, left in English because the user types it.
    "error": Text("error: {field}: {reason} (fix: {fix})"),
    # Translators: {field} is a key of the data file, left in English because the user types it.
    "warning": Text("warning: {field}: {reason} (fix: {fix})"),
    # Translators: {field} is a key of the data file, left in English because the user types it.
    "note": Text("note: {field}: {reason} (next: {fix})"),
}
_LINES_WITHOUT_FIX = {
    "error": Text("error: {field}: {reason}"),
    "warning": Text("warning: {field}: {reason}"),
    "note": Text("note: {field}: {reason}"),
}


def errors(problems: list[Problem]) -> list[Problem]:
    """Only the problems that block filling."""
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    """The problems that do not block filling but that ``--strict`` refuses to write with."""
    return [p for p in problems if p.severity == "warning"]
