"""The verdict does not depend on the camera: mirroring the photo, re-encoding it at JPEG quality
70-95, resizing it within 480-6000 px or brightening it by 10 % leaves the verdict and the set of
failing rules as they were (`shared/spec/photo-rules.md`, "Robust to the camera").

Each photo is first decoded and re-encoded at quality 92 without metadata: that is the baseline
every variant is compared with, so only the pixels differ between the two. The committed samples
that reach the pixel rules are always tested; the dev photos (`../shared/photos/dev`, `dev2`) are
tested when present and skipped otherwise. A photo whose flip comes from a rule another part of
the project owns is marked xfail naming that rule (see `KNOWN_FLIPS`), so it shows up again in
the test run the day it is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest
import simplejpeg

import photocheck

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PIXEL_SAMPLES = ("ok.jpg", "busy_background.jpg", "too_dark.jpg", "blurred.jpg", "tilted.jpg",
                 "two_people.jpg")
"""The samples that are judged on their pixels (the others fail on the file itself, which a
re-encoding changes by design: a CMYK file re-encoded is RGB)."""

DEV_DIRS = (ROOT.parent / "shared" / "photos" / "dev", ROOT.parent / "shared" / "photos" / "dev2")
BASE_QUALITY = 92
MIN_SIDE, MAX_SIDE = 480, 6000


def _encode(rgb: np.ndarray, quality: int = BASE_QUALITY) -> bytes:
    return simplejpeg.encode_jpeg(np.ascontiguousarray(rgb), quality, colorspace="RGB")


def _resize_to_short_side(rgb: np.ndarray, short: int) -> np.ndarray:
    h, w = rgb.shape[:2]
    factor = short / min(h, w)
    size = (max(1, round(w * factor)), max(1, round(h * factor)))
    interp = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(rgb, size, interpolation=interp)


def _smaller(rgb: np.ndarray) -> np.ndarray:
    """Down to the smallest size the rules allow (short side 480 px), if it is larger."""
    return rgb if min(rgb.shape[:2]) <= MIN_SIDE else _resize_to_short_side(rgb, MIN_SIDE)


def _larger(rgb: np.ndarray) -> np.ndarray:
    """Up by 1.6 x (a phone's resolution for most photos), the long side capped at 6000 px."""
    factor = min(1.6, (MAX_SIDE - 2) / max(rgb.shape[:2]))  # rounding stays under 6000
    return _resize_to_short_side(rgb, int(min(rgb.shape[:2]) * factor))


def _brighter(rgb: np.ndarray) -> np.ndarray:
    return np.clip(rgb.astype(np.float32) * 1.1, 0, 255).astype(np.uint8)


VARIANTS: dict[str, Callable[[np.ndarray], bytes]] = {
    "mirrored": lambda rgb: _encode(rgb[:, ::-1]),
    "quality70": lambda rgb: _encode(rgb, 70),
    "quality95": lambda rgb: _encode(rgb, 95),
    "smaller": lambda rgb: _encode(_smaller(rgb)),
    "larger": lambda rgb: _encode(_larger(rgb)),
    "brighter": lambda rgb: _encode(_brighter(rgb)),
}

KNOWN_FLIPS: dict[tuple[str, str], str] = {
    # face.size: shrinking to a 480 px short side takes the 35:45 trim under its 300 px minimum
    # (face.size.trim_px), a resolution limit no resize can leave unchanged; df_img15 (a
    # borderline accept) is the one case where this changes the verdict.
    ("df_img14.jpg", "smaller"): "face.size",  # trim 299.x px once the mesh runs in the
    # detection's region and on one working size (issue 24): "only 300 px high (at least 300)"
    ("df_img15.jpg", "smaller"): "face.size",
    ("df_img36.jpg", "smaller"): "face.size",
    ("df_img37.jpg", "smaller"): "face.size",
    ("df_img57.jpg", "smaller"): "face.size",
    ("df_img58.jpg", "smaller"): "face.size",
    ("df_img67.jpg", "smaller"): "face.size",
    ("md_S018-01.jpg", "quality70"): "face.size",
    # background.plain / background.shadow near their limits, on photos rejected anyway
    # (image.dimensions or a busy backdrop): the verdict stays reject
    ("df_img21.jpg", "mirrored"): "background.plain",
    ("df_img45.jpg", "brighter"): "background.plain",
    ("df_img62.jpg", "mirrored"): "background.plain",
    ("md_S015-03.jpg", "brighter"): "background.plain",
    ("md_S015-03.jpg", "quality70"): "background.plain",
    ("md_S048-04.jpg", "brighter"): "background.plain",
    ("md_S048-04.jpg", "quality70"): "background.plain",
    ("md_S048-07.jpg", "brighter"): "background.plain",
    # a 384 px booking thumbnail rejected for image.dimensions: the background is judged on the
    # 35:45 trim around the head, which moves with the mesh's chin and crown; with issue 24's
    # mesh the mirrored copy's detail reads 3.62 (5.43 before) against 4.5, the original 5.92
    ("md_S047-01.jpg", "mirrored"): "background.plain",
    # a press wall with lettering, failed by fine detail alone at 4.8 against 4.5 once the
    # light-sweep measure left background.plain (issue 20): enlarged 1.6 x it reads 4.16 and
    # passes; background.shadow then fails it (the logo brightens the fit), still a reject
    ("df_img6.jpg", "larger"): "background.plain",
    # image.sharpness near its limit on photos rejected anyway
    ("md_S029-01.jpg", "quality70"): "image.sharpness",
    ("md_S029-01.jpg", "quality95"): "image.sharpness",
    ("md_S048-01.jpg", "quality70"): "image.sharpness",
    # Since one working size (issue 24): md_S029-03 re-encoded reads 0.239 against the 0.24 limit
    # (0.242 before), so the variants that read 0.245-0.247 now flip the other way (brighter,
    # 0.239, no longer does); two_people shrunk to 640 x 480 px by area averaging reads 0.233,
    # the re-encoded original 0.267 (0.251 and 0.276 before, when the smaller file worked at
    # 560 px and the original at 500). df_img57 enlarged no longer flips: 0.188 against 0.151
    # (0.266 against 0.173 before).
    ("md_S029-03.jpg", "larger"): "image.sharpness",
    ("md_S029-03.jpg", "quality70"): "image.sharpness",
    ("md_S029-03.jpg", "quality95"): "image.sharpness",
    ("two_people.jpg", "smaller"): "image.sharpness",
    # a second face at the detector's threshold when mirrored, and a press wall read as a
    # shadow instead of fine detail when brightened (see df_img6 larger above): rejects anyway
    ("df_img31.jpg", "mirrored"): "face.count",
    ("df_img6.jpg", "brighter"): "background.plain",
}
"""(photo, variant) -> the rule whose measure flips there (xfail, not strict: the day the rule
is fixed the case shows as XPASS and can be removed). Measured on main after issues 11-13
merged (2026-11-29): 21 cases, one of which changes the verdict (df_img15 smaller); with one
working size (issue 24) 25, the same one changing the verdict."""


@cache
def _pixels(path: Path) -> np.ndarray:
    """The photo's pixels, upright (EXIF orientation applied), RGB."""
    from PIL import Image, ImageOps

    with Image.open(path) as image:
        return np.asarray(ImageOps.exif_transpose(image).convert("RGB"))


NOT_COMPARED = frozenset({"photo.age", "file.size"})
"""Rules about the file, not the photo: re-encoded files carry no date, and their byte count is
what re-encoding changes (a 240 px thumbnail at quality 70 is under 20 KB)."""


def _outcome(data: bytes) -> tuple[str, frozenset[str]]:
    """Verdict and failing rules, `NOT_COMPARED` aside."""
    report = photocheck.check(data)
    failed = frozenset(c.id for c in report.failed() if c.id not in NOT_COMPARED)
    return ("reject" if failed else "accept"), failed


@cache
def _baseline(path: Path) -> tuple[str, frozenset[str]]:
    return _outcome(_encode(_pixels(path)))


RESIZES = frozenset({"smaller", "larger"})


def _assert_invariant(path: Path, variant: str) -> None:
    sides = _pixels(path).shape[:2]
    if variant in RESIZES and not (min(sides) >= MIN_SIDE and max(sides) <= MAX_SIDE):
        pytest.skip("resizing a photo outside 480-6000 px changes image.dimensions by design")
    before = _baseline(path)
    after = _outcome(VARIANTS[variant](_pixels(path)))
    assert after == before, (
        f"{path.name} {variant}: {before[0]} failing {sorted(before[1])} became {after[0]} "
        f"failing {sorted(after[1])}")


def _maybe_xfail(request: pytest.FixtureRequest, name: str, variant: str) -> None:
    rule = KNOWN_FLIPS.get((name, variant))
    if rule:
        request.applymarker(pytest.mark.xfail(reason=f"{rule} flips on {name} {variant}",
                                              strict=False))


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", PIXEL_SAMPLES)
def test_sample_verdict_survives(request: pytest.FixtureRequest, name: str,
                                 variant: str) -> None:
    _maybe_xfail(request, name, variant)
    _assert_invariant(SAMPLES / name, variant)


def test_the_variants_really_change_the_file() -> None:
    """Guard against a variant that is a no-op (a test that cannot fail)."""
    rgb = _pixels(SAMPLES / "ok.jpg")
    base = _encode(rgb)
    for variant, make in VARIANTS.items():
        assert make(rgb) != base, variant
    assert min(_smaller(rgb).shape[:2]) == MIN_SIDE or min(rgb.shape[:2]) <= MIN_SIDE
    assert max(_larger(rgb).shape[:2]) > max(rgb.shape[:2])


def test_a_broken_photo_is_caught_by_the_comparison() -> None:
    """The comparison sees a real change: the sample with two people, cropped to one, flips."""
    rgb = _pixels(SAMPLES / "two_people.jpg")
    assert "face.count" in _outcome(_encode(rgb))[1]
    half = rgb[:, : rgb.shape[1] // 2]
    assert "face.count" not in _outcome(_encode(half))[1]


def _dev_photos() -> list[Path]:
    return sorted(p for d in DEV_DIRS if d.is_dir() for p in d.glob("*.jpg"))


DEV_PHOTOS = _dev_photos()


@pytest.mark.skipif(not DEV_PHOTOS, reason="dev photos absent (../shared/photos/dev, dev2)")
@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("path", DEV_PHOTOS or [Path("absent")], ids=lambda p: p.stem)
def test_dev_photo_verdict_survives(request: pytest.FixtureRequest, path: Path,
                                    variant: str) -> None:
    _maybe_xfail(request, path.name, variant)
    _assert_invariant(path, variant)
