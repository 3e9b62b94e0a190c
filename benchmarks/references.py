"""The three reference pipelines photocheck is measured against, one photo at a time.

`naive` is what a typical user writes: Pillow at full resolution, then the three `mp.solutions`
models (full-range face detection, face mesh with iris, selfie segmentation) on the full image.
`floor` decodes the working image exactly as photocheck does (same header walk, same DCT-scaled
simplejpeg call) and nothing else: no pipeline that looks at pixels can beat it on this machine.
`models` is `floor` plus the same three `mp.solutions` calls on photocheck's working inputs (the
working image on the detector's grey margin, the crop around the largest face for the mesh, the
analysis grid for the segmenter: the inputs it has had since issue 17, the cheapest a user
could pick) and nothing else: no rule, no report. The bars of ../shared/spec/performance.md are
ratios to it. Both stay `mp.solutions` calls (`benchmarks.solutions`) whatever model path
photocheck itself takes. All run in worker processes started by `benchmarks.batch`; the
functions are module-level so a spawned worker can import them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def naive_init() -> None:
    """Load the models once per worker, as a sensible user script would."""
    import PIL.Image  # noqa: F401  (imported here so start-up stays out of the timed photos)

    from benchmarks import solutions

    solutions.load()


def naive_one(path: str) -> bool:
    """Full-resolution Pillow decode + RGB + the three detectors; True when a face was found."""
    from PIL import Image

    from benchmarks import solutions

    try:
        with Image.open(path) as image:
            pixels = np.asarray(image.convert("RGB"))
    except Exception:  # a user's script would crash; the benchmark counts it as done
        return False
    found = solutions.face_detector().process(pixels)
    solutions.face_mesh().process(pixels)
    solutions.selfie_segmenter().process(pixels)
    return bool(found.detections)


def floor_init() -> None:
    """No model to load: only the imports the decode needs, so they are not timed as photos."""
    import photocheck.decode
    import photocheck.jpeg_header  # noqa: F401


def floor_one(path: str) -> bool:
    """Read the file and decode the working image the way photocheck does; True when decoded."""
    from photocheck.decode import DecodeError, decode_working
    from photocheck.jpeg_header import JpegHeaderError, read_header

    data = Path(path).read_bytes()
    try:
        decode_working(data, read_header(data), None)
    except (JpegHeaderError, DecodeError, ValueError):
        return False
    return True


def models_init() -> None:
    """Load and run the models once, as a photocheck batch worker does before its first photo."""
    floor_init()
    from benchmarks import solutions

    solutions.load_and_run_once()


def models_one(path: str) -> bool:
    """`floor_one`, then the detector, the mesh and the segmenter as photocheck runs them."""
    from photocheck.decode import DecodeError, decode_working
    from photocheck.jpeg_header import JpegHeaderError, read_header

    data = Path(path).read_bytes()
    try:
        working = decode_working(data, read_header(data), None)
    except (JpegHeaderError, DecodeError, ValueError):
        return False
    return run_models(working.pixels)


def run_models(pixels: np.ndarray) -> bool:
    """The three `mp.solutions` runs of one check on the working image; True when a face was
    found."""
    from benchmarks import solutions

    box = solutions.largest_face(pixels)
    if box is not None:
        solutions.face_mesh().process(solutions.mesh_crop(pixels, box))
    solutions.selfie_segmenter().process(solutions.grid(pixels))
    return box is not None


REFERENCES = {
    "naive": (naive_init, naive_one),
    "floor": (floor_init, floor_one),
    "models": (models_init, models_one),
}
