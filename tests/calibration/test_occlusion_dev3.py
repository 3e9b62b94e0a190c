"""face.occlusion on real photos names the right thing and the right fix (issue 20).

test_ng_list.py counts what is caught; this says it is caught as what it is: a real mask as a
mask (with the take-off-your-mask fix), real sunglasses as sunglasses (never as a face that
"does not look like a person's", never as a lighting fix), and that the occlusion confusers of
every tone group pass. The DERIVED hand-over-face cases (a real hand from one photo on another
real face, tests/calibration/derived_hands.py) must fail when the hand hides the mouth or an
eye often enough, and never when it rests on the chin or the cheek.

The dev3 photos live beside the checkout and are never committed; the tests skip without them.
"""

from __future__ import annotations

import pytest

import photocheck
from tests.calibration.ng_list import labels, present, report

pytestmark = pytest.mark.skipif(not present(), reason="the dev3 photos are not beside the checkout")

MASK_FIX = "Take off your mask"
SUNGLASSES_FIX = "Take off your sunglasses"


def _files(prefix: str) -> list[str]:
    return [label.file for label in labels() if label.file.startswith(prefix)] if present() else []


@pytest.mark.parametrize("file", _files("oc_mask_"))
def test_a_caught_mask_is_named_a_mask(file: str) -> None:
    check = report(file).check("face.occlusion")
    if check.status.value != "fail":
        pytest.skip(f"not caught (counted by test_ng_list): {check.value}")
    assert "mask" in check.message.en and "sunglasses" not in check.message.en
    assert check.fix is not None and check.fix.en.startswith(MASK_FIX)


MISSED_SUNGLASSES = {
    "oc_sun_tinted_flower_crown.jpg": "grey-tinted lenses whose darkness (-2.37 against the "
    "-2.25 limit) rose to -1.79 when the mesh's region came from the full-range detection "
    "(issue 24): the lighter lens is read where the lens frame leaves a gap; ng_list's "
    "sunglasses target still holds (7 of 8)",
}
"""Real sunglasses face.occlusion misses today, and why (a strict xfail: catching one again
makes the test fail until its entry is removed)."""


def _sunglasses() -> list[object]:
    return [pytest.param(file, marks=pytest.mark.xfail(strict=True, reason=MISSED_SUNGLASSES[file]))
            if file in MISSED_SUNGLASSES else file for file in _files("oc_sun_")]


@pytest.mark.parametrize("file", _sunglasses())
def test_sunglasses_are_named_sunglasses_and_the_face_counts(file: str) -> None:
    result = report(file)
    check = result.check("face.occlusion")
    assert check.status.value == "fail", check.value
    assert "sunglasses" in check.message.en and "mask" not in check.message.en
    assert check.fix is not None and check.fix.en.startswith(SUNGLASSES_FIX)
    assert result.check("face.count").status.value == "pass"


@pytest.mark.parametrize("file", _files("oq_"))
def test_occlusion_confuser_passes(file: str) -> None:
    check = report(file).check("face.occlusion")
    assert check.status.value == "pass", (check.message.en, check.value)


MIN_HAND_CAUGHT = 0.35
"""Share of the derived hand-over-feature cases that must fail: 14 of 36 measured (the hand
model misses many pasted hands, above all a small side-on hand scaled up over both eyes, and
is asked only where the cheap evidence is ambiguous)."""


def test_derived_hands_over_the_mouth_or_eyes_fail_and_on_chin_or_cheek_pass() -> None:
    from tests.calibration.derived_hands import derived_cases

    caught, hiding, wrong = 0, 0, []
    for case in derived_cases():
        check = photocheck.check(case.jpeg).check("face.occlusion")
        if case.covers:
            hiding += 1
            if check.status.value == "fail":
                caught += 1
                assert "hand" in check.message.en, (case.name, check.message.en)
        elif check.status.value != "pass":
            wrong.append((case.name, check.message.en))
    assert not wrong
    assert caught >= MIN_HAND_CAUGHT * hiding, (caught, hiding)
