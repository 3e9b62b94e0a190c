"""Is anything covering the eyes, the nose or the mouth? Measures for `face.occlusion`.

The mesh places the eyes, nose and mouth even when they are covered (it infers them from the
rest of the face), so the pixels at those places tell whether the feature itself shows:

- An eye shows the contrast of iris, eye white and lashes: a wide spread of log-luma inside the
  eyelid rim (`eye_detail`). A lens of sunglasses, a hand or a patch over the eye leaves a flat
  patch. Log-luma makes the spread a ratio, so it reads the same on every skin tone and exposure.
  A shut eye is flat inside its rim too, but its lash line and lids are not: the spread over the
  eye with its lids (`lid_detail`) must be flat as well.
- What covers a flat eye is told from its brightness and colour against the face's own skin:
  much darker and colourless is a dark lens; as bright and as coloured as the skin is a hand
  (or a skin-coloured object); dark with strands (a wide spread across the brow band) is hair.
- The nose tip, the lips and the chin have the colour of the face's own skin (lips slightly
  redder). A mask or a scarf replaces that colour by its own: grey, white, black or blue, all
  far from skin in chromaticity, which shading hardly changes (`lower_cover`).
- A mask is told from a beard by the lips (`LowerFaceView`): the attention mesh still draws lips
  on a masked face, but there the "lips" have the mask's colour, as the band around them has,
  and are no redder than the face's skin; real lips are redder than the beard or skin around
  them (or, on darker skin, about skin-coloured with skin around them). Pleats change the
  brightness, not the colour, so every colour measure here is chromaticity.
- Sunglasses hide the eye whatever the reflections on the lens (`LensView`): the lens is a dark
  area spanning beyond the eye opening, from the brow to the cheekbone, so the skin around the
  opening is as dark as the opening, much darker than the cheek below the lens and the bridge of
  the nose between the lenses; a tinted lens also hides the white sclera beside the iris.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from photocheck.rules import limit
from photocheck.vision.face_regions import (
    EYE_RINGS,
    INNER_LIPS,
    IRIS,
    SKIN_REFERENCE,
    FaceCrop,
    face_crop,
)
from photocheck.vision.histogram import median, percentiles

PATCH = 0.035
"""Radius of the sampling disks around landmarks, fraction of the face width."""

LOWER_PARTS = {
    "nose": (1, 4, 5, 195),
    "mouth": (0, 13, 14, 17),
    "chin": (199, 200, 175),
}
"""Landmarks sampled for each part of the lower face (nose tip and bridge below the eyes, the
lips at the centre, the chin)."""

MOUTH_AREA = (0, 17, 61, 291, 13, 14)
"""The lips and their corners: a mouth shows lips, their meeting line and the skin around."""
OUTER_LIPS = (61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291,
              375, 321, 405, 314, 17, 84, 181, 91, 146)
"""The outer rim of the lips (the lips lie between it and the inner rim)."""
MOUTH_BAND = (164, 167, 393, 165, 391, 57, 287, 186, 410, 43, 273, 18, 83, 313, 201, 421,
              106, 335, 182, 406)
"""Skin around the lips (philtrum, moustache, corners, below the lower lip): beard or skin on a
bare face, the mask's own surface on a masked one."""
BAND_PATCH = 0.03
"""Radius of the band's and the nose bridge's disks (fraction of the face width): they stay
off the nostrils and the inner eye corners."""
CHEEK_BELOW_LENS = {"right": (205, 207, 36, 203), "left": (425, 427, 266, 423)}
"""Mid-cheek skin below each eye, under the bottom edge of any lens."""
NOSE_BRIDGE = (6, 168, 197)
"""The bridge of the nose between the lenses (skin under a nose pad at most)."""
GREY = np.array([1 / 3, 1 / 3], np.float32)
"""The chromaticity of every grey, white and black: saturation and hue are measured about it."""
LENS_SPAN = 2.0
"""A lens covers the eye rim enlarged this much about its centre (lids, brow to cheekbone)."""
OPENING_SPAN = 1.15
"""...except the eye opening itself (the rim enlarged a little, for the lashes)."""
LENS_BODY = 1.7
"""The region (rim enlarged) whose median is the lens's brightness against the nose bridge."""
LID_BANDS = {"right": (247, 30, 29, 27, 28, 56, 190, 31, 228, 229, 230, 231, 232),
             "left": (467, 260, 259, 257, 258, 286, 414, 261, 448, 449, 450, 451, 452)}
"""Skin of the upper lid (below the brow) and under each eye: strands over the eye cross it."""
LIDS = {"right": ((159, 145), (158, 153), (160, 144), (33, 133)),
        "left": ((386, 374), (385, 380), (387, 373), (263, 362))}
