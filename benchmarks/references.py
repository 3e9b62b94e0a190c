"""The two reference pipelines photocheck is measured against, one photo at a time.

`naive` is what a typical user writes: Pillow at full resolution, then the same mediapipe models
photocheck uses, on the full image. `floor` decodes the working image exactly as photocheck does
(same header walk, same DCT-scaled simplejpeg call) and nothing else: no pipeline that looks at
pixels can beat it on this machine. Both run in worker processes started by `benchmarks.batch`;
the functions are module-level so a spawned worker can import them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


def naive_init() -> None:
    """Load the models once per worker, as a sensible user script would."""
    import PIL.Image  # noqa: F401  (imported here so start-up stays out of the timed photos)

    from photocheck.vision.models import warm_up

    warm_up()


def naive_one(path: str) -> bool:
    """Full-resolution Pillow decode + RGB + the three detectors; True when a face was found."""
    from PIL import Image

    from photocheck.vision import models

    try:
        with Image.open(path) as image:
            pixels = np.asarray(image.convert("RGB"))
    except Exception:  # a user's script would crash; the benchmark counts it as done
        return False
    faces = models.face_detector().process(pixels)
    models.face_mesh().process(pixels)
    models.selfie_segmenter().process(pixels)
    return bool(faces.detections)


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


REFERENCES = {"naive": (naive_init, naive_one), "floor": (floor_init, floor_one)}
