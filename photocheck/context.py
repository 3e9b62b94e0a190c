"""What the checks of one photo share: its bytes, its header facts, and lazily its pixels.

Each check asks the context for what it needs; the context computes each thing at most once and
only when first asked, so a photo rejected on its header never has its pixels decoded, and the
detectors run once however many rules read their results.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from photocheck.decode import DecodeError, WorkingImage, decode_working
from photocheck.exif import ExifInfo, parse_exif
from photocheck.jpeg_header import JpegHeader, JpegHeaderError, read_header
from photocheck.sniff import FileType, sniff
from photocheck.source import Source

if TYPE_CHECKING:
    from collections.abc import Callable

    from photocheck.report import Check

T = TypeVar("T")

AUTO = "auto"
HELPER: ContextVar[Executor | str | None] = ContextVar("photocheck_helper", default=AUTO)
"""A thread a check may hand one analysis to while it runs the others. `AUTO` (the default):
the library lends one when a core is spare (`photocheck.spare_core`); None: run everything in
the caller's thread, as a batch worker does (its core is its own, the others are taken); an
executor: that one (the web runner lends its own pool, see photocheck/web/runner.py)."""


@dataclass
class Context:
    """One photo being checked against one profile."""

    source: Source
    profile: str
    now: datetime
    results: dict[str, Check] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)
    """Results of expensive analyses (face landmarks, masks) shared between checks by name."""
    helper: Executor | None = None
    """Where `prefetch` may start an analysis early (see HELPER); None: nowhere."""
    pending: dict[str, Future[Any]] = field(default_factory=dict)
    covering: str | None = None
    """The head covering the applicant declared ("religious" / "medical"), None when none."""

    def shared(self, key: str, compute: Callable[[Context], T]) -> T:
        """`compute(self)` the first time `key` is asked for, the stored result after that.

        Analyses several rules read (face landmarks, the person mask) go through here, so each
        runs once per photo and only when a rule needs it. One started by `prefetch` is waited
        for (its exception, if any, is raised here, as if it had run in this thread).
        """
        if key not in self.extras:
            future = self.pending.pop(key, None)
            self.extras[key] = compute(self) if future is None else future.result()
        return self.extras[key]  # type: ignore[no-any-return]

    def prefetch(self, key: str, compute: Callable[[Context], T]) -> None:
        """Start `compute(self)` on the helper thread, when there is one, for `shared` to collect.

        Only for analyses that read nothing a rule writes (the pixels, the limits), so running
        them early and elsewhere gives the same result.
        """
        if self.helper is not None and key not in self.extras and key not in self.pending:
            self.pending[key] = self.helper.submit(compute, self)

    @cached_property
    def file_type(self) -> FileType:
        return sniff(self.source.data[:64])

    @cached_property
    def _header_or_error(self) -> JpegHeader | str:
        if self.file_type is not FileType.JPEG:
            return "not a JPEG"
        try:
            return read_header(self.source.data)
        except JpegHeaderError as exc:
            return str(exc)

    @property
    def header(self) -> JpegHeader | None:
        """The JPEG header facts, or None when the file is not a JPEG or its header is broken."""
        value = self._header_or_error
        return value if isinstance(value, JpegHeader) else None

    @property
    def header_error(self) -> str | None:
        value = self._header_or_error
        return value if isinstance(value, str) and self.file_type is FileType.JPEG else None

    @cached_property
    def exif(self) -> ExifInfo:
        return parse_exif(self.header.exif if self.header else None)

    @cached_property
    def _working_or_error(self) -> WorkingImage | str:
        header = self.header
        if header is None:
            return self.header_error or "not a JPEG"
        try:
            return decode_working(self.source.data, header, self.exif.orientation)
        except DecodeError as exc:
            return str(exc)

    @property
    def working(self) -> WorkingImage:
        """The decoded working image; only call once `decode_error` is None."""
        value = self._working_or_error
        if isinstance(value, str):
            raise DecodeError(value)
        return value

    @property
    def decode_error(self) -> str | None:
        """libjpeg's complaint when the pixel data does not decode cleanly, else None."""
        value = self._working_or_error
        return value if isinstance(value, str) else None

    @property
    def pixels_decoded(self) -> bool:
        """Whether the working image was decoded (the benchmark and tests read this)."""
        return "_working_or_error" in self.__dict__
