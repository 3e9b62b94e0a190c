"""`python -m benchmarks.profile`: where one warm check of a phone photo spends its time.

Two views: each stage timed on its own (read, header, decode, each mediapipe model on the working
image) so the cost of a model is known even before a rule calls it, and a profile of the real
`photocheck.check` (cProfile, or a pyinstrument call tree with --tree) showing what the rules on
this branch actually do.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import corpora


def stage_costs(photo: Path, repetitions: int) -> dict[str, float]:
    """Median milliseconds of each stage of a check, run alone, warm."""
    from photocheck import check
    from photocheck.decode import decode_working
    from photocheck.exif import parse_exif
    from photocheck.jpeg_header import read_header
    from photocheck.vision import models

    models.warm_up()
    data = photo.read_bytes()
    header = read_header(data)
    pixels = decode_working(data, header, None).pixels
    stages: dict[str, Callable[[], object]] = {
        "read file": photo.read_bytes,
        "header walk + EXIF": lambda: parse_exif(read_header(data).exif),
        "decode working image (simplejpeg, DCT-scaled)": lambda: decode_working(data, header, None),
        "face detection (full range)": lambda: models.face_detector().process(pixels),
        "face mesh (refined, 478 points)": lambda: models.face_mesh().process(pixels),
        "selfie segmentation": lambda: models.selfie_segmenter().process(pixels),
        "photocheck.check (everything, as on this branch)": lambda: check(photo),
    }
    return {name: _median_ms(run, repetitions) for name, run in stages.items()}


def _median_ms(run: Callable[[], object], repetitions: int) -> float:
    run()
    samples = []
    for _ in range(repetitions):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def profile_check(photo: Path, repetitions: int, tree: bool) -> str:
    """The profile of `repetitions` warm checks: top cumulative entries, or a call tree."""
    from photocheck import check

    check(photo)
    if tree:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(repetitions):
                check(photo)
        return profiler.output_text(unicode=False, color=False)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repetitions):
        check(photo)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--tree", action="store_true", help="pyinstrument call tree")
    args = parser.parse_args(argv)
    photo = corpora.ensure("phone", 1).paths[0]
    costs = stage_costs(photo, args.reps)
    print(f"| stage ({photo.name}, median of {args.reps}) | ms |\n|---|---|")
    for name, ms in costs.items():
        print(f"| {name} | {ms:.1f} |")
    print()
    print(profile_check(photo, args.reps, args.tree))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
