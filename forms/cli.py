"""The ``form`` subcommand: ``blank``, ``validate`` and ``fill``.

``register`` plugs into the main ``photocheck`` argparse CLI; ``main`` runs it standalone as
``python -m forms form ...``. Exit codes: 0 ok, 1 filled but the photo was not accepted under
--strict, 2 invalid data or usage (nothing written). Messages name fields, never values, in
In the chosen language (`--lang`, default from the locale like `photocheck check`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from forms import photo as photo_module
from forms.fill import FillError, fill_form
from forms.load import load_applicant
from forms.problems import Problem, errors
from forms.render import render_blank
from photocheck.atomic_write import write_atomic
from photocheck.cli.lang_option import HELP as LANG_HELP
from photocheck.cli.lang_option import lang_code
from photocheck.cli.output import default_lang
from photocheck.report import Text
from photocheck.vision.models import quiet_warm_up

OK, PHOTO_REJECTED, INVALID = 0, 1, 2


_SUMMARY = {
    "invalid": Text("invalid: {n} error(s)"),
    "valid": Text("valid"),
    "warnings": Text(" ({n} warning(s))"),
    "not_written": Text("invalid: no PDF written"),
    "warning": Text("warning: {text}"),
    "cannot_fill": Text("cannot fill: no PDF written"),
    "wrote": Text("wrote {path}"),
}


def _report(problems: Sequence[Problem], lang: str) -> None:
    for problem in problems:
        print(problem.text(lang), file=sys.stderr)


def _say(key: str, lang: str, **params: object) -> str:
    return _SUMMARY[key].format(**params).get(lang)


def run_blank(args: argparse.Namespace) -> int:
    """Write the project's blank form."""
    write_atomic(args.output, render_blank())
    print(_say("wrote", getattr(args, "lang", None) or default_lang(), path=args.output))
    return OK


def run_validate(args: argparse.Namespace) -> int:
    """Check a data file and list every problem."""
    lang = args.lang or default_lang()
    applicant, problems = load_applicant(args.data)
    _report(problems, lang)
    if applicant is None:
        print(_say("invalid", lang, n=len(errors(problems))), file=sys.stderr)
        return INVALID
    warnings = _say("warnings", lang, n=len(problems)) if problems else ""
    print(_say("valid", lang) + warnings)
    return OK


def _missing_file(path: Path | None, field: str) -> list[Problem]:
    if path is None or path.is_file():
        return []
    return [Problem(field, Text("file not found"),
                    Text("check the path given to --{field}").format(field=field))]


def run_fill(args: argparse.Namespace) -> int:
    """Validate, fill and write the PDF; nothing is written when anything is invalid."""
    lang = args.lang or default_lang()
    applicant, problems = load_applicant(args.data)
    problems += _missing_file(args.photo, "photo") + _missing_file(args.template, "template")
    _report(problems, lang)
    if applicant is None or errors(problems):
        print(_say("not_written", lang), file=sys.stderr)
        return INVALID
    if args.photo or applicant.photo:
        quiet_warm_up()  # mediapipe logs while its models load; not into the user's terminal
    try:
        result = fill_form(applicant, args.output, template=args.template, photo=args.photo,
                           checker=photo_module.check_photo, framer=photo_module.frame_for_print)
    except FillError as exc:
        _report(exc.problems, lang)
        print(_say("cannot_fill", lang), file=sys.stderr)
        return INVALID
    for warning in result.warnings:
        print(_say("warning", lang, text=warning.get(lang)), file=sys.stderr)
    print(_say("wrote", lang, path=result.path))
    photo_ok = result.photo is None or result.photo.accepted
    return PHOTO_REJECTED if args.strict and not photo_ok else OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``form`` and its sub-commands to an argparse sub-parser set."""
    form = subparsers.add_parser("form", help="fill the handwritten application form (PDF)")
    commands = form.add_subparsers(dest="form_command", required=True)
    blank = commands.add_parser("blank", help="write the bilingual blank form")
    blank.add_argument("-o", "--output", type=Path, required=True)
    blank.set_defaults(func=run_blank)
    validate = commands.add_parser("validate", help="check an applicant data file")
    validate.add_argument("data", type=Path, help="applicant data (.json or .toml)")
    _add_lang(validate)
    validate.set_defaults(func=run_validate)
    fill = commands.add_parser("fill", help="write the filled form")
    fill.add_argument("data", type=Path, help="applicant data (.json or .toml)")
    fill.add_argument("--photo", type=Path, help="JPEG photo (overrides 'photo' in the data)")
    fill.add_argument("--template", type=Path, help="official blank PDF (default: own blank)")
    fill.add_argument("--strict", action="store_true",
                      help="exit 1 when the photo check does not accept the photo")
    fill.add_argument("-o", "--output", type=Path, required=True)
    _add_lang(fill)
    fill.set_defaults(func=run_fill)


def _add_lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", type=lang_code, default=None, metavar="CODE", help=LANG_HELP)


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry: ``python -m forms form {blank,validate,fill} ...``."""
    parser = argparse.ArgumentParser(prog="python -m forms")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))
