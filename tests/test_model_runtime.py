"""BlazeFace and the selfie segmenter through the LiteRT interpreter give what mediapipe's own
`mp.solutions` graphs give on the same model files (photocheck/vision/tflite.py, blazeface.py).

The references are the `mp.solutions` objects themselves, run on real pixels: the astronaut
portrait and variants of it (a second face, a close-up, a landscape and a portrait frame, a
photo with no face), so a change to the tensor preparation, the anchors, the decoding or the
suppression shows up as a difference here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import cv2
import numpy as np
import pytest

from photocheck.vision import blazeface, models, person, segmenter, tflite

skimage_data = pytest.importorskip("skimage.data")


@cache
def _solution(kind: str) -> Any:
    import mediapipe as mp

    if kind == "full":
        return mp.solutions.face_detection.FaceDetection(model_selection=1)
    if kind == "short":
        return mp.solutions.face_detection.FaceDetection(model_selection=0)
    return mp.solutions.selfie_segmentation.SelfieSegmentation(model_selection=0)


def _images() -> dict[str, np.ndarray]:
    astro = skimage_data.astronaut()
    two = np.ascontiguousarray(np.hstack([astro[:, 60:360], astro[:, 60:360][:, ::-1]]))
    return {
        "portrait": np.ascontiguousarray(astro[0:420, 90:390]),
        "two faces side by side": two,
        "close-up": np.ascontiguousarray(cv2.resize(astro[60:220, 150:290], (420, 480))),
        "whole frame": astro,
        "no face": np.ascontiguousarray(np.dstack([skimage_data.brick()] * 3)),
    }


def _mp_faces(kind: str, rgb: np.ndarray) -> list[tuple[float, ...]]:
    found = _solution(kind).process(rgb).detections or []
    rows = []
    for det in sorted(found, key=lambda d: -d.score[0]):
        box = det.location_data.relative_bounding_box
        points = [v for k in det.location_data.relative_keypoints for v in (k.x, k.y)]
        rows.append((det.score[0], box.xmin, box.ymin, box.width, box.height, *points))
    return rows


def _our_faces(variant: blazeface.Variant, rgb: np.ndarray) -> list[tuple[float, ...]]:
    return [(f.score, f.xmin, f.ymin, f.width, f.height, *(v for p in f.keypoints for v in p))
            for f in blazeface.detect(rgb, variant)]


@pytest.mark.parametrize("kind", ["full", "short"])
@pytest.mark.parametrize("name", list(_images()))
def test_blazeface_gives_what_mediapipe_gives(kind: str, name: str) -> None:
    """Same faces, scores, boxes and keypoints (to 1e-4 of the image) as `mp.solutions`."""
    rgb = _images()[name]
    variant = blazeface.FULL_RANGE if kind == "full" else blazeface.SHORT_RANGE
    ours, theirs = _our_faces(variant, rgb), _mp_faces(kind, rgb)
    assert len(ours) == len(theirs)
    if name == "no face":
        assert ours == []
    if name == "two faces side by side" and kind == "full":
        assert len(ours) == 2
    for mine, reference in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(mine, reference, atol=1e-4)


def test_the_full_range_confidence_floor_is_the_graphs_own() -> None:
    """mediapipe 0.10.21's full-range graph keeps faces from 0.6: a face scoring between 0.5 and
    0.6 is dropped by both (a small, dim face makes one)."""
    astro = skimage_data.astronaut()
    scores = []
    for size in (44, 40, 36, 32, 28, 24):
        canvas = np.full((480, 480, 3), 90, np.uint8)
        face = cv2.resize(astro[40:250, 140:320], (size, size * 7 // 6))
        canvas[200:200 + face.shape[0], 220:220 + size] = (face * 0.6).astype(np.uint8)
        raw = blazeface.detect(canvas, blazeface.Variant(
            blazeface.FULL_RANGE.path, blazeface.FULL_RANGE.strides, 1, 0.3))
        ours = blazeface.detect(canvas, blazeface.FULL_RANGE)
        assert [f.score for f in ours] == [f.score for f in raw if f.score >= 0.6]
        assert len(ours) == len(_mp_faces("full", canvas))
        scores += [f.score for f in raw]
    assert any(0.3 <= s < 0.6 for s in scores), scores  # the floor was really exercised


def test_anchor_grids_match_the_models_outputs() -> None:
    """2304 anchors (48 x 48) for the full-range model, 896 (16 x 16 x 2 + 8 x 8 x 6) for the
    short-range one: as many as each model's output rows, centres inside the tensor."""
    for variant, count in ((blazeface.FULL_RANGE, 2304), (blazeface.SHORT_RANGE, 896)):
        model = tflite.model(variant.path)
        anchors = blazeface.anchor_centres(model.input_width, model.input_height,
                                           variant.strides, variant.anchors_per_cell)
        rows = model.run(np.zeros((1, model.input_height, model.input_width, 3), np.float32))
        assert anchors.shape == (count, 2)
        assert {r.shape[0] for r in rows} == {count}
        assert anchors.min() > 0 and anchors.max() < 1


