"""`python -m benchmarks`: every figure of ../shared/spec/performance.md in one run.

Generates (or reuses) the corpora, runs `floor`, `models`, photocheck and `naive` back to back
with the same number of workers, then the in-process figures, prints a table of figure / bar /
headroom / PASS-MISS-info, and writes the lot as JSON to benchmarks/.cache/last.json.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import os
import platform
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from functools import partial
from pathlib import Path
from typing import TypeVar

import psutil

from benchmarks import corpora
from benchmarks.bars import BatchTiming, Figure, table, throughput_ratio, wall_ratio
from benchmarks.batch import PhotocheckRun, run_photocheck, run_reference
from benchmarks.inprocess import cold_start, rejection, warm_check
from benchmarks.soak import soak

SECTIONS = ("cold", "phone", "scaling", "booth", "warm", "rejection")
CACHE = Path(__file__).resolve().parent / ".cache"
BAD_SHARE = 0.04  # mixed-bad files in the phone batch: "a few percent"
T = TypeVar("T")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="small corpora and few repetitions: a smoke check, not a measurement")
    parser.add_argument("--phone", type=int, help="phone photos (default 24, quick 6)")
    parser.add_argument("--booth", type=int, help="booth photos (default 48, quick 8)")
    parser.add_argument("--reps", type=int, help="repetitions for medians (default 20, quick 5)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="workers for 'all cores' (default: every core)")
    parser.add_argument("--rounds", type=int, help="interleaved rounds of every batch; the "
                        "best round of each pipeline counts (default 3, quick 1)")
    parser.add_argument("--passes", type=int, help="times each batch goes through its corpus, "
                        "so start-up is a small part of it (default 4, quick 1)")
    parser.add_argument("--only", action="append", choices=(*SECTIONS, "soak"),
                        help="run only this section (repeatable); '--only soak --soak N' runs "
                        "the soak alone")
    parser.add_argument("--soak", type=int, default=0, metavar="N",
                        help="also run N files cycling phone+booth and report worker RSS drift")
    parser.add_argument("--json", type=Path, default=CACHE / "last.json")
    args = parser.parse_args(argv)
    args.phone = args.phone or (6 if args.quick else 24)
    args.booth = args.booth or (8 if args.quick else 48)
    args.reps = args.reps or (5 if args.quick else 20)
    args.rounds = args.rounds or (1 if args.quick else 3)
    args.passes = args.passes or (1 if args.quick else 4)
    args.only = args.only or list(SECTIONS)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    CACHE.mkdir(parents=True, exist_ok=True)
    with native_stderr_to(CACHE / "stderr.log"):
        results, figures = measure(args, argv)
    _print(results, figures, args.jobs)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nJSON: {args.json}; the workers' native log lines: {CACHE / 'stderr.log'}")
    return 0


@contextlib.contextmanager
def native_stderr_to(log: Path) -> Iterator[None]:
    """Send file descriptor 2 to `log` for the block, for this process and its workers.

    mediapipe's C++ code logs warnings straight to fd 2 in every worker, which would bury the
    progress lines; a traceback still reaches the terminal, since fd 2 is restored on the way out.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with log.open("wb") as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def measure(args: argparse.Namespace, argv: list[str] | None) -> tuple[dict[str, object],
                                                                        list[Figure]]:
    """Run the selected sections; the results as JSON-ready data, and the judged figures."""
    results: dict[str, object] = {"started": datetime.now(timezone.utc).isoformat(
        timespec="seconds"), "machine": machine(), "command": " ".join(
        ["python -m benchmarks", *(argv if argv is not None else sys.argv[1:])])}
    phone, booth, bad = _corpora(args)
    results["corpora"] = {c.name: {"files": len(c.paths), "mb": round(c.total_bytes / 1e6, 1)}
                          for c in (phone, booth, bad)}
    bad_in_batch = bad.paths[: max(1, math.ceil(BAD_SHARE * len(phone.paths)))]
    phone_batch = (list(phone.paths) + list(bad_in_batch)) * args.passes
    figures: list[Figure] = []
    if "cold" in args.only:
        figures.append(_stage("cold start", lambda: cold_start(1 if args.quick else 3)))
    batch_figs, timings, runs = batch_figures(args, phone_batch, list(booth.paths) * args.passes)
    figures += batch_figs
    if "warm" in args.only:
        figures += _stage("warm check", lambda: warm_check(phone.paths[0], args.reps))
    if "rejection" in args.only:
        figures += _stage("rejection", lambda: rejection(
            bad.paths, phone.paths[0], args.reps, corpora.bad_kind))
    if args.soak:
        results["soak"] = _stage(f"soak {args.soak}", lambda: soak(
            list(phone.paths) + list(booth.paths), args.soak, args.jobs))

    results.update(
        finished=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        load_average_end=os.getloadavg(),
        rounds=args.rounds,
        passes=args.passes,
        engine=next((r.engine for _, r in runs), None),
        verdicts={k: r.verdicts for k, r in runs},
        batches={k: [t.to_dict() for t in ts] for k, ts in timings.items()},
        figures=[f.to_dict() for f in figures],
    )
    return results, figures


