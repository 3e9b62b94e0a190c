"""A long batch run that shows whether a worker's memory stays flat.

A leak of a few KB per photo is invisible in a 24-photo run and fatal in a municipal batch of
100,000; cycling the corpus for thousands of files and comparing worker RSS early and late shows
it. The spec sets no bar for the drift, so it is reported, not judged.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from benchmarks.batch import run_photocheck


def soak(corpus: Sequence[Path], files: int, jobs: int) -> dict[str, object]:
    """Run photocheck over `files` paths cycling `corpus`; worker RSS once warm vs at the end."""
    paths = list(itertools.islice(itertools.cycle(corpus), files))
    run = run_photocheck(paths, jobs, interval_s=1.0)
    warm_at = sorted(run.timing.arrivals)[min(jobs, len(paths)) - 1]
    samples = run.rss.samples
    if not samples:
        return {"files": files, "error": "no RSS sample was taken (run too short)"}
    first = next((i for i, (t, _) in enumerate(samples) if t >= warm_at), 0)
    early, late = run.rss.worker_peak_mb(first), run.rss.worker_peak_mb(len(samples) - 1)
    return {
        "files": files, "jobs": jobs, "engine": run.engine, "wall_s": round(run.timing.wall_s, 1),
        "photos_per_s": round(run.timing.total_rate, 2), "samples": len(samples),
        "worker_rss_first_mb": round(early, 1), "worker_rss_last_mb": round(late, 1),
        "worker_rss_growth_mb": round(late - early, 1), "worker_rss_peak_mb": round(
            run.rss.peak_mb, 1),
        "verdicts": run.verdicts,
    }
