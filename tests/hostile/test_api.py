"""The web API over the hostile corpus and the campaign's protocol abuse (issue 13)."""

from __future__ import annotations

import asyncio
import logging
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi import FastAPI
from fastapi.testclient import TestClient

from photocheck.fix import DecodeBudget, FixError
from photocheck.fix.load import open_upright
from photocheck.rules import limit
from photocheck.web import create_app
from tests.hostile.corpus import Entry, png_header_bomb

REGULAR = ("valid", "truncated", "corrupt_entropy", "bomb", "twelve_bit", "arithmetic",
           "exif_control", "exif_malformed", "private", "empty", "one_byte", "three_bytes",
           "bm_text", "heic", "svg", "png_bomb", "text", "big_valid", "non_utf8_name")


@pytest.fixture(scope="module")
def app() -> FastAPI:
    return create_app(workers=1, queue=4)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


def _post(client: TestClient, path: str, data: bytes, field: str = "photo") -> Any:
    return client.post(path, files={field: ("photo.jpg", data, "image/jpeg")})


def test_check_answers_every_hostile_file_with_a_report(client: TestClient,
                                                        hostile: dict[str, Entry],
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    for kind in REGULAR:
        data = hostile[kind].path.read_bytes()
        if len(data) > 15_000_000:
            continue
        response = _post(client, "/api/check", data)
        assert response.status_code == 200, kind
        assert response.json()["verdict"] in ("accept", "reject", "error")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


@pytest.mark.parametrize("kind", ["corrupt_entropy", "twelve_bit", "arithmetic", "truncated",
                                  "png_bomb", "svg", "heic", "empty"])
def test_fix_refuses_what_it_cannot_use(client: TestClient, hostile: dict[str, Entry],
                                        kind: str) -> None:
    response = _post(client, "/api/fix", hostile[kind].path.read_bytes())
    assert response.status_code == 422 and response.json()["error"] == "not_fixable"


def test_fix_strips_metadata_of_a_passing_photo(client: TestClient,
                                                hostile: dict[str, Entry]) -> None:
    response = _post(client, "/api/fix", hostile["private"].path.read_bytes())
    assert response.status_code == 200
    assert b"GPSLatitude" not in response.content and b"PK\x03\x04" not in response.content


def _png_header(width: int, height: int, depth: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, depth, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0"))
            + chunk(b"IEND", b""))


def test_the_decode_budget_counts_bit_depth() -> None:
    """109 MP is under the 110 MP pixel limit, but at 16 bits per sample it is 655 MB."""
    with pytest.raises(FixError, match="16 bits per sample"):
        open_upright(png_header_bomb())
    with pytest.raises(FixError, match="damaged"):  # the 8-bit twin passes the budget
        open_upright(_png_header(6000, 5000, 8))


def test_the_web_budget_is_much_lower() -> None:
    with pytest.raises(FixError, match="megapixels"):
        open_upright(_png_header(6000, 5000, 8), DecodeBudget.web())
    assert DecodeBudget.web().pixels * 4 <= DecodeBudget.local().pixels


def test_a_file_under_the_wrong_field_is_422_whatever_its_size(client: TestClient,
                                                               hostile: dict[str, Entry]) -> None:
    response = _post(client, "/api/check", hostile["valid"].path.read_bytes(), field="file")
    assert response.status_code == 422
    assert response.json()["error"] == "missing_photo"
    assert response.json()["file_fields"] == ["file"]


def test_one_client_cannot_take_every_upload_slot(app: FastAPI, hostile: dict[str, Entry]) -> None:
    state = app.state.photocheck
    photo = hostile["valid"].path.read_bytes()
    with TestClient(app, client=("198.51.100.7", 4000)) as greedy, \
            TestClient(app, client=("203.0.113.9", 5000)) as other:
        state.uploads_by_client["198.51.100.7"] = state.uploads_per_client  # its slots in use
        refused = _post(greedy, "/api/check", photo)
        served = _post(other, "/api/check", photo)
        state.uploads_by_client.pop("198.51.100.7")
    assert refused.status_code == 429 and refused.json()["error"] == "client_busy"
    assert served.status_code == 200


async def _call(app: FastAPI, messages: list[dict[str, Any]], client: str = "192.0.2.1"
                ) -> list[dict[str, Any]]:
    """Drive the ASGI app with a body that arrives as `messages`, then stalls for ever."""
    scope = {"type": "http", "method": "POST", "path": "/api/check", "raw_path": b"/api/check",
             "query_string": b"", "headers": [(b"content-type", b"image/jpeg")],
             "client": (client, 1234), "server": ("test", 80), "scheme": "http",
             "http_version": "1.1", "root_path": "", "app": app}
    pending = list(messages)
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if pending:
            return pending.pop(0)
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await asyncio.wait_for(app(scope, receive, send), 10)
    return sent


def test_a_stalled_body_is_cut_off_quickly() -> None:
    app = create_app(workers=1, body_idle_s=0.2, checker=lambda *a: None)  # type: ignore[arg-type]
    sent = asyncio.run(_call(app, [{"type": "http.request", "body": b"\xff\xd8",
                                    "more_body": True}]))
    assert sent[0]["status"] == 408


def test_a_client_disconnecting_mid_upload_is_one_log_line(
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    app = create_app(workers=1, checker=lambda *a: None)  # type: ignore[arg-type]
    asyncio.run(_call(app, [{"type": "http.request", "body": b"\xff\xd8", "more_body": True},
                            {"type": "http.disconnect"}]))
    lines = [r for r in caplog.records if "disconnected" in r.getMessage()]
    assert len(lines) == 1 and lines[0].exc_info is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_thirty_three_slow_uploads_do_not_starve_a_real_one(hostile: dict[str, Entry]) -> None:
    """The campaign: 33 uploads sending 1 KB of a declared 5 MB body each, then a real user."""
    photo = hostile["valid"].path.read_bytes()
    app = create_app(workers=1, body_idle_s=0.5, checker=lambda *a: _Verdict())  # type: ignore

    async def scenario() -> tuple[list[int], int]:
        slow = [asyncio.create_task(_call(app, [{"type": "http.request", "body": bytes(1024),
                                                 "more_body": True}], client="198.51.100.7"))
                for _ in range(33)]
        await asyncio.sleep(0.05)  # every slow upload has started
        real = await _call(app, [{"type": "http.request", "body": photo}], client="203.0.113.9")
        slow_statuses = [(await task)[0]["status"] for task in slow]
        return slow_statuses, real[0]["status"]

    slow_statuses, real_status = asyncio.run(scenario())
    assert real_status == 200
    assert sorted(set(slow_statuses)) == [408, 429]  # cut off when idle, or refused at once
    assert slow_statuses.count(408) == limit("web.uploads_per_client").value


class _Verdict:
    """What the stub checker returns: enough of a Report for the route to answer."""

    def to_dict(self) -> dict[str, str]:
        return {"verdict": "accept"}
