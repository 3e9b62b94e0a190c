"""`photocheck fix` and `print-sheet` on real-face photos (skimage's astronaut as a bust).

Each source is a genuinely good portrait (plain light backdrop, centred frontal face, sharp, well
lit) spoiled in one mechanical way; the fixed JPEG must then pass `photocheck.check`.
"""

from __future__ import annotations

import io
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageFilter

import photocheck
from photocheck.checks import judge_for
from photocheck.cli import main
from photocheck.fix import FixResult, fix_photo, print_sheet, sheet_layout
from photocheck.fix import fixer as fixer_module
from photocheck.fix.encode import encode_within_size, fit_dimensions
from photocheck.fix.head import locate_head
from photocheck.report import Check, Report, Status, Text

BACKDROP = (226, 229, 232)
NOW = datetime(2025, 3, 1, 12, 0, 0)
TAKEN = "2025:02:01 10:00:00"
HEAD_AREA = (397, 156, 947, 864)
"""A 35:45 box around the head in `portrait()`: the astronaut's crown (15 px), chin (177 px) and
face centre (224 px) times 3, plus the 200 px of headroom."""


@lru_cache(maxsize=1)
def portrait() -> Image.Image:
    """The astronaut cut out of her studio backdrop by selfie segmentation, on a plain light
    wall, upscaled 3x (the 35:45 crop must be at least 480 px wide) with 200 px of headroom."""
    from skimage import data

    from photocheck.vision.person import segment_person

    astro = data.astronaut()
    mask = segment_person(astro)
    mask = np.clip((mask - 0.3) / 0.4, 0.0, 1.0)  # a firm cut: no studio remnants in the halo
    mask[280:, 365:] = 0  # the helmet on the table at the lower right
    alpha = mask[..., None]
    comp = astro * alpha + np.asarray(BACKDROP, np.float32) * (1 - alpha)
    bust = Image.fromarray(np.clip(comp + 0.5, 0, 255).astype(np.uint8))
    bust = bust.resize((1536, 1536), Image.Resampling.LANCZOS)
    bust = bust.filter(ImageFilter.UnsharpMask(radius=2, percent=60, threshold=2))
    canvas = Image.new("RGB", (1536, 1736), BACKDROP)
    canvas.paste(bust, (0, 200))
    return canvas


def exif_with_date(**extra: object) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0132] = TAKEN
    exif.get_ifd(0x8769)[0x9003] = TAKEN
    for tag, value in extra.items():
        exif[int(tag.removeprefix("t"), 16)] = value
    return exif


