"""The HTTP API: good, bad, oversized, non-image and concurrent uploads, limits and headers.

Photos are derived from skimage's astronaut portrait. Checkers that block on an Event stand in
for a slow check where the pool's admission and time limit are under test; everything else runs
the real `photocheck.check`.
"""

from __future__ import annotations

import functools
import io
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest
from PIL import Image
from skimage import data

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from photocheck.pipeline import check as real_check
from photocheck.report import Check, Report, Status, Text
from photocheck.web import create_app
from photocheck.web.upload import UploadError, read_upload
from tests.support import portraits

# ---- photos ---------------------------------------------------------------------------------


def _jpeg(pixels: np.ndarray, size: tuple[int, int], quality: int = 90) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels).resize(size, Image.LANCZOS).save(buf, "JPEG", quality=quality)
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def good_jpeg() -> bytes:
    """The astronaut recomposed on a plain grey backdrop at 600 x 772: every rule accepts it."""
    return portraits.clean_jpeg()


@functools.lru_cache(maxsize=1)
def small_jpeg() -> bytes:
    """The same photo at 470 px wide: only image.dimensions rejects it (the face is still
    large enough in pixels for face.size)."""
    return _jpeg(portraits.clean(), (470, 605))


def png_named_jpg() -> bytes:
    """PNG bytes, which a user might upload as photo.jpg: rejected by file.format."""
    buf = io.BytesIO()
    Image.fromarray(data.astronaut()[0:420, 100:427]).resize((600, 771)).save(buf, "PNG")
    return buf.getvalue()


@functools.lru_cache(maxsize=1)
def large_jpeg() -> bytes:
    """A ~2.6 MB JPEG of noise, well above Starlette's 1 MB in-memory spool threshold."""
    rng = np.random.default_rng(7)
    noise = rng.integers(0, 256, (1500, 1500, 3), dtype=np.uint8)
    return _jpeg(noise, (1500, 1500), quality=95)


def _post(client: TestClient, photo: bytes, name: str = "photo.jpg", route: str = "/api/check",
          **fields: str) -> Any:
    return client.post(route, files={"photo": (name, photo, "image/jpeg")}, data=fields)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(workers=2)) as test_client:
        yield test_client


# ---- answers --------------------------------------------------------------------------------


def test_good_photo_is_answered_with_the_report(client: TestClient) -> None:
    response = _post(client, good_jpeg(), name="mine.jpg")
    assert response.status_code == 200
    report = response.json()
    assert report["verdict"] == "accept"
    assert report["file"] == "mine.jpg"
    assert report["profile"] == "online"
    statuses = {c["id"]: c["status"] for c in report["checks"]}
    assert statuses["file.format"] == statuses["image.dimensions"] == "pass"
    assert set(report) >= {"verdict", "checks", "face", "elapsed_ms", "version"}


def test_rejected_jpeg_says_why_in_both_languages(client: TestClient) -> None:
    report = _post(client, small_jpeg()).json()
    assert report["verdict"] == "reject"
    failed = [c for c in report["checks"] if c["status"] == "fail"]
    assert [c["id"] for c in failed] == ["image.dimensions"]
    assert failed[0]["value"] == [470, 605]
    assert failed[0]["message"]["en"] and failed[0]["message"]["ja"]


def test_type_is_judged_from_the_bytes_not_the_name_or_declared_type(client: TestClient) -> None:
    report = _post(client, png_named_jpg(), name="photo.jpg").json()
    fmt = next(c for c in report["checks"] if c["id"] == "file.format")
    assert report["verdict"] == "reject"
    assert fmt["status"] == "fail"
    assert "PNG" in fmt["message"]["en"]


def test_non_image_is_a_report_with_file_format_failed_not_an_http_error(
        client: TestClient) -> None:
    """A text file can be examined (and fails file.format): 200 with a reject report."""
    response = client.post("/api/check", files={"photo": ("notes.txt", b"hello\n" * 50,
                                                           "text/plain")})
    assert response.status_code == 200
    report = response.json()
    assert report["verdict"] == "reject"
    fmt = next(c for c in report["checks"] if c["id"] == "file.format")
    assert fmt["status"] == "fail"
    assert fmt["value"] == "text"


