"""Figures measured in this process or in one fresh subprocess: latency, rejection, cold start.

Rejection is the one figure with a proof attached: every function that could decode pixels is
wrapped with a counter while the bad files are checked, and the count must stay at zero. The same
counter is first shown to fire on a good photo, so a zero cannot come from a broken wrapper.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from benchmarks.bars import Figure, median_figure, median_ratio

REPO_ROOT = Path(__file__).resolve().parent.parent

DECODERS = (
    ("photocheck.decode", "decode_working"),
    ("photocheck.context", "decode_working"),  # context imports the name, so wrap it there too
    ("simplejpeg", "decode_jpeg"),
    ("cv2", "imdecode"),
    ("PIL.ImageFile", "ImageFile.load"),  # where Pillow turns compressed data into pixels
)
"""Every entry point that turns compressed image data into pixels."""


@contextlib.contextmanager
def counting_decodes() -> Iterator[Counter[str]]:
    """Wrap every DECODERS function with a call counter for the duration of the block."""
    calls: Counter[str] = Counter()
    restore: list[tuple[Any, str, Any]] = []
    for module_name, attr_path in DECODERS:
        owner: Any = importlib.import_module(module_name)
        *parents, attr = attr_path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        original = getattr(owner, attr)
        restore.append((owner, attr, original))
        setattr(owner, attr, _counted(original, f"{module_name}.{attr_path}", calls))
    try:
        yield calls
    finally:
        for owner, attr, original in reversed(restore):
            setattr(owner, attr, original)


def _counted(func: Callable[..., Any], name: str, calls: Counter[str]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return func(*args, **kwargs)

    return wrapper


def warm_check(photo: Path, repetitions: int) -> tuple[Figure, ...]:
    """Median wall time of `photocheck.check(path)` once the models are loaded (ms), and its
    ratio to the `models` reference (decode + the three model runs) timed in the same loop;
    then the same check kept to the caller's thread (`photocheck.context.HELPER` = None, as in
    a batch worker), beside the bar for comparison. By default the library lends a check a
    helper thread when a core is spare (`photocheck.spare_core`): that is the check the bar
    judges, the latency an upload form embedding the library sees.

    The three are interleaved call by call, so a moment of load on the machine falls on all.
    """
    from benchmarks.references import models_one
    from photocheck import check
    from photocheck.context import HELPER
    from photocheck.vision.models import quiet_warm_up

    quiet_warm_up()

    def single_thread(path: Path) -> object:
        token = HELPER.set(None)
        try:
            return check(path)
        finally:
            HELPER.reset(token)

    for _ in range(3):  # first calls pay for lazy imports, caches and the helper's models
        check(photo)
        models_one(str(photo))
        single_thread(photo)
    checks: list[float] = []
    models: list[float] = []
    single_ms: list[float] = []
    for _ in range(repetitions):
        checks.append(_timed_ms(check, photo))
        models.append(_timed_ms(lambda p: models_one(str(p)), photo))
        single_ms.append(_timed_ms(single_thread, photo))
    absolute = median_figure("warm_check", checks, f"check({photo.name}), warm, ms")
    absolute = dataclasses.replace(absolute, extra={
        "models_median_ms": round(statistics.median(models), 2)})
    ratio = median_ratio("warm_check_vs_models", checks, models,
                         f"check({photo.name}) vs decode + models, warm, ms")
    single = median_figure("warm_check_single_thread", single_ms,
                           f"check({photo.name}) in the caller's thread only, warm, ms")
    single_ratio = median_ratio("warm_check_single_thread_vs_models", single_ms, models,
                                f"check({photo.name}) in one thread vs decode + models")
    return ratio, absolute, single_ratio, single


def rejection(bad_files: Sequence[Path], good_photo: Path, repetitions: int,
              kind_of: Callable[[Path], str]) -> tuple[Figure, Figure]:
    """Median time to reject each bad file (ms), and the pixel decodes that happened meanwhile."""
    from photocheck import check

    with counting_decodes() as sanity:
        check(good_photo)
    for path in bad_files:  # warm the lazy imports and the page cache
        check(path)
    samples: list[float] = []
    by_kind: dict[str, list[float]] = {}
    rules: dict[str, list[str]] = {}
    with counting_decodes() as calls:
        for path in bad_files:
            report = check(path)
            rules[path.name] = [c.id for c in report.failed()]
            times = [_timed_ms(check, path) for _ in range(repetitions)]
            samples.extend(times)
            by_kind.setdefault(kind_of(path), []).extend(times)
    not_file_rule = [n for n, ids in rules.items() if not any(i.startswith("file.") for i in ids)]
    timing = median_figure("rejection", samples, f"{len(bad_files)} files x {repetitions}, ms")
    kinds = {k: round(statistics.median(v), 3) for k, v in sorted(by_kind.items())}
    timing = dataclasses.replace(timing, extra={
        "median_ms_by_kind": kinds, "failed_rules": rules,
        "not_rejected_by_a_file_rule": not_file_rule,
    })
    decodes = Figure(
        "rejection_decodes", float(sum(calls.values())),
        f"wrapped {', '.join(m + '.' + a for m, a in DECODERS)}; a good photo made "
        f"{sum(sanity.values())} calls through them (the wrappers work)",
        {"calls": dict(calls), "good_photo_calls": dict(sanity)},
    )
    return timing, decodes


def _timed_ms(func: Callable[[Path], object], path: Path) -> float:
    started = time.perf_counter()
    func(path)
    return (time.perf_counter() - started) * 1000


_COLD_START = """
import time
import photocheck
from photocheck.vision.models import warm_up
warm_up()
print(time.time())
"""


def cold_start(runs: int = 3) -> Figure:
    """Seconds from launching a fresh interpreter until photocheck is imported and warm."""
    samples = []
    for _ in range(runs):
        launched = time.time()
        done = subprocess.run(
            [sys.executable, "-c", _COLD_START], cwd=REPO_ROOT, capture_output=True, text=True,
            check=True,
        )
        samples.append(float(done.stdout.split()[-1]) - launched)
    return median_figure("cold_start", samples, "fresh `python -c` until warm_up() returned, s")
