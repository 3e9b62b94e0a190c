"""The face analysis every face rule reads: detections, the main face's mesh, pose and head span.

It runs once per photo through `ctx.shared("faces", ...)`: the full-range detector on the whole
working image (small and off-centre faces count too), then the face landmark model on the largest
face only, in the region that detection gives it (`landmark_roi`): mediapipe's FaceMesh would run
a second face detector first, which costs as much again as the landmarks. FaceMesh itself still
meshes a face the detector is unsure of, and a pose near a turn limit (`mesh_around`, `analyse`).
Coordinates are working-image pixels; `x`, `y` grow right and down and the mesh's `z` (in the
same pixel scale as `x`) grows away from the camera.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from math import gcd
from typing import Any

import cv2
import numpy as np

from photocheck.context import Context
from photocheck.rules import limit
from photocheck.vision import blazeface, models, person
from photocheck.vision.eyes import eye_openness, eyes_look_covered, sclera_contrast
from photocheck.vision.occlusion import eyes_behind_lenses

SHARED_KEY = "faces"
MIN_MESH_CROP = 16
"""A face crop smaller than this (px) has too few pixels for landmarks; mediapipe also refuses
empty regions with an exception, so such faces are not meshed."""
ROI_SCALE = 1.5
"""The landmark region's side over the detection box's longer side: RectTransformationCalculator's
scale_x = scale_y = 1.5 in FaceDetectionFrontDetectionToRoi (mediapipe 0.10.21), the region
FaceMesh's landmark model is trained and run on; mediapipe's constant, not a photocheck limit."""

# Face-mesh landmark indices (mediapipe canonical topology).
FOREHEAD_TOP = 10  # top of the mesh, at about the hairline
CHIN = 152
NOSE_TIP = 1
# Pairs mirrored across the face's midline: (subject's right = image left, subject's left).
SYMMETRIC_PAIRS = ((33, 263), (133, 362), (234, 454), (61, 291), (127, 356), (70, 300))
MIDLINE = (10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 2, 164, 0, 17, 18, 200, 199, 175, 152)
# Each eye's iris centre between its corners, both read left to right in the picture:
# (iris centre, image-left corner, image-right corner); subject's right eye first.
IRIS_IN_EYES = ((468, 33, 133), (473, 362, 263))


@dataclass(frozen=True)
class Detection:
    """One face the detector found: its box (x, y, w, h in working px) and confidence."""

    box: tuple[float, float, float, float]
    score: float
    keypoints: tuple[tuple[float, float], ...] = ()
    """BlazeFace's six keypoints (working px, on the unpadded image, not clipped): the
    subject's right eye, left eye, nose tip, mouth centre, right ear tragion, left ear
    tragion (mediapipe's order)."""

    @property
    def centre(self) -> tuple[float, float]:
        x, y, w, h = self.box
        return x + w / 2, y + h / 2

    def touches_edge(self, width: int, height: int, margin: float = 1.0) -> bool:
        """Whether the box reaches the image border (a face cut off by the frame)."""
        x, y, w, h = self.box
        return x <= margin or y <= margin or x + w >= width - margin or y + h >= height - margin


@dataclass(frozen=True)
class Pose:
    """Head rotation in degrees: yaw > 0 turned to the subject's left, pitch > 0 chin up,
    roll > 0 tilted toward the subject's left shoulder (the image's right)."""

    yaw: float
    pitch: float
    roll: float
    eyes_yaw: float = 0.0
    """The yaw the irises imply if the eyes look at the lens (see `eyes_yaw`), same sign
    convention as `yaw`."""


@dataclass(frozen=True)
class HeadSpan:
    """Where the head is: crown (estimated) and chin points and the face's centre line, in px."""

    crown: tuple[float, float]
    chin: tuple[float, float]
    centre_x: float
    crown_cut: bool = False  # the person reaches the top edge above the face: crown cut off

    @property
    def height(self) -> float:
        """Crown-to-chin length (px), along the head's own axis so roll does not shrink it."""
        return float(np.hypot(self.chin[0] - self.crown[0], self.chin[1] - self.crown[1]))


@dataclass(frozen=True)
class FaceAnalysis:
    """Everything the face rules need, computed once per photo."""

    width: int
    height: int
    detections: tuple[Detection, ...]  # every detection, best first
    counted: tuple[Detection, ...]  # those that count as a face (see `counts_as_face`)
    landmarks: np.ndarray | None  # 478 x 3 mesh of the main face, working px
    pose: Pose | None
    head: HeadSpan | None
    not_human: tuple[Detection, ...] = ()  # detections left out: eyes without a white sclera

    @property
    def single(self) -> bool:
        """Exactly one face counted and meshed: the other face rules can judge."""
        return len(self.counted) == 1 and self.landmarks is not None


def faces(ctx: Context) -> FaceAnalysis:
    """The photo's face analysis, computed on first use and shared by all face rules.

    The crown comes from the same person mask the background rules read, so the segmenter runs
    once per photo.
    """
    def shared_mask(rows: int) -> np.ndarray:
        return person_mask_at(person.person_mask(ctx), ctx.working.width, ctx.working.height,
                              rows)

    return ctx.shared(SHARED_KEY, lambda c: analyse(c.working.pixels, shared_mask))


def analyse(pixels: np.ndarray,
            person_mask: Callable[[int], np.ndarray] | None = None) -> FaceAnalysis:
    """Detect faces in `pixels` (RGB uint8, C-contiguous), mesh the main one, measure its pose.

    `person_mask(rows)` gives the person mask (bool, the size of `pixels`, at least its top
    `rows` rows) when the crown needs it; by default the segmenter runs on `pixels` here.
    """
    height, width = pixels.shape[:2]
    mask_of = person_mask or (
        lambda rows: person_mask_at(person.analyse_person(pixels), width, height, rows))
    detections = detect(pixels)
    counted = tuple(d for d in detections if counts_as_face(d, detections, width, height))
    main, landmarks, not_human = main_face_mesh(pixels, counted)
    counted = tuple(d for d in counted if d not in not_human)
    pose = head = None
    if main is not None and landmarks is not None:
        pose = pose_from_landmarks(landmarks)
        if near_a_limit(pose):
            again = uses_own_region(main) and near_a_turn_limit(pose)
            remeshed = face_mesh_around(pixels, main) if again else None
            if remeshed is not None:  # a far turn the full-range region may under-read
                landmarks, pose = remeshed, pose_from_landmarks(remeshed)
            pose = mirror_averaged(pose, mirrored_pose(pixels, main, face_mesh=again))
        head = head_span(landmarks, mask_of(mask_rows_read(landmarks, height))
                         if len(counted) == 1 else None)
    return FaceAnalysis(width, height, detections, counted, landmarks, pose, head, not_human)


def main_face_mesh(pixels: np.ndarray, counted: tuple[Detection, ...]
                   ) -> tuple[Detection | None, np.ndarray | None, tuple[Detection, ...]]:
    """The largest counted face that looks human with its mesh, and the faces that do not.

    Only human faces count (a pet or a monkey is not the applicant): a meshed face whose eyes
    are open but show no white sclera is set aside and the next largest face is tried.
    """
    not_human: list[Detection] = []
    for det in sorted(counted, key=lambda d: -d.box[2] * d.box[3]):
        landmarks = mesh_around(pixels, det)
        if landmarks is None or looks_human(pixels, landmarks):
            return det, landmarks, tuple(not_human)
        not_human.append(det)
    return None, None, tuple(not_human)


def looks_human(pixels: np.ndarray, landmarks: np.ndarray) -> bool:
    """False when the meshed face's open eyes have no white sclera (see `sclera_contrast`).

    Closed, tiny or covered eyes (sunglasses, a hand) cannot be judged and count as human: the
    eye and occlusion rules judge them.
    """
    if min(eye_openness(landmarks).ratio.values()) < limit("face.eyes_open.ratio").value:
        return True
    if eyes_look_covered(pixels, landmarks, limit("face.occlusion.lens_detail").value):
        return True
    contrast = sclera_contrast(pixels, landmarks)
    if contrast is None or contrast >= limit("face.count.min_sclera_contrast").value:
        return True
    # Sunglasses with reflections are not flat, yet hide the whites: face.occlusion's finding.
    return eyes_behind_lenses(pixels, landmarks)


def detect(pixels: np.ndarray) -> tuple[Detection, ...]:
    """Every face the detectors find, boxes clipped to the image, best first.

    BlazeFace misses a face cut by the frame (a second person half in the picture), so the
    detector sees the image on a neutral grey margin, where a cut face no longer touches the
    border. The margin costs one small copy; at 6 % of the long side small faces are still
    found (see docs/calibration-face.md). The full-range model misses some faces that fill the
    frame (a close-up with the chin raised), so when it finds nothing the short-range model,
    made for such faces, looks too: a photo with a face is never reported as faceless because
    the face is large.
    """
    found = _detect_with(models.face_detector(), pixels)
    return found or _detect_with(models.close_face_detector(), pixels)


def _detect_with(detector: blazeface.Variant, pixels: np.ndarray) -> tuple[Detection, ...]:
    """The faces one BlazeFace model finds on `pixels` seen on the grey margin."""
    height, width = pixels.shape[:2]
    padded, pad = on_grey_margin(pixels)
    pw, ph = width + 2 * pad, height + 2 * pad
    found = []
    for face in blazeface.detect(padded, detector):
        x0, y0 = max(0.0, face.xmin * pw - pad), max(0.0, face.ymin * ph - pad)
        x1 = min(float(width), (face.xmin + face.width) * pw - pad)
        y1 = min(float(height), (face.ymin + face.height) * ph - pad)
        if x1 > x0 and y1 > y0:
            keypoints = tuple((x * pw - pad, y * ph - pad) for x, y in face.keypoints)
            found.append(Detection((x0, y0, x1 - x0, y1 - y0), face.score, keypoints))
    return tuple(sorted(found, key=lambda d: -d.score))


def on_grey_margin(pixels: np.ndarray) -> tuple[np.ndarray, int]:
    """`pixels` on the detector's neutral grey margin (`face.count.detector_margin` of the long
    side each way), and the margin's width in px."""
    height, width = pixels.shape[:2]
    pad = int(limit("face.count.detector_margin").value * max(width, height))
    padded = cv2.copyMakeBorder(pixels, pad, pad, pad, pad, cv2.BORDER_CONSTANT,
                                value=(128, 128, 128))
    return padded, pad


def counts_as_face(det: Detection, all_dets: tuple[Detection, ...], width: int,
                   height: int) -> bool:
    """Whether a detection is a face a person would count.

    The full-range detector can fire on texture in busy backgrounds with low scores, so a face
    must be confident, and not a speck next to the main face (a distant bystander). A face cut
    off at the border scores lower, so one touching the edge counts from a lower score.
    """
    largest = max(d.box[2] for d in all_dets)
    if det.box[2] < limit("face.count.min_relative_width").value * largest:
        return False
    floor = limit("face.count.min_score").value
    if det.touches_edge(width, height):
        floor = limit("face.count.min_score_at_edge").value
    return det.score >= floor


@dataclass(frozen=True)
class MeshRoi:
    """The square region the face landmark model looks at (working px): centre, side, and the
    turn (radians, clockwise in the picture) that levels the eyes."""

    x: float
    y: float
    size: float
    rotation: float

    def bounds(self, width: int, height: int) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1): the pixels the turned square reaches (and one more), clipped."""
        half = self.size / 2 * (abs(np.cos(self.rotation)) + abs(np.sin(self.rotation))) + 1
        return (max(0, int(self.x - half)), max(0, int(self.y - half)),
                min(width, int(np.ceil(self.x + half))), min(height, int(np.ceil(self.y + half))))


def landmark_roi(det: Detection) -> MeshRoi:
    """The landmark model's region for `det`, made as mediapipe's FaceDetectionFrontDetectionToRoi
    makes it from a detection (its options, read from the mediapipe 0.10.21 wheel):
    DetectionsToRectsCalculator with the rotation that levels the line from keypoint 0 (the
    subject's right eye) to keypoint 1 (the left eye), then RectTransformationCalculator with
    square_long and scale 1.5 (the box's longer side, squared, half as long again).

    FaceMesh makes it from its own short-range detector's box; this one is the full-range
    detector's, which sits about 7 % larger and 3 % higher on the face: on confident detections
    the meshes agree with FaceMesh's about as well as either agrees with the mesh made in its
    own landmark-based region (see docs/calibration-face.md). A detection without keypoints
    gets no rotation.
    """
    x, y, w, h = det.box
    rotation = 0.0
    if len(det.keypoints) >= 2:
        (rx, ry), (lx, ly) = det.keypoints[0], det.keypoints[1]
        rotation = float(np.arctan2(ly - ry, lx - rx))
    return MeshRoi(x + w / 2, y + h / 2, max(w, h) * ROI_SCALE, rotation)


def mesh_around(pixels: np.ndarray, det: Detection, mirrored: bool = False,
                face_mesh: bool = False) -> np.ndarray | None:
    """The 478-point mesh of the face in `det` (working px): the face landmark model alone in
    the region `landmark_roi` makes from `det`, no second face detector
    (`models.FACE_LANDMARK_GRAPH`), when the full-range detector is sure of the face
    (`uses_own_region`); else, or with `face_mesh`, FaceMesh's (`face_mesh_around`).

    The model sees only the region, so it runs on the crop the turned region reaches (cheaper
    to hand over than the whole image, same pixels). With `mirrored` that crop is flipped left
    to right first, with the region mirrored, and the mesh is in the flipped crop's frame (x
    measured from the crop's right edge), for `mirrored_pose`.
    """
    if face_mesh or not uses_own_region(det):
        return face_mesh_around(pixels, det, mirrored)
    height, width = pixels.shape[:2]
    roi = landmark_roi(det)
    x0, y0, x1, y1 = roi.bounds(width, height)
    if x1 - x0 < MIN_MESH_CROP or y1 - y0 < MIN_MESH_CROP:
        return None
    crop = pixels[y0:y1, x0:x1]
    crop = np.ascontiguousarray(crop[:, ::-1] if mirrored else crop)
    cx = x1 - roi.x if mirrored else roi.x - x0
    found = models.face_landmarks_in(crop, cx, roi.y - y0, roi.size,
                                     -roi.rotation if mirrored else roi.rotation)
    if found is None:
        return None
    ch, cw = crop.shape[:2]
    return landmark_array(found) * (cw, ch, cw) + (x0, y0, 0.0)


def uses_own_region(det: Detection) -> bool:
    """Whether the full-range detector is sure enough of `det` for the landmark model's region
    to be made from it (`face.mesh.own_region_score`).

    The full-range box of a face the detector is unsure of (a mask, a hand, thick frames)
    often sits too large or too low for the landmark model, whose mesh then drifts (a pitch 6
    deg off, a chin too low); FaceMesh's short-range detector boxes such faces better (see
    docs/calibration-face.md).
    """
    return det.score >= limit("face.mesh.own_region_score").value


def face_mesh_around(pixels: np.ndarray, det: Detection, mirrored: bool = False
                     ) -> np.ndarray | None:
    """The mesh of the face in `det` from mediapipe's FaceMesh solution (its own short-range
    detector, then the landmark model) on a square crop around it (working px), as every mesh
    was made before issue 24: for faces the full-range detector is unsure of and for far turns.

    With `mirrored` the crop is flipped left to right first and the mesh is in the flipped
    crop's frame (x measured from the crop's right edge).
    """
    height, width = pixels.shape[:2]
    cx, cy = det.centre
    x0, y0, x1, y1 = mesh_crop_bounds(det.box, width, height)
    if x1 - x0 < MIN_MESH_CROP or y1 - y0 < MIN_MESH_CROP:
        return None
    crop = pixels[y0:y1, x0:x1]
    crop = np.ascontiguousarray(crop[:, ::-1] if mirrored else crop)
    result = models.face_mesh().process(crop)
    if not result.multi_face_landmarks:
        return None
    ch, cw = crop.shape[:2]
    # The crop may hold part of another face; keep the mesh nearest the detected face's centre.
    target = np.array([(x1 - cx if mirrored else cx - x0) / cw, (cy - y0) / ch])
    meshes = [landmark_array(m) for m in result.multi_face_landmarks]
    best = min(meshes, key=lambda m: float(np.linalg.norm(m[:, :2].mean(0) - target)))
    return best * (cw, ch, cw) + (x0, y0, 0.0)


def mesh_crop_bounds(box: tuple[float, float, float, float], width: int, height: int
                     ) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1): the square FaceMesh looks at around a detection `box`,
    `face.mesh.crop_factor` boxes wide, clipped to the image."""
    x, y, w, h = box
    cx, cy = x + w / 2, y + h / 2
    half = max(w, h) * limit("face.mesh.crop_factor").value / 2
    return (int(max(0, cx - half)), int(max(0, cy - half)),
            int(min(width, cx + half)), int(min(height, cy + half)))


