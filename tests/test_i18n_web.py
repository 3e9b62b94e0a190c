"""The upload page in the real browser speaks every language and switches without re-sending.

Uses the fixtures of tests/test_web_browser.py (Debian's chromium, the real app on uvicorn).
Screenshots in three scripts (Devanagari, Thai, Vietnamese Latin) and Japanese go to
tests/artifacts/web-lang-*.png for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from photocheck.pipeline import check as real_check
from photocheck.web.page_text import PAGE
from tests.test_web_browser import (  # noqa: F401  (fixtures used by name)
    _choose,
    _screenshot,
    page,
    photos,
    server,
)


def _wait_lang(tab: Any, lang: str) -> None:
    tab.wait_for_selector(f'html[lang="{lang}"]', state="attached")  # CSP: no string eval


def test_the_page_follows_accept_language(browser: Any, server: str) -> None:  # noqa: F811
    context = browser.new_context(locale="ne-NP", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.goto(server + "/")
    _wait_lang(tab, "ne")
    assert tab.inner_text("label[for=photo-input]") == PAGE["choose"].get("ne")
    assert tab.title() == PAGE["title"].get("ne")
    assert tab.get_attribute("button[data-lang=ne]", "aria-pressed") == "true"
    context.close()


def test_switching_language_redraws_without_sending_the_photo_again(
        page: Any, photos: dict[str, Path]) -> None:  # noqa: F811
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if "/api/check" in r.url else None)
    report = real_check(photos["small"].read_bytes())
    failed = report.failed()
    assert [c.id for c in failed] == ["image.dimensions"]
    assert _choose(page, photos["small"]) == PAGE["reject1"].get("en")
    preview = page.get_attribute("#preview", "src")
    problem = page.locator('#problems li[data-rule="image.dimensions"]')
    for lang in ("ne", "th", "vi", "ja"):
        page.click(f"button[data-lang={lang}]")
        _wait_lang(page, lang)
        assert page.inner_text("#verdict-text") == PAGE["reject1"].get(lang)
        assert problem.locator(".message").inner_text() == failed[0].message.get(lang)
        assert problem.locator(".message").inner_text() != failed[0].message.en
        assert page.inner_text("label[for=photo-input]") == PAGE["choose"].get(lang)
        _screenshot(page, f"web-lang-{lang}.png")
    assert len(sent) == 1, sent  # one upload, however many languages were shown
    assert page.get_attribute("#preview", "src") == preview
    assert page.eval_on_selector("#preview", "img => img.naturalWidth") > 0
