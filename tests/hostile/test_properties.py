"""Property-based: mutated JPEG headers and EXIF blocks never end in a traceback (issue 13).

Hypothesis flips, inserts and deletes bytes in the segments before the first scan (markers,
lengths, frame, tables, APP1) and in the EXIF payload itself; every door that parses those must
answer with a report or its own error type. Derandomized and bounded, so the run is the same
every time and takes seconds.
"""

from __future__ import annotations

import contextlib
import io
from functools import lru_cache

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import photocheck
from photocheck.exif import parse_exif
from photocheck.fix import FixError, fix_photo
from photocheck.fix.exif_clean import clean_exif, rebuild_metadata
from photocheck.fix.load import open_upright, verify_jpeg
from photocheck.jpeg_header import JpegHeaderError, read_header
from photocheck.report import Report
from photocheck.sniff import sniff
from tests.hostile.corpus import exif_block

SETTINGS = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))


@lru_cache(maxsize=1)
def small_jpeg() -> bytes:
    """A 96 x 120 crop of the astronaut with a full EXIF block (dates, software, GPS)."""
    from skimage import data

    image = Image.fromarray(np.ascontiguousarray(data.astronaut()[40:280, 140:332]))
    image = image.resize((96, 120))
    exif = Image.Exif()
    exif.update({0x0131: "Camera 1.0", 0x0132: "2026:11:01 10:00:00", 0x010F: "Maker"})
    exif.get_ifd(0x8825)[2] = (35.0, 40.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


def _scan_offset(data: bytes) -> int:
    return read_header(data).scan_offset


Mutation = tuple[str, int, int]
mutations = st.lists(st.tuples(st.sampled_from(("set", "insert", "delete")),
                               st.integers(0, 10**6), st.integers(0, 255)),
                     min_size=1, max_size=6)


def mutate(data: bytes, edits: list[Mutation], end: int) -> bytes:
    """`data` with `edits` applied at positions below `end` (the header region)."""
    out = bytearray(data)
    for kind, where, value in edits:
        pos = where % max(1, min(end, len(out)))
        if kind == "set":
            out[pos] = value
        elif kind == "insert":
            out.insert(pos, value)
        elif pos < len(out):
            del out[pos]
    return bytes(out)


@SETTINGS
@given(mutations)
def test_check_answers_any_mutated_header(edits: list[Mutation]) -> None:
    data = mutate(small_jpeg(), edits, _scan_offset(small_jpeg()) + 16)
    sniff(data[:64])
    assert isinstance(photocheck.check(data), Report)
    with contextlib.suppress(FixError):
        verify_jpeg(data)


@SETTINGS
@given(mutations)
def test_fix_answers_any_mutated_header(edits: list[Mutation]) -> None:
    data = mutate(small_jpeg(), edits, _scan_offset(small_jpeg()) + 16)
    result = fix_photo(data)
    assert result.jpeg is not None or result.error is not None
    with contextlib.suppress(FixError):
        open_upright(data)


@SETTINGS
@given(mutations)
def test_exif_handling_survives_any_mutated_block(edits: list[Mutation]) -> None:
    payload = exif_block(t0131="Camera 1.0", t0132="2026:11:01 10:00:00", t010F="Maker")
    broken = mutate(payload, edits, len(payload))
    parse_exif(broken)
    exif = Image.Exif()
    try:
        exif.load(broken)
    except Exception:  # Pillow refusing the block is fine; what we do with it must not raise
        exif = Image.Exif()
    kept, _ = clean_exif(exif)
    rebuilt = rebuild_metadata(small_jpeg(), kept, None)
    try:
        read_header(rebuilt)
    except JpegHeaderError:
        raise AssertionError("a rebuilt JPEG must stay well-formed") from None
