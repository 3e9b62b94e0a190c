"""The ``form`` subcommand: ``blank``, ``validate`` and ``fill``.

``register`` plugs into the main ``photocheck`` argparse CLI; ``main`` runs it standalone as
``python -m forms form ...``. Exit codes: 0 ok, 1 filled but the photo was not accepted under
--strict, 2 invalid data or usage (nothing written), 3 internal error (the `photocheck` error
policy, photocheck.cli.run_guarded, which `main` uses too). Messages name fields, never values, in
English or Japanese (`--lang`, default from the locale like `photocheck check`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from forms import photo as photo_module
from forms import preflight
from forms.fill import FillError, fill_form
from forms.load import load_applicant
from forms.problems import Problem, errors
from forms.render import render_blank
from photocheck.atomic_write import write_atomic
from photocheck.cli.output import default_lang
from photocheck.report import Text
from photocheck.source import same_file
from photocheck.vision.models import quiet_warm_up

OK, PHOTO_REJECTED, INVALID = 0, 1, 2


_SUMMARY = {
    "invalid": Text("invalid: {n} error(s)", "不備があります：エラー {n} 件"),
    "valid": Text("valid", "問題ありません"),
    "warnings": Text(" ({n} warning(s))", "（警告 {n} 件）"),
    "not_written": Text("invalid: no PDF written", "不備があるため PDF を書き出していません"),
    "warning": Text("warning: {text}", "警告：{text}"),
    "cannot_fill": Text("cannot fill: no PDF written", "記入できないため PDF を書き出していません"),
}


def _report(problems: Sequence[Problem], lang: str) -> None:
    for problem in problems:
        print(problem.text(lang), file=sys.stderr)


def _say(key: str, lang: str, **params: object) -> str:
    return _SUMMARY[key].format(**params).get(lang)


def run_blank(args: argparse.Namespace) -> int:
    """Write the project's blank form."""
    write_atomic(args.output, render_blank())
    print(f"wrote {args.output}")
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


def _output_is_input(output: Path, inputs: Sequence[Path | None]) -> list[Problem]:
    """-o naming the data, the photo or the template would overwrite it with the PDF."""
    if any(path is not None and same_file(path, output) for path in inputs):
        return [Problem("output", Text("is one of the input files", "入力ファイルと同じです"),
                        Text("write the PDF to a new file name",
                             "PDF は別の新しいファイル名で書き出してください"))]
    return []


def run_fill(args: argparse.Namespace) -> int:
    """Validate, fill and write the PDF; nothing is written when anything is invalid."""
    lang = args.lang or default_lang()
    applicant, problems = load_applicant(args.data)
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
        result = fill_form(applicant, args.output, template=args.template, photo=args.photo,
                           checker=photo_module.check_photo, framer=photo_module.frame_for_print)
    except FillError as exc:
        _report(exc.problems, lang)
        print(_say("cannot_fill", lang), file=sys.stderr)
        return INVALID
    for warning in result.warnings:
        print(_say("warning", lang, text=warning.get(lang)), file=sys.stderr)
    print(f"wrote {result.path}")
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
    parser.add_argument("--lang", choices=("en", "ja"), default=None,
                        help="language of the problems listed (default: from the locale)")


def main(argv: Sequence[str] | None = None) -> int:
    """Standalone entry: ``python -m forms form {blank,validate,fill} ...``."""
    parser = argparse.ArgumentParser(prog="python -m forms")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    from photocheck.cli import run_guarded

    return run_guarded(args)
