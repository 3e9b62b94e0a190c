"""A spare core for one check: the library's default helper thread.

A check run alone (an upload form embedding the library, `photocheck check photo.jpg`) leaves
the machine's other cores idle while it detects and meshes the face; the person segmentation,
which reads only the pixels, can run on one of them meanwhile (`Context.prefetch`; the LiteRT
interpreter and mediapipe's graphs release the GIL). That lowers one check's latency by the
segmentation's cost and changes nothing it says: the same functions run on the same pixels.

A helper only pays where a core is really free, so one is lent only while fewer checks run in
this process than it may use cores, and the machine's load average leaves a core free (other
processes may be busy: a server's other workers, a batch). Callers who manage their own
threads decide for themselves through `photocheck.context.HELPER`: the batch workers set it to
None (their cores are taken by the other workers), the web runner lends its own pool.
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

FREE_CORE_LOAD = 0.5
"""A core counts as free while the 1-minute load average stays this far below the usable
cores: a check running alone adds about 1, a busy neighbour process another 1."""


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, e.g. a container's share)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def machine_has_a_free_core(cores: int) -> bool:
    """Whether the load average leaves a core beside the one this check takes."""
    try:
        load = os.getloadavg()[0]
    except OSError:  # not available: assume the machine is ours
        return True
    return load < cores - FREE_CORE_LOAD


@contextlib.contextmanager
def lent_helper() -> Iterator[Executor | None]:
    """The shared helper pool for the duration of one check when a core is spare, else None."""
    global _running
    cores = usable_cores()
    with _lock:
        _running += 1
        spare = cores > 1 and _running < cores
    try:
        yield _helper_pool(cores) if spare and machine_has_a_free_core(cores) else None
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
