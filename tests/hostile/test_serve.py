"""`photocheck serve` as a real process under slow, silent, flooding and forged clients (issue 23).

One server for the module: loopback only, a free port, a lowered descriptor limit (so the
campaign's descriptor exhaustion takes 300 sockets, not 20,000), a 1 s idle deadline so the
waits stay short, and the process always killed at the end. Every socket has a timeout, so a
server that never answers fails a test instead of hanging it.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

from tests.hostile.corpus import valid_jpeg

STARTUP_S = 90
SOCKET_S = 10.0
"""The longest a test waits on one socket: several idle deadlines, far below a hang."""
IDLE_S = 1.0
DESCRIPTORS = 256
"""The server's descriptor limit: the cap must keep it from running out."""


@dataclass
class Server:
    port: int
    log: Path
    process: subprocess.Popen[bytes]

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=SOCKET_S)
        return sock

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _few_descriptors() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (DESCRIPTORS, DESCRIPTORS))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    port = _free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "photocheck", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--workers", "1", "--idle-timeout", str(IDLE_S)],
            stdout=out, stderr=subprocess.STDOUT, preexec_fn=_few_descriptors)
    try:
        deadline = time.monotonic() + STARTUP_S
        while b"Application startup complete" not in log.read_bytes():
            assert process.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield Server(port, log, process)
    finally:
        process.kill()
        process.wait(timeout=30)


