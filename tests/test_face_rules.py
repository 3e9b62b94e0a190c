"""Face rules on real pixels: variants of the astronaut portrait (skimage.data.astronaut()), and
Grace Hopper's portrait from matplotlib's sample data for real glasses and a real cap.

Each variant breaks one thing (roll, a second face, no face, off-centre, too small, glare, a hat)
and the test asserts that the rule meant to catch it fails or warns, while the clean portrait
passes every face rule. Geometry (pose, trim, eye openness) is also tested on the mesh itself.
"""

from __future__ import annotations

from functools import cache

import cv2
import numpy as np
import pytest
import simplejpeg
from PIL import Image

import photocheck
from photocheck.report import Report, Status
from photocheck.rules import limit
from photocheck.vision.eyes import eye_openness, lens_box
from photocheck.vision.faces import (
    CHIN,
    FOREHEAD_TOP,
    IRIS_IN_EYES,
    SYMMETRIC_PAIRS,
    HeadSpan,
    analyse,
    crown_from_mask,
    mirror_averaged,
    pose_from_landmarks,
    turn_confirmed,
    yaw_limit,
)
from photocheck.vision.trim import fit_trim, trim_around

skimage_data = pytest.importorskip("skimage.data")

FACE_RULES = ("face.count", "face.pose", "face.position", "face.size", "face.eyes_open",
              "face.glasses_glare", "face.head_covering")


def _upscale(rgb: np.ndarray, factor: float) -> np.ndarray:
    return np.ascontiguousarray(
        cv2.resize(rgb, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC))


@cache
def _astronaut() -> np.ndarray:
    return skimage_data.astronaut()


@cache
def _portrait() -> np.ndarray:
    """Head and shoulders, face centred, 840 x 1085 px (passes the 480 px minimum)."""
    return _upscale(_astronaut()[0:310, 104:344], 3.5)


@cache
def _portrait_mesh() -> np.ndarray:
    analysis = analyse(_portrait().copy())
    assert analysis.landmarks is not None
    return analysis.landmarks


def _check(rgb: np.ndarray, profile: str = "online") -> Report:
    return photocheck.check(simplejpeg.encode_jpeg(np.ascontiguousarray(rgb), 90), profile)


def _status(report: Report, rule_id: str) -> Status:
    check = report.check(rule_id)
    assert check is not None
    return check.status


# ------------------------------------------------------------------ end to end


def test_clean_portrait_passes_every_face_rule() -> None:
    report = _check(_portrait())
    for rule_id in FACE_RULES:
        assert _status(report, rule_id) is Status.PASS, report.check(rule_id)


def test_face_summary_is_in_full_resolution_pixels() -> None:
    portrait = _portrait()
    face = _check(portrait).face
    assert face is not None
    # The astronaut's chin is at y~177 and the top of her hair at y~16 of the 512 px original.
    assert face["chin_y"] == pytest.approx(177 * 3.5, rel=0.05)
    assert face["crown_y"] == pytest.approx(16 * 3.5, abs=15)
    x, y, w, h = face["trim"]
    assert w / h == pytest.approx(35 / 45, rel=0.01)
    assert x >= 0 and x + w <= portrait.shape[1] and y >= 0 and y + h <= portrait.shape[0]
    bx, by, bw, bh = face["box"]
    assert bx < portrait.shape[1] / 2 < bx + bw and face["crown_y"] < by + bh < face["chin_y"] + bh


def test_tilted_head_fails_pose_with_roll_reported() -> None:
    portrait = _portrait()
    h, w = portrait.shape[:2]
    turn = cv2.getRotationMatrix2D((w / 2, h * 0.35), 20, 1.0)
    tilted = cv2.warpAffine(portrait, turn, (w, h), borderMode=cv2.BORDER_REPLICATE)
    check = _check(tilted).check("face.pose")
    assert check is not None and check.status is Status.FAIL
    assert abs(check.value["roll"]) > 15
    assert "tilted" in check.message.en and "傾いて" in check.message.ja