_LANDMARK_RECORD = 17
"""Bytes of one landmark in a serialised NormalizedLandmarkList holding only x, y and z: the
field tag and length (2), then three tagged float32 fields (3 x 5)."""
_LANDMARK_TAGS = np.array([0x0A, 0x0F, 0x0D, 0x15, 0x1D], np.uint8)
_TAG_AT = np.array([0, 1, 2, 7, 12])


def landmark_array(landmarks: Any) -> np.ndarray:
    """A NormalizedLandmarkList as an n x 3 float64 array (x, y, z), the same numbers as
    reading every point's attributes, in one step.

    The mesh's points carry only x, y and z, so the serialised message is a fixed 17-byte
    record per point and the floats are read straight from it. A message of any other shape
    (visibility or presence set, a field missing) is read point by point instead.
    """
    data = landmarks.SerializeToString()
    count = len(landmarks.landmark)
    if len(data) == count * _LANDMARK_RECORD and count:
        records = np.frombuffer(data, np.uint8).reshape(count, _LANDMARK_RECORD)
        if (records[:, _TAG_AT] == _LANDMARK_TAGS).all():
            floats = np.ndarray((count, 3), "<f4", data, offset=3, strides=(_LANDMARK_RECORD, 5))
            return floats.astype(np.float64)
    return np.array([(p.x, p.y, p.z) for p in landmarks.landmark], np.float64).reshape(-1, 3)


