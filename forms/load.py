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
from photocheck.rules import limit
from photocheck.source import SourceError, describe, read_regular

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib


def read_raw(path: Path) -> tuple[dict[str, object] | None, list[Problem]]:
    """Read a JSON (.json) or TOML (.toml) file into a dict, or report why it cannot be read."""
    fix = Text("save the data as UTF-8 JSON or TOML")
    try:  # regular files only, capped: a FIFO or /dev/zero named as data cannot hang or flood
        text = read_regular(path, int(limit("form.data_file.max_bytes").value)).decode("utf-8")
    except SourceError as exc:
        return None, [Problem("(file)", describe(exc), fix)]
    except UnicodeDecodeError:
        return None, [Problem("(file)", Text("cannot be read: not UTF-8",
                                             "読み込めません：UTF-8 ではありません"), fix)]
    kind = path.suffix.lstrip(".")
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        # The decoders' messages give positions only, never the offending value.
        return None, [Problem("(file)", Text("is not valid {kind}: {detail}").format(
            kind=kind, detail=str(exc)), fix)]
    except (RecursionError, ValueError, MemoryError):  # nesting thousands deep, 5000-digit ints
        return None, [Problem("(file)", Text("is not usable {kind}: nested too deeply or a "
                                             "number too long",
                                             "{kind} として使えません：入れ子が深すぎるか、"
                                             "数値が長すぎます").format(kind=kind), fix)]
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
