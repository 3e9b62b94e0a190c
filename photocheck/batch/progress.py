"""The progress bar: files/s, rejects so far and ETA, on stderr, and only on a terminal.

When stderr is a file or a pipe (cron, CI, `2> log`), there is no bar at all, so logs are not
filled with carriage-return noise. Lines for the user go to stdout through the bar, so the bar
is redrawn below them instead of being torn.
"""

from __future__ import annotations

import sys

from tqdm import tqdm

from photocheck.report import Verdict


class Progress:
    """A tqdm bar on stderr when it is a TTY, nothing otherwise."""

    def __init__(self, total: int, enabled: bool | None = None) -> None:
        if enabled is None:
            enabled = sys.stderr.isatty()
        self._bar = tqdm(total=total, unit="file", file=sys.stderr, disable=not enabled,
                         dynamic_ncols=True, smoothing=0.1) if enabled else None
        self._rejected = 0
        self._errors = 0

    def advance(self, verdict: str) -> None:
        self._rejected += verdict == Verdict.REJECT.value
        self._errors += verdict == Verdict.ERROR.value
        if self._bar is not None:
            self._bar.set_postfix_str(f"rejected {self._rejected}, errors {self._errors}",
                                      refresh=False)
            self._bar.update(1)

    def grow(self, more: int) -> None:
        """More files to do (the hot folder found new ones)."""
        if self._bar is not None:
            self._bar.total = (self._bar.total or 0) + more
            self._bar.refresh()

    def print(self, line: str) -> None:
        """A line on stdout that does not tear the bar."""
        if self._bar is not None:
            self._bar.write(line, file=sys.stdout)
        else:
            print(line, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
