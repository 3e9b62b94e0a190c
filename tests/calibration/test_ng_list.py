"""Issue 20's targets on real photos: each NG rule catches its defects and spares look-alikes.

The dev3 photos live beside the checkout and are never committed; the test skips without them.
"""

from __future__ import annotations

import pytest

from tests.calibration.ng_list import TARGETS, NgTarget, describe, judge, present

KNOWN_GAPS = {
    "head coverings": "dark and hair-coloured coverings are missed: 2 of 9 caught "
                      "(docs/calibration-face.md); passes, and so fails here, once 8 are",
}
"""Targets not met yet, said so: strict, so meeting one makes its test fail until removed."""


@pytest.mark.skipif(not present(), reason="the dev3 photos are not beside the checkout")
@pytest.mark.parametrize("target", [
    pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[t.name]))
    if t.name in KNOWN_GAPS else t for t in TARGETS], ids=[t.name for t in TARGETS])
def test_ng_rule_catches_its_real_defects_and_spares_the_look_alikes(target: NgTarget) -> None:
    result = judge(target)
    assert result.met, "\n".join(describe(result, values=True))
