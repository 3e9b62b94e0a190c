from __future__ import annotations

import io
import sys
import types
from pathlib import Path

import pytest
from PIL import Image

from forms.photo import capture_date, check_photo, crop_box, open_upright, prepare_photo
from photocheck.report import Text


def test_crop_is_35_45_and_holds_the_face() -> None:
    face = (300.0, 100.0, 200.0, 240.0)
    left, top, right, bottom = crop_box(1200, 800, face)
    assert (right - left) / (bottom - top) == pytest.approx(35 / 45, abs=0.005)
    assert left <= face[0] and right >= face[0] + face[2]
    assert top <= face[1] and bottom >= face[1] + face[3]
    assert left >= 0 and right <= 1200 and top >= 0 and bottom <= 800


def test_crop_clamps_at_the_edge_and_centres_without_face() -> None:
    assert crop_box(1000, 450, (0.0, 0.0, 50.0, 60.0))[0] == 0
    left, _, right, _ = crop_box(1000, 450, None)
    assert left + right == pytest.approx(1000, abs=1)
    assert crop_box(350, 450, None) == (0, 0, 350, 450)


def test_exif_orientation_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (600, 300), "white")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    upright = open_upright(buffer.getvalue())
    assert upright.size == (300, 600)
    prepared = Image.open(io.BytesIO(prepare_photo(buffer.getvalue(), None)))
    assert prepared.width / prepared.height == pytest.approx(35 / 45, abs=0.01)
    assert not prepared.getexif()  # nothing from the camera leaks into the PDF


def test_capture_date_absent_or_garbled() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "JPEG")
    assert capture_date(buffer.getvalue()) is None
    assert capture_date(b"not an image") is None


def test_check_photo_adapts_the_library_report(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, str]] = []

    def fake_check(source: bytes, profile: str = "online") -> object:
        calls.append((source, profile))
        check = types.SimpleNamespace(id="print.framing", status="fail",
                                      message={"en": "head too small", "ja": "小さい"})
        ok = types.SimpleNamespace(id="file.format", status="pass", message={"en": "JPEG"})
        return types.SimpleNamespace(verdict="reject", checks=[check, ok],
                                     face={"box": [10, 20, 30, 40]})

    monkeypatch.setitem(sys.modules, "photocheck", types.SimpleNamespace(check=fake_check))
    result = check_photo(b"jpeg")
    assert calls == [(b"jpeg", "print")]
    assert result.verdict == "reject" and not result.accepted
    assert result.failures == (Text("print.framing: head too small", "print.framing: 小さい"),)
    assert result.face_box == (10.0, 20.0, 30.0, 40.0)


def test_check_photo_without_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "photocheck", None)  # import raises ImportError
    result = check_photo(b"jpeg")
    assert result.verdict == "unchecked" and not result.accepted


def test_online_upload_size_rule_does_not_judge_paper(monkeypatch: pytest.MonkeyPatch) -> None:
    """Defect: the fixer's 475 px crop (345 dpi on paper) was rejected by image.dimensions."""
    def fake_check(source: bytes, profile: str = "online") -> object:
        dims = types.SimpleNamespace(id="image.dimensions", status="fail", value=[475, 611],
                                     message={"en": "475 px is under 480", "ja": "480未満"})
        framing = types.SimpleNamespace(id="print.framing", status="pass",
                                        value={"head_mm": 34.2, "crown_margin_mm": 4.0},
                                        message={"en": "ok", "ja": "ok"})
        return types.SimpleNamespace(verdict="reject", checks=[dims, framing], face=None)

    monkeypatch.setitem(sys.modules, "photocheck", types.SimpleNamespace(check=fake_check))
    result = check_photo(b"jpeg")
    assert result.accepted and result.failures == () and result.head_mm == 34.2


def test_other_failures_still_reject(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_check(source: bytes, profile: str = "online") -> object:
        checks = [types.SimpleNamespace(id=rule, status="fail", value=None,
                                        message={"en": rule, "ja": rule})
                  for rule in ("image.dimensions", "print.resolution")]
        return types.SimpleNamespace(verdict="reject", checks=checks, face=None)

    monkeypatch.setitem(sys.modules, "photocheck", types.SimpleNamespace(check=fake_check))
    result = check_photo(b"jpeg")
    assert result.verdict == "reject"
    assert [f.en for f in result.failures] == ["print.resolution: print.resolution"]