def face_axes(landmarks: np.ndarray) -> np.ndarray:
    """The face's own right-handed axes as columns (x: to the subject's left, y: up, z)."""
    lefts = landmarks[[p[1] for p in SYMMETRIC_PAIRS]]
    rights = landmarks[[p[0] for p in SYMMETRIC_PAIRS]]
    x_axis = (lefts - rights).sum(axis=0)
    x_axis /= np.linalg.norm(x_axis)
    up = landmarks[FOREHEAD_TOP] - landmarks[CHIN]
    y_axis = up - up.dot(x_axis) * x_axis
    y_axis /= np.linalg.norm(y_axis)
    return np.column_stack([x_axis, y_axis, np.cross(x_axis, y_axis)])


def pose_from_landmarks(landmarks: np.ndarray) -> Pose:
    """Yaw, pitch and roll (degrees) of a mesh from its own 3D geometry.

    The x axis is the mean of mirrored landmark pairs (eye corners, cheeks, mouth corners,
    brows), which is robust to expression; the y axis runs chin to forehead. Yaw is how far the
    x axis dips into depth, roll its angle in the picture; pitch is the depth tilt of the y axis
    less the tilt a frontal face's chin-forehead line has by anatomy (measured, in LIMITS).
    """
    axes = face_axes(landmarks)
    x_axis, y_axis = axes[:, 0], axes[:, 1]
    yaw = np.degrees(np.arcsin(np.clip(x_axis[2], -1, 1)))
    roll = np.degrees(np.arctan2(x_axis[1], x_axis[0]))
    pitch = np.degrees(np.arcsin(np.clip(y_axis[2], -1, 1))) - limit("face.pose.pitch_zero").value
    return Pose(float(yaw), float(pitch), float(roll), eyes_yaw(landmarks))


