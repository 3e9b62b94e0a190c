"""The pixel rules about the picture rather than the face: background, shadow, exposure, focus.

The background rules read the person mask (`photocheck.vision.person`), the exposure and
sharpness rules the face crop (`photocheck.vision.face_quality`); each analysis runs once per
photo. Every limit is in `photocheck.rules.LIMITS`; how each was set is in
docs/calibration-image.md.
"""

from __future__ import annotations

import numpy as np

from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.report import Check, Status, Text
from photocheck.rules import limit
from photocheck.vision.background import (
    BackgroundMeasures,
    ShadowMeasure,
    measure_background,
    measure_shadow,
    shadow_cells,
)
from photocheck.vision.face_quality import (
    Exposure,
    face_crop,
    face_outline,
    face_region,
    measure_exposure,
    measure_sharpness,
)
from photocheck.vision.faces import faces
from photocheck.vision.histogram import luma_percentiles
from photocheck.vision.person import person_mask
from photocheck.vision.trim import fit_trim

NO_FACE = Text("Not judged: no face was found (see face.count).")
NO_BACKGROUND = Text("Not judged: the person fills the frame, so there is too little background "
                     "to see.")

# --- background.plain ---------------------------------------------------------------------

_PLAIN_MEASURES = ("detail", "texture", "clutter", "chroma")

_PLAIN_FAILS = {
    "detail": Text(
        "Stand in front of a plain wall: the background has patterns, texture or objects "
        "(fine detail {value}, limit {limit})."),
    "texture": Text(
        "Stand in front of a smooth, plain wall: the wall behind you is textured or patterned "
        "(texture {value}, limit {limit})."),
    "clutter": Text(
        "Stand in front of a plain wall: there are objects, people or patterns in the background "
        "(clutter {value}, limit {limit})."),
    "chroma": Text(
        "Stand in front of a plain, single-colour wall: the background has colours, logos or "
        "markings (colour variation {value}, limit {limit})."),
}


_REGIONS = {
    "trim": Text("judged on the 35:45 trim around your head, what the card will show"),
    "photo": Text("judged on the whole photo"),
}


def card_region(ctx: Context) -> tuple[str, np.ndarray | None]:
    """What the background rules judge: the 35:45 trim around the head when one face was
    found and the trim fits inside the photo ("trim", a grid-size boolean mask), else the whole
    photo ("photo", None). Uploads are trimmed to it, so what lies outside never reaches the
    card. Computed once per photo from the shared face analysis and person mask."""
    def compute(c: Context) -> tuple[str, np.ndarray | None]:
        analysis = faces(c)
        if analysis.head is None or len(analysis.counted) != 1:
            return "photo", None
        trim = fit_trim(analysis.head, analysis.width, analysis.height)
        if trim is None:
            return "photo", None
        grid_h, grid_w = person_mask(c).person.shape
        sy, sx = grid_h / analysis.height, grid_w / analysis.width
        card = np.zeros((grid_h, grid_w), bool)
        y0, y1 = max(0, round(trim.y * sy)), min(grid_h, round((trim.y + trim.h) * sy))
        x0, x1 = max(0, round(trim.x * sx)), min(grid_w, round((trim.x + trim.w) * sx))
        card[y0:y1, x0:x1] = True
        return "trim", card
    return ctx.shared("card_region", compute)


def region_text(ctx: Context) -> Text:
    """Which region the background rules judged, for the report."""
    return _REGIONS[card_region(ctx)[0]]


def background_measures(ctx: Context) -> BackgroundMeasures | None:
    """The photo's background measures, once per photo (both background rules read them).

    They are taken on the card region; when it shows too little background to judge (a head
    that fills the trim), on the whole photo instead, and the region says so.
    """
    def compute(c: Context) -> BackgroundMeasures | None:
        card = card_region(c)[1]
        mask = person_mask(c)
        measures = measure_background(mask, card, _shadowed_cells(c))
        if measures is None and card is not None:
            c.extras["card_region"] = ("photo", None)
            c.extras.pop("shadow_measure", None)
            measures = measure_background(mask, None, _shadowed_cells(c))
        return measures
    return ctx.shared("background_measures", compute)


def shadow_measure(ctx: Context) -> ShadowMeasure | None:
    """The darkest band beside the person in the judged region, once per region."""
    return ctx.shared("shadow_measure",
                      lambda c: measure_shadow(person_mask(c), card_region(c)[1]))