def test_profile_field_selects_the_print_rules(client: TestClient) -> None:
    report = _post(client, good_jpeg(), profile="print").json()
    assert report["profile"] == "print"
    assert any(c["id"].startswith("print.") for c in report["checks"])


def test_raw_image_body_is_accepted_for_non_form_clients(client: TestClient) -> None:
    response = client.post("/api/check?profile=online", content=small_jpeg(),
                           headers={"content-type": "image/jpeg"})
    assert response.status_code == 200
    assert response.json()["verdict"] == "reject"


@pytest.mark.parametrize(("request_kwargs", "status", "code"), [
    ({"files": {"picture": ("a.jpg", b"\xff\xd8\xff", "image/jpeg")}}, 422, "missing_photo"),
    ({"data": {"profile": "online"}}, 415, "unsupported_body"),
    ({"content": b"x", "headers": {"content-type": "text/plain"}}, 415, "unsupported_body"),
    ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}},
     400, "bad_request"),
])
def test_malformed_requests_get_a_json_error(client: TestClient, request_kwargs: dict[str, Any],
                                             status: int, code: str) -> None:
    response = client.post("/api/check", **request_kwargs)
    assert response.status_code == status
    body = response.json()
    assert body["error"] == code
    assert body["message"]["en"] and body["message"]["ja"]


def test_unknown_profile_is_refused(client: TestClient) -> None:
    response = _post(client, good_jpeg(), profile="passport")
    assert response.status_code == 422
    assert response.json()["error"] == "bad_profile"


# ---- size cap -------------------------------------------------------------------------------


def test_oversized_upload_is_413_with_a_json_error() -> None:
    with TestClient(create_app(max_upload_bytes=200_000, workers=1)) as small:
        photo = large_jpeg()
        multipart = _post(small, photo)
        raw = small.post("/api/check", content=photo, headers={"content-type": "image/jpeg"})
        fits = _post(small, good_jpeg())
    for response in (multipart, raw):
        assert response.status_code == 413
        assert response.json()["error"] == "too_large"
        assert response.json()["max_upload_bytes"] == 200_000
        assert "0.2 MB" in response.json()["message"]["en"]
    assert fits.status_code == 200


def _streaming_request(total: int, chunk: int, declare_length: bool) -> tuple[Any, list[int]]:
    """A Starlette Request whose body arrives in chunks, counting what the app pulled."""
    from starlette.requests import Request

    pulled = [0]
    boundary = b"b0undary"
    head = (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="photo"; '
            b'filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n')

    async def receive() -> dict[str, Any]:
        if pulled[0] >= total:
            return {"type": "http.request", "body": b"", "more_body": False}
        body = head if pulled[0] == 0 else b"\xff" * chunk
        pulled[0] += len(body)
        return {"type": "http.request", "body": body, "more_body": True}

    headers = [(b"content-type", b"multipart/form-data; boundary=" + boundary)]
    if declare_length:
        headers.append((b"content-length", str(total).encode()))
    scope = {"type": "http", "method": "POST", "path": "/api/check", "headers": headers,
             "query_string": b""}
    return Request(scope, receive), pulled


@pytest.mark.parametrize("declare_length", [True, False])
def test_a_2_gb_upload_is_refused_after_at_most_the_cap(declare_length: bool) -> None:
    """Refused on Content-Length before any byte is read, or as soon as the bytes pass the cap."""
    import asyncio

    cap = 1_000_000
    request, pulled = _streaming_request(2_000_000_000, 256 * 1024, declare_length)
    with pytest.raises(UploadError) as refused:
        asyncio.run(read_upload(request, cap))
    assert refused.value.code == "too_large"
    assert pulled[0] <= (0 if declare_length else cap + 64 * 1024 + 256 * 1024)


# ---- nothing on disk, nothing in the log ----------------------------------------------------


