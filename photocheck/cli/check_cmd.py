"""`photocheck check FILE...`: the pre-submission check, as a table or as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import photocheck
from photocheck.cli.covering_option import add_covering_option
from photocheck.cli.output import default_lang, print_report
from photocheck.report import Report, Text, Verdict
from photocheck.rules import DEFAULT_PROFILE, PROFILES
from photocheck.textsafe import json_safe
from photocheck.vision.models import quiet_warm_up


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check", help=Text("check photos against the ID photo rules"),
        description=Text("Check photos against the My Number Card ID photo rules. Exit status: "
        "0 all accepted, 1 any rejected, 2 usage error or a file that could not be examined, "
        "3 internal error."),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help=Text("photo files to check"))
    parser.add_argument("--json", action="store_true", help=Text("print the JSON report (a list "
                        "for several files)"))
    parser.add_argument("--profile", choices=sorted(PROFILES), default=DEFAULT_PROFILE,
                        help=Text("online upload (default) or a 35 x 45 mm print"))
    parser.add_argument("-v", "--verbose", action="store_true",
                        help=Text("show the message of every rule, passes too"))
    add_covering_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang or default_lang()
    if any(Path(path).is_file() for path in args.files):
        quiet_warm_up()
    reports: list[Report] = []
    for path in args.files:
        report = photocheck.check(path, args.profile, lang=lang, covering=args.covering)
        reports.append(report)
        if not args.json:
            print_report(report, lang, args.verbose)
            sys.stdout.flush()
    if args.json:
        payload = [json_safe(r.to_dict()) for r in reports]  # non-UTF-8 names: \xNN
        json.dump(payload[0] if len(payload) == 1 else payload, sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    return exit_code(reports)


def exit_code(reports: list[Report]) -> int:
    """2 when any file could not be examined, else 1 when any was rejected, else 0."""
    verdicts = {r.verdict for r in reports}
    if Verdict.ERROR in verdicts:
        return 2
    return 1 if Verdict.REJECT in verdicts else 0
