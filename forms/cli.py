"""The ``form`` subcommand: ``blank``, ``validate`` and ``fill``.

``register`` plugs into the main ``photocheck`` argparse CLI; ``main`` runs it standalone as
``python -m forms form ...``. Exit codes: 0 ok, 1 warnings under --strict (nothing written),
2 invalid data, a photo the print check rejects (unless --allow-photo-warnings) or usage
(nothing written), 3 internal error (the `photocheck` error policy, photocheck.cli.run_guarded,
which `main` uses too). Messages name fields, never values, in the chosen language (`--lang`,
default from the locale like `photocheck check`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from forms import photo as photo_module
from forms import preflight
from forms.card_expiry import card_problems, report_card_expiry
from forms.fill import FillError, build_form
from forms.load import load_applicant
from forms.model import Applicant
from forms.photo import Checker
from forms.problems import Problem, by_severity, errors, warnings
from forms.render import render_blank
from forms.script_fonts import MissingGlyphs
from photocheck.atomic_write import check_output, write_atomic
from photocheck.cli.arg_types import output_path
from photocheck.cli.argparse_i18n import LocalizedParser, lang_from_argv, speaking
from photocheck.cli.covering_option import add_covering_option
from photocheck.cli.lang_option import HELP as LANG_HELP
from photocheck.cli.lang_option import lang_code
from photocheck.cli.output import default_lang
from photocheck.dates import DateFormatError, parse_date
from photocheck.report import Plural, Text
from photocheck.source import same_file
from photocheck.vision.models import quiet_warm_up

OK, STRICT_REFUSED, INVALID = 0, 1, 2


_SUMMARY = {
    "invalid": Plural("invalid: {n} error", "invalid: {n} errors"),
    "valid": Text("valid"),
    "warnings": Plural(" ({n} warning)", " ({n} warnings)"),
    "not_written": Text("invalid: no PDF written"),
    "strict": Plural("--strict: {n} warning, no PDF written",
                     "--strict: {n} warnings, no PDF written"),
    "cannot_fill": Text("cannot fill: no PDF written"),
    "wrote": Text("wrote {path}"),
}


def _report(problems: Sequence[Problem], lang: str) -> None:
    """List problems on stderr: errors, then warnings, then notes."""
    for problem in by_severity(list(problems)):
        print(problem.text(lang), file=sys.stderr)


def _say(key: str, lang: str, **params: object) -> str:
    return _SUMMARY[key].format(**params).get(lang)


def _no_font(exc: MissingGlyphs) -> Problem:
    """A script the installed fonts cannot draw: refused, never a PDF with blanks for letters."""
    return Problem("lang", Text("has characters no installed font can draw in the PDF "
                                "({detail})").format(detail=str(exc)),
                   Text("install the fonts with `make fonts`, or choose another language with "
                        "--lang"))


def run_blank(args: argparse.Namespace) -> int:
    """Write the project's blank form, its labels and instructions in Japanese and --lang."""
    lang = args.lang or default_lang()
    check_output(args.output)  # a missing folder or a device: refused before any work
    try:
        pdf = render_blank(lang=lang)
    except MissingGlyphs as exc:
        _report([_no_font(exc)], lang)
        print(_say("not_written", lang), file=sys.stderr)
        return INVALID
    write_atomic(args.output, pdf)
    print(_say("wrote", lang, path=args.output))
    return OK


def _validation_problems(path: Path, on: dt.date | None
                         ) -> tuple[Applicant | None, list[Problem]]:
    """Everything ``form validate`` and ``form fill`` report about a data file: its problems,
    plus any warnings or notes about the applicant that are not rules of the form (added here,
    one call each)."""
    applicant, problems = load_applicant(path, on=on)
    if applicant is not None:
        problems += card_problems(applicant)
    return applicant, problems


def run_validate(args: argparse.Namespace) -> int:
    """Check a data file and list every problem."""
    lang = args.lang or default_lang()
    applicant, problems = _validation_problems(args.data, args.today)
    _report(problems, lang)
    if applicant is None:
        print(_say("invalid", lang, n=len(errors(problems))), file=sys.stderr)
        return INVALID
    count = len(warnings(problems))
    print(_say("valid", lang) + (_say("warnings", lang, n=count) if count else ""))
    report_card_expiry(applicant, lang)
    return OK


def _output_is_input(output: Path, inputs: Sequence[Path | None]) -> list[Problem]:
    """-o naming the data, the photo or the template would overwrite it with the PDF."""
    if any(path is not None and same_file(path, output) for path in inputs):
        return [Problem("output", Text("is one of the input files"),
                        Text("write the PDF to a new file name"))]
    return []


