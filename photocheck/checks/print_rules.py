"""The print profile's size rules: a 35 x 45 mm print at 300 dpi, judged from the header.

`print.framing` needs the face and lives with the face rules.
"""

from __future__ import annotations

from photocheck.checks.file_rules import NOT_JPEG
from photocheck.checks.registry import judges
from photocheck.context import Context
from photocheck.report import Check, Status, Text
from photocheck.rules import limit

FIX_CROP = Text("`photocheck fix --profile print` crops it to 35:45 around the face.")


def upright_size(ctx: Context) -> tuple[int, int] | None:
    """Width and height as a person sees the photo (EXIF orientation applied)."""
    header = ctx.header
    if header is None:
        return None
    if ctx.exif.orientation in (5, 6, 7, 8):
        return header.height, header.width
    return header.width, header.height


@judges("print.aspect")
def print_aspect(ctx: Context) -> Check:
    size = upright_size(ctx)
    if size is None:
        return Check("print.aspect", Status.SKIP, NOT_JPEG)
    w, h = size
    target = limit("print.aspect.ratio").value
    tolerance = limit("print.aspect.tolerance").value
    ratio = w / h if h else 0.0
    params = {"w": w, "h": h, "ratio": round(ratio, 3), "target": round(target, 3)}
    if abs(ratio - target) <= tolerance * target:
        msg = Text("{w} x {h} px has the 35:45 shape of the print.")
        return Check("print.aspect", Status.PASS, msg.format(**params), value=round(ratio, 4),
                     limit=round(target, 4))
    msg = Text("{w} x {h} px has a width:height ratio of {ratio}; a 35 x 45 mm print needs "
               "{target} (35:45).")
    return Check("print.aspect", Status.FAIL, msg.format(**params), value=round(ratio, 4),
                 limit=round(target, 4), fix=FIX_CROP)


@judges("print.resolution")
def print_resolution(ctx: Context) -> Check:
    size = upright_size(ctx)
    if size is None:
        return Check("print.resolution", Status.SKIP, NOT_JPEG)
    min_w, min_h = limit("print.resolution.px").value
    width_mm, height_mm = limit("print.size_mm").value
    w, h = size
    # The print is cropped to 35:45 first, so the limiting side decides the resolution.
    dpi = min(w / (width_mm / 25.4), h / (height_mm / 25.4))
    params = {"dpi": round(dpi), "w": min_w, "h": min_h}
    if w >= min_w and h >= min_h:
        msg = Text("At 35 x 45 mm the photo prints at {dpi} dpi (at least 300 needed).")
        return Check("print.resolution", Status.PASS, msg.format(**params), value=round(dpi),
                     limit=300)
    msg = Text("At 35 x 45 mm the photo would print at only {dpi} dpi; at least 300 dpi "
               "({w} x {h} px) are needed. Use a larger original.")
    return Check("print.resolution", Status.FAIL, msg.format(**params), value=round(dpi),
                 limit=300)
