"""Fixing a photo mechanically, and laying it out on a print sheet.

    >>> from photocheck.fix import fix_photo, print_sheet
    >>> result = fix_photo("IMG_0001.HEIC")           # or the file's bytes
    >>> result.exit_code, [c.en for c in result.changes]
    >>> sheet_pdf = print_sheet(result.jpeg, paper="L", dpi=350, fmt="pdf")

Nothing is written to disk here; the CLI (photocheck.cli.fix_cmd) and the web form do that.
"""

from photocheck.fix.errors import FixError
from photocheck.fix.fixer import fix_photo
from photocheck.fix.load import DecodeBudget
from photocheck.fix.papers import PAPERS
from photocheck.fix.result import FixResult
from photocheck.fix.sheet import print_sheet, sheet_layout

__all__ = ["PAPERS", "DecodeBudget", "FixError", "FixResult", "fix_photo", "print_sheet",
           "sheet_layout"]
