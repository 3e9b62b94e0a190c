"""face.occlusion, face.shadow, face.red_eye and face.expression on real pixels.

The positives are the astronaut portrait with one thing painted from its own face mesh
(tests/support/face_paint.py): a mask, sunglasses, a hand over one eye, hair over the eyes, half
the face or the eye sockets in shadow, red pupils, an open mouth. Each must trip its rule, name
what it found, and leave the other rules passing; the clean portrait passes the first three and
warns `face.expression`, since its smile shows a row of teeth (the spec: a smile showing teeth
must warn; a warning does not block). When the dev photos are present, studio portraits of every
tone group must pass too.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from functools import cache
from pathlib import Path

import cv2
import numpy as np
import pytest

import photocheck
from photocheck.batch.csv_report import CsvReport
from photocheck.batch.html_report import HtmlReport
from photocheck.report import Report, Status
from photocheck.rules import LIMITS, PROFILES, RULES
from photocheck.vision.face_regions import face_crop
from photocheck.vision.red_eye import red_pupil_share
from tests.calibration.labels import RULE_IDS
from tests.support import face_paint, portraits

pytest.importorskip("skimage.data")

VISIBILITY = ("face.occlusion", "face.shadow", "face.red_eye", "face.expression")
CLEAN = {"face.occlusion": Status.PASS, "face.shadow": Status.PASS, "face.red_eye": Status.PASS,
         "face.expression": Status.WARN}
"""The astronaut's own statuses: its broad smile shows a row of teeth."""
DEV2 = Path(__file__).resolve().parents[1] / ".." / "shared" / "photos" / "dev2"

Painter = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _check(pixels: np.ndarray) -> Report:
    return photocheck.check(portraits.to_jpeg(np.ascontiguousarray(pixels)))


@cache
def _painted(name: str) -> Report:
    pixels, mesh = portraits.clean_with_mesh()
    return _check(POSITIVES[name][0](pixels, mesh))


POSITIVES: dict[str, tuple[Painter, str, Status, tuple[str, ...]]] = {
    "surgical mask": (face_paint.mask, "face.occlusion", Status.FAIL, ("nose and mouth", "mask")),
    "white mask": (lambda p, m: face_paint.mask(p, m, (236, 236, 232)), "face.occlusion",
                   Status.FAIL, ("mask",)),
    "sunglasses": (face_paint.sunglasses, "face.occlusion", Status.FAIL,
                   ("both eyes", "sunglasses")),
    "gradient sunglasses": (lambda p, m: face_paint.sunglasses(p, m, gradient=25.0),
                            "face.occlusion", Status.FAIL, ("sunglasses",)),
    "hand over the left eye": (face_paint.hand_over_eye, "face.occlusion", Status.FAIL,
                               ("left eye", "hand")),
    "hand over the mouth": (face_paint.hand_over_mouth, "face.occlusion", Status.FAIL,
                            ("mouth", "hand")),
    "hair over the eyes": (face_paint.hair_over_eyes, "face.occlusion", Status.FAIL,
                           ("hair", "both eyes")),
    "hard half shadow": (lambda p, m: face_paint.half_shadow(p, m, 0.85, 0.0), "face.shadow",
                         Status.FAIL, ("right side",)),
    "soft half shadow": (lambda p, m: face_paint.half_shadow(p, m, 0.8, 0.15, "left"),
                         "face.shadow", Status.FAIL, ("left side",)),
    "dark eye sockets": (lambda p, m: face_paint.dark_sockets(p, m, 0.8), "face.shadow",
                         Status.FAIL, ("eye sockets",)),
    "red pupils": (face_paint.red_pupils, "face.red_eye", Status.FAIL, ("both eyes", "red")),
    "open mouth": (face_paint.open_mouth, "face.expression", Status.WARN, ("mouth", "open")),
}
"""Painted positive -> (painter, the rule it must trip, the status, words the message says)."""
MOUTH_COVERED = {"surgical mask", "white mask", "hand over the mouth"}
"""Paintings that hide the smile's teeth, so face.expression passes on them."""
SOCKETS_READ_AS_LENSES = pytest.mark.xfail(strict=True, reason=(
    "eye sockets painted under 30 % of the light read as dark lenses: face.occlusion fails the "
    "photo (it is still rejected) and face.shadow, gated on the lens, does not name the shadow; "
    "real deep sockets (df_img59, -2.09) stay above the lens limit (-2.25)"))


def _marked(names: list[str]) -> list[object]:
    return [pytest.param(n, marks=SOCKETS_READ_AS_LENSES) if n == "dark eye sockets" else n
            for n in names]


def test_clean_portrait_passes_three_and_warns_its_toothy_smile() -> None:
    report = _check(portraits.clean_with_mesh()[0])
    assert {r: report.check(r).status for r in VISIBILITY} == CLEAN
    assert "teeth" in report.check("face.expression").message.en
    assert report.verdict.value == "accept"


