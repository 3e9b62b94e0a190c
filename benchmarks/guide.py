"""`python -m benchmarks.guide`: what one camera preview frame costs the guide (issue 25).

The page sends a frame every GUIDE_INTERVAL_MS (static/camera.js); the guide must answer well
inside that. Frames are the bundled samples that decode (a good face, a tilted head, two
people, too dark, a busy background, ...) as the page sends them: upright, 640 px on the long
side, JPEG quality 85, judged with a still size of 1200 x 1543 (a phone's 35:45 crop). After a
warm-up (the models load on the first frame), the frames are cycled in one thread, as one
server worker would serve one camera; median and 95th percentile per frame are printed.
Run it on a quiet machine; it is not part of `python -m benchmarks`.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import time
from pathlib import Path

from PIL import Image

from photocheck.guide import guide

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
FRAMES = ("ok.jpg", "tilted.jpg", "too_dark.jpg", "two_people.jpg", "busy_background.jpg",
          "blurred.jpg", "face_shadow.jpg", "masked.jpg")
PREVIEW_LONG_SIDE = 640
STILL_SIZE = (1200, 1543)
GUIDE_INTERVAL_MS = 300.0
"""The page's frame interval (static/camera.js GUIDE_INTERVAL_MS)."""


def preview_frames() -> list[bytes]:
    """The sample photos as the page's preview frames."""
    frames = []
    for name in FRAMES:
        with Image.open(SAMPLES / name) as opened:
            image = opened.convert("RGB")
        image.thumbnail((PREVIEW_LONG_SIDE, PREVIEW_LONG_SIDE))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        frames.append(out.getvalue())
    return frames


def summary(times_ms: list[float]) -> dict[str, float]:
    """Median and 95th percentile (nearest rank) of per-frame times, and the frames measured."""
    ordered = sorted(times_ms)
    rank = max(0, math.ceil(0.95 * len(ordered)) - 1)
    return {"frames": float(len(ordered)), "median_ms": statistics.median(ordered),
            "p95_ms": ordered[rank]}


def measure(frames: list[bytes], count: int, warm_up: int = 3) -> dict[str, float]:
    for frame in frames[:warm_up]:
        guide(frame, still_size=STILL_SIZE)
    times = []
    for i in range(count):
        frame = frames[i % len(frames)]
        started = time.perf_counter()
        guide(frame, still_size=STILL_SIZE)
        times.append((time.perf_counter() - started) * 1000)
    return summary(times)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.guide", description=__doc__)
    parser.add_argument("--frames", type=int, default=400, help="frames to time (default 400)")
    args = parser.parse_args(argv)
    result = measure(preview_frames(), args.frames)
    print(f"guide, per preview frame ({int(result['frames'])} frames, {len(FRAMES)} samples): "
          f"median {result['median_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms "
          f"(frame interval {GUIDE_INTERVAL_MS:.0f} ms)")


if __name__ == "__main__":
    main()
