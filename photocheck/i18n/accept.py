"""The browser's Accept-Language header (RFC 9110 section 12.5.4), for the web page's default."""

from __future__ import annotations

from photocheck.i18n.languages import DEFAULT
from photocheck.i18n.resolve import match


def parse(header: str | None) -> list[tuple[str, float]]:
    """`"vi-VN,vi;q=0.9,en;q=0.5"` -> [("vi-VN", 1.0), ("vi", 0.9), ("en", 0.5)], best first.

    Malformed q-values count as 0 (not acceptable) rather than failing; equal weights keep the
    header's order, which is how browsers express preference among them.
    """
    ranges: list[tuple[str, float]] = []
    for item in (header or "").split(","):
        tag, _, params = item.strip().partition(";")
        tag = tag.strip()
        if not tag:
            continue
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
                q = min(max(q, 0.0), 1.0)
        ranges.append((tag, q))
    return sorted(ranges, key=lambda r: -r[1])  # sorted() is stable: ties keep header order


def best(header: str | None) -> str:
    """The supported language the header prefers most; English when none is acceptable."""
    for tag, q in parse(header):
        if q <= 0 or tag == "*":
            continue
        code = match(tag)
        if code:
            return code
    return DEFAULT
