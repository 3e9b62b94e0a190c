"""`guide()`: live hints for a camera preview frame, from the checker's own rules and limits.

The upload page's guided capture sends a small preview frame (a JPEG of ~480-640 px) a few
times a second. This module judges it with the subset of rules that need no full-resolution
pixels (one face, its size and position, the pose, a plain background without
your shadow, the exposure), by running the very judges
`photocheck.check` runs, on the same working image size (photocheck.decode.WORKING_LONG_SIDE,
504 px, for the still and for any preview frame that large), so the guide and the final check
never disagree: when the full check fails one of these rules on a still, the guide on that
still is not ready. The frame is only held for the call; nothing is kept or logged.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import datetime

from photocheck.checks import judge_for
from photocheck.checks.face_rules import head_cut_off, no_room_for_trim
from photocheck.context import Context
from photocheck.decode import DecodeError
from photocheck.i18n.resolve import resolve
from photocheck.report import Check, Status, Text
from photocheck.rules import DEFAULT_PROFILE, declared_covering
from photocheck.source import Source
from photocheck.vision.faces import faces

GUIDE_RULES = ("face.count", "face.size", "face.position", "face.pose", "background.plain",
               "background.shadow", "image.exposure", "face.occlusion", "face.head_covering",
               "face.glasses_glare")
"""The rules a preview frame can judge as well as the still: what they read (the face mesh, the
head span, the person mask, the light measures, the face crop the mask, sunglasses, hat and
glare measures share) is measured on the 504 px working image either way. Sharpness, red-eye,
the eyes, the face's shadow, the expression and the file rules are left to the full check of
the still."""
COVERED_RULES = ("face.occlusion", "face.head_covering", "face.glasses_glare")
"""Rules whose hint is the check's own advice (take off the mask or sunglasses, the hat unless
declared, tilt the glasses): the same translated words the full report gives."""

HINTS: dict[str, Text] = {
    "no_face": Text("Put your face inside the outline, facing the camera."),
    "one_face": Text("Only you: make sure nobody else is in the picture."),
    "closer": Text("Move closer."),
    "back": Text("Move back a little: leave space above your head and show your shoulders."),
    "centre": Text("Centre your face in the outline."),
    "face_camera": Text("Face the camera: look straight into the lens."),
    "straighten": Text("Straighten your head: keep it level."),
    "plain_background": Text("Stand in front of a plain wall with nothing behind you."),
    "wall_shadow": Text("Step away from the wall so your shadow does not fall on it."),
    "more_light": Text("More light: face a window or a lamp."),
    "less_light": Text("Too much light: move away from the lamp or turn off the flash."),
    "even_light": Text("Light your face evenly: turn toward the light."),
    "ready": Text("Ready: hold still and take the photo."),
}
"""Each hint's id (stable, for a front end and the tests) and what the applicant reads."""


class FrameError(ValueError):
    """The frame is not a JPEG that decodes; the message says why in plain words."""


@dataclass(frozen=True)
class Hint:
    """One thing to change before the shot (or `ready`)."""

    id: str
    message: Text

    def to_dict(self, *langs: str | None) -> dict[str, object]:
        return {"id": self.id, "message": self.message.to_dict(*langs)}


@dataclass(frozen=True)
class Guidance:
    """The guide's answer: `ready` when every guide rule passes; the hints in order of what to
    fix first; the rules' own checks (the same ones the full report has) for a closer look."""

    ready: bool
    hints: tuple[Hint, ...]
    checks: tuple[Check, ...]
    lang: str
    elapsed_ms: float

    def to_dict(self, *langs: str | None) -> dict[str, object]:
        """JSON for /api/guide: messages in en, ja, this guidance's language and `langs`."""
        more = (self.lang, *langs)
        return {"ready": self.ready, "lang": self.lang,
                "hints": [h.to_dict(*more) for h in self.hints],
                "checks": [c.to_dict(*more) for c in self.checks],
                "elapsed_ms": round(self.elapsed_ms, 1)}


