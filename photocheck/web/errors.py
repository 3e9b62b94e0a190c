"""The API's error answers: one JSON shape, a stable code and a message in both languages.

A front end keys on `error` (stable, like rule ids) and shows `message` in the user's language;
the status code is the HTTP meaning. Nothing about the photo itself is echoed back or logged.
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from photocheck.i18n.languages import CODES
from photocheck.report import Text

ERRORS: dict[str, tuple[int, Text]] = {
    "too_large": (413, Text(
        "The file is larger than this service accepts ({limit_mb} MB).")),
    "missing_photo": (422, Text(
        "No photo was sent: add the file as the form field \"photo\".")),
    "bad_profile": (422, Text(
        "Unknown profile \"{detail}\": use online or print.")),
    "bad_covering": (422, Text(
        "Unknown head covering \"{detail}\": use religious or medical, or leave it out.")),
    "bad_frame": (422, Text(
        "The camera frame could not be read ({detail}).")),
    "bad_request": (400, Text(
        "The upload could not be read ({detail}).")),
    "unsupported_body": (415, Text(
        "Send the photo as multipart/form-data or as the raw image bytes, not {detail}.")),
    "upload_timeout": (408, Text(
        "The upload took too long.")),
    "client_busy": (429, Text(
        "You already have {detail} uploads in progress; wait for one to finish.")),
    "busy": (429, Text(
        "The service is busy; try again in a few seconds.")),
    "check_timeout": (504, Text(
        "Checking this photo took too long.")),
    "fix_unavailable": (501, Text(
        "This server cannot fix photos.")),
    "not_fixable": (422, Text(
        "This photo cannot be fixed automatically; please take a new one.")),
    "internal": (500, Text(
        "Something went wrong while checking the photo.")),
}


def error_response(code: str, detail: str = "", limit_mb: float | None = None,
                   extra: dict[str, object] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """`{"error": code, "message": {"en", "ja"}, ...extra}` with the code's HTTP status."""
    status, text = ERRORS[code]
    # a number, so each language writes it its own way (Text.format: Babel's format_decimal)
    limit: float | str = limit_mb if limit_mb is not None else ""
    body: dict[str, object] = {
        "error": code,
        # every language: an error has no report to say which one the page is showing
        "message": text.format(detail=detail, limit_mb=limit).to_dict(*CODES),
    }
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers)
