"""Is a supplied template really blank? A filled form given as `--template` would be printed
over: two people's names and numbers overlapping, the earlier applicant's 旧氏 and phone left
standing. So a template whose value cells already hold text, whose digit boxes hold digits,
whose photo box holds a picture, or whose form fields hold values is refused (exit 2).

Printed hints an official blank may carry inside a cell (an era to circle, 年 月 日) are data in
labels.toml (`blank_hints`), as are the labels themselves.
"""

from __future__ import annotations

import io
import sys
import unicodedata
from collections.abc import Sequence
from functools import cache

import pdfplumber
from pypdf import PdfReader

from forms.labels import LABELS_FILE, label_data
from forms.locate import FormMap, LocatedField
from forms.problems import Problem
from forms.textsearch import Char, normalise, text_lines
from photocheck.report import Text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

VALUE_KINDS = ("text", "comb")
MIN_VALUE_CHARS = 2  # one stray letter is a printing mark; two letters or digits are a value

_FIX = Text("use a blank copy of the form (download it again from the official site), or leave "
            "out --template to fill the built-in form")


@cache
def _hints() -> tuple[str, ...]:
    """Label texts and printed hints, longest first, normalised as the page text is."""
    with LABELS_FILE.open("rb") as handle:
        raw = tomllib.load(handle)
    data = label_data()
    texts = [*raw.get("blank_hints", {}).get("texts", ()), *data.ignore,
             *(t for texts in data.sections.values() for t in texts),
             *(t for spec in data.fields.values() for t in spec.labels),
             *(t for spec in data.fields.values() for o in spec.options.values() for t in o)]
    return tuple(sorted({normalise(t) for t in texts}, key=len, reverse=True))


def _value_chars(text: str) -> int:
    """Letters and digits left in ``text`` once every known label and hint is taken out."""
    for hint in _hints():
        text = text.replace(hint, "")
    return sum(unicodedata.category(c)[0] in "LN" for c in text)


def _inside(char: Char, located: LocatedField) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return located.cell.contains_point(x, y) and not located.label.contains_point(x, y)


def _filled_cells(chars: Sequence[Char], form: FormMap) -> list[str]:
    """Keys of located value cells that already hold text beyond printed hints."""
    kinds = {key: spec.kind for key, spec in label_data().fields.items()}
    found = []
    for key, located in form.fields.items():
        if kinds.get(key) not in VALUE_KINDS:
            continue
        inside = [c for c in chars if _inside(c, located)]
        text = "".join(normalise(line.text) for line in text_lines(inside))
        if _value_chars(text) >= MIN_VALUE_CHARS:
            found.append(key)
    return found


def _photo_filled(images: Sequence[dict[str, float]], form: FormMap) -> bool:
    """A picture drawn over most of the photo box: an earlier applicant's photo."""
    photo = form.fields.get("photo")
    if photo is None:
        return False
    cell = photo.cell
    for image in images:
        width = min(image["x1"], cell.x1) - max(image["x0"], cell.x0)
        height = min(image["bottom"], cell.bottom) - max(image["top"], cell.top)
        if width > 0 and height > 0 and width * height > 0.5 * cell.width * cell.height:
            return True
    return False


def _field_values(pdf: bytes) -> list[str]:
    """Names of interactive form fields that hold a value (a fillable PDF already filled)."""
    try:
        fields = PdfReader(io.BytesIO(pdf)).get_fields() or {}
    except Exception:  # a broken AcroForm is no value; pypdf raises many kinds
        return []
    return [name for name, field in fields.items()
            if field.get("/V") not in (None, "", "/Off", "/")]


def filled_problems(pdf: bytes, form: FormMap) -> list[Problem]:
    """Why the template is not blank (one problem per filled place), or [] when it is."""
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        page = document.pages[0]
        cells = _filled_cells(page.chars, form)
        photo = _photo_filled(page.images, form)
    problems = [Problem(f"template ({key})",
                        Text("already holds a value: the template is a filled form"), _FIX)
                for key in cells]
    if photo:
        problems.append(Problem("template (photo)",
                                Text("already holds a photo: the template is a filled form"),
                                _FIX))
    if _field_values(pdf):
        problems.append(Problem("template",
                                Text("has form fields that already hold values: the template "
                                     "is a filled form"), _FIX))
    return problems
