"""The `error` report a file gets when the checker itself failed on it (crash, hang, exception).

Batch work never drops a file: whatever happened to the process checking it, the file gets its
report line, with a `batch.worker` check that says what happened and what to do about it.
"""

from __future__ import annotations

from enum import Enum

from photocheck.report import Check, Report, Status, Text


class Failure(str, Enum):
    """How the checker failed on a file; the value is the check's `value`."""

    CRASH = "crash"
    TIMEOUT = "timeout"
    EXCEPTION = "exception"


_MESSAGES = {
    Failure.CRASH: Text(
        "The checker stopped unexpectedly on this file ({detail}), so it was not examined. "
        "Check it on its own with `photocheck check`; if that fails too, the file is probably "
        "damaged: take or export the photo again.",
    ),
    Failure.TIMEOUT: Text(
        "Checking this file took longer than {seconds} s and was stopped, so it was not examined. "
        "Check it on its own with `photocheck check`, or run the batch with a longer --timeout.",
    ),
    Failure.EXCEPTION: Text(
        "The checker failed on this file ({detail}), so it was not examined. Check it on its own "
        "with `photocheck check` and report the problem if it persists.",
    ),
}


def failure_report(
    path: str, profile: str, failure: Failure, detail: str, elapsed_ms: float,
    limit: float | None = None,
) -> Report:
    """An `error` report for `path` whose one check explains how the checker failed on it."""
    # a timeout's detail is the limit in seconds (pool.py), the others say what went wrong
    key = "seconds" if failure is Failure.TIMEOUT else "detail"
    message = _MESSAGES[failure].format(**{key: detail})
    check = Check("batch.worker", Status.FAIL, message, value=failure.value, limit=limit)
    return Report(path, profile, [check], elapsed_ms=elapsed_ms, error=True)
