"""Load the by-eye calibration labels and score predicted reports against them.

The labels (``dev_labels.toml``) say, for each dev photo, whether a careful reviewer would accept
it as an online My Number Card photo and which rule ids should fail (the first one is the main
reason). :func:`score` measures a set of predictions against the bar the pixel rules must meet:

(a) no photo labelled ``reject`` is accepted;
(b) at most one photo labelled ``accept`` with ``clear = true`` is rejected per 30 such photos
    (and at least one is tolerated, so a small set is not held to zero);
(c) of the photos labelled ``reject`` that are predicted ``reject``, at least 95% have the
    labelled main reason (``fail[0]``) among the predicted failing rules;
(d) no skin-tone group (``tone``) has a higher false-reject rate on clear accepts than the
    lighter group: a well-lit darker face must not be rejected more often than a lighter one.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - only on Python 3.10
    import tomli as tomllib

Verdict = Literal["accept", "reject"]

RULE_IDS: frozenset[str] = frozenset(
    {
        "file.format",
        "file.color_mode",
        "file.size",
        "image.dimensions",
        "file.integrity",
        "face.count",
        "face.pose",
        "face.position",
        "face.size",
        "background.plain",
        "background.shadow",
        "image.exposure",
        "image.sharpness",
        "face.eyes_open",
        "face.glasses_glare",
        "face.head_covering",
        "face.occlusion",
        "face.shadow",
        "face.red_eye",
        "face.expression",
        "photo.age",
        "photo.edited",
        "image.orientation",
        "print.aspect",
        "print.framing",
        "print.resolution",
    }
)
"""The rule ids of the spec (photo-rules.md); a public contract, never renamed."""

VERDICTS: frozenset[str] = frozenset({"accept", "reject"})
BACKGROUNDS: frozenset[str] = frozenset({"plain", "busy", "gradient"})
POSES: frozenset[str] = frozenset({"frontal", "turned", "tilted"})
FRAMINGS: frozenset[str] = frozenset({"bust", "head_only", "wide", "cropped_head"})
LIGHTINGS: frozenset[str] = frozenset({"good", "dark", "overexposed", "harsh_shadow"})
TONES: frozenset[str] = frozenset({"darker", "medium", "lighter"})
"""Skin tone as seen in the photo, for per-group figures (fairness), not a self-report."""

MAX_FALSE_ACCEPTS = 0
"""Bar (a): photos labelled reject that may be accepted."""
MAX_CLEAR_FALSE_REJECTS = 1
"""Bar (b): clear accepts that may be rejected per COMPLIANT_PER_FALSE_REJECT of them (min 1)."""
COMPLIANT_PER_FALSE_REJECT = 30
"""Bar (b), issue 11: at most one false reject per 30 compliant photos."""
MIN_RIGHT_RULE_RATIO = 0.95
"""Bar (c): share of agreed rejections whose failing rules include the labelled main reason."""
FILE_RULES: frozenset[str] = frozenset(
    {"file.format", "file.color_mode", "file.size", "image.dimensions", "file.integrity"})
"""Rules judged on the file, before the pixels: when one fails the checker does not examine the
pixels at all (the pixel rules are reported skip), so it cannot name a visible main reason."""
REFERENCE_TONE = "lighter"
"""Bar (d): the group every other tone group's false-reject rate is compared with."""


