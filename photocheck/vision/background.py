"""Measures of the background (everything the person mask says is not the person).

A plain backdrop is allowed to be any colour and to fall off smoothly in brightness (a studio
light is brighter in the middle), so each colour channel of the background is first fitted with
a smooth quadratic surface: what the surface explains is *gradient*, what is left is *texture*
(objects, patterns, edges). Fine detail is measured on the luma itself: a plain wall has none
beyond sensor noise, which the analysis grid has already averaged down.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np

from photocheck.rules import limit
from photocheck.vision.histogram import median, percentiles
from photocheck.vision.person import PersonMask

MIN_BACKGROUND_FRACTION = 0.04
"""Below this fraction of the frame there is too little background to judge."""

FIT_SAMPLES = 1500
"""At most this many background cells are used to fit the smooth surface (least squares): six
coefficients need far fewer, and the fit's cost grows with the count."""


@dataclass(frozen=True)
class BackgroundMeasures:
    """How plain the background is (grey levels 0-255 unless said otherwise)."""

    fraction: float  # share of the frame that is background (after the edge margin)
    detail: float  # RMS of the luma's fine detail (the luma minus its local mean): patterns
    texture: float  # 75th pct. of the (lightly blurred) fine detail's size: texture over the wall
    clutter: float  # median colour distance from the smooth fit: objects, scenery
    chroma: float  # RMS of the colour (opponent red-green, yellow-blue) left after the fit


@dataclass(frozen=True)
class ShadowMeasure:
    """How much darker the background is right beside the person than the fit of the rest."""

    darkening: float  # 0.15 = the band beside the person is 15 % darker than expected
    side: str  # "left", "right" or "top": where the darkest band is


def _design(xs: np.ndarray, ys: np.ndarray, order: int) -> np.ndarray:
    """The polynomial terms in x and y up to `order` (1: plane, 2: quadratic), one row per cell."""
    terms = [np.ones_like(xs), xs, ys]
    if order >= 2:
        terms += [xs * xs, xs * ys, ys * ys]
    return np.stack(terms, axis=1)


def fit_surface(
    values: np.ndarray, fit_where: np.ndarray, at: np.ndarray | None = None, order: int = 2
) -> np.ndarray:
    """Least-squares polynomial surface of `values` (h x w x c) fitted over the cells in
    `fit_where`, evaluated at the cells in `at` (default: `fit_where`): an n x c float32 array.

    Coordinates are scaled to [-1, 1] so the fit is well conditioned whatever the grid size. The
    fit (on at most `FIT_SAMPLES` cells) is in float64; the surface is evaluated in float32, and
    only where it is needed: on the background cells it is the costlier half, and the grid's
    grey levels need no more precision. `values` may be the grid's uint8 pixels: the fit reads
    them as float64 either way, so they need no float32 copy.
    """
    h, w = fit_where.shape
    u_axis, v_axis = _unit_axis(w), _unit_axis(h)
    cells = np.flatnonzero(fit_where)
    picked = cells
    if len(cells) > FIT_SAMPLES:
        picked = cells[np.linspace(0, len(cells) - 1, FIT_SAMPLES).astype(np.intp)]
    fy, fx = np.divmod(picked, w)  # only the sampled cells' rows and columns
    design = _design(u_axis[fx].astype(np.float64), v_axis[fy].astype(np.float64), order)
    coef, *_ = np.linalg.lstsq(design, values[fy, fx].reshape(len(fx), -1), rcond=None)
    if at is not None:
        ys, xs = _cells(at)
    elif picked is cells:
        ys, xs = fy, fx
    else:
        ys, xs = np.divmod(cells, w)
    return _design(u_axis[xs], v_axis[ys], order) @ coef.astype(np.float32)


@cache
def _unit_axis(length: int) -> np.ndarray:
    """`length` float32 coordinates evenly from -1 to 1 (read-only: shared by every fit on a
    grid of that size, where `np.linspace` cost more than the gathers that read them)."""
    axis = np.linspace(-1.0, 1.0, length, dtype=np.float32)
    axis.flags.writeable = False
    return axis


def row_norms(vectors: np.ndarray) -> np.ndarray:
    """The length of each row of an n x 3 float array: `np.linalg.norm(vectors, axis=1)` to
    the bit (the squares are added in the same order), without numpy's slow reduction over an
    axis of three (0.04 ms instead of 0.45 on 40k background cells)."""
    squares = vectors * vectors
    return np.sqrt(squares[:, 0] + squares[:, 1] + squares[:, 2])