def eyes_yaw(landmarks: np.ndarray) -> float:
    """The head's yaw (degrees) implied by where the irises sit between the eye corners, if
    the eyes look at the lens, as an applicant does.

    A head turned while the eyes stay on the camera turns its eyes back by the same angle, so
    the irises move off the middle of the eyes. The mesh's own yaw under-reads such turns
    (heads turned 15-30 deg measure 12-13, like frontal booking photos), but on the frontal
    booking photos the irises sit in the middle: the two cues err differently, so a turn both
    agree on is a real one (`turn_confirmed`). The iris's offset as a fraction of the eye's
    width becomes an angle through the eye's width over the iris's radius of rotation.
    """
    x = landmarks[:, 0]
    offsets = [(x[iris] - x[left]) / (x[right] - x[left]) - 0.5
               for iris, left, right in IRIS_IN_EYES if x[right] != x[left]]
    if not offsets:
        return 0.0
    ratio = limit("face.pose.eye_width_per_iris_radius").value
    sine = np.clip(ratio * float(np.mean(offsets)), -1, 1)
    return float(-np.degrees(np.arcsin(sine)))


def turn_confirmed(pose: Pose, margin: float = 0.0) -> bool:
    """Whether the eyes confirm the mesh's turn: the head is turned past
    `face.pose.yaw_confirmed_deg` and the irises are turned back toward the lens by
    `face.pose.eyes_turn_deg` or more, the same way. `margin` lowers both thresholds (for
    `near_a_limit`).
    """
    return (pose.yaw * pose.eyes_yaw > 0
            and abs(pose.yaw) > limit("face.pose.yaw_confirmed_deg").value - margin
            and abs(pose.eyes_yaw) >= limit("face.pose.eyes_turn_deg").value - margin)


