"""Each file-level rule passes and fails for the right files, judged without decoding pixels."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta

import numpy as np
import pytest
from PIL import Image

import photocheck
from photocheck import context as context_module
from photocheck.report import Report, Status, Verdict
from tests.conftest import FIXED_NOW, encode, exif_with
from tests.test_probe import with_dimensions


def run(data: bytes, profile: str = "online") -> Report:
    return photocheck.check(data, profile, now=FIXED_NOW)


def status(report: Report, rule_id: str) -> Status:
    check = report.check(rule_id)
    assert check is not None, f"{rule_id} missing from the report"
    return check.status


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Counts pixel decodes, so a test can prove a file was judged on its header alone."""
    calls: list[int] = []
    real = context_module.decode_working

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context_module, "decode_working", counting)
    yield calls


def test_clean_jpeg_passes_every_file_rule(rgb_jpeg: bytes, decodes: list[int]) -> None:
    report = run(rgb_jpeg)
    for rule_id in ("file.format", "file.color_mode", "file.size", "image.dimensions",
                    "file.integrity", "photo.edited", "image.orientation"):
        assert status(report, rule_id) is Status.PASS, rule_id
    assert status(report, "photo.age") is Status.SKIP  # no capture date in this file
    assert decodes == [1]  # decoded exactly once, by file.integrity


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "TIFF", "GIF", "BMP"])
def test_other_formats_named_jpg_fail_format_and_offer_the_fix(
    astronaut: np.ndarray, fmt: str, decodes: list[int]
) -> None:
    report = run(encode(Image.fromarray(astronaut), fmt))
    check = report.check("file.format")
    assert check is not None and check.status is Status.FAIL
    assert check.value in ("PNG", "WebP", "TIFF", "GIF", "BMP")
    assert check.value in check.message.en and check.fix is not None
    assert report.verdict is Verdict.REJECT and decodes == []
    assert all(c.status is Status.SKIP for c in report.checks if c.id.startswith("face."))


@pytest.mark.parametrize(
    ("payload", "value"),
    [(b"", "empty"), (b"name,number\nTaro,1\n", "text"), (b"%PDF-1.7\n...", "PDF")],
)
def test_non_images_fail_format_without_a_fix(payload: bytes, value: str) -> None:
    check = run(payload).check("file.format")
    assert check is not None and check.status is Status.FAIL
    assert check.value == value and check.fix is None


@pytest.mark.parametrize("mode", ["CMYK", "L"])
def test_cmyk_and_grey_fail_color_mode_without_decoding(
    make_jpeg: Callable[..., bytes], mode: str, decodes: list[int]
) -> None:
    report = run(make_jpeg(mode=mode))
    check = report.check("file.color_mode")
    assert check is not None and check.status is Status.FAIL and check.fix is not None
    assert status(report, "file.integrity") is Status.SKIP
    assert decodes == []


def test_too_small_file_fails_size_without_decoding(
    make_jpeg: Callable[..., bytes], decodes: list[int]
) -> None:
    tiny = make_jpeg((480, 480), quality=5)
    assert len(tiny) < 20_480
    check = run(tiny).check("file.size")
    assert check is not None and check.status is Status.FAIL
    assert check.value == len(tiny) and check.limit == [20_480, 7_000_000]
    assert decodes == []


def test_size_limits_are_the_strict_reading(rgb_jpeg: bytes) -> None:
    assert status(run(pad_to(rgb_jpeg, 7_000_000)), "file.size") is Status.PASS
    assert status(run(pad_to(rgb_jpeg, 7_000_001)), "file.size") is Status.FAIL


def pad_to(jpeg: bytes, size: int) -> bytes:
    """The same JPEG grown to exactly `size` bytes with comment segments after SOI."""
    need = size - len(jpeg)
    segments = []
    while need > 0:
        body = min(need - 4, 65_533)
        if need - (body + 4) in (1, 2, 3):  # never leave a remainder too small for a segment
            body -= 4
        segments.append(b"\xff\xfe" + (body + 2).to_bytes(2, "big") + b"\x00" * body)
        need -= body + 4
    return jpeg[:2] + b"".join(segments) + jpeg[2:]


