"""Getting a photo's bytes from a path or from memory, safely.

Paths are stat'ed before they are opened, so a directory, a FIFO or a device is refused without
blocking; files far beyond any compliant size are read only as far as their header, since their
pixels will never be examined.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

READ_WHOLE_UP_TO = 64 * 1024 * 1024
"""By default files up to this size are read whole: ten times the 7 MB limit leaves room for the
HEIC/PNG files the fixer converts. The checker asks for less (see `load`)."""

HEAD_BYTES = 1024 * 1024
"""How much of a larger file is read: enough for any real header (EXIF, ICC, Adobe, SOF)."""

PathLike = str | os.PathLike[str]
SourceLike = PathLike | bytes | bytearray | memoryview


class SourceError(Exception):
    """The input cannot be examined at all; `reason` is a Text-ready key and details."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


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


def _read_path(path: Path, name: str, read_whole_up_to: int) -> Source:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError("missing") from None
    except PermissionError:
        raise SourceError("unreadable", "permission denied") from None
    except OSError as exc:
        raise SourceError("unreadable", exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(info.st_mode):
        raise SourceError("directory")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError("not_a_file")
    try:
        with path.open("rb") as handle:
            limit = info.st_size if info.st_size <= read_whole_up_to else HEAD_BYTES
            data = handle.read(limit)
    except PermissionError:
        raise SourceError("unreadable", "permission denied") from None
    except OSError as exc:
        raise SourceError("unreadable", exc.strerror or type(exc).__name__) from None
    size = max(info.st_size, len(data))
    return Source(name, data, size)
