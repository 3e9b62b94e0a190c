"""The image rules on real pixels: the astronaut portrait and one-defect variants of it."""

from __future__ import annotations

from datetime import datetime
from functools import cache

import cv2
import numpy as np
import pytest

from photocheck.checks.image_rules import card_region
from photocheck.context import Context
from photocheck.pipeline import check
from photocheck.report import Check, Report, Status
from photocheck.rules import limit
from photocheck.source import load
from photocheck.vision.background import (
    FINE_SIGMA,
    STRAND_KERNEL,
    TEXTURE_SIGMA,
    _around,
    _blur_radius,
    fine_detail,
    fine_residual,
    fit_surface,
    measure_background,
    measure_shadow,
    without_strands,
)
from photocheck.vision.face_quality import measure_exposure, measure_sharpness
from photocheck.vision.person import EDGE_MARGIN, PersonMask, person_mask
from tests.support import portraits, tones

IMAGE_RULES = ("background.plain", "background.shadow", "image.exposure", "image.sharpness")


@cache
def report_for(variant: str) -> Report:
    """The online-profile report of one portrait variant, checked from its JPEG bytes."""
    makers = {
        "clean": portraits.clean,
        "clean_blue": lambda: portraits.clean(portraits.PALE_BLUE),
        "clean_white": lambda: portraits.clean(portraits.WHITE),
        "falloff": lambda: portraits.clean(falloff=0.15),
        "scene": lambda: portraits.busy("scene"),
        "checker": lambda: portraits.busy("checker"),
        "stripes": lambda: portraits.busy("stripes"),
        "shapes": lambda: portraits.busy("shapes"),
        "swept": portraits.swept,
        "dark": portraits.dark,
        "over": portraits.overexposed,
        "blur": portraits.blurred,
        "motion": portraits.motion_blurred,
        "nobody": portraits.no_person,
        "darker_skin": tones.darker_skin,
        "face_in_shadow": tones.face_in_shadow,
        "whole_dark": tones.whole_photo_darkened,
        "halo": lambda: portraits.shadowed(0.25),
        "distinct_shadow": lambda: portraits.shadowed(portraits.DISTINCT_SHADOW),
        "wedge": tones.with_far_wedge,
        "strands": tones.with_loose_strands,
    }
    return check(portraits.to_jpeg(makers[variant]()), name=variant)


def status(variant: str, rule_id: str) -> Status:
    result = report_for(variant).check(rule_id)
    assert result is not None
    return result.status


# --- the factory -----------------------------------------------------------------------------


def test_clean_portrait_passes_the_file_rules() -> None:
    data = portraits.clean_jpeg()
    assert len(data) >= 20_480
    report = report_for("clean")
    for rule_id in ("file.format", "file.size", "image.dimensions", "file.integrity"):
        assert status("clean", rule_id) is Status.PASS, rule_id
    assert report.check("image.dimensions").value is not None


def test_factory_is_deterministic() -> None:
    assert np.array_equal(portraits.clean(), portraits.clean())
    assert portraits.clean().shape == (772, 600, 3)


def test_to_jpeg_keeps_an_exif_block() -> None:
    from PIL import Image

    exif = Image.Exif()
    exif[0x0131] = "UnitTest 1.0"  # Software
    data = portraits.to_jpeg(portraits.clean(), exif=exif.tobytes())
    assert b"UnitTest 1.0" in data


# --- the rules on the variants -----------------------------------------------------------------


@pytest.mark.parametrize("variant", ["clean", "clean_blue", "clean_white", "falloff"])
def test_plain_backdrops_pass_all_image_rules(variant: str) -> None:
    for rule_id in IMAGE_RULES:
        assert status(variant, rule_id) is Status.PASS, (rule_id, report_for(variant).to_dict())


@pytest.mark.parametrize("variant", ["scene", "checker", "stripes", "shapes"])
def test_busy_backgrounds_fail_plain(variant: str) -> None:
    result = report_for(variant).check("background.plain")
    assert result.status is Status.FAIL
    assert "plain" in result.message.en and "無地" in result.message.ja
    assert set(result.value) == set(result.limit) == {"detail", "texture", "clutter", "chroma"}
    assert any(result.value[k] > result.limit[k] for k in result.value)
    # A shadow cannot be told apart from a busy scene: skipped, not failed.
    assert status(variant, "background.shadow") is Status.SKIP


