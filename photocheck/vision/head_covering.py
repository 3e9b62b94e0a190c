"""Is there a hat? A heuristic on the band between the estimated crown and the forehead.

A hat differs from hair in three ways this looks for: its lower edge (brim or band) is a straight,
hard line across the whole forehead where a hairline is ragged; the covering above that line is a
uniform colour where hair has strands; and it reaches wider than the skull. The rule is a warning
only (religious and medical coverings are allowed), so this errs on the side of staying quiet.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from photocheck.vision.faces import CHIN, FOREHEAD_TOP

_TEMPLES = (127, 356)
EDGE_STEP = 10.0
"""A pixel is on an edge when its vertical gradient (Lab units per px, Sobel/8) exceeds this."""


@dataclass(frozen=True)
class CoveringEvidence:
    """The measures the score is made of, each 0..1, reported for calibration."""

    straight_edge: float  # share of the forehead width crossed by one horizontal edge
    uniform_above: float  # 1 - texture of the band above that edge, normalised
    wider_than_skull: float  # share of the band's colour found beside the temples

    @property
    def score(self) -> float:
        return self.straight_edge * self.uniform_above * (0.5 + 0.5 * self.wider_than_skull)


def upright_head_band(pixels: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """The region from well above the crown to below the mesh top, turned upright (Lab)."""
    top, chin = landmarks[FOREHEAD_TOP, :2], landmarks[CHIN, :2]
    up = top - chin
    mesh_h = float(np.linalg.norm(up))
    angle = -float(np.degrees(np.arctan2(up[0], -up[1])))
    half_w = 0.75 * float(np.linalg.norm(landmarks[_TEMPLES[1], :2] - landmarks[_TEMPLES[0], :2]))
    out_w, out_h = int(2 * half_w), int(0.72 * mesh_h)
    rot = cv2.getRotationMatrix2D((float(top[0]), float(top[1])), angle, 1.0)
    rot[:, 2] += (half_w - top[0], 0.5 * mesh_h - top[1])
    band = cv2.warpAffine(pixels, rot, (max(out_w, 1), max(out_h, 1)),
                          borderMode=cv2.BORDER_REPLICATE)
    return cv2.cvtColor(band, cv2.COLOR_RGB2LAB).astype(np.float32)


def straightest_edge(grad: np.ndarray) -> tuple[int, float]:
    """The row where most columns have their strongest vertical edge, and the share of columns
    whose strongest edge lies within 2 px of it: 1.0 for a brim, low for a ragged hairline."""
    rows = grad.argmax(axis=0)
    strong = grad.max(axis=0) > EDGE_STEP
    if not strong.any():
        return 0, 0.0
    edge_row = int(np.median(rows[strong]))
    return edge_row, float((strong & (np.abs(rows - edge_row) <= 2)).mean())


def covering_evidence(pixels: np.ndarray, landmarks: np.ndarray) -> CoveringEvidence:
    """Measure hat-likeness above the forehead of the meshed face."""
    band = upright_head_band(pixels, landmarks)
    h, w = band.shape[:2]
    if h < 8 or w < 8:
        return CoveringEvidence(0.0, 0.0, 0.0)
    grad = np.abs(cv2.Sobel(band, cv2.CV_32F, 0, 1, ksize=3)).max(axis=2) / 8
    inner = slice(w // 6, w - w // 6)  # between the temples
    # A brim or band sits across the hairline: search the rows around the mesh top only
    # (mesh top at 0.5 / 0.72 of the band's height), not the crown's outline above.
    zone = slice(int(0.5 * h), int(0.9 * h))
    edge_row, straight = straightest_edge(grad[zone, inner])
    edge_row += zone.start
    above = band[max(0, edge_row - h // 4): max(1, edge_row - 2), inner]
    if above.size == 0:
        return CoveringEvidence(straight, 0.0, 0.0)
    texture = float(np.median(grad[max(0, edge_row - h // 4): max(1, edge_row - 2), inner]))
    uniform = float(np.clip(1 - texture / EDGE_STEP, 0, 1))
    colour = np.median(above.reshape(-1, 3), axis=0)
    sides = np.concatenate([band[: max(1, edge_row - 2), : w // 8],
                            band[: max(1, edge_row - 2), -w // 8:]], axis=1)
    near = np.linalg.norm(sides.reshape(-1, 3) - colour, axis=1) < 12
    return CoveringEvidence(straight, uniform, float(near.mean()) if near.size else 0.0)
