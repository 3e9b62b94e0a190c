"""Dates as people write them on Japanese forms and in `photocheck card`: Gregorian or Japanese
era (和暦), and the calendar arithmetic both the card's rules and the form's rules count with
(ages, months back and forward).

Accepts 2024-05-01, 2024/5/1, 2024.5.1, 2024年5月1日, 令和6年5月1日, 令和元年5月1日, R6.5.1,
H1.1.8, S64.1.7 (full-width digits too). An era year is refused when the date falls outside
that era (平成32年 and 昭和64年1月8日 do not exist); Reiwa is open-ended. The era table is
photocheck/i18n/eras.py. This module sits below both photocheck/card and forms/.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from photocheck.i18n.eras import ERAS, Era, era_end
from photocheck.report import Text


class DateFormatError(ValueError):
    """The text is not a date in any accepted form, or names a day that does not exist.

    `text` says why in English and Japanese; str() of the error is the English.
    """

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


_ERA_BY_NAME = {name.upper(): era for era in ERAS for name in (era.kanji, era.letter, era.romaji)}
_ERA_NAMES = "|".join(sorted((re.escape(n) for n in _ERA_BY_NAME), key=len, reverse=True))
_GREGORIAN = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ERA_DATE = re.compile(
    rf"^({_ERA_NAMES})\s*(\d{{1,2}}|元)\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})\s*日?$",
    re.IGNORECASE,
)


def _make_date(year: int, month: int, day: int) -> dt.date:
    """The date, or a DateFormatError that says in words a translator has seen why it does not
    exist (never Python's English "day is out of range for month")."""
    if not 1 <= month <= 12:
        raise DateFormatError(Text("no such day: the month must be 1 to 12, not {month}"
                                   ).format(month=month))
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DateFormatError(Text("no such day: the year {year} is out of range").format(
            year=str(year)))  # a year is a name, not a quantity: never "2,024"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateFormatError(Text(
            "no such day: month {month} of {year} has {last} days, not {day}"
        ).format(year=str(year), month=month, last=last, day=day))
    return dt.date(year, month, day)


# Each era as the reader's language names it: in its own script where it has one (메이지,
# เมจิ, मेइजी), in Chinese the same characters, always with the kanji the form and the
# residence card print.
ERA_NAMES: dict[str, Text] = {
    # Translators: a Japanese era name. Write it in your script, then keep the kanji: 明治.
    "明治": Text("Meiji (明治)"),
    # Translators: a Japanese era name. Write it in your script, then keep the kanji: 大正.
    "大正": Text("Taisho (大正)"),
    # Translators: a Japanese era name. Write it in your script, then keep the kanji: 昭和.
    "昭和": Text("Showa (昭和)"),
    # Translators: a Japanese era name. Write it in your script, then keep the kanji: 平成.
    "平成": Text("Heisei (平成)"),
    # Translators: a Japanese era name. Write it in your script, then keep the kanji: 令和.
    "令和": Text("Reiwa (令和)"),
}


def _era_name(era: Era) -> Text:
    """The era as each language names it (ERA_NAMES)."""
    return ERA_NAMES[era.kanji]


def _from_era(era: Era, era_year: int, month: int, day: int) -> dt.date:
    if era_year < 1:
        raise DateFormatError(Text("{era} years start at 1 (元年)").format(era=_era_name(era)))
    result = _make_date(era.start.year + era_year - 1, month, day)
    end = era_end(era)
    if result < era.start:
        raise DateFormatError(Text("{era} began on {date}").format(
            era=_era_name(era), date=era.start))
    if end is not None and result > end:
        raise DateFormatError(Text("{era} ended on {date}").format(
            era=_era_name(era), date=end))
    return result


def parse_date(value: object) -> dt.date:
    """Normalise a date given as text (Gregorian or era) or as a date object (from TOML)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise DateFormatError(Text("expected a date written as text"))
    text = unicodedata.normalize("NFKC", value).strip()
    match = _GREGORIAN.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        result = _make_date(year, month, day)
        if result < ERAS[0].start:  # no era writes it, and the form asks for the era
            raise DateFormatError(Text("dates before the Meiji era (1868) are not supported"))
        return result
    match = _ERA_DATE.match(text)
    if match:
        era = _ERA_BY_NAME[match.group(1).upper()]
        era_year = 1 if match.group(2) == "元" else int(match.group(2))
        return _from_era(era, era_year, int(match.group(3)), int(match.group(4)))
    raise DateFormatError(Text("not a recognised date"))


def age_on(birth: dt.date, day: dt.date) -> int:
    """Completed years on ``day``; a birthday counts from the birthday itself (Feb 29 -> Mar 1)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier, clamped to the month's end."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, clamped to the month's end."""
    return months_before(day, -months)
