"""Small patches of the face located by the mesh: where the visibility rules look, and how.

The occlusion, shadow, red-eye and expression measures all compare one part of the face with
another part of the same face (the fairness principle of the spec: never an absolute skin
brightness). This module cuts one small crop around the mesh, turns it into log-luma and
chromaticity once, and hands out masks of mesh regions (disks around landmarks, polygons of
landmark rings) in that crop. Nothing here runs a model.

Log-luma makes a ratio of brightnesses a difference, so the same shadow or the same eye
contrast reads the same on light and on very dark skin. Chromaticity (r and g over r + g + b)
drops brightness altogether: skin of every tone is reddish (r above 1/3), a grey, white or black
mask is neutral and a blue one bluish, while shading leaves it nearly unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from photocheck.vision.histogram import median

SHIFT = 4
SUBPIXEL = 1 << SHIFT
"""Disks are drawn with 4 fractional bits, so a landmark's sub-pixel position counts."""

LUMA_FLOOR = 4.0
"""Added to luma (0-255) before the log, so sensor noise in near-black pixels cannot blow up."""

CHEEK_L = (50, 117, 118, 123, 205, 187)
"""Cheek landmarks on the subject's right side (image left), mediapipe indices."""
CHEEK_R = (280, 346, 347, 352, 425, 411)
"""Their mirror images on the subject's left side (image right)."""
FOREHEAD = (151, 108, 337, 9)
BRIDGE = (168, 6)
SKIN_REFERENCE = (*FOREHEAD, *BRIDGE, *CHEEK_L[:3], *CHEEK_R[:3])
"""Upper-face skin a mask or a hand over the mouth leaves uncovered: the face's own colour."""

EYE_RINGS = {
    "right": (33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7),
    "left": (263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249),
}
"""The eyelid rims of each eye (subject's right and left), mediapipe indices."""
IRIS = {"right": (468, (469, 470, 471, 472)), "left": (473, (474, 475, 476, 477))}
"""Iris centre and ring landmarks of each eye (the refined mesh's last ten points)."""
INNER_LIPS = (78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308,
              324, 318, 402, 317, 14, 87, 178, 88, 95)
"""The inner rim of the lips: the mouth's opening, closed to a line when the lips meet."""
FACE_WIDTH_PAIR = (234, 454)
"""Cheekbone to cheekbone: the face's width, the scale every patch size is a fraction of."""


@dataclass(frozen=True)
class FaceCrop:
    """The face's crop of the working image: RGB, log-luma and chromaticity, plus the mesh in
    crop coordinates."""

    rgb: np.ndarray  # h x w x 3 float32, 0-255
    log_luma: np.ndarray  # h x w float32
    chroma: np.ndarray  # h x w x 2 float32: r/(r+g+b), g/(r+g+b); each channel contiguous
    points: np.ndarray  # 478 x 2, crop px
    face_width: float  # crop px
    _masks: dict[tuple[object, ...], np.ndarray] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    """Masks already drawn, by what they are: the occlusion, shadow and expression measures
    ask for several of the same ones (an eye's rim three times). They are read-only."""

    def disk(self, centre: np.ndarray, radius: float) -> np.ndarray:
        """A bool mask of the pixels within `radius` of `centre` (crop px)."""
        return self._disks([centre], radius)

    def patches(self, indices: Sequence[int], radius: float) -> np.ndarray:
        """A bool mask of disks of `radius` (fraction of the face width) around landmarks."""
        key = ("patches", tuple(indices), radius)
        if key not in self._masks:
            self._masks[key] = self._disks(self.points[list(indices)], radius * self.face_width)
        return self._masks[key]

    def _disks(self, centres: Sequence[np.ndarray] | np.ndarray, radius: float) -> np.ndarray:
        """Filled circles drawn by OpenCV at 1/16 px precision (cheap: no distance grids)."""
        out = np.zeros(self.log_luma.shape, np.uint8)
        r = round(max(radius, 1.0) * SUBPIXEL)
        # np.rint rounds half to even as round() does: the same fixed-point centres.
        fixed = np.rint(np.asarray(centres, np.float64)[:, :2] * SUBPIXEL).astype(np.int64)
        for x, y in fixed.tolist():
            cv2.circle(out, (x, y), r, 1, -1, cv2.LINE_8, SHIFT)
        return _read_only(out.view(bool))

    def polygon(self, indices: Sequence[int]) -> np.ndarray:
        """A bool mask of the polygon through the landmarks `indices`."""
        key = ("polygon", tuple(indices))
        if key not in self._masks:
            out = np.zeros(self.log_luma.shape, np.uint8)
            ring = np.round(self.points[list(indices)]).astype(np.int32)
            cv2.fillPoly(out, [ring], 1)
            self._masks[key] = _read_only(out.view(bool))
        return self._masks[key]

    def chroma_of(self, mask: np.ndarray) -> np.ndarray:
        """Median chromaticity (r, g) of the pixels in `mask`."""
        if not mask.any():
            return np.array([1 / 3, 1 / 3], np.float32)
        # One contiguous median per channel: the same values as the median along axis 0 of
        # the n x 2 selection, without numpy's strided partition.
        return np.array([median(self.chroma[:, :, 0][mask]),
                         median(self.chroma[:, :, 1][mask])], np.float32)

    def log_luma_of(self, mask: np.ndarray) -> float:
        """Median log-luma of the pixels in `mask` (0 when empty)."""
        return median(self.log_luma[mask]) if mask.any() else 0.0