def batch_figures(
    args: argparse.Namespace, phone_batch: list[Path], booth_batch: list[Path]
) -> tuple[list[Figure], dict[str, list[BatchTiming]], list[tuple[str, PhotocheckRun]]]:
    """The batch figures, from the best of `args.rounds` interleaved rounds of every batch.

    Other people's work on a shared machine only ever slows a run down, so each pipeline's
    fastest round is its least disturbed one; interleaving puts photocheck and its references
    under the same conditions in every round.
    """
    plan = _batch_plan(args, phone_batch, booth_batch)
    timings: dict[str, list[BatchTiming]] = {key: [] for key, _ in plan}
    runs: list[tuple[str, PhotocheckRun]] = []
    for round_ in range(1, args.rounds + 1):
        for key, run in plan:
            outcome = _stage(f"round {round_}/{args.rounds}: {key}", run)
            if isinstance(outcome, PhotocheckRun):
                runs.append((key, outcome))
                outcome = outcome.timing
            timings[key].append(outcome)
    best = {key: max(ts, key=lambda t: t.steady_rate) for key, ts in timings.items()}
    figures = []
    if "phone" in args.only:
        vs_naive = throughput_ratio("phone_vs_naive", best["phone photocheck"],
                                    best["phone naive"])
        ceiling = best["phone floor"].steady_rate / best["phone naive"].steady_rate
        vs_naive = dataclasses.replace(
            vs_naive, detail=f"{vs_naive.detail}; ceiling: floor itself is {ceiling:.2f}x naive",
            extra={"floor_vs_naive": round(ceiling, 3)})
        figures += [wall_ratio("phone_vs_models", best["phone photocheck"], best["phone models"]),
                    wall_ratio("phone_vs_floor", best["phone photocheck"], best["phone floor"]),
                    vs_naive]
    if "scaling" in args.only:
        two = best.get("scaling photocheck x2") or best["phone photocheck"]
        figures.append(throughput_ratio("scaling", two, best["scaling photocheck x1"]))
    if "booth" in args.only:
        figures += [wall_ratio("booth_vs_models", best["booth photocheck"], best["booth models"]),
                    throughput_ratio("booth_vs_naive", best["booth photocheck"],
                                     best["booth naive"])]
    if runs:
        figures.append(_worker_rss(runs))
    return figures, timings, runs


def _batch_plan(
    args: argparse.Namespace, phone_batch: list[Path], booth_batch: list[Path]
) -> list[tuple[str, Callable[[], BatchTiming | PhotocheckRun]]]:
    """The batch runs of one round, in order, each named for the results."""
    plan: list[tuple[str, Callable[[], BatchTiming | PhotocheckRun]]] = []
    if "phone" in args.only:
        plan += [("phone floor", partial(run_reference, "floor", phone_batch, args.jobs)),
                 ("phone models", partial(run_reference, "models", phone_batch, args.jobs)),
                 ("phone photocheck", partial(run_photocheck, phone_batch, args.jobs)),
                 ("phone naive", partial(run_reference, "naive", phone_batch, args.jobs))]
    if "scaling" in args.only:
        plan.append(("scaling photocheck x1", partial(run_photocheck, phone_batch, 1)))
        if args.jobs != 2 or "phone" not in args.only:
            plan.append(("scaling photocheck x2", partial(run_photocheck, phone_batch, 2)))
    if "booth" in args.only:
        plan += [("booth models", partial(run_reference, "models", booth_batch, args.jobs)),
                 ("booth photocheck", partial(run_photocheck, booth_batch, args.jobs)),
                 ("booth naive", partial(run_reference, "naive", booth_batch, args.jobs))]
    return plan


def machine() -> dict[str, object]:
    """What the figures were measured on, including how busy it already was."""
    model = platform.processor() or "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "nproc": os.cpu_count(), "cpu": model,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(), "load_average_start": os.getloadavg(),
    }


def _corpora(args: argparse.Namespace) -> tuple[corpora.Corpus, ...]:
    return _stage("corpora", lambda: (
        corpora.ensure("phone", args.phone),
        corpora.ensure("booth", args.booth),
        corpora.ensure("mixed-bad", len(corpora.BAD_KINDS)),
    ))


def _stage(label: str, run: Callable[[], T]) -> T:
    print(f"... {label}", end="", flush=True)
    started = time.perf_counter()
    value = run()
    print(f" ({time.perf_counter() - started:.1f} s)", flush=True)
    return value


def _worker_rss(runs: list[tuple[str, PhotocheckRun]]) -> Figure:
    peaks: dict[str, float] = {}
    for name, run in runs:
        peaks[name] = max(peaks.get(name, 0.0), round(run.rss.peak_mb, 1))
    worst = max(peaks, key=lambda k: peaks[k])
    detail = f"sampled every 0.1 s with psutil over the photocheck runs; worst in '{worst}'"
    return Figure("worker_rss", peaks[worst], detail, {"peak_mb_by_run": peaks})


def _print(results: dict[str, object], figures: list[Figure], jobs: int) -> None:
    m = results["machine"]
    assert isinstance(m, dict)
    print(f"\nphotocheck benchmarks, {results['started']}: {m['nproc']} x {m['cpu']}, "
          f"{m['ram_gb']} GB RAM, load average {m['load_average_start']}")
    print(f"batch engine: {results['engine']}")
    print(f"naive, floor and models ran with the same {jobs} worker processes as photocheck "
          f"(all cores); throughput excludes start-up; each batch makes "
          f"{results['passes']} passes over its corpus; best of {results['rounds']} interleaved "
          f"rounds.\n")
    print(table(figures))
    print()
    for fig in figures:
        print(f"- {fig.bar.figure}: {fig.detail}")
        if fig.key == "rejection":
            print(f"  median ms by kind: {fig.extra['median_ms_by_kind']}")
    batches = results.get("batches", {})
    assert isinstance(batches, dict)
    for key, rounds in batches.items():
        rates = ", ".join(f"{r['steady_photos_per_s']:.1f}" for r in rounds)
        print(f"  {key}: {rounds[0]['photos']} photos, {rounds[0]['jobs']} workers, "
              f"photos/s by round (start-up excluded): {rates}")
    if "soak" in results:
        print(f"\nsoak: {results['soak']}")
    print(f"\nverdicts: {results['verdicts']}")


if __name__ == "__main__":
    sys.exit(main())
