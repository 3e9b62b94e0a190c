"""What `fix_photo` hands back: the new JPEG, what changed, and what no fix can change."""

from __future__ import annotations

from dataclasses import dataclass, field

from photocheck.report import Check, Report, Text

EXIT_ACCEPTED = 0
EXIT_STILL_REJECTED = 1
EXIT_NOTHING_WRITTEN = 2


@dataclass
class FixResult:
    """The outcome of fixing one photo; the library never writes it anywhere itself."""

    jpeg: bytes | None
    """The fixed JPEG, or None when nothing usable could be made (see `error`)."""
    changes: list[Text]
    """What was changed, in order, e.g. "Converted HEIC to JPEG"."""
    before: Report
    after: Report | None
    """The re-check of `jpeg`, or None when there is no `jpeg`."""
    unfixable: list[Check] = field(default_factory=list)
    """Checks still failing after the fix; each `fix` says why no mechanical fix helps."""
    notes: list[Text] = field(default_factory=list)
    """Things deliberately not done, e.g. no crop because the head is too near the edge."""
    error: Text | None = None
    """Why nothing could be written, when `jpeg` is None."""

    @property
    def exit_code(self) -> int:
        """0 the fixed photo is accepted, 1 written but still rejected, 2 nothing written."""
        if self.jpeg is None or self.after is None:
            return EXIT_NOTHING_WRITTEN
        return EXIT_ACCEPTED if self.after.accepted else EXIT_STILL_REJECTED
