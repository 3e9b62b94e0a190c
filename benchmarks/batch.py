"""Running a pipeline over a corpus with N worker processes, timing each result as it arrives.

photocheck runs through its batch engine (`photocheck.batch.engine.run_batch`) when the branch
has it; the references run in a spawn-context Pool of the same size, so every throughput ratio
compares like with like. While photocheck runs, a sampler thread reads its workers' RSS.
"""

from __future__ import annotations

import importlib.util
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
    """Reference pipeline `name` ("naive" or "floor") over `paths` with `jobs` workers."""
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
    """The batch engine's report iterator, or the stand-in pool while the engine is not merged."""
    if not _engine_on_this_tree():
        return "stand-in Pool (photocheck.batch.engine not on this branch)", _stand_in(paths, jobs)
    from photocheck.batch.engine import run_batch

    return "photocheck.batch.engine.run_batch", run_batch(list(paths), profile="online", jobs=jobs)


def _engine_on_this_tree() -> bool:
    """Whether the batch engine exists next to the `photocheck` being measured.

    An editable install elsewhere (the venv's finder maps every `photocheck.*` name to its own
    tree) could otherwise supply another branch's engine on top of this branch's core.
    """
    import photocheck

    package_dir = Path(photocheck.__file__).resolve().parent
    spec = importlib.util.find_spec("photocheck.batch")  # imports nothing below `photocheck`
    if spec is None or spec.origin is None:
        return False
    batch_dir = Path(spec.origin).resolve().parent
    return batch_dir.is_relative_to(package_dir) and (batch_dir / "engine.py").exists()


# --- Stand-in for the batch engine: delete from here once photocheck.batch.engine is merged. ---
def _stand_in(paths: Sequence[Path], jobs: int) -> Iterator[Any]:
    """A spawn Pool whose workers warm the models once and run `photocheck.check` per photo."""
    with multiprocessing.get_context("spawn").Pool(jobs, initializer=_stand_in_init) as pool:
        yield from pool.imap_unordered(_stand_in_check, [str(p) for p in paths])


def _stand_in_init() -> None:
    from photocheck.vision.models import warm_up

    warm_up()


def _stand_in_check(path: str) -> Any:
    from photocheck import check

    return check(path)
# --- End of the stand-in. ---


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
