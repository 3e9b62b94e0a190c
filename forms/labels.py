"""The locator's data: which printed labels name which field (``labels.toml``), loaded and typed.

Keeping labels and synonyms as data means supporting another edition of the official form is an
edit to the TOML file, not to code.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

Kind = Literal["text", "comb", "choice", "flag", "photo"]
LABELS_FILE = Path(__file__).with_name("labels.toml")


@dataclass(frozen=True)
class FieldSpec:
    """How to find one field: its labels, what its cell holds, and where to search."""

    key: str
    labels: tuple[str, ...]
    kind: Kind
    section: str | None = None
    slots: int = 0
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelData:
    """All field specs plus section headings and printed text that only looks like a label."""

    fields: dict[str, FieldSpec]
    sections: dict[str, tuple[str, ...]]
    ignore: tuple[str, ...]


def _spec(key: str, raw: dict[str, object]) -> FieldSpec:
    options = raw.get("options", {})
    assert isinstance(options, dict)
    return FieldSpec(
        key=key,
        labels=tuple(raw["labels"]),  # type: ignore[arg-type]
        kind=raw["kind"],  # type: ignore[arg-type]
        section=raw.get("section"),  # type: ignore[arg-type]
        slots=int(raw.get("slots", 0)),  # type: ignore[call-overload]
        options={name: tuple(texts) for name, texts in options.items()},
    )


@cache
def label_data(path: Path = LABELS_FILE) -> LabelData:
    """Parse the label file once."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return LabelData(
        fields={key: _spec(key, spec) for key, spec in raw["fields"].items()},
        sections={name: tuple(s["labels"]) for name, s in raw.get("sections", {}).items()},
        ignore=tuple(raw.get("ignore", {}).get("texts", ())),
    )
