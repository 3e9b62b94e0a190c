"""Eye measurements from the face mesh: how open each eye is, and glare over the eyes.

Openness is the eye aspect ratio (lid-to-lid distance over corner-to-corner width, Soukupova &
Cech 2016) on the refined mesh's eyelid landmarks, with the iris diameter as a cross-check that
the iris shows. Glare is reflections on glasses: first whether there are glasses at all (the
bridge's line across the nose), then pixels in the region a lens covers brighter than the face's
own highlights, in blobs larger than the catchlight every well-lit eye has. The whites of the
eyes also tell a human face from an animal's (`sclera_contrast`).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from photocheck.vision.histogram import byte_percentiles, mapped_byte_percentiles, percentiles

# (outer corner, inner corner, upper/lower lid pairs, iris ring) per eye, mediapipe indices.
_EYES = {
    "right": (33, 133, ((159, 145), (158, 153), (160, 144)), (469, 471)),
    "left": (263, 362, ((386, 374), (385, 380), (387, 373)), (474, 476)),
}

NEAR_WHITE = 235
"""Luma (of 255) at which a pixel in a lens region is a reflection whatever the face."""


@dataclass(frozen=True)
class EyeOpenness:
    """Per-eye aspect ratio (opening / width) and opening over iris diameter."""

    ratio: dict[str, float]
    iris_shown: dict[str, float]


def eye_openness(landmarks: np.ndarray) -> EyeOpenness:
    """How open each eye is, from the mesh's 2D eyelid and iris landmarks."""
    ratio, iris_shown = {}, {}
    for side, (outer, inner, lids, iris) in _EYES.items():
        pts = landmarks[:, :2]
        width = np.linalg.norm(pts[outer] - pts[inner])
        opening = np.mean([np.linalg.norm(pts[a] - pts[b]) for a, b in lids])
        diameter = np.linalg.norm(pts[iris[0]] - pts[iris[1]])
        ratio[side] = float(opening / width) if width else 0.0
        iris_shown[side] = float(opening / diameter) if diameter else 0.0
    return EyeOpenness(ratio, iris_shown)


def lens_box(landmarks: np.ndarray, side: str, image_shape: tuple[int, ...]) -> tuple[int, ...]:
    """The box a spectacle lens over this eye would cover (x0, y0, x1, y1), clipped."""
    outer, inner, _, _ = _EYES[side]
    pts = landmarks[:, :2]
    cx, cy = (pts[outer] + pts[inner]) / 2
    width = np.linalg.norm(pts[outer] - pts[inner])
    half_w, half_h = 0.9 * width, 0.6 * width
    h, w = image_shape[:2]
    return (int(max(0, cx - half_w)), int(max(0, cy - half_h)),
            int(min(w, cx + half_w)), int(min(h, cy + half_h)))


UPRIGHT = 96
"""Inner-eye-corner distance (px) of the upright eye-region view the glasses are looked for in."""


