"""The API's error answers: one JSON shape, a stable code and a message in both languages.

A front end keys on `error` (stable, like rule ids) and shows `message` in the user's language;
the status code is the HTTP meaning. Nothing about the photo itself is echoed back or logged.
"""

from __future__ import annotations

from starlette.responses import JSONResponse

from photocheck.report import Text

ERRORS: dict[str, tuple[int, Text]] = {
    "too_large": (413, Text(
        "The file is larger than this service accepts ({limit_mb} MB).",
        "ファイルが大きすぎます（上限 {limit_mb} MB）。")),
    "missing_photo": (422, Text(
        "No photo was sent: add the file as the form field \"photo\".",
        "写真が送信されていません。フォーム項目「photo」にファイルを付けてください。")),
    "bad_profile": (422, Text(
        "Unknown profile \"{detail}\": use online or print.",
        "プロファイル「{detail}」は使えません。online か print を指定してください。")),
    "bad_request": (400, Text(
        "The upload could not be read ({detail}).",
        "アップロードを読み取れませんでした（{detail}）。")),
    "unsupported_body": (415, Text(
        "Send the photo as multipart/form-data or as the raw image bytes, not {detail}.",
        "写真は multipart/form-data か画像のバイト列で送ってください（{detail} は不可）。")),
    "upload_timeout": (408, Text(
        "The upload took too long.", "アップロードに時間がかかりすぎました。")),
    "client_busy": (429, Text(
        "You already have {detail} uploads in progress; wait for one to finish.",
        "すでに {detail} 件のアップロードが進行中です。終わるまでお待ちください。")),
    "busy": (429, Text(
        "The service is busy; try again in a few seconds.",
        "混み合っています。数秒後にもう一度お試しください。")),
    "check_timeout": (504, Text(
        "Checking this photo took too long.", "写真の確認に時間がかかりすぎました。")),
    "fix_unavailable": (501, Text(
        "This server cannot fix photos.", "このサーバーでは写真を修正できません。")),
    "not_fixable": (422, Text(
        "This photo cannot be fixed automatically; please take a new one.",
        "この写真は自動では修正できません。撮り直してください。")),
    "internal": (500, Text(
        "Something went wrong while checking the photo.",
        "写真の確認中に問題が発生しました。")),
}


def error_response(code: str, detail: str = "", limit_mb: float | None = None,
                   extra: dict[str, object] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """`{"error": code, "message": {"en", "ja"}, ...extra}` with the code's HTTP status."""
    status, text = ERRORS[code]
    limit = f"{limit_mb:g}" if limit_mb is not None else ""
    body: dict[str, object] = {
        "error": code,
        "message": text.format(detail=detail, limit_mb=limit).to_dict(),
    }
    body.update(extra or {})
    return JSONResponse(body, status_code=status, headers=headers)
