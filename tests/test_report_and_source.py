"""Inputs that cannot be examined, the report's JSON shape, and the working-image decode."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

import photocheck
from photocheck.decode import WORKING_LONG_SIDE, apply_orientation, decode_working
from photocheck.jpeg_header import read_header
from photocheck.report import Status, Verdict
from photocheck.rules import LIMITS, PROFILES, RULES
from tests.conftest import FIXED_NOW

SPEC_IDS = {
    "file.format", "file.color_mode", "file.size", "image.dimensions", "file.integrity",
    "face.count", "face.pose", "face.position", "face.size", "background.plain",
    "background.shadow", "image.exposure", "image.sharpness", "face.eyes_open",
    "face.glasses_glare", "face.head_covering", "photo.age", "photo.edited",
    "image.orientation", "print.aspect", "print.framing", "print.resolution",
    "face.occlusion", "face.shadow", "face.red_eye", "face.expression",
}


def test_every_spec_rule_id_exists_and_profiles_use_known_ids() -> None:
    assert set(RULES) >= SPEC_IDS
    assert set(PROFILES) == {"online", "print"}
    assert set(PROFILES["print"]) - set(PROFILES["online"]) == {
        "print.aspect", "print.framing", "print.resolution"}
    for profile in PROFILES.values():
        assert set(profile) <= set(RULES)


def test_every_limit_has_a_reason_and_a_source() -> None:
    for name, lim in LIMITS.items():
        assert lim.reason.strip() and lim.source.strip(), name


def test_report_json_has_the_contract_fields(rgb_jpeg: bytes) -> None:
    payload = json.loads(json.dumps(photocheck.check(rgb_jpeg, now=FIXED_NOW).to_dict()))
    assert set(payload) >= {"file", "profile", "verdict", "checks", "face", "elapsed_ms",
                            "version"}
    assert payload["profile"] == "online" and payload["version"] == photocheck.__version__
    assert [c["id"] for c in payload["checks"]] == list(PROFILES["online"])
    for check in payload["checks"]:
        assert set(check) == {"id", "status", "value", "limit", "message", "fix"}
        assert check["status"] in {"pass", "fail", "warn", "skip"}
        assert check["message"]["en"] and check["message"]["ja"]
        assert check["fix"] is None or set(check["fix"]) == {"en", "ja"}
    size = next(c for c in payload["checks"] if c["id"] == "file.size")
    assert size["value"] == len(rgb_jpeg) and size["limit"] == [20480, 7000000]


def test_unimplemented_rules_are_never_reported_as_pass(rgb_jpeg: bytes) -> None:
    from photocheck.checks import judge_for

    report = photocheck.check(rgb_jpeg, "print", now=FIXED_NOW)
    for check in report.checks:
        if judge_for(check.id) is None:
            assert check.status is Status.SKIP and check.message.en


def test_bytes_bytearray_memoryview_and_paths_agree(rgb_jpeg: bytes, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    path.write_bytes(rgb_jpeg)
    reports = [photocheck.check(s, now=FIXED_NOW) for s in
               (rgb_jpeg, bytearray(rgb_jpeg), memoryview(rgb_jpeg), path, str(path))]
    statuses = {tuple(c.status for c in r.checks) for r in reports}
    assert len(statuses) == 1
    assert reports[3].file == str(path) and reports[0].file is None
    assert photocheck.check(rgb_jpeg, name="upload.jpg").file == "upload.jpg"


@pytest.mark.parametrize("bad", [42, None, 3.5, ["photo.jpg"]])
def test_wrong_types_raise_a_clear_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="path or the file's bytes"):
        photocheck.check(bad)  # type: ignore[arg-type]


def test_missing_directory_and_fifo_are_error_reports(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)  # reading it would block forever: it must be refused from its stat
    for path, reason in ((tmp_path / "nope.jpg", "missing"), (tmp_path, "directory"),
                         (fifo, "not_a_file")):
        report = photocheck.check(path)
        assert report.verdict is Verdict.ERROR
        assert [c.id for c in report.checks] == ["file.readable"]
        assert report.checks[0].value == reason and report.checks[0].message.ja


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_an_error_report(rgb_jpeg: bytes, tmp_path: Path) -> None:
    path = tmp_path / "secret.jpg"
    path.write_bytes(rgb_jpeg)
    path.chmod(0)
    assert photocheck.check(path).verdict is Verdict.ERROR


def test_huge_file_is_read_only_as_far_as_its_header(
    rgb_jpeg: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from photocheck import source
    from tests.test_file_rules import pad_to

    reads: list[int] = []
    real = source._read_path

    def counting(*args: object) -> source.Source:
        loaded = real(*args)  # type: ignore[arg-type]
        reads.append(len(loaded.data))
        return loaded

    monkeypatch.setattr(source, "_read_path", counting)
    path = tmp_path / "big.jpg"
    path.write_bytes(pad_to(rgb_jpeg, 9_000_000))
    report = photocheck.check(path)
    assert report.check("file.format").status is Status.PASS  # type: ignore[union-attr]
    assert report.check("file.size").value == 9_000_000  # type: ignore[union-attr]
    assert reads == [source.HEAD_BYTES]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_matches_pillows_exif_transpose(
    astronaut: np.ndarray, orientation: int
) -> None:
    image = Image.fromarray(astronaut[:40, :60])
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.info["exif"] = exif.tobytes()
    image.getexif()[0x0112] = orientation
    expected = np.asarray(ImageOps.exif_transpose(image))
    assert np.array_equal(apply_orientation(np.asarray(image), orientation), expected)


def test_working_image_is_dct_scaled_and_upright(make_jpeg: Callable[..., bytes]) -> None:
    jpeg = make_jpeg((4000, 3000), quality=80)
    working = decode_working(jpeg, read_header(jpeg), orientation=6)
    assert (working.full_width, working.full_height) == (3000, 4000)
    assert (working.width, working.height) == (378, WORKING_LONG_SIDE)  # 1/8 (500 px), enlarged
    assert working.pixels.flags["C_CONTIGUOUS"] and working.pixels.dtype == np.uint8
    assert working.scale == pytest.approx(WORKING_LONG_SIDE / 4000)


@pytest.mark.parametrize("size", [(1200, 1600), (3024, 4032), (1000, 1333), (1333, 1000),
                                  (4624, 3472), (497, 371)])
def test_every_photo_works_at_one_long_side(make_jpeg: Callable[..., bytes],
                                            size: tuple[int, int]) -> None:
    """A booth photo (3/8 scale: 600 px), a phone photo (1/8: 504 px) and odd sizes (whose DCT
    scales land at 500-999 px) all give the same working long side, the aspect kept, and
    `scale` maps the working pixels back onto the full image."""
    jpeg = make_jpeg(size, quality=85)
    working = decode_working(jpeg, read_header(jpeg), orientation=None)
    width, height = size
    assert max(working.width, working.height) == WORKING_LONG_SIDE
    assert working.scale == pytest.approx(WORKING_LONG_SIDE / max(size))
    assert working.width == round(width * working.scale)
    assert working.height == round(height * working.scale)
    assert working.pixels.flags["C_CONTIGUOUS"]


def test_a_photo_under_the_working_size_is_not_enlarged(make_jpeg: Callable[..., bytes]) -> None:
    """A thumbnail keeps its own pixels: enlarging it would add no detail."""
    jpeg = make_jpeg((360, 480), quality=85)
    working = decode_working(jpeg, read_header(jpeg), orientation=None)
    assert (working.width, working.height, working.scale) == (360, 480, 1.0)
