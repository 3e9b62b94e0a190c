"""Dates written the way each language writes them, from the Unicode CLDR data Babel ships.

`long_date(date(2025, 4, 1), "vi")` -> "1 tháng 4, 2025"; "th" -> "1 เมษายน ค.ศ. 2025" (the
Gregorian year, marked as such, because Japanese documents count in it, not the Buddhist era);
"ne" -> "2025 अप्रिल 1". The Japanese era (令和7年) comes from photocheck/i18n/eras.py
(`to_era_text`); here ja is the Gregorian 2025年4月1日 it is written beside.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date

from photocheck.i18n.eras import to_era_text

# Babel's locale for each of our codes where the spelling differs; English is British, as the
# rest of photocheck's English is ("1 April 2025").
_BABEL_LOCALE = {"en": "en_GB", "zh-Hans": "zh_Hans", "zh-Hant": "zh_Hant", "pt-BR": "pt_BR",
                 "tl": "fil"}


@cache
def babel_locale(code: str) -> Locale:
    """The CLDR locale for one of the twelve codes."""
    return Locale.parse(_BABEL_LOCALE.get(code, code))


def long_date(day: dt.date, lang: str) -> str:
    """`day` in `lang`'s long written form, month spelled out where the language does."""
    return format_date(day, "long", locale=babel_locale(lang))


class EraDate(dt.date):
    """A date that Japanese writes with its era too (令和7年4月1日（2025-04-01）), as the card and
    the application form do; every other language writes it as `long_date`.

    A `dt.date` subclass so it passes anywhere a date does; `era_date(day)` makes one.
    """


def era_date(day: dt.date) -> EraDate:
    """`day` marked to be written with the Japanese era in Japanese."""
    return EraDate(day.year, day.month, day.day)


def written_date(day: dt.date, lang: str) -> str:
    """How a date parameter of a message reads in `lang` (photocheck.report renders with this)."""
    if lang == "ja" and isinstance(day, EraDate):
        return f"{to_era_text(day)}（{day.isoformat()}）"
    return long_date(day, lang)
