"""`POST /api/card` over HTTP (Starlette's TestClient is an httpx client on the ASGI app): the
same JSON as `photocheck card --json`, and errors in the API's {"error", "message"} shape."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from photocheck.cli import main
from photocheck.web import create_app

MID = {"birth": "1995-03-03", "issued": "2025-01-10", "category": "mid_long_term",
       "stay_end": "2027-06-30"}


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(workers=1, fixer=None)) as test_client:
        yield test_client


def test_answer_is_the_cli_json(client: TestClient, capsys: pytest.CaptureFixture[str]) -> None:
    response = client.post("/api/card", json=MID | {"new_stay_end": "2030-06-30"})
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert main(["card", "--birth", MID["birth"], "--issued", MID["issued"], "--category",
                 MID["category"], "--stay-end", MID["stay_end"], "--new-stay-end", "2030-06-30",
                 "--json"]) == 0
    assert response.json() == json.loads(capsys.readouterr().out)
    assert response.json()["card"]["expires"] == "2027-06-30"


def test_era_dates_and_japanese_category_names(client: TestClient) -> None:
    response = client.post("/api/card", json={"birth": "平成2年5月10日", "applied": "R7.1.15",
                                              "category": "永住者"})
    doc = response.json()
    assert response.status_code == 200
    assert doc["issued"] == {"date": "2025-02-15", "estimated": True}
    assert doc["category"]["key"] == "permanent"


@pytest.mark.parametrize(("body", "field"), [
    ({"birth": "1990-02-30", "issued": "2024-05-10"}, "birth"),
    ({"birth": "1990-05-10", "issued": "1980-05-10"}, "issued"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "category": "mid_long_term"}, "stay_end"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "category": "visitor"}, "category"),
    ({"issued": "2024-05-10"}, "birth"),
    ({"birth": 19900510, "issued": "2024-05-10"}, "birth"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "lost": "false"}, "lost"),
])
def test_bad_input_is_422_with_both_languages(client: TestClient, body: dict[str, object],
                                              field: str) -> None:
    response = client.post("/api/card", json=body)
    assert response.status_code == 422
    doc = response.json()
    assert doc["error"] == "bad_card_input" and doc["field"] == field
    assert doc["message"]["en"].startswith(field) and doc["message"]["ja"].startswith(field)


@pytest.mark.parametrize("content", [b"not json", b"[1, 2]", b"\xff\xfe", b""])
def test_not_a_json_object_is_400(client: TestClient, content: bytes) -> None:
    response = client.post("/api/card", content=content,
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert set(response.json()["message"]) == {"en", "ja"}


def test_oversized_body_is_413(client: TestClient) -> None:
    response = client.post("/api/card", json={"birth": "1990-05-10", "pad": "x" * 5000})
    assert response.status_code == 413 and response.json()["error"] == "too_large"


def test_categories_list(client: TestClient) -> None:
    listed = {c["key"]: c for c in client.get("/api/card/categories").json()}
    assert listed["mid_long_term"]["name"]["ja"] == "中長期在留者"
    assert listed["mid_long_term"]["needs"] == "stay_end"
    assert listed["transitional_nationality_loss"]["needs"] == "nationality_lost"
    assert listed["japanese"]["needs"] is None