def encoded(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def changes_en(result: FixResult) -> list[str]:
    return [c.en for c in result.changes]


def assert_accepted(result: FixResult, profile: str = "online") -> Image.Image:
    """The fixed JPEG passes an independent check and is a baseline 3-channel JPEG."""
    assert result.jpeg is not None, result.error
    report = photocheck.check(result.jpeg, profile, now=NOW)
    assert report.accepted, [(c.id, c.message.en) for c in report.failed()]
    assert result.exit_code == 0 and result.unfixable == []
    image = Image.open(io.BytesIO(result.jpeg))
    assert image.format == "JPEG" and image.mode == "RGB"
    assert not image.info.get("progressive")
    return image


def test_heic_written_by_pillow_heif_is_converted() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()
    source = encoded(portrait().crop((300, 100, 1044, 1000)), "HEIF", quality=85)
    before = photocheck.check(source, now=NOW)
    assert before.check("file.format").status is Status.FAIL
    result = fix_photo(source, now=NOW)
    assert "Converted HEIC to JPEG" in changes_en(result)
    assert_accepted(result)


@pytest.mark.parametrize(("fmt", "name"), [("WEBP", "WebP"), ("TIFF", "TIFF")])
def test_webp_and_tiff_are_converted(fmt: str, name: str) -> None:
    source = encoded(portrait().crop((300, 100, 1044, 1000)), fmt)
    result = fix_photo(source, now=NOW)
    assert f"Converted {name} to JPEG" in changes_en(result)
    assert_accepted(result)


def test_cmyk_jpeg_is_converted_to_rgb_with_colours_kept() -> None:
    source = encoded(portrait().convert("CMYK"), quality=90)
    assert photocheck.check(source, now=NOW).check("file.color_mode").status is Status.FAIL
    result = fix_photo(source, now=NOW)
    assert "Converted CMYK colour to RGB" in changes_en(result)
    fixed = np.asarray(assert_accepted(result), dtype=np.float32)
    # The backdrop at the top corner is still the light grey-blue, not inverted or tinted.
    assert np.abs(fixed[5, 5] - np.asarray(BACKDROP)).max() < 12


def test_greyscale_jpeg_becomes_rgb_and_stays_grey() -> None:
    source = encoded(portrait().convert("L"), quality=90)
    result = fix_photo(source, now=NOW)
    assert any(c.startswith("Converted greyscale to RGB") for c in changes_en(result))
    fixed = np.asarray(assert_accepted(result), dtype=np.int16)
    assert np.abs(fixed[..., 0] - fixed[..., 2]).max() <= 6  # still black and white


def test_png_with_alpha_is_flattened_onto_white() -> None:
    rgba = portrait().convert("RGBA")
    pixels = np.asarray(rgba).copy()
    backdrop = np.all(np.abs(pixels[..., :3].astype(int) - BACKDROP) <= 2, axis=-1)
    pixels[backdrop, 3] = 0  # a cut-out portrait: the wall is transparent
    source = encoded(Image.fromarray(pixels, "RGBA"), "PNG")
    result = fix_photo(source, now=NOW)
    assert "Converted PNG to JPEG" in changes_en(result)
    assert "Flattened transparency onto white" in changes_en(result)
    fixed = np.asarray(assert_accepted(result))
    assert fixed[3, 3].min() >= 250  # the transparent wall became white


def test_exif_rotated_jpeg_is_turned_upright() -> None:
    stored = portrait().transpose(Image.Transpose.ROTATE_90)  # orientation 6 turns it back
    exif = exif_with_date(t0112=6)
    source = encoded(stored, quality=90, exif=exif.tobytes())
    before = photocheck.check(source, now=NOW)
    assert before.check("image.orientation").status is Status.WARN
    result = fix_photo(source, now=NOW)
    assert "Rotated upright (EXIF orientation 6)" in changes_en(result)
    image = assert_accepted(result)
    assert image.height > image.width
    assert image.getexif().get(0x0112) in (None, 1)
    head = locate_head(np.asarray(image))
    assert head is not None and head.crown_y < image.height / 3  # the head is at the top


def test_8000_px_jpeg_is_brought_within_6000_px() -> None:
    strip = portrait().crop((300, 0, 1044, 1736))
    big = strip.resize((round(744 * 8000 / 1736), 8000), Image.Resampling.BICUBIC)
    source = encoded(big, quality=85)
    assert photocheck.check(source, now=NOW).check("image.dimensions").status is Status.FAIL
    result = fix_photo(source, now=NOW)
    image = assert_accepted(result)
    assert max(image.size) <= 6000 and min(image.size) >= 480
    assert any(c.startswith("Cropped to 35:45") for c in changes_en(result))


def test_too_small_in_bytes_jpeg_is_re_encoded_above_20_kb() -> None:
    framed = portrait().crop(HEAD_AREA).resize((500, 644), Image.Resampling.LANCZOS)
    source = encoded(framed, quality=25)
    assert len(source) < 20_480
    result = fix_photo(source, now=NOW)
    assert_accepted(result)
    assert len(result.jpeg) >= 20_480
    assert any(c.startswith("Saved at quality") for c in changes_en(result))


def test_print_profile_crop_meets_passport_proportions() -> None:
    result = fix_photo(encoded(portrait(), quality=90), "print", now=NOW)
    image = assert_accepted(result, "print")
    assert abs(image.width / image.height - 35 / 45) < 0.01
    head = locate_head(np.asarray(image))
    assert head is not None
    head_mm = head.height / image.height * 45
    crown_mm = head.crown_y / image.height * 45
    assert 32 <= head_mm <= 36 and 2 <= crown_mm <= 6
    assert abs(head.centre_x - image.width / 2) < 0.05 * image.width
    dpi = image.info["dpi"][0]
    assert abs(image.width / dpi * 25.4 - 35) < 0.1  # prints 35 mm wide at its stored DPI


def test_exif_keeps_capture_date_and_drops_location_device_and_software() -> None:
    exif = exif_with_date(t010F="Canon", t0110="EOS R5", t0131="Adobe Photoshop 25.0")
    exif.get_ifd(0x8825)[2] = (35.0, 40.0, 0.0)  # GPSLatitude
    source = encoded(portrait(), quality=90, exif=exif.tobytes())
    result = fix_photo(source, now=NOW)
    assert "Removed location and device data from EXIF" in changes_en(result)
    kept = Image.open(io.BytesIO(result.jpeg)).getexif()
    assert kept.get(0x0132) == TAKEN and kept.get_ifd(0x8769).get(0x9003) == TAKEN
    assert not kept.get_ifd(0x8825)
    assert all(kept.get(tag) is None for tag in (0x010F, 0x0110, 0x0131, 0x0112))
    after = photocheck.check(result.jpeg, now=NOW)
    assert after.check("photo.age").status is Status.PASS
    assert after.check("photo.edited").status is Status.PASS


def test_good_photo_keeps_its_pixels_and_only_its_capture_date() -> None:
    exif = exif_with_date(t0131="Darktable 4.6")
    source = encoded(portrait().crop(HEAD_AREA), quality=90, exif=exif.tobytes()) + b"PK\x03\x04"
    result = fix_photo(source, now=NOW)
    assert result.exit_code == 0 and result.jpeg != source
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(result.jpeg))),
                          np.asarray(Image.open(io.BytesIO(source))))
    kept = Image.open(io.BytesIO(result.jpeg)).getexif()
    assert kept.get(0x0132) == TAKEN and kept.get(0x0131) is None
    assert not result.jpeg.endswith(b"PK\x03\x04")


