"""`check()`: one photo through one profile's rules, header rules first, pixels only if needed.

The order is what makes rejection cheap: the file-level rules run on the header, and a rule that
needs pixels is only asked once `file.integrity` has decoded them. A rule that could not be judged
is reported `skip` with the reason, never `pass`.
"""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from datetime import datetime

from photocheck import spare_core
from photocheck.checks import judge_for
from photocheck.context import AUTO, HELPER, Context
from photocheck.i18n.resolve import resolve
from photocheck.report import Check, Report, Status, Text
from photocheck.rules import DEFAULT_PROFILE, Rule, Stage, declared_covering, limit, profile_rules
from photocheck.source import SourceError, SourceLike, load

_SOURCE_ERRORS = {
    "missing": Text("The file does not exist."),
    "directory": Text("This is a folder, not a photo file."),
    "not_a_file": Text("This is not a regular file (a device, pipe or socket)."),
    "unreadable": Text("The file cannot be read ({detail})."),
}

_NOT_IMPLEMENTED = Text("Not judged by this version of photocheck yet.")


def check(
    source: SourceLike,
    profile: str = DEFAULT_PROFILE,
    *,
    name: str | None = None,
    now: datetime | None = None,
    lang: str | None = None,
    covering: str | None = None,
) -> Report:
    """Check a photo (a path, or the file's bytes) against `profile` ("online" or "print").

    `name` is what the report calls the file (default: the path as given, None for bytes);
    `now` fixes the date `photo.age` is judged against (default: the local time);
    `lang` adds that language beside en and ja in every message (photocheck.i18n: codes, aliases
    and locale names are accepted, unknown ones mean English);
    `covering` ("religious" or "medical") is a head covering the applicant declares: it then
    passes `face.head_covering` with a note on how to give the reason, if the face shows fully.
    Raises ValueError for an unknown profile or covering and TypeError for a source of the
    wrong type; every problem with the file itself is reported, never raised.
    """
    started = time.perf_counter()
    rules = profile_rules(profile)
    covering = declared_covering(covering)
    code = resolve(lang).code
    try:
        src = load(source, name, read_whole_up_to=limit("file.size.bytes").value[1])
    except SourceError as exc:
        report = _error_report(name if name is not None else str(source), profile, exc, started)
        report.lang = code
        return report
    with _helper() as helper:
        ctx = Context(src, profile, now or datetime.now(), helper=helper, covering=covering)
        checks = [_judge(rule, ctx) for rule in rules]
        for future in ctx.pending.values():  # started but not needed (no rule asked): wait
            future.exception()
    face = ctx.extras.get("face_summary")
    elapsed = (time.perf_counter() - started) * 1000
    return Report(src.name, profile, checks, face=face, elapsed_ms=elapsed, lang=code,
                  covering=covering)


def _helper() -> AbstractContextManager[Executor | None]:
    """The helper thread this check may use (see `photocheck.context.HELPER`)."""
    chosen = HELPER.get()
    if chosen == AUTO:
        return spare_core.lent_helper()
    return contextlib.nullcontext(chosen if isinstance(chosen, Executor) else None)


def _judge(rule: Rule, ctx: Context) -> Check:
    """One rule's outcome; pixel rules are skipped with the reason when pixels are off limits."""
    if rule.stage is Stage.PIXELS:
        blocked = _pixels_blocked(ctx)
        if blocked is not None:
            return Check(rule.id, Status.SKIP, blocked)
    judge = judge_for(rule.id)
    result = Check(rule.id, Status.SKIP, _NOT_IMPLEMENTED) if judge is None else judge(ctx)
    ctx.results[rule.id] = result
    if rule.id == "file.integrity" and result.status is Status.PASS:
        _start_segmentation(ctx)
    return result


def _start_segmentation(ctx: Context) -> None:
    """With a helper thread, segment the person there while this thread detects and meshes
    the face: the LiteRT interpreter and mediapipe's graphs release the GIL, so on a spare core
    the two overlap (the person mask is read first by `face.count`, right after the mesh)."""
    if ctx.helper is not None:
        from photocheck.vision import person

        ctx.prefetch(person.SHARED_KEY, person.compute_person_mask)


def _pixels_blocked(ctx: Context) -> Text | None:
    """Why the pixel rules cannot be judged, or None when the image decoded cleanly."""
    integrity = ctx.results.get("file.integrity")
    if integrity is not None and integrity.status is Status.PASS:
        return None
    if integrity is not None and integrity.status is Status.FAIL:
        return Text("Not examined: the image data is damaged.")
    failed = [c.id for c in ctx.results.values() if c.status is Status.FAIL]
    reason = ", ".join(failed) or "file.integrity"
    return Text("Not examined: the file must first pass {rules}.").format(rules=reason)


def _error_report(name: str, profile: str, exc: SourceError, started: float) -> Report:
    message = _SOURCE_ERRORS.get(exc.reason, _SOURCE_ERRORS["unreadable"])
    detail = exc.detail or exc.reason
    check_ = Check("file.readable", Status.FAIL, message.format(detail=detail), value=exc.reason)
    elapsed = (time.perf_counter() - started) * 1000
    return Report(name, profile, [check_], elapsed_ms=elapsed, error=True)
