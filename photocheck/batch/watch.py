"""`--watch`: a hot folder for photo booths, polled until Ctrl-C.

A file is checked once it is completely written, which is judged only by time: its size, mtime
and inode have stayed the same for `batch.watch.settle_s`. (An end-of-image marker proves
nothing: the EXIF thumbnail of a JPEG cut off after its header ends with one too.) A file that
changes after it was checked (a writer that paused longer than the settle time, or a photo
replaced) is checked again once it is stable. Nothing in the folder is ever opened here: a FIFO
or a device is only stat()ed, and the checker reports it as an error without waiting on it.
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

Signature = tuple[int, int, int]
"""Size, mtime in ns, inode: what changes while a file is being written or replaced."""


@dataclass
class _Seen:
    signature: Signature
    since: float  # when this signature was first seen


class HotFolder:
    """The folders being watched; `poll()` returns the files that have become ready.

    `done` holds paths checked already (the first pass, a resumed run): they are checked again
    only if they change after the first poll sees them.
    """

    def __init__(self, folders: Iterable[str], recursive: bool, exclude: Exclusions,
                 done: set[str], settle_s: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._folders = list(folders)
        self._recursive = recursive
        self._exclude = exclude
        self._done = done
        self._settle_s = float(limit("batch.watch.settle_s").value if settle_s is None
                               else settle_s)
        self._clock = clock
        self._pending: dict[str, _Seen] = {}
        self._checked: dict[str, Signature] = {}

    def poll(self) -> list[str]:
        """Files whose signature has been stable for the settle time and that were not checked
        in this state yet, in name order."""
        now = self._clock()
        ready: list[str] = []
        present: set[str] = set()
        for path in find_files(self._folders, self._recursive, self._exclude):
            signature = _signature(path)
            if signature is None:
                continue
            present.add(path)
            if self._unchanged_since_checked(path, signature):
                continue
            seen = self._pending.get(path)
            if seen is None or seen.signature != signature:
                self._pending[path] = _Seen(signature, now)
            elif now - seen.since >= self._settle_s:
                ready.append(path)
                self._checked[path] = signature
                self._done.add(path)
        self._pending = {p: s for p, s in self._pending.items() if p in present and p not in ready}
        for gone in [p for p in self._checked if p not in present]:  # a new file of that name
            del self._checked[gone]  # later (a booth reusing IMG_0001.jpg) is a new photo
            self._done.discard(gone)
        return ready

    def remember(self, paths: Iterable[str]) -> None:
        """`paths` are about to be checked as they are now (the first pass): a later change,
        even one made while that pass runs, has them checked again."""
        for path in paths:
            signature = _signature(path)
            if signature is not None:
                self._checked[path] = signature

    def _unchanged_since_checked(self, path: str, signature: Signature) -> bool:
        """True for a file checked in this very state; a done file met for the first time is
        taken as checked in the state it has now."""
        if path in self._done and path not in self._checked:
            self._checked[path] = signature
        return self._checked.get(path) == signature


def _signature(path: str) -> Signature | None:
    """stat() only, never open(): a FIFO cannot block the watcher. A dangling symlink or a loop
    has the link's own signature, so the checker reports it like the first pass does."""
    try:
        info = os.stat(path)
    except OSError:
        try:
            info = os.lstat(path)
        except OSError:
            return None
    return info.st_size, info.st_mtime_ns, info.st_ino


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
