"""Is a hand over the mouth or the eyes? mediapipe's hand landmarks against the face mesh.

A hand has the colour of skin, so the colour evidence that finds a mask cannot see it, and a
bare face whose lips are hardly redder than its skin (common on darker skin) looks the same to
it. The hand model (palm detection, then 21 landmarks per hand, shipped in the mediapipe wheel)
answers that directly; it costs a few tens of milliseconds, so face.occlusion asks it only when
the cheap evidence is ambiguous (see `photocheck.checks.visibility_rules`).

A hand covers a feature when the feature's centre lies inside the hand's outline (the convex
hull of its landmarks, which spans the palm and the fingers): a hand on the chin or the cheek,
or one holding something below the mouth, leaves the lips' and the eyes' centres outside.
"""

from __future__ import annotations

import cv2
import numpy as np

from photocheck.vision import models

MOUTH_CENTRE = (13, 14)
"""The middle of the inner lips (upper and lower), mediapipe face-mesh indices."""
EYE_CENTRES = {"right": 468, "left": 473}
"""The iris centres of the refined mesh."""


AROUND_FACE = 0.6
"""The hand model looks at the face's box grown by this share of its size on every side: the
palm detector sees a downscaled image, where a hand at the face of a half-length photo is
small; around the face it is large, and a hand covering the face lies within."""


def hand_landmarks(pixels: np.ndarray, face: np.ndarray | None = None) -> list[np.ndarray]:
    """Each hand's 21 landmarks (x, y in pixels of `pixels`, RGB uint8) found in the photo, or
    only around the face mesh `face` when given."""
    x0 = y0 = 0
    if face is not None:
        lo, hi = face[:, :2].min(axis=0), face[:, :2].max(axis=0)
        grow = (hi - lo) * AROUND_FACE
        height, width = pixels.shape[:2]
        x0, y0 = (int(max(0, v)) for v in lo - grow)
        x1, y1 = int(min(width, hi[0] + grow[0])) + 1, int(min(height, hi[1] + grow[1])) + 1
        pixels = pixels[y0:y1, x0:x1]
    found = models.hand_tracker().process(np.ascontiguousarray(pixels))
    height, width = pixels.shape[:2]
    return [np.array([(p.x * width + x0, p.y * height + y0) for p in hand.landmark], np.float64)
            for hand in (found.multi_hand_landmarks or [])]


def covered_by_hand(hands: list[np.ndarray], face: np.ndarray) -> set[str]:
    """Which of "mouth", "right" and "left" (eye) lie inside a hand's outline.

    `face` is the face mesh (478 x 2+, pixels), `hands` what `hand_landmarks` found.
    """
    points = {"mouth": face[list(MOUTH_CENTRE), :2].mean(axis=0)}
    points.update({side: face[index, :2] for side, index in EYE_CENTRES.items()})
    covered = set()
    for hand in hands:
        hull = cv2.convexHull(hand.astype(np.float32))
        for name, point in points.items():
            if cv2.pointPolygonTest(hull, (float(point[0]), float(point[1])), False) >= 0:
                covered.add(name)
    return covered