def allowed_false_rejects(clear_accepts: int) -> int:
    """Bar (b): one false reject per 30 clear accepts, never fewer than one."""
    return max(MAX_CLEAR_FALSE_REJECTS, clear_accepts // COMPLIANT_PER_FALSE_REJECT)

_REQUIRED = ("file", "verdict", "fail", "warn", "clear", "faces", "note")
_OPTIONAL_CHOICES: dict[str, frozenset[str]] = {
    "background": BACKGROUNDS,
    "pose": POSES,
    "framing": FRAMINGS,
    "lighting": LIGHTINGS,
    "tone": TONES,
}
_OPTIONAL_BOOLS = ("sharp", "eyes_open", "glasses")
_KNOWN = frozenset(_REQUIRED) | frozenset(_OPTIONAL_CHOICES) | frozenset(_OPTIONAL_BOOLS)


class LabelError(ValueError):
    """A label file entry is missing a field, has a wrong type or an unknown value."""


@dataclass(frozen=True)
class PhotoLabel:
    """What a careful reviewer says about one photo for the online profile."""

    key: str
    file: str
    verdict: Verdict
    fail: tuple[str, ...]
    warn: tuple[str, ...]
    clear: bool
    faces: int
    note: str
    background: str | None = None
    pose: str | None = None
    framing: str | None = None
    lighting: str | None = None
    sharp: bool | None = None
    eyes_open: bool | None = None
    glasses: bool | None = None
    tone: str | None = None

    @property
    def main_reason(self) -> str | None:
        """The labelled main reason for a rejection (``fail[0]``), None for an accept."""
        return self.fail[0] if self.fail else None


@dataclass(frozen=True)
class Score:
    """How predictions compare with the labels, and whether they meet the bar."""

    false_accepts: tuple[str, ...]
    """Files labelled reject but predicted accept (bar a)."""
    clear_false_rejects: tuple[str, ...]
    """Files labelled accept with clear = true but predicted reject (bar b)."""
    wrong_rule: tuple[str, ...]
    """Agreed rejections whose predicted failing rules miss the labelled main reason."""
    agreed_rejects: int
    """Files labelled reject and predicted reject: the denominator of bar (c)."""
    missing: tuple[str, ...]
    """Labelled files that have no prediction; any missing file fails the bar."""
    clear_accepts: int = 0
    """Files labelled accept with clear = true: the denominator of bar (b)."""
    tone_accepts: Mapping[str, int] = field(default_factory=dict)
    """Clear accepts per labelled tone group (bar d)."""
    tone_false_rejects: Mapping[str, int] = field(default_factory=dict)
    """Clear false rejects per labelled tone group (bar d)."""

    def tone_rate(self, tone: str) -> float:
        """False-reject rate of a tone group's clear accepts; 0.0 for an empty group."""
        total = self.tone_accepts.get(tone, 0)
        return self.tone_false_rejects.get(tone, 0) / total if total else 0.0

    @property
    def tone_fair(self) -> bool:
        """Bar (d): no tone group is rejected more often than the lighter group."""
        reference = self.tone_rate(REFERENCE_TONE)
        return all(self.tone_rate(tone) <= reference for tone in self.tone_accepts)

    @property
    def right_rule(self) -> int:
        """Agreed rejections that name the labelled main reason."""
        return self.agreed_rejects - len(self.wrong_rule)

    @property
    def right_rule_ratio(self) -> float:
        """Bar (c) ratio; 1.0 when there is no agreed rejection to judge."""
        if self.agreed_rejects == 0:
            return 1.0
        return self.right_rule / self.agreed_rejects

    @property
    def meets_bar(self) -> bool:
        """True when (a) to (d) all hold and every labelled file was predicted."""
        return (
            not self.missing
            and len(self.false_accepts) <= MAX_FALSE_ACCEPTS
            and len(self.clear_false_rejects) <= allowed_false_rejects(self.clear_accepts)
            and self.right_rule_ratio >= MIN_RIGHT_RULE_RATIO
            and self.tone_fair
        )


def _rule_ids(key: str, field: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LabelError(f"[{key}] {field} must be a list of rule ids, got {value!r}")
    unknown = [item for item in value if item not in RULE_IDS]
    if unknown:
        raise LabelError(f"[{key}] {field} names unknown rule ids {unknown}")
    if len(set(value)) != len(value):
        raise LabelError(f"[{key}] {field} repeats a rule id: {value}")
    return tuple(value)


def _label(key: str, table: Mapping[str, Any]) -> PhotoLabel:
    missing = [name for name in _REQUIRED if name not in table]
    if missing:
        raise LabelError(f"[{key}] is missing {missing}")
    extra = sorted(set(table) - _KNOWN)
    if extra:
        raise LabelError(f"[{key}] has unknown fields {extra}")
    verdict = table["verdict"]
    if verdict not in VERDICTS:
        raise LabelError(f"[{key}] verdict must be accept or reject, got {verdict!r}")
    fail = _rule_ids(key, "fail", table["fail"])
    warn = _rule_ids(key, "warn", table["warn"])
    if verdict == "reject" and not fail:
        raise LabelError(f"[{key}] a reject needs at least one failing rule (its main reason)")
    if verdict == "accept" and fail:
        raise LabelError(f"[{key}] an accept cannot list failing rules {list(fail)}")
    if not isinstance(table["file"], str) or not table["file"]:
        raise LabelError(f"[{key}] file must be a non-empty string")
    if not isinstance(table["note"], str):
        raise LabelError(f"[{key}] note must be a string")
    faces = table["faces"]
    if isinstance(faces, bool) or not isinstance(faces, int) or faces < 0:
        raise LabelError(f"[{key}] faces must be a count, got {faces!r}")
    bools: dict[str, bool | None] = {}
    for name in ("clear", *_OPTIONAL_BOOLS):
        value = table.get(name)
        if value is not None and not isinstance(value, bool):
            raise LabelError(f"[{key}] {name} must be true or false, got {value!r}")
        bools[name] = value
    choices: dict[str, str | None] = {}
    for name, allowed in _OPTIONAL_CHOICES.items():
        value = table.get(name)
        if value is not None and value not in allowed:
            raise LabelError(f"[{key}] {name} must be one of {sorted(allowed)}, got {value!r}")
        choices[name] = value
    return PhotoLabel(
        key=key,
        file=table["file"],
        verdict=cast(Verdict, verdict),
        fail=fail,
        warn=warn,
        clear=bool(bools["clear"]),
        faces=faces,
        note=table["note"],
        background=choices["background"],
        pose=choices["pose"],
        framing=choices["framing"],
        lighting=choices["lighting"],
        sharp=bools["sharp"],
        eyes_open=bools["eyes_open"],
        glasses=bools["glasses"],
        tone=choices["tone"],
    )


def names_right_rule(label: PhotoLabel, failed: Sequence[str]) -> bool:
    """Bar (c): the report names the main reason, or it stopped at labelled file rules.

    A file that fails a file rule (too small in bytes, say) is rejected before its pixels are
    looked at, so a visible main reason cannot be named; the rejection is still right when every
    rule the report names is a file rule the label also fails.
    """
    if label.main_reason in failed:
        return True
    return bool(failed) and all(rule in FILE_RULES and rule in label.fail for rule in failed)


def parse_labels(text: str) -> list[PhotoLabel]:
    """Labels from TOML text: one table per photo, in file order."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LabelError(f"labels are not valid TOML: {error}") from error
    labels: list[PhotoLabel] = []
    for key, table in document.items():
        if not isinstance(table, dict):
            raise LabelError(f"top-level {key!r} must be a table, one per photo")
        labels.append(_label(key, table))
    files = [label.file for label in labels]
    duplicates = sorted({name for name in files if files.count(name) > 1})
    if duplicates:
        raise LabelError(f"files labelled more than once: {duplicates}")
    return labels


def load_labels(path: str | Path) -> list[PhotoLabel]:
    """Labels from a TOML file such as ``dev_labels.toml``."""
    return parse_labels(Path(path).read_text(encoding="utf-8"))


def score(labels: Sequence[PhotoLabel], results: Mapping[str, Mapping[str, Any]]) -> Score:
    """Compare predictions with labels.

    ``results`` maps a file name to a predicted report ``{"verdict": "accept" | "reject",
    "failed": [rule ids]}``. Predictions for files without a label are ignored.
    """
    false_accepts: list[str] = []
    clear_false_rejects: list[str] = []
    wrong_rule: list[str] = []
    missing: list[str] = []
    agreed_rejects = 0
    tone_accepts: dict[str, int] = {}
    tone_false_rejects: dict[str, int] = {}
    for label in labels:
        if label.verdict == "accept" and label.clear and label.tone is not None:
            tone_accepts[label.tone] = tone_accepts.get(label.tone, 0) + 1
        predicted = results.get(label.file)
        if predicted is None:
            missing.append(label.file)
            continue
        verdict = predicted.get("verdict")
        failed = predicted.get("failed", [])
        if verdict not in VERDICTS:
            raise ValueError(f"{label.file}: predicted verdict must be accept or reject, "
                             f"got {verdict!r}")
        if isinstance(failed, str) or not all(isinstance(rule, str) for rule in failed):
            raise ValueError(f"{label.file}: predicted failed must be a list of rule ids")
        if verdict == "accept" and failed:
            raise ValueError(f"{label.file}: an accepted report cannot have failing rules")
        if label.verdict == "reject":
            if verdict == "accept":
                false_accepts.append(label.file)
            else:
                agreed_rejects += 1
                if not names_right_rule(label, failed):
                    wrong_rule.append(label.file)
        elif verdict == "reject" and label.clear:
            clear_false_rejects.append(label.file)
            if label.tone is not None:
                tone_false_rejects[label.tone] = tone_false_rejects.get(label.tone, 0) + 1
    return Score(
        false_accepts=tuple(false_accepts),
        clear_false_rejects=tuple(clear_false_rejects),
        wrong_rule=tuple(wrong_rule),
        agreed_rejects=agreed_rejects,
        missing=tuple(missing),
        clear_accepts=sum(1 for label in labels if label.verdict == "accept" and label.clear),
        tone_accepts=tone_accepts,
        tone_false_rejects=tone_false_rejects,
    )