@pytest.mark.parametrize(("size", "expected"), [
    ((480, 480), Status.PASS), ((479, 600), Status.FAIL), ((600, 6001), Status.FAIL),
])
def test_dimensions(make_jpeg: Callable[..., bytes], size: tuple[int, int],
                    expected: Status) -> None:
    check = run(make_jpeg(size, quality=95)).check("image.dimensions")
    assert check is not None and check.status is expected and check.value == list(size)


def test_decompression_bomb_header_is_refused_without_decoding(
    rgb_jpeg: bytes, decodes: list[int]
) -> None:
    report = run(with_dimensions(rgb_jpeg, 65000, 65000))
    assert status(report, "image.dimensions") is Status.FAIL
    assert status(report, "file.integrity") is Status.SKIP
    assert decodes == []


def test_truncated_jpeg_fails_integrity(rgb_jpeg: bytes) -> None:
    report = run(rgb_jpeg[: len(rgb_jpeg) * 2 // 3])
    check = report.check("file.integrity")
    assert check is not None and check.status is Status.FAIL
    assert "cut off" in check.message.en
    assert report.verdict is Verdict.REJECT


def test_corrupt_scan_data_fails_integrity_instead_of_decoding_grey(rgb_jpeg: bytes) -> None:
    damaged = bytearray(rgb_jpeg)
    middle = len(damaged) // 2
    damaged[middle : middle + 400] = b"\x17" * 400
    check = run(bytes(damaged)).check("file.integrity")
    assert check is not None and check.status is Status.FAIL


def test_broken_header_fails_integrity(rgb_jpeg: bytes) -> None:
    check = run(rgb_jpeg[:30]).check("file.integrity")
    assert check is not None and check.status is Status.FAIL
    assert "header" in check.message.en


@pytest.mark.parametrize(("days_ago", "expected"), [
    (10, Status.PASS), (183, Status.PASS), (200, Status.FAIL), (-30, Status.WARN),
])
def test_photo_age(make_jpeg: Callable[..., bytes], days_ago: int, expected: Status) -> None:
    jpeg = make_jpeg(exif=exif_with(captured=FIXED_NOW - timedelta(days=days_ago)))
    check = run(jpeg).check("photo.age")
    assert check is not None and check.status is expected and check.value == days_ago


@pytest.mark.parametrize(("software", "expected"), [
    ("Adobe Photoshop 25.0 (Windows)", Status.WARN), ("Snapseed 2.0", Status.WARN),
    ("iOS 17.1", Status.PASS), ("Ver.1.00", Status.PASS), ("HDR+ 1.0.540104767z", Status.PASS),
])
def test_photo_edited(make_jpeg: Callable[..., bytes], software: str, expected: Status) -> None:
    check = run(make_jpeg(exif=exif_with(software=software))).check("photo.edited")
    assert check is not None and check.status is expected


def test_exif_rotation_warns_and_offers_the_fix(make_jpeg: Callable[..., bytes]) -> None:
    check = run(make_jpeg(exif=exif_with(orientation=6))).check("image.orientation")
    assert check is not None and check.status is Status.WARN and check.fix is not None
    assert check.value == 6


def test_print_profile_adds_aspect_and_resolution(make_jpeg: Callable[..., bytes]) -> None:
    good = run(make_jpeg((413, 531), quality=95), "print")
    assert status(good, "print.aspect") is Status.PASS
    assert status(good, "print.resolution") is Status.PASS
    square = run(make_jpeg((400, 400), quality=95), "print")
    assert status(square, "print.aspect") is Status.FAIL
    assert status(square, "print.resolution") is Status.FAIL


def test_print_rules_use_the_upright_size(make_jpeg: Callable[..., bytes]) -> None:
    sideways = make_jpeg((531, 413), quality=95, exif=exif_with(orientation=6))
    assert status(run(sideways, "print"), "print.aspect") is Status.PASS


def test_online_profile_has_no_print_rules(rgb_jpeg: bytes) -> None:
    assert run(rgb_jpeg).check("print.aspect") is None


def test_unknown_profile_is_a_value_error(rgb_jpeg: bytes) -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        photocheck.check(rgb_jpeg, "passport")
