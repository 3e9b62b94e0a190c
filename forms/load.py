"""Loading applicant data files (JSON or TOML) into a validated Applicant.

Parse errors become Problems too, so the CLI reports a broken file the same way as bad values.
"""

from __future__ import annotations

import json
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


def read_raw(path: Path) -> tuple[dict[str, object] | None, list[Problem]]:
    """Read a JSON (.json) or TOML (.toml) file into a dict, or report why it cannot be read."""
    fix = Text("save the data as UTF-8 JSON or TOML")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = type(exc).__name__
        return None, [Problem("(file)", Text("cannot be read: {why}").format(why=why),
                              fix)]
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        # The decoders' messages give positions only, never the offending value.
        kind = path.suffix.lstrip(".")
        return None, [Problem("(file)", Text("is not valid {kind}: {detail}").format(
            kind=kind, detail=str(exc)), fix)]
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