def guide(frame: bytes, *, still_size: tuple[int, int] | None = None,
          lang: str | None = None, covering: str | None = None) -> Guidance:
    """Judge a preview `frame` (JPEG bytes) with GUIDE_RULES and say what to change.

    `still_size` is the width and height the still will be taken at (the camera's full
    resolution): measures the check takes in full-resolution pixels (the trim's height) are then
    judged at that size, not the preview's. `covering` is a declared head covering, as for
    `photocheck.check`. Raises FrameError when the frame does not decode.
    """
    started = time.perf_counter()
    ctx = _context(frame, still_size)
    ctx.covering = declared_covering(covering)
    checks = tuple(_judge(rule_id, ctx) for rule_id in GUIDE_RULES)
    hints = _hints(ctx, {c.id: c for c in checks})
    ready = all(c.status in (Status.PASS, Status.WARN) for c in checks)
    if ready:
        hints = (*hints, Hint("ready", HINTS["ready"]))
    elapsed = (time.perf_counter() - started) * 1000
    return Guidance(ready, hints, checks, resolve(lang).code, elapsed)


def _context(frame: bytes, still_size: tuple[int, int] | None) -> Context:
    """The checker's context for the frame, its working image decoded (FrameError if not)."""
    ctx = Context(Source(None, bytes(frame), len(frame)), DEFAULT_PROFILE, datetime.now())
    if ctx.header is None:
        raise FrameError(ctx.header_error or "the frame is not a JPEG")
    try:
        working = ctx.working
    except DecodeError as exc:
        raise FrameError(str(exc)) from None
    if still_size is not None and min(still_size) > 0:
        width, height = still_size
        scaled = replace(working, scale=working.width / width, full_width=width,
                         full_height=height)
        ctx.__dict__["_working_or_error"] = scaled  # the cached_property's slot
    return ctx


def _judge(rule_id: str, ctx: Context) -> Check:
    judge = judge_for(rule_id)
    assert judge is not None, rule_id  # every guide rule is implemented
    result = judge(ctx)
    ctx.results[rule_id] = result
    return result


def _hints(ctx: Context, checks: dict[str, Check]) -> tuple[Hint, ...]:
    """What to change, most basic first: who is in the frame, where, how, then the light."""
    ids: list[str] = []
    count = checks["face.count"]
    if count.status is Status.FAIL:
        ids.append("one_face" if (count.value or 0) > 1 else "no_face")
    if checks["face.size"].status is Status.FAIL:
        ids.append(_size_hint(ctx, checks["face.size"]))
    if checks["face.position"].status is Status.FAIL:
        ids.append("centre")
    ids.extend(_pose_hints(checks["face.pose"]))
    if checks["background.plain"].status is Status.FAIL:
        ids.append("plain_background")
    if checks["background.shadow"].status is Status.FAIL:
        ids.append("wall_shadow")
    ids.extend(_light_hints(checks["image.exposure"]))
    hints = [Hint(i, HINTS[i]) for i in dict.fromkeys(ids)]
    if checks["image.exposure"].status is Status.FAIL:
        return tuple(hints)  # in bad light the face's details are no evidence: light first
    for rule_id in COVERED_RULES:
        check = checks[rule_id]
        if check.status in (Status.FAIL, Status.WARN):
            hints.append(Hint(rule_id, check.fix or check.message))
    return tuple(hints)


def _size_hint(ctx: Context, size: Check) -> str:
    """`back` when the head is cut off or leaves no room for the trim (the check's own tests),
    `closer` when it is too small or too few pixels high."""
    analysis = faces(ctx)
    head = analysis.head
    if head is not None and (head_cut_off(head, analysis.height)
                             or no_room_for_trim(head.height, analysis.width, analysis.height)):
        return "back"
    return "closer"


def _pose_hints(pose: Check) -> list[str]:
    if pose.status is not Status.FAIL:
        return []
    if not isinstance(pose.value, dict) or not isinstance(pose.limit, dict):
        return ["face_camera"]  # a face whose landmarks were not found: turned away
    over = {axis for axis in ("yaw", "pitch", "roll")
            if abs(pose.value[axis]) > pose.limit[axis]}
    hints = ["face_camera"] if over & {"yaw", "pitch"} else []
    return hints + (["straighten"] if "roll" in over else [])


def _light_hints(exposure: Check) -> list[str]:
    if exposure.status is Status.WARN:
        return ["even_light"]
    if exposure.status is not Status.FAIL or not isinstance(exposure.value, dict):
        return []
    assert isinstance(exposure.limit, dict)
    high = exposure.limit["median"][1]
    bright = (exposure.value["median"] > high
              or exposure.value["clipped"] > exposure.limit["clipped"])
    return ["less_light" if bright else "more_light"]
