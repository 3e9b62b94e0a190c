"""The batch engine API: many paths in, one report per path out, in completion order.

    >>> from photocheck.batch import run_batch
    >>> for report in run_batch(["a.jpg", "b.jpg"], jobs=2):
    ...     print(report.file, report.verdict)

Workers get paths, not bytes, so the parent does no file I/O and no decoding; they send back the
report as a small dict. Paths are pulled from the iterable only as workers free up, so a
generator of a million paths is never held in memory, and nothing is accumulated.

Workers are started with "spawn", which re-imports the caller's main module: a script that calls
the engine needs the usual `if __name__ == "__main__":` guard (`python -m` modules are exempt).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

from photocheck.batch.outcome import Outcome, report_from_dict
from photocheck.batch.pool import InlinePool, WorkerPool
from photocheck.report import Report
from photocheck.rules import DEFAULT_PROFILE, declared_covering, limit, profile_rules

DEFAULT_TIMEOUT_S = float(limit("batch.worker.timeout_s").value)

_BACKLOG_PER_SLOT = 2
"""Files queued per worker slot: enough that a worker never waits for the parent's next path."""


class Pool(Protocol):
    """What the engine needs from a pool: `WorkerPool` (processes) or `InlinePool` (in-process)."""

    @property
    def capacity(self) -> int: ...

    @property
    def outstanding(self) -> int: ...

    def submit(self, path: str) -> None: ...

    def collect(self, wait_s: float | None = None) -> list[Outcome]: ...

    def close(self) -> None: ...


def run_batch(
    paths: Iterable[str | Path],
    *,
    profile: str = DEFAULT_PROFILE,
    jobs: int | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    lang: str = "en",
    covering: str | None = None,
) -> Iterator[Report]:
    """Check every path against `profile`, yielding one Report per path as results arrive.

    `jobs=None` uses one worker process per usable CPU; `jobs=1` is still one worker process
    (so 2 vs 1 workers compare like with like); `jobs=0` checks in this process (debugging:
    no timeout, no crash containment). A file the checker crashes or hangs on (past
    `timeout_s`) gets an `error` report with a `batch.worker` check; the batch goes on.
    `covering` is a declared religious or medical head covering (see `photocheck.check`).
    """
    for outcome in run_outcomes(paths, profile=profile, jobs=jobs, timeout_s=timeout_s,
                                lang=lang, covering=covering):
        yield report_from_dict(outcome.report)


def run_outcomes(
    paths: Iterable[str | Path],
    *,
    profile: str = DEFAULT_PROFILE,
    jobs: int | None = None,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    thumbnails: bool = False,
    lang: str = "en",
    covering: str | None = None,
) -> Iterator[Outcome]:
    """Like `run_batch`, but yields the raw Outcome (report dict, thumbnail, worker peak RSS)."""
    with open_pool(profile, jobs, timeout_s, thumbnails, lang, covering) as pool:
        yield from feed(pool, paths)


def open_pool(profile: str, jobs: int | None, timeout_s: float, thumbnails: bool = False,
              lang: str = "en", covering: str | None = None) -> WorkerPool | InlinePool:
    """A pool of `jobs` workers (see `run_batch`); ValueError for a bad profile, jobs, timeout."""
    profile_rules(profile)  # fail here, once, not in every worker
    declared_covering(covering)
    if jobs is None:
        jobs = usable_cpus()
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (in-process) or more, not {jobs}")
    if not timeout_s > 0:
        raise ValueError(f"timeout must be positive, not {timeout_s}")
    if jobs == 0:
        return InlinePool(profile, thumbnails, lang, covering)
    return WorkerPool(profile, jobs, timeout_s, thumbnails, lang, covering)


def usable_cpus() -> int:
    """The CPUs this process may run on (affinity and cpusets honoured), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def feed(pool: Pool, paths: Iterable[str | Path]) -> Iterator[Outcome]:
    """Submit `paths` as the pool frees up and yield each outcome; returns when all are done."""
    pending = iter(paths)
    exhausted = False
    while True:
        while not exhausted and pool.outstanding < _BACKLOG_PER_SLOT * pool.capacity:
            path = next(pending, None)
            if path is None:
                exhausted = True
            else:
                pool.submit(os.fspath(path))
        if exhausted and pool.outstanding == 0:
            return
        yield from pool.collect(None)
