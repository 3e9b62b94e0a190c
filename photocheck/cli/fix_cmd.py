"""`photocheck fix IN -o OUT` and `photocheck print-sheet IN -o OUT.pdf|OUT.jpg`.

Both write OUT atomically (a temporary file in the same folder, then a rename), so an interrupted
run never leaves half a photo, and both refuse to write over their input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from photocheck.atomic_write import OutputError, check_output, why_not_written, write_atomic
from photocheck.cli.arg_types import output_path
from photocheck.cli.covering_option import add_covering_option
from photocheck.cli.output import default_lang
from photocheck.fix import FixError, FixResult, fix_photo, print_sheet
from photocheck.fix.papers import DPIS, PAPERS
from photocheck.report import Report, Text
from photocheck.rules import DEFAULT_PROFILE, PROFILES
from photocheck.source import same_file
from photocheck.textsafe import for_terminal

EXIT_ERROR = 2
_LABELS = {
    "before": Text("Before"), "after": Text("After"),
    "changed": Text("Changed"), "not_done": Text("Not done"),
    "unfixable": Text("Still failing, and no mechanical fix helps"),
    "why": Text("why"), "wrote": Text("Wrote"),
    "nothing": Text("Nothing written"),
}
SAME_FILE = Text("OUT must be a different file from IN; the original is never overwritten.")
BAD_SUFFIX = Text("OUT must end in .pdf or .jpg.")


def register(subparsers: argparse._SubParsersAction) -> None:
    fix = subparsers.add_parser(
        "fix", help=Text("convert, rotate, crop and resize a photo so it passes"),
        description=Text("Fix what can be fixed mechanically (format, colour mode, rotation, "
                         "framing, "
        "pixel and file size, private EXIF) and re-check. Exit status: 0 the result is accepted, "
        "1 written but still rejected, 2 nothing usable could be written, 3 internal error."),
    )
    fix.add_argument("input", metavar="IN", help=Text("the photo (JPEG, PNG, WebP, HEIC/HEIF, "
                     "TIFF)"))
    fix.add_argument("-o", "--output", metavar="OUT", required=True, type=output_path,
                     help=Text("the JPEG to write (in an existing folder; never a device)"))
    fix.add_argument("--profile", choices=sorted(PROFILES), default=DEFAULT_PROFILE,
                     help=Text("online upload (default) or a 35 x 45 mm print"))
    add_covering_option(fix)
    fix.set_defaults(func=run_fix)

    sheet = subparsers.add_parser(
        "print-sheet", help=Text("tile 35 x 45 mm copies of a photo on photo paper"),
        description=Text("Lay out copies of the 35 x 45 mm photo at true size with cut guides, for "
        "convenience-store or home printing (print at 100 % / actual size). Exit status: 0 "
        "written, 2 the photo cannot be used or OUT cannot be written, 3 internal error."),
    )
    sheet.add_argument("input", metavar="IN", help=Text("the photo"))
    sheet.add_argument("-o", "--output", metavar="OUT", required=True, type=output_path,
                       help=Text("OUT.pdf (exact paper size) or OUT.jpg (carries the DPI)"))
    sheet.add_argument("--paper", choices=list(PAPERS), default="L",
                       help=Text("paper size (default L, 89 x 127 mm)"))
    sheet.add_argument("--dpi", type=int, choices=DPIS, default=350, help=Text("JPEG resolution"))
    sheet.set_defaults(func=run_print_sheet)


def run_fix(args: argparse.Namespace) -> int:
    lang = args.lang or default_lang()
    if same_file(args.input, args.output):
        print(SAME_FILE.get(lang), file=sys.stderr)
        return EXIT_ERROR
    try:
        check_output(args.output)  # before the work: a missing folder is known at once
    except OutputError as exc:
        return _cannot_write(args.output, exc, lang)
    result = fix_photo(args.input, args.profile, covering=args.covering)
    if result.jpeg is not None:
        try:
            write_atomic(args.output, result.jpeg)
        except OSError as exc:
            return _cannot_write(args.output, exc, lang)
    print_fix_result(result, args.output, lang)
    return result.exit_code


def run_print_sheet(args: argparse.Namespace) -> int:
    lang = args.lang or default_lang()
    suffix = Path(args.output).suffix.lower()
    fmt = {".pdf": "pdf", ".jpg": "jpg", ".jpeg": "jpg"}.get(suffix)
    if fmt is None:
        print(BAD_SUFFIX.get(lang), file=sys.stderr)
        return EXIT_ERROR
    if same_file(args.input, args.output):
        print(SAME_FILE.get(lang), file=sys.stderr)
        return EXIT_ERROR
    try:
        check_output(args.output)
        data = print_sheet(args.input, paper=args.paper, dpi=args.dpi, fmt=fmt)
        write_atomic(args.output, data)
    except FixError as exc:
        print(f"{for_terminal(args.input)}: {exc.message.get(lang)}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        return _cannot_write(args.output, exc, lang)
    print(f"{_LABELS['wrote'].get(lang)}: {for_terminal(args.output)}")
    return 0


def _cannot_write(output: str, exc: OSError, lang: str) -> int:
    """One line naming OUT as the user gave it (never a temporary file) and why, translated."""
    print(f"{for_terminal(output)}: {why_not_written(exc).get(lang)}", file=sys.stderr)
    return EXIT_ERROR


def print_fix_result(result: FixResult, output: str, lang: str, out: TextIO | None = None
                     ) -> None:
    """Before and after, what changed, and what no fix can change, in `lang`."""
    out = out or sys.stdout  # resolved per call, so a replaced sys.stdout is honoured
    labels = {key: text.get(lang) for key, text in _LABELS.items()}
    out.write(f"{labels['before']}: {_verdict_line(result.before)}\n")
    if result.jpeg is None:
        reason = result.error.get(lang) if result.error else ""
        out.write(f"{labels['nothing']}: {for_terminal(reason)}\n")
        return
    _bullets(out, labels["changed"], result.changes, lang)
    _bullets(out, labels["not_done"], result.notes, lang)
    if result.after is not None:
        out.write(f"{labels['after']}: {_verdict_line(result.after)}\n")
    if result.unfixable:
        out.write(f"{labels['unfixable']}:\n")
        for check in result.unfixable:
            out.write(f"  FAIL  {check.id}  {for_terminal(check.message.get(lang))}\n")
            if check.fix:
                out.write(f"        {labels['why']}: {check.fix.get(lang)}\n")
    out.write(f"{labels['wrote']}: {for_terminal(output)}\n")


def _verdict_line(report: Report) -> str:
    failed = ", ".join(c.id for c in report.failed())
    verdict = report.verdict.value.upper()
    return f"{verdict} ({failed})" if failed else verdict


def _bullets(out: TextIO, title: str, items: list[Text], lang: str) -> None:
    if items:
        out.write(f"{title}:\n")
        for item in items:
            out.write(f"  - {item.get(lang)}\n")
