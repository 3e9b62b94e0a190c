"""The evidence face.occlusion reads for masks, sunglasses and hands, on real pixels.

The astronaut portrait (scikit-image, public domain) and variants derived from it with its own
face mesh: the lower face turned grey (a grey mask's colour) or of another hue, against the
lower face put in shade (darker, same colour), which a bare face of any tone looks like; dark
lenses against dark eye sockets. The real-photo proof (dev3 masks, sunglasses, confusers) is in
tests/calibration/test_occlusion_dev3.py.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from photocheck.vision.face_regions import face_crop
from photocheck.vision.faces import analyse
from photocheck.vision.hands import covered_by_hand
from photocheck.vision.occlusion import (
    OUTER_LIPS,
    OcclusionMeasures,
    covered_by_lenses,
    covered_by_mask,
    measure_occlusion,
)
from tests.support import face_paint, portraits

pytest.importorskip("skimage.data")

LOWER_FACE = (234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397,
              288, 361, 323, 454, 447, 345, 346, 347, 348, 349, 350, 277, 437, 399, 419, 197,
              196, 174, 217, 120, 119, 118, 117, 116, 227)
"""Cheekbone to cheekbone under the eyes, round the chin: where a mask over the nose sits."""


def _lower_face(pixels: np.ndarray, mesh: np.ndarray) -> np.ndarray:
    out = np.zeros(pixels.shape[:2], np.uint8)
    cv2.fillPoly(out, [np.round(mesh[list(LOWER_FACE), :2]).astype(np.int32)], 1)
    return out.astype(bool)


def _recoloured(change: str) -> np.ndarray:
    """The clean portrait with its lower face (lips included) changed: "grey" keeps only its
    brightness, "blue" turns its hue to a surgical mask's, "shade" halves its light."""
    pixels, mesh = portraits.clean_with_mesh()
    out = pixels.astype(np.float32)
    where = _lower_face(pixels, mesh)
    part = out[where]
    luma = part @ np.array([0.299, 0.587, 0.114], np.float32)
    if change == "grey":
        part = np.repeat(luma[:, None], 3, axis=1)
    elif change == "blue":
        part = luma[:, None] * np.array([0.75, 1.0, 1.25], np.float32)
    elif change == "shade":
        part = part * 0.5
    out[where] = part
    return np.clip(np.rint(out), 0, 255).astype(np.uint8)


def _measures(pixels: np.ndarray) -> OcclusionMeasures:
    mesh = analyse(np.ascontiguousarray(pixels)).landmarks
    assert mesh is not None
    return measure_occlusion(face_crop(pixels, mesh))


def test_bare_face_is_not_masked_nor_behind_lenses() -> None:
    m = _measures(portraits.clean_with_mesh()[0])
    assert not covered_by_mask(m) and not covered_by_lenses(m)
    assert m.lower.lips_stand_out > 0.025  # the astronaut's lips are redder than his skin


@pytest.mark.parametrize("change", ["grey", "blue"])
def test_lower_face_of_a_masks_colour_reads_as_a_mask(change: str) -> None:
    m = _measures(_recoloured(change))
    assert covered_by_mask(m), m.lower


def test_lower_face_in_shade_keeps_its_colour_so_is_no_mask() -> None:
    """Half the light on the lower face (a beard's shade, darker skin) moves brightness only:
    the band keeps the skin's hue and most of its saturation."""
    m = _measures(_recoloured("shade"))
    assert not covered_by_mask(m), m.lower
    assert m.lower.band_hue_gap < 10 and m.lower.band_saturation > 0.6


def test_mask_on_the_mirrored_portrait_too() -> None:
    m = _measures(np.ascontiguousarray(_recoloured("grey")[:, ::-1]))
    assert covered_by_mask(m)


def test_dark_lenses_read_as_sunglasses_and_dark_sockets_do_not() -> None:
    pixels, mesh = portraits.clean_with_mesh()
    assert covered_by_lenses(_measures(face_paint.sunglasses(pixels, mesh)))
    sockets = _measures(face_paint.dark_sockets(pixels, mesh))
    assert not covered_by_lenses(sockets), sockets.lens


def _hand_around(centre: np.ndarray, size: float) -> np.ndarray:
    """21 landmark-like points spread over a hand-sized box around `centre` (geometry only)."""
    grid = np.stack(np.meshgrid(np.linspace(-0.5, 0.5, 7), np.linspace(-0.5, 0.5, 3)), -1)
    return centre + size * grid.reshape(-1, 2)


def test_a_hand_covers_what_lies_inside_its_outline_only() -> None:
    _, mesh = portraits.clean_with_mesh()
    width = float(np.linalg.norm(mesh[454, :2] - mesh[234, :2]))
    mouth = mesh[list(OUTER_LIPS), :2].mean(axis=0)
    over_mouth = _hand_around(mouth, 0.5 * width)
    on_chin = _hand_around(mesh[152, :2] + (0, 0.3 * width), 0.5 * width)
    over_left_eye = _hand_around(mesh[473, :2], 0.3 * width)
    assert covered_by_hand([over_mouth], mesh) == {"mouth"}
    assert covered_by_hand([on_chin], mesh) == set()
    assert covered_by_hand([over_left_eye], mesh) == {"left"}
    assert covered_by_hand([], mesh) == set()