def yaw_limit(pose: Pose) -> float:
    """The yaw limit that applies to `pose`: the lower confirmed-turn limit when the eyes
    confirm the turn (`turn_confirmed`), else the mesh-only `face.pose.yaw_deg`."""
    if turn_confirmed(pose):
        return limit("face.pose.yaw_confirmed_deg").value
    return limit("face.pose.yaw_deg").value


def mirrored_pose(pixels: np.ndarray, det: Detection, face_mesh: bool = False) -> Pose | None:
    """The pose of the face in `det` measured on its mirror image (in the mirror's frame), the
    mesh made as `mesh_around` makes it (`face_mesh`: FaceMesh's)."""
    landmarks = mesh_around(pixels, det, mirrored=True, face_mesh=face_mesh)
    return None if landmarks is None else pose_from_landmarks(landmarks)


def near_a_limit(pose: Pose) -> bool:
    """Whether any angle is within `face.pose.mirror_margin` of its limit, where the mesh's
    asymmetry could decide the verdict (see `mirror_averaged`); elsewhere it cannot, and the
    second mesh run is saved."""
    margin = limit("face.pose.mirror_margin").value
    return near_a_turn_limit(pose) or any(
        abs(angle) > limit(f"face.pose.{axis}_deg").value - margin
        for axis, angle in (("pitch", pose.pitch), ("roll", pose.roll)))


