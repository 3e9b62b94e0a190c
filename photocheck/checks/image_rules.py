"""The pixel rules about the picture rather than the face: background, shadow, exposure, focus.

The background rules read the person mask (`photocheck.vision.person`), the exposure and
sharpness rules the face crop (`photocheck.vision.face_quality`); each analysis runs once per
photo. Every limit is in `photocheck.rules.LIMITS`; how each was set is in
docs/calibration-image.md.
"""

from __future__ import annotations

from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.report import Check, Status, Text
from photocheck.rules import limit
from photocheck.vision.background import BackgroundMeasures, measure_background, measure_shadow
from photocheck.vision.face_quality import (
    face_crop,
    face_region,
    measure_exposure,
    measure_sharpness,
)
from photocheck.vision.person import person_mask

NO_FACE = Text("Not judged: no face was found (see face.count).")
NO_BACKGROUND = Text("Not judged: the person fills the frame, so there is too little background "
                     "to see.")

# --- background.plain ---------------------------------------------------------------------

_PLAIN_MEASURES = ("detail", "clutter", "chroma", "gradient")

_PLAIN_FAILS = {
    "detail": Text(
        "Stand in front of a plain wall: the background has patterns, texture or objects "
        "(fine detail {value}, limit {limit})."),
    "clutter": Text(
        "Stand in front of a plain wall: there are objects, people or patterns in the background "
        "(clutter {value}, limit {limit})."),
    "chroma": Text(
        "Stand in front of a plain, single-colour wall: the background has colours, logos or "
        "markings (colour variation {value}, limit {limit})."),
    "gradient": Text(
        "Light the background evenly: it runs from dark to bright across the photo "
        "(brightness range {value}, limit {limit})."),
}


def background_measures(ctx: Context) -> BackgroundMeasures | None:
    """The photo's background measures, once per photo (both background rules read them)."""
    return ctx.shared("background_measures", lambda c: measure_background(person_mask(c)))


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
        msg = Text("The background is plain.")
        return Check("background.plain", Status.PASS, msg, value=values, limit=limits)
    name = excess[0]
    msg = _PLAIN_FAILS[name].format(value=values[name], limit=limits[name])
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
    shadow = measure_shadow(person_mask(ctx))
    if shadow is None:
        return Check("background.shadow", Status.SKIP, NO_BACKGROUND)
    bound = limit("background.shadow.darkening").value
    value = round(shadow.darkening, 3)
    if shadow.darkening <= bound:
        msg = Text("No shadow on the background.")
        return Check("background.shadow", Status.PASS, msg, value=value, limit=bound)
    msg = _SHADOW[shadow.side].format(pct=round(100 * value), lim=round(100 * bound))
    return Check("background.shadow", Status.FAIL, msg, value=value, limit=bound)


# --- image.exposure -----------------------------------------------------------------------


@judges("image.exposure")
def image_exposure(ctx: Context) -> Check:
    box = face_region(ctx)
    if box is None:
        return Check("image.exposure", Status.SKIP, NO_FACE)
    exposure = measure_exposure(face_crop(ctx.working.pixels, box))
    low, high = limit("image.exposure.median").value
    clipped = limit("image.exposure.clipped").value
    side = limit("image.exposure.side_ratio").value
    value = {"median": round(exposure.median, 1), "clipped": round(exposure.clipped_high, 3),
             "side_ratio": round(exposure.side_ratio, 2)}
    bounds = {"median": [low, high], "clipped": clipped, "side_ratio": side}
    if exposure.median < low:
        msg = Text("Your face is too dark (brightness {v}, at least {lim}). Add light from the "
                   "front or stand closer to a window.").format(v=value["median"], lim=low)
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
