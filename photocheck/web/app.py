"""The web app: an upload page and a small JSON API over `photocheck.check` and the fixer.

    uvicorn --factory photocheck.web:create_app      # or: photocheck serve

Endpoints (the README has the details for non-Python front ends):
  GET  /            the upload page (static files, all served from this origin)
  GET  /api/info    what this server offers: profiles, upload cap, whether it can fix photos
  GET  /api/messages the page's own strings in one language (`?lang=`, else Accept-Language)
  POST /api/check   a photo (multipart field `photo`, optional `profile`) -> the JSON report
                    (optional `lang`, else Accept-Language; `langs=all` puts all twelve in every
                    message, so the page can switch language without sending the photo again)
  POST /api/fix     a photo -> the fixed JPEG, or 422 when no fix can be made, 501 without a fixer
  POST /api/guide   a camera preview frame (field `photo`, a JPEG; optional `still_width` and
                    `still_height`: the size the still will be taken at) -> live hints and
                    `ready` from the checker's own face, pose and light rules (photocheck.guide)

Photos live only in memory for the length of the request: never written to disk, never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from functools import partial
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.requests import ClientDisconnect

from photocheck.guide import FrameError, Guidance, guide
from photocheck.i18n import accept
from photocheck.i18n.languages import CODES
from photocheck.i18n.resolve import resolve
from photocheck.pipeline import check as check_photo
from photocheck.report import Report
from photocheck.rules import DECLARED_COVERINGS, DEFAULT_PROFILE, PROFILES, limit
from photocheck.version import __version__
from photocheck.vision.models import stderr_muted
from photocheck.web.card_api import add_card_routes
from photocheck.web.errors import error_response
from photocheck.web.page_text import page_messages
from photocheck.web.runner import BoundedRunner, Busy, CheckTimeout, default_workers
from photocheck.web.security import SecurityHeaders
from photocheck.web.upload import Upload, UploadError, read_upload

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"

MAX_UPLOAD_BYTES = 15_000_000
"""The largest valid photo is 7 MB; HEIC and PNG files sent to be fixed run larger."""

CHECK_TIMEOUT_S = 20.0
"""A warm check takes well under a second; this only cuts off pathological inputs."""

UPLOAD_TIMEOUT_S = 60.0
"""15 MB over a slow mobile link (2 Mbit/s) takes ~60 s; a slower body is a stalled client."""

MAX_CONCURRENT_UPLOADS = 32
"""Bodies being received at once: bounds memory at about this many times the upload cap."""

UPLOADS_PER_CLIENT = int(limit("web.uploads_per_client").value)
"""Bodies one client address may send at once, so one slow client cannot take every slot."""

BODY_IDLE_S = float(limit("web.body_idle_s").value)
"""The longest pause between two pieces of a body before the upload is cut off."""

Checker = Callable[[bytes, str, "str | None"], Report]
Fixer = Callable[[bytes, str], Any]
_AUTO: Any = object()


def create_app(
    *,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    check_timeout_s: float = CHECK_TIMEOUT_S,
    upload_timeout_s: float = UPLOAD_TIMEOUT_S,
    workers: int | None = None,
    queue: int | None = None,
    max_uploads: int = MAX_CONCURRENT_UPLOADS,
    uploads_per_client: int = UPLOADS_PER_CLIENT,
    body_idle_s: float = BODY_IDLE_S,
    warm: bool = False,
    quiet_warm_up: bool = False,
    checker: Checker | None = None,
    fixer: Fixer | None = _AUTO,
) -> FastAPI:
    """The ASGI app. `workers` checks run at once (default: one per core), `queue` more may wait
    (default: 4 per worker); `warm` loads the models in each worker thread at start and runs
    them once; `quiet_warm_up` mutes the process's stderr meanwhile (mediapipe's load-time log
    lines), for `photocheck serve`, which owns the process; an embedding app keeps its stderr.
    `checker` and `fixer` replace `photocheck.check` and `photocheck.fix.fix_photo` (tests);
    the fixer defaults to the installed one, or none (501) when it is not installed.
    """
    n_workers = workers or default_workers()
    warm_up_failures: list[str] = []
    runner = BoundedRunner(n_workers, 4 * n_workers if queue is None else queue,
                           check_timeout_s,
                           initializer=partial(_warm_up, warm_up_failures) if warm else None)
    state = _ServerState(max_upload_bytes, upload_timeout_s, max_uploads, runner,
                         checker or _check_bytes, _installed_fixer() if fixer is _AUTO else fixer)
    state.uploads_per_client = uploads_per_client
    state.body_idle_s = body_idle_s

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if warm:
            with stderr_muted() if quiet_warm_up else contextlib.nullcontext():
                await runner.start_threads()
            for failure in warm_up_failures:  # logged once stderr is back
                logger.warning("model warm-up failed: %s", failure)
        yield
        runner.shutdown()

    app = FastAPI(title="photocheck", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.photocheck = state
    app.add_middleware(SecurityHeaders)
    _add_routes(app, state)
    add_card_routes(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


class _ServerState:
    """What the routes share: the limits, the pool, the checker and fixer, the upload count."""

    def __init__(self, max_upload_bytes: int, upload_timeout_s: float, max_uploads: int,
                 runner: BoundedRunner, checker: Checker, fixer: Fixer | None) -> None:
        self.max_upload_bytes = max_upload_bytes
        self.upload_timeout_s = upload_timeout_s
        self.max_uploads = max_uploads
        self.runner = runner
        self.checker = checker
        self.fixer = fixer
        self.uploads_in_progress = 0
        self.uploads_per_client = UPLOADS_PER_CLIENT
        self.body_idle_s = BODY_IDLE_S
        self.uploads_by_client: dict[str, int] = {}

    @property
    def limit_mb(self) -> float:
        return round(self.max_upload_bytes / 1_000_000, 1)


_UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["photo"],
    "properties": {"photo": {"type": "string", "format": "binary"},
                   "profile": {"type": "string", "enum": sorted(PROFILES)},
                   "covering": {"type": "string", "enum": list(DECLARED_COVERINGS)}}}}}}}


def _add_routes(app: FastAPI, state: _ServerState) -> None:
    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    @app.get("/api/info")
    async def info() -> dict[str, Any]:
        """What this server offers, so a page can hide what it cannot do."""
        return {"version": __version__, "profiles": sorted(PROFILES),
                "default_profile": DEFAULT_PROFILE, "max_upload_bytes": state.max_upload_bytes,
                "fix": state.fixer is not None, "languages": list(CODES)}

    @app.get("/api/messages")
    async def messages(request: Request, lang: str | None = None,
                       langs: str | None = None) -> dict[str, Any]:
        """The page's strings in `lang` (any code, alias or locale; else Accept-Language);
        `langs=all` adds every language's, so the page switches without waiting."""
        return page_messages(_request_lang(request, lang), every_language=langs == "all")

    @app.post("/api/check", openapi_extra=_UPLOAD_BODY)
    async def check(request: Request) -> Response:
        """The photo's report (200), whatever the photo is; errors only for the request itself."""
        received = await _receive(request, state)
        if isinstance(received, Response):
            return received
        upload, profile, covering = received
        checker = state.checker if covering is None else partial(state.checker,
                                                                  covering=covering)
        result = await _run(state, checker, upload.photo, profile, upload.filename)
        if isinstance(result, Response):
            return result
        result.lang = _request_lang(request, upload.fields.get("lang"))
        return JSONResponse(result.to_dict(*_more_langs(request, upload.fields)))

    @app.post("/api/fix", openapi_extra=_UPLOAD_BODY,
              responses={200: {"content": {"image/jpeg": {}}}})
    async def fix(request: Request) -> Response:
        """The fixed JPEG, with what changed in the X-Photocheck-* headers."""
        if state.fixer is None:
            return error_response("fix_unavailable")
        received = await _receive(request, state)
        if isinstance(received, Response):
            return received
        upload, profile, covering = received
        fixer = state.fixer if covering is None else partial(state.fixer, covering=covering)
        result = await _run(state, fixer, upload.photo, profile)
        if isinstance(result, Response):
            return result
        lang = _request_lang(request, upload.fields.get("lang"))
        langs = (lang, *_more_langs(request, upload.fields))
        return _fix_response(result, langs)

    @app.post("/api/guide", openapi_extra=_UPLOAD_BODY)
    async def guide_frame(request: Request) -> Response:
        """Hints for one preview frame (200), or 422 when the frame is not a JPEG. Nothing is
        kept: the frame lives for this request only, like a photo sent to /api/check."""
        received = await _receive(request, state)
        if isinstance(received, Response):
            return received
        upload, _, covering = received
        lang = _request_lang(request, upload.fields.get("lang"))
        result = await _run(state, _guide_frame, upload.photo, _still_size(upload.fields), lang,
                            covering)
        if isinstance(result, Response):
            return result
        if isinstance(result, FrameError):
            return error_response("bad_frame", str(result)[:80])
        return JSONResponse(result.to_dict())


