"""`python -m benchmarks.profile`: where one warm check spends its time, and what that implies.

Three views, for a phone photo (12 MP) and a booth photo (2 MP):

- each stage timed alone, warm (read, header, the working decode, each mediapipe model as
  photocheck runs it, and the `naive` reference's full decode and full-image model runs);
- the real `photocheck.check` broken down by rule and by shared analysis (the face analysis,
  the person mask), exclusive of what an earlier rule already computed;
- the bounds those costs put on the bars of `shared/spec/performance.md`: no pipeline that
  decodes the working image and runs the three required models can be cheaper than their sum,
  so e.g. a warm check cannot beat `decode + models`, whatever the rules cost.

BLAS is pinned to one thread first, as in the batch workers, so numpy's share is what a worker
pays. `--tree` adds a pyinstrument call tree of the phone check.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # before numpy loads: the batch workers' setting

import argparse  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from benchmarks import corpora  # noqa: E402
from benchmarks.bars import BARS  # noqa: E402
from photocheck.context import HELPER  # noqa: E402

MODELS_BAR = BARS["warm_check_vs_models"].threshold or 1.1
BOOTH_MODELS_BAR = BARS["booth_vs_models"].threshold or 1.25
"""Warm check, phone and booth batches: at most this many times `models` (decode + models)."""
BOOTH_VS_NAIVE_BAR = BARS["booth_vs_naive"].threshold or 1.3


def _median_ms(run: Callable[[], object], repetitions: int) -> float:
    for _ in range(2):
        run()
    samples = []
    for _ in range(repetitions):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def stage_costs(photo: Path, repetitions: int) -> dict[str, float]:
    """Median ms of each stage run alone, warm: photocheck's stages and naive's."""
    from PIL import Image

    from benchmarks import solutions
    from benchmarks.references import models_one
    from photocheck import check
    from photocheck.decode import decode_working
    from photocheck.jpeg_header import read_header
    from photocheck.vision import faces, models, person

    models.warm_up()
    solutions.load()
    data = photo.read_bytes()
    header = read_header(data)
    working = decode_working(data, header, None).pixels
    grid = person.to_grid(working)
    main = faces.detect(working)[0]

    def full_decode() -> np.ndarray:
        with Image.open(photo) as image:
            return np.asarray(image.convert("RGB"))

    full = full_decode()
    stages: dict[str, Callable[[], object]] = {
        "read + header + EXIF": lambda: read_header(photo.read_bytes()),
        "decode working image (DCT-scaled)": lambda: decode_working(data, header, None),
        "face detection, full range (working image + margin)": lambda: faces.detect(working),
        "face mesh, landmark model alone (detection's region)": lambda: faces.mesh_around(
            working, main),
        "selfie segmentation (256 px grid)": lambda: person.segment_person(grid),
        "mp.solutions detection, the same input": lambda: solutions.largest_face(working),
        "mp.solutions mesh, the same crop": lambda: solutions.face_mesh().process(
            solutions.mesh_crop(working, main.box)),
        "mp.solutions segmentation, the same grid": lambda: solutions.selfie_segmenter().process(
            grid),
        "naive: Pillow full decode + RGB": full_decode,
        "naive: the three models on the full image": lambda: (
            solutions.face_detector().process(full), solutions.face_mesh().process(full),
            solutions.selfie_segmenter().process(full)),
        "photocheck.check (everything)": lambda: check(data),
        "models reference (read, decode, the three models in sequence)": lambda: models_one(
            str(photo)),
    }
    return {name: _median_ms(run, repetitions) for name, run in stages.items()}


@contextmanager
def _timed_rules(into: dict[str, list[float]]) -> Iterator[None]:
    """Time every rule and every shared analysis of `check` (the analysis where first computed)."""
    from photocheck import context, pipeline

    judge, shared = pipeline._judge, context.Context.shared

    def timed_judge(rule: object, ctx: context.Context) -> object:
        started = time.perf_counter()
        result = judge(rule, ctx)  # type: ignore[arg-type]
        into[f"rule {rule.id}"].append((time.perf_counter() - started) * 1000)  # type: ignore[attr-defined]
        return result

    def timed_shared(self: context.Context, key: str, compute: Callable) -> object:  # type: ignore[type-arg]
        if key in self.extras:
            return self.extras[key]
        started = time.perf_counter()
        result = shared(self, key, compute)
        into[f"  analysis {key}"].append((time.perf_counter() - started) * 1000)
        return result

    pipeline._judge, context.Context.shared = timed_judge, timed_shared  # type: ignore[assignment]
    try:
        yield
    finally:
        pipeline._judge, context.Context.shared = judge, shared  # type: ignore[assignment]


def rule_costs(photo: Path, repetitions: int) -> dict[str, float]:
    """Median ms per rule (inclusive of the analyses it triggers first) and per analysis."""
    from photocheck import check

    data = photo.read_bytes()
    check(data)
    samples: dict[str, list[float]] = defaultdict(list)
    with _timed_rules(samples):
        for _ in range(repetitions):
            check(data)
    return {name: statistics.median(ms) for name, ms in samples.items()}


def bounds(phone: dict[str, float], booth: dict[str, float]) -> list[str]:
    """What the stage costs allow, bar by bar: the time left for rules and glue under the
    `models` bars, and the ceilings the references put on the ratios even with free rules."""
    decode, everything = "decode working image (DCT-scaled)", "photocheck.check (everything)"
    reference = "models reference (read, decode, the three models in sequence)"

    def models(costs: dict[str, float]) -> float:
        """The `models` reference as the bars take it: in sequence, the models cost more than
        each alone (their graphs' threads wake, the caches are cold after the decode)."""
        return costs[reference]

    def naive(costs: dict[str, float]) -> float:
        return costs["naive: Pillow full decode + RGB"] + costs[
            "naive: the three models on the full image"]

    lines = []
    for name, costs, bar in (("phone", phone, MODELS_BAR), ("booth", booth, BOOTH_MODELS_BAR)):
        allowed = (bar - 1) * models(costs)
        used = costs[everything] - models(costs)
        lines.append(
            f"{name}: check <= {bar}x models = {bar * models(costs):.1f} ms "
            f"(decode {costs[decode]:.1f} + models in sequence "
            f"{models(costs) - costs[decode]:.1f}); rules and glue may cost {allowed:.1f} ms, "
            f"they cost {used:.1f} "
            f"({costs[everything] / models(costs):.2f}x models)")
    lines += [
        f"phone vs floor >= models / decode = {models(phone) / phone[decode]:.2f}x even with "
        f"free rules (trend)",
        f"phone vs naive <= naive {naive(phone):.1f} / models {models(phone):.1f} = "
        f"{naive(phone) / models(phone):.2f}x even with free rules (trend)",
        f"booth vs naive <= naive {naive(booth):.1f} / models {models(booth):.1f} = "
        f"{naive(booth) / models(booth):.2f}x even with free rules (bar {BOOTH_VS_NAIVE_BAR}x)",
    ]
    return lines


def _table(title: str, costs: dict[str, float]) -> str:
    rows = "\n".join(f"| {name} | {ms:.1f} |" for name, ms in costs.items())
    return f"| {title} | ms |\n|---|---|\n{rows}\n"


def call_tree(photo: Path, repetitions: int) -> str:
    """A pyinstrument call tree of `repetitions` warm checks of `photo`."""
    from pyinstrument import Profiler

    from photocheck import check

    check(photo)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(repetitions):
            check(photo)
    return str(profiler.output_text(unicode=False, color=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--tree", action="store_true", help="pyinstrument call tree")
    args = parser.parse_args(argv)
    # Every stage in this thread: a spare core's helper (photocheck.spare_core) would hide the
    # segmentation's cost from the check's breakdown (the batch workers run this way too).
    HELPER.set(None)
    photos = {name: corpora.ensure(name, 1).paths[0] for name in ("phone", "booth")}
    stages = {name: stage_costs(path, args.reps) for name, path in photos.items()}
    for name, path in photos.items():
        print(_table(f"{name}: stage ({path.name}, median of {args.reps})", stages[name]))
        print(_table(f"{name}: check by rule / analysis", rule_costs(path, args.reps)))
    print("Bounds from these costs:")
    for line in bounds(stages["phone"], stages["booth"]):
        print(f"- {line}")
    if args.tree:
        print(call_tree(photos["phone"], args.reps))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
