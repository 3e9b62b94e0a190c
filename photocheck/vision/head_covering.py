"""Is there a hat? A heuristic on the band between the estimated crown and the forehead.

A hat differs from hair in ways this looks for: its lower edge (brim or band) is a straight, hard
line across the whole forehead where a hairline is ragged; the covering above that line is a
uniform colour where hair has strands; it reaches wider than the skull; and it is often a colour
no hair has (a red hat, a navy cap, a flower crown), judged against the skin of the same photo.
A covering fails the rule unless the applicant declares it as religious or medical; then
`hidden_face_parts` asks whether it leaves the whole face visible, as the agency requires.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from photocheck.rules import limit
from photocheck.vision.background import row_norms
from photocheck.vision.face_regions import SKIN_REFERENCE
from photocheck.vision.faces import CHIN, FOREHEAD_TOP
from photocheck.vision.histogram import channel_medians, median

_TEMPLES = (127, 356)
EDGE_STEP = 10.0
"""A pixel is on an edge when its vertical gradient (Lab units per px, Sobel/8) exceeds this."""


@dataclass(frozen=True)
class CoveringEvidence:
    """The measures the score is made of, each 0..1, reported for calibration."""

    straight_edge: float  # share of the forehead width crossed by one horizontal edge
    uniform_above: float  # 1 - texture of the band above that edge, normalised
    wider_than_skull: float  # share of the band's colour found beside the temples
    unlike_hair: float = 0.0  # share of the head top in a colour no hair has (see below)
    # Read only when `unlike_hair` is past its limit (None otherwise): that colour's share
    beside_cheeks: float | None = None  # beside both cheeks (hanging hair)
    under_chin: float | None = None  # and under the chin (a scarf wrapped around the neck)

    @property
    def score(self) -> float:
        return self.straight_edge * self.uniform_above * (0.5 + 0.5 * self.wider_than_skull)

    @property
    def dyed_hair(self) -> bool:
        """The head top's colour hangs beside both cheeks without wrapping under the chin: long
        dyed hair (a green wig), not a covering."""
        if self.beside_cheeks is None or self.under_chin is None:
            return False
        return (self.beside_cheeks > limit("face.head_covering.hangs_beside").value
                and self.under_chin <= limit("face.head_covering.wraps_chin").value)

    def covered(self) -> bool:
        """A covering is seen: a hat's shape, or a colour no hair has on the head top that is
        not long dyed hair."""
        colour = self.unlike_hair > limit("face.head_covering.unlike_hair").value
        return (self.score > limit("face.head_covering.score").value
                or (colour and not self.dyed_hair))

    def report(self) -> tuple[dict[str, float], dict[str, float]]:
        """The measures and their limits, for the check's `value` and `limit` (where the
        colour was vivid, also where it hangs and whether it wraps the chin)."""
        value = {"score": round(self.score, 3), "unlike_hair": round(self.unlike_hair, 3)}
        limits = {"score": limit("face.head_covering.score").value,
                  "unlike_hair": limit("face.head_covering.unlike_hair").value}
        if self.beside_cheeks is not None and self.under_chin is not None:
            value |= {"beside_cheeks": round(self.beside_cheeks, 3),
                      "under_chin": round(self.under_chin, 3)}
            limits |= {"beside_cheeks": limit("face.head_covering.hangs_beside").value,
                       "under_chin": limit("face.head_covering.wraps_chin").value}
        return value, limits


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


def covering_evidence(pixels: np.ndarray, landmarks: np.ndarray,
                      crown: tuple[float, float] | None = None) -> CoveringEvidence:
    """Measure hat-likeness above the forehead of the meshed face; `crown` is the top of the
    head (hair or covering) when the person mask gave it."""
    band = upright_head_band(pixels, landmarks)
    h, w = band.shape[:2]
    if h < 8 or w < 8:
        return CoveringEvidence(0.0, 0.0, 0.0)
    skin = skin_lab(pixels, landmarks)
    unlike = unlike_hair(band, landmarks, crown, skin)
    shape = shape_evidence(band)
    if unlike <= limit("face.head_covering.unlike_hair").value:  # nothing vivid to explain
        return CoveringEvidence(shape[0], shape[1], shape[2], unlike)
    beside, under = hanging_colour(pixels, landmarks, skin)
    return CoveringEvidence(shape[0], shape[1], shape[2], unlike, beside, under)


def shape_evidence(band: np.ndarray) -> tuple[float, float, float]:
    """(straight edge, uniformity above it, reach beyond the temples) of the upright band."""
    h, w = band.shape[:2]
    inner = slice(w // 6, w - w // 6)  # between the temples
    # A brim or band sits across the hairline: search the rows around the mesh top only
    # (mesh top at 0.5 / 0.72 of the band's height), not the crown's outline above.
    zone = slice(int(0.5 * h), int(0.9 * h))
    # Only the rows from a quarter above the zone down to its end, between the temples, are
    # read: the gradient is taken there alone (the same values as over the whole band).
    rows = slice(max(0, zone.start - h // 4), max(1, zone.stop))
    grad = _row_gradient(band, rows, inner)
    edge_row, straight = straightest_edge(grad[zone])
    edge_row += zone.start
    above = band[max(0, edge_row - h // 4): max(1, edge_row - 2), inner]
    if above.size == 0:
        return straight, 0.0, 0.0
    texture = median(grad[max(0, edge_row - h // 4): max(1, edge_row - 2)])
    uniform = float(np.clip(1 - texture / EDGE_STEP, 0, 1))
    colour = channel_medians(above)
    sides = np.concatenate([band[: max(1, edge_row - 2), : w // 8],
                            band[: max(1, edge_row - 2), -w // 8:]], axis=1)
    near = row_norms(sides.reshape(-1, 3) - colour) < 12
    return straight, uniform, float(near.mean()) if near.size else 0.0


def _row_gradient(band: np.ndarray, rows: slice, cols: slice) -> np.ndarray:
    """The vertical luma-and-colour gradient (strongest channel, 3 x 3 Sobel / 8) of `band` at
    `rows` x `cols`, indexed by the band's own rows (those outside `rows` are zero).

    Sobel reads one pixel around each, so it runs on the region plus a one-pixel rim where the
    band has one; at the band's edges the region's edge is the band's, reflected alike, so every
    value equals the whole band's gradient at the same place.
    """
    h, w = band.shape[:2]
    r0, r1 = max(0, rows.start - 1), min(h, rows.stop + 1)
    c0, c1 = max(0, cols.start - 1), min(w, cols.stop + 1)
    part = cv2.Sobel(np.ascontiguousarray(band[r0:r1, c0:c1]), cv2.CV_32F, 0, 1, ksize=3)
    grad = np.zeros((h, cols.stop - cols.start), np.float32)
    steps = np.abs(part[rows.start - r0: rows.stop - r0, cols.start - c0: cols.stop - c0])
    # The strongest channel pairwise: the same values as `.max(axis=2)`, which numpy reduces
    # slowly over an axis of three (0.3 ms per band against 0.02).
    grad[rows] = np.maximum(np.maximum(steps[..., 0], steps[..., 1]), steps[..., 2]) / 8
    return grad


_SKIN_POINTS = SKIN_REFERENCE
"""Mesh points on the forehead, the nose bridge and the upper cheeks: the median of small
patches there is the skin's colour even when paint, a beard or glasses cover a few of them,
and a mask or a hand over the mouth (which covers the nose and chin) covers none of them."""
HAIR_HUE_SPREAD = 45.0
"""Natural hair (black, brown, blond, red, grey) lies within this many degrees of hue of the
skin in the same photo, or is nearly colourless; a colour cast moves both alike."""
MIN_CHROMA = 20.0
"""Lab chroma under which a colour is too grey to tell from dark hair under a colour cast."""


def skin_lab(pixels: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """Median Lab (OpenCV 8-bit scale) of small patches across the face (`_SKIN_POINTS`)."""
    h, w = pixels.shape[:2]
    patches = []
    for index in _SKIN_POINTS:
        x, y = (int(v) for v in landmarks[index, :2])
        patch = pixels[max(0, y - 2): min(h, y + 3), max(0, x - 2): min(w, x + 3)]
        if patch.size:
            patches.append(patch.reshape(-1, 3))
    if not patches:
        return np.array([0.0, 128.0, 128.0], np.float32)
    rgb = np.concatenate(patches)[None].astype(np.uint8)
    return channel_medians(cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)[0].astype(np.float32))


def unlike_hair(band: np.ndarray, landmarks: np.ndarray, crown: tuple[float, float] | None,
                skin: np.ndarray) -> float:
    """Share of the head top (between the hairline and the crown, middle of the head) whose
    colour no natural hair has: vivid, and either far in hue from the skin (a navy cap, a
    green scarf, flowers) or far more saturated than it (a red hat).

    Judged relative to the skin of the same photo, so a colour cast does not make dark hair
    look blue, and only above the mesh top, so face paint does not count.
    """
    mesh_h = float(np.linalg.norm(landmarks[FOREHEAD_TOP, :2] - landmarks[CHIN, :2]))
    top_row = int(0.5 * mesh_h)  # the mesh top's row in the band (see upright_head_band)
    height = (float(np.linalg.norm(np.asarray(crown) - landmarks[FOREHEAD_TOP, :2]))
              if crown is not None else 0.45 * mesh_h)
    r0, r1 = max(0, int(top_row - 0.8 * height)), top_row - int(0.05 * mesh_h)
    w = band.shape[1]
    region = band[r0: max(r0 + 1, r1), int(0.3 * w): int(0.7 * w)].reshape(-1, 3)
    return foreign_share(region, skin)


def foreign_share(lab: np.ndarray, skin: np.ndarray) -> float:
    """Share of the Lab pixels `lab` (n x 3) in a colour no natural hair has, next to `skin`."""
    if lab.size == 0:
        return 0.0
    a, b = lab[:, 1] - 128, lab[:, 2] - 128
    skin_a, skin_b = float(skin[1]) - 128, float(skin[2]) - 128
    chroma, skin_chroma = np.hypot(a, b), float(np.hypot(skin_a, skin_b))
    hue_gap = np.abs((np.degrees(np.arctan2(b, a) - np.arctan2(skin_b, skin_a)) + 180) % 360
                     - 180)
    foreign = ((chroma >= MIN_CHROMA) & (hue_gap > HAIR_HUE_SPREAD)) | (
        chroma > 1.8 * skin_chroma + 10)
    return float(foreign.mean())


def _face_frame(landmarks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, float]:
    """(chin, up, right, mesh height, face width): the upright frame of the meshed face, `up`
    from the chin to the mesh top and `right` towards the subject's left (mesh point 454)."""
    top, chin = landmarks[FOREHEAD_TOP, :2], landmarks[CHIN, :2]
    mesh_h = float(np.linalg.norm(top - chin))
    up = (top - chin) / max(mesh_h, 1e-6)
    right = np.array([-up[1], up[0]])
    if float(np.dot(right, landmarks[454, :2] - landmarks[234, :2])) < 0:
        right = -right
    return chin, up, right, mesh_h, float(np.linalg.norm(landmarks[454, :2] - landmarks[234, :2]))


