"""From whatever a person or an environment asks for to one of the twelve codes.

Accepts canonical codes in any case (`zh-hans`), aliases (`zh-TW`, `pt`, `fil`, `in`), locale
forms (`vi_VN.UTF-8`, `ja_JP.eucJP@euro`) and region variants of a supported language (`es-MX`).
Anything else becomes English with a note saying so, never an error: a message in English is
better than none.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from photocheck.i18n.languages import CODES, DEFAULT, LANGUAGES

_LOOKUP: dict[str, str] = {}
for _lang in LANGUAGES:
    _LOOKUP[_lang.code.lower()] = _lang.code
    for _alias in _lang.aliases:
        _LOOKUP[_alias.lower()] = _lang.code

# POSIX locales that name no language at all.
_NEUTRAL = {"c", "posix", "c.utf-8", "c.utf8"}


@dataclass(frozen=True)
class Resolution:
    """The language chosen for a request, and why it is not the one asked for (or None)."""

    code: str
    note: str | None = None


def normalise(requested: str) -> str:
    """`vi_VN.UTF-8@x` -> `vi-vn`: drop the encoding and modifier, use BCP 47 hyphens."""
    tag = requested.strip().split(".", 1)[0].split("@", 1)[0]
    return tag.replace("_", "-").lower()


def match(requested: str) -> str | None:
    """The supported code for `requested`, or None; tries the whole tag, then shorter prefixes."""
    tag = normalise(requested)
    parts = tag.split("-")
    for n in range(len(parts), 0, -1):
        code = _LOOKUP.get("-".join(parts[:n]))
        if code:
            return code
    # zh-Hant-TW / zh-Hans-CN style tags carry the script second; zh-TW-x whatever, the region.
    if parts[0] == "zh" and len(parts) > 1:
        return match("zh-" + parts[-1])
    return None


def resolve(requested: str | None) -> Resolution:
    """One of the twelve codes for `requested`; English with a note when it is unknown."""
    if not requested:
        return Resolution(DEFAULT)
    code = match(requested)
    if code:
        return Resolution(code)
    return Resolution(DEFAULT, f"language {requested!r} is not available; using English "
                               f"(available: {', '.join(CODES)})")


def default_lang(environ: Mapping[str, str] | None = None) -> str:
    """The locale's language (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders them).

    The first variable that is set decides, as in setlocale(3); a locale photocheck does not speak
    (or C/POSIX) means English.
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            if value.lower() in _NEUTRAL:
                return DEFAULT
            return match(value) or DEFAULT
    return DEFAULT
