"""The checker meets the issue's bar on the labelled dev photos.

The photos live beside the checkout (../shared/photos/dev) and are never committed, so this test
skips where they are absent. Bar: no false accept, at most one false reject of a clear accept,
and at least 90 % of agreed rejections name the labelled main reason.
"""

from __future__ import annotations

import pytest

from tests.calibration.labels import load_labels
from tests.calibration.run import DEV_PHOTOS, LABELS, run


@pytest.mark.skipif(not DEV_PHOTOS.is_dir(), reason="the dev photos are not beside the checkout")
def test_checker_meets_the_calibration_bar_on_the_dev_photos() -> None:
    result, _ = run(load_labels(LABELS), DEV_PHOTOS)
    assert not result.missing
    assert not result.false_accepts, result.false_accepts
    assert len(result.clear_false_rejects) <= 1, result.clear_false_rejects
    assert result.right_rule_ratio >= 0.9, result.wrong_rule
    assert result.meets_bar
