"""The filler: validated applicant + blank form (own or official) + photo -> filled PDF.

Order matters for safety: locate, check that every value has a place and fits, and only then
write, atomically. On any error nothing is written. Nothing personal is logged; warnings name
rules and fields, never values.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from forms.guidance import guide_for
from forms.labels import label_data
from forms.locate import FormMap, locate_fields
from forms.model import Applicant
from forms.overlay import Overlay
from forms.photo import (
    Checker,
    Framer,
    PhotoCheck,
    capture_date,
    check_photo,
    excusable,
    frame_for_print,
    prepare_photo,
)
from forms.problems import Problem, Severity, errors
from forms.render import render_blank
from forms.template_blank import filled_problems
from forms.template_safety import inert_copy
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
class FilledForm:
    """The filled PDF, not yet written, and what the user should still look at."""

    pdf: bytes
    warnings: tuple[Problem, ...]
    photo: PhotoCheck | None


@dataclass(frozen=True)
class FillResult:
    """What was written and what the user should still look at."""

    path: Path
    warnings: tuple[Problem, ...]
    photo: PhotoCheck | None


LEGIBLE_SIZE = 6.0  # points: below this a value is hard to read on paper, so say so


def _not_found(key: str) -> Text:
    """Why a field (or "field:option") is missing, naming the label it is printed under."""
    field_key, _, option = key.partition(":")
    spec = label_data().fields.get(field_key)
    if spec is None:
        return Text("was not found on the template")
    if option and option in spec.options:
        ja, en = spec.options[option][0], spec.options[option][-1]
        return Text("was not found on the template (option {en} / {ja})"
                    ).format(en=en, ja=ja)
    english = next((t for t in spec.labels if t.isascii()), spec.labels[0])
    return Text("was not found on the template (printed as {ja} / {en})"
                ).format(ja=spec.labels[0], en=english)


def _unplaceable(form: FormMap, values: FormValues, has_photo: bool) -> list[Problem]:
    """Values whose field (or chosen box) the locator did not find on the template.

    A few unlocated fields are warnings: the PDF is written and the user writes those by hand.
    When most are missing the template is not this form, and nothing is written.
    """
    wanted = [*values.texts, *values.digits, *values.flags]
    wanted += [f"{k}:{v}" for k, v in values.choices.items()]
    wanted += ["photo"] if has_photo else []
    wanted += ["applicant_signature_name"] if values.sign_here else []
    wanted = list(dict.fromkeys(wanted))
    found = set(form.fields) | {f"{k}:{o}" for k, f in form.fields.items() for o in f.boxes}
    missing = [key for key in wanted if key not in found]
    if len(missing) * 2 > len(wanted):
        fix = Text("check that the template is the blank application form, or leave out "
                   "--template to fill the built-in form")
        severity: Severity = "error"
    else:
        fix = Text("write it by hand on the printed form, or leave out --template to fill the "
                   "built-in form instead")
        severity = "warning"
    return [Problem(key, _not_found(key), fix, severity) for key in missing]


def _located_only(form: FormMap, values: FormValues) -> FormValues:
    """The values that have a place on this template (the rest were reported)."""
    here = form.fields
    return FormValues(
        texts={k: v for k, v in values.texts.items() if k in here},
        digits={k: v for k, v in values.digits.items() if k in here},
        choices={k: v for k, v in values.choices.items() if k in here and v in here[k].boxes},
        flags={k: v for k, v in values.flags.items() if k in here and "on" in here[k].boxes},
        sign_here=values.sign_here and "applicant_signature_name" in here,
    )


# How to make a value fit its cell: only the address has parts that can be abbreviated.
_SHORTEN = {"address": Text("shorten it (abbreviate the address, drop repeats)")}
_SHORTEN_OTHER = Text("shorten it (drop repeats and extra spaces), or write it by hand on the "
                      "printed form")


def _small_text(key: str, size: float) -> Problem:
    fix = (Text("shorten it (abbreviate the address, drop repeats), or check that the printed "
                "form is readable") if key == "address"
           else Text("check that the printed form is readable, or write it by hand"))
    return Problem(key, Text("had to shrink to {size} pt to fit its cell, below the legible "
                             "{legible} pt").format(size=size, legible=LEGIBLE_SIZE),
                   fix, "warning")


def _draw(form: FormMap, values: FormValues, photo_jpeg: bytes | None, lang: str = "en"
          ) -> tuple[bytes, list[Problem]]:
    """The overlay page, and warnings about values set too small to read."""
    overlay = Overlay(form.width, form.height, lang)
    problems: list[Problem] = []
    small: list[Problem] = []
    for key, text in values.texts.items():
        try:
            fitted = fit_text(text, form.fields[key].cell)
        except TextFitError:
            problems.append(Problem(key, Text("is too long for its cell on this form"),
                                    _SHORTEN.get(key, _SHORTEN_OTHER)))
            continue
        overlay.text(fitted)
        if fitted.size < LEGIBLE_SIZE:
            small.append(_small_text(key, fitted.size))
    if values.sign_here:
        signature = form.fields["applicant_signature_name"]
        overlay.sign_here(signature.cell, signature.label)
    for key, digits in values.digits.items():
        overlay.digits(form.fields[key].slots, digits)
    for key, option in values.choices.items():
        located = form.fields[key]
        if located.circled:
            overlay.circle(located.boxes[option])
        else:
            overlay.check(located.boxes[option])
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
    return overlay.finish(), small


def _merge(template: bytes, overlay: bytes) -> tuple[bytes, list[Problem]]:
    """The overlay on page 1 of an inert copy of the template (forms/template_safety.py), and a
    note when the template's scripts, actions or files were left out."""
    reader = PdfReader(io.BytesIO(template))
    first = reader.pages[0]
    if first.rotation % 360:
        rotated = Text("page 1 is rotated")
        raise FillError([Problem("(template)", rotated,
                                 Text("supply an unrotated PDF of the form"))])
    writer, active = inert_copy(reader)
    writer.pages[0].merge_page(PdfReader(io.BytesIO(overlay)).pages[0])
    writer.add_metadata({"/Title": "Individual Number Card application",
                         "/Producer": "photocheck forms"})
    ask_for_actual_size(writer)
    out = io.BytesIO()
    writer.write(out)
    note = Problem("template", Text("its scripts, actions, attached files or form fields were "
                                    "left out of the filled PDF"), None, "note")
    return out.getvalue(), [note] if active else []


