"""A spare core for one check: the library's default helper thread.

A check run alone (an upload form embedding the library, `photocheck check photo.jpg`) leaves
the machine's other cores idle while it detects and meshes the face; the person segmentation,
which reads only the pixels, can run on one of them meanwhile (`Context.prefetch`; the LiteRT
interpreter and mediapipe's graphs release the GIL). That lowers one check's latency by the
segmentation's cost and changes nothing it says: the same functions run on the same pixels.

A helper only pays where a core is free, so one is lent only while fewer checks run in this
process than it may use cores. The machine's load average is not asked: it lags a minute behind
(right after a burst of work it still reads busy on an idle machine, measured in the benchmark),
and where every core is busy the helper adds no work, only a second thread for the same
segmentation. Callers who manage their own processes decide for themselves through
`photocheck.context.HELPER`: the batch workers set it to None (their siblings take the other
cores), the web runner lends its own pool.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor

_lock = threading.Lock()
_running = 0
_pool: ThreadPoolExecutor | None = None


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. a container's share)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@contextlib.contextmanager
def lent_helper() -> Iterator[Executor | None]:
    """The shared helper pool for the duration of one check when a core is spare, else None."""
    global _running
    cores = usable_cores()
    with _lock:
        _running += 1
        spare = cores > 1 and _running < cores
    try:
        yield _helper_pool(cores) if spare else None
    finally:
        with _lock:
            _running -= 1


def _helper_pool(cores: int) -> ThreadPoolExecutor:
    """The process's helper threads (created on first use, one fewer than the cores)."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=max(1, cores - 1),
                                       thread_name_prefix="photocheck-spare-core")
        return _pool
