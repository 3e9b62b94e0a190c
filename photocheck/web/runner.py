"""Running checks off the event loop: a fixed thread pool, a bounded queue and a time limit.

A check decodes and runs models for tens of milliseconds of CPU; on the event loop it would stall
every other connection, including slow uploads still arriving. Work goes to a pool of `workers`
threads (the mediapipe models are per thread, see vision/models.py). At most `workers + queue`
jobs are admitted; past that the caller is told to come back (429) rather than queueing without
bound. A job that overruns its time limit is answered 504 at once, but keeps its slot until its
thread really finishes, so timed-out work cannot pile up behind the client's back.

A request that runs alone on a machine with a core to spare gets a helper thread
(`photocheck.context.HELPER`): its check segments the person there while it detects and meshes
the face, so one upload waits less. When as many checks run as there are cores, none gets it: the
cores are already busy and a second thread would only add contention.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import threading
from collections.abc import Callable
from typing import TypeVar

from photocheck.context import HELPER

T = TypeVar("T")


class Busy(Exception):
    """Every slot is taken: the pool is working and the queue is full."""


class CheckTimeout(Exception):
    """The job did not finish within the time limit."""


def default_workers() -> int:
    """One check per core: checks are CPU-bound, more threads only add contention."""
    return max(1, os.cpu_count() or 1)


def warm_helper() -> None:
    """Load and run once the one model a helper thread runs (the segmenter), so a warm server's
    first helped request costs what later ones do."""
    from photocheck.vision import models, person

    person.segment_person(models.warm_up_pixels())


class BoundedRunner:
    """A thread pool that admits at most `workers + queue` jobs and limits each one's time."""

    def __init__(self, workers: int, queue: int, timeout_s: float,
                 initializer: Callable[[], None] | None = None,
                 cores: int | None = None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.workers = workers
        self.capacity = workers + max(0, queue)
        self.timeout_s = timeout_s
        self.cores = cores or os.cpu_count() or 1
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="photocheck", initializer=initializer)
        self._helper = concurrent.futures.ThreadPoolExecutor(
            max_workers=max(1, min(workers, self.cores - 1)),
            thread_name_prefix="photocheck-helper",
            initializer=None if initializer is None else warm_helper)
        self._lock = threading.Lock()
        self._admitted = 0
        self._running = 0
        self.helped = 0
        """Jobs that ran with the helper thread (for tests and monitoring)."""

    @property
    def admitted(self) -> int:
        """Jobs running or queued right now (for tests and monitoring)."""
        return self._admitted

    async def run(self, fn: Callable[..., T], *args: object) -> T:
        """`fn(*args)` on the pool; raises Busy when full and CheckTimeout past the limit."""
        self._admit()
        try:
            future = self._pool.submit(self._call, fn, *args)
        except BaseException:
            self._release()
            raise
        future.add_done_callback(lambda _: self._release())
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout_s)
        except asyncio.TimeoutError:
            future.cancel()  # frees the slot now if the job was still queued
            raise CheckTimeout from None

    def _call(self, fn: Callable[..., T], *args: object) -> T:
        """`fn(*args)` in a pool thread, with the helper thread when a core is spare for it."""
        with self._lock:
            self._running += 1
            spare = self._running < self.cores
            self.helped += spare
        token = HELPER.set(self._helper if spare else None)
        try:
            return fn(*args)
        finally:
            HELPER.reset(token)
            with self._lock:
                self._running -= 1

    async def start_threads(self) -> None:
        """Start every worker thread now, so each runs the initializer (model loading) before
        the first photo rather than during it. A barrier makes the jobs land on distinct threads.
        """
        barrier = threading.Barrier(self.workers, timeout=60)
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(self._pool, barrier.wait)
                               for _ in range(self.workers)),
                             loop.run_in_executor(self._helper, lambda: None))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._helper.shutdown(wait=False, cancel_futures=True)

    def _admit(self) -> None:
        with self._lock:
            if self._admitted >= self.capacity:
                raise Busy
            self._admitted += 1

    def _release(self) -> None:
        with self._lock:
            self._admitted -= 1
