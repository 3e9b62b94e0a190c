"""Running a pipeline over a corpus with N worker processes, timing each result as it arrives.

photocheck runs through its batch engine (`photocheck.batch.engine.run_batch`); the references
run in a spawn-context Pool of the same size, so every throughput ratio
compares like with like. While photocheck runs, a sampler thread reads its workers' RSS.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

from benchmarks.bars import BatchTiming
from benchmarks.references import REFERENCES


def run_reference(name: str, paths: Sequence[Path], jobs: int) -> BatchTiming:
    """Reference pipeline `name` ("naive", "floor" or "models") over `paths` with `jobs` workers."""
    init, one = REFERENCES[name]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=init) as pool:
        arrivals = _arrivals(pool.imap_unordered(one, [str(p) for p in paths]), started)
    return BatchTiming(name, jobs, arrivals, time.perf_counter() - started)


@dataclass
class PhotocheckRun:
    """A timed photocheck batch: when reports arrived, their verdicts, its workers' RSS."""

    timing: BatchTiming
    verdicts: dict[str, int]
    engine: str
    rss: RssSampler


def run_photocheck(paths: Sequence[Path], jobs: int, interval_s: float = 0.1) -> PhotocheckRun:
    """photocheck over `paths` with `jobs` workers, sampling worker RSS every `interval_s`."""
    verdicts: dict[str, int] = {}
    arrivals: list[float] = []
    started = time.perf_counter()
    with RssSampler(interval_s) as rss:
        engine, reports = photocheck_batch(paths, jobs)
        for report in reports:
            arrivals.append(time.perf_counter() - started)
            verdict = str(report.verdict)
            verdicts[verdict] = verdicts.get(verdict, 0) + 1
    timing = BatchTiming("photocheck", jobs, tuple(arrivals), time.perf_counter() - started)
    return PhotocheckRun(timing, verdicts, engine, rss)


def photocheck_batch(paths: Sequence[Path], jobs: int) -> tuple[str, Iterator[Any]]:
    """photocheck's own batch engine over `paths`: what `photocheck batch` runs."""
    from photocheck.batch.engine import run_batch

    return "photocheck.batch.engine.run_batch", run_batch(list(paths), profile="online", jobs=jobs)


def _arrivals(results: Iterable[object], started: float) -> tuple[float, ...]:
    return tuple(time.perf_counter() - started for _ in results)


@dataclass
class RssSampler:
    """Samples the RSS of this process's descendants in a thread; the parent is not counted."""

    interval_s: float = 0.1
    samples: list[tuple[float, dict[int, int]]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def __enter__(self) -> RssSampler:
        self._started = time.perf_counter()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(self.interval_s):
            rss: dict[int, int] = {}
            for child in me.children(recursive=True):
                try:
                    rss[child.pid] = child.memory_info().rss
                except psutil.Error:  # the child exited between listing and reading
                    continue
            if rss:
                self.samples.append((time.perf_counter() - self._started, rss))

    @property
    def peak_mb(self) -> float:
        """The largest RSS any one descendant reached in any sample (MB)."""
        return max((max(s.values()) for _, s in self.samples), default=0) / 2**20

    def worker_peak_mb(self, at: int) -> float:
        """The largest single-process RSS in sample `at` (MB)."""
        return max(self.samples[at][1].values()) / 2**20
