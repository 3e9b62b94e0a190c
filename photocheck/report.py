"""The check report: the contract every front end reads (../shared/spec/report-format.md).

Field names are stable: add fields, never rename. A report always has at least one check, so a
batch line or a web answer can say why, even when the input could not be examined at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from photocheck import __version__


class Status(str, Enum):
    """How one rule came out; only FAIL blocks acceptance."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"

    def __str__(self) -> str:
        return self.value


class Verdict(str, Enum):
    """The whole photo's outcome."""

    ACCEPT = "accept"
    REJECT = "reject"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Text:
    """A sentence in English and Japanese; both are always present."""

    en: str
    ja: str

    def format(self, **params: object) -> Text:
        """Both languages with `params` filled in (str.format fields)."""
        return Text(self.en.format(**params), self.ja.format(**params))

    def get(self, lang: str) -> str:
        """The text in `lang` ("en" or "ja"); English for anything else."""
        return self.ja if lang == "ja" else self.en

    def to_dict(self) -> dict[str, str]:
        return {"en": self.en, "ja": self.ja}


JSONValue = Any


@dataclass(frozen=True)
class Check:
    """One rule's outcome, with the measured value and the bound when there is one."""

    id: str
    status: Status
    message: Text
    value: JSONValue = None
    limit: JSONValue = None
    fix: Text | None = None

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "id": self.id,
            "status": self.status.value,
            "value": _jsonable(self.value),
            "limit": _jsonable(self.limit),
            "message": self.message.to_dict(),
            "fix": self.fix.to_dict() if self.fix else None,
        }


@dataclass
class Report:
    """Everything known about one photo after checking it against one profile."""

    file: str | None
    profile: str
    checks: list[Check]
    face: dict[str, JSONValue] | None = None
    elapsed_ms: float = 0.0
    version: str = __version__
    error: bool = field(default=False)

    @property
    def verdict(self) -> Verdict:
        """`error` when the input could not be examined, else `reject` iff any check failed."""
        if self.error:
            return Verdict.ERROR
        if any(c.status is Status.FAIL for c in self.checks):
            return Verdict.REJECT
        return Verdict.ACCEPT

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.ACCEPT

    def check(self, rule_id: str) -> Check | None:
        """The outcome of `rule_id`, or None when the profile does not have it."""
        return next((c for c in self.checks if c.id == rule_id), None)

    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status is Status.FAIL]

    def to_dict(self) -> dict[str, JSONValue]:
        return {
            "file": self.file,
            "profile": self.profile,
            "verdict": self.verdict.value,
            "checks": [c.to_dict() for c in self.checks],
            "face": self.face,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "version": self.version,
        }


def _jsonable(value: JSONValue) -> JSONValue:
    """Tuples become lists and floats are rounded, so reports are compact and stable."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value
