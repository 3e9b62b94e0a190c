"""A DERIVED hijab: the astronaut portrait with real fabric from her own orange flight suit laid
over her hair, the sides of her head and her neck, the face oval left bare.

No dev photo shows a hijab, so this is the nearest real-pixel case we can build: the cloth's
pixels (colour, weave, folds, light) are a real photo's; the outline that frames the face is
drawn from the face mesh. It is a derived case, never proof that real hijabs are caught: a
dark or white real hijab has a colour hair can have, which this branch's measures miss
(docs/calibration-face.md).
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
from skimage import data

from photocheck.vision.faces import CHIN, FOREHEAD_TOP, analyse

FACE_OVAL = (10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400,
             377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103,
             67, 109)
"""The face mesh's outline, in order (mediapipe's FACEMESH_FACE_OVAL)."""
SCALE = 3.5
"""The portrait is the astronaut's head and shoulders enlarged 3.5 times (as in the face tests)."""


@cache
def portrait() -> np.ndarray:
    """The astronaut's head and shoulders, 840 x 1085 px (as tests/test_face_rules.py uses)."""
    crop = data.astronaut()[0:310, 104:344]
    return np.ascontiguousarray(cv2.resize(crop, None, fx=SCALE, fy=SCALE,
                                           interpolation=cv2.INTER_CUBIC))


@cache
def fabric(shape: tuple[int, int]) -> np.ndarray:
    """Her flight suit's orange cloth (a patch below the left shoulder, free of badges),
    enlarged like the portrait and tiled, mirrored, to `shape`."""
    patch = data.astronaut()[330:420, 40:110]
    patch = cv2.resize(patch, None, fx=SCALE, fy=SCALE, interpolation=cv2.INTER_CUBIC)
    tile = np.concatenate([patch, patch[:, ::-1]], axis=1)
    tile = np.concatenate([tile, tile[::-1]], axis=0)
    reps = (shape[0] // tile.shape[0] + 1, shape[1] // tile.shape[1] + 1, 1)
    return np.tile(tile, reps)[: shape[0], : shape[1]]


def with_hijab(face_shown: float = 1.0) -> np.ndarray:
    """The portrait wearing the derived hijab. `face_shown` scales the bare face oval about the
    nose (1.0: the whole face from the hairline to the chin shows; 0.6: the cloth is pulled over
    the forehead and the cheeks)."""
    image = portrait().copy()
    mesh = analyse(image.copy()).landmarks
    assert mesh is not None, "the astronaut's face is meshed"
    top, chin = mesh[FOREHEAD_TOP, :2], mesh[CHIN, :2]
    mesh_h = float(np.linalg.norm(top - chin))
    face_w = float(np.linalg.norm(mesh[454, :2] - mesh[234, :2]))
    cloth = np.zeros(image.shape[:2], np.uint8)
    centre = (int(top[0]), int(top[1] + 0.3 * mesh_h))
    cv2.ellipse(cloth, centre, (int(0.85 * face_w), int(0.85 * mesh_h)), 0, 0, 360, 255, -1)
    x0, x1 = int(chin[0] - 0.7 * face_w), int(chin[0] + 0.7 * face_w)
    cv2.rectangle(cloth, (x0, int(chin[1] - 0.2 * mesh_h)), (x1, int(chin[1] + 0.45 * mesh_h)),
                  255, -1)
    nose = mesh[1, :2]
    oval = nose + face_shown * (mesh[list(FACE_OVAL), :2] - nose)
    cv2.fillPoly(cloth, [oval.astype(np.int32)], 0)
    worn = cloth.astype(bool)[:, :, None]
    return np.where(worn, fabric(image.shape[:2]), image).astype(np.uint8)