"""Upper/lower lid pairs and the corners of each eye, for the eye aspect ratio."""
STRAND_DEPTH = 0.3
"""A pixel lies on a dark strand when it is this much (log-luma) below the closing of its row,
i.e. a thin dark line at least 1.35 x darker than the skin either side of it."""
STRAND_RUN = 0.06
"""...and a strand runs at least this far down (fraction of the face width; an eye is about
0.2 wide): a glasses frame's arc or a lash is thin across but short down."""


@dataclass(frozen=True)
class EyeView:
    """How one eye shows: its contrast, and its brightness and colour against the skin."""

    detail: float  # 90th - 10th percentile of log-luma inside the eyelid rim
    lid_detail: float  # the same over the eye with its lids (where a lens or a hand sits)
    darkness: float  # median log-luma of the eye and lids minus the skin's (< 0: darker)
    chroma_gap: float  # chromaticity distance of the eye and lids from the skin
    strands: float  # share of the lid and under-eye skin crossed by thin dark strands
    openness: float  # lid-to-lid gap over corner-to-corner width (the mesh's eye aspect ratio)


@dataclass(frozen=True)
class LowerFaceView:
    """The lips and the band of skin around them, against the face's own skin (chromaticity)."""

    band_gap: float  # distance of the band's median chromaticity from the skin's
    band_saturation: float  # the band's distance from grey over the skin's (chromaticity)
    band_hue_gap: float  # angle (degrees) between the band's and the skin's hue about grey
    skin_saturation: float  # the skin's distance from grey: below a floor, hue means nothing
    lips_redness: float  # the lips' redness (r - g chromaticity) minus the skin's
    lips_stand_out: float  # 75th percentile redness of the lips minus that of the band
    lips_like_band: float  # distance of the lips' median chromaticity from the band's


@dataclass(frozen=True)
class LensView:
    """How dark the area a lens would cover is, the lighter of the two eyes (a lens covers both)."""

    around: float  # log-luma of the lids around the opening minus the cheek below the eye
    bridge: float  # log-luma of the lens area minus the bridge of the nose
    opening: float  # 90th percentile log-luma of the eye opening minus the cheek below
    iris_contrast: float  # sclera (80th percentile beside the iris) minus the iris, log-luma

    @property
    def darkness(self) -> float:
        """Around plus bridge: a lens is far darker than both the cheek and the nose bridge."""
        return self.around + self.bridge


@dataclass(frozen=True)
class OcclusionMeasures:
    """Per eye and per part of the lower face, what the covering measures say."""

    eyes: dict[str, EyeView]
    lower_cover: dict[str, float]  # chromaticity distance of nose, mouth, chin from the skin
    mouth_detail: float  # 90th - 10th percentile of log-luma around the lips
    lower: LowerFaceView
    lens: LensView


def measure_occlusion(crop: FaceCrop) -> OcclusionMeasures:
    """The occlusion measures of the face in `crop`."""
    skin = crop.patches(SKIN_REFERENCE, PATCH)
    skin_chroma, skin_luma = crop.chroma_of(skin), crop.log_luma_of(skin)
    strands = strand_map(crop)
    eyes = {side: _eye_view(crop, side, skin_chroma, skin_luma, strands) for side in EYE_RINGS}
    lower = {part: float(np.linalg.norm(crop.chroma_of(crop.patches(idx, PATCH)) - skin_chroma))
             for part, idx in LOWER_PARTS.items()}
    around_mouth = crop.patches(MOUTH_AREA, 2 * PATCH)
    values = crop.log_luma[around_mouth]
    detail = spread(values) if values.size else 0.0
    return OcclusionMeasures(eyes, lower, detail, lower_face_view(crop, skin_chroma),
                             lens_view(crop))


def covered_by_lenses(measures: OcclusionMeasures) -> bool:
    """Both eyes behind sunglasses or tinted lenses (see `LensView`).

    A dark lens is much darker than the cheek below it and the nose bridge between the lenses,
    and the eye opening shows no bright white; a lighter tint is also told by the missing
    contrast of white against iris in an open eye. Under a mask the cheeks are the mask's, so a
    masked face is judged by its mask alone.
    """
    lens = measures.lens
    if covered_by_mask(measures) or lens.opening > limit("face.occlusion.lens_opening").value:
        return False
    if lens.darkness <= limit("face.occlusion.lens_darkness").value:
        return True
    # The white beside the iris is only missing for a lens if the eye is open (the mesh's lid
    # gap): a shut or downcast eye shows no white either.
    opened = max(eye.openness for eye in measures.eyes.values())
    return (lens.darkness <= limit("face.occlusion.tinted_lens_darkness").value
            and lens.iris_contrast < limit("face.occlusion.lens_iris_contrast").value
            and opened >= limit("face.eyes_open.ratio").value)


