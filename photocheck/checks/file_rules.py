"""Rules judged from the file's bytes and JPEG header alone: no pixel is decoded for them.

`file.integrity` is the exception that proves the rule: it decodes the working image, but only
once every other file-level rule has passed, so a file rejected on its header costs no decode.
"""

from __future__ import annotations

import re

from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.jpeg_header import ColorModel
from photocheck.report import Check, Status, Text
from photocheck.rules import EDITOR_SOFTWARE, limit
from photocheck.sniff import FileType

FIX_CONVERT = Text(
    "`photocheck fix` converts it to a compliant JPEG.",
)
NOT_JPEG = Text(
    "Not judged: the file is not a readable JPEG.",
)

_CONVERTIBLE = frozenset(
    {FileType.PNG, FileType.WEBP, FileType.HEIC, FileType.HEIF, FileType.AVIF, FileType.GIF,
     FileType.TIFF, FileType.BMP}
)
_FILE_GATES = ("file.format", "file.color_mode", "file.size")


@judges("file.format")
def file_format(ctx: Context) -> Check:
    kind = ctx.file_type
    if kind is FileType.JPEG:
        msg = Text("The file is a JPEG.")
        return Check("file.format", Status.PASS, msg, value="JPEG")
    if kind is FileType.EMPTY:
        msg = Text("The file is empty (0 bytes). Choose the photo file itself.")
    elif kind in (FileType.TEXT, FileType.UNKNOWN, FileType.PDF):
        msg = Text(
            "The file is {kind}, not a photo. The online application accepts JPEG photos "
            "(.jpg/.jpeg) only; choose the photo file itself.",
        ).format(kind=kind.value)
    else:
        msg = Text(
            "The file is a {kind} image, not a JPEG, whatever its name says. The online "
            "application accepts JPEG (.jpg/.jpeg) only.",
        ).format(kind=kind.value)
    fix = FIX_CONVERT if kind in _CONVERTIBLE else None
    return Check("file.format", Status.FAIL, msg, value=kind.value, limit="JPEG", fix=fix)


@judges("file.color_mode")
def file_color_mode(ctx: Context) -> Check:
    header = ctx.header
    if header is None:
        return Check("file.color_mode", Status.SKIP, NOT_JPEG)
    model = header.color_model
    if model in (ColorModel.YCBCR, ColorModel.RGB):
        msg = Text("Colour mode is RGB ({model}, 3 components).").format(model=model.value)
        return Check("file.color_mode", Status.PASS, msg, value=model.value, limit="RGB")
    if model is ColorModel.GRAY:
        msg = Text(
            "The JPEG has a single grey channel; the online application needs an RGB file. "
            "A black-and-white photo is fine once it is saved in RGB colour mode.",
        )
    else:
        msg = Text(
            "The JPEG is in {model} colour mode ({n} components), which is for printing; the "
            "online application accepts RGB only. Save it again as an RGB JPEG.",
        ).format(model=model.value, n=header.components)
    fix = Text("`photocheck fix` converts it to RGB.")
    return Check("file.color_mode", Status.FAIL, msg, value=model.value, limit="RGB", fix=fix)


@judges("file.size")
def file_size(ctx: Context) -> Check:
    size = ctx.source.size
    low, high = limit("file.size.bytes").value
    params = {"size": size, "low": low, "high": high}
    if low <= size <= high:
        msg = Text("File size {size} bytes is within {low} to {high} bytes.")
        return Check("file.size", Status.PASS, msg.format(**params), value=size, limit=[low, high])
    if size < low:
        msg = Text(
            "The file is only {size} bytes; at least {low} bytes (20 KB) are required. Use the "
            "original photo, not a thumbnail or a heavily compressed copy.",
        )
        fix = Text("`photocheck fix` re-encodes it at a higher quality when the image is large "
                   "enough.")
    else:
        msg = Text(
            "The file is {size} bytes; at most {high} bytes (7 MB) are accepted.",
        )
        fix = Text("`photocheck fix` scales and re-encodes it under 7 MB.")
    return Check("file.size", Status.FAIL, msg.format(**params), value=size, limit=[low, high],
                 fix=fix)


@judges("image.dimensions")
def image_dimensions(ctx: Context) -> Check:
    header = ctx.header
    if header is None:
        return Check("image.dimensions", Status.SKIP, NOT_JPEG)
    w, h = header.width, header.height
    low, high = limit("image.dimensions.px").value
    params = {"w": w, "h": h, "low": low, "high": high}
    if low <= w <= high and low <= h <= high:
        msg = Text("{w} x {h} px: each side is within {low} to {high} px.")
        return Check("image.dimensions", Status.PASS, msg.format(**params), value=[w, h],
                     limit=[low, high])
    if min(w, h) < low:
        msg = Text(
            "The image is {w} x {h} px; each side must be at least {low} px. Use the original "
            "photo or take it again at a higher resolution.",
        )
        fix = None  # enlarging would invent detail, which the agency treats as editing
    else:
        msg = Text(
            "The image is {w} x {h} px; each side must be at most {high} px.",
        )
        fix = Text("`photocheck fix` scales it down.")
    return Check("image.dimensions", Status.FAIL, msg.format(**params), value=[w, h],
                 limit=[low, high], fix=fix)


