"""photocheck: checks an ID photo for Japan's Individual Number Card before you submit it.

    >>> import photocheck
    >>> report = photocheck.check("photo.jpg")          # or the file's bytes
    >>> report.verdict, [c.id for c in report.failed()]

The report's shape is the shared contract in ../shared/spec/report-format.md.
"""

from __future__ import annotations

from photocheck.pipeline import check
from photocheck.report import Check, Report, Status, Text, Verdict
from photocheck.version import __version__

__all__ = ["Check", "Report", "Status", "Text", "Verdict", "__version__", "check"]