@pytest.mark.parametrize("name", _marked(sorted(POSITIVES)))
def test_painted_positive_trips_its_rule_and_says_what_it_found(name: str) -> None:
    _, rule_id, status, words = POSITIVES[name]
    report = _painted(name)
    check = report.check(rule_id)
    assert check.status is status, check.message.en
    assert all(w in check.message.en for w in words), check.message.en
    assert check.message.ja and check.fix is not None and check.fix.ja
    assert check.value is not None and check.limit is not None
    expected = CLEAN | ({"face.expression": Status.PASS} if name in MOUTH_COVERED else {})
    others = [r for r in VISIBILITY if r != rule_id and report.check(r).status is not expected[r]]
    assert others == []


@pytest.mark.parametrize("thickness", [2, 5])
def test_clear_glasses_with_thin_or_thick_frames_pass(thickness: int) -> None:
    pixels, mesh = portraits.clean_with_mesh()
    report = _check(face_paint.glasses_frames(pixels, mesh, thickness))
    assert report.check("face.occlusion").status is Status.PASS, report.check("face.occlusion")


def test_open_mouth_only_warns_so_the_photo_is_still_accepted() -> None:
    assert _painted("open mouth").verdict.value == "accept"


def test_red_eye_fix_hint_says_to_retake_without_flash() -> None:
    fix = _painted("red pupils").check("face.red_eye").fix
    assert fix is not None and "flash" in fix.en and "フラッシュ" in fix.ja


@pytest.mark.parametrize("name", _marked(["hand over the left eye", "red pupils",
                                          "surgical mask", "hair over the eyes",
                                          "dark eye sockets"]))
def test_verdict_survives_a_mirror_reencoding_and_resizing(name: str) -> None:
    painter, rule_id, status, _ = POSITIVES[name]
    pixels, mesh = portraits.clean_with_mesh()
    painted = painter(pixels, mesh)
    mirrored = np.ascontiguousarray(painted[:, ::-1])
    report = photocheck.check(portraits.to_jpeg(mirrored, quality=72))
    assert report.check(rule_id).status is status
    if name == "hand over the left eye":  # mirrored, the hand covers the subject's right eye
        assert "right eye" in report.check(rule_id).message.en
    for width in (480, 1200):  # the crop is scaled to one face width, so size does not matter
        height = round(painted.shape[0] * width / painted.shape[1])
        resized = cv2.resize(painted, (width, height), interpolation=cv2.INTER_AREA)
        assert photocheck.check(portraits.to_jpeg(resized)).check(rule_id).status is status


def test_clean_portrait_passes_mirrored_darkened_and_reencoded() -> None:
    pixels = portraits.clean_with_mesh()[0].astype(np.float32)
    for variant in (pixels[:, ::-1], pixels * 0.8, pixels):
        report = photocheck.check(portraits.to_jpeg(
            np.ascontiguousarray(np.clip(variant, 0, 255).astype(np.uint8)), quality=70))
        assert {r: report.check(r).status for r in VISIBILITY} == CLEAN


def test_skipped_without_a_face() -> None:
    report = _check(portraits.no_person())
    assert all(report.check(r).status is Status.SKIP for r in VISIBILITY)


def test_red_share_is_zero_on_dark_pupils_and_high_on_red_ones() -> None:
    pixels, mesh = portraits.clean_with_mesh()
    clean = red_pupil_share(face_crop(pixels, mesh))
    red = red_pupil_share(face_crop(face_paint.red_pupils(pixels, mesh), mesh))
    assert max(clean.values()) < LIMITS["face.red_eye.share"].value < min(red.values())


# ---- registration and front doors -----------------------------------------------------------


def test_rules_follow_head_covering_in_every_profile_and_in_the_label_vocabulary() -> None:
    for ids in PROFILES.values():
        at = ids.index("face.head_covering")
        assert ids[at + 1: at + 5] == VISIBILITY
    assert set(VISIBILITY) <= RULE_IDS
    assert all(RULES[r].stage.value == "pixels" for r in VISIBILITY)


def test_every_visibility_limit_has_a_reason() -> None:
    names = [n for n in LIMITS if n.split(".")[0] + "." + n.split(".")[1] in VISIBILITY]
    assert len(names) >= 8
    assert all(len(LIMITS[n].reason) > 40 and LIMITS[n].source for n in names)


def test_batch_csv_and_html_list_the_new_rules(tmp_path: Path) -> None:
    csv_path, html_path = tmp_path / "out.csv", tmp_path / "out.html"
    CsvReport(csv_path, "online", append=False).close()
    header = csv_path.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert [c for c in header if c in VISIBILITY] == list(VISIBILITY)
    html = HtmlReport(html_path, "online", append=False)
    html._file.close()
    page = html_path.read_text(encoding="utf-8")
    assert all(f"<option>{r}</option>" in page for r in VISIBILITY)


