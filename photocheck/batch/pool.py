"""A small pool of worker processes that survives workers crashing or hanging.

`concurrent.futures.ProcessPoolExecutor` breaks for good once a worker dies, and cannot say which
task killed it. Here each worker has its own pipe and at most one path in flight, so a worker
that dies (segfault, `os._exit`, the OOM killer) or overruns the timeout is pinned to exactly one
file: that file gets an `error` report, the worker is replaced and the batch goes on. Workers are
started with "spawn": mediapipe/TFLite threads do not survive `fork`.

`InlinePool` has the same interface and checks in the calling process (`jobs=0`, for debugging:
no crash containment, no timeout).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType

from photocheck.batch.failures import Failure, failure_report
from photocheck.batch.outcome import Outcome
from photocheck.batch.worker import examine, resolve_check, worker_main
from photocheck.rules import limit

_JOIN_S = 5.0
"""How long a worker told to stop may take to exit before it is killed."""

_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""Thread-count variables of numpy's BLAS, read once when a worker loads it."""


@contextlib.contextmanager
def _one_blas_thread() -> Iterator[None]:
    """Start workers with single-threaded BLAS (unless the user set these variables).

    Parallelism comes from the processes, one per core. OpenBLAS otherwise starts a thread per
    core in every worker for the small matrix products of the background fit, and its threads
    spin while they wait: measured on a booth photo, 65 ms of CPU per 40 ms check instead of 40,
    CPU the other worker needed. The parent's own environment is restored afterwards.
    """
    added = [name for name in _ONE_THREAD if name not in os.environ]
    os.environ.update(dict.fromkeys(added, "1"))
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


class WorkerStartError(RuntimeError):
    """Workers keep dying before they are ready: the environment cannot run the checker."""


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    path: str | None = None
    sent_at: float = 0.0

    @property
    def idle(self) -> bool:
        return self.ready and self.path is None


