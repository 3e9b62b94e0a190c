"""The filler: validated applicant + blank form (own or official) + photo -> filled PDF.

Order matters for safety: locate, check that every value has a place and fits, and only then
write, atomically. On any error nothing is written. Nothing personal is logged; warnings name
rules and fields, never values.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from forms.locate import FormMap, locate_fields
from forms.model import Applicant
from forms.overlay import Overlay
from forms.photo import (
    Checker,
    Framer,
    PhotoCheck,
    capture_date,
    check_photo,
    frame_for_print,
    prepare_photo,
)
from forms.problems import Problem, errors
from forms.render import render_blank
from forms.textfit import TextFitError, fit_text
from forms.validate import check_photo_date
from forms.values import FormValues, form_values
from photocheck.atomic_write import write_atomic
from photocheck.report import Text


class FillError(Exception):
    """The form cannot be filled; ``problems`` says why (field, reason, fix)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class FillResult:
    """What was written and what the user should still look at."""

    path: Path
    warnings: tuple[str, ...]
    photo: PhotoCheck | None


def _unplaceable(form: FormMap, values: FormValues, has_photo: bool) -> list[Problem]:
    """Values whose field (or chosen box) the locator did not find on the template."""
    fix = Text("use the official blank form or the project's blank (photocheck form blank)")
    wanted = [*values.texts, *values.digits, *values.flags]
    wanted += [f"{k}:{v}" for k, v in values.choices.items()]
    wanted += ["photo"] if has_photo else []
    found = set(form.fields) | {f"{k}:{o}" for k, f in form.fields.items() for o in f.boxes}
    reason = Text("was not found on the template")
    return [Problem(key, reason, fix) for key in wanted if key not in found]


def _draw(form: FormMap, values: FormValues, photo_jpeg: bytes | None) -> bytes:
    overlay = Overlay(form.width, form.height)
    problems: list[Problem] = []
    for key, text in values.texts.items():
        try:
            overlay.text(fit_text(text, form.fields[key].cell))
        except TextFitError:
            problems.append(Problem(
                key, Text("is too long for its cell on this form"),
                Text("shorten it (abbreviate the address, drop repeats)")))
    for key, digits in values.digits.items():
        overlay.digits(form.fields[key].slots, digits)
    for key, option in values.choices.items():
        overlay.check(form.fields[key].boxes[option])
    for key, style in values.flags.items():
        box = form.fields[key].boxes["on"]
        if style == "blackout":
            overlay.blackout(box)
        else:
            overlay.check(box)
    if photo_jpeg is not None:
        overlay.photo(form.fields["photo"].cell, photo_jpeg)
    if problems:
        raise FillError(problems)
    return overlay.finish()


def _merge(template: bytes, overlay: bytes) -> bytes:
    reader = PdfReader(io.BytesIO(template))
    first = reader.pages[0]
    if first.rotation % 360:
        rotated = Text("page 1 is rotated")
        raise FillError([Problem("(template)", rotated,
                                 Text("supply an unrotated PDF of the form"))])
    writer = PdfWriter(clone_from=reader)
    writer.pages[0].merge_page(PdfReader(io.BytesIO(overlay)).pages[0])
    writer.add_metadata({"/Title": "Individual Number Card application",
                         "/Producer": "photocheck forms"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


_VERDICTS = {"reject": Text("reject"), "error": Text("error"),
             "unchecked": Text("unchecked")}


def _photo_warnings(result: PhotoCheck | None) -> tuple[Text, ...]:
    if result is None:
        return (Text("no photo given: paste a 45 x 35 mm photo in the photo box by hand"),)
    if result.accepted:
        return ()
    verdict = Text("photo check verdict: {verdict}").format(
        verdict=_VERDICTS.get(result.verdict, result.verdict))
    return (verdict, *result.failures)


def _checked_photo(data: bytes, checker: Checker, framer: Framer | None
                   ) -> tuple[PhotoCheck, bytes]:
    """The photo for the box and the check of exactly that photo.

    The largest 35:45 window around the face is tried first (the user's own composition). If
    the checker rejects it, the fixer's print framing (head at passport size) is tried, and the
    one that is accepted, or else the one with fewer failures, goes on the form.
    """
    check = checker(data)
    jpeg = prepare_photo(data, check.face_box)
    if check.accepted or check.verdict == "unchecked":
        return check, jpeg
    check = checker(jpeg)
    framed = None if check.accepted or framer is None else framer(data)
    if framed is None:
        return check, jpeg
    framed_jpeg = prepare_photo(framed, None)
    framed_check = checker(framed_jpeg)
    if framed_check.accepted or len(framed_check.failures) < len(check.failures):
        return framed_check, framed_jpeg
    return check, jpeg


def fill_form(applicant: Applicant, out: Path, *, template: Path | None = None,
              photo: Path | None = None, checker: Checker = check_photo,
              framer: Framer | None = frame_for_print) -> FillResult:
    """Fill the form and write it to ``out`` atomically; raise FillError and write nothing.

    `checker` judges the photo with the print profile; `framer` re-frames a rejected one (None:
    only the plain 35:45 crop is tried).
    """
    template_pdf = template.read_bytes() if template else render_blank()
    form = locate_fields(template_pdf)
    values = form_values(applicant)
    photo_path = photo or applicant.photo
    photo_data = photo_path.read_bytes() if photo_path else None
    problems = _unplaceable(form, values, photo_data is not None)
    if photo_data is not None:
        problems += check_photo_date(capture_date(photo_data), applicant.application_date,
                                     field="photo (capture date)")
    if errors(problems):
        raise FillError(errors(problems))
    check, jpeg = (_checked_photo(photo_data, checker, framer) if photo_data is not None
                   else (None, None))
    pdf = _merge(template_pdf, _draw(form, values, jpeg))
    write_atomic(out, pdf)
    return FillResult(out, _photo_warnings(check), check)
