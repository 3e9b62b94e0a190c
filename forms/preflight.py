"""Opening the files `form fill` is given before anything is drawn, the way `check` opens photos.

The photo and the template are read through photocheck.source (regular files only, capped, never
blocking on a FIFO) and judged before the filler sees them: a photo must be a JPEG whose data
decodes strictly within the fixer's memory budget, a template must be a PDF pypdf can open.
Anything else is a Problem for the field, so the user gets one clear line and exit 2 instead of
a decoder's traceback.
"""

from __future__ import annotations

import io
from pathlib import Path

from forms.problems import Problem
from photocheck.report import Text
from photocheck.rules import limit
from photocheck.sniff import FileType, sniff
from photocheck.source import SourceError, describe, load, read_regular

_NOT_JPEG = Text("is not a JPEG ({kind})")
_NOT_PDF = Text("is not a PDF the filler can open")


def photo_problems(path: Path, field: str) -> list[Problem]:
    """Why the photo at `path` cannot go on the form, or [] when it can."""
    fix = Text("check the file given as {field}; `photocheck fix` converts other formats"
               ).format(field=field)
    try:
        source = load(path)
    except SourceError as exc:
        return [Problem(field, describe(exc), fix)]
    if not source.complete:
        return [Problem(field, describe(SourceError("too_large", f"{source.size:,} bytes")), fix)]
    kind = sniff(source.data[:64])
    if kind is not FileType.JPEG:
        return [Problem(field, _NOT_JPEG.format(kind=kind.value), fix)]
    from photocheck.fix.errors import FixError
    from photocheck.fix.load import open_upright

    try:
        open_upright(source.data)  # strict, budgeted: what the form's photo step decodes after
    except FixError as exc:
        return [Problem(field, exc.message, fix)]
    return []


def template_problems(path: Path, field: str) -> list[Problem]:
    """Why the template at `path` cannot be filled, or [] when it can."""
    fix = Text("give the official blank form PDF, or leave --template out")
    try:
        data = read_regular(path, int(limit("form.template.max_bytes").value))
    except SourceError as exc:
        return [Problem(field, describe(exc), fix)]
    if sniff(data[:64]) is not FileType.PDF:
        return [Problem(field, _NOT_PDF, fix)]
    try:
        from pypdf import PdfReader

        if not PdfReader(io.BytesIO(data)).pages:
            return [Problem(field, _NOT_PDF, fix)]
    except Exception:  # pypdf raises many kinds on a broken file; all mean "not usable"
        return [Problem(field, _NOT_PDF, fix)]
    return []