async def _receive(request: Request, state: _ServerState
                   ) -> tuple[Upload, str, str | None] | Response:
    """The upload, its profile and the declared head covering (None: none), or the error answer
    saying why there is none."""
    client = request.client.host if request.client else "unknown"
    if state.uploads_in_progress >= state.max_uploads:
        return error_response("busy", headers={"retry-after": "2"})
    if state.uploads_by_client.get(client, 0) >= state.uploads_per_client:
        return error_response("client_busy", str(state.uploads_per_client),
                              headers={"retry-after": "2"})
    state.uploads_in_progress += 1
    state.uploads_by_client[client] = state.uploads_by_client.get(client, 0) + 1
    try:
        upload = await asyncio.wait_for(
            read_upload(request, state.max_upload_bytes, idle_s=state.body_idle_s),
            state.upload_timeout_s)
    except asyncio.TimeoutError:
        return error_response("upload_timeout")
    except ClientDisconnect:  # the user closed the tab: one line, no traceback, no photo
        logger.info("client disconnected during the upload to %s", request.url.path)
        return error_response("bad_request", "the client disconnected")
    except UploadError as exc:
        return error_response(exc.code, exc.detail, limit_mb=state.limit_mb,
                              extra={"max_upload_bytes": state.max_upload_bytes}
                              if exc.code == "too_large" else None)
    finally:
        state.uploads_in_progress -= 1
        _release(state.uploads_by_client, client)
    if upload.photo is None:  # 422 however large the file sent under another name was
        names = [name[:40] for name in upload.other_files[:5]]
        return error_response("missing_photo", extra={"file_fields": names} if names else None)
    profile = (upload.fields.get("profile") or request.query_params.get("profile")
               or DEFAULT_PROFILE)
    if profile not in PROFILES:
        return error_response("bad_profile", profile[:20])
    covering = (upload.fields.get("covering") or request.query_params.get("covering")
                or None)
    if covering is not None and covering not in DECLARED_COVERINGS:
        return error_response("bad_covering", covering[:20])
    return upload, profile, covering


