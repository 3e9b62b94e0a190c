"""DERIVED hand-over-face cases for face.occlusion: a real hand from one real photo placed over
the mouth, the eyes, the chin or the cheek of another real face.

    python -m tests.calibration.derived_hands OUT_DIR   # writes the derived JPEGs to look at

dev3 has no real photo of a hand over the mouth or the eyes, so these are built at test time from
the dev photos beside the checkout (never committed): the hand is cut from a dev3 photo along
the convex hull of mediapipe's 21 hand landmarks (grown by a fifth of the palm so the fingers'
sides are kept), only where the pixels have the hand's own colour, with a feathered edge; it is
scaled to the target face's width and placed by the target's face mesh. They are derived cases,
not real ones: a pasted hand has no shadow on the face and the same light as its own photo.
Every case is named `derived_hand_<where>_<face>` in the tests and the calibration notes.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from photocheck.vision.faces import analyse
from photocheck.vision.hands import hand_landmarks

SHARED = Path(__file__).resolve().parents[3] / "shared" / "photos"

HAND_SOURCES = {
    "cheek": "dev3/oq_beard_hand_on_cheek.jpg",  # an open hand pressed to a cheek, fingers up
    "raised": "dev3/ex_open_mouth_pattern_wall.jpg",  # two raised open hands
}
"""Where the real hands come from (the largest hand found in each photo)."""

FACES = {
    "lighter": ("dev2/fl_001.jpg", "dev2/fl_011.jpg"),
    "medium": ("dev2/fl_024.jpg", "dev2/fl_045.jpg"),
    "darker": ("dev2/fl_038.jpg", "dev2/fl_064.jpg"),
}
"""Compliant faces of each tone group the hands are placed on."""


@dataclass(frozen=True)
class Placement:
    """Where the hand goes: centre as a mix of mesh landmarks, its width as a share of the face
    width, and its rotation (degrees, counter-clockwise; 90 turns upright fingers sideways)."""

    landmarks: tuple[int, ...]
    width: float
    angle: float
    shift: tuple[float, float] = (0.0, 0.0)  # in face widths, after the landmark mean


PLACEMENTS = {
    "mouth": Placement((13, 14), 0.95, 90.0),
    "eyes": Placement((468, 473), 1.15, 90.0, (0.0, -0.02)),
    "left_eye": Placement((473,), 0.6, 0.0, (0.05, 0.05)),
    "chin": Placement((152,), 0.8, 90.0, (0.0, 0.22)),
    "cheek": Placement((234,), 0.55, 0.0, (-0.12, 0.05)),
}


@dataclass(frozen=True)
class HandCutout:
    """A hand's pixels (RGB) and its opacity (0-1), cropped to the hand."""

    rgb: np.ndarray
    alpha: np.ndarray


def _read(rel: str) -> np.ndarray:
    with Image.open(SHARED / rel) as image:
        return np.ascontiguousarray(np.asarray(image.convert("RGB")))


@cache
def hand_cutout(rel: str) -> HandCutout:
    """The largest hand in the photo `rel`, cut along its grown landmark hull."""
    pixels = _read(rel)
    hands = hand_landmarks(pixels)
    if not hands:
        raise LookupError(f"no hand found in {rel}")
    pts = max(hands, key=lambda p: float(np.ptp(p[:, 0]) * np.ptp(p[:, 1])))
    palm = float(np.linalg.norm(pts[0] - pts[9]))  # wrist to the middle finger's knuckle
    hull = cv2.convexHull(np.round(pts).astype(np.int32))
    mask = np.zeros(pixels.shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, hull, 1)
    grow = max(3, int(0.2 * palm)) | 1
    mask = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow)))
    lab = cv2.cvtColor(pixels, cv2.COLOR_RGB2LAB).astype(np.float32)
    core = np.zeros_like(mask)
    palm_ring = np.round(pts[[0, 1, 5, 9, 13, 17]]).astype(np.int32)
    cv2.fillConvexPoly(core, cv2.convexHull(palm_ring), 1)
    own = np.median(lab[core > 0], axis=0)
    near = np.linalg.norm(lab[:, :, 1:] - own[1:], axis=2) < 10
    alpha = (mask > 0) & near
    alpha = cv2.morphologyEx(alpha.astype(np.uint8), cv2.MORPH_CLOSE,
                             cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow)))
    soft = cv2.GaussianBlur(alpha.astype(np.float32), (0, 0), max(1.0, 0.03 * palm))
    ys, xs = np.nonzero(alpha)
    box = (slice(ys.min(), ys.max() + 1), slice(xs.min(), xs.max() + 1))
    return HandCutout(pixels[box], soft[box])


