"""Issue 20's targets on real photos: each NG rule catches its defects and spares look-alikes.

Where a target is not met yet, it is said so (KNOWN_GAPS, a strict xfail: meeting it makes the
test fail until the entry is removed), and what is reached today is held as a floor: at least
that many defects caught, no look-alike flagged beyond the ones named. The dev3 photos live
beside the checkout and are never committed; the tests skip without them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.calibration.ng_list import TARGETS, NgTarget, describe, judge, present


@dataclass(frozen=True)
class Gap:
    """A target not met yet: why, what is caught today, and the look-alikes still flagged."""

    why: str
    caught_at_least: int
    flagged_at_most: frozenset[str] = frozenset()


KNOWN_GAPS: dict[str, Gap] = {
    "head coverings": Gap(
        "dark and hair-coloured coverings are missed (docs/calibration-face.md)", 2),
    "side-lit faces": Gap(
        "no measure separates the real side-lit faces from darker and medium faces in soft "
        "directional light; the limits sit above every look-alike of any tone instead "
        "(docs/calibration-visibility.md)", 0),
    "crown cut": Gap(
        "two uncut originals fill 0.88-0.92 of the largest 35:45 trim, like the labelled "
        "rejects df_img61 and md_S038-01 (docs/calibration-face.md)", 8,
        frozenset({"cr_orig_old_man_dark.jpg", "cr_orig_older_man_white.jpg"})),
    "gradient backdrops": Gap(
        "a blurred window frame and a mottled wall behind one face read as texture "
        "(docs/calibration-image.md)", 0,
        frozenset({"oq_darkskin_closed_smile.jpg", "cr_cut_closed_smile_grey.jpg"})),
}
"""Targets of issue 20 not met on dev3 yet, with the level reached (see the docs named)."""


def _params() -> list[object]:
    return [pytest.param(t, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[t.name].why))
            if t.name in KNOWN_GAPS else t for t in TARGETS]


@pytest.mark.skipif(not present(), reason="the dev3 photos are not beside the checkout")
@pytest.mark.parametrize("target", _params(), ids=[t.name for t in TARGETS])
def test_ng_rule_catches_its_real_defects_and_spares_the_look_alikes(target: NgTarget) -> None:
    result = judge(target)
    assert result.met, "\n".join(describe(result, values=True))


@pytest.mark.skipif(not present(), reason="the dev3 photos are not beside the checkout")
@pytest.mark.parametrize("name", sorted(KNOWN_GAPS))
def test_an_unmet_target_holds_the_level_reached(name: str) -> None:
    gap = KNOWN_GAPS[name]
    result = judge(next(t for t in TARGETS if t.name == name))
    assert len(result.caught) >= gap.caught_at_least, "\n".join(describe(result, values=True))
    assert set(result.wrongly_flagged) <= gap.flagged_at_most, "\n".join(
        describe(result, values=True))
