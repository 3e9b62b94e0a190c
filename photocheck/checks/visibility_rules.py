"""The rules about what of the face shows: nothing covering it, no shadow on it, no red-eye, a
natural closed-mouth expression.

They read the one face analysis (`photocheck.vision.faces`) and measure on one small crop around
its mesh (`photocheck.vision.face_regions`), shared by the four rules, so they add no model run.
Every measure compares the face with itself, never with a skin brightness; how each limit was
set is in docs/calibration-visibility.md.
"""

from __future__ import annotations

import math

from photocheck.checks.not_judged import not_judged
from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.report import LIST_SEP, Check, Status, Text, TextList
from photocheck.rules import limit
from photocheck.vision.expression import measure_mouth
from photocheck.vision.face_regions import FaceCrop, face_crop
from photocheck.vision.face_shadow import measure_shadow
from photocheck.vision.faces import faces
from photocheck.vision.hands import covered_by_hand, hand_landmarks
from photocheck.vision.occlusion import (
    OcclusionMeasures,
    covered_by_lenses,
    covered_by_mask,
    measure_occlusion,
)
from photocheck.vision.red_eye import red_pupil_share


def _crop(ctx: Context) -> FaceCrop | None:
    """The face crop the four rules share, or None without exactly one meshed face."""
    analysis = faces(ctx)
    if not analysis.single:
        return None
    assert analysis.landmarks is not None
    landmarks = analysis.landmarks
    return ctx.shared("visibility_crop", lambda c: face_crop(c.working.pixels, landmarks))


def _occlusion(ctx: Context, crop: FaceCrop) -> OcclusionMeasures:
    """The occlusion measures, once per photo (face.shadow reads them too)."""
    return ctx.shared("visibility_occlusion", lambda c: measure_occlusion(crop))


def _skip(rule_id: str, ctx: Context) -> Check:
    """`skip` for a photo without exactly one meshed face, saying why (not_judged.py)."""
    return Check(rule_id, Status.SKIP, not_judged(faces(ctx)))


def _eyes_key(sides: list[str]) -> str:
    """"both", "left" or "right": which eyes a finding is about."""
    return "both" if len(sides) == 2 else sides[0]


# ---------------------------------------------------------------- face.occlusion

_OCCLUSION_FIX = Text("Take off any mask or sunglasses, keep hair and hands away from your eyes "
                      "and mouth, and retake the photo with your whole face showing.")
_SUNGLASSES_FIX = Text("Take off your sunglasses or tinted glasses and retake the photo with "
                       "both eyes clearly showing.")
_MASK_FIX = Text("Take off your mask and retake the photo with your nose, mouth and chin "
                 "showing.")


def _covered_eyes(measures: OcclusionMeasures) -> dict[str, str]:
    """Each covered eye with what covers it: "lens", "object" or "hair".

    A dark lens is told by darkness and a flat inside (a camera's noise and a gradient lens
    leave some spread, so its bound is looser); anything else must leave the eye and its lids
    flat, and only an eye the mesh sees as open counts (a shut eye is `face.eyes_open`'s).
    """
    min_detail = limit("face.occlusion.eye_detail").value
    lens_detail = limit("face.occlusion.lens_detail").value
    dark = limit("face.occlusion.sunglasses_darkness").value
    max_strands = limit("face.occlusion.strands").value
    shut = limit("face.eyes_open.ratio").value
    covered: dict[str, str] = {}
    lensed = covered_by_lenses(measures)
    for side, eye in measures.eyes.items():
        if lensed:
            covered[side] = "lens"
        elif eye.strands >= max_strands:
            covered[side] = "hair"
        elif eye.darkness <= dark and eye.detail < lens_detail:
            covered[side] = "lens"
        elif eye.openness >= shut and max(eye.detail, eye.lid_detail) < min_detail:
            covered[side] = "object"
    return covered


# What covers which eyes, one whole clause per case (each language has its own agreement of
# "eye" and "eyes"); the clauses are listed inside "Your face must be fully visible: {problems}."
_EYE_COVERS = {
    ("lens", "left"): Text("your left eye is behind sunglasses or a tinted lens"),
    ("lens", "right"): Text("your right eye is behind sunglasses or a tinted lens"),
    ("lens", "both"): Text("both eyes are behind sunglasses or tinted lenses"),
    ("object", "left"): Text("your left eye is covered by a hand or an object"),
    ("object", "right"): Text("your right eye is covered by a hand or an object"),
    ("object", "both"): Text("both eyes are covered by a hand or an object"),
    ("hair", "left"): Text("hair falls over your left eye"),
    ("hair", "right"): Text("hair falls over your right eye"),
    ("hair", "both"): Text("hair falls over both eyes"),
}