def near_a_turn_limit(pose: Pose) -> bool:
    """Whether the yaw is within `face.pose.mirror_margin` of its limit (either limit).

    Near a turn limit the mesh is FaceMesh's again (`analyse`): a head turned far is boxed by
    the full-range detector around the head rather than the face, and the landmark model in
    that region under-reads the turn (a DERIVED 55 deg turn: yaw 11.9 against FaceMesh's
    14.1), where the yaw limits were calibrated on FaceMesh's meshes.
    """
    margin = limit("face.pose.mirror_margin").value
    return turn_confirmed(pose, margin) or abs(pose.yaw) > limit("face.pose.yaw_deg").value - margin


def mirror_averaged(pose: Pose, mirrored: Pose | None) -> Pose:
    """The pose averaged with the one measured on the mirror image (yaw and roll change sign
    in a mirror, pitch does not).

    The mesh is not exactly symmetric: on the dev photos a photo and its mirror image differed
    by up to 3 deg of yaw and pitch, so a head near a limit passed one way and failed the
    other. The average is the same for a photo and its mirror image (to within the 1 deg the
    detector's box moves), and less noisy. It costs one more mesh run on the face crop (about
    8 ms on the loaded 2-core machine), not another detection, so it runs only near a limit.
    """
    if mirrored is None:
        return pose
    return Pose((pose.yaw - mirrored.yaw) / 2, (pose.pitch + mirrored.pitch) / 2,
                (pose.roll - mirrored.roll) / 2, (pose.eyes_yaw - mirrored.eyes_yaw) / 2)