def _photo_checker(covering: str | None) -> Checker:
    """The print check, told of a declared head covering (`--covering`) when there is one."""
    if covering is None:
        return photo_module.check_photo
    return partial(photo_module.check_photo, covering=covering)


def run_fill(args: argparse.Namespace) -> int:
    """Validate, fill and write the PDF; nothing is written when anything is invalid."""
    lang = args.lang or default_lang()
    check_output(args.output)  # a missing folder or a device: refused before any work
    applicant, problems = _validation_problems(args.data, args.today)
    photo_path = args.photo or (applicant.photo if applicant is not None else None)
    problems += _output_is_input(args.output, (args.data, photo_path, args.template))
    problems += (preflight.photo_problems(photo_path, "photo") if photo_path else [])
    problems += preflight.template_problems(args.template, "template") if args.template else []
    _report(problems, lang)
    if applicant is None or errors(problems):
        print(_say("not_written", lang), file=sys.stderr)
        return INVALID
    if args.photo or applicant.photo:
        quiet_warm_up()  # mediapipe logs while its models load; not into the user's terminal
    try:
        filled = build_form(applicant, template=args.template, photo=args.photo,
                            checker=_photo_checker(args.covering),
                            framer=photo_module.frame_for_print,
                            allow_photo_warnings=args.allow_photo_warnings,
                            print_signature_name=args.print_signature_name, lang=lang)
    except FillError as exc:
        _report(exc.problems, lang)
        print(_say("cannot_fill", lang), file=sys.stderr)
        return INVALID
    except MissingGlyphs as exc:
        _report([_no_font(exc)], lang)
        print(_say("not_written", lang), file=sys.stderr)
        return INVALID
    _report(filled.warnings, lang)
    found = warnings(problems) + warnings(list(filled.warnings))
    if args.strict and found:
        print(_say("strict", lang, n=len(found)), file=sys.stderr)
        return STRICT_REFUSED
    write_atomic(args.output, filled.pdf)
    print(_say("wrote", lang, path=args.output))
    report_card_expiry(applicant, lang)
    return OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``form`` and its sub-commands to an argparse sub-parser set."""
    form = subparsers.add_parser("form", help=Text("fill the handwritten application form (PDF)"))
    commands = form.add_subparsers(dest="form_command", required=True)
    blank = commands.add_parser("blank", help=Text("write the bilingual blank form"))
    blank.add_argument("-o", "--output", type=_output, required=True)
    _add_lang(blank)
    blank.set_defaults(func=run_blank)
    validate = commands.add_parser("validate", help=Text("check an applicant data file"))
    validate.add_argument("data", type=Path, help=Text("applicant data (.json or .toml)"))
    _add_lang(validate)
    _add_today(validate)
    validate.set_defaults(func=run_validate)
    fill = commands.add_parser("fill", help=Text("write the filled form"))
    fill.add_argument("data", type=Path, help=Text("applicant data (.json or .toml)"))
    fill.add_argument("--photo", type=Path, help=Text("JPEG photo (overrides 'photo' in the data)"))
    fill.add_argument("--template", type=Path, help=Text("official blank PDF (default: own blank)"))
    fill.add_argument("--strict", action="store_true",
                      help=Text("write nothing and exit 1 when there is any warning"))
    fill.add_argument("--allow-photo-warnings", action="store_true",
                      help=Text("place a photo the print check does not accept (listed as "
                                "warnings)"))
    add_covering_option(fill)
    fill.add_argument("--print-signature-name", action="store_true",
                      help=Text("print the name in the signature cell (for a name plus personal "
                                "seal)"))
    fill.add_argument("-o", "--output", type=_output, required=True)
    _add_lang(fill)
    _add_today(fill)
    fill.set_defaults(func=run_fill)


def _output(value: str) -> Path:
    """argparse type for -o: a file name, never the empty string (the current folder)."""
    return Path(output_path(value))


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", type=lang_code, default=None, metavar="CODE", help=LANG_HELP)


def _today(text: str) -> dt.date:
    """--today's value: a date as the data file may write one (ISO or Japanese era)."""
    try:
        return parse_date(text)
    except DateFormatError as exc:
        raise argparse.ArgumentTypeError(exc.text.en) from None


def _add_today(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=_today, default=None, metavar="DATE",
                        help="check the dates as of DATE instead of today (ISO or era; the "
                             "day you will mail the form, or a sample's day)")


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry: ``python -m forms form {blank,validate,fill} ...``."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(lang_from_argv(argv)):
        parser = LocalizedParser(prog="python -m forms")
        register(parser.add_subparsers(dest="command", required=True))
        args = parser.parse_args(argv)
    from photocheck.cli import run_guarded

    return run_guarded(args)
