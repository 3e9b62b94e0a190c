"""BlazeFace face detection on the wheel's model files, decoded as mediapipe decodes it.

mediapipe's face detection graphs (face_detection_full_range.pbtxt, face_detection_short_range
.pbtxt and their common face_detection.pbtxt, mediapipe 0.10.21) run the model on the image
letterboxed to a square, then: SSD anchors with a fixed size on each stride's grid, boxes and six
keypoints decoded relative to their anchor, scores through a sigmoid (raw scores clipped to
+-100), those under the confidence floor dropped, overlapping boxes merged by weighted
non-maximum suppression (IoU > 0.3: the score-weighted mean of the group, with its best score),
and the letterbox removed. This module does the same steps with numpy on the interpreter's
output; the options below are those graphs' options.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from photocheck.vision import tflite

MIN_SUPPRESSION_IOU = 0.3
"""NonMaxSuppressionCalculator's min_suppression_threshold in face_detection.pbtxt."""
RAW_SCORE_CLIP = 100.0
"""TensorsToDetectionsCalculator's score_clipping_thresh."""
KEYPOINTS = 6
"""Right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion."""


@dataclass(frozen=True)
class Variant:
    """One BlazeFace model file and its graph's anchor options."""

    path: str
    strides: tuple[int, ...]
    anchors_per_cell: int  # 2 where interpolated_scale_aspect_ratio is 1.0, 1 where it is 0
    min_score: float
    """The graph's own min_score_thresh. mp.solutions' `min_detection_confidence` does not
    reach it in mediapipe 0.10.21 (measured on the dev photos: asked for 0.3 or 0.75, the
    full-range solution still returns scores from 0.608 up, the short-range one from 0.557)."""


FULL_RANGE = Variant("face_detection/face_detection_full_range_sparse.tflite", (4,), 1, 0.6)
"""Full range (faces up to ~5 m), 192 x 192 input: one anchor per cell of a 48 x 48 grid."""
SHORT_RANGE = Variant(
    "face_detection/face_detection_short_range.tflite", (8, 16, 16, 16), 2, 0.5)
"""Short range (faces within ~2 m), 128 x 128 input: 16 x 16 x 2 + 8 x 8 x 6 anchors."""


@dataclass(frozen=True)
class Face:
    """One detection in the image's relative coordinates (0..1 of its width and height)."""

    xmin: float
    ymin: float
    width: float
    height: float
    score: float
    keypoints: tuple[tuple[float, float], ...]


_anchor_cache: dict[tuple[int, int, tuple[int, ...], int], np.ndarray] = {}


