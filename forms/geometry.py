"""Rectangles in PDF points with a top-left origin (pdfplumber's convention).

Renderer, locator and filler all speak this one convention; only the drawing layer converts to
reportlab's bottom-left origin.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.units import mm

PHOTO_WIDTH = 35 * mm
PHOTO_HEIGHT = 45 * mm


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: x grows right, top/bottom grow downwards from the page top."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center(self) -> tuple[float, float]:
        return (self.x0 + self.x1) / 2, (self.top + self.bottom) / 2

    def contains(self, other: Box, tol: float = 0.01) -> bool:
        """True when ``other`` lies inside this box (edges may touch within ``tol``)."""
        return (
            other.x0 >= self.x0 - tol
            and other.x1 <= self.x1 + tol
            and other.top >= self.top - tol
            and other.bottom <= self.bottom + tol
        )

    def contains_point(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom

    def inset(self, d: float) -> Box:
        return Box(self.x0 + d, self.top + d, self.x1 - d, self.bottom - d)