def _shadowed_cells(ctx: Context) -> np.ndarray | None:
    """Where a visible shadow or halo spreads, left out of the plainness measures (None: none).

    A halo too faint to fail `background.shadow` is still a smooth dark patch that the
    plainness measures would take for clutter in the small card region."""
    shadow = shadow_measure(ctx)
    if shadow is None or shadow.darkening <= limit("background.shadow.visible").value:
        return None
    return shadow_cells(person_mask(ctx), shadow.side)


def _with_region(msg: Text, ctx: Context) -> Text:
    """`msg` followed by the region it was judged on."""
    # Translators: {message} is a whole sentence; {where} says which part of the photo was judged.
    return Text("{message} ({where}.)").format(
        message=msg, where=region_text(ctx))


def plain_excess(measures: BackgroundMeasures) -> tuple[str, float] | None:
    """The measure furthest over its limit (name and ratio to the limit), or None if all pass."""
    ratios = {name: getattr(measures, name) / limit(f"background.plain.{name}").value
              for name in _PLAIN_MEASURES}
    worst = max(ratios, key=ratios.__getitem__)
    return (worst, ratios[worst]) if ratios[worst] > 1.0 else None


@judges("background.plain")
def background_plain(ctx: Context) -> Check:
    measures = background_measures(ctx)
    if measures is None:
        return Check("background.plain", Status.SKIP, NO_BACKGROUND)
    values = {name: round(getattr(measures, name), 2) for name in _PLAIN_MEASURES}
    limits = {name: limit(f"background.plain.{name}").value for name in _PLAIN_MEASURES}
    excess = plain_excess(measures)
    if excess is None:
        msg = _with_region(Text("The background is plain."), ctx)
        return Check("background.plain", Status.PASS, msg, value=values, limit=limits)
    name = excess[0]
    msg = _with_region(_PLAIN_FAILS[name].format(value=values[name], limit=limits[name]), ctx)
    return Check("background.plain", Status.FAIL, msg, value=values, limit=limits)


# --- background.shadow --------------------------------------------------------------------

# One whole sentence per side: a direction word alone does not translate.
_SHADOW = {
    "left": Text("Your shadow falls on the background left of you ({pct} % darker, limit {lim} "
                 "%). Step away from the wall or light it from the front."),
    "right": Text("Your shadow falls on the background right of you ({pct} % darker, limit "
                  "{lim} %). Step away from the wall or light it from the front."),
    "top": Text("Your shadow falls on the background above you ({pct} % darker, limit {lim} "
                "%). Step away from the wall or light it from the front."),
}


@judges("background.shadow")
def background_shadow(ctx: Context) -> Check:
    measures = background_measures(ctx)
    if measures is None:
        return Check("background.shadow", Status.SKIP, NO_BACKGROUND)
    if plain_excess(measures) is not None:
        msg = Text("Not judged: the background is not plain, so a shadow cannot be told from "
                   "what is behind you (see background.plain).")
        return Check("background.shadow", Status.SKIP, msg)
    shadow = shadow_measure(ctx)
    if shadow is None:
        return Check("background.shadow", Status.SKIP, NO_BACKGROUND)
    bound = limit("background.shadow.darkening").value
    value = round(shadow.darkening, 3)
    if shadow.darkening <= bound:
        msg = _with_region(Text("No shadow on the background."), ctx)
        return Check("background.shadow", Status.PASS, msg, value=value, limit=bound)
    msg = _SHADOW[shadow.side].format(pct=round(100 * value), lim=round(100 * bound))
    return Check("background.shadow", Status.FAIL, _with_region(msg, ctx), value=value,
                 limit=bound)


# --- image.exposure -----------------------------------------------------------------------
#
# Exposure is judged from lighting evidence, never from how light the skin is: a face whose
# median is under the median limit may simply have dark skin, so it is only called too dark
# when the light says so too (the whole frame dim, or no highlight on the face).

_TOO_DARK_DIM = Text(
    "Your face is too dark: the photo is under-exposed, even its brightest part is grey "
    "(brightness {v}, at least {lim}). Add light from the front (a lamp or a window facing you), "
    "or let the camera expose for your face, and take the photo again.")
_TOO_DARK_FLAT = Text(
    "Your face is too dark: no light falls on it, it has no highlights (highlight ratio {v}, at "
    "least {lim}). Add light from the front (a lamp or a window facing you), or let the camera "
    "expose for your face, and take the photo again.")
_TOO_DARK_CRUSHED = Text(
    "Your face is too dark: {pct} % of it is pure black (limit {lim} %). Add light from the "
    "front (a lamp or a window facing you), or let the camera expose for your face, and take "
    "the photo again.")


