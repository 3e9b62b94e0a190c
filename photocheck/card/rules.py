"""The card rules loaded from rules.toml: thresholds, terms and deadlines with their dates.

Kept as data so a change in the law is one more dated entry; the calculator asks "which entry
was in force on this day" and never hard-codes a number.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

from photocheck.report import Text, TextList
from photocheck.residence_categories import FOREIGN_RESIDENT_CATEGORIES

RULES_FILE = Path(__file__).with_name("rules.toml")
DEFAULT_CATEGORY = "japanese"


@dataclass(frozen=True)
class Category:
    """A nationality or residence category and what, besides the base term, ends the card."""

    key: str
    name: Text
    cap: str  # none | stay_end | permit_end | transitional
    start: str | None = None  # for transitional: "birth" or "nationality_loss"


@cache
def _document() -> dict[str, Any]:
    return tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))


def in_force(section: str, day: dt.date) -> dict[str, Any]:
    """The entry of ``section`` that applied on ``day`` (the latest whose ``from`` <= day).

    A day before the first entry gets the first entry: the card did not exist then, and the
    oldest rule is the closest answer.
    """
    entries = sorted(_document()[section], key=lambda entry: entry["from"])
    chosen = entries[0]
    for entry in entries:
        if entry["from"] <= day:
            chosen = entry
    return chosen


def reminders() -> dict[str, list[int]]:
    """Days before a window opens / a deadline at which the calendar reminds."""
    return dict(_document()["reminders"])


# The category names, written here once more so `make messages` extracts them for the
# translators (the data in rules.toml and photocheck/residence_categories.py cannot be read by the
# extractor);
# tests/test_card.py checks that every category's English name is listed.
CATEGORY_NAMES = (
    Text("Japanese national"), Text("Permanent resident"),
    Text("Highly skilled professional (ii)"), Text("Special permanent resident"),
    Text("Mid- to long-term resident"), Text("Temporary refuge permit"),
    Text("Provisional stay permit"), Text("Transitional stay by birth"),
    Text("Transitional stay by loss of nationality"),
)


@cache
def categories() -> dict[str, Category]:
    """Every accepted category key, in the form's order first, then the others."""
    table = _document()["categories"]
    result: dict[str, Category] = {}
    for key, entry in table.items():
        if key in FOREIGN_RESIDENT_CATEGORIES:
            ja, en = FOREIGN_RESIDENT_CATEGORIES[key]
        else:
            ja, en = entry["ja"], entry["en"]
        result[key] = Category(key, Text(en, ja=ja), entry["cap"], entry.get("start"))
    return result


def category_list_text() -> TextList:
    """All valid keys with their names, for an error message or --help."""
    item = Text("{key} ({name})")
    # Translators: joins the categories in a list ("japanese (Japanese national), ...").
    sep = Text(", ")
    return TextList(tuple(item.format(key=c.key, name=c.name) for c in categories().values()),
                    sep)