def pixels_at(image: np.ndarray, where: np.ndarray) -> np.ndarray:
    """`image[where]` for an h x w x c image and an h x w boolean mask (n x c, row by row),
    taken by flat index: numpy's boolean indexing over a trailing channel axis costs 20 times
    more (112 against 15 us for 4,000 cells of the grid)."""
    return np.take(image.reshape(-1, image.shape[-1]), np.flatnonzero(where), axis=0)


def _cells(where: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows and columns of the true cells of `where` in row-major order, as `np.nonzero`
    gives them, at half its cost on a 2-D mask."""
    rows, cols = np.divmod(np.flatnonzero(where), where.shape[1])
    return rows, cols


_OPPONENT = np.array([[1.0, 1.0], [-1.0, 1.0], [0.0, -2.0]], np.float32) / np.array(
    [np.sqrt(2.0), np.sqrt(6.0)], np.float32
)
"""RGB to the two opponent colour axes (red-green, yellow-blue), orthonormal and free of
brightness: a shadow or a light fall-off changes brightness, a logo or an object changes colour.
"""


def measure_background(mask: PersonMask, card: np.ndarray | None = None,
                       exclude: np.ndarray | None = None) -> BackgroundMeasures | None:
    """The plainness measures, or None when too little of the judged region is background.

    `card` (boolean, grid size) is the region the card will show (the 35:45 trim around the
    head); the whole frame when None. How far the light sweeps across the backdrop is not
    measured: a smooth studio gradient or vignette is plain, and a light-to-dark split beside
    the person is `background.shadow`'s matter (spec, "Plain means no objects").
    `clutter` is measured away from where a shadow of the head and shoulders falls
    (`shadow_band`), so a shadow is reported by `background.shadow` and not as clutter;
    `exclude` (boolean) leaves out where a visible shadow or halo was found, provided it looks
    like one (`is_shadow_patch`): coloured objects or markings in it keep counting, so nothing
    busy hides behind a faint halo (a mirrored press photo passed that way).
    """
    bg = mask.background if card is None else mask.background & card
    area = bg.size if card is None else max(np.count_nonzero(card), 1)
    if exclude is not None and is_shadow_patch(mask, bg & exclude):
        bg = bg & ~exclude
    fraction = np.count_nonzero(bg) / area
    if fraction < MIN_BACKGROUND_FRACTION:
        return None
    rgb = mask.rgb  # uint8: only the cells read are made float32
    clear = bg & ~shadow_band(mask, upper_only=True, beyond_margin=False, reach=SHADOW_REACH)
    region = clear if np.count_nonzero(clear) >= MIN_BACKGROUND_FRACTION * area else bg
    luma = without_strands(mask)
    inner = away_from_frame(luma, region)
    surface = fit_surface(rgb, inner, at=region)
    clutter = median(row_norms(pixels_at(rgb, region).astype(np.float32) - surface))
    bg_surface = surface if region is bg else fit_surface(rgb, bg)  # the same fit when equal
    colour = (pixels_at(rgb, bg).astype(np.float32) - bg_surface) @ _OPPONENT
    chroma = float(np.sqrt(np.mean(colour**2) * 2.0))
    # The fine measures read only `inner`'s cells and what the blurs reach from them: the box
    # around them with that rim gives every value the whole grid gives (see `_around`).
    box = _around(inner, _blur_radius(FINE_SIGMA) + _blur_radius(TEXTURE_SIGMA))
    luma, inner = luma[box], inner[box]
    weight = _Weight(inner)
    fine = fine_residual(luma, inner, FINE_SIGMA, weight)
    smooth = fine_residual(cv2.GaussianBlur(luma, (0, 0), TEXTURE_SIGMA), inner, FINE_SIGMA,
                           weight)
    return BackgroundMeasures(
        fraction=fraction, detail=float(np.sqrt(np.mean(fine**2))),
        texture=percentiles(np.abs(smooth), (75,))[0], clutter=clutter, chroma=chroma)


FINE_SIGMA = 3.0
"""Blur (grid cells) whose local mean the fine detail is measured against (`fine_residual`)."""


def _blur_radius(sigma: float) -> int:
    """How far (cells) OpenCV's Gaussian blur of a float image with `sigma` reads: half its
    kernel, which is 8 sigma + 1 wide, made odd."""
    return (round(sigma * 8 + 1) | 1) // 2


def _around(cells: np.ndarray, rim: int) -> tuple[slice, slice]:
    """The bounding box of `cells` grown by `rim` on each side, clipped to the grid.

    A blur read only at `cells` needs no more of the grid than that: where the box meets the
    grid's edge, the edge is the same one; elsewhere the box reaches `rim` beyond every cell
    read, so the box's border never enters their values (OpenCV's blurs sum the same terms
    in the same order wherever a pixel lies, so the values are the same to the bit). On the
    booth and phone photos the card's background fills half the grid's area this way.
    """
    rows, cols = np.flatnonzero(cells.any(axis=1)), np.flatnonzero(cells.any(axis=0))
    if not rows.size:
        return np.s_[:, :]
    h, w = cells.shape
    return (slice(max(0, int(rows[0]) - rim), min(h, int(rows[-1]) + 1 + rim)),
            slice(max(0, int(cols[0]) - rim), min(w, int(cols[-1]) + 1 + rim)))


FRAME_BORDER = 3
"""Depth (grid cells) along the frame's edges where a stripe is looked for (see
`away_from_frame`): a stripe of a few pixels lies in the outermost cells of the grid."""

STRIPE_CONTRAST = 4.0
"""A line of cells along a frame edge is a stripe when it differs from the next line inward by
this many times more than it varies along the edge (RMS about its own running mean)."""

BLUR_SPREAD = 2
"""Lines inward of a stripe that the texture's blur (`TEXTURE_SIGMA`) still brightens or
darkens noticeably: left out with it."""


def away_from_frame(luma: np.ndarray, region: np.ndarray) -> np.ndarray:
    """`region` without stripes along the frame's edges (and the lines their blur reaches).

    A scanner's or an editor's thin stripe along the border of a photo is not the wall's
    texture, yet across the edge it is a hard line: dev3 `sq_darkskin_side_light_boy` (a light
    line down the right edge) measured fine detail 7.7 on a plain backdrop. A stripe is uniform
    along the edge and unlike the line next to it; people, objects and patterns cut by the edge
    vary along it and continue inward (the faces at the edges of a group selfie keep their
    detail 8.3), so only stripes are left out of the fine measures.
    """
    h, w = region.shape
    if min(h, w) < 4 * (FRAME_BORDER + BLUR_SPREAD):
        return region
    inner = region.copy()
    depth = FRAME_BORDER + 1
    # Each edge's outer lines as rows of a band (the left and right edges transposed).
    bands = ((np.s_[:depth, :], False, False), (np.s_[-depth:, :], False, True),
             (np.s_[:, :depth], True, False), (np.s_[:, -depth:], True, True))
    for where, across_columns, reverse in bands:
        band_luma, band_cells = luma[where], region[where]
        if across_columns:
            band_luma, band_cells = band_luma.T, band_cells.T
        if reverse:
            band_luma, band_cells = band_luma[::-1], band_cells[::-1]
        stripes = [d for d in range(FRAME_BORDER)
                   if _is_stripe(band_luma[d], band_luma[d + 1], band_cells[d] & band_cells[d + 1])]
        if stripes:
            cut = max(stripes) + 1 + BLUR_SPREAD
            lines = np.s_[:cut] if not reverse else np.s_[-cut:]
            if across_columns:
                inner[:, lines] = False
            else:
                inner[lines] = False
    return inner if np.count_nonzero(inner) >= MIN_CELLS else region


def _is_stripe(line: np.ndarray, inward: np.ndarray, cells: np.ndarray) -> bool:
    """Whether a line of luma along a frame edge, at `cells`, is a stripe: unlike the line
    `inward` of it and uniform along its length."""
    if np.count_nonzero(cells) < MIN_CELLS:
        return False
    values = line[cells]
    across = abs(float(values.mean()) - float(inward[cells].mean()))
    if across <= STRIPE_CONTRAST * 0.5:  # the usual case: the line continues the wall
        return False
    smooth = cv2.GaussianBlur(values.reshape(1, -1), (0, 0), 3.0).ravel()
    along = float(np.sqrt(np.mean((values - smooth) ** 2)))
    return across > STRIPE_CONTRAST * max(along, 0.5)


TEXTURE_SIGMA = 1.0
"""Blur (grid cells) before the texture is measured: in a small, noisy, heavily compressed file
(480 px, 20 KB) the grid is nearly the photo itself, and its pixel noise and JPEG blocking would
pass for a textured wall; a wall's texture spans several cells and survives."""


