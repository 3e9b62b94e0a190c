"""What the user tells us, checked: one parser for the command line and the web API.

Every refusal is a CardInputError naming the field and saying why and how to fix it in both
languages, so the CLI exits 2 and the API answers 422 with the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from forms.dates import DateFormatError, parse_date
from photocheck.card.rules import DEFAULT_CATEGORY, categories, category_list_text
from photocheck.report import Text

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
        return parse_date(value)
    except DateFormatError as exc:
        raise CardInputError(key, Text(
            "{reason}; write it as 2024-05-10 or 令和6年5月10日",
            "{reason}。2024-05-10 や 令和6年5月10日 のように書いてください"
        ).format(reason=exc.text)) from None


def _category(raw: Mapping[str, object]) -> str:
    value = raw.get("category") or DEFAULT_CATEGORY
    key = str(value).strip().lower().replace("-", "_")
    for category in categories().values():
        if key in (category.key, category.name.ja, category.name.en.lower()):
            return category.key
    raise CardInputError("category", Text(
        "unknown category; use one of: {categories}",
        "不明な区分です。次のどれかを指定してください：{categories}"
    ).format(categories=category_list_text()))


def _require_order(earlier: dt.date, later: dt.date | None, field: str, why: Text) -> None:
    if later is not None and later < earlier:
        raise CardInputError(field, why)


def _check(query: CardQuery) -> None:
    if (query.issued is None) == (query.applied is None):
        raise CardInputError("issued", Text(
            "give either the issue date or the application date (not both)",
            "発行日か申請日のどちらか一方を指定してください"))
    start = query.issued or query.applied
    assert start is not None
    _require_order(query.birth, start, "issued" if query.issued else "applied", Text(
        "is before the date of birth: check both dates",
        "生年月日より前になっています。両方の日付を確かめてください"))
    _require_order(query.birth, query.received, "received", Text(
        "is before the date of birth", "生年月日より前になっています"))
    if query.issued and query.received and query.received > query.issued:
        raise CardInputError("received", Text(
            "is after the issue date: J-LIS receives the application before making the card",
            "発行日より後になっています。申請の受付は発行より前です"))
    if query.applied and query.received and query.received < query.applied:
        raise CardInputError("received", Text(
            "is before the application date: J-LIS receives the application after it is made",
            "申請日より前になっています。受付は申請の後です"))
    _check_category(query, start)
    _require_order(query.birth, query.moved, "moved", Text(
        "is before the date of birth", "生年月日より前になっています"))


def _check_category(query: CardQuery, start: dt.date) -> None:
    category = categories()[query.category]
    if category.cap in ("stay_end", "permit_end") and query.stay_end is None:
        raise CardInputError("stay_end", Text(
            "is required for {category}: copy the period of stay's end from the residence card "
            "(or the permit)",
            "{category}の場合は必須です。在留カード（または許可書）の在留期間の満了日を書いて"
            "ください").format(category=category.name))
    if category.cap in ("stay_end", "permit_end"):
        _require_order(start, query.stay_end, "stay_end", Text(
            "ends before the card's issue/application date: renew the period of stay first",
            "発行日（申請日）より前に満了しています。先に在留期間を更新してください"))
    if category.start == "nationality_loss" and query.nationality_lost is None:
        raise CardInputError("nationality_lost", Text(
            "is required for a transitional stay by loss of nationality: give the date the "
            "Japanese nationality was lost",
            "国籍喪失による経過滞在者の場合は必須です。日本国籍を失った日を書いてください"))
    if query.new_stay_end is not None and query.stay_end is not None:
        _require_order(query.stay_end, query.new_stay_end, "new_stay_end", Text(
            "is before the current period of stay's end", "現在の在留期間の満了日より前です"))


def parse_query(raw: Mapping[str, object]) -> CardQuery:
    """Check ``raw`` (keys as in CardQuery; dates as ISO/era text) and build the query."""
    birth = _date(raw, "birth")
    if birth is None:
        raise CardInputError("birth", Text("is required", "必須です"))
    dates = {key: _date(raw, key) for key in DATE_FIELDS if key != "birth"}
    lost = raw.get("lost", False)
    if lost is not None and not isinstance(lost, bool):
        raise CardInputError("lost", Text("must be true or false", "true か false にしてください"))
    query = CardQuery(birth=birth, category=_category(raw), lost=bool(lost), **dates)
    _check(query)
    return query
