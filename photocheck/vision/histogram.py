"""Percentiles of grey levels from a histogram: the same numbers as `np.percentile`, cheaper.

An 8-bit grey image has at most 256 distinct values, so its order statistics can be read from
a 256-bin cumulative histogram instead of partitioning every pixel: on the ~50,000 pixels of the
upright eye view that is a tenth of the time.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def byte_percentiles(values: np.ndarray, qs: Sequence[float]) -> tuple[float, ...]:
    """`np.percentile(values, qs)` (its default, linear method) for values that are whole
    numbers 0-255 (grey levels, of any dtype), bit for bit.

    The order statistics come from the cumulative histogram; the interpolation between them
    is numpy's own arithmetic (virtual index (n - 1) * q, then a + (b - a) * t, or
    b - (b - a) * (1 - t) from t = 0.5 on). Raises ValueError on an empty array, as numpy
    would fail on it.
    """
    flat = np.asarray(values).ravel()
    n = flat.size
    if n == 0:
        raise ValueError("no values")
    counts = np.cumsum(np.bincount(flat.astype(np.intp), minlength=256))
    result = []
    for q in qs:
        quantile = q / 100
        virtual = (n - 1) * quantile
        below = int(np.floor(virtual))
        if virtual >= n - 1:
            below = above = n - 1
        else:
            below, above = max(below, 0), max(below, 0) + 1
        a, b = (float(v) for v in np.searchsorted(counts, (below, above), side="right"))
        t = virtual - below
        diff = b - a
        result.append(b - diff * (1 - t) if t >= 0.5 else a + diff * t)
    return tuple(result)
