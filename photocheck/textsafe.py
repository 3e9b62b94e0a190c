"""Making untrusted text (file names, EXIF tags) safe for where it is written.

A file name or an EXIF Software tag is chosen by whoever made the file. Printed raw, control
characters can rewrite a verdict line on a terminal; a CSV cell starting with `=` is run as a
formula by spreadsheets; a name that is not UTF-8 (an old camera card's `caf\\xe9.jpg`, which
Python holds as a lone surrogate) cannot be written as UTF-8 JSON at all. One rule for each
destination, applied where the text is written:

- Bytes of a name that are not UTF-8 become the four characters `\\xNN` everywhere (terminal,
  JSON, CSV, HTML), so the output is valid UTF-8 and the user still sees which byte it was.
- Terminals: control characters (C0, DEL, C1) and bidirectional overrides become `\\xNN` /
  `\\uNNNN`, so nothing a file carries can move the cursor or reorder the line.
- CSV: OWASP's rule: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
  leading single quote, so a spreadsheet shows it as text.
"""

from __future__ import annotations

import re
from typing import Any

_SURROGATE_ESCAPED = re.compile("[\udc80-\udcff]")
_OTHER_SURROGATES = re.compile("[\ud800-\udfff]")
# C0 and C1 controls, DEL, and the bidi embedding/override/isolate characters.
_TERMINAL_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def utf8_clean(text: str) -> str:
    """`text` as valid Unicode: undecodable name bytes as `\\xNN`, other lone surrogates as
    U+FFFD."""
    text = _SURROGATE_ESCAPED.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return _OTHER_SURROGATES.sub("\ufffd", text)


def for_terminal(text: str) -> str:
    """`text` with nothing a terminal would act on: control and bidi characters escaped."""
    return _TERMINAL_UNSAFE.sub(_escape_char, utf8_clean(text))


def for_csv(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    if not isinstance(value, str):
        return value
    value = utf8_clean(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def json_safe(value: Any) -> Any:
    """`value` (dicts, lists, strings, numbers) with every string made valid Unicode."""
    if isinstance(value, str):
        return utf8_clean(value)
    if isinstance(value, dict):
        return {json_safe(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_safe(v) for v in value]
    return value


def _escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
