"""The Japanese eras (和暦) and how Japanese writes a day in them: 令和6年5月1日, 元年 for year 1.

The era table is shared by everything that reads or writes a Japanese date: parsing what people
type (photocheck/dates.py), the Japanese written dates of messages (photocheck/i18n/dates.py),
the card's dates and the form's values. It sits at the bottom of the layers, beside the
catalogs, and imports nothing from photocheck.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Era:
    """A Japanese era: its names and the first day; the last day is the next era's eve."""

    kanji: str
    letter: str
    romaji: str
    start: dt.date


ERAS: tuple[Era, ...] = (
    # Meiji year 1 is counted as the whole of 1868 (the era name was applied retroactively).
    Era("明治", "M", "Meiji", dt.date(1868, 1, 1)),
    Era("大正", "T", "Taisho", dt.date(1912, 7, 30)),
    Era("昭和", "S", "Showa", dt.date(1926, 12, 25)),
    Era("平成", "H", "Heisei", dt.date(1989, 1, 8)),
    Era("令和", "R", "Reiwa", dt.date(2019, 5, 1)),
)


class BeforeEras(ValueError):
    """A day before Meiji (1868): no era of the table names it."""


def era_end(era: Era) -> dt.date | None:
    """The last day of ``era``, or None for the current one."""
    index = ERAS.index(era)
    if index + 1 == len(ERAS):
        return None
    return ERAS[index + 1].start - dt.timedelta(days=1)


def era_of(day: dt.date) -> Era:
    """The era a Gregorian date falls in; BeforeEras for a day before Meiji."""
    for era in reversed(ERAS):
        if day >= era.start:
            return era
    raise BeforeEras(f"{day.isoformat()} is before the Meiji era (1868)")


def to_era_text(day: dt.date) -> str:
    """Write a date the Japanese way, e.g. 令和6年5月1日 (元年 for year 1)."""
    era = era_of(day)
    year = day.year - era.start.year + 1
    year_text = "元" if year == 1 else str(year)
    return f"{era.kanji}{year_text}年{day.month}月{day.day}日"
