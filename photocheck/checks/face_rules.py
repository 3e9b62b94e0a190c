"""The face rules: one face, facing front, centred, large enough, eyes open, no glare or hat,
and the print profile's framing.

All of them read the one face analysis (`photocheck.vision.faces`), which runs once per photo.
Measures are in working-image pixels and reported as fractions or degrees, so they mean the same
at any resolution; the report's `face` block is converted to full-resolution pixels.
"""

from __future__ import annotations

import numpy as np

from photocheck.checks.not_judged import skip_without_face
from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.report import LIST_SEP, Check, Status, Text, TextList
from photocheck.rules import limit
from photocheck.vision.eyes import eye_openness, glare_fraction, glasses_evidence
from photocheck.vision.faces import FaceAnalysis, HeadSpan, faces, yaw_limit
from photocheck.vision.head_covering import covering_evidence, hidden_face_parts
from photocheck.vision.trim import fit_trim, trim_around


def _analysis(ctx: Context) -> FaceAnalysis:
    """The shared face analysis; publishes the report's `face` block the first time."""
    analysis = faces(ctx)
    if analysis.single and "face_summary" not in ctx.extras:
        ctx.extras["face_summary"] = face_summary(ctx, analysis)
    return analysis


# ---------------------------------------------------------------- face.count


