"""The one exception the fixer raises: nothing usable can be made from the input."""

from __future__ import annotations

from photocheck.report import Text


class FixError(Exception):
    """The input cannot be turned into a photo; `message` says why, in both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.message = message
