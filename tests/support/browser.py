"""Headless Chromium and the real app on uvicorn, for the browser tests.

Chromium is Debian's (/usr/bin/chromium, installed by `make browser`) driven by Playwright's
Python API: `playwright install`, which downloads a browser, is never needed. The flags keep
Chromium off the network this machine does not have (background networking, component
updates, sync, QUIC) and let it run as root without a sandbox.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
"""Screenshots for a person to look at (git-ignored)."""


def require_browser() -> None:
    """Skip the calling test module when Playwright, uvicorn or Debian's Chromium is missing."""
    pytest.importorskip("playwright.sync_api")
    pytest.importorskip("uvicorn")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (run `make browser`)",
                    allow_module_level=True)


@contextmanager
def served(app: Any) -> Iterator[str]:
    """`app` on uvicorn in a thread, on a port the OS picked; yields the base URL."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@contextmanager
def chromium(extra_args: tuple[str, ...] = ()) -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright (`extra_args`: e.g. a fake camera)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM),
                                     args=[*CHROMIUM_ARGS, *extra_args])
        try:
            yield browser
        finally:
            browser.close()



def open_phone_page(browser: Any, server: str) -> tuple[Any, Any, list[str]]:
    """A phone-sized (390 x 844) English page of `server`, with the console errors (CSP
    included) collected in the returned list: (context, tab, errors)."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US",
                                  device_scale_factor=1)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(server + "/")
    return context, tab, errors
