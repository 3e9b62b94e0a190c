"""`form fill --covering religious|medical` hands the declared head covering to the photo check
(and no declaration hands none, so the check fails any covering)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from forms import photo as photo_module
from forms.photo import PhotoCheck
from tests.forms.test_cli import SAMPLES, SAMPLES_TODAY, run


@pytest.fixture(autouse=True)
def samples_day(fixed_today: list[dt.date]) -> None:
    fixed_today[0] = SAMPLES_TODAY


@pytest.mark.parametrize("declared", [None, "religious", "medical"])
def test_form_fill_passes_the_declared_covering_to_the_photo_check(
        declared: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        astronaut_jpeg: Path) -> None:
    seen: list[str | None] = []

    def check(_: bytes, covering: str | None = None) -> PhotoCheck:
        seen.append(covering)
        return PhotoCheck("accept", (), None)

    monkeypatch.setattr(photo_module, "check_photo", check)
    monkeypatch.setattr(photo_module, "frame_for_print", lambda _: None)
    out = tmp_path / "form.pdf"
    option = ["--covering", declared] if declared else []
    code = run("form", "fill", str(SAMPLES / "child_with_representative.toml"),
               "--photo", str(astronaut_jpeg), *option, "-o", str(out))
    assert code == 0 and out.exists()
    assert seen and set(seen) == {declared}