def _hand_over(ctx: Context, measures: OcclusionMeasures) -> set[str]:
    """What a hand covers ("mouth", "right", "left"), asked of the hand model only when the
    cheap evidence cannot tell: the lips do not stand out of the skin around them (a hand has
    the skin's colour, as have the lips of many darker-skinned faces) or an eye is flat. A mask
    or sunglasses already found need no hand."""
    if covered_by_mask(measures) or covered_by_lenses(measures):
        return set()
    flat_eye = min(eye.detail for eye in measures.eyes.values())
    if (measures.lower.lips_stand_out > limit("face.occlusion.hand_check_lips").value
            and flat_eye >= limit("face.occlusion.hand_check_eye_detail").value):
        return set()
    analysis = faces(ctx)
    assert analysis.landmarks is not None
    landmarks = analysis.landmarks
    return ctx.shared("visibility_hands", lambda c: covered_by_hand(
        hand_landmarks(c.working.pixels, landmarks), landmarks))


def _occlusion_problems(measures: OcclusionMeasures, hand: set[str]) -> list[Text]:
    """What is covered and by what, one clause each (`hand`: what a hand covers)."""
    problems = []
    covered = _covered_eyes(measures)
    for side in ("right", "left"):
        if side in hand:
            covered[side] = "object"
    for kind in ("lens", "object", "hair"):
        sides = [s for s, k in covered.items() if k == kind]
        if sides:
            problems.append(_EYE_COVERS[(kind, _eyes_key(sides))])
    nose_covered = measures.lower_cover["nose"] >= limit("face.occlusion.nose_cover").value
    if covered_by_mask(measures):
        problems.append(Text("your nose and mouth are covered, as by a mask") if nose_covered
                        else Text("your mouth and chin are covered, as by a mask"))
    elif "mouth" in hand:
        problems.append(Text("your mouth is covered by a hand or an object"))
    elif measures.mouth_detail < limit("face.occlusion.mouth_detail").value:
        if nose_covered:
            problems.append(Text("your nose and mouth are covered, as by a mask"))
        else:
            problems.append(Text("your mouth is covered by a hand or an object"))
    return problems


def _occlusion_fix(measures: OcclusionMeasures) -> Text:
    """The fix that names the covering: sunglasses, a mask, or the general one."""
    covers = set(_covered_eyes(measures).values())
    masked = covered_by_mask(measures)
    if covers == {"lens"} and not masked:
        return _SUNGLASSES_FIX
    if masked and not covers:
        return _MASK_FIX
    return _OCCLUSION_FIX


def _occlusion_value(measures: OcclusionMeasures) -> dict[str, object]:
    def per_eye(get: str) -> dict[str, float]:
        return {side: round(getattr(eye, get), 3) for side, eye in measures.eyes.items()}

    return {"eye_detail": per_eye("detail"), "lid_detail": per_eye("lid_detail"),
            "eye_darkness": per_eye("darkness"), "strands": per_eye("strands"),
            "mouth_detail": round(measures.mouth_detail, 3),
            "nose_cover": round(measures.lower_cover["nose"], 3),
            "mouth_band_gap": round(measures.lower.band_gap, 3),
            "mouth_band_saturation": round(measures.lower.band_saturation, 3),
            "mouth_band_hue_gap": round(measures.lower.band_hue_gap, 1),
            "lips_redness": round(measures.lower.lips_redness, 3),
            "lips_stand_out": round(measures.lower.lips_stand_out, 3),
            "lips_like_band": round(measures.lower.lips_like_band, 3),
            "lens_darkness": round(measures.lens.darkness, 3),
            "lens_opening": round(measures.lens.opening, 3),
            "lens_iris_contrast": round(measures.lens.iris_contrast, 3)}


@judges("face.occlusion")
def face_occlusion(ctx: Context) -> Check:
    crop = _crop(ctx)
    if crop is None:
        return _skip("face.occlusion", ctx)
    measures = _occlusion(ctx, crop)
    value = _occlusion_value(measures)
    lim = {name: limit(f"face.occlusion.{name}").value
           for name in ("eye_detail", "lens_detail", "sunglasses_darkness", "strands",
                        "mouth_detail", "nose_cover", "mask_band_saturation", "mask_band_hue_gap",
                        "mask_skin_saturation", "mask_lips_redness",
                        "mask_lips_stand_out", "mask_vivid_gap", "mask_lips_like_band",
                        "lens_darkness", "tinted_lens_darkness", "lens_opening",
                        "lens_iris_contrast")}
    problems = _occlusion_problems(measures, _hand_over(ctx, measures))
    if not problems:
        msg = Text("Eyes, nose and mouth are visible.")
        return Check("face.occlusion", Status.PASS, msg, value=value, limit=lim)
    msg = Text("Your face must be fully visible: {problems}.").format(
        problems=TextList(tuple(problems), LIST_SEP))
    return Check("face.occlusion", Status.FAIL, msg, value=value, limit=lim,
                 fix=_occlusion_fix(measures))


# ---------------------------------------------------------------- face.shadow

_SHADOW_FIX = Text("Light your face evenly from the front (face a window, or put a lamp on "
                   "each side), avoid light from straight above, and retake the photo.")


