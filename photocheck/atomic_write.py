"""Atomic file output: readers see the old file or the complete new one, never a partial one.

The fixed photo, the print sheet, the filled form PDF and the calendar are all written this way,
so an interrupted run never leaves a half-written file where the user expects their output.

What may be written (`check_output`, called before the work and again just before the rename):
a new file in an existing folder, or an existing regular file (through a symlink to one, the
file it points to is replaced and the link kept). Folders are never created (a typo in `-o`
would otherwise scatter folders), and a folder, device, FIFO or socket is never replaced: the
rename would turn `/dev/null` into a regular file. Every refusal is an `OutputError` naming the
path the user gave, never the hidden temporary file beside it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from photocheck.report import Text

MISSING_FOLDER = Text("cannot write the file: its folder does not exist")
IS_A_FOLDER = Text("is a folder: give the name of a file to write")
NOT_REGULAR = Text("is a device, FIFO or socket, not a file: give the name of a file to write")
NO_PERMISSION = Text("cannot write the file: permission denied")
DISK_FULL = Text("cannot write the file: the disk is full")
CANNOT_WRITE = Text("cannot write the file")

_BY_ERRNO = {errno.ENOENT: MISSING_FOLDER, errno.ENOTDIR: MISSING_FOLDER,
             errno.EACCES: NO_PERMISSION, errno.EPERM: NO_PERMISSION, errno.EROFS: NO_PERMISSION,
             errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EISDIR: IS_A_FOLDER}


class OutputError(OSError):
    """`path` cannot be written; `text` says why in words a translator has seen."""

    def __init__(self, path: str | os.PathLike[str], text: Text, code: int = errno.EINVAL
                 ) -> None:
        super().__init__(code, text.en, os.fspath(path))
        self.text = text


def why_not_written(exc: OSError) -> Text:
    """The translated reason for any OSError met while writing an output."""
    if isinstance(exc, OutputError):
        return exc.text
    return _BY_ERRNO.get(exc.errno or 0, CANNOT_WRITE)


def check_output(path: str | os.PathLike[str]) -> Path:
    """The file to replace or create for `path` (a symlink resolved), or OutputError."""
    given = os.fspath(path)
    if not given:
        raise OutputError(given, IS_A_FOLDER, errno.EISDIR)
    try:
        mode: int | None = os.stat(given).st_mode  # through a symlink: /dev/stdout is a device
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise OutputError(given, why_not_written(exc), exc.errno or errno.EINVAL) from None
    if mode is not None and stat.S_ISDIR(mode):
        raise OutputError(given, IS_A_FOLDER, errno.EISDIR)
    if mode is not None and not stat.S_ISREG(mode):
        raise OutputError(given, NOT_REGULAR, errno.EINVAL)
    target = Path(os.path.realpath(given))
    if not target.parent.is_dir():
        raise OutputError(given, MISSING_FOLDER, errno.ENOENT)
    return target


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to a temp file beside ``path``, fsync it, then rename it into place.

    Raises OutputError (an OSError naming ``path``) when it cannot; nothing is left behind.
    """
    target = check_output(path)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        check_output(path)  # again: nothing special may have appeared there meanwhile
        os.replace(tmp, target)
    except OutputError:
        _remove(tmp)
        raise
    except OSError as exc:
        _remove(tmp)
        raise OutputError(path, why_not_written(exc), exc.errno or errno.EIO) from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: str | None) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
