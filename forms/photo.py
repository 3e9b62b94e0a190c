"""The photo for the form's 35 x 45 mm box: checking it, orienting it and cropping it to 35:45.

The photo checker (``photocheck.check`` with the ``print`` profile) is imported lazily inside
``check_photo`` only, so this package works, and is tested, without it; tests pass a fake.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps

from photocheck.report import Text

ASPECT = 35 / 45
MAX_PIXELS_HIGH = 1063  # 600 dpi at 45 mm: enough for print, keeps the PDF small
EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 36867
DATETIME = 306

FaceBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class PhotoCheck:
    """The checker's outcome, reduced to what the filler needs."""

    verdict: str  # accept / reject / error / unchecked
    failures: tuple[Text, ...] = ()  # "rule.id: message" in English and Japanese
    face_box: FaceBox | None = None
    head_mm: float | None = None  # crown to chin on the 45 mm print, when measured

    @property
    def accepted(self) -> bool:
        return self.verdict == "accept"


Checker = Callable[[bytes], PhotoCheck]
Framer = Callable[[bytes], "bytes | None"]


def _value(obj: Any) -> str:
    return str(getattr(obj, "value", obj))


def _bilingual(message: Any) -> Text:
    """A check's message as Text, whether the report gave a Text or its dict form."""
    if isinstance(message, Text):
        return message
    if isinstance(message, dict):
        english = str(message.get("en", ""))
        rendered = {"ja": english, **{k: str(v) for k, v in message.items()}, "en": english}
        return Text(**rendered)
    return Text(str(message), ja=str(message))


def _prefixed(rule_id: str, message: Text) -> Text:
    return Text("{rule}: {message}").format(rule=rule_id, message=message)


def rule_of(failure: Text) -> str:
    """The rule id a failure names first ("print.framing: ..." -> "print.framing")."""
    return failure.en.split(":", 1)[0].strip()


# The print check's failures that `form fill --allow-photo-warnings` may place anyway (as
# warnings), each with why a reviewer may excuse it: the centre trims a print to 35 x 45 mm,
# and the filler crops to 35:45 itself. Everything else about the person or the picture (a
# second face, a mask, sunglasses, a hand, an undeclared head covering, closed eyes, pose,
# light, focus, a photo too old, an unreadable file) is never excused. Status `warn` rules
# (and a covering declared for religious or medical reasons, which passes) are no failures.
EXCUSABLE: dict[str, str] = {
    "print.framing": "the head's size and the space above it: the centre trims a print that "
                     "is framed a little loose or tight",
    "print.aspect": "the shape: the filler crops the placed photo to 35:45 itself",
    "print.resolution": "pixels per inch at 35 x 45 mm, a print-quality guideline of this "
                        "project; focus is judged by image.sharpness, which is never excused",
}


def excusable(failure: Text) -> bool:
    """Whether --allow-photo-warnings may turn this failure into a warning (EXCUSABLE)."""
    return rule_of(failure) in EXCUSABLE


def _face_box(face: Any) -> FaceBox | None:
    box = face.get("box") if isinstance(face, dict) else None
    if isinstance(box, list | tuple) and len(box) == 4:
        x, y, w, h = (float(v) for v in box)
        return x, y, w, h
    return None


# Rules of the print profile that say nothing about a photo on paper. image.dimensions is the
# online upload's 480-6000 px window: a 475 px wide crop prints at 345 dpi, which
# print.resolution judges. The rule still runs; its result is left out of the verdict here.
NOT_FOR_PAPER = frozenset({"image.dimensions"})


def _head_mm(checks: Any) -> float | None:
    for check in checks:
        value = getattr(check, "value", None)
        if getattr(check, "id", None) == "print.framing" and isinstance(value, dict):
            head = value.get("head_mm")
            return float(head) if isinstance(head, int | float) else None
    return None


def check_photo(data: bytes, covering: str | None = None) -> PhotoCheck:
    """Run the project's photo check with the print profile, minus the rules that do not apply
    on paper (NOT_FOR_PAPER); 'unchecked' if the checker is unavailable. `covering` is a
    declared religious or medical head covering (`form fill --covering`)."""
    try:
        import photocheck
    except ImportError:
        unavailable = Text("photo check unavailable: photocheck is not installed")
        return PhotoCheck("unchecked", (unavailable,))
    declared = {} if covering is None else {"covering": covering}  # only when declared
    report = photocheck.check(data, profile="print", **declared)
    failures = tuple(
        _prefixed(c.id, _bilingual(c.message))
        for c in report.checks if _value(c.status) == "fail" and c.id not in NOT_FOR_PAPER
    )
    verdict = _value(report.verdict)
    if verdict == "reject" and not failures:
        verdict = "accept"
    return PhotoCheck(verdict, failures, _face_box(report.face), _head_mm(report.checks))


def frame_for_print(data: bytes) -> bytes | None:
    """The photo as photocheck's fixer frames it for print: cropped to 35:45 with the head at
    32-36 mm where the image has room (never retouched, never padded); None when the fixer is
    not installed or could not make a photo of it."""
    try:
        from photocheck.fix import fix_photo
    except ImportError:
        return None
    return fix_photo(data, profile="print").jpeg


def open_upright(data: bytes) -> Image.Image:
    """Decode and apply EXIF orientation, so pixels are as a person sees the photo."""
    image = Image.open(io.BytesIO(data))
    return ImageOps.exif_transpose(image) or image


def capture_date(data: bytes) -> dt.date | None:
    """The EXIF capture date (DateTimeOriginal, else DateTime), or None if absent or garbled."""
    try:
        exif = Image.open(io.BytesIO(data)).getexif()
    except OSError:
        return None
    raw = exif.get_ifd(EXIF_IFD).get(DATETIME_ORIGINAL) or exif.get(DATETIME)
    try:
        return dt.datetime.strptime(str(raw).strip()[:19], "%Y:%m:%d %H:%M:%S").date()
    except ValueError:
        return None


def crop_box(width: int, height: int, face: FaceBox | None) -> tuple[int, int, int, int]:
    """The largest 35:45 window in the image, centred on the face (or the image) and clamped."""
    if abs(width / height - ASPECT) < 0.005:
        return 0, 0, width, height
    crop_w = min(width, height * ASPECT)
    crop_h = crop_w / ASPECT
    if face is None:
        cx, cy = width / 2, height / 2
    else:
        x, y, w, h = face
        # A passport framing puts the face centre a little above the middle of the print.
        cx, cy = x + w / 2, y + h / 2 + 0.05 * crop_h
    left = min(max(cx - crop_w / 2, 0), width - crop_w)
    top = min(max(cy - crop_h / 2, 0), height - crop_h)
    return round(left), round(top), round(left + crop_w), round(top + crop_h)


def prepare_photo(data: bytes, face: FaceBox | None) -> bytes:
    """Upright, cropped to 35:45, at most 600 dpi, re-encoded as JPEG without any EXIF."""
    image = open_upright(data).convert("RGB")
    image = image.crop(crop_box(image.width, image.height, face))
    if image.height > MAX_PIXELS_HIGH:
        size = (round(MAX_PIXELS_HIGH * image.width / image.height), MAX_PIXELS_HIGH)
        image = image.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()
