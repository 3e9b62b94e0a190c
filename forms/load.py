"""Loading applicant data files (JSON or TOML) into a validated Applicant.

Parse errors become Problems too, so the CLI reports a broken file the same way as bad values.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from forms.model import Applicant
from forms.problems import Problem
from forms.validate import validate_applicant
from photocheck.report import Text

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


def read_raw(path: Path) -> tuple[dict[str, object] | None, list[Problem]]:
    """Read a JSON (.json) or TOML (.toml) file into a dict, or report why it cannot be read."""
    fix = Text("save the data as UTF-8 JSON or TOML")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem("(file)", _unreadable(exc), fix)]
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem("(file)", _invalid(path.suffix.lstrip("."), exc), fix)]
    if not isinstance(data, dict):
        return None, [Problem("(file)", Text("must hold one object/table of fields"),
                              fix)]
    return data, []


def load_applicant(path: str | Path) -> tuple[Applicant | None, list[Problem]]:
    """Read and validate an applicant file; relative photo paths resolve beside the file."""
    path = Path(path)
    raw, problems = read_raw(path)
    if raw is None:
        return None, problems
    return validate_applicant(raw, base_dir=path.parent)
