"""Connections under `photocheck serve`: silent and slow-header clients cut off, a hard cap.

uvicorn (0.30-0.55) closes a keep-alive connection only after a response, when no byte at all
arrives for `timeout_keep_alive`; a connection that sends nothing after connecting, or trickles
its request line and headers a byte at a time, is kept for ever, and `limit_concurrency` is
checked only once a request's headers are complete. 200 such sockets stayed open after 40 s;
at ~1,100 the process ran out of descriptors and stopped answering. So this protocol adds:

- a deadline for every wait on the client between requests (`idle_s` from the moment the
  connection opens or the last answer is sent, not renewed by each byte): the request line and
  headers must be complete by then, else the connection is closed without a log line;
- a cap on open connections (`max_connections`, kept below the descriptor limit by
  `connection_cap`): one more is answered `503` with `Retry-After` and closed at once, before
  any parsing, so the process never runs out of descriptors and never logs per connection.

Once a request's headers are in, the app's own limits apply to its body (web/upload.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import resource
import time
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from photocheck.rules import limit

IDLE_S = float(limit("web.idle_s").value)
MAX_CONNECTIONS = int(limit("web.connections.max").value)
DESCRIPTOR_RESERVE = 64
"""Descriptors kept for what is not a connection: the listening socket, model files, pipes."""

BACKLOG = 128
"""The listen queue, and so how many sockets asyncio accepts in one go before any of them is
counted: the cap leaves this many descriptors free. (uvicorn's 2048 let one burst exhaust the
descriptors, and asyncio then logged a traceback for each of up to 2048 failed accepts.)"""

_REFUSED = (b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\n"
            b"retry-after: 2\r\ncontent-length: 5\r\nconnection: close\r\n\r\nbusy\n")


def connection_cap(wanted: int = MAX_CONNECTIONS) -> int:
    """`wanted`, lowered so that connections, one accept burst and DESCRIPTOR_RESERVE fit in
    the process's descriptor limit."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    return max(1, min(wanted, soft - DESCRIPTOR_RESERVE - BACKLOG))


def raise_descriptor_limit() -> None:
    """The soft descriptor limit up to the hard one (often 1024 of 4096+), for a server that
    owns its process; the cap is computed after this."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and (hard == resource.RLIM_INFINITY or hard > soft):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))


class _OneLineAcceptErrors(logging.Filter):
    """asyncio logs each failed accept() with a traceback; keep one line per second at most."""

    def __init__(self) -> None:
        super().__init__()
        self._last = -1.0

    def filter(self, record: logging.LogRecord) -> bool:
        if "out of system resource" not in record.getMessage():
            return True
        record.exc_info = None
        record.exc_text = None
        record.msg, record.args = "socket.accept() failed: too many open connections", ()
        now = time.monotonic()
        if now - self._last < 1.0:
            return False
        self._last = now
        return True


def quiet_accept_errors() -> None:
    """Install the filter above on asyncio's logger (the process's own server only)."""
    logging.getLogger("asyncio").addFilter(_OneLineAcceptErrors())


def guarded_protocol(idle_s: float = IDLE_S, max_connections: int | None = None
                     ) -> type[H11Protocol]:
    """uvicorn's h11 protocol with the deadline and the cap above (pass as `http=`)."""
    cap = connection_cap() if max_connections is None else max_connections

    class GuardedH11Protocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            if len(self.connections) > cap:
                transport.write(_REFUSED)
                transport.close()
                return
            self._await_request()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._in_request():
                self._cancel_deadline()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._await_request()

        def connection_lost(self, exc: Exception | None) -> None:
            self._cancel_deadline()
            super().connection_lost(exc)

        def _in_request(self) -> bool:
            """A request's headers are in and its answer is not finished: the app's turn."""
            return self.cycle is not None and not self.cycle.response_complete

        def _await_request(self) -> None:
            if self._deadline is None and not self._in_request() \
                    and not self.transport.is_closing():
                self._deadline = self.loop.call_later(idle_s, self._expire)

        def _cancel_deadline(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expire(self) -> None:
            self._deadline = None
            if not self._in_request() and not self.transport.is_closing():
                self.transport.close()

    return GuardedH11Protocol


GuardedH11Protocol = guarded_protocol()
"""The defaults, for your own uvicorn: `--http photocheck.web.connections:GuardedH11Protocol`."""
