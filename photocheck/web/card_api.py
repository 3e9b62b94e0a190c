"""`POST /api/card`: the card-dates calculator over HTTP, for the page's "When does my card
expire?" panel and any other front end.

JSON in (the keys of `photocheck card`'s options: birth, issued | applied, received, category,
stay_end, nationality_lost, new_stay_end, moved, lost), the same JSON out as `photocheck card
--json` (docs/card-json.md). Errors have the API's shape: {"error", "message": {"en", "ja"}}.
Nothing from the request is logged.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from photocheck.card import CardInputError, compute, parse_query
from photocheck.card.render import to_dict
from photocheck.card.rules import categories
from photocheck.i18n.languages import CODES
from photocheck.i18n.resolve import resolve
from photocheck.report import Text
from photocheck.rules import limit
from photocheck.web.errors import error_response

BODY_S = float(limit("web.body_idle_s").value)
"""The whole body must arrive within one upload pause: it is a few hundred bytes."""

MAX_BODY_BYTES = 4096
"""A full request is a few hundred bytes; anything much larger is not a card question."""

_ERRORS = {
    "too_large": (413, Text("The request is larger than {limit} bytes.")),
    "bad_request": (400, Text("Send a JSON object, e.g. {{\"birth\": \"1990-05-10\", "
                              "\"issued\": \"2024-05-10\"}}.")),
}


def _langs(lang: str | None, langs: str | None) -> tuple[str, ...]:
    """The languages beyond en and ja the answer's messages carry."""
    if langs == "all":
        return CODES
    return (resolve(lang).code,) if lang else ()


def _error(code: str, status: int, text: Text, extra: dict[str, Any] | None = None,
           langs: tuple[str, ...] = ()) -> JSONResponse:
    return JSONResponse({"error": code, "message": text.to_dict(*langs), **(extra or {})},
                        status_code=status)


def _fixed_error(code: str) -> JSONResponse:
    status, text = _ERRORS[code]
    return _error(code, status, text.format(limit=MAX_BODY_BYTES))


async def _json_object(request: Request) -> dict[str, Any] | JSONResponse:
    declared = request.headers.get("content-length", "0")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        return _fixed_error("too_large")
    try:  # a client trickling its 4 KB holds the connection seconds, not hours
        body = await asyncio.wait_for(_body(request), BODY_S)
    except asyncio.TimeoutError:
        return error_response("upload_timeout")
    if body is None:
        return _fixed_error("too_large")
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: "[[[[..."
        return _fixed_error("bad_request")
    return value if isinstance(value, dict) else _fixed_error("bad_request")


async def _body(request: Request) -> bytes | None:
    """The whole body, or None past MAX_BODY_BYTES."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return body


def _category_list() -> list[dict[str, Any]]:
    needs = {"stay_end": "stay_end", "permit_end": "stay_end"}
    return [{"key": c.key, "name": c.name.to_dict(*CODES),
             "needs": needs.get(c.cap) or ("nationality_lost" if c.start == "nationality_loss"
                                           else None)}
            for c in categories().values()]


def add_card_routes(app: FastAPI) -> None:
    """Register /api/card and /api/card/categories on ``app``."""

    @app.get("/api/card/categories")
    async def card_categories() -> list[dict[str, Any]]:
        """The accepted categories with their names, and which extra date each needs."""
        return _category_list()

    @app.post("/api/card")
    async def card(request: Request, lang: str | None = None,
                   langs: str | None = None) -> JSONResponse:
        """The card's and certificates' expiry, the windows and the events' deadlines.

        Messages carry en and ja, plus `lang` (one of the twelve codes) or, with `langs=all`,
        every language, so the page switches language without asking again."""
        langs = _langs(lang, langs)
        raw = await _json_object(request)
        if isinstance(raw, JSONResponse):
            return raw
        try:
            result = compute(parse_query(raw))
        except CardInputError as exc:
            return _error("bad_card_input", 422, Text("{field}: {message}"
                                                      ).format(field=exc.field, message=exc.text),
                          {"field": exc.field}, langs)
        return JSONResponse(to_dict(result, *langs))