def upright_eyes(pixels: np.ndarray, landmarks: np.ndarray) -> np.ndarray:
    """Luma of the eye region turned level and scaled so the inner eye corners lie `UPRIGHT`
    px apart, centred between them at (2, 1.5) x `UPRIGHT` of a 4 x 3 `UPRIGHT` view: the same
    view of every face whatever its size or roll."""
    right, left = landmarks[133, :2], landmarks[362, :2]
    span = float(np.linalg.norm(left - right)) or 1.0
    angle = float(np.degrees(np.arctan2(left[1] - right[1], left[0] - right[0])))
    centre = (right + left) / 2
    rot = cv2.getRotationMatrix2D((float(centre[0]), float(centre[1])), angle, UPRIGHT / span)
    rot[:, 2] += (2 * UPRIGHT - centre[0], 1.5 * UPRIGHT - centre[1])
    view = cv2.warpAffine(np.ascontiguousarray(pixels), rot, (4 * UPRIGHT, 3 * UPRIGHT),
                          flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    return cv2.cvtColor(view, cv2.COLOR_RGB2GRAY).astype(np.float32)


def glasses_evidence(pixels: np.ndarray, landmarks: np.ndarray) -> float:
    """How strongly a spectacle frame shows: the strongest horizontal line across the nose
    bridge between the eyes plus the weaker of the two lines under the eyes (the lower rims),
    each over the eye region's contrast. Bare skin draws neither line crisply.

    Dividing by the region's own contrast (90th - 10th percentile of luma) makes the measure
    the same for dark and light skin and for dim and bright photos.
    """
    view = upright_eyes(pixels, landmarks)
    region = view[int(0.8 * UPRIGHT): int(2.5 * UPRIGHT), int(0.5 * UPRIGHT): int(3.5 * UPRIGHT)]
    low, high = byte_percentiles(region, (10, 90))  # grey levels: np.percentile's values
    contrast = max(10.0, float(high - low))
    bridge = _strongest_row(view, (0.5, 1.7), (1.75, 2.25))
    rims = min(_strongest_row(view, (1.75, 2.4), (0.6, 1.5)),
               _strongest_row(view, (1.75, 2.4), (2.5, 3.4)))
    return (bridge + rims) / contrast


def _strongest_row(view: np.ndarray, rows: tuple[float, float], cols: tuple[float, float]
                   ) -> float:
    """The largest row mean of the vertical luma gradient in a part of the upright eye view
    (`rows` and `cols` in `UPRIGHT` units): how crisp the most horizontal line there is."""
    part = view[int(rows[0] * UPRIGHT): int(rows[1] * UPRIGHT),
                int(cols[0] * UPRIGHT): int(cols[1] * UPRIGHT)]
    return float((np.abs(cv2.Sobel(part, cv2.CV_32F, 0, 1, ksize=3)) / 8).mean(axis=1).max())


def glare_fraction(pixels: np.ndarray, landmarks: np.ndarray, min_blob: float) -> float:
    """Share of the two lens regions covered by reflection blobs of at least `min_blob` of the
    region's area (smaller ones are the eyes' own catchlights).

    A reflection is a blob brighter than both the face's own highlights (its 98th percentile
    plus `REFLECTION_MARGIN`) and the lens region around it (its median plus
    `REFLECTION_STEP`), or at least `NEAR_WHITE`: the measure follows the light on the lens,
    not how light the skin behind it is. Coloured
    reflections of coated lenses count (no colourlessness test); the eye openings themselves
    (whites of the eyes, catchlights) are left out.
    """
    luma = cv2.cvtColor(np.ascontiguousarray(pixels), cv2.COLOR_RGB2GRAY)
    eyes = np.zeros(luma.shape, np.uint8)
    for ring, _, _ in _EYE_RING.values():
        cv2.fillPoly(eyes, [np.round(landmarks[list(ring), :2]).astype(np.int32)], 1)
    eyes = cv2.dilate(eyes, np.ones((5, 5), np.uint8))
    highlights = byte_percentiles(luma[_face_box(landmarks, luma.shape)], (98,))[0]
    covered = total = 0
    for side in _EYES:
        x0, y0, x1, y1 = lens_box(landmarks, side, pixels.shape)
        region = luma[y0:y1, x0:x1]
        if region.size == 0:
            continue
        level = min(float(NEAR_WHITE), max(highlights + REFLECTION_MARGIN,
                                           float(np.median(region)) + REFLECTION_STEP))
        mask = ((region >= level) & (eyes[y0:y1, x0:x1] == 0)).astype(np.uint8)
        count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        areas = stats[1:count, cv2.CC_STAT_AREA]
        covered += int(areas[areas >= min_blob * mask.size].sum())
        total += mask.size
    return covered / total if total else 0.0


REFLECTION_STEP = 45.0
"""Luma a reflection stands above the median of its lens region (skin, frame and eye)."""
REFLECTION_MARGIN = 10.0
"""Luma a reflection stands above the face's 98th percentile (skin shine, eye whites)."""


def _face_box(landmarks: np.ndarray, shape: tuple[int, ...]) -> tuple[slice, slice]:
    """Rows and columns of the mesh's bounding box, clipped to the image."""
    x0, y0 = np.floor(landmarks[:, :2].min(axis=0)).astype(int)
    x1, y1 = np.ceil(landmarks[:, :2].max(axis=0)).astype(int) + 1
    return slice(max(0, y0), min(shape[0], y1)), slice(max(0, x0), min(shape[1], x1))


# Eye outlines (mediapipe face-mesh contour rings) and iris centre and ring points per eye.
_EYE_RING = {
    "right": ((33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246),
              468, (469, 471)),
    "left": ((263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466),
             473, (474, 476)),
}
MIN_IRIS_RADIUS = 2.0
"""An iris smaller than this (px) is too small to tell its colour from the white around it."""


def eyes_look_covered(pixels: np.ndarray, landmarks: np.ndarray, max_detail: float) -> bool:
    """True when every eye, lids included, is flat: no iris, white, lashes or lid crease show
    (a dark lens or a hand over it).

    The spread (90th-10th percentile of natural-log luma) is what face.occlusion reads as
    `eye_detail`: a visible eye shows 0.27 and more on the dev photos, a lens or a hand under
    0.2. The region is the eyelid rim enlarged 1.8 times about its centre, so an eye whose
    white alone is dark (an animal's) still shows its lids and is not called covered. Covered
    eyes cannot say whether the face is human, so the sclera test must not be asked: a person
    in sunglasses is an occlusion, not an animal.
    """
    height, width = pixels.shape[:2]
    for ring, _, _ in _EYE_RING.values():
        rim = landmarks[list(ring), :2]
        centre = rim.mean(axis=0)
        points = centre + 1.8 * (rim - centre)
        x0, y0 = np.floor(points.min(0)).astype(int)
        x1, y1 = np.ceil(points.max(0)).astype(int) + 1
        x0, y0, x1, y1 = max(0, x0), max(0, y0), min(width, x1), min(height, y1)
        if x1 - x0 < 2 or y1 - y0 < 2:
            return False
        patch = pixels[y0:y1, x0:x1]
        inside = np.zeros(patch.shape[:2], np.uint8)
        cv2.fillPoly(inside, [np.round(points - (x0, y0)).astype(np.int32)], 1)
        luma = cv2.cvtColor(np.ascontiguousarray(patch), cv2.COLOR_RGB2GRAY)[inside > 0]
        if luma.size < 6:
            return False
        low, high = mapped_byte_percentiles(luma, _LOG_GREY, (10, 90))
        if float(high - low) >= max_detail:
            return False
    return True


_LOG_GREY = np.log(np.arange(256, dtype=np.float32) + 4.0)
"""log(grey + 4) of every grey level, float32: what `np.log` gives each eye pixel (the same
values, checked), so the spread's percentiles come from the grey levels' histogram."""


def sclera_contrast(pixels: np.ndarray, landmarks: np.ndarray) -> float | None:
    """How much lighter the whites of the eyes are than the irises, 0..1, or None when the
    eyes are too small to tell.

    Human eyes show a white sclera on both sides of a darker iris; most other primates and
    pets have a pigmented sclera the colour of the iris (Kobayashi & Kohshima 1997). The
    sclera is sampled on three lines along the eye's own axis between the iris and each
    corner, away from the lids; the brighter side counts (the other may be in shadow), and the
    iris is the darker part of its inner disc. The measure is (sclera - iris) / sclera on
    luma, so skin tone and overall exposure cancel out; the better-lit eye counts.
    """
    luma = _eye_window(pixels, landmarks)
    eyes = []  # per measurable eye: the iris disc's points, then each side's line of points
    for side, (outer, inner, _, _) in _EYES.items():
        _, centre, (a, b) = _EYE_RING[side]
        iris_c = landmarks[centre, :2]
        radius = float(np.linalg.norm(landmarks[a, :2] - landmarks[b, :2])) / 2
        if radius < MIN_IRIS_RADIUS:
            continue
        eyes.append([iris_c + radius * 0.6 * _DISC]
                    + [_sclera_line(iris_c, landmarks[corner, :2], radius)
                       for corner in (outer, inner)])
    # Every point of both eyes is interpolated in one pass (the same values point by point).
    sampled = iter(_sample_sets(luma, [points for eye in eyes for points in eye],
                                [q for _ in eyes for q in (25, 50, 50)]))
    contrasts = []
    for _ in eyes:
        iris, whites = next(sampled), [next(sampled), next(sampled)]
        found = [w for w in whites if w is not None]
        if iris is None or not found:
            continue
        sclera = max(found)
        contrasts.append(max(0.0, sclera - iris) / max(sclera, 1.0))
    return max(contrasts) if contrasts else None


_ANGLES = np.linspace(0, 2 * np.pi, 8, endpoint=False)
_DISC = np.array([np.array((np.cos(t), np.sin(t))) * f for t in _ANGLES for f in (0.3, 1.0)])
"""Where the iris is sampled, in units of 0.6 iris radius around its centre: two rings."""


@dataclass(frozen=True)
class _Window:
    """Float32 luma of a window of the image (its top-left at `x0`, `y0`) and the size of the
    whole image: only the eyes are sampled, so only they are converted to luma."""

    luma: np.ndarray
    x0: int
    y0: int
    width: int
    height: int


def _eye_window(pixels: np.ndarray, landmarks: np.ndarray) -> _Window:
    """The luma window around both eyes, wide enough for every point `sclera_contrast`
    samples (they lie within an iris radius of the eye's rim) and their bilinear neighbours."""
    h, w = pixels.shape[:2]
    indices = [i for outer, inner, _, (a, b) in _EYES.values() for i in (outer, inner, a, b)]
    indices += [i for ring, centre, _ in _EYE_RING.values() for i in (*ring, centre)]
    pts = landmarks[indices, :2]
    reach = max(float(np.linalg.norm(landmarks[a, :2] - landmarks[b, :2]))
                for _, _, _, (a, b) in _EYES.values()) + 2.0
    x0, y0 = (max(0, int(np.floor(v - reach))) for v in pts.min(axis=0))
    x1 = min(w, int(np.ceil(pts[:, 0].max() + reach)) + 2)
    y1 = min(h, int(np.ceil(pts[:, 1].max() + reach)) + 2)
    x0, y0 = min(x0, max(0, x1 - 1)), min(y0, max(0, y1 - 1))
    part = np.ascontiguousarray(pixels[y0:y1, x0:x1])
    return _Window(cv2.cvtColor(part, cv2.COLOR_RGB2GRAY).astype(np.float32), x0, y0, w, h)


def _sclera_line(iris_c: np.ndarray, corner: np.ndarray, radius: float) -> np.ndarray | None:
    """Where the white between the iris edge and an eye corner is sampled (image px): three
    lines along the eye's axis, stopping short of the corner and its skin; None when the iris
    covers that side."""
    axis = corner - iris_c
    length = float(np.linalg.norm(axis))
    start, stop = 1.05 * radius, length - 0.3 * radius
    if stop - start < 0.15 * radius:
        return None
    unit = axis / length
    normal = np.array((-unit[1], unit[0]))
    along = np.repeat(np.linspace(start, stop, 5), 3)[:, None]
    across = _ACROSS * radius
    return iris_c + unit * along + normal * across


_ACROSS = np.tile((-0.2, 0.0, 0.2), 5)[:, None]
"""The three lines' offsets across the eye's axis (iris radii), for each of five steps."""


def _sample_sets(luma: _Window, sets: list[np.ndarray | None],
                 qs: list[float]) -> list[float | None]:
    """Per set of points (image px), the percentile `qs[i]` of `luma` at its points (bilinear,
    points outside the image left out); None for a set that is None or wholly outside."""
    given = [np.asarray(points, np.float64).reshape(-1, 2) for points in sets
             if points is not None]
    if not given:
        return [None] * len(sets)
    xy = np.concatenate(given)
    inside = ((xy[:, 0] >= 0) & (xy[:, 0] < luma.width - 1)
              & (xy[:, 1] >= 0) & (xy[:, 1] < luma.height - 1))
    values = np.zeros(len(xy))
    values[inside] = _bilinear(luma, xy[inside])
    out: list[float | None] = []
    start = 0
    for points, q in zip(sets, qs, strict=True):
        if points is None:
            out.append(None)
            continue
        stop = start + len(np.asarray(points).reshape(-1, 2))
        kept = values[start:stop][inside[start:stop]]
        out.append(percentiles(kept, (q,))[0] if kept.size else None)
        start = stop
    return out


def _bilinear(luma: _Window, xy: np.ndarray) -> np.ndarray:
    """`luma` at image points `xy` (n x 2, inside the image), interpolated bilinearly as
    OpenCV's getRectSubPix does, all points at once. A neighbour past the window's last row or
    column has weight 0 there, so it is clamped onto the window."""
    x, y = xy[:, 0] - luma.x0, xy[:, 1] - luma.y0
    x0, y0 = np.floor(x).astype(np.intp), np.floor(y).astype(np.intp)
    fx, fy = x - x0, y - y0
    h, w = luma.luma.shape
    x1, y1 = np.minimum(x0 + 1, w - 1), np.minimum(y0 + 1, h - 1)
    img = luma.luma
    return ((img[y0, x0] * (1 - fx) + img[y0, x1] * fx) * (1 - fy)
            + (img[y1, x0] * (1 - fx) + img[y1, x1] * fx) * fy)
