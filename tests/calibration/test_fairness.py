"""Fairness across skin tones on the labelled dev photos (issue 11).

A well-lit photo of a person with dark skin is a well-exposed photo: among the photos labelled
clear accepts with good lighting, the checker must not reject darker faces more often than
lighter ones, and both rates must be near zero. The photos live beside the checkout and are
never committed, so the tests skip where they are absent.
"""

from __future__ import annotations

import pytest

from tests.calibration.labels import PhotoLabel
from tests.calibration.run import SETS, run_sets

PIXEL_RULES_OF_THE_IMAGE = frozenset(
    {"image.exposure", "background.plain", "background.shadow", "face.size"})
"""The rules whose measures were reworked to be fair (exposure from lighting evidence, the
crown at the top of the hair, background on the card region with hair counted as the person)."""

NEAR_ZERO = 0.1
"""A group's false-reject rate above this is not 'near zero' (1 in 10 clear accepts)."""


def _well_lit_accepts() -> list[tuple[PhotoLabel, list[str]]]:
    """(label, failed rules) of every clear, well-lit accept with a tone, in present sets."""
    present = [item for item in SETS if item.present]
    if not present:
        pytest.skip("no dev photos beside the checkout")
    per_set, _ = run_sets(present)
    out = []
    for _, labels, _, predictions in per_set:
        for label in labels:
            if (label.verdict == "accept" and label.clear and label.tone is not None
                    and label.lighting in (None, "good")):
                failed = predictions[label.file]["failed"]
                assert isinstance(failed, list)
                out.append((label, failed))
    return out


def _rates(rules: frozenset[str] | None) -> dict[str, tuple[int, int]]:
    """Per tone: (photos rejected by `rules`, or by any rule when None; photos)."""
    counts: dict[str, tuple[int, int]] = {}
    for label, failed in _well_lit_accepts():
        rejected = bool(failed) if rules is None else bool(set(failed) & rules)
        bad, total = counts.get(label.tone or "", (0, 0))
        counts[label.tone or ""] = (bad + rejected, total + 1)
    return counts


def _assert_fair(counts: dict[str, tuple[int, int]]) -> None:
    assert "darker" in counts and "lighter" in counts, counts
    rate = {tone: bad / total for tone, (bad, total) in counts.items()}
    assert rate["darker"] <= rate["lighter"], counts
    assert all(value <= NEAR_ZERO for value in rate.values()), counts


def test_the_reworked_image_rules_reject_no_tone_group_more_than_another() -> None:
    _assert_fair(_rates(PIXEL_RULES_OF_THE_IMAGE))


def test_well_lit_darker_faces_are_rejected_no_more_often_than_lighter_ones() -> None:
    _assert_fair(_rates(None))
