"""Run the checker over the labelled dev photos and score it against the issue's bar.

    python -m tests.calibration.run [--set dev|dev2] [--all]

Two labelled sets live beside the checkout (never copied into the repository):
``../shared/photos/dev`` (press pictures, ``dev_labels.toml``) and ``../shared/photos/dev2``
(studio portraits and booking photos, ``dev2_labels.toml``). Prints one line per photo where
prediction and label disagree (every photo with --all), then the score per set, for both sets
together, and the false-reject rate per skin-tone group. A set whose photos are absent is
skipped. ``photo.age`` is left out of the prediction: it depends on the day the check runs, not
on the photo, and the dev photos are years-old press photos (see README.md here).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import photocheck
from tests.calibration.labels import (
    TONES,
    PhotoLabel,
    Score,
    allowed_false_rejects,
    load_labels,
    names_right_rule,
    score,
)

HERE = Path(__file__).resolve().parent
SHARED_PHOTOS = HERE.parents[2] / "shared" / "photos"
"""Beside the checkout, as ../shared/photos; never copied into the repository."""
LABELS = HERE / "dev_labels.toml"
DEV_PHOTOS = SHARED_PHOTOS / "dev"
LABELS2 = HERE / "dev2_labels.toml"
DEV2_PHOTOS = SHARED_PHOTOS / "dev2"
LABELS3 = HERE / "dev3_labels.toml"
DEV3_PHOTOS = SHARED_PHOTOS / "dev3"

DATE_DEPENDENT = frozenset({"photo.age"})


@dataclass(frozen=True)
class LabelledSet:
    """One folder of dev photos and the file of their labels."""

    name: str
    labels: Path
    photos: Path

    @property
    def present(self) -> bool:
        """The photos are beside the checkout (they never are in CI or a fresh clone)."""
        return self.photos.is_dir()


SETS: tuple[LabelledSet, ...] = (
    LabelledSet("dev", LABELS, DEV_PHOTOS),
    LabelledSet("dev2", LABELS2, DEV2_PHOTOS),
    LabelledSet("dev3", LABELS3, DEV3_PHOTOS),
)


@cache
def predict(path: Path) -> dict[str, object]:
    """The checker's verdict and failing rules for one photo, date-dependent rules aside.

    Cached per path so the bar test, the fairness test and the runner check each photo once.
    """
    report = photocheck.check(path)
    failed = [c.id for c in report.failed() if c.id not in DATE_DEPENDENT]
    return {"verdict": "reject" if failed else "accept", "failed": failed}


def run(labels: Iterable[PhotoLabel], photos: Path) -> tuple[Score, dict[str, dict[str, object]]]:
    """Score the checker on one folder of labelled photos."""
    labels = list(labels)
    results = {label.file: predict(photos / label.file) for label in labels}
    return score(labels, results), results


def run_sets(sets: Sequence[LabelledSet]) -> tuple[
        list[tuple[LabelledSet, list[PhotoLabel], Score, dict[str, dict[str, object]]]],
        Score | None]:
    """Score every present set, and all present sets together (None when none is present).

    Files are keyed by set name in the combined score so equal names in two sets stay apart.
    """
    per_set = []
    combined_labels: list[PhotoLabel] = []
    combined_results: dict[str, dict[str, object]] = {}
    for item in sets:
        if not item.present:
            continue
        labels = load_labels(item.labels)
        result, predictions = run(labels, item.photos)
        per_set.append((item, labels, result, predictions))
        for label in labels:
            key = f"{item.name}/{label.file}"
            combined_labels.append(_renamed(label, key))
            combined_results[key] = predictions[label.file]
    combined = score(combined_labels, combined_results) if per_set else None
    return per_set, combined


def _renamed(label: PhotoLabel, file: str) -> PhotoLabel:
    return replace(label, file=file)


def describe(name: str, result: Score) -> list[str]:
    """The score as printable lines: the bar's four parts and the per-tone figures."""
    allowed = allowed_false_rejects(result.clear_accepts)
    tones = ", ".join(
        f"{tone} {result.tone_false_rejects.get(tone, 0)}/{result.tone_accepts.get(tone, 0)}"
        for tone in sorted(TONES) if result.tone_accepts.get(tone))
    return [
        f"== {name}",
        f"false accepts: {len(result.false_accepts)} {list(result.false_accepts)}",
        f"clear false rejects: {len(result.clear_false_rejects)}/{result.clear_accepts} "
        f"(allowed {allowed}) {list(result.clear_false_rejects)}",
        f"right rule: {result.right_rule}/{result.agreed_rejects} "
        f"({result.right_rule_ratio:.0%}); wrong: {list(result.wrong_rule)}",
        f"false rejects per tone (clear accepts): {tones or '-'}; "
        f"{'fair' if result.tone_fair else 'NOT fair'}",
        "bar met" if result.meets_bar else "bar NOT met",
    ]


def _miss_line(label: PhotoLabel, predicted: dict[str, object], show_all: bool) -> str | None:
    failed = predicted["failed"]
    assert isinstance(failed, list)
    agrees = predicted["verdict"] == label.verdict and (
        label.verdict == "accept" or names_right_rule(label, failed))
    if not (show_all or agrees is False):
        return None
    mark = "  " if agrees else "XX"
    return (f"{mark} {label.file:28} {label.tone or '-':8} label={label.verdict}:"
            f"{','.join(label.fail) or '-':40} got={predicted['verdict']}:"
            f"{','.join(failed) or '-'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=[item.name for item in SETS], action="append",
                        help="only this set (repeatable); default every present set")
    parser.add_argument("--all", action="store_true", help="print every photo, not only misses")
    args = parser.parse_args(argv)
    chosen = [item for item in SETS if not args.set or item.name in args.set]
    per_set, combined = run_sets(chosen)
    if combined is None:
        print("no dev photos beside the checkout; nothing to score")
        return 0
    lines: list[str] = []
    for item, labels, result, predictions in per_set:
        for label in labels:
            line = _miss_line(label, predictions[label.file], args.all)
            if line:
                print(line)
        lines += describe(item.name, result)
    if len(per_set) > 1:
        lines += describe("combined", combined)
    print("\n".join(lines))
    return 0 if all(result.meets_bar for _, _, result, _ in per_set) and combined.meets_bar else 1


if __name__ == "__main__":
    sys.exit(main())
