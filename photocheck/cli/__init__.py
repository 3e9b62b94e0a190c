"""The `photocheck` command: one subcommand per module, each adding itself with `register()`."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from photocheck import __version__
from photocheck.cli.lang_option import add_lang_options

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2

# Each module has `register(subparsers)`; they are imported only when present, so a slimmed
# install (or a part still being built) does not break the rest of the command.
_SUBCOMMANDS = (
    "photocheck.cli.check_cmd",
    "photocheck.cli.batch_cmd",
    "photocheck.cli.fix_cmd",
    "photocheck.cli.serve_cmd",
    "photocheck.cli.card_cmd",
    "forms.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="photocheck",
        description="Check an ID photo for Japan's Individual Number Card before you submit it.",
    )
    parser.add_argument("--version", action="version", version=f"photocheck {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in _SUBCOMMANDS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if not exc.name or not (module_name + ".").startswith(exc.name + "."):
                raise  # the module exists but something it needs is missing
            continue
        module.register(subparsers)
    add_lang_options(parser)  # after every module, so each command (new ones too) has --lang
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 accepted, 1 rejected, 2 usage/error)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
        return int(exc.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
