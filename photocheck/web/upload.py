"""Reading an uploaded photo from the request body into memory, with a cap, never to disk.

Starlette's form parser spools file parts larger than 1 MB to a temporary file; an ID photo is a
personal document, so this module reads the raw body stream itself and hands it to
python-multipart's streaming parser, which only calls back with slices of the bytes. The cap is
enforced twice: on the declared Content-Length before anything is read, then on the bytes as they
arrive (a client may lie or send chunked), so a 2 GB upload costs at most the cap in memory.
A body that pauses longer than `idle_s` between pieces is cut off (UploadError "upload_timeout"),
so a client trickling bytes holds its slot seconds, not minutes. A file sent under another field
name is not kept (only its size counts), so the answer is "wrong field", not "too large".
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from photocheck.rules import limit

MULTIPART_SLACK = 64 * 1024
"""Room for part headers, boundaries and the small text fields on top of the photo's own cap."""

MAX_PARTS = int(limit("web.multipart.max_parts").value)
"""Parts of one form; more is a flood of tiny fields, refused before they fill memory."""

MAX_FIELD_BYTES = int(limit("web.multipart.max_field_bytes").value)
"""All text fields and part headers together: what is held besides the photo."""

RAW_BODY_TYPES = ("image/", "application/octet-stream")
"""Body types taken as the photo itself (no multipart), for clients that send bytes directly."""


class UploadError(Exception):
    """The request body cannot be used; `code` names why (see errors.py for the messages)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class Upload:
    """The photo's bytes, the name the client gave it, and the form's text fields."""

    photo: bytes | None = None
    filename: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    other_files: list[str] = field(default_factory=list)
    """Field names of file parts that were not the photo (their bytes are not kept)."""


async def read_upload(request: Request, max_bytes: int, photo_field: str = "photo",
                      idle_s: float | None = None) -> Upload:
    """The upload in `request`: multipart with a `photo_field` part, or a raw image body.

    Raises UploadError("too_large") past `max_bytes` of photo, ("bad_request") for a malformed
    body and ("unsupported_body") for a body that is neither multipart nor raw bytes.
    """
    content_type, params = parse_options_header(request.headers.get("content-type"))
    if content_type == b"multipart/form-data":
        boundary = params.get(b"boundary")
        if not boundary:
            raise UploadError("bad_request", "multipart body without a boundary")
        return await _read_multipart(request, boundary, max_bytes, photo_field, idle_s)
    if content_type.decode("latin-1").startswith(RAW_BODY_TYPES):
        data = await _read_capped(request, max_bytes, idle_s)
        return Upload(photo=data, fields=dict(request.query_params))
    raise UploadError("unsupported_body", content_type.decode("latin-1") or "none")


def _check_declared_length(request: Request, cap: int) -> None:
    """Refuse before reading when the client already says the body is over the cap."""
    declared = request.headers.get("content-length")
    if declared is None:
        return
    try:
        length = int(declared)
    except ValueError:
        raise UploadError("bad_request", "invalid Content-Length") from None
    if length > cap:
        raise UploadError("too_large")


async def _chunks(request: Request, idle_s: float | None) -> AsyncIterator[bytes]:
    """The body's pieces; UploadError("upload_timeout") when one takes longer than `idle_s`."""
    stream = request.stream().__aiter__()
    while True:
        try:
            yield await asyncio.wait_for(stream.__anext__(), idle_s)
        except StopAsyncIteration:
            return
        except asyncio.TimeoutError:
            raise UploadError("upload_timeout", "idle") from None


async def _read_capped(request: Request, cap: int, idle_s: float | None = None) -> bytes:
    """The whole body, refusing as soon as more than `cap` bytes have arrived."""
    _check_declared_length(request, cap)
    body = bytearray()
    async for chunk in _chunks(request, idle_s):
        body += chunk
        if len(body) > cap:
            raise UploadError("too_large")
    return bytes(body)


class _PartCollector:
    """python-multipart callbacks that keep each part in memory: the photo capped, fields small."""

    def __init__(self, photo_field: str, max_photo: int) -> None:
        self.photo_field = photo_field
        self.max_photo = max_photo
        self.upload = Upload()
        self.finished = False
        self._header_name = bytearray()
        self._header_value = bytearray()
        self._headers: dict[bytes, bytes] = {}
        self._data = bytearray()
        self._name = ""
        self._filename: str | None = None
        self._parts = 0
        self._small_bytes = 0

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._header_piece(self._header_name, d[s:e]),
            "on_header_value": lambda d, s, e: self._header_piece(self._header_value, d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": self._part_data,
            "on_part_end": self._part_end,
            "on_end": self._end,
        }

    def _part_begin(self) -> None:
        self._parts += 1
        if self._parts > MAX_PARTS:
            raise UploadError("bad_request", f"more than {MAX_PARTS} form parts")
        self._headers = {}
        self._data = bytearray()

    def _header_piece(self, buffer: bytearray, piece: bytes) -> None:
        self._count_small(len(piece))
        buffer.extend(piece)

    def _header_end(self) -> None:
        self._headers[bytes(self._header_name).lower()] = bytes(self._header_value)
        self._header_name.clear()
        self._header_value.clear()

    def _count_small(self, size: int) -> None:
        """Bytes held besides the photo; past MAX_FIELD_BYTES the upload is refused."""
        self._small_bytes += size
        if self._small_bytes > MAX_FIELD_BYTES:
            raise UploadError("bad_request", f"form fields over {MAX_FIELD_BYTES} bytes")

    def _headers_finished(self) -> None:
        """The part's field name and file name, from its Content-Disposition header."""
        _, params = parse_options_header(self._headers.get(b"content-disposition"))
        self._name = params.get(b"name", b"").decode("utf-8", "replace")
        filename = params.get(b"filename")
        self._filename = filename.decode("utf-8", "replace") if filename is not None else None

    def _part_data(self, data: bytes, start: int, end: int) -> None:
        if self._name != self.photo_field and self._filename is not None:
            return  # a file under another name: not kept; the body's total cap still applies
        if self._name != self.photo_field:
            self._count_small(end - start)
        elif len(self._data) + (end - start) > self.max_photo:
            raise UploadError("too_large")
        self._data.extend(data[start:end])

    def _part_end(self) -> None:
        if self._name == self.photo_field:
            self.upload.photo = bytes(self._data)
            self.upload.filename = self._filename
        elif self._filename is not None:
            self.upload.other_files.append(self._name)
        elif self._name:
            self.upload.fields[self._name] = self._data.decode("utf-8", "replace")
        self._data = bytearray()

    def _end(self) -> None:
        self.finished = True


async def _read_multipart(
    request: Request, boundary: bytes, max_photo: int, photo_field: str,
    idle_s: float | None = None,
) -> Upload:
    cap = max_photo + MULTIPART_SLACK
    _check_declared_length(request, cap)
    collector = _PartCollector(photo_field, max_photo)
    parser = MultipartParser(boundary, collector.callbacks())  # type: ignore[arg-type]
    received = 0
    try:
        async for chunk in _chunks(request, idle_s):
            received += len(chunk)
            if received > cap:
                raise UploadError("too_large")
            parser.write(chunk)
        parser.finalize()
    except (UploadError, ClientDisconnect):
        raise
    except Exception as exc:  # python-multipart raises its own errors for malformed bodies
        raise UploadError("bad_request", type(exc).__name__) from None
    if not collector.finished:
        raise UploadError("bad_request", "the multipart body ended early")
    return collector.upload
