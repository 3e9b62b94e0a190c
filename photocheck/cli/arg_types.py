"""argparse types for numbers and output paths, so a bad value is a usage error (exit 2).

Without them `--port 99999` reached the socket layer and `--timeout inf` the event loop, both
as internal errors (exit 3), and `-o ""` became the current folder. Each type refuses at parse
time with one line naming the option, in the locale's language (the command's `--lang` is not
parsed yet).
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable

from photocheck.i18n.resolve import default_lang
from photocheck.report import Text

NOT_A_PORT = Text("must be a whole number from {low} to {high}, not {value}")
NOT_IN_RANGE = Text("must be a number greater than 0 and at most {high}, not {value}")
NO_FILE_NAME = Text("needs a file name")


def _refuse(text: Text) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(text.get(default_lang()))


def port(value: str) -> int:
    """A TCP port to listen on: 1-65535."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if not 1 <= number <= 65535:
        raise _refuse(NOT_A_PORT.format(low=1, high=65535, value=value[:20]))
    return number


def positive_at_most(high: float) -> Callable[[str], float]:
    """A finite number in (0, `high`]: seconds or megabytes (inf, nan and 1e308 are refused)."""

    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not (math.isfinite(number) and 0 < number <= high):
            raise _refuse(NOT_IN_RANGE.format(high=f"{high:g}", value=value[:20]))
        return number

    parse.__name__ = "number"  # argparse names the type in "invalid number value"
    return parse


def output_path(value: str) -> str:
    """A file to write: never the empty string (which would name the current folder)."""
    if not value.strip():
        raise _refuse(NO_FILE_NAME)
    return value
