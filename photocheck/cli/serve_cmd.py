"""`photocheck serve`: the upload page and the HTTP API on uvicorn."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from photocheck.cli import EXIT_USAGE
from photocheck.cli.arg_types import port, positive_at_most
from photocheck.report import Text

MAX_IDLE_S = 600.0
"""--idle-timeout: ten minutes; a longer wait is an open door for idle sockets."""
MAX_UPLOAD_MB = 200.0
"""--max-upload-mb: 32 uploads at once may each hold this much; `inf` overflowed the cap."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "serve", help=Text("run the upload page and the HTTP API"),
        description=Text("Serve the photo upload page on / and the JSON API on /api/check and "
        "/api/fix. Photos are kept in memory only, never written to disk or logged."),
    )
    parser.add_argument("--host", default="127.0.0.1",
                        help=Text("address to listen on (default 127.0.0.1; 0.0.0.0 for all)"))
    parser.add_argument("--port", type=port, default=8000, help=Text("port (default 8000)"))
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help=Text("photos checked at once (default: one per CPU core)"))
    parser.add_argument("--max-upload-mb", type=positive_at_most(MAX_UPLOAD_MB), default=15.0,
                        metavar="MB",
                        help=Text("largest upload accepted, in MB (default 15)"))
    parser.add_argument("--idle-timeout", type=positive_at_most(MAX_IDLE_S), default=None,
                        metavar="SECONDS",
                        help=Text("close a connection that has not sent a whole request line and "
                        "headers this long after opening or after its last answer (default 5)"))
    parser.add_argument("--forwarded-allow-ips", default="", metavar="IPS",
                        help=Text("comma-separated addresses of your reverse proxies, whose "
                        "X-Forwarded-For gives the client's address (default: none; the header "
                        "is ignored)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from photocheck.web import create_app
    except ModuleNotFoundError as exc:
        print(f"photocheck serve needs the web extra ({exc.name} is missing): "
              "pip install 'photocheck[web]'", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print("--workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    _prepare_process()
    app = create_app(max_upload_bytes=int(args.max_upload_mb * 1_000_000),
                     workers=args.workers, warm=True, quiet_warm_up=True)
    # One process: the pool inside it runs the checks in parallel. The access log has the
    # method, path and status only; no photo or file name ever reaches a log.
    try:
        uvicorn.run(app, host=args.host, port=args.port, server_header=False, log_level="info",
                    **connection_settings(args.idle_timeout, args.forwarded_allow_ips))
    except SystemExit as exc:  # uvicorn exits 1 when it cannot bind: that is not "rejected"
        return EXIT_USAGE if exc.code else 0
    return 0


def _prepare_process() -> None:
    """What only a server that owns its process may change: freed memory is wiped (so an
    upload does not outlive its answer), the descriptor limit is raised before the connection
    cap is computed from it, and asyncio's failed accepts become one line."""
    from photocheck.web.connections import quiet_accept_errors, raise_descriptor_limit
    from photocheck.web.memory import wipe_freed_memory

    wipe_freed_memory()
    raise_descriptor_limit()
    quiet_accept_errors()


def connection_settings(idle_s: float | None, proxies: str) -> dict[str, Any]:
    """uvicorn's settings for silent, slow and forged clients (photocheck.web.connections):
    the idle deadline, the connection cap, and X-Forwarded-For only from the given proxies."""
    from photocheck.web import connections

    idle = connections.IDLE_S if idle_s is None else idle_s
    trusted = [ip.strip() for ip in proxies.split(",") if ip.strip()]
    return {"http": connections.guarded_protocol(idle), "timeout_keep_alive": idle,
            "backlog": connections.BACKLOG,
            "proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}