def _sample_lab(pixels: np.ndarray, origin: np.ndarray, along: np.ndarray, across: np.ndarray,
                spans: tuple[tuple[float, float], tuple[float, float]]) -> np.ndarray:
    """Lab (n x 3, OpenCV 8-bit) of a 16 x 16 grid of pixels over the parallelogram `origin +
    a * along + b * across` for a, b in `spans`, leaving out what falls off the image."""
    a, b = np.meshgrid(np.linspace(*spans[0], 16), np.linspace(*spans[1], 16))
    points = origin + a[..., None] * along + b[..., None] * across
    h, w = pixels.shape[:2]
    x, y = points[..., 0].round(), points[..., 1].round()
    inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
    rgb = pixels[y[inside].astype(int), x[inside].astype(int)]
    if rgb.size == 0:
        return np.zeros((0, 3), np.float32)
    return cv2.cvtColor(rgb[None].astype(np.uint8), cv2.COLOR_RGB2LAB)[0].astype(np.float32)


def hanging_colour(pixels: np.ndarray, landmarks: np.ndarray,
                   skin: np.ndarray) -> tuple[float, float]:
    """(beside the cheeks, under the chin): the share of each in a colour no natural hair has.

    Dyed hair is hair: it hangs down beside the cheeks (both sides, so the smaller share is
    read) but leaves the neck under the chin bare, where a scarf or a hijab wraps around it. A
    cap or a bouffant cap reaches neither.
    """
    chin, up, right, mesh_h, face_w = _face_frame(landmarks)
    sides = []
    for outline, outwards in ((234, -right), (454, right)):
        lab = _sample_lab(pixels, landmarks[outline, :2], up * mesh_h, outwards * face_w,
                          ((-0.35, 0.0), (0.05, 0.2)))
        sides.append(foreign_share(lab, skin))
    under = _sample_lab(pixels, chin, up * mesh_h, right * face_w, ((-0.25, -0.06), (-0.2, 0.2)))
    return min(sides), foreign_share(under, skin)