def test_weighted_suppression_merges_overlaps_and_keeps_the_rest() -> None:
    """Two boxes overlapping by IoU > 0.3 become their score-weighted mean with the best score;
    a box elsewhere stays as it is."""
    extra = np.zeros(2 * blazeface.KEYPOINTS)
    decoded = np.array([np.r_[[0.1, 0.1, 0.3, 0.3], extra],
                        np.r_[[0.12, 0.1, 0.32, 0.3], extra + 1],
                        np.r_[[0.6, 0.6, 0.8, 0.8], extra]])
    merged = blazeface.weighted_nms(decoded, np.array([0.9, 0.6, 0.7]))
    assert [score for _, score in merged] == [0.9, 0.7]
    np.testing.assert_allclose(merged[0][0][:4], [0.108, 0.1, 0.308, 0.3])
    np.testing.assert_allclose(merged[0][0][4:], 0.4)
    np.testing.assert_allclose(merged[1][0], decoded[2])


@pytest.mark.parametrize("name", ["portrait", "whole frame", "two faces side by side"])
def test_the_selfie_mask_is_mediapipes(name: str) -> None:
    """The person confidence on the analysis grid, as photocheck segments it, is mediapipe's
    (the same stretch to 256 x 256, the same enlargement back)."""
    grid = person.to_grid(_images()[name])
    ours = person.segment_person(grid)
    theirs = _solution("segmenter").process(grid).segmentation_mask
    assert ours.shape == theirs.shape == grid.shape[:2]
    assert float(np.abs(ours - theirs).max()) < 1e-3
    assert 0.05 < float((ours > 0.5).mean()) < 0.95  # a person and a background both found


def test_letterbox_padding_is_where_mediapipe_puts_it() -> None:
    """A portrait frame is padded left and right, a landscape one top and bottom, by the share
    the aspect ratio leaves; the image lands in the middle of the tensor."""
    tall = np.full((400, 300, 3), 200, np.uint8)
    tensor, (pad_x, pad_y) = tflite.image_to_tensor(tall, 192, 192, True, (-1.0, 1.0))
    assert (pad_x, pad_y) == (0.125, 0.0)
    assert tensor.shape == (1, 192, 192, 3)
    assert tensor[0, 96, 10, 0] == -1.0 and abs(tensor[0, 96, 96, 0] - (200 / 127.5 - 1)) < 1e-6
    wide = np.full((300, 400, 3), 200, np.uint8)
    assert tflite.image_to_tensor(wide, 192, 192, True, (-1.0, 1.0))[1] == (0.0, 0.125)


def test_warm_up_loads_every_model_once_per_thread() -> None:
    """The warm-up runs each model on the bundled face; later calls get the same instances."""
    models.run_once_on_a_face()
    first = tflite.model(segmenter.MODEL)
    models.warm_up()
    assert tflite.model(segmenter.MODEL) is first
