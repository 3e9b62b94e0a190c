"""`photocheck serve` as a user starts it: a real process, real models, a real port."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

STARTUP_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_starts_warm_and_quiet(tmp_path: Path) -> None:
    """The models load in both worker threads before the first request, and mediapipe's
    load-time log lines (absl, XNNPACK) do not end up in the server's terminal."""
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "photocheck", "serve", "--port", str(port), "--workers", "2"],
            stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + STARTUP_TIMEOUT_S
            while b"Application startup complete" not in log.read_bytes():
                assert server.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.1)
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/info", timeout=10) as reply:
                info = json.load(reply)
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert info["default_profile"] == "online"
    for noise in ("W0000", "XNNPACK", "absl::InitializeLog", "inference_feedback_manager"):
        assert noise not in text, text
