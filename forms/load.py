"""Loading applicant data files (JSON or TOML) into a validated Applicant.

Parse errors become Problems too, so the CLI reports a broken file the same way as bad values.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from forms.model import Applicant
from forms.problems import Problem
from forms.validate import validate_applicant
from photocheck.report import Text
from photocheck.rules import limit
from photocheck.source import SourceError, describe, read_regular

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib


def _unreadable(exc: Exception) -> Text:
    """Why the file could not be read, in words a translator has seen (not Python's)."""
    if isinstance(exc, UnicodeDecodeError):
        return Text("cannot be read: it is not UTF-8 text")
    if isinstance(exc, PermissionError):
        return Text("cannot be read: permission denied")
    return Text("cannot be read")


# What to do when the data file itself cannot be opened: a fix that fits the case, not "save
# it as UTF-8" for a file that is not there.
_SOURCE_FIX = {
    "missing": Text("check the data file's name and folder"),
    "directory": Text("name the data file itself, not its folder"),
    "not_a_file": Text("name the data file itself, not its folder"),
    "too_large": Text("name the applicant data file (a few kilobytes of JSON or TOML)"),
    "unreadable": Text("check that you may read the data file"),
}

_POSITION = re.compile(r"line (\d+), column (\d+)")


def _invalid(kind: str, exc: ValueError) -> Text:
    """Where the JSON/TOML breaks: the decoders' English messages reduced to the position
    (never the offending value, which may be personal data)."""
    line, column = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line is None:  # tomllib before 3.14 has the position only in its message
        found = _POSITION.search(str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
    if line is None:
        return Text("is not valid {kind}").format(kind=kind)
    return Text("is not valid {kind}: look at line {line}, column {column}").format(
        kind=kind, line=line, column=column)


_MAX_KEY_PARTS = int(limit("form.data_file.max_key_parts").value)
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'""")
_DOT = re.compile(r"[ \t]*\.[ \t]*")
_LONG_RUN = re.compile(rf"(?:k\.){{{_MAX_KEY_PARTS}}}k")


def _long_dotted_key(text: str) -> bool:
    """Whether `text` may hold a dotted key of more than _MAX_KEY_PARTS parts. tomllib's work
    grows with the square of a key's parts (400k parts in 800 KB took about an hour). Each
    bare or quoted part becomes "k" and the dots lose their spaces, so a plain search finds a
    long run in linear time; a value that merely looks like one ("1.2.3..." with 33 numbers)
    is refused too, which no applicant file holds."""
    parts = _DOT.sub(".", _KEY_PART.sub("k", text))
    return _LONG_RUN.search(parts) is not None


def read_raw(path: Path) -> tuple[dict[str, object] | None, list[Problem]]:
    """Read a JSON (.json) or TOML (.toml) file into a dict, or report why it cannot be read."""
    fix = Text("save the data as UTF-8 JSON or TOML")
    try:  # regular files only, capped: a FIFO or /dev/zero named as data cannot hang or flood
        data_bytes = read_regular(path, int(limit("form.data_file.max_bytes").value))
        text = data_bytes.decode("utf-8-sig")  # Notepad's byte-order mark is not an error
    except SourceError as exc:
        return None, [Problem("(file)", describe(exc), _SOURCE_FIX.get(exc.reason, fix))]
    except UnicodeDecodeError as exc:
        return None, [Problem("(file)", _unreadable(exc), fix)]
    kind = path.suffix.lstrip(".")
    if path.suffix.lower() == ".toml" and _long_dotted_key(text):
        return None, [Problem("(file)", Text("has a key of more than {n} dotted parts").format(
            n=_MAX_KEY_PARTS), fix)]
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem("(file)", _invalid(kind, exc), fix)]
    except (RecursionError, ValueError, MemoryError):  # nesting thousands deep, 5000-digit ints
        return None, [Problem("(file)", Text("is not usable {kind}: nested too deeply or a "
                                             "number too long").format(kind=kind), fix)]
    if not isinstance(data, dict):
        return None, [Problem("(file)", Text("must hold one object/table of fields"),
                              fix)]
    return data, []


def load_applicant(path: str | Path, on: dt.date | None = None
                   ) -> tuple[Applicant | None, list[Problem]]:
    """Read and validate an applicant file as of the day ``on`` (default: today); relative photo
    paths resolve beside the file."""
    path = Path(path)
    raw, problems = read_raw(path)
    if raw is None:
        return None, problems
    return validate_applicant(raw, base_dir=path.parent, on=on)