def covered_by_mask(measures: OcclusionMeasures) -> bool:
    """The mouth area has a mask's colour, not lips' (see `LowerFaceView`).

    The "lips" the mesh draws are no redder than the skin nor than the band around them (a beard
    leaves red lips), and that band is not skin: either much greyer than the face's own skin (a
    white, grey or black mask) or of another hue (blue, green, pink). Skin in shade or darker
    skin keeps its hue and most of its saturation, so a bare face of any tone whose lips are
    hardly redder than its skin still passes. A vividly coloured mask (orange, red) is redder
    than skin, so it is told by a band very far from skin with the lips the band's own colour.
    """
    low = measures.lower
    if (low.band_gap >= limit("face.occlusion.mask_vivid_gap").value
            and low.lips_like_band <= limit("face.occlusion.mask_lips_like_band").value):
        return True  # else a band this far from skin is still judged by the tests below
    if (low.skin_saturation < limit("face.occlusion.mask_skin_saturation").value
            or low.lips_redness > limit("face.occlusion.mask_lips_redness").value
            or low.lips_stand_out > limit("face.occlusion.mask_lips_stand_out").value):
        return False
    return (low.band_saturation <= limit("face.occlusion.mask_band_saturation").value
            or low.band_hue_gap >= limit("face.occlusion.mask_band_hue_gap").value)


def eyes_behind_lenses(pixels: np.ndarray, landmarks: np.ndarray) -> bool:
    """Both eyes of the meshed face in `pixels` are behind sunglasses (`covered_by_lenses`).

    For face.count's human-face test: sunglasses hide the white of the eye as an animal's
    pigmented sclera does, but a person in sunglasses is an occlusion, not an animal.
    """
    return covered_by_lenses(measure_occlusion(face_crop(pixels, landmarks)))


def _redness(crop: FaceCrop, mask: np.ndarray) -> float:
    """Median r - g chromaticity of `mask`: skin and lips of every tone are red over green,
    a grey, white, black, blue or green mask is not."""
    r, g = crop.chroma_of(mask)
    return float(r - g)