def test_two_faces_fail_count_and_other_face_rules_skip() -> None:
    portrait = _portrait()
    report = _check(np.hstack([portrait, portrait[:, ::-1]]))
    count = report.check("face.count")
    assert count is not None and count.status is Status.FAIL and count.value == 2
    assert "2 faces" in count.message.en
    for rule_id in FACE_RULES[1:]:
        assert _status(report, rule_id) is Status.SKIP


def test_half_face_at_the_edge_counts_as_a_second_face() -> None:
    portrait = _portrait()
    cut = portrait[:, : portrait.shape[1] // 2 + 80]  # a second face cut by the right edge
    report = _check(np.hstack([portrait, cut]))
    assert _status(report, "face.count") is Status.FAIL


@pytest.mark.xfail(strict=True, reason="issue 20, not solved: BlazeFace misses a face with half "
                   "or less of it in the frame, on the grey margin and mirror-completed alike; "
                   "dev3's real edge faces are such slivers (docs/calibration-face.md)")
def test_a_second_face_less_than_half_in_frame_counts() -> None:
    """DERIVED from real pixels: the astronaut twice, the second copy cut by the right edge
    through the middle of its face (45 % of the face's width in frame), as a second person
    cheek to cheek at the edge of a photo. 60 % in frame is found and fails face.count."""
    portrait = _portrait()
    analysis = analyse(portrait.copy())
    x, _, w, _ = analysis.counted[0].box
    cut = portrait[:, : int(x + 0.45 * w)]
    assert _status(_check(np.hstack([portrait, cut])), "face.count") is Status.FAIL


def test_no_face_fails_count() -> None:
    report = _check(_upscale(_astronaut()[260:512, 330:512], 3))  # the suit and the flag
    count = report.check("face.count")
    assert count is not None and count.status is Status.FAIL and count.value == 0
    pose = report.check("face.pose")
    assert pose is not None and pose.status is Status.SKIP and "no face" in pose.message.en
    assert report.face is None


def _pigmented_sclera(rgb: np.ndarray) -> np.ndarray:
    """`rgb` with the whites of both eyes painted the iris's colour, as most animals' eyes
    look (a monkey's or a dog's): the face shape is the same, the eyes are not human."""
    mesh = analyse(rgb.copy()).landmarks
    assert mesh is not None
    out = rgb.copy()
    for ring, centre in (((33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160,
                           161, 246), 468),
                         ((263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386,
                           387, 388, 466), 473)):
        cx, cy = np.round(mesh[centre, :2]).astype(int)
        iris = rgb[cy - 2: cy + 3, cx - 2: cx + 3].reshape(-1, 3).mean(axis=0)
        outline = [np.round(mesh[list(ring), :2]).astype(np.int32)]
        cv2.fillPoly(out, outline, iris.tolist())
        cv2.polylines(out, outline, True, iris.tolist(), 3)  # to the lids, as an animal's
    return out


def test_a_face_with_animal_eyes_is_not_counted() -> None:
    check = _check(_pigmented_sclera(_portrait())).check("face.count")
    assert check is not None and check.status is Status.FAIL and check.value == 0, check
    assert "human" in check.message.en and "人の顔" in check.message.ja
    assert analyse(_portrait().copy()).not_human == ()  # the real eyes count


def test_a_large_face_looking_up_is_found() -> None:
    """A close-up filling the frame, chin raised (perspective: the top narrower): the
    full-range detector alone finds nothing, the short-range one finds the face."""
    from photocheck.vision import models
    from photocheck.vision.faces import _detect_with

    crop = np.ascontiguousarray(_astronaut()[70:180, 170:280])
    w = crop.shape[1]
    src = np.float32([[0, 0], [w, 0], [w, w], [0, w]])
    dst = np.float32([[w * 0.125, 0], [w * 0.875, 0], [w, w], [0, w]])
    warp = cv2.warpPerspective(crop, cv2.getPerspectiveTransform(src, dst), (w, w),
                               borderMode=cv2.BORDER_REPLICATE)
    close_up = np.ascontiguousarray(cv2.resize(warp, (600, 600), interpolation=cv2.INTER_CUBIC))
    assert _detect_with(models.face_detector(), close_up) == ()
    assert _detect_with(models.close_face_detector(), close_up) != ()
    assert _status(_check(close_up), "face.count") is Status.PASS


def test_a_face_without_landmarks_fails_pose(monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile is found by the detector but not meshed: pose fails, never skips."""
    from photocheck.vision import faces as faces_module

    monkeypatch.setattr(faces_module, "mesh_around", lambda *_: None)
    report = _check(_portrait())
    assert _status(report, "face.count") is Status.PASS
    pose = report.check("face.pose")
    assert pose is not None and pose.status is Status.FAIL, pose
    assert "turned" in pose.message.en and "向いて" in pose.message.ja
    assert report.verdict.value == "reject"


def test_face_at_the_edge_fails_position() -> None:
    report = _check(_upscale(_astronaut()[0:330, 170:512], 2.5))
    check = report.check("face.position")
    assert check is not None and check.status is Status.FAIL
    assert check.value["offset_x"] < -limit("face.position.offset_x").value
    assert "left" in check.message.en


def test_small_face_in_a_large_frame_fails_size_only() -> None:
    canvas = np.full((1600, 1200, 3), 205, np.uint8)
    small = _upscale(_portrait(), 0.3)
    top, left = 700, (1200 - small.shape[1]) // 2
    canvas[top: top + small.shape[0], left: left + small.shape[1]] = small
    report = _check(canvas)
    size = report.check("face.size")
    assert size is not None and size.status is Status.FAIL
    assert size.value < limit("face.size.head_fraction").value
    assert _status(report, "face.count") is Status.PASS
    assert _status(report, "face.position") is Status.PASS


def test_head_cut_off_at_the_top_fails_size() -> None:
    report = _check(_upscale(_astronaut()[80:400, 104:344], 3))
    check = report.check("face.size")
    assert check is not None and check.status is Status.FAIL
    assert "cut off" in check.message.en


@cache
def _hopper() -> np.ndarray:
    """Grace Hopper's portrait (US Navy, public domain) from matplotlib's sample data, 512 x
    600 px: real glasses and a real navy cap."""
    cbook = pytest.importorskip("matplotlib.cbook")
    with Image.open(cbook.get_sample_data("grace_hopper.jpg")) as image:
        return np.ascontiguousarray(image.convert("RGB"))


def _with_reflections(rgb: np.ndarray, colour: tuple[int, int, int]) -> np.ndarray:
    """`rgb` with a soft oval reflection on the upper outer part of each lens, not clipped."""
    mesh = analyse(rgb.copy()).landmarks
    assert mesh is not None
    out = rgb.astype(np.float32)
    for side in ("left", "right"):
        x0, y0, x1, y1 = lens_box(mesh, side, rgb.shape)
        layer = np.zeros(rgb.shape[:2], np.float32)
        centre = ((x0 + x1) // 2 + (x1 - x0) // 6, (y0 + y1) // 2 - (y1 - y0) // 5)
        cv2.ellipse(layer, (centre, ((x1 - x0) // 3, (y1 - y0) // 3), 25), 1.0, -1)
        layer = cv2.GaussianBlur(layer, (0, 0), 1.5)[:, :, None] * 0.95
        out = out * (1 - layer) + np.asarray(colour, np.float32) * layer
    return out.astype(np.uint8)


def test_real_glasses_without_reflections_pass_glare() -> None:
    check = _check(_hopper()).check("face.glasses_glare")
    assert check is not None and check.status is Status.PASS, check
    assert check.value["glasses"] >= limit("face.glasses_glare.glasses").value  # glasses seen
    assert check.value["glare"] <= limit("face.glasses_glare.fraction").value


@pytest.mark.parametrize("colour", [(236, 240, 246), (215, 245, 230)], ids=["white", "tinted"])
def test_reflections_on_real_glasses_warn(colour: tuple[int, int, int]) -> None:
    check = _check(_with_reflections(_hopper(), colour)).check("face.glasses_glare")
    assert check is not None and check.status is Status.WARN, check
    assert check.value["glare"] > limit("face.glasses_glare.fraction").value
    assert "%" in check.message.en and "%" in check.message.ja


def test_bright_spots_on_a_face_without_glasses_do_not_warn() -> None:
    shine = _with_reflections(_portrait(), (255, 255, 255))
    check = _check(shine).check("face.glasses_glare")
    assert check is not None and check.status is Status.PASS, check
    assert check.value["glasses"] < limit("face.glasses_glare.glasses").value


def test_eyes_painted_shut_fail_eyes_open() -> None:
    shut = _portrait().copy()
    mesh = _portrait_mesh()
    for outer, inner in ((33, 133), (263, 362)):
        a, b = mesh[outer, :2], mesh[inner, :2]
        centre, width = (a + b) / 2, float(np.linalg.norm(a - b))
        below = shut[int(centre[1] + 0.5 * width): int(centre[1] + 0.8 * width),
                     int(centre[0] - 0.3 * width): int(centre[0] + 0.3 * width)]
        skin = below.reshape(-1, 3).mean(axis=0).tolist()
        cv2.ellipse(shut, (tuple(map(int, centre)), (int(1.2 * width), int(0.55 * width)), 0),
                    skin, -1)
        cv2.line(shut, tuple(map(int, a)), tuple(map(int, b)), (70, 50, 45), 3)  # lid line
    check = _check(shut).check("face.eyes_open")
    assert check is not None and check.status is Status.FAIL, check
    assert "closed" in check.message.en


def test_a_painted_hat_fails_and_nothing_else_does() -> None:
    hat = _portrait().copy()
    mesh = _portrait_mesh()
    top = mesh[FOREHEAD_TOP, :2]
    mesh_h = np.linalg.norm(top - mesh[CHIN, :2])
    temples = np.linalg.norm(mesh[356, :2] - mesh[127, :2])
    centre = (int(top[0]), int(top[1] + 0.08 * mesh_h))
    cv2.ellipse(hat, centre, (int(0.8 * temples), int(0.5 * mesh_h)), 0, 180, 360,
                (30, 40, 90), -1)
    report = _check(hat)
    assert _status(report, "face.head_covering") is Status.FAIL
    assert _status(report, "face.count") is Status.PASS


def _head_top(rgb: np.ndarray) -> tuple[np.ndarray, float, float]:
    """(mesh top, mesh height, temple width) of the portrait's face, px."""
    mesh = analyse(rgb.copy()).landmarks
    assert mesh is not None
    top = mesh[FOREHEAD_TOP, :2]
    return (top, float(np.linalg.norm(top - mesh[CHIN, :2])),
            float(np.linalg.norm(mesh[356, :2] - mesh[127, :2])))


def test_a_red_hat_fails_by_its_colour() -> None:
    """A soft red knitted hat: no straight brim, textured, not wider than the skull."""
    hat = _portrait().copy()
    top, mesh_h, temples = _head_top(hat)
    centre = (int(top[0]), int(top[1] + 0.02 * mesh_h))
    cv2.ellipse(hat, centre, (int(0.6 * temples), int(0.42 * mesh_h)), 0, 180, 360,
                (190, 25, 35), -1)
    noise = np.random.default_rng(5).normal(0, 18, hat.shape[:2])[:, :, None]
    knitted = np.clip(hat.astype(np.float32) + noise, 0, 255).astype(np.uint8)
    hat = np.where((hat == (190, 25, 35)).all(axis=2)[:, :, None], knitted, hat)
    check = _check(hat).check("face.head_covering")
    assert check is not None and check.status is Status.FAIL, check
    assert check.value["unlike_hair"] > limit("face.head_covering.unlike_hair").value


@pytest.mark.xfail(strict=True, reason="known gap: painted flowers along the hairline cover "
                   "0.27 of the head top (colour limit 0.3) and score 0.28 on shape (limit 0.35, "
                   "kept above the bare heads' 0.29); the real flower crown on dev3 is missed too")
def test_a_flower_crown_fails() -> None:
    crown = _portrait().copy()
    top, mesh_h, temples = _head_top(crown)
    colours = [(230, 60, 120), (250, 200, 40), (120, 60, 200), (240, 240, 240), (60, 160, 60)]
    for i, x in enumerate(np.linspace(-0.5, 0.5, 11)):
        centre = (int(top[0] + x * temples), int(top[1] - 0.12 * mesh_h + 0.1 * mesh_h * x * x))
        cv2.circle(crown, centre, int(0.07 * mesh_h), colours[i % len(colours)], -1)
    check = _check(crown).check("face.head_covering")
    assert check is not None and check.status is Status.FAIL, check


def test_face_paint_does_not_warn() -> None:
    """Vivid paint on the forehead and cheeks is not a head covering."""
    painted = _portrait().copy()
    mesh = _portrait_mesh()
    top, mesh_h = mesh[FOREHEAD_TOP, :2], float(np.linalg.norm(mesh[FOREHEAD_TOP, :2]
                                                                 - mesh[CHIN, :2]))
    for index, colour in ((50, (30, 90, 220)), (280, (220, 30, 40))):  # the cheeks
        x, y = mesh[index, :2].astype(int)
        cv2.ellipse(painted, (int(x), int(y)), (int(0.08 * mesh_h), int(0.04 * mesh_h)), 20, 0,
                    360, colour, -1)
    cv2.ellipse(painted, (int(top[0]), int(top[1] + 0.12 * mesh_h)),
                (int(0.05 * mesh_h), int(0.03 * mesh_h)), 0, 0, 360, (30, 150, 60), -1)
    check = _check(painted).check("face.head_covering")
    assert check is not None and check.status is Status.PASS, check


@pytest.mark.xfail(strict=True, reason="known gap: a dark navy cap with a straight band is "
                   "too grey for the colour measure and scores 0.22 on shape (limit 0.35)")
def test_the_real_navy_cap_fails() -> None:
    assert _status(_check(_hopper()), "face.head_covering") is Status.FAIL


def test_print_framing_passes_on_the_trim_and_fails_on_the_loose_portrait() -> None:
    portrait = _portrait()
    face = _check(portrait).face
    assert face is not None
    x, y, w, h = face["trim"]
    trimmed = _check(portrait[y: y + h, x: x + w], "print").check("print.framing")
    assert trimmed is not None and trimmed.status is Status.PASS, trimmed
    assert trimmed.value["head_mm"] == pytest.approx(34, abs=1)
    loose = _check(portrait, "print").check("print.framing")
    assert loose is not None and loose.status is Status.FAIL
    assert loose.value["head_mm"] < 32 and "mm" in loose.message.ja


# ------------------------------------------------------------------ geometry


def _turned(landmarks: np.ndarray, axis: str, degrees: float) -> np.ndarray:
    """The mesh rotated rigidly about its centroid: yaw about the vertical, pitch about the
    horizontal axis, with the signs `Pose` documents (positive = subject's left / chin up)."""
    t = np.radians(degrees)
    c, s = np.cos(t), np.sin(t)
    if axis == "yaw":  # the subject's left (image right, +x) moves away (+z)
        rot = np.array([[c, 0, -s], [0, 1, 0], [s, 0, c]])
    else:  # chin up: the forehead (-y) moves away (+z)
        rot = np.array([[1, 0, 0], [0, c, s], [0, -s, c]])
    centre = landmarks.mean(axis=0)
    return (landmarks - centre) @ rot.T + centre


@pytest.mark.parametrize(("axis", "degrees"), [("yaw", 20), ("yaw", -15), ("pitch", 15),
                                               ("pitch", -20)])
def test_pose_follows_a_3d_rotation_of_the_mesh(axis: str, degrees: float) -> None:
    mesh = _portrait_mesh()
    before = pose_from_landmarks(mesh)
    after = pose_from_landmarks(_turned(mesh, axis, degrees))
    assert getattr(after, axis) - getattr(before, axis) == pytest.approx(degrees, abs=1.5)
    other = "pitch" if axis == "yaw" else "yaw"
    assert getattr(after, other) == pytest.approx(getattr(before, other), abs=3)


def _eyes_turned(landmarks: np.ndarray, fraction: float) -> np.ndarray:
    """The mesh with both irises (centre and rim, 5 points each) moved along the picture's x
    by `fraction` of each eye's width: the eyes turned in their sockets, the head kept still."""
    moved = landmarks.copy()
    for centre, left, right in IRIS_IN_EYES:
        width = landmarks[right, 0] - landmarks[left, 0]
        moved[centre: centre + 5, 0] += fraction * width
    return moved


def _mirrored(landmarks: np.ndarray) -> np.ndarray:
    """The mesh as measured on the mirror image, for the points the pose reads: x flipped and
    each left point swapped with its right twin (eye corners, cheeks, mouth, brows, irises)."""
    mirrored = landmarks * (-1, 1, 1)
    (right_iris, _, _), (left_iris, _, _) = IRIS_IN_EYES
    for right, left in (*SYMMETRIC_PAIRS, (right_iris, left_iris)):
        mirrored[[right, left]] = mirrored[[left, right]]
    return mirrored


def test_eyes_turned_against_the_head_confirm_the_turn() -> None:
    """A head turned 13 deg whose eyes turn back toward the lens (as an applicant's do) gets
    the lower confirmed-turn limit and fails it; the same head with its eyes fixed in it (the
    rigidly turned mesh: they look where the head points) keeps the mesh-only limit and
    passes it."""
    head = _turned(_portrait_mesh(), "yaw", -12)
    along = pose_from_landmarks(head)
    back = pose_from_landmarks(_eyes_turned(head, 0.1))  # irises toward image right
    assert along.yaw == pytest.approx(back.yaw) and along.yaw < -limit(
        "face.pose.yaw_confirmed_deg").value
    assert along.eyes_yaw > 0  # the irises, in front of the eye corners, move with the turn
    assert back.eyes_yaw < -limit("face.pose.eyes_turn_deg").value
    assert turn_confirmed(back) and abs(back.yaw) > yaw_limit(back)
    assert yaw_limit(back) == limit("face.pose.yaw_confirmed_deg").value
    assert not turn_confirmed(along)
    assert yaw_limit(along) == limit("face.pose.yaw_deg").value > abs(along.yaw)


def test_a_frontal_head_with_eyes_aside_is_not_turned() -> None:
    """Eyes looking aside in a frontal head: the iris cue alone never fails a photo."""
    pose = pose_from_landmarks(_eyes_turned(_portrait_mesh(), 0.1))
    assert abs(pose.eyes_yaw) > limit("face.pose.eyes_turn_deg").value
    assert not turn_confirmed(pose) and yaw_limit(pose) == limit("face.pose.yaw_deg").value


def test_the_iris_cue_changes_sign_in_a_mirror() -> None:
    mesh = _eyes_turned(_turned(_portrait_mesh(), "yaw", -12), 0.1)
    pose, mirrored = pose_from_landmarks(mesh), pose_from_landmarks(_mirrored(mesh))
    assert mirrored.eyes_yaw == pytest.approx(-pose.eyes_yaw, abs=1.5)
    assert mirrored.yaw == pytest.approx(-pose.yaw, abs=1.5)
    averaged = mirror_averaged(pose, mirrored)
    assert turn_confirmed(averaged) and turn_confirmed(mirror_averaged(mirrored, pose))


def test_clean_portrait_pose_is_near_frontal() -> None:
    pose = pose_from_landmarks(_portrait_mesh())
    assert abs(pose.yaw) < 5 and abs(pose.roll) < 5
    assert abs(pose.pitch) < limit("face.pose.pitch_deg").value / 2  # well inside frontal


def test_closed_eyelids_measure_closed() -> None:
    mesh = _portrait_mesh().copy()
    opened = eye_openness(mesh)
    assert min(opened.ratio.values()) > limit("face.eyes_open.ratio").value
    assert min(opened.iris_shown.values()) > limit("face.eyes_open.iris_shown").value
    for upper, lower in ((159, 145), (158, 153), (160, 144), (386, 374), (385, 380), (387, 373)):
        mesh[upper] = mesh[lower] + (0, -1, 0)  # the upper lid down onto the lower one
    closed = eye_openness(mesh)
    assert max(closed.ratio.values()) < limit("face.eyes_open.ratio").value
    assert max(closed.iris_shown.values()) < limit("face.eyes_open.iris_shown").value


def test_nominal_trim_has_passport_proportions() -> None:
    head = HeadSpan(crown=(500.0, 200.0), chin=(500.0, 540.0), centre_x=500.0)
    trim = trim_around(head, 34.0, 4.0)
    assert trim.h == pytest.approx(340 * 45 / 34)
    assert trim.w == pytest.approx(trim.h * 35 / 45)
    assert trim.y == pytest.approx(200 - trim.h * 4 / 45)
    assert trim.x + trim.w / 2 == pytest.approx(500)
    assert fit_trim(head, 1000, 1000) == trim


def test_trim_uses_the_tolerance_near_an_edge_and_gives_up_beyond_it() -> None:
    head = HeadSpan(crown=(500.0, 30.0), chin=(500.0, 370.0), centre_x=500.0)
    # 4 mm above the crown would need 40 px; 30 px is 3 mm or so, within 2-6 mm.
    trim = fit_trim(head, 1000, 1000)
    assert trim is not None and trim.y >= -0.5
    assert fit_trim(HeadSpan((500.0, 5.0), (500.0, 345.0), 500.0), 1000, 1000) is None
    assert fit_trim(head, 300, 1000) is None  # too narrow for 35:45 around this head


def test_tight_close_up_leaves_no_room_for_the_trim() -> None:
    report = _check(_upscale(_astronaut()[10:190, 160:290], 4))
    check = report.check("face.size")
    assert check is not None and check.status is Status.FAIL
    assert "no room" in check.message.en, check.message.en


def test_face_block_is_upright_for_a_photo_stored_sideways() -> None:
    from io import BytesIO

    from PIL import Image

    portrait = _portrait()
    stored = np.ascontiguousarray(np.rot90(portrait, k=1))  # camera held sideways
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 deg clockwise to view
    buffer = BytesIO()
    Image.fromarray(stored).save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    sideways = photocheck.check(buffer.getvalue()).face
    upright = _check(portrait).face
    assert sideways is not None and upright is not None
    for key in ("crown_y", "chin_y", "centre_x"):
        assert sideways[key] == pytest.approx(upright[key], abs=12), key


def test_crown_is_where_the_person_mask_ends_above_the_face() -> None:
    mesh = _portrait_mesh()
    top_y = int(mesh[FOREHEAD_TOP, 1])
    mask = np.zeros(_portrait().shape[:2], bool)
    mask[top_y - 90:, :] = True  # the person starts 90 px above the mesh top
    crown = crown_from_mask(mask, mesh)
    assert crown is not None and crown[0] == pytest.approx(top_y - 90, abs=1) and not crown[1]
    mask[:, :] = True  # the person reaches the top edge: the crown is cut off
    crown = crown_from_mask(mask, mesh)
    assert crown is not None and crown[1]
    mask[: top_y - 5, :] = False  # a "crown" right at the mesh top is not plausible
    assert crown_from_mask(mask, mesh) is None


def _sclera_reference(rgb: np.ndarray, mesh: np.ndarray) -> float | None:
    """`sclera_contrast` recomputed point set by point set with numpy's percentile."""
    from photocheck.vision import eyes

    luma = eyes._eye_window(rgb, mesh)

    def sample(points: np.ndarray | None, q: float) -> float | None:
        if points is None:
            return None
        xy = points.reshape(-1, 2)
        inside = ((xy[:, 0] >= 0) & (xy[:, 0] < luma.width - 1)
                  & (xy[:, 1] >= 0) & (xy[:, 1] < luma.height - 1))
        return float(np.percentile(eyes._bilinear(luma, xy[inside]), q)) if inside.any() else None

    contrasts = []
    for side, (outer, inner, _, _) in eyes._EYES.items():
        _, centre, (a, b) = eyes._EYE_RING[side]
        iris_c = mesh[centre, :2]
        radius = float(np.linalg.norm(mesh[a, :2] - mesh[b, :2])) / 2
        iris = sample(iris_c + radius * 0.6 * eyes._DISC, 25)
        whites = [sample(eyes._sclera_line(iris_c, mesh[c, :2], radius), 50)
                  for c in (outer, inner)]
        found = [w for w in whites if w is not None]
        if radius >= eyes.MIN_IRIS_RADIUS and iris is not None and found:
            contrasts.append(max(0.0, max(found) - iris) / max(max(found), 1.0))
    return max(contrasts) if contrasts else None


def test_sclera_contrast_samples_both_eyes_at_once_as_one_by_one() -> None:
    """Both eyes' irises and whites are interpolated in one pass: the same contrast as set by
    set, on human eyes (over the limit) and on painted animal eyes (under it)."""
    from photocheck.vision.eyes import sclera_contrast

    floor = limit("face.count.min_sclera_contrast").value
    mesh = analyse(_portrait().copy()).landmarks  # the painted face keeps the face's shape
    assert mesh is not None
    for rgb, human in ((_portrait(), True), (_pigmented_sclera(_portrait()), False)):
        contrast = sclera_contrast(rgb, mesh)
        assert contrast is not None and (contrast >= floor) is human
        assert contrast == _sclera_reference(rgb, mesh)


def test_the_crown_rows_of_the_person_mask_are_the_whole_enlargements() -> None:
    """Only the top rows of the enlarged person mask are made (what the crown reads): they are
    the whole enlargement's rows to the bit, at the booth's, the phone's and an awkward scale;
    the head span found from them is the one the whole mask gives."""
    from photocheck.vision.faces import head_span, mask_rows_read, person_mask_at, top_rows_enlarged
    from photocheck.vision.person import analyse_person

    rgb = _portrait()
    found = analyse_person(rgb)
    grid = found.person
    for width, height in ((450, 600), (378, 504), (rgb.shape[1], rgb.shape[0]), (397, 611)):
        whole = cv2.resize(grid, (width, height), interpolation=cv2.INTER_LINEAR)
        for rows in (1, 37, height // 3, height - 1, height):
            np.testing.assert_array_equal(top_rows_enlarged(grid, width, height, rows),
                                          whole[:rows])
    mesh = analyse(rgb.copy()).landmarks
    assert mesh is not None
    height, width = rgb.shape[:2]
    rows = mask_rows_read(mesh, height)
    assert 1 <= rows < height
    partial = person_mask_at(found, width, height, rows)
    assert head_span(mesh, partial) == head_span(mesh, person_mask_at(found, width, height))
