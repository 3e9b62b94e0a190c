"""Which files a batch checks: every regular file given or found in the given folders.

Every file, not only `*.jpg`: a PNG renamed `.jpg`, or a HEIC left unrenamed, is exactly what the
batch must report. Hidden files and folders (a leading dot: `.DS_Store`, `._IMG_0001.jpg`) and the
batch's own output files are skipped. Paths given explicitly are always checked, even if they are
missing, so the user gets a report line saying so. Likewise whatever else a folder holds that is
not a folder (a FIFO, a dangling symlink, a symlink loop, a device) gets its own error line from
the checker rather than vanishing silently; only symlinks to folders are left alone (never
followed, so never looped through).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

OnError = Callable[[str, OSError], None]


class Exclusions:
    """Files never to check (the batch's own outputs), matched by real path."""

    def __init__(self, paths: Iterable[str]) -> None:
        self._by_name: dict[str, set[str]] = {}
        for path in paths:
            self._by_name.setdefault(os.path.basename(path), set()).add(os.path.realpath(path))

    def __contains__(self, path: str) -> bool:
        real_paths = self._by_name.get(os.path.basename(path))  # a cheap filter before realpath
        return bool(real_paths) and os.path.realpath(path) in real_paths


def path_key(path: str) -> str:
    """The form paths are compared in (for --resume and the hot folder): normalised, as given."""
    return os.path.normpath(path)


def find_files(
    paths: Iterable[str], recursive: bool, exclude: Exclusions, on_error: OnError | None = None
) -> Iterator[str]:
    """Each file to check, folders' contents in name order, subfolders only if `recursive`."""
    for given in paths:
        if os.path.isdir(given):
            yield from _scan(given, recursive, exclude, on_error)
        elif given not in exclude:
            yield path_key(given)


def _scan(folder: str, recursive: bool, exclude: Exclusions, on_error: OnError | None
          ) -> Iterator[str]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        if on_error is not None:
            on_error(folder, exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = path_key(os.path.join(folder, entry.name))
        try:
            is_folder = entry.is_dir(follow_symlinks=False)  # never loop through a symlink
            linked_folder = not is_folder and entry.is_symlink() and entry.is_dir()
        except OSError:  # a symlink loop: is_dir() follows it; report it as a file
            is_folder = linked_folder = False
        if is_folder and recursive:
            yield from _scan(path, recursive, exclude, on_error)
        elif not (is_folder or linked_folder) and path not in exclude:
            yield path  # regular or not: the checker says what is wrong with a FIFO or a loop