FACE_COUNT_FAIL = Check("face.count", Status.FAIL, Text("2 faces found.", "顔が2つあります。"),
                        value=2, limit=1)


def test_unfixable_failure_is_reported_with_the_reason(monkeypatch: pytest.MonkeyPatch) -> None:
    real_check = fixer_module.check

    def check_finding_two_faces(*args: object, **kwargs: object) -> Report:
        report = real_check(*args, **kwargs)
        report.checks = [FACE_COUNT_FAIL if c.id == "face.count" else c for c in report.checks]
        return report

    monkeypatch.setattr(fixer_module, "check", check_finding_two_faces)
    result = fix_photo(encoded(portrait().convert("CMYK"), quality=90), now=NOW)
    assert result.jpeg is not None and result.exit_code == 1
    assert [c.id for c in result.unfixable] == ["face.count"]
    assert "Take a new photo" in result.unfixable[0].fix.en
    assert "Converted CMYK colour to RGB" in changes_en(result)


@pytest.mark.skipif(judge_for("face.count") is None, reason="face.count not judged yet")
def test_two_faces_side_by_side_are_unfixable() -> None:
    face = portrait().crop(HEAD_AREA)
    pair = Image.new("RGB", (face.width * 2, face.height), BACKDROP)
    pair.paste(face, (0, 0))
    pair.paste(face, (face.width, 0))
    result = fix_photo(encoded(pair, quality=90), now=NOW)
    assert result.exit_code == 1
    assert "face.count" in [c.id for c in result.unfixable]


def test_broken_inputs_give_exit_2_with_a_message() -> None:
    good = encoded(portrait(), "PNG")
    truncated = fix_photo(good[: len(good) // 2], now=NOW)
    assert truncated.exit_code == 2 and truncated.jpeg is None
    assert "damaged or cut off" in truncated.error.en
    text = fix_photo(b"hello, this is not a photo\n" * 10, now=NOW)
    assert text.exit_code == 2 and "not a photo" in text.error.en


def test_decompression_bomb_header_is_refused_before_decoding() -> None:
    import struct
    import zlib

    png = encoded(Image.new("RGB", (8, 8), BACKDROP), "PNG")
    ihdr = struct.pack(">IIBBBBB", 20000, 20000, 8, 2, 0, 0, 0)
    patched = png[:16] + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)) + png[33:]
    result = fix_photo(patched, now=NOW)
    assert result.exit_code == 2 and "megapixels" in result.error.en


def _limits_with_file_size(monkeypatch: pytest.MonkeyPatch, low: int, high: int) -> None:
    from photocheck.fix import encode
    from photocheck.rules import Limit, limit

    def patched(name: str) -> Limit:
        if name == "file.size.bytes":
            return Limit((low, high), "test", "test")
        return limit(name)

    monkeypatch.setattr(encode, "limit", patched)