def place_hand(face: np.ndarray, landmarks: np.ndarray, hand: HandCutout,
               where: Placement) -> tuple[np.ndarray, np.ndarray]:
    """`face` with `hand` blended in at `where` (a new array), and the hand's opacity there."""
    face_width = float(np.linalg.norm(landmarks[454, :2] - landmarks[234, :2]))
    rgba = np.dstack([hand.rgb.astype(np.float32), hand.alpha])
    turns = round(where.angle / 90) % 4
    rgba = np.rot90(rgba, turns)
    scale = where.width * face_width / rgba.shape[1]
    size = (max(1, round(rgba.shape[1] * scale)), max(1, round(rgba.shape[0] * scale)))
    rgba = cv2.resize(np.ascontiguousarray(rgba), size, interpolation=cv2.INTER_AREA)
    centre = landmarks[list(where.landmarks), :2].mean(axis=0)
    centre = centre + np.array(where.shift) * face_width
    x0, y0 = (round(float(c) - s / 2) for c, s in zip(centre, size, strict=True))
    out = face.astype(np.float32)
    h, w = out.shape[:2]
    fx0, fy0, fx1, fy1 = max(0, x0), max(0, y0), min(w, x0 + size[0]), min(h, y0 + size[1])
    part = rgba[fy0 - y0:fy1 - y0, fx0 - x0:fx1 - x0]
    a = part[:, :, 3:4]
    out[fy0:fy1, fx0:fx1] = a * part[:, :, :3] + (1 - a) * out[fy0:fy1, fx0:fx1]
    opacity = np.zeros((h, w), np.float32)
    opacity[fy0:fy1, fx0:fx1] = a[:, :, 0]
    return np.clip(np.rint(out), 0, 255).astype(np.uint8), opacity


FEATURES = {"mouth": (13, 14), "right": (468,), "left": (473,)}
"""The feature centres a hand covers or not (mesh indices): the mouth and each iris."""


def hidden(landmarks: np.ndarray, opacity: np.ndarray) -> frozenset[str]:
    """The features whose centre the pasted hand hides (opacity over a half there)."""
    out = set()
    for name, indices in FEATURES.items():
        x, y = np.rint(landmarks[list(indices), :2].mean(axis=0)).astype(int)
        if 0 <= y < opacity.shape[0] and 0 <= x < opacity.shape[1] and opacity[y, x] > 0.5:
            out.add(name)
    return frozenset(out)


def _jpeg(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "JPEG", quality=92)
    return buf.getvalue()


@dataclass(frozen=True)
class DerivedCase:
    """One derived photo: its name, JPEG bytes, and what the hand hides ("mouth", "right",
    "left" eye; face.occlusion must fail it when anything is hidden)."""

    name: str
    jpeg: bytes
    hides: frozenset[str]
    face_tone: str

    @property
    def covers(self) -> bool:
        return bool(self.hides)


def derived_cases() -> list[DerivedCase]:
    """Every hand source on every face, at every placement."""
    cases = []
    for hand_name, source in HAND_SOURCES.items():
        hand = hand_cutout(source)
        for tone, face_rel in ((t, f) for t, files in FACES.items() for f in files):
            face = _read(face_rel)
            landmarks = analyse(face, lambda rows, f=face: np.ones(f.shape[:2], bool)
                                ).landmarks
            if landmarks is None:
                raise LookupError(f"no face mesh on {face_rel}")
            for where, placement in PLACEMENTS.items():
                name = f"derived_hand_{where}_{Path(face_rel).stem}_{hand_name}_hand"
                pixels, opacity = place_hand(face, landmarks, hand, placement)
                cases.append(DerivedCase(name, _jpeg(pixels), hidden(landmarks, opacity), tone))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for case in derived_cases():
        (out / f"{case.name}.jpg").write_bytes(case.jpeg)


if __name__ == "__main__":
    main()
