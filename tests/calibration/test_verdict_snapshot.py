"""Every dev photo and every sample gets the verdict, the failing and warning rules, the rule
statuses and (within rounding) the measured values it got before the performance work of
issue 17 (`verdict_snapshot.json`, taken on main by `python -m tests.calibration.snapshot`).

A rule or an analysis made faster must say exactly what it said before. The dev photos are never
committed, so their folders skip cleanly where absent; the samples are always there. After a
deliberate change to a rule, re-take the snapshot and review its diff photo by photo.
"""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from photocheck.context import HELPER
from photocheck.vision.histogram import (
    byte_percentiles,
    luma_percentiles,
    mapped_byte_percentiles,
    median,
    percentiles,
)
from tests.calibration.snapshot import FOLDERS, SNAPSHOT, outcome, photos

REL_TOL = 0.005
ABS_TOL = 0.011
"""Values are compared within the JSON report's rounding (2-3 decimals) plus float noise."""


def _close(before: object, after: object) -> bool:
    """Whether two measured values are the same within rounding (numbers nested anywhere)."""
    if isinstance(before, bool) or isinstance(after, bool) or isinstance(before, str):
        return before == after
    if isinstance(before, (int, float)) and isinstance(after, (int, float)):
        return math.isclose(before, after, rel_tol=REL_TOL, abs_tol=ABS_TOL)
    if isinstance(before, list) and isinstance(after, list):
        return len(before) == len(after) and all(map(_close, before, after))
    if isinstance(before, dict) and isinstance(after, dict):
        return before.keys() == after.keys() and all(_close(before[k], after[k]) for k in before)
    return before == after


def test_close_compares_within_rounding_only() -> None:
    assert _close({"a": [1.0, 0.437]}, {"a": [1.0, 0.44]})
    assert not _close({"a": [1.0, 0.437]}, {"a": [1.0, 0.46]})
    assert not _close({"a": 1}, {"b": 1})
    assert not _close("YCbCr", "RGB")


@pytest.mark.parametrize("qs", [(10, 90), (98,), (2, 98), (0, 100), (33.3, 66.7)])
def test_byte_percentiles_are_numpys_to_the_bit(qs: tuple[float, ...]) -> None:
    """The histogram percentiles the eye rules use give np.percentile's floats exactly."""
    rng = np.random.default_rng(17)
    for size in (1, 2, 3, 7, 100, 1001, 49_152):
        for values in (rng.integers(0, 256, size),
                       np.clip(rng.normal(120, 9, size), 0, 255).round(),
                       rng.choice([0, 17, 255], size)):
            grey = values.astype(np.float32).reshape(1, -1)
            assert byte_percentiles(grey, qs) == tuple(np.percentile(grey, qs).tolist())
    with pytest.raises(ValueError):
        byte_percentiles(np.zeros(0, np.uint8), qs)


@pytest.mark.parametrize("qs", [(99,), (2, 98), (75,), (0, 100), (33.3, 66.7)])
def test_luma_percentiles_are_numpys_to_the_bit(qs: tuple[float, ...]) -> None:
    """The binned percentiles of (non-integer) luma give np.percentile's floats exactly."""
    rng = np.random.default_rng(17)
    weights = np.array([0.299, 0.587, 0.114], np.float32)
    for size in (1, 2, 3, 7, 100, 1001, 49_152):
        for rgb in (rng.integers(0, 256, (size, 3)),
                    np.clip(rng.normal(140, 6, (size, 3)), 0, 255),
                    rng.choice([0, 128, 255], (size, 3))):
            luma = rgb.astype(np.uint8).astype(np.float32) @ weights
            assert luma_percentiles(luma, qs) == tuple(np.percentile(luma, qs).tolist())
    with pytest.raises(ValueError):
        luma_percentiles(np.zeros(0, np.float32), qs)


@pytest.mark.parametrize("qs", [(10, 90), (75,), (2, 98), (0, 100), (33.3, 66.7)])
def test_float_percentiles_and_median_are_numpys_to_the_bit(qs: tuple[float, ...]) -> None:
    """The one-partition percentiles and median give np.percentile's and np.median's floats
    exactly, in float32 and float64, with ties, and NaN when a value is NaN."""
    rng = np.random.default_rng(17)
    for size in (1, 2, 3, 7, 100, 1001, 4096):
        for values in (rng.normal(0, 1, size).astype(np.float32), rng.normal(5, 3, size),
                       np.log(rng.integers(0, 256, size).astype(np.float32) + 4.0),
                       rng.choice([-1.5, 0.0, 2.25], size).astype(np.float32)):
            assert percentiles(values, qs) == tuple(np.percentile(values, qs).tolist())
            assert median(values) == float(np.median(values))
    with_nan = np.array([1.0, np.nan, 3.0], np.float32)
    assert math.isnan(median(with_nan)) and all(map(math.isnan, percentiles(with_nan, qs)))
    with pytest.raises(ValueError):
        percentiles(np.zeros(0, np.float32), qs)
    with pytest.raises(ValueError):
        median(np.zeros(0, np.float32))


@pytest.mark.parametrize("qs", [(10, 90), (98,), (0, 100), (33.3, 66.7)])
def test_mapped_byte_percentiles_are_numpys_to_the_bit(qs: tuple[float, ...]) -> None:
    """Percentiles of an increasing table's entries at grey levels (the eyes' log luma) give
    np.percentile's floats of the mapped array exactly."""
    rng = np.random.default_rng(17)
    table = np.log(np.arange(256, dtype=np.float32) + 4.0)
    for size in (1, 2, 3, 7, 100, 1001, 4096):
        for grey in (rng.integers(0, 256, size).astype(np.uint8),
                     rng.choice([0, 17, 255], size).astype(np.uint8)):
            mapped = np.log(grey.astype(np.float32) + 4.0)
            assert np.array_equal(table[grey], mapped)
            assert mapped_byte_percentiles(grey, table, qs) == tuple(
                np.percentile(mapped, qs).tolist())


@pytest.mark.parametrize("folder", sorted(FOLDERS))
def test_checker_says_what_the_snapshot_says(folder: str) -> None:
    _assert_as_before(folder)


def test_checker_with_a_helper_thread_says_what_the_snapshot_says() -> None:
    """The upload page's second thread (the segmentation beside detection and mesh) changes
    when the person mask is computed, never what it is."""
    with ThreadPoolExecutor(1) as helper:
        token = HELPER.set(helper)
        try:
            _assert_as_before("samples")
        finally:
            HELPER.reset(token)


def _assert_as_before(folder: str) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8")).get(folder, {})
    found = photos(folder)
    if not found or not expected:
        pytest.skip(f"the {folder} photos are not beside the checkout")
    assert {p.name for p in found} == set(expected)
    changed = []
    for path in found:
        before, after = expected[path.name], json.loads(json.dumps(outcome(path)))
        for key in ("verdict", "failed", "warned"):
            if before[key] != after[key]:
                changed.append((path.name, key, before[key], after[key]))
        statuses = {k: v[0] for k, v in before["checks"].items()}
        if statuses != {k: v[0] for k, v in after["checks"].items()}:
            changed.append((path.name, "status", statuses, after["checks"]))
        for rule, entry in before["checks"].items():
            if not _close(entry, after["checks"].get(rule)):
                changed.append((path.name, rule, entry, after["checks"].get(rule)))
    assert not changed, changed
