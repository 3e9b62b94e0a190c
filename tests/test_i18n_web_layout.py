"""How the page lays out other scripts, measured in headless Chromium at 390 x 844 (issue 22):
Korean breaks lines only between words, Japanese terms inside another language are marked
lang="ja" and stay on one line, and the Tagalog card panel reads in Tagalog with the chosen
category shown in full. Screenshots go to tests/artifacts/layout-*.png for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.browser import ARTIFACTS, require_browser, served

require_browser()

from photocheck.web import create_app  # noqa: E402
from photocheck.web.page_text import PAGE  # noqa: E402

# For every text node under the elements matched by `selector`: the places where the browser
# broke a line between two letters of one word (사 / 진), as "사|진". A break beside punctuation
# or a space is a normal break opportunity in Korean too and is not counted.
BROKEN_WORDS = """(selector) => {
  const broken = [];
  const top = (node, i) => {
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    const rects = range.getClientRects();
    return rects.length ? Math.round(rects[0].top) : null;
  };
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (let i = 0; i + 1 < text.length; i++) {
        if (!/\\p{L}/u.test(text[i]) || !/\\p{L}/u.test(text[i + 1])) continue;
        const a = top(node, i), b = top(node, i + 1);
        if (a !== null && b !== null && b > a) broken.push(text[i] + "|" + text[i + 1]);
      }
    }
  }
  return broken;
}"""

# Each element marked as a Japanese term: its text, white-space, font and how many lines it takes.
JA_TERMS = """(selector) => [...document.querySelectorAll(selector + ' span[lang="ja"]')]
.map((el) => {
  const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
  return {text: el.textContent, whiteSpace: getComputedStyle(el).whiteSpace,
          font: getComputedStyle(el).fontFamily, lines: tops.size};
})"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The real app on uvicorn (no photo is checked here)."""
    with served(create_app(workers=1, fixer=None)) as url:
        yield url


@pytest.fixture
def open_page(browser: Any, server: str) -> Iterator[Any]:
    """Opens the page on a 390 x 844 phone in a browser language; console errors fail."""
    contexts: list[Any] = []
    errors: list[str] = []

    def open_in(locale: str, lang: str) -> Any:
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale=locale)
        contexts.append(context)
        tab = context.new_page()
        tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.goto(server + "/")
        tab.wait_for_selector(f'html[lang="{lang}"]', state="attached")
        tab.wait_for_selector("#card-category option[value='mid_long_term']", state="attached")
        return tab

    yield open_in
    for context in contexts:
        context.close()
    assert not errors, errors


def _ask_card(tab: Any, category: str, stay_end: str | None = None) -> None:
    tab.fill("#card-birth", "1995-03-03")
    tab.select_option("#card-kind", "issued")
    tab.fill("#card-date", "2025-01-10")
    tab.select_option("#card-category", category)
    if stay_end:
        tab.fill("#card-stay-end", stay_end)
    tab.click("#card-submit")
    tab.wait_for_selector("#card-expires")


def test_korean_breaks_lines_only_between_words(open_page: Any) -> None:
    tab = open_page("ko-KR", "ko")
    assert tab.eval_on_selector(".intro", "el => getComputedStyle(el).wordBreak") == "keep-all"
    _ask_card(tab, "mid_long_term", "2027-06-30")
    text = ".intro, .hint, #card-result, footer"
    assert tab.evaluate(BROKEN_WORDS, text) == []
    wrapped = tab.evaluate("(s) => [...document.querySelectorAll(s)].filter((el) => "
                           "el.getClientRects().length && el.offsetHeight > 40).length",
                           "#card-result li, #card-result p, .intro")
    assert wrapped > 0  # the check above looked at text that does wrap
    tab.screenshot(path=str(ARTIFACTS / "layout-ko.png"), full_page=True)


def test_korean_marks_japanese_terms_and_keeps_them_whole(open_page: Any) -> None:
    tab = open_page("ko-KR", "ko")
    _ask_card(tab, "mid_long_term", "2027-06-30")
    terms = tab.evaluate(JA_TERMS, "body")
    texts = {term["text"] for term in terms}
    assert "マイナンバーカード" in texts and "在留カード" in texts, texts
    for term in terms:
        assert term["whiteSpace"] == "nowrap" and term["lines"] == 1, term
        assert "IPA" in term["font"] or "Noto Sans JP" in term["font"], term
    tab.locator("#card-panel").screenshot(path=str(ARTIFACTS / "layout-ko-card.png"))


@pytest.mark.parametrize(("locale", "lang"), [("th-TH", "th"), ("vi-VN", "vi")])
def test_titles_keep_the_katakana_on_one_line(open_page: Any, locale: str, lang: str) -> None:
    tab = open_page(locale, lang)
    terms = tab.evaluate(JA_TERMS, "h1")
    assert [t["text"] for t in terms] == ["マイナンバーカード"], terms
    assert terms[0]["lines"] == 1
    assert tab.evaluate(BROKEN_WORDS, "h1 span[lang=ja]") == []
    tab.locator("header").screenshot(path=str(ARTIFACTS / f"layout-title-{lang}.png"))


def test_chinese_marks_only_terms_with_kana(open_page: Any) -> None:
    """Han characters are Chinese's own script: only terms with kana are Japanese there."""
    tab = open_page("zh-CN", "zh-Hans")
    _ask_card(tab, "mid_long_term", "2027-06-30")
    texts = [t["text"] for t in tab.evaluate(JA_TERMS, "body")]
    assert texts and all(any("\u3040" <= c <= "\u30ff" for c in t) for t in texts), texts


def test_the_tagalog_card_panel_reads_in_tagalog(open_page: Any) -> None:
    tab = open_page("fil-PH", "tl")
    label = tab.inner_text("[data-card-i18n=category]")
    assert label == PAGE["cardCategory"].get("tl") != PAGE["cardCategory"].en
    tab.select_option("#card-category", "transitional_nationality_loss")
    shown = tab.inner_text("#card-category-name")
    assert shown.startswith("Transisyonal na pananatili") and "国籍喪失による経過滞在者" in shown
    panel = tab.eval_on_selector("#card-panel", "el => el.getBoundingClientRect().right")
    right = tab.eval_on_selector("#card-category-name", "el => el.getBoundingClientRect().right")
    assert right <= panel
    assert tab.evaluate(BROKEN_WORDS, "#card-category-name") == []
    tab.locator("#card-panel").screenshot(path=str(ARTIFACTS / "layout-tl-card.png"))
