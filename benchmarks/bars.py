"""The bars of ../shared/spec/performance.md as data, and how a measured figure is judged.

A figure is either a ratio taken in one run (photocheck against a reference pipeline measured
minutes apart on the same machine, which cancels most of a shared machine's noise) or an absolute
median. Every figure is printed with its bar and its headroom (how far inside or outside the bar
it is, >= 1 means the bar is met) so one command shows where the project stands.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum


class Better(str, Enum):
    HIGHER = ">="
    LOWER = "<="


@dataclass(frozen=True)
class Bar:
    """One line of the spec's table: what is measured and the value it must reach.

    A figure with no threshold is shown for its trend only (the spec asks for the ratios to
    `floor` and `naive` beside the bars, which are ratios to `models`).
    """

    figure: str
    threshold: float | None
    better: Better
    unit: str


BARS: dict[str, Bar] = {
    "phone_vs_models": Bar("phone corpus, batch wall time, all cores, vs models", 1.1,
                           Better.LOWER, "x"),
    "phone_vs_floor": Bar("phone corpus, batch wall time, all cores, vs floor", None,
                          Better.LOWER, "x"),
    "phone_vs_naive": Bar("phone corpus, batch throughput, all cores, vs naive", None,
                          Better.HIGHER, "x"),
    "booth_vs_models": Bar("booth corpus, batch wall time, all cores, vs models", 1.25,
                           Better.LOWER, "x"),
    "booth_vs_naive": Bar("booth corpus, batch throughput, all cores, vs naive", 1.3,
                          Better.HIGHER, "x"),
    "scaling": Bar("scaling, 2 workers vs 1 (phone corpus)", 1.8, Better.HIGHER, "x"),
    "warm_check_vs_models": Bar("one warm check, library API, phone photo, median vs models",
                                1.1, Better.LOWER, "x"),
    "warm_check": Bar("one warm check, library API, phone photo, median", None,
                      Better.LOWER, "ms"),
    "warm_check_single_thread": Bar(
        "one warm check kept to the caller's thread (HELPER=None), median", None,
        Better.LOWER, "ms"),
    "warm_check_single_thread_vs_models": Bar(
        "one warm check kept to the caller's thread, median vs models", None, Better.LOWER,
        "x"),
    "rejection": Bar("rejection of a file failing a file.* rule, median", 2.0,
                     Better.LOWER, "ms"),
    "rejection_decodes": Bar("pixel decodes during those rejections", 0, Better.LOWER, "calls"),
    "cold_start": Bar("cold start (interpreter + import + model load), median", 2.0,
                      Better.LOWER, "s"),
    "worker_rss": Bar("peak memory per worker (RSS)", 500.0, Better.LOWER, "MB"),
}
"""The bars of ../shared/spec/performance.md (re-based 2026-11-29 on `models`, raised
2026-12-07), plus the figures it asks to see beside them."""


@dataclass(frozen=True)
class Figure:
    """A measured value against its bar; `detail` says what it was computed from."""

    key: str
    value: float
    detail: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def bar(self) -> Bar:
        return BARS[self.key]

    @property
    def passed(self) -> bool | None:
        """Whether the bar is met; None for a figure shown for its trend only."""
        threshold = self.bar.threshold
        if threshold is None:
            return None
        if self.bar.better is Better.HIGHER:
            return self.value >= threshold
        return self.value <= threshold

    @property
    def headroom(self) -> float | None:
        """Bar over value (or value over bar when higher is better): >= 1 means the bar is met."""
        value, threshold = self.value, self.bar.threshold
        if threshold is None:
            return None
        if self.bar.better is Better.HIGHER:
            return value / threshold if threshold else None
        if value == 0:
            return None if threshold == 0 else float("inf")
        return threshold / value

    @property
    def bar_text(self) -> str:
        bar = self.bar
        return "-" if bar.threshold is None else f"{bar.better.value} {bar.threshold:g} {bar.unit}"

    @property
    def result(self) -> str:
        return {True: "PASS", False: "MISS", None: "info"}[self.passed]

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key, "figure": self.bar.figure, "value": self.value,
            "unit": self.bar.unit, "bar": self.bar_text,
            "headroom": self.headroom, "passed": self.passed, "detail": self.detail,
            **({"extra": self.extra} if self.extra else {}),
        }


@dataclass(frozen=True)
class BatchTiming:
    """When each result of one batch run arrived, in seconds from the call that started it.

    `steady_rate` leaves out start-up (spawning workers, loading models), which a batch of
    thousands amortises but a 24-photo corpus would not: it counts the photos that arrived after
    the first fifth of the batch (and at least one per worker, so every worker has started), over
    the time they took. The same rule is applied to photocheck and to the references, so their
    ratio compares like with like; `total_rate` keeps start-up in for the record.
    """

    pipeline: str
    jobs: int
    arrivals: tuple[float, ...]
    wall_s: float

    @property
    def count(self) -> int:
        return len(self.arrivals)

    @property
    def steady_rate(self) -> float:
        """Photos per second once all workers are warm (whole-run rate for tiny batches)."""
        times = sorted(self.arrivals)
        skip = max(self.jobs, math.ceil(len(times) / 5))
        if len(times) <= skip + 1:
            return self.total_rate
        span = times[-1] - times[skip - 1]
        return (len(times) - skip) / span if span > 0 else float("inf")

    @property
    def total_rate(self) -> float:
        """Photos per second over the whole call, start-up included."""
        return self.count / self.wall_s if self.wall_s > 0 else float("inf")

    def to_dict(self) -> dict[str, object]:
        return {
            "pipeline": self.pipeline, "jobs": self.jobs, "photos": self.count,
            "wall_s": round(self.wall_s, 4), "steady_photos_per_s": round(self.steady_rate, 3),
            "total_photos_per_s": round(self.total_rate, 3),
        }


def throughput_ratio(key: str, subject: BatchTiming, reference: BatchTiming) -> Figure:
    """`subject`'s steady throughput over `reference`'s (for a higher-is-better bar)."""
    ratio = subject.steady_rate / reference.steady_rate
    whole = subject.total_rate / reference.total_rate
    detail = (f"{subject.pipeline} {subject.steady_rate:.2f}/s vs {reference.pipeline} "
              f"{reference.steady_rate:.2f}/s ({subject.count} photos, {subject.jobs} vs "
              f"{reference.jobs} workers; with start-up: {whole:.2f}x)")
    return Figure(key, ratio, detail)


def wall_ratio(key: str, subject: BatchTiming, reference: BatchTiming) -> Figure:
    """`subject`'s steady time per photo over `reference`'s (for a lower-is-better bar)."""
    ratio = reference.steady_rate / subject.steady_rate
    detail = (f"{subject.pipeline} {1000 / subject.steady_rate:.1f} ms/photo vs "
              f"{reference.pipeline} {1000 / reference.steady_rate:.1f} ms/photo "
              f"(wall per photo, {subject.jobs} vs {reference.jobs} workers; with start-up: "
              f"{reference.total_rate / subject.total_rate:.2f}x)")
    return Figure(key, ratio, detail)


def median_ratio(key: str, subject: Sequence[float], reference: Sequence[float],
                 what: str) -> Figure:
    """The median of `subject` over the median of `reference` (same unit, interleaved samples)."""
    ratio = statistics.median(subject) / statistics.median(reference)
    detail = (f"{what}: median {statistics.median(subject):.3g} vs "
              f"{statistics.median(reference):.3g} ({len(subject)} interleaved samples each)")
    return Figure(key, ratio, detail)


def median_figure(key: str, samples: Sequence[float], what: str) -> Figure:
    """The median of `samples` (already in the bar's unit), with their spread in the detail."""
    ordered = sorted(samples)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    detail = (f"{what}: median of {len(ordered)}, min {ordered[0]:.3g}, p90 {p90:.3g}, "
              f"max {ordered[-1]:.3g}")
    return Figure(key, statistics.median(ordered), detail)


def table(figures: Sequence[Figure]) -> str:
    """The figures as a Markdown table (ready to paste into RESULTS.md)."""
    lines = ["| figure | value | bar | headroom | result |", "|---|---|---|---|---|"]
    for fig in figures:
        bar = fig.bar
        head = "-" if fig.headroom is None else f"{fig.headroom:.2f}"
        value = f"{fig.value:.3g} {bar.unit}" if bar.unit != "calls" else f"{fig.value:g} calls"
        lines.append(f"| {bar.figure} | {value} | {fig.bar_text} | {head} | {fig.result} |")
    return "\n".join(lines)
