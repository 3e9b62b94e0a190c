"""The web API's languages: page strings from the catalogs, Accept-Language, reports."""

from __future__ import annotations

import pytest

from photocheck.i18n.languages import CODES
from photocheck.web.page_text import PAGE

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from photocheck.web import create_app
from tests.test_web_api import small_jpeg


@pytest.fixture(scope="module")
def client():  # -> TestClient
    with TestClient(create_app(workers=1)) as test_client:
        yield test_client


@pytest.mark.parametrize(("query", "header", "lang"), [
    ("?lang=th", None, "th"),
    ("?lang=zh-TW", None, "zh-Hant"),
    ("", "vi-VN,vi;q=0.9,en;q=0.5", "vi"),
    ("", "fr-FR,ne;q=0.3", "ne"),
    ("?lang=zz", "ja", "en"),      # an explicit unknown code is English, not the header's
    ("", None, "en"),
])
def test_page_strings_in_the_asked_language(client: TestClient, query: str, header: str | None,
                                            lang: str) -> None:
    headers = {"accept-language": header} if header else {}
    body = client.get("/api/messages" + query, headers=headers).json()
    assert body["lang"] == lang
    assert body["messages"]["choose"] == PAGE["choose"].get(lang)
    assert [lg["code"] for lg in body["languages"]] == list(CODES)
    assert "all" not in body


def test_every_language_at_once_for_the_page(client: TestClient) -> None:
    body = client.get("/api/messages?langs=all").json()
    assert set(body["all"]) == set(CODES)
    assert body["all"]["ne"]["title"] == PAGE["title"].get("ne")


def test_check_answers_in_the_browser_language(client: TestClient) -> None:
    files = {"photo": ("small.jpg", small_jpeg(), "image/jpeg")}
    report = client.post("/api/check", files=files, headers={"accept-language": "ne"}).json()
    assert report["lang"] == "ne"
    failed = [c for c in report["checks"] if c["status"] == "fail"]
    assert failed and set(failed[0]["message"]) == {"en", "ja", "ne"}
    assert failed[0]["message"]["ne"] != failed[0]["message"]["en"]


def test_check_for_the_page_carries_every_language(client: TestClient) -> None:
    files = {"photo": ("small.jpg", small_jpeg(), "image/jpeg")}
    report = client.post("/api/check", files=files, data={"lang": "th", "langs": "all"}).json()
    assert report["lang"] == "th"
    assert all(set(c["message"]) == set(CODES) for c in report["checks"])
