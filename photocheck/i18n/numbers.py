"""Numbers written the way each language writes them, from the Unicode CLDR data Babel ships.

`written_number(53796, "pt-BR")` -> "53.796", `written_number(0.116, "vi")` -> "0,116",
`written_number(1100012, "en")` -> "1,100,012". Messages get their numbers through this (see
photocheck.report's `_render`); machine output (the JSON report, CSV cells) keeps plain numbers.
"""

from __future__ import annotations

from functools import lru_cache

from babel.numbers import format_decimal

from photocheck.i18n.dates import babel_locale


def written_number(value: int | float, lang: str) -> str:
    """`value` with `lang`'s decimal mark and digit grouping; up to three decimals, as given
    (callers round to the precision a person needs: 0.12, 12 %, 35.5 mm)."""
    return _written(value, type(value), lang)


@lru_cache(maxsize=4096)
def _written(value: int | float, kind: type, lang: str) -> str:
    """`written_number`, remembered: every report writes the same limits (0.35, 300 px) in en,
    ja and its own language, and Babel's formatting is most of what a report's `to_dict`
    costs (0.25 of 0.45 ms per photo in a batch worker). `kind` keeps 1 and 1.0 apart."""
    del kind
    return format_decimal(value, locale=babel_locale(lang))
