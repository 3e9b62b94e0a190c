"""The `photocheck` command: one subcommand per module, each adding itself with `register()`.

Every subcommand runs under one error policy (`main`), so a new one gets it for free:

- 0 accepted / done, 1 rejected, 2 could not examine (usage, a missing or unreadable input, an
  output that cannot be written), 3 internal error (a bug in photocheck), 130 interrupted.
- An unexpected exception is one line on stderr naming its kind, never a traceback; `--debug`
  (on any subcommand, or PHOTOCHECK_DEBUG=1) shows the traceback as well.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from collections.abc import Sequence

from photocheck.cli.argparse_i18n import LocalizedParser, lang_from_argv, speaking
from photocheck.cli.lang_option import add_lang_options
from photocheck.report import Text
from photocheck.textsafe import for_terminal
from photocheck.version import __version__

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

INTERNAL_ERROR = Text(
    "photocheck: internal error ({kind}) in `{command}`; this is a bug in photocheck, not a "
    "problem with your photo. Run again with --debug to see the details.",
)
OS_ERROR = Text("photocheck: {path}: {reason}")
OUT_OF_MEMORY = Text(
    "photocheck: not enough memory to finish `{command}`; nothing more was written.",
)

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
    """The whole command line; its help texts are rendered in the language of `speaking()`."""
    parser = LocalizedParser(
        prog="photocheck",
        description=Text(  # type: ignore[arg-type]  # rendered by LocalizedHelpFormatter
            "Check an ID photo for Japan's Individual Number Card before you submit it."),
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
    _add_debug(parser, top=True)
    return parser


def _add_debug(parser: argparse.ArgumentParser, top: bool = False) -> None:
    """`--debug` on `parser` and every (nested) subcommand, so it works after any of them."""
    parser.add_argument("--debug", action="store_true",
                        default=False if top else argparse.SUPPRESS,
                        help=Text("show the traceback of an internal error"))
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                _add_debug(sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (see the module docstring). argparse's usage,
    errors and --help speak the language asked for (argparse_i18n)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(lang_from_argv(argv)):
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help
            return int(exc.code or 0)
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
    return run_guarded(args)


def run_guarded(args: argparse.Namespace) -> int:
    """`args.func(args)` under the error policy: no traceback reaches the user without --debug."""
    debug = bool(getattr(args, "debug", False)) or os.environ.get("PHOTOCHECK_DEBUG") == "1"
    command = " ".join(str(v) for v in (args.command, getattr(args, "form_command", None)) if v)
    lang = _lang(args)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # an input or output the user named: full disk, no such folder, ...
        _debug(debug)
        path = for_terminal(str(exc.filename)) if exc.filename else command
        reason = _os_reason(exc, lang)
        print(OS_ERROR.format(path=path, reason=reason).get(lang), file=sys.stderr)
        return EXIT_USAGE
    except MemoryError:
        _debug(debug)
        print(OUT_OF_MEMORY.format(command=command).get(lang), file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:
        _debug(debug)
        print(INTERNAL_ERROR.format(kind=type(exc).__name__, command=command).get(lang),
              file=sys.stderr)
        return EXIT_INTERNAL


def _os_reason(exc: OSError, lang: str) -> str:
    """An output's refusal in the user's language; the system's words for anything else."""
    from photocheck.atomic_write import OutputError

    if isinstance(exc, OutputError):
        return exc.text.get(lang)
    return exc.strerror or type(exc).__name__


def _debug(debug: bool) -> None:
    if debug:
        traceback.print_exc(file=sys.stderr)


def _lang(args: argparse.Namespace) -> str:
    from photocheck.cli.output import default_lang

    return getattr(args, "lang", None) or default_lang()
