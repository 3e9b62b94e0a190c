"""What runs inside a batch worker process: load the models once, then check path after path.

The parent sends one path at a time over a pipe and gets back `(report dict, thumbnail, peak
RSS)`, so it always knows which file a worker was on when it died. The worker ignores SIGINT:
Ctrl-C reaches the whole process group, and the parent decides how the batch ends.

`PHOTOCHECK_BATCH_CHECK=module:function` replaces `photocheck.check` (test hook: the tests make
a worker crash or hang on purpose this way, without needing a file that really does).
"""

from __future__ import annotations

import importlib
import os
import resource
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from photocheck.batch.failures import Failure, failure_report
from photocheck.batch.outcome import Outcome, ReportDict
from photocheck.batch.thumbnail import make_thumbnail
from photocheck.context import HELPER
from photocheck.report import Report, Verdict

CHECK_HOOK_ENV = "PHOTOCHECK_BATCH_CHECK"

CheckFunction = Callable[[str, str], Report]


def resolve_check() -> CheckFunction:
    """`photocheck.check`, or the function `PHOTOCHECK_BATCH_CHECK` names (`module:attr`)."""
    ref = os.environ.get(CHECK_HOOK_ENV)
    if not ref:
        from photocheck import check

        return check
    module_name, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module_name), attr)  # type: ignore[no-any-return]


def photocheck_check_with_covering(check: CheckFunction, path: str, profile: str,
                                   covering: str) -> Report:
    """`check(path, profile, covering=covering)`: the declared covering reaches the checker."""
    return check(path, profile, covering=covering)  # type: ignore[call-arg]


def examine(path: str, profile: str, check: CheckFunction, thumbnails: bool,
            lang: str = "en", covering: str | None = None) -> Outcome:
    """Check one file; an exception becomes the file's `error` report, never the batch's end.
    Messages carry `lang` beside en and ja (rendered here: the parent only sees the dict).
    A declared `covering` is passed on only when there is one, so a test hook's two-argument
    check function keeps working."""
    started = time.perf_counter()
    try:
        checked = (check(path, profile) if covering is None
                   else photocheck_check_with_covering(check, path, profile, covering))
    except Exception as exc:
        elapsed = (time.perf_counter() - started) * 1000
        detail = type(exc).__name__
        checked = failure_report(path, profile, Failure.EXCEPTION, detail, elapsed)
    checked.lang = lang
    report: ReportDict = checked.to_dict()
    thumbnail = None
    if thumbnails and report["verdict"] != Verdict.ERROR.value:
        thumbnail = make_thumbnail(path, report.get("face"))
    return Outcome(path, report, thumbnail, peak_rss_kb())


def peak_rss_kb() -> int:
    """This process's peak resident set size in KiB (Linux reports ru_maxrss in KiB)."""
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def worker_main(conn: Connection, profile: str, thumbnails: bool, lang: str = "en",
                covering: str | None = None) -> None:
    """The worker process: warm up, say ready, then answer each path until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    check = resolve_check()
    _single_threaded_opencv()
    checks_in_this_thread()
    _load_models()
    conn.send(("ready",))
    while True:
        try:
            path = conn.recv()
        except EOFError:  # the parent is gone
            return
        if path is None:
            return
        outcome = examine(path, profile, check, thumbnails, lang, covering)
        conn.send(("done", outcome.report, outcome.thumbnail, outcome.worker_peak_rss_kb))


def _load_models() -> None:
    """Load every model and run each once on a blank image, the C++ log lines muted: TFLite
    allocates its buffers and starts its threads on the first run, so the first real photo is
    not slower than the rest, and the progress bar is not buried."""
    from photocheck.vision import models

    models.quiet_warm_up()


def checks_in_this_thread() -> None:
    """No helper thread for this worker's checks (`photocheck.context.HELPER`): the other
    workers take the other cores, so a helper would only contend with them."""
    HELPER.set(None)


def _single_threaded_opencv() -> None:
    """One thread per worker: parallelism comes from processes, so N workers use N cores and
    the 1-worker figure is not flattered by OpenCV's own threads."""
    import cv2

    cv2.setNumThreads(1)
