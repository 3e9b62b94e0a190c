"""What the user tells us, checked: one parser for the command line and the web API.

Every refusal is a CardInputError naming the field and saying why and how to fix it (a catalog
message, so in any of the twelve languages): the CLI exits 2 and the API answers 422 with the
same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from photocheck.card.rules import DEFAULT_CATEGORY, categories, category_list_text
from photocheck.dates import DateFormatError, parse_date
from photocheck.report import Text
from photocheck.rules import limit

DATE_FIELDS = ("birth", "issued", "applied", "received", "stay_end", "nationality_lost",
               "new_stay_end", "moved")


class CardInputError(ValueError):
    """The input cannot be used; ``field`` is the input's key, ``text`` the message."""

    def __init__(self, field: str, text: Text) -> None:
        super().__init__(f"{field}: {text.en}")
        self.field = field
        self.text = text


@dataclass(frozen=True)
class CardQuery:
    """Validated input: dates as dates, the category as a known key."""

    birth: dt.date
    issued: dt.date | None = None
    applied: dt.date | None = None
    received: dt.date | None = None
    category: str = DEFAULT_CATEGORY
    stay_end: dt.date | None = None
    nationality_lost: dt.date | None = None
    new_stay_end: dt.date | None = None
    moved: dt.date | None = None
    lost: bool = False


def _date(raw: Mapping[str, object], key: str) -> dt.date | None:
    value = raw.get(key)
    if value is None or value == "":
        return None
    try:
        day = parse_date(value)
    except DateFormatError as exc:
        raise CardInputError(key, Text(
            "{reason}; write it as 2024-05-10 or 令和6年5月10日"
        ).format(reason=exc.text)) from None
    first, last = (int(year) for year in limit("card.dates.years").value)
    if not first <= day.year <= last:  # the terms' arithmetic would run off the calendar
        raise CardInputError(key, Text(
            "is outside the dates this calculator handles ({first} to {last})"
        ).format(first=dt.date(first, 1, 1), last=dt.date(last, 12, 31)))
    return day


def _category(raw: Mapping[str, object]) -> str:
    value = raw.get("category") or DEFAULT_CATEGORY
    key = str(value).strip().lower().replace("-", "_")
    for category in categories().values():
        if key in (category.key, category.name.ja, category.name.en.lower()):
            return category.key
    raise CardInputError("category", Text(
        "unknown category; use one of: {categories}"
    ).format(categories=category_list_text()))


def _require_order(earlier: dt.date, later: dt.date | None, field: str, why: Text) -> None:
    if later is not None and later < earlier:
        raise CardInputError(field, why)


def _check(query: CardQuery) -> None:
    if (query.issued is None) == (query.applied is None):
        raise CardInputError("issued", Text(
            "give either the issue date or the application date (not both)"))
    start = query.issued or query.applied
    assert start is not None
    _require_order(query.birth, start, "issued" if query.issued else "applied", Text(
        "is before the date of birth: check both dates"))
    _require_order(query.birth, query.received, "received", Text(
        "is before the date of birth"))
    if query.issued and query.received and query.received > query.issued:
        raise CardInputError("received", Text(
            "is after the issue date: J-LIS receives the application before making the card"))
    if query.applied and query.received and query.received < query.applied:
        raise CardInputError("received", Text(
            "is before the application date: J-LIS receives the application after it is made"))
    _check_category(query, start)
    _require_order(query.birth, query.moved, "moved", Text(
        "is before the date of birth"))


def _check_category(query: CardQuery, start: dt.date) -> None:
    category = categories()[query.category]
    if category.cap in ("stay_end", "permit_end") and query.stay_end is None:
        raise CardInputError("stay_end", Text(
            "is required for {category}: copy the period of stay's end from the residence card "
            "(or the permit)").format(category=category.name))
    if category.cap in ("stay_end", "permit_end"):
        _require_order(start, query.stay_end, "stay_end", Text(
            "ends before the card's issue/application date: renew the period of stay first"))
    if category.start == "nationality_loss" and query.nationality_lost is None:
        raise CardInputError("nationality_lost", Text(
            "is required for a transitional stay by loss of nationality: give the date the "
            "Japanese nationality was lost"))
    if query.new_stay_end is not None and query.stay_end is not None:
        _require_order(query.stay_end, query.new_stay_end, "new_stay_end", Text(
            "is before the current period of stay's end"))


def parse_query(raw: Mapping[str, object]) -> CardQuery:
    """Check ``raw`` (keys as in CardQuery; dates as ISO/era text) and build the query."""
    birth = _date(raw, "birth")
    if birth is None:
        raise CardInputError("birth", Text("is required"))
    dates = {key: _date(raw, key) for key in DATE_FIELDS if key != "birth"}
    lost = raw.get("lost", False)
    if lost is not None and not isinstance(lost, bool):
        raise CardInputError("lost", Text("must be true or false"))
    query = CardQuery(birth=birth, category=_category(raw), lost=bool(lost), **dates)
    _check(query)
    return query
