"""`fix_photo`: the mechanical fixes a rejected photo usually needs, then an honest re-check.

Order matters: decode and turn upright first (every later step works on what a person sees),
then convert to RGB, crop around the face, shrink, and encode into the size window. Pixels of the
face are only ever resampled, never adjusted.
"""

from __future__ import annotations

import io
import warnings
from datetime import datetime

import numpy as np
from PIL import Image, ImageCms

from photocheck.fix.colour import to_rgb
from photocheck.fix.encode import encode_within_size, fit_dimensions
from photocheck.fix.errors import FixError
from photocheck.fix.exif_clean import clean_exif, rebuild_metadata
from photocheck.fix.framing import crop_box
from photocheck.fix.head import HeadBox, head_from_report, locate_head
from photocheck.fix.load import DecodeBudget, Opened, open_upright, verify_jpeg
from photocheck.fix.result import FixResult
from photocheck.fix.unfixable import unfixable_checks
from photocheck.pipeline import check
from photocheck.report import Report, Status, Text
from photocheck.rules import limit, profile_rules
from photocheck.sniff import FileType, sniff
from photocheck.source import SourceError, SourceLike, describe, load

CONVERTED = Text("Converted {kind} to JPEG")
CROPPED = Text("Cropped to 35:45 around the face ({w} x {h} px)")
NOTHING_TO_CHANGE = Text("Pixels left as they are: the photo already passes")
NO_FACE = Text("Not cropped: not exactly one face was found")
NO_ROOM = Text("Not cropped: there is not enough photo around the head for a 35:45 crop "
               "(no background is invented)")
TOO_SMALL_TO_CROP = Text("Not cropped: the 35:45 crop would be under {low} px wide")
FILE_TOO_LARGE = Text("The file is too large to read whole ({size} bytes).")
UNREADABLE = Text("The file could not be read.")
METADATA_REBUILT = Text("Rebuilt the metadata: only the capture date is kept (no location, "
                        "device, software, editing history or data appended to the file)")


def fix_photo(
    source: SourceLike, profile: str = "online", *, now: datetime | None = None,
    budget: DecodeBudget | None = None, covering: str | None = None,
) -> FixResult:
    """Fix what can be fixed mechanically in a photo (a path or the file's bytes) for `profile`.

    Nothing is written to disk. `budget` caps what is decoded (default: the command line's;
    the web API passes DecodeBudget.web()). Raises ValueError for an unknown profile; every
    problem with the input is reported in the result (`exit_code` 2, `error` says why).
    `covering` is a declared religious or medical head covering (see `photocheck.check`).
    """
    profile_rules(profile)
    now = now or datetime.now()
    try:
        src = load(source)
    except SourceError as exc:
        before = check(source, profile, now=now, covering=covering)
        return FixResult(None, [], before, None, error=describe(exc))
    before = check(src.data, profile, name=src.name, now=now, covering=covering)
    if not src.complete:
        return FixResult(None, [], before, None, error=FILE_TOO_LARGE.format(size=src.size))
    damaged = before.check("file.integrity")
    if damaged is not None and damaged.status is Status.FAIL:
        # The checker's strict decode found the pixels damaged (or unshowable): re-encoding
        # would turn grey padding into a clean-looking photo that passes.
        return FixResult(None, [], before, None, error=damaged.message)
    try:
        if _already_fine(before):
            jpeg, removed = _clean_copy(src.data)
            changes, notes = [NOTHING_TO_CHANGE, removed or METADATA_REBUILT], []
        else:
            jpeg, changes, notes = _rebuild(src.data, profile, before, budget)
    except FixError as exc:
        return FixResult(None, [], before, None, error=exc.message)
    after = check(jpeg, profile, name=src.name, now=now, covering=covering)
    return FixResult(jpeg, changes, before, after, unfixable_checks(after.checks), notes)


