"""`--lang CODE` on every command, added in one place so a new subcommand gets it too.

`photocheck.cli.build_parser` calls `add_lang_options` after every module has registered its
subcommands: each leaf command gets `--lang` (or, when a module declared its own, that option is
widened to the twelve languages and their aliases). Commands read `args.lang or default_lang()`.
"""

from __future__ import annotations

import argparse
import sys

from photocheck.i18n.languages import CODES
from photocheck.i18n.resolve import resolve
from photocheck.report import Text

HELP = Text("language of the messages: {codes} (default: from the locale)").format(
    codes=", ".join(CODES))


def lang_code(value: str) -> str:
    """argparse type: any code, alias or locale name; unknown ones become English with a note."""
    resolution = resolve(value)
    if resolution.note:
        print(f"photocheck: {resolution.note}", file=sys.stderr)
    return resolution.code


def add_lang_options(parser: argparse.ArgumentParser) -> None:
    """Give every leaf command under `parser` a `--lang` that takes the twelve languages."""
    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subcommands:
        _ensure_lang(parser)
        return
    for action in subcommands:
        for sub in {id(p): p for p in action.choices.values()}.values():  # aliases share one
            add_lang_options(sub)


def _ensure_lang(parser: argparse.ArgumentParser) -> None:
    existing = parser._option_string_actions.get("--lang")
    if existing is None:
        parser.add_argument("--lang", type=lang_code, default=None, metavar="CODE", help=HELP)
        return
    existing.choices = None
    existing.type = lang_code
    existing.metavar = "CODE"
    existing.help = HELP