def _release(counts: dict[str, int], client: str) -> None:
    """One upload of `client` done; the entry goes when it has none left (no unbounded dict)."""
    left = counts.get(client, 1) - 1
    if left > 0:
        counts[client] = left
    else:
        counts.pop(client, None)


async def _run(state: _ServerState, fn: Callable[..., Any], *args: object) -> Any:
    """`fn(*args)` on the bounded pool, or the error answer when it is full, slow or broken."""
    try:
        return await state.runner.run(fn, *args)
    except Busy:
        return error_response("busy", headers={"retry-after": "2"})
    except CheckTimeout:
        return error_response("check_timeout")
    except Exception as exc:  # a bug: say so without the photo or its traceback locals
        logger.error("photo processing failed: %s", type(exc).__name__)
        return error_response("internal")


def _request_lang(request: Request, asked: str | None) -> str:
    """The language a request asked for (`lang`), else the browser's Accept-Language."""
    asked = asked or request.query_params.get("lang")
    if asked:
        return resolve(asked).code
    return accept.best(request.headers.get("accept-language"))


def _more_langs(request: Request, fields: dict[str, str]) -> tuple[str, ...]:
    """`langs=all`: every language in every message (the page switches without re-sending)."""
    asked = fields.get("langs") or request.query_params.get("langs")
    return CODES if asked == "all" else ()


def _fix_response(result: Any, langs: tuple[str, ...] = ()) -> Response:
    """The fixed JPEG with its changes and new verdict in headers, or 422 with the reasons."""
    unfixable = [c.to_dict(*langs) for c in getattr(result, "unfixable", [])]
    if result.jpeg is None:
        before = result.before
        before.lang = langs[0] if langs else before.lang
        return error_response("not_fixable", extra={
            "report": before.to_dict(*langs), "unfixable": unfixable})
    after = result.after.verdict.value if result.after is not None else "unknown"
    changes = [t.to_dict(*langs) for t in result.changes]
    headers = {
        "content-disposition": 'attachment; filename="photo-fixed.jpg"',
        "x-photocheck-verdict": after,
        # JSON with \u escapes: header values must be ASCII; the page decodes it.
        "x-photocheck-changes": _ascii_json(changes),
        "x-photocheck-unfixable": ",".join(c["id"] for c in unfixable),
    }
    return Response(result.jpeg, media_type="image/jpeg", headers=headers)


def _ascii_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=True, separators=(",", ":"))


def _check_bytes(data: bytes, profile: str, name: str | None,
                 covering: str | None = None) -> Report:
    return check_photo(data, profile, name=name, covering=covering)


def _guide_frame(frame: bytes, still_size: tuple[int, int] | None,
                 lang: str, covering: str | None = None) -> Guidance | FrameError:
    """The guide's answer, or the FrameError itself (returned: the pool treats a raise as a bug)."""
    try:
        return guide(frame, still_size=still_size, lang=lang, covering=covering)
    except FrameError as exc:
        return exc


def _still_size(fields: dict[str, str]) -> tuple[int, int] | None:
    """`still_width` x `still_height` when both are plausible pixel counts, else None."""
    try:
        size = int(fields.get("still_width", "")), int(fields.get("still_height", ""))
    except ValueError:
        return None
    return size if all(0 < side <= 20_000 for side in size) else None


def _installed_fixer() -> Fixer | None:
    """`photocheck.fix.fix_photo` when that part is installed, else None (fixing answers 501)."""
    try:
        module = importlib.import_module("photocheck.fix")
    except ModuleNotFoundError as exc:
        if exc.name in ("photocheck.fix", "photocheck"):
            return None
        raise
    fix_photo = getattr(module, "fix_photo", None)
    budget = getattr(module, "DecodeBudget", None)
    if fix_photo is None or budget is None:
        return fix_photo
    return partial(fix_photo, budget=budget.web())  # a shared server decodes far less


def _warm_up(failures: list[str]) -> None:
    """Load and run this worker thread's models before its first photo; a failure only costs
    latency, and is noted in `failures` to be logged by the caller."""
    try:
        from photocheck.vision.models import run_once_on_a_face

        run_once_on_a_face()
    except Exception as exc:
        failures.append(type(exc).__name__)
