"""Regenerate the sample photos in `samples/` that `make demo` checks.

Run from the repository root:

    .venv/bin/python samples/make_samples.py

Every sample is built from the test-portrait factory `tests/support/portraits.py`: the
astronaut from scikit-image (`astronaut.png`, NASA's public-domain portrait of Eileen Collins)
cut out and recomposed on backdrops. Each file breaks one rule (see `samples/README.md`), and
`tests/test_samples.py` holds the committed files to the verdicts the README promises. The output
is deterministic: fixed seeds, fixed encoder settings, no EXIF and so no capture date (a fixed date
would make `ok.jpg` fail `photo.age` six months later).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
"""The repository root: `tests.support.portraits` is imported from there."""

if str(ROOT) not in sys.path:  # run as a script, only samples/ is on the path
    sys.path.insert(0, str(ROOT))

from photocheck.vision.faces import analyse  # noqa: E402
from tests.support import face_paint, portraits  # noqa: E402

SAMPLES_DIR = Path(__file__).resolve().parent
QUALITY = 85
"""JPEG quality for every sample: 40-90 KB per file, well above the 20 KB `file.size` minimum."""

TILT_DEG = 15.0
"""Head tilt of `tilted.jpg`: well past the 8 degree roll limit."""

SMALL_WIDTH = 460
"""Width of `too_small.jpg`: under the 480 px minimum, yet large enough that the 35:45 trim
around the head stays over 300 px high, so `face.size` still passes (at 400 px it fails too)."""

SHADOW_STRENGTH = 0.85
"""How much light the shadowed half of `face_shadow.jpg` loses (0.85: 15 % is left), a hard-edged
shadow down the middle of the face as one side lamp gives."""

PAINTED_WIDTH = 480
"""Width of the painted samples (masked, face_shadow, red_eye): the 480 px minimum keeps each
about 50 KB, so the samples stay small in all."""

SHADOW_WIDTH, SHADOW_QUALITY = 600, 80
"""Width and JPEG quality of `face_shadow.jpg`: the test portrait's own width (no down-scaling).
At 480-560 px the deep half shadow also reads as a soft face to `image.sharpness` (0.22-0.23,
limit 0.24: the shadow's contrast raises the patch spread the detail is divided by); at 600 px
it measures 0.27, and quality 80 keeps the file at 60 KB (the samples stay under 800 KB)."""

PAIR_WIDTH = 400
"""Width of each of the two portraits side by side in `two_people.jpg` (800 x 515 in all)."""


def _resize(pixels: np.ndarray, width: int) -> np.ndarray:
    """`pixels` scaled to `width`, keeping the aspect ratio (area averaging)."""
    h, w = pixels.shape[:2]
    return cv2.resize(pixels, (width, round(h * width / w)), interpolation=cv2.INTER_AREA)


def _pillow(pixels: np.ndarray, fmt: str, mode: str = "RGB", **options: object) -> bytes:
    """`pixels` (RGB uint8) converted to `mode` and saved by Pillow as `fmt`."""
    image = Image.fromarray(pixels)
    if mode != "RGB":
        image = image.convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def ok() -> bytes:
    """The good photo: the astronaut bust-up on a plain light-grey backdrop."""
    return portraits.to_jpeg(portraits.clean(), QUALITY)


FORM_PHOTO_SCALE = 1.6
"""How much `applicants/photo.jpg` enlarges the good photo before the fixer frames it for print:
the head must fill 32-36 mm of the 45 mm print and still have 300 dpi (the astronaut's head is
about 200 px tall; 1.6x gives about 380 dpi)."""


def form_photo() -> bytes:
    """The photo for `photocheck form fill` examples: the good photo enlarged and framed for a
    35 x 45 mm print by `photocheck fix --profile print` (head about 34 mm, about 380 dpi), so it
    passes the print profile with no override."""
    from photocheck.fix import fix_photo

    pixels = portraits.clean()
    big = cv2.resize(pixels, None, fx=FORM_PHOTO_SCALE, fy=FORM_PHOTO_SCALE,
                     interpolation=cv2.INTER_LANCZOS4)
    fixed = fix_photo(portraits.to_jpeg(big, 92), profile="print").jpeg
    assert fixed is not None, "the fixer could not frame the form photo"
    return fixed


def busy_background() -> bytes:
    """The astronaut in front of her own scene (flag, shuttle model): objects behind her."""
    return portraits.to_jpeg(portraits.busy("scene"), QUALITY)


def too_dark() -> bytes:
    """Under-exposed: the whole frame darkened as a too-short exposure does."""
    return portraits.to_jpeg(portraits.dark(), QUALITY)


def blurred() -> bytes:
    """Out of focus: the good photo with a Gaussian blur (sigma 4 px)."""
    return portraits.to_jpeg(portraits.blurred(), QUALITY)


def tilted() -> bytes:
    """The good photo turned `TILT_DEG` degrees, the uncovered corners filled with the backdrop
    colour: a head tilted toward a shoulder (roll)."""
    pixels = portraits.compose(portraits.plain_backdrop())
    h, w = pixels.shape[:2]
    rotation = cv2.getRotationMatrix2D((w / 2, h / 2), TILT_DEG, 1.0)
    turned = cv2.warpAffine(pixels, rotation, (w, h), flags=cv2.INTER_CUBIC,
                            borderMode=cv2.BORDER_CONSTANT, borderValue=portraits.LIGHT_GREY)
    return portraits.to_jpeg(portraits.add_sensor_noise(turned), QUALITY)


def two_people() -> bytes:
    """Two copies of the good photo side by side, each `PAIR_WIDTH` px wide: two faces."""
    one = _resize(portraits.clean(), PAIR_WIDTH)
    return portraits.to_jpeg(np.hstack([one, one]), QUALITY)


def too_small() -> bytes:
    """The good photo scaled down to `SMALL_WIDTH` px wide: under the 480 px minimum."""
    return portraits.to_jpeg(_resize(portraits.clean(), SMALL_WIDTH), QUALITY)


def _painted(paint: Callable[[np.ndarray, np.ndarray], np.ndarray],
             width: int = PAINTED_WIDTH, quality: int = QUALITY) -> bytes:
    """The good photo with `paint` applied from its own face mesh (tests/support/face_paint),
    scaled to `width`."""
    pixels = portraits.clean()
    mesh = analyse(pixels).landmarks
    if mesh is None:  # the clean portrait always has a face; a broken model install does not
        raise SystemExit("no face mesh on the clean portrait: are the mediapipe models there?")
    return portraits.to_jpeg(_resize(paint(pixels, mesh), width), quality)


def masked() -> bytes:
    """A light-blue surgical mask painted over the nose, mouth and chin."""
    return _painted(face_paint.mask)


def face_shadow() -> bytes:
    """The subject's right half of the face in a hard-edged shadow (`SHADOW_STRENGTH`)."""
    return _painted(lambda p, m: face_paint.half_shadow(p, m, SHADOW_STRENGTH, 0.0),
                    SHADOW_WIDTH, SHADOW_QUALITY)


def red_eye() -> bytes:
    """Both pupils flash-red (a red disk at the centre of each iris)."""
    return _painted(face_paint.red_pupils)


def cmyk() -> bytes:
    """The good photo (480 px wide) saved as a CMYK JPEG, as print software often does."""
    return _pillow(_resize(portraits.clean(), 480), "JPEG", mode="CMYK", quality=80)


def png_named() -> bytes:
    """The good photo (480 px wide, without sensor noise, 128 colours) saved as a PNG; it is
    written under a .jpg name, and the checker judges the bytes, not the name."""
    pixels = _resize(portraits.compose(portraits.plain_backdrop()), 480)
    image = Image.fromarray(pixels).quantize(128)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


SAMPLES: dict[str, Callable[[], bytes]] = {
    "ok.jpg": ok,
    "busy_background.jpg": busy_background,
    "too_dark.jpg": too_dark,
    "blurred.jpg": blurred,
    "tilted.jpg": tilted,
    "two_people.jpg": two_people,
    "too_small.jpg": too_small,
    "cmyk.jpg": cmyk,
    "png_named.jpg": png_named,
    "masked.jpg": masked,
    "face_shadow.jpg": face_shadow,
    "red_eye.jpg": red_eye,
    "applicants/photo.jpg": form_photo,
}
"""File name -> the function that makes its bytes."""


def write_samples(out_dir: Path = SAMPLES_DIR) -> dict[Path, int]:
    """Write every sample into `out_dir`; returns each file's path and size in bytes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: dict[Path, int] = {}
    for name, make in SAMPLES.items():
        path = out_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = make()
        path.write_bytes(data)
        written[path] = len(data)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: write the samples (into samples/ unless `--out` says otherwise)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLES_DIR,
                        help="folder to write into (default: samples/)")
    args = parser.parse_args(argv)
    written = write_samples(args.out)
    for path, size in written.items():
        print(f"{path.name:22s} {size / 1024:6.1f} KB")
    print(f"{'total':22s} {sum(written.values()) / 1024:6.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
