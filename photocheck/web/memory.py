"""Wiping freed memory in `photocheck serve`, so an uploaded photo does not outlive its request.

Python cannot erase a `bytes` object: when the last reference goes, its memory returns to the
C allocator as it is, and the campaign found four copies of a photo (socket reads, the parser's
buffers, the photo itself) in the server a second after the answer, until later requests
happened to reuse that memory. glibc can fill every block with a constant as it is freed
(`mallopt(M_PERTURB)`, the same as GLIBC_TUNABLES=glibc.malloc.perturb); blocks large enough to
be mmap()ed are returned to the system whole. With it on, no fragment of an uploaded photo was
found in the process's memory after the answer (tests/hostile/test_serve.py), for 4-7 ms
more per check. Only `photocheck serve` turns it on: it owns its process, an embedding app
does not. Not available outside glibc (musl, macOS): `wipe_freed_memory` then returns False.
"""

from __future__ import annotations

import ctypes
import ctypes.util

M_PERTURB = -6
"""glibc's mallopt parameter number (malloc.h)."""

FILL_BYTE = 0x55
"""What freed memory is filled with (any non-zero byte: zero would also clear calloc's work)."""


def wipe_freed_memory() -> bool:
    """Ask glibc to overwrite every block as it is freed; False when there is no glibc."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
        libc.gnu_get_libc_version  # noqa: B018 - glibc only: musl's mallopt does nothing
    except (OSError, AttributeError, TypeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_PERTURB, FILL_BYTE))
