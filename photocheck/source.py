"""Getting a photo's bytes from a path or from memory, safely.

Paths are stat'ed before they are opened, so a directory, a FIFO or a device is refused without
blocking; files far beyond any compliant size are read only as far as their header, since their
pixels will never be examined.

Every front door opens the files a user names through here (`load` for photos, `read_regular`
for form data and templates): regular files only, opened non-blocking and checked again on the
open descriptor (a FIFO swapped in between the two cannot hang us), and never more than a cap
read, so `/dev/zero`, a FIFO or a 30 GB sparse file cost nothing.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from photocheck.report import Text

READ_WHOLE_UP_TO = 64 * 1024 * 1024
"""By default files up to this size are read whole: ten times the 7 MB limit leaves room for the
HEIC/PNG files the fixer converts. The checker asks for less (see `load`)."""

HEAD_BYTES = 1024 * 1024
"""How much of a larger file is read: enough for any real header (EXIF, ICC, Adobe, SOF)."""

PathLike = str | os.PathLike[str]
SourceLike = PathLike | bytes | bytearray | memoryview


class SourceError(Exception):
    """The input cannot be examined at all; `reason` is a Text-ready key and details."""

    def __init__(self, reason: str, detail: str = "", *, size: int | None = None,
                 max_bytes: int | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.size = size  # too_large: the numbers, so each language writes them its own way
        self.max_bytes = max_bytes


@dataclass(frozen=True)
class Source:
    """A photo's bytes, its display name, its true size and whether `data` is all of it."""

    name: str | None
    data: bytes
    size: int

    @property
    def complete(self) -> bool:
        return len(self.data) == self.size


def load(source: SourceLike, name: str | None = None, *,
         read_whole_up_to: int | None = None) -> Source:
    """Read `source` (a path, or the file's bytes) into a Source.

    A file larger than `read_whole_up_to` (default READ_WHOLE_UP_TO) is read only as far as its
    header: the checker passes the 7 MB limit, since it never decodes a larger file's pixels.
    Raises SourceError when a path cannot be read, TypeError for anything that is neither.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return Source(name, data, len(data))
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        whole = READ_WHOLE_UP_TO if read_whole_up_to is None else read_whole_up_to
        return _read_path(path, name if name is not None else str(source), whole)
    raise TypeError(
        f"photocheck.check takes a path or the file's bytes, not {type(source).__name__}"
    )


def read_regular(path: PathLike, max_bytes: int) -> bytes:
    """The whole of the regular file at `path`; SourceError("too_large") past `max_bytes`.

    For the small files a user names besides photos (form data, a PDF template).
    """
    data, size = _read(Path(path), max_bytes, max_bytes)
    if size > max_bytes:
        raise SourceError("too_large", f"{size:,} bytes, at most {max_bytes:,}", size=size,
                          max_bytes=max_bytes)
    return data


def _read_path(path: Path, name: str, read_whole_up_to: int) -> Source:
    data, size = _read(path, read_whole_up_to, HEAD_BYTES)
    return Source(name, data, size)


def _read(path: Path, read_whole_up_to: int, head_bytes: int) -> tuple[bytes, int]:
    """The file's bytes (whole up to `read_whole_up_to`, else its first `head_bytes`) and size."""
    _require_regular(_stat(path))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        info = os.fstat(fd)
        _require_regular(info)  # what was opened, not what was stat'ed a moment ago
        limit = info.st_size if info.st_size <= read_whole_up_to else head_bytes
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit)
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)
    return data, max(info.st_size, len(data))


def _stat(path: Path) -> os.stat_result:
    try:
        return path.stat()
    except FileNotFoundError:
        raise SourceError("missing") from None
    except (OSError, RuntimeError, ValueError) as exc:  # ELOOP, ENAMETOOLONG, a NUL in the name
        raise _unreadable(exc) from None


def _require_regular(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise SourceError("directory")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("not_a_file")


def _unreadable(exc: BaseException) -> SourceError:
    if isinstance(exc, PermissionError):
        return SourceError("unreadable", "permission denied")
    if isinstance(exc, OSError) and exc.strerror:
        return SourceError("unreadable", exc.strerror)
    return SourceError("unreadable", type(exc).__name__)


SOURCE_MESSAGES = {
    "missing": Text("The file does not exist."),
    "directory": Text("This is a folder, not a file."),
    "not_a_file": Text("This is not a regular file (a device, pipe or socket)."),
    "too_large": Text("The file is too large ({detail})."),
    "unreadable": Text("The file cannot be read ({detail})."),
}
_TOO_LARGE_BYTES = Text("The file is too large ({size} bytes, at most {max}).")


def describe(exc: SourceError) -> Text:
    """What to tell the user about `exc`, in both languages."""
    if exc.reason == "too_large" and exc.size is not None and exc.max_bytes is not None:
        return _TOO_LARGE_BYTES.format(size=exc.size, max=exc.max_bytes)
    message = SOURCE_MESSAGES.get(exc.reason, SOURCE_MESSAGES["unreadable"])
    return message.format(detail=exc.detail or exc.reason)


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether writing `second` would replace `first` (same inode, or the same path once
    resolved); a symlink loop or an unreadable path is simply not the same file."""
    try:
        if os.path.exists(second) and os.path.samefile(first, second):
            return True
    except (OSError, ValueError):
        pass
    try:
        return Path(first).resolve() == Path(second).resolve()
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop (Python < 3.13)
        return False