def _already_fine(before: Report) -> bool:
    """Accepted and upright: re-encoding the pixels would only lose quality."""
    orientation = before.check("image.orientation")
    return before.accepted and not (orientation and orientation.status is Status.WARN)


def _clean_copy(data: bytes) -> tuple[bytes, Text | None]:
    """A passing JPEG with the same pixels and its metadata rebuilt from scratch (only the
    capture date survives), so "fix" never hands back a file's GPS, software or payloads."""
    verify_jpeg(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            image = Image.open(io.BytesIO(data))
            exif, icc = image.getexif(), image.info.get("icc_profile")
        except Exception:
            exif, icc = Image.Exif(), None
    kept, removed = clean_exif(exif)
    return rebuild_metadata(data, kept, _vetted_icc(icc)), removed


def _rebuild(data: bytes, profile: str, before: Report, budget: DecodeBudget | None = None,
             ) -> tuple[bytes, list[Text], list[Text]]:
    """The fixed JPEG, the changes made and the notes on what was left alone."""
    opened = open_upright(data, budget)
    kind = sniff(data[:64])
    changes = [] if kind is FileType.JPEG else [CONVERTED.format(kind=kind.value)]
    changes += opened.changes
    image, colour_changes = to_rgb(opened.image)
    changes += colour_changes
    notes: list[Text] = []
    head = _the_head(image, before)
    image = _crop(image, head, profile, changes, notes)
    image, scaled = fit_dimensions(image)
    changes += [scaled] if scaled else []
    exif, removed = clean_exif(opened.exif)
    encoded, extra = encode_within_size(
        image, exif=exif, icc_profile=_rgb_icc(opened), dpi=_print_dpi(image, profile)
    )
    changes += [*extra, encoded.change()]
    changes += [removed] if removed else [METADATA_REBUILT]
    return encoded.data, changes, notes


def _the_head(image: Image.Image, before: Report) -> HeadBox | None:
    """The single head to crop around; None when the check found no face or several, since
    cropping a second person away would change what the photo shows."""
    count = before.check("face.count")
    if count is not None and count.status is Status.FAIL:
        return None
    return head_from_report(before.face) or locate_head(np.asarray(image))


def _crop(image: Image.Image, head: HeadBox | None, profile: str, changes: list[Text],
          notes: list[Text]) -> Image.Image:
    """`image` cut to 35:45 around `head` when it has room; notes say why not otherwise."""
    if head is None:
        notes.append(NO_FACE)
        return image
    box = crop_box(head, image.width, image.height, profile)
    if box is None:
        notes.append(NO_ROOM)
        return image
    if box == (0, 0, image.width, image.height):
        return image
    width = box[2] - box[0]
    low = int(limit("image.dimensions.px").value[0])
    if profile == "online" and width < low:
        notes.append(TOO_SMALL_TO_CROP.format(low=low))
        return image
    changes.append(CROPPED.format(w=width, h=box[3] - box[1]))
    return image.crop(box)


def _rgb_icc(opened: Opened) -> bytes | None:
    """The source's ICC profile when it describes RGB (a CMYK or grey one no longer applies)."""
    return _vetted_icc(opened.icc_profile)


def _vetted_icc(icc: bytes | None) -> bytes | None:
    """`icc` when it is a real RGB profile of a sane size (see fix.icc_profile.max_bytes)."""
    if not icc or len(icc) > int(limit("fix.icc_profile.max_bytes").value):
        return None
    try:
        space = ImageCms.ImageCmsProfile(io.BytesIO(icc)).profile.xcolor_space
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None
    return icc if space.strip() == "RGB" else None


def _print_dpi(image: Image.Image, profile: str) -> float | None:
    """For a print, the DPI at which the photo is exactly 35 mm wide, so it prints true size."""
    if profile != "print":
        return None
    width_mm = float(limit("print.size_mm").value[0])
    return round(image.width / (width_mm / 25.4), 2)
