"""Stand-ins for `photocheck.check` that the batch tests select with PHOTOCHECK_BATCH_CHECK.

They let the tests make a worker crash, hang or raise on purpose (by the file's name) without a
file that really does, and give verdicts that do not depend on which pixel rules exist yet.
"""

from __future__ import annotations

import os
import signal
import time

import photocheck
from photocheck.report import Check, Report, Status, Text

HANG_S = 30.0
"""Longer than any test's --timeout; short enough that a stray worker does not linger long."""

SLOW_S = 0.4
"""A "slow" file takes this long, so a test can interrupt a batch midway."""


def misbehave_on_name(path: str, profile: str) -> Report:
    """The real check, except: "crash" segfaults, "exit" calls os._exit, "hang" sleeps, "raise"
    raises and "slow" sleeps a little first."""
    name = os.path.basename(path)
    if "crash" in name:
        os.kill(os.getpid(), signal.SIGSEGV)
    if "exit" in name:
        os._exit(3)
    if "hang" in name:
        time.sleep(HANG_S)
    if "raise" in name:
        raise RuntimeError("the checker tripped over this file")
    if "slow" in name:
        time.sleep(SLOW_S)
    return photocheck.check(path, profile)


def verdict_from_name(path: str, profile: str) -> Report:
    """Rejects a file whose name contains "reject", accepts the rest, and reports a face box and
    trim so thumbnails have something to draw; "missing" files go through the real check."""
    if "missing" in os.path.basename(path):
        return photocheck.check(path, profile)
    status = Status.FAIL if "reject" in os.path.basename(path) else Status.PASS
    check = Check("file.format", status, Text("hook", "フック"))
    face = {"box": [150, 100, 300, 300], "trim": [50, 20, 500, 643]}
    return Report(path, profile, [check], face=face)
