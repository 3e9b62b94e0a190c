"""face.head_covering fails unless declared; a declared religious or medical covering passes
with the agency's note when the whole face shows, on every front door (library, check, batch,
fix, form fill, web API).

The hijab is DERIVED (tests/support/derived_hijab.py): the astronaut with real cloth from her own
flight suit over her hair, head sides and neck. No dev photo shows a real hijab.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np
import pytest
import simplejpeg

import photocheck
from photocheck.batch.engine import run_batch
from photocheck.cli import main
from photocheck.fix import fix_photo
from photocheck.report import Status

pytest.importorskip("skimage.data")

from tests.support.derived_hijab import portrait, with_hijab

NOTE = "0120-95-0178"


def _jpeg(rgb: np.ndarray) -> bytes:
    return simplejpeg.encode_jpeg(np.ascontiguousarray(rgb), 90)


@cache
def hijab_jpeg() -> bytes:
    return _jpeg(with_hijab())


@cache
def pulled_over_jpeg() -> bytes:
    """The same cloth pulled over the forehead and the cheeks."""
    return _jpeg(with_hijab(face_shown=0.6))


def _covering(data: bytes, covering: str | None = None) -> photocheck.Check:
    check = photocheck.check(data, covering=covering).check("face.head_covering")
    assert check is not None
    return check


def test_an_undeclared_hijab_fails_and_says_how_to_declare_it() -> None:
    check = _covering(hijab_jpeg())
    assert check.status is Status.FAIL, check
    assert "--covering religious" in check.message.en
    assert NOTE not in check.message.en


@pytest.mark.parametrize("covering", ["religious", "medical"])
def test_a_declared_covering_that_shows_the_face_passes_with_the_agency_note(
        covering: str) -> None:
    report = photocheck.check(hijab_jpeg(), covering=covering, lang="vi")
    check = report.check("face.head_covering")
    assert check is not None and check.status is Status.PASS, check
    for lang in ("en", "ja", "vi"):
        assert NOTE in check.message.get(lang)
    assert "name column" in check.message.en and covering in check.message.en
    assert check.message.ja != check.message.en and check.message.get("vi") != check.message.en
    assert report.to_dict()["covering"] == covering
    assert check.value == {"declared": covering, "hidden": []}


def test_a_declared_covering_over_the_cheeks_fails_naming_what_it_hides() -> None:
    check = _covering(pulled_over_jpeg(), "religious")
    assert check.status is Status.FAIL, check
    assert check.value["hidden"], check.value
    assert NOTE not in check.message.en and "hide part of your face" in check.message.en


def test_the_bare_portrait_passes_and_reports_no_declaration() -> None:
    report = photocheck.check(_jpeg(portrait()))
    check = report.check("face.head_covering")
    assert check is not None and check.status is Status.PASS, check
    assert "covering" not in report.to_dict()


def test_an_unknown_covering_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="religious, medical"):
        photocheck.check(hijab_jpeg(), covering="fashion")


def test_cli_check_covering_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "hijab.jpg"
    photo.write_bytes(hijab_jpeg())
    main(["check", "--json", "--lang", "en", str(photo)])
    without = json.loads(capsys.readouterr().out)
    main(["check", "--json", "--lang", "en", "--covering", "religious", str(photo)])
    declared = json.loads(capsys.readouterr().out)
    status = {r.get("covering"): next(
        c["status"] for c in r["checks"] if c["id"] == "face.head_covering")
        for r in (without, declared)}
    assert status == {None: "fail", "religious": "pass"}
    main(["check", "--lang", "ja", "--covering", "medical", str(photo)])
    assert NOTE in capsys.readouterr().out  # the table shows the passing rule's note
    assert main(["check", "--covering", "hat", str(photo)]) == 2


def test_batch_and_fix_pass_the_declaration_on(tmp_path: Path) -> None:
    photo = tmp_path / "hijab.jpg"
    photo.write_bytes(hijab_jpeg())
    (report,) = run_batch([photo], jobs=0, covering="medical")
    check = report.check("face.head_covering")
    assert report.covering == "medical" and check is not None and check.status is Status.PASS
    fixed = fix_photo(hijab_jpeg(), covering="medical")
    before = fixed.before.check("face.head_covering")
    assert before is not None and before.status is Status.PASS
    undeclared = fix_photo(hijab_jpeg()).before.check("face.head_covering")
    assert undeclared is not None and undeclared.status is Status.FAIL


def test_form_fill_takes_the_covering_to_the_photo_check() -> None:
    from forms.photo import check_photo

    assert not any("face.head_covering" in m.en
                   for m in check_photo(hijab_jpeg(), covering="religious").failures)
    assert any("face.head_covering" in m.en for m in check_photo(hijab_jpeg()).failures)


def test_web_api_takes_the_covering_field() -> None:
    from fastapi.testclient import TestClient

    from photocheck.web import create_app

    with TestClient(create_app(workers=1)) as client:
        files = {"photo": ("hijab.jpg", hijab_jpeg(), "image/jpeg")}
        declared = client.post("/api/check", files=files, data={"covering": "religious"})
        plain = client.post("/api/check", files=files)
        wrong = client.post("/api/check", files=files, data={"covering": "hat"})
    assert declared.status_code == 200 and declared.json()["covering"] == "religious"
    statuses = [next(c["status"] for c in r.json()["checks"] if c["id"] == "face.head_covering")
                for r in (declared, plain)]
    assert statuses == ["pass", "fail"]
    assert wrong.status_code == 422 and wrong.json()["error"] == "bad_covering"


def test_channel_medians_and_row_norms_are_numpys_on_the_hijab_band() -> None:
    """The covering measures' per-channel medians and colour distances are numpy's own
    (`np.median(..., axis=0)`, `np.linalg.norm(..., axis=1)`) to the bit, on real Lab pixels of
    the derived hijab's head band, odd and even counts alike."""
    from photocheck.vision.background import row_norms
    from photocheck.vision.faces import analyse
    from photocheck.vision.head_covering import upright_head_band
    from photocheck.vision.histogram import channel_medians

    pixels = with_hijab()
    landmarks = analyse(pixels).landmarks
    assert landmarks is not None
    lab = upright_head_band(pixels, landmarks).reshape(-1, 3)
    for count in (len(lab), len(lab) - 1, 7, 8):
        part = lab[:count]
        expected = np.median(part, axis=0)
        assert expected.dtype == channel_medians(part).dtype
        np.testing.assert_array_equal(channel_medians(part), expected)
        np.testing.assert_array_equal(row_norms(part - expected),
                                      np.linalg.norm(part - expected, axis=1))
