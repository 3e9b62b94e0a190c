"""The receiving centre's address for mailed applications, read from ``mailing.toml``.

The postal code has changed over time, so it lives as data with its source and the day it was
checked; the instructions page prints all three so an applicant can see how current it is.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 only
    import tomli as tomllib

MAILING_FILE = Path(__file__).with_name("mailing.toml")


@dataclass(frozen=True)
class MailingAddress:
    """The recipient as printed on the envelope, in Japanese and English, with provenance."""

    postal_code: str
    lines_ja: tuple[str, ...]
    lines_en: tuple[str, ...]
    source: str  # who published the address (printed)
    url: str  # where (kept for maintainers; too long to print usefully)
    checked: dt.date


@cache
def mailing_address(path: Path = MAILING_FILE) -> MailingAddress:
    """Parse the mailing data once."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    recipient, source = raw["recipient"], raw["source"]
    return MailingAddress(
        postal_code=recipient["postal_code"],
        lines_ja=tuple(recipient["lines_ja"]),
        lines_en=tuple(recipient["lines_en"]),
        source=source["publisher"],
        url=source["url"],
        checked=source["checked"],
    )
