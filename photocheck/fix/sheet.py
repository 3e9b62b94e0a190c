"""`print_sheet`: copies of the 35 x 45 mm photo on photo paper at true size, with cut guides.

The layout is computed in millimetres once; the PDF places each photo at exactly 35 x 45 mm on a
page the size of the paper, and the JPEG maps the same millimetres onto whole pixels at the chosen
DPI and stores that DPI, so a printer set to "actual size" prints the photos at 35 x 45 mm.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from photocheck.fix.colour import to_rgb
from photocheck.fix.errors import FixError
from photocheck.fix.framing import crop_box
from photocheck.fix.head import locate_head
from photocheck.fix.load import open_upright
from photocheck.fix.papers import DPIS, paper_size
from photocheck.rules import limit
from photocheck.source import SourceError, SourceLike, describe, load

MM_PER_INCH = 25.4
GUIDE_GREY = (150, 150, 150)
GUIDE_LENGTH_MM = 2.0
GUIDE_OFFSET_MM = 0.3
GUIDE_WIDTH_MM = 0.1
JPEG_QUALITY = 95


@dataclass(frozen=True)
class Tile:
    """Where one photo goes, in mm from the paper's top-left corner."""

    x: float
    y: float
    width: float
    height: float


def sheet_layout(paper: str) -> tuple[tuple[float, float], list[Tile]]:
    """The paper size and as many 35 x 45 mm tiles as fit, centred, in rows and columns."""
    paper_w, paper_h = paper_size(paper)
    photo_w, photo_h = limit("print.size_mm").value
    gap = float(limit("fix.sheet_gap_mm").value)
    margin = float(limit("fix.sheet_margin_mm").value)
    cols = int((paper_w - 2 * margin + gap) // (photo_w + gap))
    rows = int((paper_h - 2 * margin + gap) // (photo_h + gap))
    grid_w = cols * photo_w + (cols - 1) * gap
    grid_h = rows * photo_h + (rows - 1) * gap
    x0, y0 = (paper_w - grid_w) / 2, (paper_h - grid_h) / 2
    tiles = [Tile(x0 + c * (photo_w + gap), y0 + r * (photo_h + gap), photo_w, photo_h)
             for r in range(rows) for c in range(cols)]
    return (paper_w, paper_h), tiles


def print_sheet(source: SourceLike, *, paper: str = "L", dpi: int = 350, fmt: str = "pdf"
                ) -> bytes:
    """A print sheet of the photo in `source` as PDF or JPEG bytes.

    The photo is cropped to 35:45 around the face first unless it already is 35:45. Raises
    FixError when the photo cannot be read, ValueError for an unknown paper, DPI or format.
    """
    if dpi not in DPIS:
        raise ValueError(f"dpi must be one of {DPIS}")
    if fmt not in ("pdf", "jpg"):
        raise ValueError("fmt must be 'pdf' or 'jpg'")
    size_mm, tiles = sheet_layout(paper)
    photo = _photo_35x45(source)
    tile_px = (_px(tiles[0].width, dpi), _px(tiles[0].height, dpi))
    photo = photo.resize(tile_px, Image.Resampling.LANCZOS)
    if fmt == "pdf":
        return _pdf(photo, size_mm, tiles)
    return _jpeg(photo, size_mm, tiles, dpi)


def _photo_35x45(source: SourceLike) -> Image.Image:
    """The photo upright in RGB, cut to 35:45 around the face (centre cut without a face)."""
    try:
        src = load(source)
    except SourceError as exc:
        raise FixError(describe(exc)) from None
    if not src.complete:  # only its head was read: far beyond any photo worth printing
        raise FixError(describe(SourceError("too_large", f"{src.size:,} bytes")))
    data = src.data
    image, _ = to_rgb(open_upright(data).image)
    ratio = float(limit("print.aspect.ratio").value)
    if abs(image.width / image.height - ratio) <= float(limit("print.aspect.tolerance").value):
        return image
    head = locate_head(np.asarray(image))
    box = crop_box(head, image.width, image.height, "print") if head else None
    return image.crop(box or _centre_box(image.width, image.height, ratio))


def _centre_box(width: int, height: int, ratio: float) -> tuple[int, int, int, int]:
    crop_w = min(width, round(height * ratio))
    crop_h = min(height, round(crop_w / ratio))
    left, top = (width - crop_w) // 2, (height - crop_h) // 2
    return left, top, left + crop_w, top + crop_h


def _px(mm: float, dpi: int) -> int:
    return round(mm / MM_PER_INCH * dpi)


def _guide_segments(tile: Tile) -> list[tuple[float, float, float, float]]:
    """Short lines continuing each edge of `tile` outwards from its corners (in mm)."""
    off, length = GUIDE_OFFSET_MM, GUIDE_LENGTH_MM
    left, top, right, bottom = tile.x, tile.y, tile.x + tile.width, tile.y + tile.height
    segments = []
    for y in (top, bottom):
        segments += [(left - off - length, y, left - off, y),
                     (right + off, y, right + off + length, y)]
    for x in (left, right):
        segments += [(x, top - off - length, x, top - off),
                     (x, bottom + off, x, bottom + off + length)]
    return segments


def _jpeg(photo: Image.Image, size_mm: tuple[float, float], tiles: list[Tile], dpi: int) -> bytes:
    sheet = Image.new("RGB", (_px(size_mm[0], dpi), _px(size_mm[1], dpi)), (255, 255, 255))
    draw = ImageDraw.Draw(sheet)
    line_px = max(1, _px(GUIDE_WIDTH_MM, dpi))
    for tile in tiles:
        sheet.paste(photo, (_px(tile.x, dpi), _px(tile.y, dpi)))
        for x0, y0, x1, y1 in _guide_segments(tile):
            draw.line([(_px(x0, dpi), _px(y0, dpi)), (_px(x1, dpi), _px(y1, dpi))],
                      fill=GUIDE_GREY, width=line_px)
    buffer = io.BytesIO()
    sheet.save(buffer, "JPEG", quality=JPEG_QUALITY, subsampling=0, dpi=(dpi, dpi))
    return buffer.getvalue()


def _pdf(photo: Image.Image, size_mm: tuple[float, float], tiles: list[Tile]) -> bytes:
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page_w, page_h = size_mm[0] * mm, size_mm[1] * mm
    pdf = canvas.Canvas(buffer, pagesize=(page_w, page_h), pageCompression=1)
    pdf.setTitle("ID photo print sheet")
    pdf.setStrokeColorRGB(*(c / 255 for c in GUIDE_GREY))
    pdf.setLineWidth(GUIDE_WIDTH_MM * mm)
    reader = ImageReader(photo)
    for tile in tiles:
        # PDF's origin is the bottom-left corner; the layout's is the top-left.
        pdf.drawImage(reader, tile.x * mm, page_h - (tile.y + tile.height) * mm,
                      width=tile.width * mm, height=tile.height * mm)
        for x0, y0, x1, y1 in _guide_segments(tile):
            pdf.line(x0 * mm, page_h - y0 * mm, x1 * mm, page_h - y1 * mm)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
