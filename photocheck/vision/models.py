"""The mediapipe models, loaded once per thread and reused for every photo.

mediapipe 0.10.21 ships its face detection, face mesh (with iris) and selfie segmentation models
inside the wheel, so nothing is downloaded. BlazeFace and the selfie segmenter run on the
model files through the LiteRT interpreter (`tflite`, `blazeface`, `segmenter`), which is cheaper
per call; the face mesh (custom operators) mostly runs as its landmark subgraph alone
(`FACE_LANDMARK_GRAPH`), without the face detector FaceMesh puts before it, and the hand model
through `mp.solutions`. A calculator graph must not be driven from two threads at once, so each
thread gets its own instances (a worker process has one thread: one load per worker); loading
takes tens of milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from photocheck.vision import blazeface, segmenter, tflite

_local = threading.local()

WARM_UP_FACE = Path(__file__).with_name("warm_up_face.jpg")
"""128 x 128 px of the face in scikit-image's astronaut.png (NASA, public domain), 4 KB: the
models' first run is on a real face."""


def _solutions() -> Any:
    import mediapipe as mp  # imported lazily: a header-only rejection never pays for it

    return mp.solutions


def face_detector() -> blazeface.Variant:
    """Full-range BlazeFace: finds small and off-centre faces too (up to ~5 m)."""
    return blazeface.FULL_RANGE


def close_face_detector() -> blazeface.Variant:
    """Short-range BlazeFace (faces within ~2 m, i.e. large in the frame), also in the wheel.

    The full-range model misses some faces that fill most of the frame, above all when the
    chin is raised; this one is asked only when the full-range model found nothing.
    """
    return blazeface.SHORT_RANGE


def face_mesh() -> Any:
    """mediapipe's FaceMesh solution (refined, 478 points), as a user calls it. It runs its own
    short-range face detector on every image before the landmark model, so the checker asks it
    only for faces its full-range detector is unsure of and near a turn limit
    (`faces.face_mesh_around`), and `face_landmarker` elsewhere; the `models` and `naive`
    benchmark references call it as a user does."""
    if not hasattr(_local, "face_mesh"):
        _local.face_mesh = _solutions().face_mesh.FaceMesh(
            static_image_mode=True, max_num_faces=2, refine_landmarks=True,
            min_detection_confidence=0.5,
        )
    return _local.face_mesh


FACE_LANDMARK_GRAPH = """
input_stream: "IMAGE:image"
input_stream: "ROI:roi"
output_stream: "LANDMARKS:face_landmarks"
node {
  calculator: "FaceLandmarkCpu"
  input_stream: "IMAGE:image"
  input_stream: "ROI:roi"
  input_side_packet: "WITH_ATTENTION:with_attention"
  output_stream: "LANDMARKS:face_landmarks"
}
"""
"""The face mesh without its face detector: only the FaceLandmarkCpu subgraph the wheel registers
(the one FaceMesh's graph, face_landmark_front_cpu, runs per face), fed a region of interest.

FaceMesh in static-image mode runs FaceDetectionShortRangeCpu on every image, turns each
detection into a region (FaceDetectionFrontDetectionToRoi) and only then runs FaceLandmarkCpu;
photocheck has already found the face with its own detector, so that second detector is wasted
work (about half of a mesh call: 5.5 -> 2.8 ms CPU, see docs/calibration-face.md). The region
comes from photocheck's detection the way FaceDetectionFrontDetectionToRoi makes it (see
`faces.landmark_roi`). Same model file and options: with attention (refined eyes, lips and
irises), face presence threshold 0.5 (FaceMesh's min_tracking_confidence default)."""


def face_landmarker() -> Any:
    """The face landmark model alone (`FACE_LANDMARK_GRAPH`): 478 points per face, for pose and
    eyes, in a region of interest the caller gives (see `face_landmarks_in`)."""
    if not hasattr(_local, "face_landmarker"):
        from mediapipe.python.solution_base import SolutionBase

        _local.face_landmarker = SolutionBase(
            graph_config=FACE_LANDMARK_GRAPH, side_inputs={"with_attention": True},
            outputs=["face_landmarks"])
    return _local.face_landmarker


def face_landmarks_in(pixels: Any, x_centre: float, y_centre: float, size: float,
                      rotation: float) -> Any:
    """The landmarks (a NormalizedLandmarkList, normalised to `pixels`) of the face in a square
    region of interest of `pixels` (RGB uint8, C-contiguous), or None when the model says
    there is no face there.

    The region is centred at (`x_centre`, `y_centre`), `size` px on a side, turned `rotation`
    radians clockwise in the picture (mediapipe's NormalizedRect convention); the model sees it
    resampled to 192 x 192, with the image's edge pixels repeated where it leaves the image.
    """
    from mediapipe.framework.formats import rect_pb2

    height, width = pixels.shape[:2]
    roi = rect_pb2.NormalizedRect(x_center=x_centre / width, y_center=y_centre / height,
                                  width=size / width, height=size / height, rotation=rotation)
    return face_landmarker().process({"image": pixels, "roi": roi}).face_landmarks


def hand_tracker() -> Any:
    """Hands (palm detection + 21 hand landmarks), also in the wheel: asked by face.occlusion
    only when its cheaper evidence cannot tell a hand over the mouth or the eyes."""
    if not hasattr(_local, "hand_tracker"):
        _local.hand_tracker = _solutions().hands.Hands(
            static_image_mode=True, max_num_hands=2, model_complexity=1,
            min_detection_confidence=0.5,
        )
    return _local.hand_tracker


def warm_up() -> None:
    """Load every model now (a batch worker calls this once before its first photo)."""
    tflite.model(face_detector().path)
    tflite.model(close_face_detector().path)
    face_landmarker()
    face_mesh()
    tflite.model(segmenter.MODEL)


def run_once_on_a_face() -> None:
    """Load every model and run each once on a real face (the bundled `WARM_UP_FACE`).

    The first run of a graph is when mediapipe creates its delegates and some calculators log,
    so after this the first photo costs what every later one does.
    """
    face = warm_up_pixels()
    for detector in (face_detector(), close_face_detector()):
        blazeface.detect(face, detector)
    face_mesh().process(face)
    segmenter.segment_person(face)
    side = face.shape[1]
    face_landmarks_in(face, side / 2, face.shape[0] / 2, side, 0.0)


def warm_up_pixels() -> Any:
    """The bundled `WARM_UP_FACE` as RGB pixels."""
    import simplejpeg

    return simplejpeg.decode_jpeg(WARM_UP_FACE.read_bytes(), colorspace="RGB")


def quiet_warm_up() -> None:
    """`run_once_on_a_face` with the process's stderr muted.

    mediapipe 0.10.21 logs through absl from C++ ("Created TensorFlow Lite XNNPACK delegate",
    "W0000 ... landmark_projection_calculator") while a model loads and first runs; no
    environment variable turns that off (GLOG_minloglevel and TF_CPP_MIN_LOG_LEVEL do not), so
    file descriptor 2 is pointed at /dev/null for this moment only. Later messages, which would
    mean something went wrong, are shown. Meant for command-line entry points and worker
    processes, not for a library embedded in someone else's server, whose own stderr would be
    muted too; one thread at a time (the mute is process-wide).
    """
    with stderr_muted():
        run_once_on_a_face()


@contextlib.contextmanager
def stderr_muted() -> Iterator[None]:
    """File descriptor 2 sent to /dev/null (C++ writes included) until the block ends."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