@pytest.fixture
def no_temp_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> Any:
    """Any attempt to create a temporary file fails, and the temp dir is a fresh empty one."""

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("a temporary file was created during an upload")

    import starlette.formparsers

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    for name in ("SpooledTemporaryFile", "NamedTemporaryFile", "TemporaryFile", "mkstemp"):
        monkeypatch.setattr(tempfile, name, refuse)
    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", refuse)
    return tmp_path


def test_the_guard_catches_starlettes_own_form_parser(no_temp_files: Any) -> None:
    """Proof the guard works: Starlette's request.form() spools a 3 MB part and trips it."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def form_route(request: Request) -> PlainTextResponse:
        await request.form(max_part_size=50_000_000)
        return PlainTextResponse("read")

    app = Starlette(routes=[Route("/", form_route, methods=["POST"])])
    with TestClient(app, raise_server_exceptions=True) as naive, pytest.raises(AssertionError):
        naive.post("/", files={"photo": ("big.jpg", large_jpeg(), "image/jpeg")})


def test_a_large_upload_is_checked_without_any_file_on_disk(no_temp_files: Any) -> None:
    photo = large_jpeg()
    assert len(photo) > 2 * 1024 * 1024
    with TestClient(create_app(workers=1)) as app_client:
        response = _post(app_client, photo)
    assert response.status_code == 200
    assert response.json()["checks"][0]["id"] == "file.format"
    assert list(no_temp_files.iterdir()) == []


def test_nothing_about_the_photo_is_logged(client: TestClient,
                                           caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG")
    _post(client, good_jpeg(), name="tanaka-hanako-1985.jpg")
    assert "tanaka" not in caplog.text


# ---- concurrency, saturation, time limit ----------------------------------------------------


def test_concurrent_uploads_are_all_answered_by_a_two_worker_pool() -> None:
    """8 uploads at once; a barrier only opens when two checks run at the same time."""
    pair = threading.Barrier(2, timeout=20)
    threads: set[str] = set()

    def paired_check(photo: bytes, profile: str, name: str | None) -> Report:
        threads.add(threading.current_thread().name)
        pair.wait()
        return real_check(photo, profile, name=name)

    photos = [good_jpeg(), small_jpeg()] * 4
    app = create_app(workers=2, queue=8, uploads_per_client=8, checker=paired_check)
    with TestClient(app) as pool_client, \
            ThreadPoolExecutor(8) as senders:
        responses = list(senders.map(lambda p: _post(pool_client, p), photos))
    assert [r.status_code for r in responses] == [200] * 8
    verdicts = [r.json()["verdict"] for r in responses]
    assert verdicts == ["accept", "reject"] * 4
    assert len(threads) == 2 and all(t.startswith("photocheck") for t in threads)


@dataclass
class _Gate:
    """A checker that waits until released, so tests control when a check finishes."""

    release: threading.Event = field(default_factory=threading.Event)
    entered: threading.Event = field(default_factory=threading.Event)

    def check(self, photo: bytes, profile: str, name: str | None) -> Report:
        self.entered.set()
        self.release.wait(timeout=20)
        return real_check(photo, profile, name=name)


def _in_background(fn: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(fn()))
    thread.start()
    return thread, result


def test_a_full_pool_answers_429_instead_of_queueing_without_bound() -> None:
    gate = _Gate()
    with TestClient(create_app(workers=1, queue=0, checker=gate.check)) as busy_client:
        first, first_result = _in_background(lambda: _post(busy_client, good_jpeg()))
        assert gate.entered.wait(timeout=20)
        refused = _post(busy_client, good_jpeg())
        gate.release.set()
        first.join(timeout=20)
    assert refused.status_code == 429
    assert refused.json()["error"] == "busy"
    assert refused.headers["retry-after"]
    assert first_result[0].status_code == 200


def test_a_check_past_the_time_limit_is_504() -> None:
    gate = _Gate()
    app = create_app(workers=1, queue=0, check_timeout_s=0.05, checker=gate.check)
    with TestClient(app) as slow_client:
        response = _post(slow_client, good_jpeg())
        runner = app.state.photocheck.runner
        still_running = runner.admitted
        gate.release.set()
    assert response.status_code == 504
    assert response.json()["error"] == "check_timeout"
    assert still_running == 1  # the overrun job keeps its slot until its thread is done


# ---- fixing ---------------------------------------------------------------------------------


@dataclass
class _FakeFix:
    """The shape of photocheck.fix.FixResult, for a server whose fixer is not installed yet."""

    jpeg: bytes | None
    changes: list[Text]
    before: Report
    after: Report | None
    unfixable: list[Check]


def test_fix_returns_the_jpeg_with_its_changes() -> None:
    def fixer(photo: bytes, profile: str) -> _FakeFix:
        before = real_check(photo, profile)
        return _FakeFix(good_jpeg(), [Text("Rotated upright.", "正しい向きに回転しました。")],
                        before, real_check(good_jpeg(), profile), [])

    with TestClient(create_app(workers=1, fixer=fixer)) as fix_client:
        info = fix_client.get("/api/info").json()
        response = _post(fix_client, small_jpeg(), route="/api/fix")
    assert info["fix"] is True
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.content[:3] == b"\xff\xd8\xff"
    assert response.headers["x-photocheck-verdict"] == "accept"
    assert "\\u6b63" in response.headers["x-photocheck-changes"]  # 正, ASCII-escaped


def test_fix_without_a_possible_fix_is_422_with_the_reasons() -> None:
    unfixable = Check("face.count", Status.FAIL, Text("No face.", "顔がありません。"))

    def fixer(photo: bytes, profile: str) -> _FakeFix:
        return _FakeFix(None, [], real_check(photo, profile), None, [unfixable])

    with TestClient(create_app(workers=1, fixer=fixer)) as fix_client:
        response = _post(fix_client, small_jpeg(), route="/api/fix")
    assert response.status_code == 422
    assert response.json()["error"] == "not_fixable"
    assert response.json()["unfixable"][0]["id"] == "face.count"


def test_fix_is_501_when_no_fixer_is_installed() -> None:
    with TestClient(create_app(workers=1, fixer=None)) as plain:
        assert plain.get("/api/info").json()["fix"] is False
        response = _post(plain, good_jpeg(), route="/api/fix")
    assert response.status_code == 501
    assert response.json()["error"] == "fix_unavailable"


# ---- page and headers -----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/api/info"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["permissions-policy"].startswith("camera=(self)")
    assert ("cache-control" in response.headers) == path.startswith("/api/")


def test_error_answers_carry_the_headers_too(client: TestClient) -> None:
    response = client.post("/api/check", content=b"x", headers={"content-type": "text/plain"})
    assert response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"


def test_the_page_loads_nothing_from_other_origins(client: TestClient) -> None:
    page = client.get("/").text
    assert "http://" not in page and "https://" not in page
    assert "<script>" not in page and " style=" not in page  # no inline code for the CSP
    for asset in ("/static/app.js", "/static/app.css"):
        assert asset in page
        assert client.get(asset).status_code == 200


def test_warm_start_runs_the_initializer_on_every_worker_thread() -> None:
    """`photocheck serve` loads the models in each worker before the first photo arrives."""
    import asyncio

    from photocheck.web.runner import BoundedRunner

    warmed: set[str] = set()
    runner = BoundedRunner(2, 0, 5.0,
                           initializer=lambda: warmed.add(threading.current_thread().name))
    try:
        asyncio.run(runner.start_threads())
    finally:
        runner.shutdown()
    assert len(warmed) == 2


def test_an_upload_limit_is_written_the_way_each_language_writes_numbers() -> None:
    """Defect (issue 22, item 10): the limit was formatted in English for every language."""
    from photocheck.web.errors import error_response

    body = error_response("too_large", limit_mb=12.5).body.decode("utf-8")
    assert "12.5 MB" in body and "12,5 MB" in body  # en and pt-BR/es/vi/id, side by side
