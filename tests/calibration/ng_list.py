"""The agency's "not acceptable" list on real photos: what each NG rule must catch on dev3.

    python -m tests.calibration.ng_list [--values]

``../shared/photos/dev3`` (beside the checkout, never committed; labels copied here as
``dev3_labels.toml``) groups real photos of each defect with real look-alikes that must pass.
Each :class:`NgTarget` is one line of issue 20's "done when": the defect photos a rule must flag,
how many of them at least, and the look-alikes it must leave alone. The runner prints, per
target and skin-tone group, what was caught and what was wrongly flagged (with the rule's
measured values under ``--values``); ``test_ng_list.py`` asserts every target.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import photocheck
from photocheck.report import Report
from tests.calibration.labels import PhotoLabel, load_labels

HERE = Path(__file__).resolve().parent
DEV3_PHOTOS = HERE.parents[2] / "shared" / "photos" / "dev3"
"""Beside the checkout, as ../shared/photos/dev3; never copied into the repository."""
DEV3_LABELS = HERE / "dev3_labels.toml"
OTHER_SETS = ("dev", "dev2")
"""Sets a target may also draw on, named "dev/<file>" (head coverings look at every one-face
photo); a bare name is a dev3 photo."""


def present() -> bool:
    """The dev3 photos are beside the checkout (they never are in a fresh clone)."""
    return DEV3_PHOTOS.is_dir()


@cache
def labels() -> tuple[PhotoLabel, ...]:
    """The dev3 labels, in file order."""
    return tuple(load_labels(DEV3_LABELS))


@cache
def other_labels() -> dict[str, PhotoLabel]:
    """The dev and dev2 labels by "set/file" (empty for a set whose photos are absent)."""
    found: dict[str, PhotoLabel] = {}
    for name in OTHER_SETS:
        if (DEV3_PHOTOS.parent / name).is_dir():
            found.update({f"{name}/{label.file}": label
                          for label in load_labels(HERE / f"{name}_labels.toml")})
    return found


def _label(file: str) -> PhotoLabel | None:
    if "/" in file:
        return other_labels().get(file)
    return next((label for label in labels() if label.file == file), None)


@cache
def report(file: str) -> Report:
    """The checker's full report on one photo, dev3 or "set/file" (cached: every target reads
    it)."""
    return photocheck.check(DEV3_PHOTOS.parent / file if "/" in file else DEV3_PHOTOS / file)


def flagged(file: str, rule: str, status: str) -> bool:
    """The rule came out `status` ("fail", or "warn" meaning warn or fail) on this photo."""
    check = report(file).check(rule)
    if check is None:
        return False
    if status == "warn":
        return check.status.value in ("warn", "fail")
    return check.status.value == status


@cache
def derived_from() -> dict[str, str]:
    """Derived photo -> the original it was cut from (SOURCES.tsv's derived_from column)."""
    sources = DEV3_PHOTOS / "SOURCES.tsv"
    if not sources.is_file():
        return {}
    with sources.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return {row["file"]: row["derived_from"].removeprefix("derived from ").strip()
                for row in rows if row.get("derived_from")}


@dataclass(frozen=True)
class NgTarget:
    """One NG rule's target on dev3: catch at least `min_caught` defects, flag no look-alike."""

    name: str
    rule: str
    status: str  # "fail", or "warn" (warn or fail counts as flagged)
    positives: Callable[[], list[str]]
    confusers: Callable[[], list[str]]
    min_caught: Callable[[int], int]


def _files(keep: Callable[[PhotoLabel], bool]) -> Callable[[], list[str]]:
    return lambda: [label.file for label in labels() if keep(label)]


def _originals_of_cuts() -> list[str]:
    cuts = {label.file for label in labels() if label.file.startswith("cr_cut_")}
    return sorted({original for cut, original in derived_from().items() if cut in cuts})


def _missing(files: list[str]) -> list[str]:
    """Files named by a target that are not labelled (a typo or a renamed photo)."""
    return [file for file in files if _label(file) is None]


def _every_set(keep: Callable[[PhotoLabel], bool]) -> Callable[[], list[str]]:
    """Photos of dev3 (bare names) and of dev and dev2 ("set/file") that `keep` picks."""
    return lambda: ([label.file for label in labels() if keep(label)]
                    + [key for key, label in other_labels().items() if keep(label)])


def _covered(label: PhotoLabel) -> bool:
    return "face.head_covering" in label.fail


def _all_but(missed: int) -> Callable[[int], int]:
    return lambda total: total - missed


TARGETS: tuple[NgTarget, ...] = (
    NgTarget("masks", "face.occlusion", "fail",
             _files(lambda x: x.file.startswith("oc_mask_")),
             _files(lambda x: x.file.startswith("oq_")), _all_but(3)),
    NgTarget("sunglasses", "face.occlusion", "fail",
             _files(lambda x: x.file.startswith("oc_sun_")),
             _files(lambda x: x.file.startswith("oq_")), _all_but(1)),
    NgTarget("crown cut", "face.size", "fail",
             _files(lambda x: x.file.startswith("cr_cut_")), _originals_of_cuts, _all_but(0)),
    NgTarget("gradient backdrops", "background.plain", "fail",
             lambda: [], _files(lambda x: x.background == "gradient"), _all_but(0)),
    NgTarget("open smiles", "face.expression", "warn",
             _files(lambda x: x.file.startswith("ex_")),
             _files(lambda x: x.file.startswith("eq_")), _all_but(2)),
    NgTarget("side-lit faces", "face.shadow", "fail",
             _files(lambda x: "face.shadow" in x.fail),
             _files(lambda x: x.file.startswith("sq_")), _all_but(1)),
    # Every labelled covering (dev3 and dev's hairband) against every other one-face photo of
    # dev, dev2 and dev3: bare heads of every hair colour and texture must not fail.
    NgTarget("head coverings", "face.head_covering", "fail", _every_set(_covered),
             _every_set(lambda x: x.faces == 1 and not _covered(x)), _all_but(1)),
)


@dataclass(frozen=True)
class TargetResult:
    """What one target caught and wrongly flagged."""

    target: NgTarget
    caught: tuple[str, ...]
    missed: tuple[str, ...]
    wrongly_flagged: tuple[str, ...]
    confusers: int

    @property
    def met(self) -> bool:
        needed = self.target.min_caught(len(self.caught) + len(self.missed))
        return len(self.caught) >= needed and not self.wrongly_flagged


def judge(target: NgTarget) -> TargetResult:
    """Run the checker over a target's photos."""
    t = target
    positives = t.positives()
    confusers = t.confusers()
    assert not _missing(positives + confusers), _missing(positives + confusers)
    caught = tuple(f for f in positives if flagged(f, t.rule, t.status))
    missed = tuple(f for f in positives if f not in caught)
    wrong = tuple(f for f in confusers if flagged(f, t.rule, t.status))
    return TargetResult(t, caught, missed, wrong, len(confusers))


def _tone(file: str) -> str:
    label = _label(file)
    return (label.tone or "-") if label is not None else "-"


def _by_tone(files: Iterable[str]) -> str:
    counts: dict[str, int] = {}
    for file in files:
        counts[_tone(file)] = counts.get(_tone(file), 0) + 1
    return ", ".join(f"{tone} {n}" for tone, n in sorted(counts.items())) or "-"


def describe(result: TargetResult, values: bool) -> list[str]:
    """Printable lines for one target."""
    t = result.target
    total = len(result.caught) + len(result.missed)
    lines = [
        f"== {t.name} ({t.rule} {t.status}): caught {len(result.caught)}/{total} "
        f"(need {t.min_caught(total)}; by tone {_by_tone(result.caught)}), "
        f"look-alikes flagged {len(result.wrongly_flagged)}/{result.confusers} "
        f"-> {'met' if result.met else 'NOT met'}",
    ]
    for label, files in (("missed", result.missed), ("wrongly flagged", result.wrongly_flagged)):
        for file in files:
            lines.append(f"   {label}: {file} ({_tone(file)}){_values(file, t.rule, values)}")
    return lines


def _values(file: str, rule: str, show: bool) -> str:
    if not show:
        return ""
    check = report(file).check(rule)
    return f" {check.value}" if check is not None else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--values", action="store_true", help="print the rule's measured values")
    args = parser.parse_args(argv)
    if not present():
        print("no dev3 photos beside the checkout; nothing to judge")
        return 0
    results = [judge(target) for target in TARGETS]
    for result in results:
        print("\n".join(describe(result, args.values)))
    return 0 if all(result.met for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