def ask_for_actual_size(writer: PdfWriter) -> None:
    """Ask viewers to print at 100 % (PrintScaling /None): the photo box must stay 35 x 45 mm
    on paper, and "fit to page" would shrink it."""
    writer.create_viewer_preferences()
    prefs = writer.viewer_preferences
    assert prefs is not None
    prefs[NameObject("/PrintScaling")] = NameObject("/None")


_VERDICTS = {"reject": Text("reject"), "error": Text("error"),
             "unchecked": Text("unchecked")}


def _photo_problems(result: PhotoCheck | None, allowed: bool) -> list[Problem]:
    """The photo check's findings: errors, unless the user allowed placing a photo whose every
    failure a reviewer may excuse (forms.photo.EXCUSABLE: framing, shape, print resolution);
    a second person, a mask or any other failure always blocks."""
    if result is None:
        return [Problem("photo", Text("no photo given"),
                        Text("paste a photo 45 mm high and 35 mm wide in the photo box by hand, "
                             "with your name and date of birth written on its back"), "note")]
    if result.accepted:
        return []
    never = [f for f in result.failures if not excusable(f)]
    if result.verdict == "unchecked":
        severity: Severity = "warning"
    else:
        severity = "warning" if allowed and not never and result.verdict == "reject" else "error"
    fix = Text("use a photo framed for print (photocheck fix --profile print), or pass "
               "--allow-photo-warnings to place it anyway")
    retake = Text("take a new photo: this cannot be excused with --allow-photo-warnings")
    verdict = Text("photo check verdict: {verdict}").format(
        verdict=_VERDICTS.get(result.verdict, result.verdict))
    verdict_fix = retake if never and result.verdict == "reject" else fix
    return [Problem("photo", verdict, verdict_fix, severity)] + [
        Problem("photo", reason, retake if reason in never else fix, severity)
        for reason in result.failures]


