"""The checker meets the issue's bar on each labelled dev set and on both together.

The photos live beside the checkout (../shared/photos/dev and dev2) and are never committed, so
each set's test skips where its photos are absent. Bar (issue 11): no false accept, at most one
false reject per 30 clear accepts, at least 95 % of agreed rejections name the labelled main
reason, and no skin-tone group rejected more often than the lighter one.
"""

from __future__ import annotations

import pytest

from tests.calibration.labels import Score, allowed_false_rejects
from tests.calibration.run import SETS, LabelledSet, run_sets


def _assert_bar(result: Score) -> None:
    assert not result.missing
    assert not result.false_accepts, result.false_accepts
    assert len(result.clear_false_rejects) <= allowed_false_rejects(result.clear_accepts), (
        result.clear_false_rejects)
    assert result.right_rule_ratio >= 0.95, result.wrong_rule
    assert result.tone_fair, (dict(result.tone_accepts), dict(result.tone_false_rejects))
    assert result.meets_bar


@pytest.mark.parametrize("labelled", SETS, ids=[item.name for item in SETS])
def test_checker_meets_the_calibration_bar_on_each_dev_set(labelled: LabelledSet) -> None:
    if not labelled.present:
        pytest.skip(f"the {labelled.name} photos are not beside the checkout")
    (only,), _ = run_sets([labelled])
    _assert_bar(only[2])


def test_checker_meets_the_calibration_bar_on_both_sets_together() -> None:
    if not all(item.present for item in SETS):
        pytest.skip("both dev sets are needed beside the checkout")
    _, combined = run_sets(SETS)
    assert combined is not None
    _assert_bar(combined)
