"""`--covering religious|medical`: the head covering an applicant declares, one option for every
command that checks a photo (`check`, `batch`, `fix`, `form fill`), so they read it alike."""

from __future__ import annotations

import argparse

from photocheck.rules import DECLARED_COVERINGS

HELP = ("declare a head covering worn for religious or medical reasons: it then passes "
        "face.head_covering with a note on how to give the reason, if the whole face is visible")


def add_covering_option(parser: argparse.ArgumentParser) -> None:
    """Add `--covering` (default: nothing declared, so any covering fails)."""
    parser.add_argument("--covering", choices=DECLARED_COVERINGS, default=None, help=HELP)