def person_mask_at(found: person.PersonMask, width: int, height: int,
                   rows: int | None = None) -> np.ndarray:
    """The segmenter's person mask (on its analysis grid) as a bool mask of `width` x `height`;
    with `rows`, only its top `rows` rows are made (the rows below are False).

    The grid is the segmentation model's own resolution, so enlarging its confidence linearly
    loses nothing the model saw; only the crown row is read from it.
    """
    level = limit("face.size.person_mask_level").value
    if rows is None:
        return cv2.resize(found.person, (width, height), interpolation=cv2.INTER_LINEAR) > level
    mask = np.zeros((height, width), bool)
    mask[:rows] = top_rows_enlarged(found.person, width, height, rows) > level
    return mask


def top_rows_enlarged(grid: np.ndarray, width: int, height: int, rows: int) -> np.ndarray:
    """The top `rows` rows of `cv2.resize(grid, (width, height), INTER_LINEAR)`, to the bit,
    enlarging only the grid rows they need.

    OpenCV places each output row by the scale alone (source row (y + 0.5) * h / height - 0.5),
    so the top grid rows enlarged with the very same scale give the same rows: for a scale
    `height / h` = p / q in lowest terms, q * j grid rows make p * j rows exactly. One block of
    p rows more than asked for keeps the rows kept clear of the last grid row, where the
    smaller resize would clamp its neighbours. Otherwise (the whole grid is needed) the whole
    grid is enlarged.
    """
    h = grid.shape[0]
    common = gcd(height, h)
    p, q = height // common, h // common
    blocks = -(-rows // p) + 1
    if q * blocks >= h:
        return cv2.resize(grid, (width, height), interpolation=cv2.INTER_LINEAR)[:rows]
    return cv2.resize(grid[: q * blocks], (width, p * blocks),
                      interpolation=cv2.INTER_LINEAR)[:rows]


def mask_rows_read(landmarks: np.ndarray, height: int) -> int:
    """How many top rows of the person mask `head_span` reads: the top-edge rows
    (`top_edge_cut`) and the rows above the mesh top (`crown_from_mask`)."""
    cut = max(1, round(limit("face.size.cut_rows").value * height))
    return min(height, max(cut, int(landmarks[FOREHEAD_TOP, 1]), 1))


def head_span(landmarks: np.ndarray, mask: np.ndarray | None = None) -> HeadSpan:
    """Crown and chin of the head. The head includes the hair, so the crown is where the person
    mask ends above the mesh top, along the face's centre line; without a usable mask it is
    estimated above the mesh top by a ratio measured on the dev photos.

    Whether the crown is cut off is read from the mask at the top edge (`top_edge_cut`), never
    from the estimate: a short-haired head near the top edge is not cut because a ratio says
    its crown would lie above the frame.
    """
    chin = landmarks[CHIN, :2]
    top = landmarks[FOREHEAD_TOP, :2]
    up = top - chin
    centre_x = float(landmarks[list(MIDLINE), 0].mean())
    crown = top + up * limit("face.size.crown_above_mesh").value
    crown_cut = bool(crown[1] < 0)
    if mask is not None:
        touches = top_edge_cut(mask, landmarks)
        crown_cut = touches and edge_below_any_crown(landmarks)
        found = crown_from_mask(mask, landmarks)
        if touches:
            # The hair reaches the edge: the crown is there or above it, as the ratio says.
            crown = np.array([centre_x, min(float(crown[1]), 0.0)])
        elif found is not None:
            crown = np.array([centre_x, found[0]])
        else:
            crown = np.array([crown[0], max(float(crown[1]), 0.0)])
    return HeadSpan((float(crown[0]), float(crown[1])), (float(chin[0]), float(chin[1])),
                    centre_x, crown_cut)


def edge_below_any_crown(landmarks: np.ndarray) -> bool:
    """The top edge lies below where even a flat-haired head's crown would be: closer above
    the mesh top than `face.size.crown_clearance` of the mesh's chin-to-top length.

    Hair that reaches the top edge is only cut off when the edge runs through the head, not
    when it grazes the top of the hair: real crowns sit 0.25-0.73 mesh heights above the
    mesh top (dev, dev2), so an edge that high may be just above the crown or a few strands
    into it (a framing matter, `face.position` and the trim's), while an edge lower than
    that runs through the hair or the forehead.
    """
    top_y = float(landmarks[FOREHEAD_TOP, 1])
    mesh_h = float(np.linalg.norm(landmarks[FOREHEAD_TOP, :2] - landmarks[CHIN, :2]))
    return top_y < limit("face.size.crown_clearance").value * mesh_h


def _centre_band(landmarks: np.ndarray, width: int, half_widths: float) -> slice:
    """Columns `half_widths` face widths either side of the centre line, rounded the same way
    on both sides so a mirrored photo gets the mirrored band."""
    face_w = float(np.linalg.norm(landmarks[454, :2] - landmarks[234, :2]))
    cx = float(landmarks[list(MIDLINE), 0].mean())
    half = max(0.5, half_widths * face_w)
    return slice(max(0, round(cx - half)), min(width, max(1, round(cx + half))))


def top_edge_cut(mask: np.ndarray, landmarks: np.ndarray) -> bool:
    """The head is cut by the top edge: most of the top rows above the face are the person.

    Hair that comes close to the edge leaves a row of backdrop above it and is not a cut.
    """
    rows = max(1, round(limit("face.size.cut_rows").value * mask.shape[0]))
    band = mask[:rows, _centre_band(landmarks, mask.shape[1], limit("face.size.cut_band").value)]
    return bool(band.size) and float(band.mean()) >= 0.5


def crown_from_mask(mask: np.ndarray, landmarks: np.ndarray) -> tuple[float, bool] | None:
    """(crown row, whether the head is cut by the top edge) from the person mask, or None when
    the mask gives no plausible crown (it merges with a busy background, or misses the hair).

    The crown is the highest row of the person's connected run above the mesh top, in a band
    a fifth of the face wide around the centre line; tall hair and buns count (the head
    includes the hair).
    """
    top_y = float(landmarks[FOREHEAD_TOP, 1])
    mesh_h = float(np.linalg.norm(landmarks[FOREHEAD_TOP, :2] - landmarks[CHIN, :2]))
    band = mask[: max(1, int(top_y)), _centre_band(landmarks, mask.shape[1], 0.1)]
    if band.size == 0:
        return None
    cut = top_edge_cut(mask, landmarks)
    person_rows = band.mean(axis=1) >= 0.5
    gaps = np.flatnonzero(~person_rows)
    crown = 0 if cut or not gaps.size else int(gaps[-1]) + 1
    low, high = limit("face.size.crown_above_mesh_range").value
    if not low * mesh_h <= top_y - crown <= high * mesh_h:
        return None
    return float(crown), cut
