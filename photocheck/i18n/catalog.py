"""The message catalogs: gettext .po files read through Babel at run time.

Why .po and not compiled .mo: the .po is the one file translators edit, so reading it directly
means no build step that could leave a stale binary behind, and no binaries in git. Babel's
reader takes a few milliseconds per catalog, and a catalog is read only when its language is first
asked for, once per process (workers included).

Fuzzy entries are ignored, as gettext does: a guess nobody has reviewed is not shown.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

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
def messages(code: str) -> dict[str, str]:
    """msgid -> translation for `code`; empty when the language has no catalog."""
    path = po_path(code)
    if code == SOURCE_LANG or not path.is_file():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=None, domain=DOMAIN)
    return {
        str(m.id): str(m.string)
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def translate(msgid: str, code: str) -> str | None:
    """The translation of `msgid` into `code`, or None when the catalog lacks it."""
    if code == SOURCE_LANG:
        return msgid
    return messages(code).get(msgid)