@judges("face.count")
def face_count(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    n = len(analysis.counted)
    if n == 1:
        msg = Text("One face found.")
        return Check("face.count", Status.PASS, msg, value=1, limit=1)
    if n == 0 and analysis.not_human:
        msg = Text("No human face was found: the face in the photo does not look like a "
                   "person's (no white of the eye around the iris). The photo must show you.")
        return Check("face.count", Status.FAIL, msg, value=0, limit=1)
    if n == 0:
        msg = Text("No face was found. Face the camera with your whole face visible and "
                   "well lit.")
        return Check("face.count", Status.FAIL, msg, value=0, limit=1)
    msg = Text("{n} faces were found; the photo must show only you. Retake it with nobody "
               "else in the frame.")
    return Check("face.count", Status.FAIL, msg.format(n=n), value=n, limit=1)


# ---------------------------------------------------------------- face.pose

_POSE_PROBLEMS = {
    ("yaw", True): Text("your head is turned {deg}° to your left"),
    ("yaw", False): Text("your head is turned {deg}° to your right"),
    ("pitch", True): Text("your chin is raised {deg}°"),
    ("pitch", False): Text("your chin is lowered {deg}°"),
    ("roll", True): Text("your head is tilted {deg}° toward your left shoulder"),
    ("roll", False): Text("your head is tilted {deg}° toward your right shoulder"),
}
_OVER_LIMIT = Text("{problem} (limit {limit}°)")


@judges("face.pose")
def face_pose(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    if len(analysis.counted) == 1 and analysis.pose is None:
        return _pose_unmeasurable()
    skipped = skip_without_face("face.pose", analysis)
    if skipped:
        return skipped
    assert analysis.pose is not None  # a meshed face always has a pose
    angles = {"yaw": analysis.pose.yaw, "pitch": analysis.pose.pitch, "roll": analysis.pose.roll}
    limits = {axis: limit(f"face.pose.{axis}_deg").value for axis in angles}
    limits["yaw"] = yaw_limit(analysis.pose)  # lower when the eyes confirm the turn
    value = {axis: round(a, 1) for axis, a in angles.items()}
    problems = []
    for axis, angle in angles.items():
        if abs(angle) > limits[axis]:
            problem = _POSE_PROBLEMS[(axis, angle > 0)].format(deg=round(abs(angle)))
            problems.append(_OVER_LIMIT.format(problem=problem, limit=limits[axis]))
    if not problems:
        msg = Text("Facing the camera: turned {yaw}°, nodded {pitch}°, tilted {roll}°.")
        return Check("face.pose", Status.PASS, msg.format(**value), value=value, limit=limits)
    msg = Text("Face the camera straight on: {problems}.")
    msg = msg.format(problems=TextList(tuple(problems), LIST_SEP))
    return Check("face.pose", Status.FAIL, msg, value=value, limit=limits)


def _pose_unmeasurable() -> Check:
    """A face was found but its landmarks were not: a profile or a face turned away is not
    frontal, so this fails rather than skips (a face that cannot be measured is not a pass)."""
    msg = Text("A face was found but its eyes, nose and mouth could not be located, as happens "
               "when the head is turned to the side or away. Face the camera straight on.")
    lim = {axis: limit(f"face.pose.{axis}_deg").value for axis in ("yaw", "pitch", "roll")}
    return Check("face.pose", Status.FAIL, msg, value=None, limit=lim)


# ---------------------------------------------------------------- face.position


# One whole sentence per direction: a direction word alone does not translate.
_OFF_CENTRE = {
    True: Text("Your face is {pct}% of the photo's width right of centre (limit {max}%). Stand "
               "in the middle of the frame."),
    False: Text("Your face is {pct}% of the photo's width left of centre (limit {max}%). Stand "
                "in the middle of the frame."),
}
_TOO_HIGH = Text("Your head is too close to the top edge of the photo (its centre is at {at}% "
                 "of the height; {lo}-{hi}% expected). Centre it vertically.")
_TOO_LOW = Text("Your head is too close to the bottom edge of the photo (its centre is at {at}% "
                "of the height; {lo}-{hi}% expected). Centre it vertically.")


@judges("face.position")
def face_position(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = skip_without_face("face.position", analysis)
    if skipped:
        return skipped
    head = analysis.head
    assert head is not None
    offset_x = (head.centre_x - analysis.width / 2) / analysis.width
    centre_y = (head.crown[1] + head.chin[1]) / 2 / analysis.height
    max_x = limit("face.position.offset_x").value
    low_y, high_y = limit("face.position.centre_y").value
    value = {"offset_x": round(offset_x, 3), "centre_y": round(centre_y, 3)}
    lim = {"offset_x": max_x, "centre_y": [low_y, high_y]}
    pct = {"pct": round(abs(offset_x) * 100), "max": round(max_x * 100)}
    if abs(offset_x) > max_x:
        msg = _OFF_CENTRE[offset_x > 0]
        return Check("face.position", Status.FAIL, msg.format(**pct), value=value, limit=lim)
    if not low_y <= centre_y <= high_y:
        msg = _TOO_HIGH if centre_y < low_y else _TOO_LOW
        params = {"at": round(centre_y * 100), "lo": round(low_y * 100),
                  "hi": round(high_y * 100)}
        return Check("face.position", Status.FAIL, msg.format(**params), value=value, limit=lim)
    msg = Text("The face is centred ({pct}% off centre, limit {max}%).")
    return Check("face.position", Status.PASS, msg.format(**pct), value=value, limit=lim)


# ---------------------------------------------------------------- face.size


_NOMINAL = (34.0, 4.0)
"""Head height and crown margin (mm of 45) of the passport framing the agency trims to."""


@judges("face.size")
def face_size(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = skip_without_face("face.size", analysis)
    if skipped:
        return skipped
    head = analysis.head
    assert head is not None
    fraction = head.height / analysis.height
    min_fraction = limit("face.size.head_fraction").value
    problem = (head_cut_off(head, analysis.height) or _too_small(fraction)
               or no_room_for_trim(head.height, analysis.width, analysis.height)
               or _trim_too_small(trim_around(head, *_NOMINAL).h / ctx.working.scale))
    if problem:
        return Check("face.size", Status.FAIL, problem, value=round(fraction, 3),
                     limit=min_fraction)
    msg = Text("The head fills {pct}% of the height, with room around it for the 35:45 trim.")
    return Check("face.size", Status.PASS, msg.format(pct=round(fraction * 100)),
                 value=round(fraction, 3), limit=min_fraction)


def head_cut_off(head: HeadSpan, height: int) -> Text | None:
    """The crown or chin outside the frame."""
    crown_out = head.crown_cut
    if not crown_out and head.chin[1] <= height:
        return None
    if crown_out:
        return Text("The top of your head is cut off by the frame. Leave a little space above "
                    "your head and include your shoulders.")
    return Text("Your chin is cut off by the frame. Leave a little space above your head and "
                "include your shoulders.")


def _too_small(fraction: float) -> Text | None:
    """The head too small a part of the photo (not bust-up)."""
    min_fraction = limit("face.size.head_fraction").value
    if fraction >= min_fraction:
        return None
    return Text("Your head fills only {pct}% of the photo's height (at least {min}%). Move "
                "closer or zoom in so head and shoulders fill the frame.").format(
        pct=round(fraction * 100), min=round(min_fraction * 100))


def no_room_for_trim(head_height: float, width: int, height: int) -> Text | None:
    """A close-up too tight for any 35:45 trim to leave room around the head."""
    width_mm, height_mm = limit("print.size_mm").value
    largest_trim = min(height, width * height_mm / width_mm)
    max_fill = limit("face.size.max_trim_fill").value
    if head_height <= max_fill * largest_trim:
        return None
    return Text("Your head fills {fill}% of the largest 35:45 trim of this photo (at most "
                "{max}%): there is no room around it. Step back a little so there is space "
                "above your head and your shoulders show.").format(
        fill=round(100 * head_height / largest_trim), max=round(100 * max_fill))


def _trim_too_small(trim_px: float) -> Text | None:
    """The passport trim around the head too few pixels high (full resolution)."""
    min_px = limit("face.size.trim_px").value
    if trim_px >= min_px:
        return None
    return Text("Trimmed to 35:45 around the head, the photo would be only {px} px high (at "
                "least {min} px). Move closer or use a higher resolution.").format(
        px=round(trim_px), min=min_px)


# ---------------------------------------------------------------- face.eyes_open


_EYES_CLOSED = {
    ("left",): Text("Open your eyes: your left eye looks closed or covered (opening {r} of the "
                    "eye's width, at least {min}). Keep hair off your eyes."),
    ("right",): Text("Open your eyes: your right eye looks closed or covered (opening {r} of "
                     "the eye's width, at least {min}). Keep hair off your eyes."),
    ("right", "left"): Text("Open your eyes: both eyes look closed or covered (opening {r} of "
                            "the eye's width, at least {min}). Keep hair off your eyes."),
}


@judges("face.eyes_open")
def face_eyes_open(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = skip_without_face("face.eyes_open", analysis)
    if skipped:
        return skipped
    assert analysis.landmarks is not None
    openness = eye_openness(analysis.landmarks)
    min_ratio = limit("face.eyes_open.ratio").value
    value = {side: round(r, 3) for side, r in openness.ratio.items()}
    min_iris = limit("face.eyes_open.iris_shown").value
    # Closed only when both measures agree: narrow (e.g. monolid) eyes have a low aspect ratio
    # but still show most of the iris height.
    closed = [side for side, r in openness.ratio.items()
              if r < min_ratio and openness.iris_shown[side] < min_iris]
    if not closed:
        msg = Text("Both eyes are open.")
        return Check("face.eyes_open", Status.PASS, msg, value=value, limit=min_ratio)
    msg = _EYES_CLOSED[tuple(closed)]
    worst = min(openness.ratio.values())
    return Check("face.eyes_open", Status.FAIL, msg.format(r=round(worst, 2), min=min_ratio),
                 value=value, limit=min_ratio)


# ---------------------------------------------------------------- face.glasses_glare


@judges("face.glasses_glare")
def face_glasses_glare(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = skip_without_face("face.glasses_glare", analysis)
    if skipped:
        return skipped
    assert analysis.landmarks is not None
    bridge = glasses_evidence(ctx.working.pixels, analysis.landmarks)
    min_bridge = limit("face.glasses_glare.glasses").value
    max_fraction = limit("face.glasses_glare.fraction").value
    lim = {"glasses": min_bridge, "glare": max_fraction}
    if bridge < min_bridge:
        # Without glasses a bright spot near the eyes is skin shine, not a lens reflection.
        msg = Text("No glasses seen (frame lines {b}; glasses from {lim}).")
        return Check("face.glasses_glare", Status.PASS,
                     msg.format(b=round(bridge, 3), lim=min_bridge),
                     value={"glasses": round(bridge, 3), "glare": 0.0}, limit=lim)
    fraction = glare_fraction(ctx.working.pixels, analysis.landmarks,
                              limit("face.glasses_glare.min_blob").value)
    value = {"glasses": round(bridge, 3), "glare": round(fraction, 4)}
    pct = {"pct": round(fraction * 100, 1), "max": round(max_fraction * 100, 1)}
    if fraction <= max_fraction:
        msg = Text("No reflection on the glasses ({pct}% of the lens area, at most {max}%).")
        return Check("face.glasses_glare", Status.PASS, msg.format(**pct), value=value,
                     limit=lim)
    msg = Text("There seem to be reflections on your glasses ({pct}% of the lens area, at most "
               "{max}%). Tilt your glasses slightly down, move the light or take the glasses "
               "off.")
    return Check("face.glasses_glare", Status.WARN, msg.format(**pct), value=value, limit=lim)


# ---------------------------------------------------------------- face.head_covering


_NOT_DECLARED = Text(
    "You seem to be wearing a hat or head covering. Take it off for the photo. If you wear it "
    "for religious or medical reasons, declare it (--covering religious or --covering medical, "
    "or the box on the web page) and keep your whole face visible, from the hairline or the "
    "covering's edge to the chin and both sides of the face.")
# One whole sentence per declared reason: a reason word alone does not translate.
_DECLARED_VISIBLE = {
    "religious": Text(
        "You declared a head covering worn for religious reasons, and your whole face is "
        "visible, so it is allowed. Give the reason when you apply: on the paper form, write it "
        "in the name column on the front; online, tell the municipality where you are registered, "
        "with your Application ID, or call the Individual Number Card call centre toll-free on "
        "0120-95-0178 with your Application ID."),
    "medical": Text(
        "You declared a head covering worn for medical reasons, and your whole face is visible, "
        "so it is allowed. Give the reason when you apply: on the paper form, write it in the "
        "name column on the front; online, tell the municipality where you are registered, with "
        "your Application ID, or call the Individual Number Card call centre toll-free on "
        "0120-95-0178 with your Application ID."),
}
_DECLARED_HIDING = {
    "religious": Text(
        "You declared a head covering worn for religious reasons, but it seems to hide part of "
        "your face ({parts}). The whole face must show, from the hairline or the covering's edge "
        "to the chin and both sides of the face: adjust the covering and retake the photo."),
    "medical": Text(
        "You declared a head covering worn for medical reasons, but it seems to hide part of "
        "your face ({parts}). The whole face must show, from the hairline or the covering's edge "
        "to the chin and both sides of the face: adjust the covering and retake the photo."),
}
_FACE_PARTS = {
    "forehead": Text("the forehead"),
    "left": Text("the left side of the face"),
    "right": Text("the right side of the face"),
}


@judges("face.head_covering")
def face_head_covering(ctx: Context) -> Check:
    """Fails for a hat or other covering; a declared religious or medical covering passes with
    the agency's note on how to give the reason, as long as it leaves the whole face visible."""
    analysis = _analysis(ctx)
    skipped = skip_without_face("face.head_covering", analysis)
    if skipped:
        return skipped
    assert analysis.landmarks is not None and analysis.head is not None
    if ctx.covering is not None:
        return _declared_covering(ctx, analysis.landmarks, ctx.covering)
    crown = None if analysis.head.crown_cut else analysis.head.crown
    evidence = covering_evidence(ctx.working.pixels, analysis.landmarks, crown)
    value, lim = evidence.report()
    if not evidence.covered():
        msg = Text("No hat or head covering detected.")
        return Check("face.head_covering", Status.PASS, msg, value=value, limit=lim)
    return Check("face.head_covering", Status.FAIL, _NOT_DECLARED, value=value, limit=lim)


def _declared_covering(ctx: Context, landmarks: np.ndarray, covering: str) -> Check:
    """A declared covering: allowed with the note when it hides no part of the face."""
    hidden = hidden_face_parts(ctx.working.pixels, landmarks)
    value = {"declared": covering, "hidden": list(hidden)}
    if not hidden:
        return Check("face.head_covering", Status.PASS, _DECLARED_VISIBLE[covering], value=value)
    parts = TextList(tuple(_FACE_PARTS[part] for part in hidden), LIST_SEP)
    msg = _DECLARED_HIDING[covering].format(parts=parts)
    return Check("face.head_covering", Status.FAIL, msg, value=value)


# ---------------------------------------------------------------- print.framing


@judges("print.framing")
def print_framing(ctx: Context) -> Check:
    analysis = _analysis(ctx)
    skipped = skip_without_face("print.framing", analysis)
    if skipped:
        return skipped
    head = analysis.head
    assert head is not None
    _, print_h = limit("print.size_mm").value
    head_mm = head.height / analysis.height * print_h
    crown_mm = head.crown[1] / analysis.height * print_h
    head_lim, crown_lim = limit("print.head_mm").value, limit("print.crown_margin_mm").value
    value = {"head_mm": round(head_mm, 1), "crown_margin_mm": round(crown_mm, 1)}
    lim = {"head_mm": list(head_lim), "crown_margin_mm": list(crown_lim)}
    problems = []
    if not head_lim[0] <= head_mm <= head_lim[1]:
        problems.append(Text("the head is {mm} mm from crown to chin ({lo}-{hi} mm needed)").format(
            mm=round(head_mm, 1), lo=head_lim[0], hi=head_lim[1]))
    if not crown_lim[0] <= crown_mm <= crown_lim[1]:
        problems.append(Text("the space above the head is {mm} mm ({lo}-{hi} mm needed)").format(
            mm=round(crown_mm, 1), lo=crown_lim[0], hi=crown_lim[1]))
    if not problems:
        msg = Text("Printed at 35 x 45 mm, the head is {h} mm with {c} mm above it.")
        return Check("print.framing", Status.PASS,
                     msg.format(h=value["head_mm"], c=value["crown_margin_mm"]),
                     value=value, limit=lim)
    fix = Text("`photocheck fix --profile print` crops it to 35:45 with the head at passport "
               "size.")
    msg = Text("Printed at 35 x 45 mm, {problems}.")
    msg = msg.format(problems=TextList(tuple(problems), LIST_SEP))
    return Check("print.framing", Status.FAIL, msg, value=value, limit=lim, fix=fix)


# ---------------------------------------------------------------- report block


def face_summary(ctx: Context, analysis: FaceAnalysis) -> dict[str, object]:
    """The report's `face` block in full-resolution upright pixels, for overlays and the fixer."""
    s = ctx.working.scale
    head, pose = analysis.head, analysis.pose
    assert head is not None and pose is not None and analysis.landmarks is not None
    main = max(analysis.counted, key=lambda d: d.box[2] * d.box[3])
    summary: dict[str, object] = {
        "box": [round(v / s) for v in main.box],
        "yaw": round(pose.yaw, 1), "pitch": round(pose.pitch, 1), "roll": round(pose.roll, 1),
        "score": round(main.score, 3),
        "crown_y": round(head.crown[1] / s), "chin_y": round(head.chin[1] / s),
        "centre_x": round(head.centre_x / s),
    }
    # The fixer crops to `trim`: the passport framing nearest the nominal one that fits inside
    # the photo, or the nominal one reaching past the edge (`trim_fits` false: pad to use it).
    fitted = fit_trim(head, analysis.width, analysis.height)
    trim = fitted or trim_around(head, *_NOMINAL)
    summary["trim"] = [round(trim.x / s), round(trim.y / s), round(trim.w / s), round(trim.h / s)]
    summary["trim_fits"] = fitted is not None
    return summary