def test_web_page_shows_the_new_rules_from_the_report() -> None:
    """The page draws every check of the report it gets (app.js renderChecks), keyed by id."""
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from photocheck.web import create_app

    with TestClient(create_app(workers=1)) as client:
        jpeg = portraits.to_jpeg(np.ascontiguousarray(portraits.clean_with_mesh()[0]))
        response = client.post("/api/check", files={"photo": ("p.jpg", io.BytesIO(jpeg),
                                                              "image/jpeg")})
    ids = [c["id"] for c in response.json()["checks"]]
    assert [i for i in ids if i in VISIBILITY] == list(VISIBILITY)
    script = (Path(photocheck.__file__).parent / "web" / "static" / "app.js").read_text("utf-8")
    assert "report.checks" in script and "check.id" in script


# ---- fairness on real studio portraits (skipped without the dev photos) ---------------------


def _tone_groups() -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = {}
    sources = DEV2 / "SOURCES.tsv"
    for line in sources.read_text(encoding="utf-8").splitlines():
        name, _, about = line.partition("\t")
        if name.startswith("fl_"):
            groups.setdefault(about.split(", ")[-1], []).append(DEV2 / name)
    return groups


@pytest.mark.skipif(not (DEV2 / "SOURCES.tsv").exists(), reason="dev photos are not here")
def test_studio_portraits_of_every_tone_group_pass() -> None:
    for group, paths in _tone_groups().items():
        for path in paths[:2]:
            report = photocheck.check(path)
            bad = [(r, report.check(r).value) for r in VISIBILITY
                   if report.check(r).status is not Status.PASS]
            assert bad == [], (group, path.name, bad)


def test_fix_does_not_repaint_red_eyes_and_says_to_retake_without_flash() -> None:
    from photocheck.fix.fixer import fix_photo

    pixels, mesh = portraits.clean_with_mesh()
    result = fix_photo(portraits.to_jpeg(face_paint.red_pupils(pixels, mesh)))
    explained = {c.id: c.fix for c in result.unfixable}
    assert result.exit_code == 1 and list(explained) == ["face.red_eye"]
    fix = explained["face.red_eye"]
    assert fix is not None and "flash" in fix.en and "フラッシュ" in fix.ja


def test_teeth_measure_sees_the_astronauts_teeth_and_not_the_same_mouth_with_them_hidden() -> None:
    """Teeth are told from the same face's lips: the real smile (cream teeth under warm light,
    which the old near-neutral test missed) is over the limit; the same opening filled with the
    lips' own colour (a derived closed-looking mouth) is at zero."""
    from photocheck.vision.expression import LIPS, measure_mouth
    from photocheck.vision.face_regions import INNER_LIPS

    pixels, mesh = portraits.clean_with_mesh()
    limit = LIMITS["face.expression.teeth"].value
    crop = face_crop(pixels, mesh)
    assert measure_mouth(crop).teeth > 2 * limit
    lips = crop.patches(LIPS, 0.02) & ~crop.polygon(INNER_LIPS)
    colour = np.median(crop.rgb[lips], axis=0)
    hidden = pixels.copy()
    ring = np.round(mesh[list(INNER_LIPS), :2]).astype(np.int32)
    cv2.fillPoly(hidden, [ring], tuple(int(v) for v in colour))
    assert measure_mouth(face_crop(hidden, mesh)).teeth < limit / 5


def test_face_crop_chromaticity_and_shared_masks() -> None:
    """The crop's chromaticity, computed on channel planes, is the interleaved formula's to the
    bit; a mask asked for twice is drawn once, and no reader can change it in place."""
    from photocheck.vision.face_regions import EYE_RINGS, LUMA_FLOOR, SKIN_REFERENCE

    pixels, mesh = portraits.clean_with_mesh()
    crop = face_crop(pixels, mesh)
    rgb = crop.rgb
    total = rgb[:, :, 0] + rgb[:, :, 1] + rgb[:, :, 2] + 3 * LUMA_FLOOR
    expected = np.dstack([(rgb[:, :, 0] + LUMA_FLOOR) / total,
                          (rgb[:, :, 1] + LUMA_FLOOR) / total])
    assert crop.chroma.shape == expected.shape and crop.chroma.dtype == expected.dtype
    np.testing.assert_array_equal(crop.chroma, expected)
    rim = crop.polygon(EYE_RINGS["right"])
    assert crop.polygon(EYE_RINGS["right"]) is rim and rim.any()
    skin = crop.patches(SKIN_REFERENCE, 0.035)
    assert crop.patches(SKIN_REFERENCE, 0.035) is skin
    assert crop.patches(SKIN_REFERENCE, 0.05) is not skin
    with pytest.raises(ValueError):
        rim[0, 0] = True
