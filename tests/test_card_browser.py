"""The "When does my card expire?" panel in headless Chromium (Debian's /usr/bin/chromium via
Playwright), against the real app on uvicorn: answers in English and Japanese, the stay-end field
appears for the categories that need it, and an API error is shown in the page's language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.browser import ARTIFACTS, require_browser, served

require_browser()

from photocheck.web import create_app  # noqa: E402


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The real app on uvicorn, on a port the OS picked (no photo is checked here)."""
    with served(create_app(workers=1, fixer=None)) as url:
        yield url


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A phone-sized page in English; any console error (CSP included) fails the test."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(server + "/")
    tab.wait_for_selector("#card-category option[value='mid_long_term']", state="attached")
    tab.errors = errors
    yield tab
    context.close()
    assert not errors, errors


def _ask(page: Any, birth: str, kind: str, day: str, category: str = "japanese",
         stay_end: str | None = None) -> None:
    page.fill("#card-birth", birth)
    page.select_option("#card-kind", kind)
    page.fill("#card-date", day)
    page.select_option("#card-category", category)
    if stay_end is not None:
        page.fill("#card-stay-end", stay_end)
    page.click("#card-submit")


def test_japanese_national_answer_in_english(page: Any) -> None:
    assert page.is_hidden("#card-stay-end-row")
    _ask(page, "1990-05-10", "issued", "2024-05-10")
    page.wait_for_selector("#card-expires")
    assert page.text_content("#card-expires") == "10 May 2034"
    dates = page.locator(".card-date").all_text_contents()
    assert any(d.startswith("10 February 2034") and "Card renewal opens" in d for d in dates)
    assert any(d.startswith("10 May 2029") for d in dates)
    assert page.locator(".card-date time[datetime='2029-05-10']").count() == 1  # ISO stays
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#card-panel").screenshot(path=str(ARTIFACTS / "card-panel-en.png"))


def test_every_field_fits_inside_the_panel_on_a_phone(page: Any) -> None:
    """A select is as wide as its longest option: in Nepali the categories (with their
    Japanese names) made the fields overflow the panel on a 390 px screen."""
    page.click("[data-lang='ne']")
    page.wait_for_selector("html[lang='ne']", state="attached")
    page.select_option("#card-category", "mid_long_term")
    panel = page.locator("#card-panel").bounding_box()
    assert panel is not None
    fields = page.locator("#card-panel input, #card-panel select")
    for index in range(fields.count()):
        box = fields.nth(index).bounding_box()
        if box is not None:
            assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 0.5, index


def test_mid_long_term_shows_the_stay_field_and_switches_to_japanese(page: Any) -> None:
    page.select_option("#card-category", "mid_long_term")
    assert page.is_visible("#card-stay-end-row")
    _ask(page, "1995-03-03", "issued", "2025-01-10", "mid_long_term", "2027-06-30")
    page.wait_for_selector("#card-expires")
    assert page.text_content("#card-expires") == "30 June 2027"
    page.click("[data-lang='ja']")
    page.wait_for_function(
        "document.getElementById('card-heading').textContent === 'カードの有効期限'")
    assert "在留期間の満了日" in page.text_content(".card-reason")
    assert page.text_content("#card-expires") == "令和9年6月30日（2027-06-30）"
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#card-panel").screenshot(path=str(ARTIFACTS / "card-panel-ja.png"))


def test_applied_is_marked_as_an_estimate(page: Any) -> None:
    _ask(page, "1990-05-10", "applied", "2025-01-15")
    page.wait_for_selector("#card-expires")
    assert page.text_content("#card-expires") == "10 May 2034 (estimate)"


def test_missing_stay_end_shows_the_api_error(page: Any) -> None:
    _ask(page, "1995-03-03", "issued", "2025-01-10", "mid_long_term")
    page.wait_for_selector(".card-result.error")
    assert "stay_end: is required" in page.text_content("#card-result")
    page.click("[data-lang='ja']")
    page.wait_for_function(
        "document.getElementById('card-result').textContent.includes('必須です')")
    # Chromium logs the 422 answer itself as a console error; that one is expected here.
    page.errors[:] = [e for e in page.errors if "status of 422" not in e]


@pytest.mark.parametrize("lang", ["th", "ne", "ko"])
def test_answer_follows_the_language_picker_in_other_scripts(page: Any, lang: str) -> None:
    """Thai, Devanagari and Hangul: the panel's words, the API's sentences and the dates all
    come from the catalogs (the same words as `photocheck card --lang`)."""
    import datetime as dt

    from photocheck.card.render import day_text
    from photocheck.i18n import translate

    _ask(page, "1995-03-03", "issued", "2025-01-10", "mid_long_term", "2027-06-30")
    page.wait_for_selector("#card-expires")
    page.click(f"[data-lang='{lang}']")
    heading = translate("When does my card expire?", lang)
    assert heading and heading != "When does my card expire?"
    page.wait_for_function(
        f"document.getElementById('card-heading').textContent === {heading!r}")
    assert page.text_content("#card-expires") == day_text(dt.date(2027, 6, 30), lang)
    assert page.text_content("[data-card-i18n='submit']") == translate("Show the dates", lang)
    category = translate("Mid- to long-term resident", lang)
    assert category and category in page.text_content(".card-reason")
    assert page.text_content("#card-category option[value='mid_long_term']") == category
    dates = page.locator(".card-date").all_text_contents()
    expires = translate("My Number Card expires", lang)
    assert expires and any(expires in d for d in dates)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#card-panel").screenshot(path=str(ARTIFACTS / f"card-panel-{lang}.png"))