class WorkerPool:
    """Up to `size` worker processes, started as work arrives and replaced when they die."""

    def __init__(self, profile: str, size: int, timeout_s: float, thumbnails: bool = False,
                 lang: str = "en", covering: str | None = None) -> None:
        if size < 1:
            raise ValueError("a worker pool needs at least one worker")
        self.profile = profile
        self.size = size
        self.timeout_s = timeout_s
        self.thumbnails = thumbnails
        self.lang = lang
        self.covering = covering
        self._context = multiprocessing.get_context("spawn")
        self._queue: deque[str] = deque()
        self._workers: list[_Worker] = []
        self._start_failures = 0

    @property
    def capacity(self) -> int:
        """How many files can be in flight at once."""
        return self.size

    @property
    def outstanding(self) -> int:
        """Files submitted whose outcome has not been collected yet."""
        return len(self._queue) + sum(w.path is not None for w in self._workers)

    def submit(self, path: str) -> None:
        self._queue.append(path)

    def collect(self, wait_s: float | None = None) -> list[Outcome]:
        """Hand queued files to idle workers, wait up to `wait_s` (None: until something
        happens) and return the files finished meanwhile, errors for crashes and hangs included.
        """
        self._start_workers()
        self._dispatch()
        if not self._workers:
            if wait_s:
                time.sleep(wait_s)
            return []
        if wait_s is None and self.outstanding == 0:
            return []
        ready = set(wait(self._waitables(), self._wait_timeout(wait_s)))
        outcomes = [o for w in list(self._workers) if (o := self._service(w, ready)) is not None]
        outcomes.extend(self._expire_overdue())
        self._start_workers()
        self._dispatch()
        return outcomes

    def close(self) -> None:
        """Stop idle workers politely and kill busy or still-starting ones (Ctrl-C, errors)."""
        for worker in self._workers:
            if worker.idle:
                try:
                    worker.conn.send(None)
                except OSError:
                    worker.process.kill()
            else:
                worker.process.kill()
        deadline = time.monotonic() + _JOIN_S
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers.clear()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def _start_workers(self) -> None:
        """Start workers up to what the queued and in-flight files can keep busy."""
        busy = sum(w.path is not None for w in self._workers)
        wanted = min(self.size, busy + len(self._queue))
        while len(self._workers) < wanted:
            parent_end, child_end = self._context.Pipe(duplex=True)
            process = self._context.Process(
                target=worker_main,
                args=(child_end, self.profile, self.thumbnails, self.lang, self.covering),
                name="photocheck-worker", daemon=True,
            )
            with _one_blas_thread():
                process.start()
            child_end.close()
            self._workers.append(_Worker(process, parent_end))

    def _dispatch(self) -> None:
        for worker in self._workers:
            if not self._queue:
                return
            if not worker.idle:
                continue
            path = self._queue.popleft()
            try:
                worker.conn.send(path)
            except OSError:  # died while idle: its sentinel fires on the next wait
                self._queue.appendleft(path)
                continue
            worker.path, worker.sent_at = path, time.monotonic()

    def _waitables(self) -> list[object]:
        objects: list[object] = []
        for worker in self._workers:
            objects.extend((worker.conn, worker.process.sentinel))
        return objects

    def _wait_timeout(self, wait_s: float | None) -> float | None:
        """Wake up for the caller's deadline or the earliest task timeout, whichever is first."""
        deadlines = [w.sent_at + self.timeout_s for w in self._workers if w.path is not None]
        if not deadlines:
            return wait_s
        until_overdue = max(0.0, min(deadlines) - time.monotonic())
        return until_overdue if wait_s is None else min(wait_s, until_overdue)

    def _service(self, worker: _Worker, ready: set[object]) -> Outcome | None:
        """Read the worker's message, or bury it if it died; a finished file's outcome."""
        if worker.conn in ready:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                return self._bury(worker)
            if message[0] == "ready":
                worker.ready = True
                self._start_failures = 0
                return None
            path, worker.path = worker.path, None
            _, report, thumbnail, peak_rss_kb = message
            return Outcome(str(path), report, thumbnail, peak_rss_kb)
        if worker.process.sentinel in ready:
            return self._bury(worker)
        return None

    def _bury(self, worker: _Worker) -> Outcome | None:
        """Remove a dead worker; the file it was on (if any) gets its `error` report."""
        worker.process.join()
        worker.conn.close()
        self._workers.remove(worker)
        code = worker.process.exitcode
        if worker.path is None:
            if not worker.ready:
                self._start_failures += 1
                if self._start_failures >= limit("batch.worker.start_failures").value:
                    raise WorkerStartError(f"batch workers die while starting ({_describe(code)})")
            return None
        return self._failed(worker, Failure.CRASH, _describe(code))

    def _expire_overdue(self) -> list[Outcome]:
        """Kill workers stuck past the timeout; their files get `error` reports."""
        now = time.monotonic()
        outcomes = []
        for worker in list(self._workers):
            if worker.path is not None and now - worker.sent_at >= self.timeout_s:
                worker.process.kill()
                worker.process.join()
                worker.conn.close()
                self._workers.remove(worker)
                outcomes.append(
                    self._failed(worker, Failure.TIMEOUT, f"{self.timeout_s:g}", self.timeout_s)
                )
        return outcomes

    def _failed(self, worker: _Worker, failure: Failure, detail: str,
                limit_value: float | None = None) -> Outcome:
        elapsed = (time.monotonic() - worker.sent_at) * 1000
        path = str(worker.path)
        report = failure_report(path, self.profile, failure, detail, elapsed, limit_value)
        report.lang = self.lang
        return Outcome(path, report.to_dict())


def _describe(exitcode: int | None) -> str:
    """'exit code 3' or 'signal SIGSEGV', the way a person would look it up."""
    if exitcode is None:
        return "no exit code"
    if exitcode < 0:
        try:
            return f"signal {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit code {exitcode}"


class InlinePool:
    """Checks in the calling process, one file per `collect` (jobs=0: for debugging)."""

    capacity = 1

    def __init__(self, profile: str, thumbnails: bool = False, lang: str = "en",
                 covering: str | None = None) -> None:
        self.profile = profile
        self.thumbnails = thumbnails
        self.lang = lang
        self.covering = covering
        self._check = resolve_check()
        self._queue: deque[str] = deque()

    @property
    def outstanding(self) -> int:
        return len(self._queue)

    def submit(self, path: str) -> None:
        self._queue.append(path)

    def collect(self, wait_s: float | None = None) -> list[Outcome]:
        if not self._queue:
            if wait_s:
                time.sleep(wait_s)
            return []
        path = self._queue.popleft()
        return [examine(path, self.profile, self._check, self.thumbnails, self.lang,
                        self.covering)]

    def close(self) -> None:
        self._queue.clear()

    def __enter__(self) -> InlinePool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