def test_smooth_sweep_of_light_is_plain() -> None:
    """The spec: a smooth studio gradient is plain (issue 20, dev3 `oq_lipstick_plum_grey`).
    A sweep from white to 5 % of it across the backdrop has no objects, pattern or texture."""
    result = report_for("swept").check("background.plain")
    assert result.status is Status.PASS, result.value
    assert all(result.value[k] <= result.limit[k] for k in result.value)


def test_cast_shadow_fails_shadow_only() -> None:
    result = report_for("distinct_shadow").check("background.shadow")
    assert result.status is Status.FAIL
    assert result.value > result.limit == limit("background.shadow.darkening").value
    assert "right" in result.message.en and "影" in result.message.ja
    assert status("distinct_shadow", "background.plain") is Status.PASS


def test_dark_face_fails_exposure() -> None:
    result = report_for("dark").check("image.exposure")
    assert result.status is Status.FAIL
    assert "too dark" in result.message.en and "暗すぎ" in result.message.ja
    assert result.value["median"] < limit("image.exposure.median").value[0]
    assert status("dark", "image.sharpness") is Status.PASS


def test_blown_out_face_fails_exposure() -> None:
    result = report_for("over").check("image.exposure")
    assert result.status is Status.FAIL
    assert "over-exposed" in result.message.en and "白飛び" in result.message.ja
    assert result.value["clipped"] > limit("image.exposure.clipped").value


@pytest.mark.parametrize(("variant", "words"), [("blur", "out of focus"),
                                                ("motion", "camera shake")])
def test_blurred_faces_fail_sharpness(variant: str, words: str) -> None:
    result = report_for(variant).check("image.sharpness")
    assert result.status is Status.FAIL
    assert words in result.message.en
    assert result.value < result.limit == limit("image.sharpness.detail").value
    assert status(variant, "image.exposure") is Status.PASS


def test_no_face_skips_exposure_and_sharpness_with_the_reason() -> None:
    for rule_id in ("image.exposure", "image.sharpness"):
        result = report_for("nobody").check(rule_id)
        assert result.status is Status.SKIP
        assert "face.count" in result.message.en
    assert status("nobody", "background.plain") is Status.PASS


# --- the measures ------------------------------------------------------------------------------


