"""The three `mp.solutions` models as a user calls them: what the `naive` and `models`
references run (shared/spec/performance.md defines both by these calls), kept apart from
photocheck's own model path so that a cheaper path in photocheck never makes a reference cheaper.

One instance of each per worker process (`load`), with the options photocheck's checks need:
full-range face detection, the face mesh with iris (static images, two faces), the general
selfie segmenter.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np


@functools.cache
def face_detector() -> Any:
    import mediapipe as mp

    return mp.solutions.face_detection.FaceDetection(model_selection=1,
                                                     min_detection_confidence=0.5)


@functools.cache
def face_mesh() -> Any:
    import mediapipe as mp

    return mp.solutions.face_mesh.FaceMesh(static_image_mode=True, max_num_faces=2,
                                           refine_landmarks=True, min_detection_confidence=0.5)


@functools.cache
def selfie_segmenter() -> Any:
    import mediapipe as mp

    return mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)


def load() -> None:
    """Load the three models (a worker does this before its first photo)."""
    face_detector()
    face_mesh()
    selfie_segmenter()


def load_and_run_once() -> None:
    """Load the three models and run each once on a real face, stderr muted, as a photocheck
    worker warms up (the first run of a graph costs more than later ones)."""
    from photocheck.vision.models import stderr_muted, warm_up_pixels

    with stderr_muted():
        face = warm_up_pixels()
        for model in (face_detector(), face_mesh(), selfie_segmenter()):
            model.process(face)


def largest_face(pixels: np.ndarray) -> tuple[float, float, float, float] | None:
    """The largest face the detector finds on the working image seen on photocheck's grey
    margin (`faces.on_grey_margin`), as (x, y, w, h) working px, or None."""
    from photocheck.vision.faces import on_grey_margin

    height, width = pixels.shape[:2]
    padded, pad = on_grey_margin(pixels)
    found = face_detector().process(padded).detections
    if not found:
        return None
    boxes = [d.location_data.relative_bounding_box for d in found]
    pw, ph = width + 2 * pad, height + 2 * pad
    best = max(boxes, key=lambda b: b.width * b.height)
    return best.xmin * pw - pad, best.ymin * ph - pad, best.width * pw, best.height * ph


def mesh_crop(pixels: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """The square around `box` FaceMesh looks at in photocheck (`faces.mesh_crop_bounds`)."""
    from photocheck.vision.faces import mesh_crop_bounds

    height, width = pixels.shape[:2]
    x0, y0, x1, y1 = mesh_crop_bounds(box, width, height)
    return np.ascontiguousarray(pixels[y0:max(y1, y0 + 1), x0:max(x1, x0 + 1)])


def grid(pixels: np.ndarray) -> np.ndarray:
    """The working image on photocheck's analysis grid (the segmenter's input)."""
    from photocheck.vision.person import to_grid

    return to_grid(pixels)