_PASSPORT_HEAD_MM = (32.0, 36.0)  # the fixer's print framing (rules.py LIMITS print.head_mm)


def _framing_distance(check: PhotoCheck) -> float:
    """How far the head is from passport framing (0 inside 32-36 mm; unknown counts as far)."""
    if check.head_mm is None:
        return float("inf")
    low, high = _PASSPORT_HEAD_MM
    return max(low - check.head_mm, check.head_mm - high, 0.0)


def _rank(candidate: tuple[PhotoCheck, bytes, bool]) -> tuple[bool, int, float, bool]:
    """Accepted first, then fewer failures, then closer to passport framing; on a full tie the
    fixer's passport framing beats the loose crop."""
    check, _, passport = candidate
    return not check.accepted, len(check.failures), _framing_distance(check), not passport


def _checked_photo(data: bytes, checker: Checker, framer: Framer | None
                   ) -> tuple[PhotoCheck, bytes]:
    """The photo for the box and the check of exactly that photo.

    The largest 35:45 window around the face is tried first (the user's own composition). If
    the print check does not accept it, the fixer's print framing (head at passport size) is
    tried too, and the better framed of the two goes on the form.
    """
    check = checker(data)
    jpeg = prepare_photo(data, check.face_box)
    if check.accepted or check.verdict == "unchecked":
        return check, jpeg
    candidates = [(checker(jpeg), jpeg, False)]
    framed = None if candidates[0][0].accepted or framer is None else framer(data)
    if framed is not None:
        framed_jpeg = prepare_photo(framed, None)
        candidates.append((checker(framed_jpeg), framed_jpeg, True))
    best, best_jpeg, _ = min(candidates, key=_rank)
    return best, best_jpeg


def _own_blank(applicant: Applicant, lang: str) -> bytes:
    """The built-in form with page 2 written for the applicant; the general page 2 when the
    personal one cannot fit one A4 page (very long names and relationships in a long script)."""
    try:
        return render_blank(lang=lang, guide=guide_for(applicant))
    except ValueError:
        return render_blank(lang=lang)


def build_form(applicant: Applicant, *, template: Path | None = None,
               photo: Path | None = None, checker: Checker = check_photo,
               framer: Framer | None = frame_for_print, allow_photo_warnings: bool = False,
               print_signature_name: bool = False, lang: str = "en") -> FilledForm:
    """Fill the form in memory; raise FillError (errors only) when it must not be written.

    `checker` judges the photo with the print profile; `framer` re-frames a rejected one (None:
    only the plain 35:45 crop is tried). A photo the print check still rejects is an error
    unless `allow_photo_warnings`. `lang` is the language printed beside the Japanese on the
    built-in form, its instructions page and the sign-here cue (English for ja and en).
    """
    template_pdf = template.read_bytes() if template else _own_blank(applicant, lang)
    form = locate_fields(template_pdf)
    values = form_values(applicant, print_signature_name=print_signature_name)
    photo_path = photo or applicant.photo
    photo_data = photo_path.read_bytes() if photo_path else None
    problems = _unplaceable(form, values, photo_data is not None)
    problems += filled_problems(template_pdf, form) if template else []
    if photo_data is not None:
        problems += check_photo_date(capture_date(photo_data), applicant.application_date,
                                     field="photo (capture date)")
    if errors(problems):
        raise FillError(errors(problems))
    check, jpeg = (_checked_photo(photo_data, checker, framer) if photo_data is not None
                   else (None, None))
    problems += _photo_problems(check, allow_photo_warnings)
    if errors(problems):
        raise FillError(errors(problems))
    placed = _located_only(form, values)
    overlay, small = _draw(form, placed, jpeg if "photo" in form.fields else None, lang)
    pdf, stripped = _merge(template_pdf, overlay)
    return FilledForm(pdf, (*problems, *small, *stripped), check)


def fill_form(applicant: Applicant, out: Path, **options: Any) -> FillResult:
    """Fill the form and write it to ``out`` atomically; raise FillError and write nothing.

    Options are those of ``build_form``.
    """
    filled = build_form(applicant, **options)
    write_atomic(out, filled.pdf)
    return FillResult(out, filled.warnings, filled.photo)