STRAND_KERNEL = 5
"""Side (grid cells) of the square that thin lines are closed and opened away with: a hair
strand is one or two cells wide on the 256 px grid, an object or a texture patch is wider."""


def without_strands(mask: PersonMask) -> np.ndarray:
    """The grid's luma with thin lines removed near the head and hair: loose strands belong to
    the person, not the background.

    A grey closing then opening erases lines thinner than `STRAND_KERNEL` cells, dark or light;
    it is applied only within `background.plain.strand_reach` of the head, so a patterned wall
    elsewhere keeps its detail, and objects wider than a strand keep theirs everywhere.
    """
    luma = mask.luminance
    if mask.head_distance is None:
        return luma
    reach = limit("background.plain.strand_reach").value * max(luma.shape)
    near = mask.head_distance <= reach
    out = luma.copy()
    if not near.any():
        return out
    # Only the cells near the head are replaced, so the closing and opening run on their
    # bounding box plus the cells they read (`STRAND_RIM`, see `_around`): min and max are
    # exact, so every replaced value is the one the whole grid's closing and opening give.
    box = _around(near, STRAND_RIM)
    kernel = np.ones((STRAND_KERNEL, STRAND_KERNEL), np.uint8)
    smooth = cv2.morphologyEx(cv2.morphologyEx(luma[box], cv2.MORPH_CLOSE, kernel),
                              cv2.MORPH_OPEN, kernel)
    np.copyto(out[box], smooth, where=near[box])
    return out


