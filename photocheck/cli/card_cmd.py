"""`photocheck card`: until when is the My Number Card valid, what to do, and by when.

Exit codes: 0 answered, 2 bad input (a clear message in the chosen language, no traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from photocheck.atomic_write import why_not_written
from photocheck.card import CardInputError, compute, parse_query
from photocheck.card.ics import IcsTargetError, write_ics
from photocheck.card.render import summary, to_dict
from photocheck.card.rules import DEFAULT_CATEGORY, category_list_text
from photocheck.cli.output import default_lang
from photocheck.report import Text

OK, INVALID = 0, 2

_OPTION_OF = {"stay_end": "--stay-end", "new_stay_end": "--new-stay-end",
              "nationality_lost": "--nationality-lost"}


def _raw(args: argparse.Namespace) -> dict[str, object]:
    keys = ("birth", "issued", "applied", "received", "category", "stay_end",
            "nationality_lost", "new_stay_end", "moved", "lost")
    return {key: getattr(args, key) for key in keys}


def _error(field: str, text: Text, lang: str) -> int:
    option = _OPTION_OF.get(field, f"--{field}")
    print(Text("error: {option}: {message}").format(
        option=option, message=text).get(lang), file=sys.stderr)
    return INVALID


def run_card(args: argparse.Namespace) -> int:
    """Compute, then print the summary or JSON and write the calendar when asked."""
    lang = args.lang or default_lang()
    try:
        result = compute(parse_query(_raw(args)))
    except CardInputError as exc:
        return _error(exc.field, exc.text, lang)
    if args.ics is not None:
        try:
            write_ics(result, args.ics, lang)
        except IcsTargetError as exc:
            return _error("ics", exc.text, lang)
        except OSError as exc:
            return _error("ics", why_not_written(exc), lang)
    if args.json:
        more = (args.lang,) if args.lang not in (None, "en", "ja") else ()  # asked for: added
        json.dump(to_dict(result, *more), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(summary(result, lang))
        if args.ics is not None:
            print()
            print(Text("wrote {path}").format(path=args.ics).get(lang))
    return OK


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `card` to the main command."""
    parser = subparsers.add_parser(
        "card", help=Text("when the My Number Card and its certificates expire, and what to do"),
        description=Text("Dates as 2024-05-10 or in the Japanese era (令和6年5月10日, R6.5.10)."))
    parser.add_argument("--birth", required=True, metavar="DATE", help=Text("date of birth"))
    when = parser.add_mutually_exclusive_group(required=True)
    when.add_argument("--issued", metavar="DATE", help=Text("the card's issue date (発行日)"))
    when.add_argument("--applied", metavar="DATE",
                      help=Text("application date, for a card not yet issued (issue date "
                                "estimated)"))
    parser.add_argument("--received", metavar="DATE",
                        help=Text("day J-LIS received the application (decides the age threshold)"))
    parser.add_argument("--category", default=DEFAULT_CATEGORY, metavar="KEY",
                        help=Text("nationality or residence category: {categories}").format(
                            categories=category_list_text()))
    parser.add_argument("--stay-end", metavar="DATE",
                        help=Text("end of the period of stay (residence card) or permitted period"))
    parser.add_argument("--nationality-lost", metavar="DATE",
                        help=Text("day Japanese nationality was lost "
                                  "(transitional_nationality_loss)"))
    parser.add_argument("--new-stay-end", metavar="DATE",
                        help=Text("I renewed my period of stay: its new end"))
    parser.add_argument("--moved", metavar="DATE", help=Text("I moved on this day"))
    parser.add_argument("--lost", action="store_true", help=Text("I lost my card"))
    parser.add_argument("--json", action="store_true", help=Text("print JSON (docs/card-json.md)"))
    parser.add_argument("--ics", type=Path, metavar="FILE",
                        help=Text("also write the dates with reminders as an iCalendar file"))
    # --lang (any of the twelve languages) is added by photocheck.cli.lang_option
    parser.set_defaults(func=run_card)