def anchor_centres(width: int, height: int, strides: tuple[int, ...],
                   anchors_per_cell: int) -> np.ndarray:
    """N x 2 anchor centres (x, y, relative to the tensor), in the model's output order.

    SsdAnchorsCalculator walks the layers; consecutive layers of the same stride share one grid
    whose cells carry all their anchors, and with fixed_anchor_size every anchor is 1 x 1, so
    only the centres matter.
    """
    key = (width, height, strides, anchors_per_cell)
    if key not in _anchor_cache:
        groups: list[np.ndarray] = []
        index = 0
        while index < len(strides):
            stride = strides[index]
            repeat = 0
            while index < len(strides) and strides[index] == stride:
                repeat += anchors_per_cell
                index += 1
            rows, cols = -(-height // stride), -(-width // stride)
            ys, xs = np.mgrid[0:rows, 0:cols]
            centres = np.stack([(xs + 0.5) / cols, (ys + 0.5) / rows], axis=-1).reshape(-1, 2)
            groups.append(np.repeat(centres, repeat, axis=0))
        _anchor_cache[key] = np.concatenate(groups).astype(np.float32)
    return _anchor_cache[key]


def detect(pixels: np.ndarray, variant: Variant) -> list[Face]:
    """The faces `variant` finds in RGB uint8 `pixels`, best first, in the image's relative
    coordinates."""
    model = tflite.model(variant.path)
    tensor, (pad_x, pad_y) = tflite.image_to_tensor(
        pixels, model.input_width, model.input_height, keep_aspect=True, value_range=(-1.0, 1.0))
    raw_boxes, raw_scores = _boxes_and_scores(model.run(tensor))
    clipped = np.clip(raw_scores[:, 0], -RAW_SCORE_CLIP, RAW_SCORE_CLIP).astype(np.float64)
    scores = 1.0 / (1.0 + np.exp(-clipped))
    keep = np.flatnonzero(scores >= variant.min_score)
    if not keep.size:
        return []
    anchors = anchor_centres(model.input_width, model.input_height, variant.strides,
                             variant.anchors_per_cell)
    decoded = _decode(raw_boxes[keep], anchors[keep], model.input_width, model.input_height)
    merged = weighted_nms(decoded, scores[keep])
    return [_unletterboxed(row, score, pad_x, pad_y) for row, score in merged]


def _boxes_and_scores(outputs: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """(N x 16 regressors, N x 1 scores) whatever order the model file lists them in."""
    boxes, scores = sorted(outputs, key=lambda a: -a.shape[-1])
    return boxes, scores


def _decode(raw: np.ndarray, anchors: np.ndarray, width: int, height: int) -> np.ndarray:
    """N x (4 + 2 * KEYPOINTS): xmin, ymin, xmax, ymax, then each keypoint's x, y (relative).

    The regressors are (x centre, y centre, w, h, keypoints...) in tensor pixels relative to
    the anchor's centre (reverse_output_order; x_scale = w_scale = width, y likewise).
    """
    scale = np.tile(np.array([width, height], np.float32), 2 + KEYPOINTS)
    values = raw[:, : 4 + 2 * KEYPOINTS] / scale
    centre = values[:, 0:2] + anchors
    half = values[:, 2:4] / 2
    points = values[:, 4:] + np.tile(anchors, KEYPOINTS)
    return np.concatenate([centre - half, centre + half, points], axis=1)


def weighted_nms(decoded: np.ndarray, scores: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """mediapipe's weighted non-maximum suppression: take the best remaining box, merge every
    remaining box overlapping it by IoU > `MIN_SUPPRESSION_IOU` (itself included) into their
    score-weighted mean, keep the best score; repeat on the rest."""
    order = np.argsort(-scores, kind="stable")
    boxes = decoded[:, :4]
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    merged: list[tuple[np.ndarray, float]] = []
    while order.size:
        best = order[0]
        overlap = _iou(boxes[best], areas[best], boxes[order], areas[order])
        group = order[overlap > MIN_SUPPRESSION_IOU]
        if not group.size:  # a degenerate box overlaps nothing, not even itself
            merged.append((decoded[best], float(scores[best])))
            break
        weights = scores[group].astype(np.float64)
        mean = (decoded[group].astype(np.float64) * weights[:, None]).sum(0) / weights.sum()
        merged.append((mean, float(scores[best])))
        order = order[overlap <= MIN_SUPPRESSION_IOU]
    return merged


def _iou(box: np.ndarray, area: float, others: np.ndarray, areas: np.ndarray) -> np.ndarray:
    """Intersection over union of `box` with each of `others` (0 where they do not meet)."""
    width = np.minimum(box[2], others[:, 2]) - np.maximum(box[0], others[:, 0])
    height = np.minimum(box[3], others[:, 3]) - np.maximum(box[1], others[:, 1])
    inter = np.where((width > 0) & (height > 0), width * height, 0.0)
    union = area + areas - inter
    return np.where(union > 0, inter / np.where(union > 0, union, 1.0), 0.0)


def _unletterboxed(row: np.ndarray, score: float, pad_x: float, pad_y: float) -> Face:
    """A merged detection moved from the letterboxed tensor to the image's own frame."""
    span_x, span_y = 1 - 2 * pad_x, 1 - 2 * pad_y

    def x(value: float) -> float:
        return (float(value) - pad_x) / span_x

    def y(value: float) -> float:
        return (float(value) - pad_y) / span_y

    xmin, ymin = x(row[0]), y(row[1])
    points = tuple((x(row[4 + 2 * k]), y(row[5 + 2 * k])) for k in range(KEYPOINTS))
    return Face(xmin, ymin, x(row[2]) - xmin, y(row[3]) - ymin, score, points)
