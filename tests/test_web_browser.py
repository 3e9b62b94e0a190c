"""The real upload page in headless Chromium: upload a good and a bad photo, read the verdicts.

Chromium is Debian's (/usr/bin/chromium, installed by `make browser`), driven by Playwright's
Python API; uvicorn serves the real app on a free local port in a thread. Screenshots go to
tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from photocheck.pipeline import check as real_check
from tests.support.browser import ARTIFACTS, open_phone_page, require_browser, served
from tests.test_web_api import good_jpeg, small_jpeg

require_browser()

from photocheck.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The app on uvicorn, on a port the OS picked, for this module's tests."""
    with served(create_app(workers=2)) as url:
        yield url


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A phone-sized page in English, failing the test on any console error (CSP included)."""
    context, tab, errors = open_phone_page(browser, server)
    tab.errors = errors
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("photos")
    files = {"good": ("good.jpg", good_jpeg()), "small": ("small.jpg", small_jpeg())}
    for name, content in files.values():
        (folder / name).write_bytes(content)
    return {key: folder / name for key, (name, _) in files.items()}


def _choose(page: Any, path: Path) -> str:
    """Pick `path` through the page's own file chooser; returns the verdict text shown."""
    with page.expect_file_chooser() as chooser:
        page.click("label[for=photo-input]")
    chooser.value.set_files(str(path))
    page.wait_for_selector("#verdict-text[data-verdict]")
    return page.inner_text("#verdict-text")


def _screenshot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_good_photo_shows_accepted_with_every_check(page: Any, photos: dict[str, Path]) -> None:
    expected = real_check(photos["good"].read_bytes())
    verdict = _choose(page, photos["good"])
    assert expected.verdict.value == "accept"
    assert verdict.startswith("Accepted")
    assert page.get_attribute("#verdict-text", "data-verdict") == "accept"
    shown = page.eval_on_selector_all("#all-checks li", "els => els.map(e => e.dataset.rule)")
    assert shown == [c.id for c in expected.checks]
    # Nothing fails; the one warning is the test portrait's smile showing teeth.
    listed = page.eval_on_selector_all("#problems li", "els => els.map(e => e.dataset.rule)")
    assert listed == [c.id for c in expected.checks if c.status.value == "warn"]
    assert listed == ["face.expression"]
    assert page.eval_on_selector("#preview", "img => img.naturalWidth") == 600
    _screenshot(page, "web-accept-en.png")


def test_bad_photo_shows_why_and_switches_to_japanese(page: Any, photos: dict[str, Path]) -> None:
    expected = real_check(photos["small"].read_bytes())
    failed = expected.failed()
    assert [c.id for c in failed] == ["image.dimensions"]
    verdict = _choose(page, photos["small"])
    assert verdict == "Rejected: 1 problem to fix."
    problem = page.locator('#problems li[data-rule="image.dimensions"]')
    assert problem.get_attribute("data-status") == "fail"
    assert problem.locator(".message").inner_text() == failed[0].message.en

    page.click("button[data-lang=ja]")
    assert page.inner_text("#verdict-text") == "不合格：直すべき問題が 1 件あります。"
    assert problem.locator(".message").inner_text() == failed[0].message.ja
    assert page.get_attribute("html", "lang") == "ja"
    assert page.inner_text("label[for=photo-input]") == "写真を選択"
    info = page.evaluate("() => fetch('/api/info').then(r => r.json())")
    fix_offered = info["fix"] and any(c.fix for c in expected.checks if c.status.value != "pass")
    assert page.is_visible("#fix-area") == bool(fix_offered)
    _screenshot(page, "web-reject-ja.png")


def test_a_dropped_photo_is_checked(page: Any, photos: dict[str, Path]) -> None:
    """Drag and drop: a drop event carrying the file on the drop zone starts the check."""
    content = list(photos["small"].read_bytes())
    transfer = page.evaluate_handle("""(bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], "dropped.jpg", {type: "image/jpeg"}));
        return transfer;
    }""", content)
    page.dispatch_event("#drop", "drop", {"dataTransfer": transfer})
    page.wait_for_selector("#verdict-text[data-verdict]")
    assert page.get_attribute("#verdict-text", "data-verdict") == "reject"
    assert page.locator('#problems li[data-rule="image.dimensions"]').count() == 1


