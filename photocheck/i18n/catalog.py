"""The message catalogs: gettext .po files read through Babel at run time.

Why .po and not compiled .mo: the .po is the one file translators edit, so reading it directly
means no build step that could leave a stale binary behind, and no binaries in git. Babel's
reader takes a few milliseconds per catalog, and a catalog is read only when its language is first
asked for, once per process (workers included).

Fuzzy entries are ignored, as gettext does: a guess nobody has reviewed is not shown.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

DOMAIN = "photocheck"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANG = "en"


def locale_dir_name(code: str) -> str:
    """The catalog folder for a BCP 47 code: gettext/Babel spell `pt-BR` as `pt_BR`."""
    return code.replace("-", "_")


def po_path(code: str) -> Path:
    """Where the catalog for `code` lives."""
    return LOCALE_DIR / locale_dir_name(code) / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _catalog(code: str) -> Catalog | None:
    """The parsed catalog of `code`, or None for the source language or a missing catalog."""
    path = po_path(code)
    if code == SOURCE_LANG or not path.is_file():
        return None
    with path.open("rb") as fh:
        return read_po(fh, locale=None, domain=DOMAIN)


@cache
def messages(code: str) -> dict[str, str]:
    """msgid -> translation for `code`; empty when the language has no catalog."""
    catalog = _catalog(code)
    if catalog is None:
        return {}
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


@cache
def plural_messages(code: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(msgid, msgid_plural) -> every plural form's translation, for complete entries only."""
    catalog = _catalog(code)
    if catalog is None:
        return {}
    return {
        (str(m.id[0]), str(m.id[1])): tuple(str(form) for form in m.string)
        for m in catalog
        if isinstance(m.id, tuple) and not m.fuzzy and all(m.string)
    }


@cache
def plural_rule(code: str) -> Callable[[int], int]:
    """Which form a count takes in `code`: the C expression of its Plural-Forms header, compiled
    by the standard library's gettext (the rule gettext itself applies); English's for the
    source language or a missing catalog."""
    catalog = _catalog(code)
    return gettext.c2py(catalog.plural_expr if catalog is not None else "(n != 1)")


def translate(msgid: str, code: str) -> str | None:
    """The translation of `msgid` into `code`, or None when the catalog lacks it."""
    if code == SOURCE_LANG:
        return msgid
    return messages(code).get(msgid)


def translate_plural(singular: str, plural: str, count: int, code: str) -> str:
    """The form of a plural message that `count` takes in `code`; English when the catalog lacks
    the entry (as gettext's ngettext falls back)."""
    forms = plural_messages(code).get((singular, plural))
    if forms is None:
        return singular if count == 1 else plural
    index = plural_rule(code)(count)
    return forms[min(index, len(forms) - 1)]