def test_quality_is_searched_down_until_the_file_fits(monkeypatch: pytest.MonkeyPatch) -> None:
    image = portrait().crop(HEAD_AREA)
    at_95 = len(encoded(image, quality=95, optimize=True))
    _limits_with_file_size(monkeypatch, 1_000, at_95 * 2 // 3)
    result, extra = encode_within_size(image)
    assert 60 <= result.quality < 95 and len(result.data) <= at_95 * 2 // 3 and extra == []
    one_better = len(encoded(image, quality=result.quality + 1, optimize=True))
    assert one_better > at_95 * 2 // 3  # the highest quality that fits, not just any


def test_image_is_shrunk_when_even_the_lowest_quality_is_too_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _limits_with_file_size(monkeypatch, 1_000, 12_000)
    result, extra = encode_within_size(portrait().crop(HEAD_AREA))
    assert len(result.data) <= 12_000 and result.size[0] < HEAD_AREA[2] - HEAD_AREA[0]
    assert extra and extra[0].en.startswith("Scaled to")


def test_fit_dimensions_shrinks_only() -> None:
    shrunk, change = fit_dimensions(Image.new("RGB", (7000, 3000)))
    assert shrunk.size == (6000, 2571) and change is not None
    same, none = fit_dimensions(Image.new("RGB", (400, 300)))
    assert same.size == (400, 300) and none is None


def test_pdf_sheet_places_photos_at_exactly_35_by_45_mm() -> None:
    pdf = print_sheet(encoded(portrait(), quality=90), paper="L", dpi=350, fmt="pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        assert abs(page.width / 72 * 25.4 - 89) < 0.05 and abs(page.height / 72 * 25.4 - 127) < 0.05
        assert len(page.images) == len(sheet_layout("L")[1]) == 4
        for img in page.images:
            assert abs((img["x1"] - img["x0"]) / 72 * 25.4 - 35) < 0.1
            assert abs((img["bottom"] - img["top"]) / 72 * 25.4 - 45) < 0.1
            assert img["x0"] > 0 and img["x1"] < page.width  # nothing falls off the paper


@pytest.mark.parametrize("dpi", [300, 350])
def test_jpeg_sheet_carries_dpi_and_tiles_measure_true_size(dpi: int) -> None:
    sheet = Image.open(io.BytesIO(print_sheet(encoded(portrait(), quality=90), paper="KG",
                                              dpi=dpi, fmt="jpg")))
    assert sheet.info["dpi"] == (dpi, dpi)
    assert sheet.size == (round(102 / 25.4 * dpi), round(152 / 25.4 * dpi))
    grey = np.asarray(sheet.convert("L"), dtype=np.int16)
    photo = grey < (255 + 226) // 2  # the photos' backdrop and face are darker than the paper
    tile = sheet_layout("KG")[1][0]

    def px(mm: float) -> int:
        return round(mm / 25.4 * dpi)

    # Bands 5 mm inside the tile's edges cross no cut guide (those sit in the gaps, at corners).
    rows_band = photo[px(tile.y + 5) : px(tile.y + tile.height - 5)]
    cols_band = photo[:, px(tile.x + 5) : px(tile.x + tile.width - 5)]
    centre_x, centre_y = px(tile.x + tile.width / 2), px(tile.y + tile.height / 2)
    assert _run_length(rows_band.any(axis=0), centre_x) == px(35)
    assert _run_length(cols_band.any(axis=1), centre_y) == px(45)


def _run_length(line: np.ndarray, inside: int) -> int:
    """Length of the run of True values in `line` that contains index `inside`."""
    left = inside
    while left > 0 and line[left - 1]:
        left -= 1
    right = inside
    while right + 1 < len(line) and line[right + 1]:
        right += 1
    return right - left + 1


def test_cli_fix_writes_out_and_refuses_to_overwrite_in(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "photo.png"
    portrait().save(src)
    out = tmp_path / "photo.jpg"
    assert main(["fix", str(src), "-o", str(out), "--lang", "en"]) == 0
    printed = capsys.readouterr().out
    assert "Converted PNG to JPEG" in printed and "ACCEPT" in printed
    assert photocheck.check(out).accepted
    assert main(["fix", str(src), "-o", str(src)]) == 2
    assert src.read_bytes()[:4] == b"\x89PNG"
    assert main(["fix", str(tmp_path / "missing.jpg"), "-o", str(out)]) == 2


def test_cli_print_sheet_writes_pdf(tmp_path: Path) -> None:
    src = tmp_path / "photo.jpg"
    src.write_bytes(encoded(portrait(), quality=90))
    out = tmp_path / "sheet.pdf"
    assert main(["print-sheet", str(src), "-o", str(out), "--paper", "2L", "--dpi", "300"]) == 0
    with pdfplumber.open(out) as doc:
        assert len(doc.pages[0].images) == 9