FACE_PX = 160
"""Face width (px) a larger crop is scaled down to: every measure is a ratio or a share, so a
fixed scale keeps the cost the same for every photo (about a millisecond) and the measures the
same at every resolution; an iris is still about 16 px wide."""


def face_crop(pixels: np.ndarray, landmarks: np.ndarray, margin: float = 0.1) -> FaceCrop:
    """The crop of `pixels` around the mesh (plus `margin` of its size on each side), scaled
    down so the face is at most `FACE_PX` wide."""
    pts = landmarks[:, :2]
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    pad = (hi - lo) * margin
    h, w = pixels.shape[:2]
    x0, y0 = (int(max(0, v)) for v in lo - pad)
    x1, y1 = int(min(w, hi[0] + pad[0])) + 1, int(min(h, hi[1] + pad[1])) + 1
    width = float(np.linalg.norm(pts[FACE_WIDTH_PAIR[1]] - pts[FACE_WIDTH_PAIR[0]]))
    scale = min(1.0, FACE_PX / max(width, 1.0))
    crop = pixels[y0:y1, x0:x1]
    if scale < 1.0:
        size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
        crop = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
    rgb = crop.astype(np.float32)
    luma = rgb @ np.array([0.299, 0.587, 0.114], np.float32)
    local = (pts - (x0, y0)) * scale
    return FaceCrop(rgb, np.log(luma + LUMA_FLOOR), chromaticity(rgb), local,
                    max(width * scale, 1.0))


def chromaticity(rgb: np.ndarray) -> np.ndarray:
    """(r + f) / (r + g + b + 3f) and (g + f) / (r + g + b + 3f) of float32 RGB, f the
    `LUMA_FLOOR`, as an h x w x 2 view whose two channels are each contiguous: every mask reads
    one channel at a time, and the sums run on whole channel planes (the same float32 steps
    and values as on the interleaved pixels, at a third of the cost)."""
    red, green, blue = cv2.split(rgb)
    total = red + green
    total += blue
    total += 3 * LUMA_FLOOR
    planes = np.empty((2, *total.shape), np.float32)
    for plane, channel in zip(planes, (red, green), strict=True):
        np.add(channel, LUMA_FLOOR, out=plane)
        plane /= total
    return planes.transpose(1, 2, 0)


def _read_only(mask: np.ndarray) -> np.ndarray:
    """`mask`, locked: a shared mask must not be changed in place by one of its readers."""
    mask.flags.writeable = False
    return mask