def request(server: Server, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send `raw` on a new connection; the status, headers and body of the answer."""
    with server.connect() as sock:
        sock.sendall(raw)
        return _answer(sock)


def _answer(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        assert piece, f"closed without an answer: {data!r}"
        data += piece
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        piece = sock.recv(65536)
        assert piece, "closed mid-answer"
        body += piece
    return int(lines[0].split()[1]), headers, body


def _get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n".encode()


def _post(path: str, body: bytes, content_type: str, extra: str = "") -> bytes:
    return (f"POST {path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: {content_type}\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n{extra}\r\n").encode() + body


def _closed_by_server(sock: socket.socket) -> bool:
    """True once the server has closed `sock` (recv returns b"" or the connection resets)."""
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    return True


def test_silent_and_slow_header_connections_are_closed(server: Server) -> None:
    """The campaign: sockets that send nothing, or trickle headers, stayed open for ever."""
    with ExitStack() as stack:
        silent = [stack.enter_context(server.connect()) for _ in range(20)]
        trickling = [stack.enter_context(server.connect()) for _ in range(20)]
        for sock in trickling:
            sock.sendall(b"GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n")
        for _ in range(3):  # one more header line now and then: never a whole request
            time.sleep(IDLE_S / 2)
            for sock in trickling:
                with contextlib.suppress(OSError):  # closed by the server already: wanted
                    sock.sendall(b"x-slow: 1\r\n")
        assert all(_closed_by_server(sock) for sock in silent + trickling)
    status, _, _ = request(server, _get("/api/info"))
    assert status == 200
    assert "Traceback" not in server.log_text()


def test_more_connections_than_descriptors_do_not_take_the_server_down(server: Server) -> None:
    """300 idle sockets against a 256-descriptor server: the cap answers 503 beyond it, the
    deadline frees the rest, and a normal request is answered after; no traceback is logged."""
    with ExitStack() as stack:
        socks = [stack.enter_context(server.connect()) for _ in range(300)]
        assert all(_closed_by_server(sock) for sock in socks)
    status, _, body = request(server, _get("/api/info"))
    assert status == 200 and json.loads(body)["default_profile"] == "online"
    assert "Traceback" not in server.log_text()
    assert "Too many open files" not in server.log_text()


def test_x_forwarded_for_is_not_trusted_by_default(server: Server) -> None:
    """Five slow uploads, each claiming another client address: all are one client (loopback),
    so the fifth is refused at once (the per-client cap is 4)."""
    with ExitStack() as stack:
        held = []
        for n in range(4):
            sock = stack.enter_context(server.connect())
            sock.sendall(_post("/api/check", b"", "image/jpeg",
                               f"x-forwarded-for: 198.51.100.{n + 1}\r\n"
                               ).replace(b"content-length: 0", b"content-length: 100000")
                         + b"\xff\xd8")
            held.append(sock)
        time.sleep(0.3)  # the four uploads are in progress
        status, _, body = request(server, _post(
            "/api/check", valid_jpeg(), "image/jpeg", "x-forwarded-for: 203.0.113.77\r\n"))
    assert status == 429 and json.loads(body)["error"] == "client_busy"
    _wait_for(lambda: _status(server, _post("/api/check", b"x", "image/jpeg")) != 429)


def _status(server: Server, raw: bytes) -> int:
    return request(server, raw)[0]


def _wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + SOCKET_S
    while not condition():
        assert time.monotonic() < deadline, "the server did not catch up"
        time.sleep(0.05)


def _multipart(fields: list[tuple[str, bytes, str | None]], boundary: str = "b0undary") -> bytes:
    parts = []
    for name, value, filename in fields:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename
                                                    else "")
        parts.append(f"--{boundary}\r\ncontent-disposition: {disposition}\r\n\r\n".encode()
                     + value + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode()


def test_a_flood_of_tiny_form_fields_is_refused(server: Server) -> None:
    fields = [(f"f{i}", b"x", None) for i in range(500)] + [("photo", valid_jpeg(), "me.jpg")]
    status, _, body = request(server, _post("/api/check", _multipart(fields),
                                            "multipart/form-data; boundary=b0undary"))
    assert status == 400 and json.loads(body)["error"] == "bad_request"
    normal = _multipart([("profile", b"online", None), ("lang", b"vi", None),
                         ("photo", valid_jpeg(), "me.jpg")])
    status, _, body = request(server, _post("/api/check", normal,
                                            "multipart/form-data; boundary=b0undary"))
    assert status == 200 and json.loads(body)["verdict"] in ("accept", "reject")


@pytest.mark.parametrize(("body", "status"), [
    (b"[" * 3000, 400),
    (b'{"birth": "9999-12-31", "issued": "9999-12-31"}', 422),
    (b'{"birth": "0001-01-01", "issued": "0001-01-01"}', 422),
    (b'{"birth": "1990-01-01", "applied": "9999-12-30"}', 422),
    (b'{"birth": "1990-01-01", "issued": "2020-01-01", "moved": "9999-12-31"}', 422),
])
def test_card_api_answers_the_ends_of_the_calendar(server: Server, body: bytes,
                                                   status: int) -> None:
    answer, _, text = request(server, _post("/api/card", body, "application/json"))
    assert answer == status and "error" in json.loads(text)
    assert "Traceback" not in server.log_text()


def _fragments_in_memory(pid: int, needles: list[bytes]) -> int:
    """How many times any of `needles` occurs in the writable memory of process `pid`."""
    found = 0
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            if not fields[1].startswith("rw") or (len(fields) > 5 and fields[5].startswith("/")):
                continue  # code and mapped files cannot hold a request's bytes
            start, end = (int(x, 16) for x in fields[0].split("-"))
            try:
                mem.seek(start)
                block = mem.read(end - start)
            except (OSError, OverflowError):
                continue
            found += sum(block.count(needle) for needle in needles)
    return found


def test_no_copy_of_the_photo_outlives_its_answer(server: Server) -> None:
    """The campaign found four copies of a photo in the server a second after the answer."""
    if not os.access(f"/proc/{server.process.pid}/mem", os.R_OK):
        pytest.skip("this system does not let a parent read its child's memory")
    tail = random.Random(23).randbytes(200_000)  # after the end of image: read, never decoded
    photo = valid_jpeg() + tail
    needles = [tail[at:at + 48] for at in (1_000, 60_000, 120_000, 190_000)]
    status, _, _ = request(server, _post("/api/check", photo, "image/jpeg"))
    form = _multipart([("photo", photo, "me.jpg")])
    status_form, _, _ = request(server, _post("/api/check", form,
                                              "multipart/form-data; boundary=b0undary"))
    assert status == status_form == 200
    time.sleep(0.5)  # the answer is sent; the request's objects are released
    assert _fragments_in_memory(server.process.pid, needles) == 0
