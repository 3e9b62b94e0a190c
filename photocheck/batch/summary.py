"""The end-of-batch summary: counts per verdict and per failed rule, never the reports themselves.

A batch of 10,000 photos keeps a few dozen counters here, so memory stays flat however long the
batch (or a hot folder) runs.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from photocheck.report import Plural, Status, Text, Verdict

ReportDict = dict[str, Any]

_CHECKED = Plural("checked {n} file against the {profile} profile in {seconds} s",
                  "checked {n} files against the {profile} profile in {seconds} s")
# Translators: {checked} is the line above; {earlier} how many came from the resumed run.
_RESUMED = Text("{checked} (+{earlier} from the earlier run)")
_FAILED_RULES = Text("failed rules:")


class Tally:
    """Running counts of verdicts and failed rules; decides the exit code."""

    def __init__(self) -> None:
        self.verdicts: Counter[str] = Counter()
        self.failed_rules: Counter[str] = Counter()
        self.earlier = 0
        """Of the counted reports, how many came from an earlier run's JSONL (`--resume`)."""

    def add(self, report: ReportDict, earlier: bool = False) -> None:
        self.verdicts[report["verdict"]] += 1
        self.failed_rules.update(
            c["id"] for c in report["checks"] if c["status"] == Status.FAIL.value
        )
        self.earlier += earlier

    @property
    def total(self) -> int:
        return sum(self.verdicts.values())

    def count(self, verdict: Verdict) -> int:
        return self.verdicts[verdict.value]

    def exit_code(self) -> int:
        """Like `check`: 2 if any file errored, else 1 if any was rejected, else 0."""
        if self.count(Verdict.ERROR):
            return 2
        return 1 if self.count(Verdict.REJECT) else 0

    def render(self, profile: str, elapsed_s: float, lang: str = "en") -> str:
        """A few lines a person reads at the end of a run, in `lang`; verdicts and rule ids stay
        as they are in the reports, so the counts can be matched to them."""
        checked_now = self.total - self.earlier
        line = _CHECKED.format(n=checked_now, profile=profile, seconds=round(elapsed_s, 1))
        if self.earlier:
            line = _RESUMED.format(checked=line, earlier=self.earlier)
        lines = [line.get(lang)]
        width = max([len(v.value) for v in Verdict] + [len(r) for r in self.failed_rules])
        lines += [f"  {v.value:<{width}}  {self.count(v):>6}" for v in Verdict]
        if self.failed_rules:
            lines.append(_FAILED_RULES.get(lang))
            lines += [f"  {rule:<{width}}  {n:>6}" for rule, n in self.failed_rules.most_common()]
        return "\n".join(lines)
