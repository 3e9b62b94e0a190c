"""`--watch`: a hot folder for photo booths, polled until Ctrl-C.

A file is checked once it is completely written: its size and modification time are the same on
two polls in a row and, for a JPEG, it ends with the end-of-image marker (FF D9). A JPEG that
stays unchanged without one for `batch.watch.settle_s` is checked anyway (it will be reported as
truncated) rather than waited on forever. Each path is checked once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from photocheck.batch.discover import Exclusions, find_files
from photocheck.batch.engine import Pool
from photocheck.batch.outcome import Outcome
from photocheck.rules import limit

_JPEG_START = b"\xff\xd8\xff"
_JPEG_END = b"\xff\xd9"
_TAIL_BYTES = 1024
"""How much of a JPEG's end is read to find its end marker past any zero padding."""


@dataclass
class _Seen:
    signature: tuple[int, int]  # size, mtime in ns
    since: float  # when this signature was first seen


class HotFolder:
    """The folders being watched; `poll()` returns the files that have become ready."""

    def __init__(self, folders: Iterable[str], recursive: bool, exclude: Exclusions,
                 done: set[str], settle_s: float | None = None) -> None:
        self._folders = list(folders)
        self._recursive = recursive
        self._exclude = exclude
        self._done = done
        self._settle_s = float(limit("batch.watch.settle_s").value if settle_s is None
                               else settle_s)
        self._pending: dict[str, _Seen] = {}

    def poll(self) -> list[str]:
        """New files that are completely written, in name order; each is returned once."""
        now = time.monotonic()
        ready: list[str] = []
        present: set[str] = set()
        for path in find_files(self._folders, self._recursive, self._exclude):
            if path in self._done:
                continue
            present.add(path)
            try:
                info = os.stat(path)
            except OSError:
                continue
            signature = (info.st_size, info.st_mtime_ns)
            seen = self._pending.get(path)
            if seen is None or seen.signature != signature:
                self._pending[path] = _Seen(signature, now)
            elif _complete(path, info.st_size) or now - seen.since >= self._settle_s:
                ready.append(path)
        for path in ready:
            self._done.add(path)
        self._pending = {p: s for p, s in self._pending.items() if p in present and p not in ready}
        return ready


def _complete(path: str, size: int) -> bool:
    """False only for a JPEG that does not (yet) end with its end-of-image marker."""
    try:
        with open(path, "rb") as handle:
            if handle.read(3) != _JPEG_START:
                return True
            handle.seek(max(0, size - _TAIL_BYTES))
            return handle.read().rstrip(b"\x00").endswith(_JPEG_END)
    except OSError:
        return False


def watch(pool: Pool, folder: HotFolder, poll_s: float,
          on_new: Callable[[int], None] | None = None) -> Iterator[Outcome]:
    """Poll `folder` every `poll_s`, check each ready file, yield outcomes; until interrupted."""
    next_poll = time.monotonic()
    while True:
        now = time.monotonic()
        if now >= next_poll:
            ready = folder.poll()
            for path in ready:
                pool.submit(path)
            if ready and on_new is not None:
                on_new(len(ready))
            next_poll = now + poll_s
        yield from pool.collect(max(0.0, next_poll - time.monotonic()))
