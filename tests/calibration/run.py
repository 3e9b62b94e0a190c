"""Run the checker over the labelled dev photos and score it against the issue's bar.

    python -m tests.calibration.run [--photos DIR] [--all]

Prints one line per photo where prediction and label disagree (every photo with --all) and the
score. `photo.age` is left out of the prediction: it depends on the day the check runs, not on
the photo, and the dev photos are years-old press photos (see README.md here).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

import photocheck
from tests.calibration.labels import PhotoLabel, Score, load_labels, score

HERE = Path(__file__).resolve().parent
LABELS = HERE / "dev_labels.toml"
DEV_PHOTOS = HERE.parents[2] / "shared" / "photos" / "dev"
"""Beside the checkout, as ../shared/photos/dev; never copied into the repository."""

DATE_DEPENDENT = frozenset({"photo.age"})


def predict(path: Path) -> dict[str, object]:
    """The checker's verdict and failing rules for one photo, date-dependent rules aside."""
    report = photocheck.check(path)
    failed = [c.id for c in report.failed() if c.id not in DATE_DEPENDENT]
    return {"verdict": "reject" if failed else "accept", "failed": failed}


def run(labels: Iterable[PhotoLabel], photos: Path) -> tuple[Score, dict[str, dict[str, object]]]:
    labels = list(labels)
    results = {label.file: predict(photos / label.file) for label in labels}
    return score(labels, results), results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=Path, default=DEV_PHOTOS)
    parser.add_argument("--all", action="store_true", help="print every photo, not only misses")
    args = parser.parse_args(argv)
    labels = load_labels(LABELS)
    result, predictions = run(labels, args.photos)
    for label in labels:
        predicted = predictions[label.file]
        agrees = predicted["verdict"] == label.verdict and (
            label.verdict == "accept" or label.main_reason in predicted["failed"])  # type: ignore[operator]
        if args.all or not agrees:
            mark = "  " if agrees else "XX"
            print(f"{mark} {label.file:28} label={label.verdict}:{','.join(label.fail) or '-':40}"
                  f" got={predicted['verdict']}:{','.join(predicted['failed']) or '-'}")  # type: ignore[arg-type]
    print(f"false accepts: {len(result.false_accepts)} {list(result.false_accepts)}")
    print(f"clear false rejects: {len(result.clear_false_rejects)} "
          f"{list(result.clear_false_rejects)}")
    print(f"right rule: {result.right_rule}/{result.agreed_rejects} "
          f"({result.right_rule_ratio:.0%}); wrong: {list(result.wrong_rule)}")
    print("bar met" if result.meets_bar else "bar NOT met")
    return 0 if result.meets_bar else 1


if __name__ == "__main__":
    sys.exit(main())