def lower_face_view(crop: FaceCrop, skin_chroma: np.ndarray) -> LowerFaceView:
    """The lips and the band around them against the face's own (upper-face) skin."""
    outer = crop.polygon(OUTER_LIPS)
    lips = outer & ~crop.polygon(INNER_LIPS)
    band = crop.patches(MOUTH_BAND, BAND_PATCH) & ~outer
    if not lips.any() or not band.any():
        return LowerFaceView(0.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    band_chroma, lips_chroma = crop.chroma_of(band), crop.chroma_of(lips)
    redness = crop.chroma[:, :, 0] - crop.chroma[:, :, 1]
    stand_out = percentiles(redness[lips], (75,))[0] - percentiles(redness[band], (75,))[0]
    skin_from_grey, band_from_grey = skin_chroma - GREY, band_chroma - GREY
    skin_sat = float(np.hypot(*skin_from_grey))
    turn = np.arctan2(band_from_grey[1], band_from_grey[0]) - np.arctan2(skin_from_grey[1],
                                                                         skin_from_grey[0])
    return LowerFaceView(
        band_gap=float(np.linalg.norm(band_chroma - skin_chroma)),
        band_saturation=float(np.hypot(*band_from_grey)) / max(skin_sat, 1e-6),
        band_hue_gap=float(abs(np.degrees((turn + np.pi) % (2 * np.pi) - np.pi))),
        skin_saturation=skin_sat,
        lips_redness=float((lips_chroma[0] - lips_chroma[1]) - (skin_chroma[0] - skin_chroma[1])),
        lips_stand_out=float(stand_out),
        lips_like_band=float(np.linalg.norm(lips_chroma - band_chroma)))


def _enlarged(crop: FaceCrop, ring: tuple[int, ...], factor: float) -> np.ndarray:
    """The polygon of `ring` scaled by `factor` about its centre (bool, crop size)."""
    pts = crop.points[list(ring), :2]
    centre = pts.sum(axis=0) / len(pts)  # `pts.mean(axis=0)` to the bit, without its overhead
    out = np.zeros(crop.log_luma.shape, np.uint8)
    cv2.fillPoly(out, [np.round(centre + factor * (pts - centre)).astype(np.int32)], 1)
    return out.view(bool)


def lens_view(crop: FaceCrop) -> LensView:
    """The lens measures of both eyes; each is the lighter eye's (sunglasses cover both)."""
    views = [_lens_of(crop, side) for side in EYE_RINGS]
    return LensView(*(max(getattr(v, name) for v in views)
                      for name in ("around", "bridge", "opening", "iris_contrast")))


def _lens_of(crop: FaceCrop, side: str) -> LensView:
    """One eye's lens measures (see `LensView`)."""
    ring = EYE_RINGS[side]
    opening = _enlarged(crop, ring, OPENING_SPAN)
    around = _enlarged(crop, ring, LENS_SPAN) & ~opening
    cheek = crop.log_luma_of(crop.patches(CHEEK_BELOW_LENS[side], PATCH))
    body = crop.log_luma[_enlarged(crop, ring, LENS_BODY)]
    bridge = crop.log_luma_of(crop.patches(NOSE_BRIDGE, BAND_PATCH))
    inside = crop.log_luma[_enlarged(crop, ring, 1.0)]
    top = percentiles(inside, (90,))[0] if inside.size else cheek
    return LensView(crop.log_luma_of(around) - cheek,
                    (median(body) if body.size else bridge) - bridge,
                    top - cheek, _iris_contrast(crop, side))


def _iris_contrast(crop: FaceCrop, side: str) -> float:
    """How much brighter the eye's white is than its iris (log-luma): the 80th percentile of the
    opening outside the refined mesh's iris circle minus the median inside it. A visible eye
    shows a white beside a darker iris; behind a tinted lens both are the lens's colour."""
    centre, ring = IRIS[side]
    pts = crop.points
    radius = float(np.mean([np.linalg.norm(pts[i][:2] - pts[centre][:2]) for i in ring]))
    opening = crop.polygon(EYE_RINGS[side])
    iris = crop.disk(pts[centre], 0.7 * radius) & opening
    white = opening & ~crop.disk(pts[centre], 1.1 * radius)
    if np.count_nonzero(iris) < 3 or np.count_nonzero(white) < 3:
        return 0.0
    return float(percentiles(crop.log_luma[white], (80,))[0] - median(crop.log_luma[iris]))


def spread(values: np.ndarray) -> float:
    """90th minus 10th percentile of `values`, both from one partition."""
    low, high = percentiles(values, (10, 90))  # np.percentile's values
    return float(high - low)


def _eye_view(crop: FaceCrop, side: str, skin_chroma: np.ndarray, skin_luma: float,
              strands: np.ndarray) -> EyeView:
    """Contrast inside the eyelid rim, and the eye region's brightness and colour vs the skin."""
    ring = EYE_RINGS[side]
    opening = crop.polygon(ring)
    if np.count_nonzero(opening) < 6:  # a nearly shut or tiny eye: the disks on the rim instead
        opening = crop.patches(ring, PATCH / 2)
    values = crop.log_luma[opening]
    detail = spread(values)
    region = crop.patches(ring, PATCH * 1.5)  # the eye with its lids: where a lens sits
    around = crop.log_luma[region]
    lid_detail = spread(around)
    return EyeView(detail, lid_detail, crop.log_luma_of(region) - skin_luma,
                   float(np.linalg.norm(crop.chroma_of(region) - skin_chroma)),
                   _strands(crop, side, strands), _openness(crop, side))


def _strands(crop: FaceCrop, side: str, strands: np.ndarray) -> float:
    """Share of the lid and under-eye skin on thin dark lines that run down across the eye
    (`strand_map`)."""
    band = crop.patches(LID_BANDS[side], PATCH) & ~crop.polygon(EYE_RINGS[side])
    if not band.any():
        return 0.0
    return float(strands[band].mean())


def strand_map(crop: FaceCrop) -> np.ndarray:
    """Where the crop shows thin dark lines that run down (bool, crop size); both eyes read
    the same map, so it is drawn once per face.

    A closing along the row (a kernel a twentieth of the face wide) fills every dark line
    narrower than that, so closing minus image is large on a hair strand, and not on a lid
    crease (horizontal), shading (wide) or the iris (inside the rim, left out). An opening of
    that mask down the column then keeps only lines at least `STRAND_RUN` of the face long
    from top to bottom: falling hair, not the arc of a glasses frame or a lash.
    """
    size = max(3, int(0.05 * crop.face_width)) | 1
    across = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1))
    closed = cv2.morphologyEx(crop.log_luma, cv2.MORPH_CLOSE, across)
    thin_dark = ((closed - crop.log_luma) >= STRAND_DEPTH).astype(np.uint8)
    down = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(3, int(STRAND_RUN * crop.face_width))))
    return cv2.morphologyEx(thin_dark, cv2.MORPH_OPEN, down).astype(bool)


def _openness(crop: FaceCrop, side: str) -> float:
    """The eye aspect ratio (mean lid gap over corner distance) from the mesh."""
    pts = crop.points
    *pairs, (outer, inner) = LIDS[side]
    width = float(np.linalg.norm(pts[outer] - pts[inner]))
    gap = float(np.mean([np.linalg.norm(pts[a] - pts[b]) for a, b in pairs]))
    return gap / width if width else 0.0