STRAND_RIM = 4 * (STRAND_KERNEL // 2)
"""How far (cells) the closing then opening reads around a cell: four passes (dilate, erode,
erode, dilate), each reaching half the kernel."""


def is_shadow_patch(mask: PersonMask, where: np.ndarray) -> bool:
    """Whether the backdrop at `where` could be a shadow or a halo: darkening leaves a backdrop's
    colour as it was, so what its own smooth fit leaves over has little colour (opponent RMS
    within the `background.plain.chroma` limit). Measured on the patch alone: synthetic halos
    and cast shadows 1.2-1.3; the logos of a press wall (df_img9, mirrored) 12-14. A hard
    shadow's edge has strong fine detail, so detail cannot tell them apart."""
    if int(where.sum()) < 6:
        return True
    colour = (pixels_at(mask.rgb, where).astype(np.float32) - fit_surface(mask.rgb, where)
              ) @ _OPPONENT
    chroma = float(np.sqrt(np.mean(colour**2) * 2.0))
    return chroma <= limit("background.plain.chroma").value


class _Weight:
    """`where` as float32 weights and their blur, kept for a second `fine_residual` over the
    same cells (the blur of the weights does not depend on the luma)."""

    def __init__(self, where: np.ndarray) -> None:
        self.values = where.astype(np.float32)
        self._norms: dict[float, np.ndarray] = {}

    def norm(self, sigma: float) -> np.ndarray:
        if sigma not in self._norms:
            blurred = cv2.GaussianBlur(self.values, (0, 0), sigma)
            self._norms[sigma] = np.maximum(blurred, 1e-3)
        return self._norms[sigma]


def fine_residual(luma: np.ndarray, where: np.ndarray, sigma: float = 3.0,
                  weight: _Weight | None = None) -> np.ndarray:
    """`luma` minus its local mean, at the cells of `where` only (normalised convolution).

    Averaging only over `where` keeps the person's edge from bleeding into the background.
    `weight` (made from the same `where`) shares the weights' blur between calls.
    """
    weight = weight or _Weight(where)
    local = cv2.GaussianBlur(luma * weight.values, (0, 0), sigma)
    return (luma - local / weight.norm(sigma))[where]


def fine_detail(luma: np.ndarray, where: np.ndarray, sigma: float = 3.0) -> float:
    """RMS of `luma` minus its local mean over `where` only: strong fine structure (patterns,
    lines, small objects), however sparse."""
    return float(np.sqrt(np.mean(fine_residual(luma, where, sigma) ** 2)))


SHADOW_BAND = (0.0, 0.07)
"""The band beside the person where a shadow falls, as fractions of the grid's long side beyond
the edge margin: a cast shadow on a backdrop is a few centimetres wide beside the silhouette."""

SHADOW_REFERENCE_FROM = 0.12
"""Background farther than this (fraction of the long side) from the person is the reference
that a smooth plane is fitted to, to predict how bright the band should be without a shadow."""

MIN_CELLS = 30
"""A band or reference with fewer grid cells than this is not measured."""


SHADOW_ROWS = 0.7
"""The top share of the frame where a shadow is looked for (head and shoulders; the bottom edge
is where the body leaves the frame)."""


def _upper(mask: PersonMask) -> np.ndarray:
    upper = np.zeros(mask.distance.shape, bool)
    upper[: int(SHADOW_ROWS * upper.shape[0])] = True
    return upper


SHADOW_REACH = 0.12
"""How far (fraction of the long side) beyond the margin a cast shadow may spread: the plainness
measures leave this much out beside the upper person, so a shadow is `background.shadow`'s to
report even in the tight card region, where it covers much of the background."""


def shadow_band(mask: PersonMask, *, upper_only: bool, beyond_margin: bool,
                reach: float = SHADOW_BAND[1]) -> np.ndarray:
    """The cells beside the person where its shadow would fall (boolean h x w), `reach` wide."""
    long_side = max(mask.distance.shape)
    lo, hi = (mask.margin + f * long_side for f in (SHADOW_BAND[0], reach))
    band = (mask.distance <= hi) & (mask.distance > (lo if beyond_margin else 0.0))
    return band & _upper(mask) if upper_only else band


def split_sides(mask: PersonMask, cells: np.ndarray) -> dict[str, np.ndarray]:
    """`cells` split into left of, above and right of the person (boolean masks)."""
    return {side: cells & columns[None, :]
            for side, columns in _side_columns(mask, cells.shape[1]).items()}


def _side_columns(mask: PersonMask, w: int) -> dict[str, np.ndarray]:
    """Which of the grid's `w` columns lie left of, above and right of the person (boolean
    per column): the sides are whole columns, compared once per column."""
    cols = np.nonzero(mask.is_person.any(axis=0))[0]
    left, right = cols.min(), cols.max()
    xs = np.arange(w)
    inner_left, inner_right = left + 0.25 * (right - left), right - 0.25 * (right - left)
    return {
        "left": xs < inner_left,
        "right": xs > inner_right,
        "top": (xs >= inner_left) & (xs <= inner_right),
    }


def shadow_cells(mask: PersonMask, side: str) -> np.ndarray:
    """Where a shadow found on `side` of the person may spread (`SHADOW_REACH` wide): left out
    of the plainness measures, so a cast shadow is reported as a shadow, not as clutter."""
    wide = shadow_band(mask, upper_only=False, beyond_margin=False, reach=SHADOW_REACH)
    return split_sides(mask, wide).get(side, np.zeros_like(wide))


def measure_shadow(mask: PersonMask, card: np.ndarray | None = None) -> ShadowMeasure | None:
    """The darkest band beside the upper person, relative to a plane fitted to the far background.

    Only the upper `SHADOW_ROWS` of the frame is looked at, and of the band only what lies in
    `card` (the region the card shows; the whole frame when None): the far background that
    predicts the band's brightness may lie outside it. A linear light fall-off is in the plane,
    so it is not a shadow. The band is split into left, top and right of the person. Returns
    None when there is no person or not enough far background to fit.
    """
    h, w = mask.distance.shape
    if not mask.is_person.any():
        return None
    luma = mask.luminance
    upper = _upper(mask)
    far = (mask.distance > SHADOW_REFERENCE_FROM * max(h, w)) & upper
    band = shadow_band(mask, upper_only=True, beyond_margin=True)
    if card is not None:
        band &= card
    if np.count_nonzero(far) < MIN_CELLS or np.count_nonzero(band) < MIN_CELLS:
        return None
    expected = fit_surface(luma[:, :, None], far, at=band, order=1)[:, 0]
    relative = luma[band] / np.maximum(expected, 1.0) - 1.0  # per band cell, row by row
    band_columns = np.flatnonzero(band) % w
    best = ShadowMeasure(0.0, "none")
    for side, columns in _side_columns(mask, w).items():
        # The side's cells of the band (`split_sides`), read from the band's own values.
        values = relative[columns[band_columns]]
        if values.size < MIN_CELLS:
            continue
        darkening = -median(values)
        if darkening > best.darkening:
            best = ShadowMeasure(darkening, side)
    return best
