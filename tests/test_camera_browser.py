"""The guided camera in headless Chromium with a fake camera fed the test portraits.

Each camera is a .y4m video written at test time (tests/support/fake_camera.py) from an
astronaut portrait: a compliant face reaches "ready", the shutter takes the still and the page
shows "accepted"; a turned head is told to face the camera and the shutter stays off. Without a
camera the page says so and keeps the file upload. Screenshots go to tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.support import portraits
from tests.support.browser import ARTIFACTS, chromium, open_phone_page, require_browser, served
from tests.support.fake_camera import camera_args, write_y4m

require_browser()

from photocheck.guide import HINTS  # noqa: E402
from photocheck.i18n.languages import CODES  # noqa: E402
from photocheck.web import create_app  # noqa: E402
from photocheck.web.page_text import PAGE  # noqa: E402

WAIT_MS = 30_000
"""Generous for a loaded two-core machine: the first frame also loads the models."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with served(create_app(workers=2)) as url:
        yield url


def _open_page(browser: Any, server: str) -> tuple[Any, Any, list[str]]:
    """A phone-sized English page, once its language is applied."""
    context, tab, errors = open_phone_page(browser, server)
    tab.wait_for_function("document.documentElement.lang === 'en'")
    return context, tab, errors


@pytest.fixture
def camera_page(request: pytest.FixtureRequest, server: str,
                tmp_path: Path) -> Iterator[Any]:
    """The page in a Chromium whose only camera plays `request.param` (portrait pixels)."""
    video = write_y4m(request.param(), tmp_path / "camera.y4m")
    with chromium(camera_args(video)) as browser:
        context, tab, errors = _open_page(browser, server)
        yield tab
        context.close()
    assert not errors, errors


def _screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def _hints(page: Any) -> list[str]:
    return page.eval_on_selector_all("#guide-hints li", "els => els.map(e => e.dataset.hint)")


@pytest.mark.parametrize("camera_page", [portraits.clean], indirect=True)
def test_a_good_face_gets_ready_and_the_still_is_accepted(camera_page: Any) -> None:
    page = camera_page
    page.click("#camera-open")
    page.wait_for_selector("#guide-video", state="visible")
    page.wait_for_selector("#guide[data-ready=true]", timeout=WAIT_MS)
    assert _hints(page) == ["ready"]
    assert page.get_attribute("#guide-hints", "aria-live") == "polite"
    assert page.is_enabled("#shutter")
    _screenshot(page, "camera-ready.png")
    page.click("#shutter")
    page.wait_for_selector("#verdict-text[data-verdict]", timeout=WAIT_MS)
    assert page.get_attribute("#verdict-text", "data-verdict") == "accept"
    assert page.inner_text("#verdict-text").startswith("Accepted")
    assert page.is_hidden("#guide")
    # The still is the 35:45 crop of the camera's full 600 x 772 frame (600 x 771), not the
    # preview the guide saw (640 px high at most).
    width, height = page.evaluate("[$('preview').naturalWidth, $('preview').naturalHeight]")
    assert width == 600 and height == int(600 * 45 / 35) > 640
    _screenshot(page, "camera-accepted.png")


@pytest.mark.parametrize("camera_page", [portraits.turned], indirect=True)
def test_a_turned_head_is_told_to_face_the_camera_with_the_shutter_off(camera_page: Any) -> None:
    page = camera_page
    page.click("#camera-open")
    page.wait_for_selector("#guide-hints li[data-hint=face_camera]", timeout=WAIT_MS)
    assert page.get_attribute("#guide", "data-ready") == "false"
    assert not page.is_enabled("#shutter")
    assert "Face the camera" in page.inner_text("#guide-hints")
    _screenshot(page, "camera-turned.png")


def _two_faces() -> np.ndarray:
    good = portraits.clean()
    return np.ascontiguousarray(np.hstack([good, good[:, ::-1]])[:, 300:900])


@pytest.mark.parametrize("camera_page", [_two_faces], indirect=True)
def test_two_faces_are_told_one_face(camera_page: Any) -> None:
    page = camera_page
    page.click("#camera-open")
    page.wait_for_selector("#guide-hints li[data-hint=one_face]", timeout=WAIT_MS)
    assert not page.is_enabled("#shutter")


def test_without_a_camera_the_page_says_so_and_keeps_the_upload(server: str) -> None:
    with chromium() as browser:
        context, page, errors = _open_page(browser, server)
        page.click("#camera-open")
        page.wait_for_selector("#camera-error:not([hidden])", timeout=WAIT_MS)
        key = page.get_attribute("#camera-error", "data-i18n")
        assert key in ("cameraAbsent", "cameraDenied", "cameraFailed")
        assert "photo file" in page.inner_text("#camera-error")
        assert page.is_hidden("#guide") and page.is_visible("label[for=photo-input]")
        context.close()
    assert not errors, errors


@pytest.mark.parametrize("camera_page", [portraits.clean], indirect=True)
def test_the_guide_speaks_every_language_and_fits_a_phone(camera_page: Any) -> None:
    """Each of the twelve languages: the shutter's label and the live hint in that language,
    and nothing wider than the 390 px screen."""
    page = camera_page
    page.click("#camera-open")
    page.wait_for_selector("#guide[data-ready=true]", timeout=WAIT_MS)
    for code in CODES:
        page.click(f".lang button[data-lang='{code}']")
        expected = HINTS["ready"].get(code)
        page.wait_for_function("(text) => document.querySelector('#guide-hints li')"
                               " && document.querySelector('#guide-hints li').textContent"
                               " === text", arg=expected, timeout=WAIT_MS)
        assert page.inner_text("#shutter") == PAGE["shutter"].get(code)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, code
        if code in ("ja", "th", "ne"):
            _screenshot(page, f"camera-ready-{code}.png")
