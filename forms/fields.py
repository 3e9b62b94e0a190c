"""Reads and checks single values out of raw applicant data, recording a Problem per bad value.

Each reader returns None for a missing or bad value so validation can carry on and report every
problem in one pass instead of stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from forms.fonts import describe_char, unprintable
from forms.problems import Problem, Severity
from photocheck.dates import DateFormatError, parse_date
from photocheck.i18n.eras import ERAS
from photocheck.report import Text

_DATE_FIX = Text("write it as 2024-05-01, 2024/5/1, 令和6年5月1日 or R6.5.1")
REQUIRED = Text("is required")


class FieldReader:
    """Pulls typed values from one mapping (the applicant, or the nested representative)."""

    def __init__(
        self, raw: Mapping[str, object], problems: list[Problem], prefix: str = ""
    ) -> None:
        self.raw = raw
        self.problems = problems
        self.prefix = prefix

    def name(self, key: str) -> str:
        """The dotted field name used in messages (e.g. representative.name)."""
        return f"{self.prefix}{key}"

    def report(self, key: str, reason: Text, fix: Text | None,
               severity: Severity = "error") -> None:
        """Record a problem against ``key``."""
        self.problems.append(Problem(self.name(key), reason, fix, severity))

    def present(self, key: str) -> bool:
        """True when the key holds something other than null or blank text."""
        value = self.raw.get(key)
        return value is not None and not (isinstance(value, str) and not value.strip())

    def text(self, key: str, *, required: bool, fix: Text | None = None,
             printed: bool = True) -> str | None:
        """A non-empty string, whitespace-normalised; a ``printed`` value (one drawn on the form)
        must hold only characters the form can print, each other one is named."""
        if not self.present(key):
            if required:
                self.report(key, REQUIRED, fix or Text("add a value for '{key}'").format(key=key))
            return None
        value = self.raw[key]
        if not isinstance(value, str):
            self.report(key, Text("must be text"),
                        Text("put the value of '{key}' in quotes").format(key=key))
            return None
        value = " ".join(value.split())
        bad = unprintable(value) if printed else []
        if bad:
            self.report(key, Text("contains characters the form cannot print: {chars}").format(
                chars=", ".join(describe_char(c) for c in bad)),
                Text("remove them; write the value as on the resident record"))
            return None
        return value

    def date(self, key: str, *, required: bool) -> dt.date | None:
        """A date in Gregorian or era form, normalised to a date."""
        if not self.present(key):
            if required:
                self.report(key, REQUIRED, Text("add '{key}'; {how}").format(
                key=key, how=_DATE_FIX))
            return None
        try:
            day = parse_date(self.raw[key])
        except DateFormatError as exc:
            self.report(key, Text("is not a valid date: {why}").format(why=exc.text), _DATE_FIX)
            return None
        if day < ERAS[0].start:  # the form prints every date in the era too (values.date_text)
            self.report(key, Text("is before the Meiji era (1868): the form cannot print it in "
                                  "the Japanese calendar"),
                        Text("check the year"))
            return None
        return day

    def flag(self, key: str) -> bool | None:
        """A yes/no value; None when absent."""
        if key not in self.raw or self.raw[key] is None:
            return None
        value = self.raw[key]
        if isinstance(value, bool):
            return value
        self.report(key, Text("must be true or false"),
                    Text("write {key} = true or {key} = false").format(key=key))
        return None

    def digits(self, key: str, *, required: bool) -> str | None:
        """A digit string with spaces and hyphens removed (full-width digits accepted)."""
        value = self.raw.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            value = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", value))
        if not value:
            if required:
                self.report(key, REQUIRED, Text("add '{key}' as a quoted string of digits"
                                                ).format(key=key))
            return None
        return value