def test_fit_surface_explains_a_quadratic_and_nothing_more() -> None:
    yy, xx = np.mgrid[0:60, 0:80].astype(np.float32)
    smooth = 100 + 0.5 * xx - 0.3 * yy + 0.01 * xx * yy
    where = np.ones_like(smooth, bool)
    fitted = fit_surface(smooth[:, :, None], where)
    assert np.abs(fitted[:, 0] - smooth.ravel()).max() < 1e-2
    textured = smooth + 20 * ((xx // 4 + yy // 4) % 2)
    fitted = fit_surface(textured[:, :, None], where)
    assert np.abs(fitted[:, 0] - textured.ravel()).mean() > 5


def test_fine_detail_sees_pattern_not_gradient() -> None:
    xx = np.mgrid[0:100, 0:100][1].astype(np.float32)
    where = np.ones((100, 100), bool)
    assert fine_detail(50 + 1.5 * xx, where) < 1.0
    assert fine_detail(128 + 40 * ((xx // 3) % 2), where) > 10


def _mask_with_shadow(darkening: float) -> PersonMask:
    """A grey grid with a disc 'person' and a band `darkening` darker to its right."""
    h, w = 200, 160
    yy, xx = np.mgrid[0:h, 0:w]
    person = (((xx - 70) ** 2 + (yy - 80) ** 2) < 40**2).astype(np.float32)
    person[120:] = np.where(np.abs(xx[120:] - 70) < 60, 1.0, 0.0)
    distance = cv2.distanceTransform((person < 0.5).astype(np.uint8), cv2.DIST_L2, 3)
    margin = EDGE_MARGIN * max(h, w)
    luma = np.full((h, w), 200.0, np.float32)
    band = (distance > margin) & (distance < margin + 12) & (xx > 70)
    luma[band] *= 1.0 - darkening
    rgb = np.repeat(luma[:, :, None], 3, axis=2).astype(np.uint8)
    return PersonMask(rgb, person, distance, margin)


def test_shadow_measure_finds_the_dark_band_beside_the_person() -> None:
    shadow = measure_shadow(_mask_with_shadow(0.3))
    assert shadow is not None and shadow.side == "right"
    assert shadow.darkening == pytest.approx(0.3, abs=0.03)
    assert measure_shadow(_mask_with_shadow(0.0)).darkening < 0.01


def test_exposure_measures() -> None:
    face = np.full((60, 50, 3), 120, np.uint8)
    face[:, 25:] = 30
    exposure = measure_exposure(face)
    assert exposure.side_ratio == pytest.approx(30 / 120, abs=0.01)
    assert exposure.clipped_high == 0.0
    assert measure_exposure(np.full((20, 20, 3), 255, np.uint8)).clipped_high == 1.0


def test_sharpness_falls_with_blur_and_ignores_contrast() -> None:
    rng = np.random.default_rng(0)
    detail = cv2.GaussianBlur(rng.uniform(0, 255, (150, 150)).astype(np.float32), (0, 0), 1.0)
    face = np.repeat(detail[:, :, None], 3, axis=2).astype(np.uint8)
    sharp = measure_sharpness(face).detail
    soft = measure_sharpness(cv2.GaussianBlur(face, (0, 0), 3.0)).detail
    assert soft < 0.5 * sharp
    dim = (face.astype(np.float32) * 0.4 + 40).astype(np.uint8)
    assert measure_sharpness(dim).detail == pytest.approx(sharp, rel=0.15)


# --- issue 11: exposure from lighting evidence, never from skin ------------------------------


def test_darker_skin_under_good_light_passes_exposure() -> None:
    # The face is darker than the old skin-brightness limit, but the light is good: the
    # backdrop is bright and the key light leaves highlights on the face.
    result = report_for("darker_skin").check("image.exposure")
    assert result.value["median"] < limit("image.exposure.median").value[0]
    assert result.value["highlight_ratio"] > limit("image.exposure.highlight_ratio").value
    assert result.status is Status.PASS, result.to_dict()


def test_a_face_in_shadow_fails_exposure_on_its_missing_highlights() -> None:
    # Same face median as the darker skin, but evenly darkened: no light falls on it.
    result = report_for("face_in_shadow").check("image.exposure")
    assert result.value["median"] < limit("image.exposure.median").value[0]
    assert result.value["white_level"] > limit("image.exposure.white_level").value
    assert result.status is Status.FAIL
    assert "highlight" in result.message.en and "ハイライト" in result.message.ja


def test_a_whole_photo_under_exposed_fails_on_the_white_level() -> None:
    result = report_for("whole_dark").check("image.exposure")
    assert result.value["white_level"] < limit("image.exposure.white_level").value
    assert result.status is Status.FAIL
    assert "under-exposed" in result.message.en and "露出不足" in result.message.ja


# --- issue 11: background and shadow judged on the card region, hair counted as the person ---


def test_a_wedge_outside_the_trim_is_not_a_reject() -> None:
    # A thin rotated wedge of another colour at the far edge: the card's trim never shows it.
    # (The astronaut's own scene is not such a case any more: inside the trim her mottled
    # studio backdrop reads as texture, see test_busy_backgrounds_fail_plain.)
    result = report_for("wedge").check("background.plain")
    assert result.status is Status.PASS, result.to_dict()
    assert "35:45" in result.message.en and "35:45" in result.message.ja
    # It is there: measured on the whole photo, the background would not be plain.
    whole = measure_background(person_mask(_context(tones.with_far_wedge())))
    assert whole is not None
    assert whole.chroma > limit("background.plain.chroma").value


def test_loose_strands_count_as_the_person() -> None:
    result = report_for("strands").check("background.plain")
    assert result.status is Status.PASS, result.to_dict()
    # The strands are there: on the raw luma the card background's detail is over the limit.
    ctx = _context(tones.with_loose_strands())
    card = card_region(ctx)[1]
    assert card is not None
    mask = person_mask(ctx)
    assert fine_detail(mask.luminance, mask.background & card) > limit(
        "background.plain.detail").value


def test_a_faint_halo_passes_and_a_distinct_shadow_fails() -> None:
    halo = report_for("halo").check("background.shadow")
    assert halo.status is Status.PASS and 0 < halo.value < halo.limit
    assert status("halo", "background.plain") is Status.PASS
    shadow = report_for("distinct_shadow").check("background.shadow")
    assert shadow.status is Status.FAIL and shadow.value > shadow.limit
    assert status("distinct_shadow", "background.plain") is Status.PASS


# --- issue 11: the crown is the top of the hair ----------------------------------------------


@cache
def _crown_y() -> int:
    face = report_for("clean").face
    assert face is not None
    return int(face["crown_y"])


def _size_check(pixels: np.ndarray) -> Check:
    result = check(portraits.to_jpeg(pixels)).check("face.size")
    assert result is not None
    return result


@cache
def _chin_y() -> int:
    face = report_for("clean").face
    assert face is not None
    return int(face["chin_y"])


@pytest.mark.parametrize("mirrored", [False, True])
def test_hair_cut_by_the_top_edge_fails_face_size(mirrored: bool) -> None:
    # the top edge through the hair a third of the head down, at the hairline (issue 20:
    # dev3's derived crown-cut crops run 0.07-0.17 mesh heights above the mesh top)
    pixels = tones.cropped_from_top(_crown_y() + (_chin_y() - _crown_y()) // 3)
    result = _size_check(pixels[:, ::-1].copy() if mirrored else pixels)
    assert result.status is Status.FAIL
    assert "cut off" in result.message.en and "はみ出して" in result.message.ja


@pytest.mark.parametrize("mirrored", [False, True])
def test_hair_grazed_by_the_top_edge_is_not_cut_off(mirrored: bool) -> None:
    # a twelfth of the head's height off the top of the hair: the person mask reaches the
    # edge, but the edge runs well above the hairline (issue 20: dev3's uncut originals whose
    # hair touches the edge pass, their derived crops through the forehead fail)
    pixels = tones.cropped_from_top(_crown_y() + (_chin_y() - _crown_y()) // 12)
    result = _size_check(pixels[:, ::-1].copy() if mirrored else pixels)
    assert result.status is Status.PASS, result.to_dict()


@pytest.mark.parametrize("mirrored", [False, True])
def test_hair_near_the_top_edge_is_not_cut_off(mirrored: bool) -> None:
    pixels = tones.cropped_from_top(_crown_y() - 10)
    result = _size_check(pixels[:, ::-1].copy() if mirrored else pixels)
    assert result.status is Status.PASS, result.to_dict()


def _context(pixels: np.ndarray) -> Context:
    return Context(load(portraits.to_jpeg(pixels), "test", read_whole_up_to=7_000_000),
                   "online", datetime(2026, 11, 29))


# --- issue 20: a stripe along the frame's border is not the wall's texture -------------------


def _trimmed(pixels: np.ndarray) -> np.ndarray:
    """`pixels` cut to the card's 35:45 trim around the head, so the trim is the whole photo."""
    face = check(portraits.to_jpeg(pixels)).face
    assert face is not None and face["trim_fits"]
    x, y, w, h = (int(v) for v in face["trim"])
    return np.ascontiguousarray(pixels[y: y + h, x: x + w])


def _with_border_stripe(pixels: np.ndarray, side: str, value: int) -> np.ndarray:
    """`pixels` trimmed to the card with a 4 px stripe along one edge, as a scanner or an
    editor's frame leaves."""
    out = _trimmed(pixels)
    if side == "right":
        out[:, -4:] = value
    else:
        out[:4, :] = value
    return out


@pytest.mark.parametrize(("side", "value"), [("right", 255), ("top", 255)])
def test_a_stripe_along_the_frame_border_leaves_a_plain_backdrop_plain(side: str,
                                                                        value: int) -> None:
    plain = check(portraits.to_jpeg(_trimmed(portraits.clean()))).check("background.plain")
    striped = check(portraits.to_jpeg(_with_border_stripe(portraits.clean(), side, value)))
    result = striped.check("background.plain")
    assert plain is not None and result is not None
    assert result.status is Status.PASS, result.to_dict()
    assert result.value["detail"] < plain.value["detail"] + 0.5


def test_a_stripe_along_the_border_does_not_hide_a_patterned_wall() -> None:
    result = check(portraits.to_jpeg(_with_border_stripe(portraits.busy("stripes"), "right",
                                                         255))).check("background.plain")
    assert result is not None and result.status is Status.FAIL


def test_fine_measures_on_the_box_around_the_background_are_the_whole_grids() -> None:
    """The fine residuals taken on the box `_around` the cells (plus the blurs' reach) are the
    whole grid's to the bit, and a box without that rim would not be: the rim is needed."""
    mask = person_mask(_context(tones.with_loose_strands()))
    where = mask.background & card_region(_context(tones.with_loose_strands()))[1]
    luma = mask.luminance
    whole = fine_residual(luma, where)
    whole_smooth = fine_residual(cv2.GaussianBlur(luma, (0, 0), TEXTURE_SIGMA), where)
    rim = _blur_radius(FINE_SIGMA) + _blur_radius(TEXTURE_SIGMA)
    box = _around(where, rim)
    assert box[0].stop - box[0].start < luma.shape[0] or box[1].stop - box[1].start < luma.shape[1]
    np.testing.assert_array_equal(fine_residual(luma[box], where[box]), whole)
    smooth = fine_residual(cv2.GaussianBlur(luma[box], (0, 0), TEXTURE_SIGMA), where[box])
    np.testing.assert_array_equal(smooth, whole_smooth)
    tight = _around(where, 2)
    assert not np.array_equal(fine_residual(luma[tight], where[tight]), whole)


def test_strands_are_erased_as_on_the_whole_grid() -> None:
    """`without_strands` closes and opens only the box near the head: the same luma as the
    whole grid's closing and opening kept near the head."""
    mask = person_mask(_context(tones.with_loose_strands()))
    kernel = np.ones((STRAND_KERNEL, STRAND_KERNEL), np.uint8)
    luma = mask.luminance
    smooth = cv2.morphologyEx(cv2.morphologyEx(luma, cv2.MORPH_CLOSE, kernel), cv2.MORPH_OPEN,
                              kernel)
    assert mask.head_distance is not None
    near = mask.head_distance <= limit("background.plain.strand_reach").value * max(luma.shape)
    assert 0 < np.count_nonzero(near) < near.size / 2
    expected = np.where(near, smooth, luma)
    assert not np.array_equal(expected, luma)
    np.testing.assert_array_equal(without_strands(mask), expected)


def test_pixels_at_and_the_shadow_sides_read_the_cells_numpy_would() -> None:
    """`pixels_at` is boolean indexing (same pixels, same order) on the grid and on a float
    crop; the shadow's sides, read from the band's own values, are `split_sides`' cells."""
    from photocheck.vision.background import _side_columns, pixels_at, shadow_band, split_sides

    mask = person_mask(_context(tones.with_loose_strands()))
    for image in (mask.rgb, mask.rgb.astype(np.float32) / 3):
        for where in (mask.background, mask.is_person, np.zeros(mask.is_person.shape, bool)):
            taken = pixels_at(image, where)
            assert taken.dtype == image.dtype
            np.testing.assert_array_equal(taken, image[where])
    band = shadow_band(mask, upper_only=True, beyond_margin=True)
    values = mask.luminance[band]
    band_columns = np.flatnonzero(band) % band.shape[1]
    sides = split_sides(mask, band)
    for side, columns in _side_columns(mask, band.shape[1]).items():
        np.testing.assert_array_equal(values[columns[band_columns]], mask.luminance[sides[side]])
    assert sum(np.count_nonzero(cells) for cells in sides.values()) == np.count_nonzero(band)
