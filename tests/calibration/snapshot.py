"""A snapshot of what the checker says about every dev photo and every sample, to keep
performance work honest: a faster checker must say exactly the same.

    python -m tests.calibration.snapshot   # rewrite verdict_snapshot.json from this tree

Per photo: the verdict, the failing and the warning rules, every rule's status (its first
letter) and its measured value as the JSON report rounds it. The dev photos live beside the
checkout (never committed); the samples are in the repository. `photo.age` is judged against
a fixed date so the snapshot does not depend on the day it runs.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import photocheck
from photocheck.report import Status, _jsonable
from tests.calibration.run import DEV2_PHOTOS, DEV3_PHOTOS, DEV_PHOTOS

HERE = Path(__file__).resolve().parent
SNAPSHOT = HERE / "verdict_snapshot.json"
SAMPLES = HERE.parents[1] / "samples"
FOLDERS = {"dev": DEV_PHOTOS, "dev2": DEV2_PHOTOS, "dev3": DEV3_PHOTOS, "samples": SAMPLES}
NOW = datetime(2026, 11, 29, 12, 0)
"""The date `photo.age` is judged against in the snapshot."""


def photos(folder: str) -> list[Path]:
    """The JPEG files of one folder, sorted; empty when the folder is absent."""
    root = FOLDERS[folder]
    return sorted(root.glob("*.jpg")) if root.is_dir() else []


def outcome(path: Path) -> dict[str, object]:
    """What the checker says about one photo, in the snapshot's form."""
    report = photocheck.check(path, now=NOW)
    return {
        "verdict": report.verdict.value,
        "failed": sorted(c.id for c in report.failed()),
        "warned": sorted(c.id for c in report.checks if c.status is Status.WARN),
        "checks": {c.id: [c.status.value[0]] + ([] if c.value is None else [_jsonable(c.value)])
                   for c in report.checks},
    }


def take() -> dict[str, dict[str, dict[str, object]]]:
    """The snapshot of every folder present."""
    return {folder: {p.name: outcome(p) for p in photos(folder)} for folder in FOLDERS}


def dumps(snapshot: dict[str, dict[str, dict[str, object]]]) -> str:
    """One photo per line, compact, so a diff shows which photos changed."""
    lines = []
    for folder, items in sorted(snapshot.items()):
        rows = ",\n".join(f"  {json.dumps(name)}: {_compact(item)}"
                          for name, item in sorted(items.items()))
        lines.append(f" {json.dumps(folder)}: {{\n{rows}\n }}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _compact(item: dict[str, object]) -> str:
    return json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def main() -> int:
    snapshot = take()
    SNAPSHOT.write_text(dumps(snapshot), encoding="utf-8")
    print({folder: len(items) for folder, items in snapshot.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
