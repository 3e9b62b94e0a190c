"""The mediapipe models, loaded once per thread and reused for every photo.

mediapipe 0.10.21 ships its face detection, face mesh (with iris) and selfie segmentation models
inside the wheel (`mp.solutions`), so nothing is downloaded. A solution object wraps a calculator
graph that must not be driven from two threads at once, so each thread gets its own instances
(a worker process has one thread: one load per worker); loading takes tens of milliseconds.
"""

from __future__ import annotations

import os
import threading
from typing import Any

# Keep mediapipe/TFLite quiet on stderr before it is imported (no personal data is logged by it,
# but batch output and the CLI table should not be buried in INFO lines).
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

_local = threading.local()


def _solutions() -> Any:
    import mediapipe as mp  # imported lazily: a header-only rejection never pays for it

    return mp.solutions


def face_detector() -> Any:
    """Full-range BlazeFace: finds small and off-centre faces too (up to ~5 m)."""
    if not hasattr(_local, "face_detector"):
        _local.face_detector = _solutions().face_detection.FaceDetection(
            model_selection=1, min_detection_confidence=0.5
        )
    return _local.face_detector


def face_mesh() -> Any:
    """Face mesh with refined (iris) landmarks: 478 points per face, for pose and eyes."""
    if not hasattr(_local, "face_mesh"):
        _local.face_mesh = _solutions().face_mesh.FaceMesh(
            static_image_mode=True, max_num_faces=2, refine_landmarks=True,
            min_detection_confidence=0.5,
        )
    return _local.face_mesh


def selfie_segmenter() -> Any:
    """Selfie segmentation (general model, 256 x 256 input): the person vs the background."""
    if not hasattr(_local, "selfie_segmenter"):
        _local.selfie_segmenter = _solutions().selfie_segmentation.SelfieSegmentation(
            model_selection=0
        )
    return _local.selfie_segmenter


def warm_up() -> None:
    """Load every model now (a batch worker calls this once before its first photo)."""
    face_detector()
    face_mesh()
    selfie_segmenter()