# ---------------------------------------------------------------- a declared covering: face shown?

_FACE_PROBES = {"forehead": (168, 10, 0.7), "left": (1, 454, 0.55), "right": (1, 234, 0.55)}
"""Where a declared covering must leave skin: (from, towards, share of the way) between mesh
points: the upper forehead below the hairline, and each cheek short of the face's outline (the
subject's left and right). A scarf pulled over the forehead or the cheeks covers these."""


def probe_lab(pixels: np.ndarray, landmarks: np.ndarray, part: str, radius: int) -> np.ndarray:
    """Median Lab (OpenCV 8-bit scale) of a small square at the probe point of `part`."""
    start, towards, share = _FACE_PROBES[part]
    x, y = (landmarks[start, :2] + share * (landmarks[towards, :2] - landmarks[start, :2]))
    h, w = pixels.shape[:2]
    xi, yi = int(np.clip(x, 0, w - 1)), int(np.clip(y, 0, h - 1))
    patch = pixels[max(0, yi - radius): yi + radius + 1, max(0, xi - radius): xi + radius + 1]
    lab = cv2.cvtColor(np.ascontiguousarray(patch), cv2.COLOR_RGB2LAB).reshape(-1, 3)
    return channel_medians(lab.astype(np.float32))


def face_probe_distances(pixels: np.ndarray, landmarks: np.ndarray) -> dict[str, float]:
    """Per probe, how far its colour is from the face's own skin: the Lab distance with
    lightness counted at half weight, so a shaded cheek stays skin where fabric does not."""
    skin = skin_lab(pixels, landmarks)
    face_w = float(np.linalg.norm(landmarks[454, :2] - landmarks[234, :2]))
    radius = max(1, round(0.03 * face_w))
    out = {}
    for part in _FACE_PROBES:
        lab = probe_lab(pixels, landmarks, part, radius)
        d_l, d_a, d_b = lab - skin
        out[part] = float(np.sqrt((0.5 * d_l) ** 2 + d_a ** 2 + d_b ** 2))
    return out


def hidden_face_parts(pixels: np.ndarray, landmarks: np.ndarray) -> tuple[str, ...]:
    """The parts of the face ("forehead", "left", "right") a declared covering seems to hide:
    those whose colour is further from the face's skin than `face.head_covering.face_shown`."""
    most = limit("face.head_covering.face_shown").value
    return tuple(part for part, d in face_probe_distances(pixels, landmarks).items() if d > most)
