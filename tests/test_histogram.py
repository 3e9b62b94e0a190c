"""The order statistics of photocheck.vision.histogram are numpy's own, to the bit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from skimage import data

from photocheck.vision.histogram import median, percentiles
from photocheck.vision.person import rgb_luma


def _samples() -> list[np.ndarray]:
    """Real luma and log-luma of the astronaut, in odd and even counts, float32 and float64,
    down to one and two values."""
    luma = rgb_luma(np.ascontiguousarray(data.astronaut()))
    out = []
    for rows, cols in ((1, 1), (1, 2), (3, 7), (10, 30), (31, 31), (200, 151)):
        patch = luma[100:100 + rows, 200:200 + cols].ravel()
        out += [patch, np.log(patch.astype(np.float64) + 4.0)]
    return out


@pytest.mark.parametrize("index", range(12))
def test_median_and_percentiles_are_numpys(index: int) -> None:
    values = _samples()[index]
    assert median(values) == float(np.median(values))
    qs = (10, 25, 50, 75, 90, 99)
    assert percentiles(values, qs) == tuple(float(v) for v in np.percentile(values, qs))


def test_a_nan_gives_nan_and_nothing_raises() -> None:
    values = _samples()[8].copy()
    values[3] = np.nan
    assert math.isnan(median(values)) and math.isnan(percentiles(values, (50,))[0])
    with pytest.raises(ValueError):
        median(values[:0])