_SIDE_SHADOW = {
    "right": Text("the right side of your face is in shadow (it gets {pct}% of the light of the "
                  "other side; at least {min}%)"),
    "left": Text("the left side of your face is in shadow (it gets {pct}% of the light of the "
                 "other side; at least {min}%)"),
}


@judges("face.shadow")
def face_shadow(ctx: Context) -> Check:
    crop = _crop(ctx)
    if crop is None:
        return _skip("face.shadow", ctx)
    m = measure_shadow(crop)
    max_side, max_socket = (limit("face.shadow.side_gap").value,
                            limit("face.shadow.socket_gap").value)
    value = {"side_gap": round(m.side_gap, 3), "socket_gap": round(m.socket_gap, 3)}
    lim = {"side_gap": max_side, "socket_gap": max_socket}
    problems = []
    # Sunglasses darken the sockets and the skin under the lenses (both side patches and socket
    # patches reach there: on dev3, 5 of 8 real sunglasses read as a shadow); they are
    # face.occlusion's finding ("take off your sunglasses"), not a lighting problem.
    eyes_show = not {"lens", "object"} & set(_covered_eyes(_occlusion(ctx, crop)).values())
    if eyes_show and m.side_gap > max_side:
        problems.append(_SIDE_SHADOW[m.darker_side].format(pct=_pct(m.side_gap),
                                                           min=_pct(max_side)))
    if eyes_show and m.socket_gap > max_socket:
        problems.append(Text("your eye sockets are in shadow ({pct}% of the cheeks' brightness; "
                             "at least {min}%)"
                             ).format(pct=_pct(m.socket_gap), min=_pct(max_socket)))
    if not problems:
        msg = Text("No distinct shadow on the face.")
        return Check("face.shadow", Status.PASS, msg, value=value, limit=lim)
    msg = Text("There is a shadow on your face: {problems}."
               ).format(problems=TextList(tuple(problems), LIST_SEP))
    return Check("face.shadow", Status.FAIL, msg, value=value, limit=lim, fix=_SHADOW_FIX)


def _pct(log_gap: float) -> int:
    """A log-brightness gap as the darker part's brightness in per cent of the brighter."""
    return round(100 * math.exp(-log_gap))


# ---------------------------------------------------------------- face.red_eye

_RED_EYE_FIX = Text("Retake the photo with the flash off or with red-eye reduction on; "
                    "`photocheck fix` does not repaint eyes.")


_RED_EYE = {
    "left": Text("Red-eye: the pupil of your left eye is red ({pct}% of the pupil, at most "
                 "{max}%)."),
    "right": Text("Red-eye: the pupil of your right eye is red ({pct}% of the pupil, at most "
                  "{max}%)."),
    "both": Text("Red-eye: the pupils of both eyes are red ({pct}% of the pupil, at most "
                 "{max}%)."),
}


@judges("face.red_eye")
def face_red_eye(ctx: Context) -> Check:
    crop = _crop(ctx)
    if crop is None:
        return _skip("face.red_eye", ctx)
    shares = red_pupil_share(crop)
    max_share = limit("face.red_eye.share").value
    value = {side: round(s, 3) for side, s in shares.items()}
    red = [side for side, s in shares.items() if s > max_share]
    if not red:
        msg = Text("No red-eye.")
        return Check("face.red_eye", Status.PASS, msg, value=value, limit=max_share)
    msg = _RED_EYE[_eyes_key(red)].format(pct=round(100 * max(shares.values())),
                                          max=round(100 * max_share))
    return Check("face.red_eye", Status.FAIL, msg, value=value, limit=max_share, fix=_RED_EYE_FIX)


# ---------------------------------------------------------------- face.expression

_EXPRESSION_FIX = Text("Relax your face, close your lips and retake the photo.")


@judges("face.expression")
def face_expression(ctx: Context) -> Check:
    crop = _crop(ctx)
    if crop is None:
        return _skip("face.expression", ctx)
    m = measure_mouth(crop)
    max_open, max_teeth = (limit("face.expression.opening").value,
                           limit("face.expression.teeth").value)
    value = {"opening": round(m.opening, 3), "teeth": round(m.teeth, 3)}
    lim = {"opening": max_open, "teeth": max_teeth}
    if m.opening > max_open:
        msg = Text("Your mouth seems open (the lips are apart by {pct}% of the mouth's width; "
                   "at most {max}%). The office expects a natural expression with the mouth "
                   "closed.").format(
            pct=round(100 * m.opening), max=round(100 * max_open))
    elif m.teeth > max_teeth:
        msg = Text("You seem to be smiling broadly with your teeth showing. The office expects a "
                   "natural expression with the mouth closed.")
    else:
        msg = Text("Natural expression with the mouth closed.")
        return Check("face.expression", Status.PASS, msg, value=value, limit=lim)
    return Check("face.expression", Status.WARN, msg, value=value, limit=lim,
                 fix=_EXPRESSION_FIX)
