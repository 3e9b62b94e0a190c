"""face.expression on the real dev3 smiles, and on DERIVED copies of them (mirrored and
re-encoded at JPEG quality 75): open smiles, grins and open mouths warn on every skin tone,
closed-mouth smiles do not, and neither changes when the camera mirrors or re-compresses.

The derived copies are invariance checks of the same real photos, not new evidence. Skips
cleanly when ../shared/photos/dev3 is absent (it never is in a fresh clone).
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import pytest

import photocheck
from photocheck.report import Check, Status
from photocheck.rules import LIMITS
from tests.calibration.ng_list import DEV3_PHOTOS, labels, present

pytestmark = pytest.mark.skipif(not present(), reason="dev3 photos are not beside the checkout")


def _smiles(prefix: str) -> list[str]:
    return [label.file for label in labels() if label.file.startswith(prefix)] if present() else []


@cache
def _expression(file: str, derived: bool) -> Check:
    path = DEV3_PHOTOS / file
    if not derived:
        check = photocheck.check(path).check("face.expression")
    else:
        pixels = cv2.imread(str(path))
        ok, jpeg = cv2.imencode(".jpg", np.ascontiguousarray(pixels[:, ::-1]),
                                [cv2.IMWRITE_JPEG_QUALITY, 75])
        assert ok
        check = photocheck.check(jpeg.tobytes()).check("face.expression")
    assert check is not None
    return check


@pytest.mark.parametrize("file", _smiles("ex_"))
@pytest.mark.parametrize("derived", [False, True], ids=["real", "mirrored-q75"])
def test_open_smile_warns(file: str, derived: bool) -> None:
    check = _expression(file, derived)
    assert check.status is Status.WARN, check.value


@pytest.mark.parametrize("file", _smiles("eq_"))
@pytest.mark.parametrize("derived", [False, True], ids=["real", "mirrored-q75"])
def test_closed_smile_passes_with_no_teeth_at_all(file: str, derived: bool) -> None:
    check = _expression(file, derived)
    assert check.status is Status.PASS, check.value
    assert isinstance(check.value, dict)
    assert check.value["teeth"] < LIMITS["face.expression.teeth"].value / 5


def test_every_tone_group_has_open_smiles_and_all_of_them_show_teeth() -> None:
    """Not only the opening: the teeth measure itself sees each group's toothy smiles."""
    tones = {label.file: label.tone for label in labels()}
    by_tone: dict[str, list[float]] = {}
    for file in _smiles("ex_"):
        value = _expression(file, False).value
        assert isinstance(value, dict)
        by_tone.setdefault(str(tones[file]), []).append(value["teeth"])
    assert set(by_tone) == {"lighter", "medium", "darker"}
    assert all(min(v) > LIMITS["face.expression.teeth"].value for v in by_tone.values())