def test_face_box_and_trim_are_drawn_over_the_photo(page: Any, photos: dict[str, Path]) -> None:
    """The page scales the report's full-resolution boxes onto the displayed photo.

    The report is the real one for this photo, answered in place of the server's so that it has
    a face block to draw whether or not the face rules are installed.
    """
    face = {"box": [180, 120, 240, 300], "trim": [60, 0, 480, 617],
            "yaw": 0.0, "pitch": 0.0, "roll": 0.0, "crown_y": 60, "chin_y": 420}

    report = real_check(photos["good"].read_bytes()).to_dict()
    report["face"] = report["face"] or face  # the real block once the face rules exist
    shown_face = [report["face"]]

    def with_face(route: Any) -> None:
        route.fulfill(json=report)

    page.route("**/api/check", with_face)
    assert _choose(page, photos["good"]).startswith("Accepted")
    page.wait_for_selector("#overlay rect.face")
    img = page.locator("#preview").bounding_box()
    scale = img["width"] / 600
    for kind in ("face", "trim"):
        x, y, w, h = shown_face[0]["box" if kind == "face" else "trim"]
        drawn = page.locator(f"#overlay rect.{kind}").bounding_box()
        stroke = 2 * scale * 3  # the outline's width, half of it outside the box on each side
        assert abs(drawn["x"] - (img["x"] + x * scale)) <= stroke
        assert abs(drawn["y"] - (img["y"] + y * scale)) <= stroke
        assert abs(drawn["width"] - w * scale) <= 2 * stroke
        assert abs(drawn["height"] - h * scale) <= 2 * stroke
    assert page.is_visible("#legend")
    _screenshot(page, "web-overlay-en.png")


def test_fix_button_downloads_the_fixed_photo(page: Any, photos: dict[str, Path]) -> None:
    """With a fixer on the server, the page offers the fix and a download of the JPEG it got.

    The server's answers to /api/info, /api/check and /api/fix are stood in for here (the
    fixer is a separate part), so this exercises the page's side of the contract.
    """
    fixed = good_jpeg()
    report = real_check(photos["small"].read_bytes()).to_dict()
    report["checks"][0]["status"] = "warn"
    report["checks"][0]["fix"] = {"en": "Rotate the pixels upright.", "ja": "画素を回転します。"}
    changes = json.dumps([{"en": "Rotated upright.", "ja": "正しい向きに回転しました。"}],
                         ensure_ascii=True)
    page.route("**/api/info", lambda route: route.fulfill(json={
        "fix": True, "max_upload_bytes": 15_000_000, "profiles": ["online", "print"]}))
    page.route("**/api/check", lambda route: route.fulfill(json=report))
    page.route("**/api/fix", lambda route: route.fulfill(
        body=fixed, content_type="image/jpeg",
        headers={"x-photocheck-verdict": "accept", "x-photocheck-changes": changes}))
    page.reload()
    _choose(page, photos["small"])
    assert page.is_visible("#fix-button")
    assert "Rotate the pixels upright." in page.inner_text("#problems")
    page.click("#fix-button")
    page.wait_for_selector("#fix-download:not([hidden])")
    assert page.inner_text("#fix-changes") == "Rotated upright."
    assert "meets every rule" in page.inner_text("#fix-status")
    with page.expect_download() as download:
        page.click("#fix-download")
    assert download.value.suggested_filename == "photo-fixed.jpg"
    assert Path(download.value.path()).read_bytes() == fixed


def test_declaring_a_covering_rechecks_and_shows_the_agency_note(
        page: Any, tmp_path: Path) -> None:
    """The DERIVED hijab (tests/support/derived_hijab.py): without a declaration the covering is a
    problem; choosing "religious reasons" re-checks the same photo and shows the note."""
    from tests.test_head_covering import NOTE, hijab_jpeg

    photo = tmp_path / "hijab.jpg"
    photo.write_bytes(hijab_jpeg())
    _choose(page, photo)
    covering = page.locator('#problems li[data-rule="face.head_covering"]')
    assert covering.get_attribute("data-status") == "fail"
    assert page.inner_text("label[for=covering]") == "Head covering"
    with page.expect_response("**/api/check") as answer:
        page.select_option("#covering", "religious")
    assert answer.value.json()["covering"] == "religious"
    page.wait_for_selector("#verdict-text[data-verdict]")
    shown = page.locator('#problems li[data-rule="face.head_covering"]')  # the note shows
    assert shown.get_attribute("data-status") == "pass"
    assert NOTE in shown.inner_text()
    assert NOTE in (shown.text_content() or "")  # the full list is folded away
    page.click("button[data-lang=ja]")
    assert page.inner_text("label[for=covering]") == "かぶり物"
    assert "氏名欄" in (shown.text_content() or "") and NOTE in (shown.text_content() or "")
    _screenshot(page, "web-covering-declared-ja.png")