def white_level(ctx: Context) -> float:
    """The camera's exposure: the 99th percentile luma of the whole frame, on the person-mask
    grid the background rules already made (a white shirt, a pale wall, a highlight)."""
    return luma_percentiles(person_mask(ctx).luminance, (99,))[0]  # np.percentile's value


def _under_exposed(exposure: Exposure, white: float) -> Text | None:
    """Why the face is under-exposed, or None when the light is adequate."""
    crushed = limit("image.exposure.crushed").value
    if exposure.clipped_low > crushed:
        return _TOO_DARK_CRUSHED.format(pct=round(100 * exposure.clipped_low),
                                        lim=round(100 * crushed))
    white_min = limit("image.exposure.white_level").value
    if white < white_min and exposure.median < limit("image.exposure.dim_face_median").value:
        return _TOO_DARK_DIM.format(v=round(white), lim=round(white_min))
    if exposure.median >= limit("image.exposure.median").value[0]:
        return None
    ratio_min = limit("image.exposure.highlight_ratio").value
    ratio = highlight_ratio(exposure)
    if ratio < ratio_min:
        return _TOO_DARK_FLAT.format(v=round(ratio, 2), lim=ratio_min)
    return None


def highlight_ratio(exposure: Exposure) -> float:
    """Face highlights over the face median: how much a key light lifts the lit parts."""
    return exposure.highlight / max(exposure.median, 1.0)


@judges("image.exposure")
def image_exposure(ctx: Context) -> Check:
    box = face_region(ctx)
    if box is None:
        return Check("image.exposure", Status.SKIP, NO_FACE)
    pixels = ctx.working.pixels
    landmarks = faces(ctx).landmarks
    skin = None if landmarks is None else face_outline(pixels.shape[:2], landmarks, box)
    exposure = measure_exposure(face_crop(pixels, box), skin)
    white = white_level(ctx)
    low, high = limit("image.exposure.median").value
    clipped = limit("image.exposure.clipped").value
    side = limit("image.exposure.side_ratio").value
    value = {"median": round(exposure.median, 1), "white_level": round(white, 1),
             "highlight_ratio": round(highlight_ratio(exposure), 2),
             "clipped": round(exposure.clipped_high, 3),
             "crushed": round(exposure.clipped_low, 3),
             "side_ratio": round(exposure.side_ratio, 2)}
    bounds = {"median": [low, high], "white_level": limit("image.exposure.white_level").value,
              "highlight_ratio": limit("image.exposure.highlight_ratio").value,
              "clipped": clipped, "crushed": limit("image.exposure.crushed").value,
              "side_ratio": side}
    dark = _under_exposed(exposure, white)
    if dark is not None:
        msg = dark
        return Check("image.exposure", Status.FAIL, msg, value=value, limit=bounds)
    if exposure.median > high or exposure.clipped_high > clipped:
        msg = Text("Your face is over-exposed: {pct} % of it is pure white (limit {lim} %). Use "
                   "softer light or turn off the flash.",
                   ).format(pct=round(100 * exposure.clipped_high), lim=round(100 * clipped))
        return Check("image.exposure", Status.FAIL, msg, value=value, limit=bounds)
    if exposure.side_ratio < side:
        msg = Text("One side of your face is much darker than the other (ratio {v}, at least "
                   "{lim}). Face the light or add light on the dark side.",
                   ).format(v=value["side_ratio"], lim=side)
        return Check("image.exposure", Status.WARN, msg, value=value, limit=bounds)
    msg = Text("Your face is well lit.")
    return Check("image.exposure", Status.PASS, msg, value=value, limit=bounds)


# --- image.sharpness ----------------------------------------------------------------------


@judges("image.sharpness")
def image_sharpness(ctx: Context) -> Check:
    box = face_region(ctx)
    if box is None:
        return Check("image.sharpness", Status.SKIP, NO_FACE)
    sharpness = measure_sharpness(face_crop(ctx.working.pixels, box))
    bound = limit("image.sharpness.detail").value
    value = round(sharpness.detail, 3)
    if sharpness.detail >= bound:
        msg = Text("Your face is in focus.")
        return Check("image.sharpness", Status.PASS, msg, value=value, limit=bound)
    if sharpness.coherence > limit("image.sharpness.coherence").value:
        msg = Text("Your face is smeared by camera shake (sharpness {v}, at least {lim}). Hold "
                   "the camera still or put it on a stand, and take the photo again.")
    else:
        msg = Text("Your face is out of focus (sharpness {v}, at least {lim}). Focus on the face "
                   "and take the photo again.")
    return Check("image.sharpness", Status.FAIL, msg.format(v=value, lim=bound), value=value,
                 limit=bound)