@judges("file.integrity")
def file_integrity(ctx: Context) -> Check:
    if ctx.file_type is not FileType.JPEG:
        return Check("file.integrity", Status.SKIP, NOT_JPEG)
    unsupported = _unsupported_coding(ctx)
    if unsupported is not None:
        return unsupported
    complete = ctx.source.complete  # only the head of an over-size file was read: no EOI in it
    broken = ctx.header_error or (None if ctx.header.has_eoi or not complete else
                                  "the end-of-image marker is missing, so the file was cut off")
    if broken is None:
        gate = _pixel_gate(ctx)
        if gate:
            msg = Text("The image data was not decoded because the file already fails: {rules}.")
            return Check("file.integrity", Status.SKIP, msg.format(rules=", ".join(gate)))
        broken = ctx.decode_error
    if broken is None:
        msg = Text("The image data is complete and decodes cleanly.")
        return Check("file.integrity", Status.PASS, msg)
    msg = Text(
        "The JPEG is damaged or incomplete ({detail}). Copy, download or export the photo again "
        "from the original.",
    )
    return Check("file.integrity", Status.FAIL, msg.format(detail=broken))


def _unsupported_coding(ctx: Context) -> Check | None:
    """A well-formed JPEG that viewers cannot show (12-bit, arithmetic-coded): said as such,
    not as damage, since re-exporting is the cure, not copying again."""
    header = ctx.header
    if header is None:
        return None
    if header.precision != 8:
        msg = Text(
            "The JPEG stores {bits}-bit samples; browsers and the application site show only "
            "standard 8-bit JPEGs. Export the photo again as an ordinary 8-bit JPEG.",
        ).format(bits=header.precision)
        return Check("file.integrity", Status.FAIL, msg, value=f"{header.precision}-bit",
                     limit="8-bit")
    if header.arithmetic:
        msg = Text(
            "The JPEG uses arithmetic coding, which browsers and the application site cannot "
            "show. Export the photo again as an ordinary (baseline) JPEG.",
        )
        return Check("file.integrity", Status.FAIL, msg, value="arithmetic", limit="Huffman")
    return None


def _pixel_gate(ctx: Context) -> list[str]:
    """Why the pixels must not be decoded: failed file rules, or a decompression-bomb header."""
    failed = [rid for rid in _FILE_GATES
              if rid in ctx.results and ctx.results[rid].status is Status.FAIL]
    header = ctx.header
    if header and header.width * header.height > limit("image.pixels.max").value:
        failed.append("image.dimensions")
    if header and min(header.width, header.height) == 0:
        failed.append("image.dimensions")
    return failed


@judges("photo.age")
def photo_age(ctx: Context) -> Check:
    captured = ctx.exif.captured
    if captured is None:
        msg = Text(
            "The file has no capture date, so its age cannot be checked. Make sure the photo "
            "was taken within the last 6 months.",
        )
        return Check("photo.age", Status.SKIP, msg)
    max_days = limit("photo.age.days").value
    days = (ctx.now.date() - captured.date()).days
    params = {"date": captured.date().isoformat(), "days": days, "max": max_days}
    if days < -1:
        msg = Text("The capture date {date} is in the future: check the camera's clock, and "
                   "that the photo is from the last 6 months.")
        return Check("photo.age", Status.WARN, msg.format(**params), value=days,
                     limit=max_days)
    if days <= max_days:
        msg = Text("Taken on {date}, {days} days ago (limit: 6 months).")
        return Check("photo.age", Status.PASS, msg.format(**params), value=days, limit=max_days)
    msg = Text("Taken on {date}, {days} days ago: the photo must be from the last 6 months. "
               "Take a new photo.")
    return Check("photo.age", Status.FAIL, msg.format(**params), value=days, limit=max_days)


_EDITOR = re.compile(r"\b(" + "|".join(re.escape(e) for e in EDITOR_SOFTWARE) + r")\b")


@judges("photo.edited")
def photo_edited(ctx: Context) -> Check:
    software = ctx.exif.software
    match = _EDITOR.search(software.lower()) if software else None
    if match is None:
        msg = Text("No image editor is named in the file.")
        return Check("photo.edited", Status.PASS, msg, value=software)
    msg = Text(
        "The file was saved by {software}, an image editor. Photos altered with editing "
        "software are not accepted: submit the camera's original (cropping or rotating only is "
        "usually fine).",
    )
    return Check("photo.edited", Status.WARN, msg.format(software=software), value=software)


@judges("image.orientation")
def image_orientation(ctx: Context) -> Check:
    orientation = ctx.exif.orientation
    if orientation is None or orientation == 1 or not 1 <= orientation <= 8:
        msg = Text("The photo is stored upright.")
        return Check("image.orientation", Status.PASS, msg, value=orientation or 1, limit=1)
    msg = Text(
        "The photo is stored turned or mirrored and relies on EXIF orientation {n} to show "
        "upright; some upload systems ignore that and show it sideways.",
    ).format(n=orientation)
    fix = Text("`photocheck fix` turns the pixels upright.")
    return Check("image.orientation", Status.WARN, msg, value=orientation, limit=1, fix=fix)

