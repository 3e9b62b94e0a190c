"""The hostile-input campaign's corpus (issue 13), built at test time, never committed.

Every file is made from real pixels (the astronaut portrait of tests/support/portraits.py) and
then broken the way the campaign broke it: truncated and corrupted JPEGs, header bombs, 12-bit
and arithmetic-coded frames, disguised formats, odd names, FIFOs, symlink loops, and files that
look huge (sparse, via truncate, so they cost no disk). `build(folder)` writes them and returns
what each one is, so a test can state what every front door must answer.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from tests.support import portraits

SPARSE_HUGE = 30 * 1024**3
"""The campaign's 30 GB photo: a sparse file, so it takes no disk."""


@dataclass(frozen=True)
class Entry:
    """One corpus file: its path and what kind of hostile input it is."""

    path: Path
    kind: str


@lru_cache(maxsize=1)
def valid_jpeg() -> bytes:
    """A portrait the online profile accepts (600 x 772, plain backdrop)."""
    return portraits.clean_jpeg()


def _sof(data: bytes) -> int:
    """Where the first SOFn marker of `data` starts."""
    pos = 2
    while True:
        marker, length = data[pos + 1], int.from_bytes(data[pos + 2:pos + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return pos
        pos += 2 + length


def _scan_start(data: bytes) -> int:
    pos = 2
    while data[pos + 1] != 0xDA:
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return pos + 2 + int.from_bytes(data[pos + 2:pos + 4], "big")


def with_frame(data: bytes, *, marker: int | None = None, precision: int | None = None,
               size: tuple[int, int] | None = None) -> bytes:
    """`data` with its frame header rewritten: SOF marker, sample precision or size."""
    out = bytearray(data)
    sof = _sof(data)
    if marker is not None:
        out[sof + 1] = marker
    if precision is not None:
        out[sof + 4] = precision
    if size is not None:
        out[sof + 5:sof + 9] = struct.pack(">HH", size[1], size[0])
    return bytes(out)


def corrupt_entropy(data: bytes) -> bytes:
    """`data` with a stray restart marker and garbage in the middle of its scan: Pillow decodes
    it with a grey or garbled lower half, libjpeg's strict mode refuses it."""
    start = _scan_start(data)
    middle = start + (len(data) - start) // 2
    return data[:middle] + b"\xff\xd5" + bytes(range(1, 200)) * 3 + data[middle + 600:]


def noisy_jpeg() -> bytes:
    """A valid JPEG whose image data runs past the first megabyte (sensor noise at quality
    100), so its end-of-image marker is not in the head `check` reads of a large file."""
    import numpy as np
    import simplejpeg

    noise = np.random.default_rng(13).integers(0, 256, (1000, 1000, 3), dtype=np.uint8)
    data = simplejpeg.encode_jpeg(noise, quality=100, colorsubsampling="444")
    assert len(data) > 1_100_000
    return data


def exif_block(**tags: object) -> bytes:
    exif = Image.Exif()
    for key, value in tags.items():
        exif[int(key[1:], 16)] = value
    return exif.tobytes()


def with_exif(software: str) -> bytes:
    return portraits.to_jpeg(portraits.clean(), exif=exif_block(t0131=software))


def private_jpeg() -> bytes:
    """A passing photo that carries XMP with GPS, a Software tag, a 2 MB ICC profile (padding
    after a real sRGB one) and a ZIP appended after its end."""
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    icc = srgb + bytes(2 * 1024 * 1024)
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/'
           b'02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
           b'exif:GPSLatitude="35,40.5N" exif:GPSLongitude="139,45.3E"/></rdf:RDF></x:xmpmeta>')
    image = Image.open(io.BytesIO(valid_jpeg()))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92, icc_profile=icc, xmp=xmp,
               exif=exif_block(t0131="Picasa 3", t0132="2026:11:01 10:00:00"))
    return buffer.getvalue() + b"PK\x03\x04" + b"secret.txt" + bytes(64)


def png_header_bomb() -> bytes:
    """A valid-looking PNG header of 10400 x 10500 px at 16 bits per RGB sample (655 MB decoded)
    with a token IDAT: the campaign's 212 KB file, minus the bytes that take time to make."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", 10400, 10500, 16, 2, 0, 0, 0)
    idat = zlib.compress(bytes(10400 * 6 + 1) * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


HEIC_HEAD = (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00\x00\x00\x08free" * 4)
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"/>'

NON_UTF8_NAME = os.fsdecode(b"caf\xe9.jpg")
FORMULA_NAMES = ('=HYPERLINK("x")', "+1", "-1", "@SUM(1)")
TERMINAL_NAME = "evil\x1b[2J\rACCEPT.jpg"


def build(folder: Path) -> dict[str, Entry]:
    """Write the corpus into `folder`; returns each entry by its kind."""
    folder.mkdir(parents=True, exist_ok=True)
    valid = valid_jpeg()
    files: dict[str, bytes] = {
        "valid": valid,
        "truncated": valid[: len(valid) // 2],
        "corrupt_entropy": corrupt_entropy(valid),
        "bomb": with_frame(valid, size=(60000, 60000)),
        "twelve_bit": with_frame(valid, marker=0xC1, precision=12),
        "arithmetic": with_frame(valid, marker=0xC9),
        "exif_control": with_exif("Adobe Photoshop\x1b[2K\r\x1b[32mACCEPT"),
        "exif_malformed": valid[:2] + b"\xff\xe1\x00\x1eExif\x00\x00MM\x00*\xff\xff\xff\xf0"
        + bytes(14) + valid[2:],
        "private": private_jpeg(),
        "empty": b"",
        "one_byte": b"a",
        "three_bytes": b"abc",
        "bm_text": b"BM is a text file, not a bitmap at all\n",
        "heic": HEIC_HEAD,
        "svg": SVG,
        "png_bomb": png_header_bomb(),
        "text": b"not a photo\n" * 10,
    }
    entries: dict[str, Entry] = {}
    for kind, data in files.items():
        path = folder / f"{kind}.jpg"
        path.write_bytes(data)
        entries[kind] = Entry(path, kind)
    entries.update(_odd_files(folder, valid))
    entries.update(_odd_names(folder, valid))
    return entries


def _odd_files(folder: Path, valid: bytes) -> dict[str, Entry]:
    """Sparse giants, a FIFO, links that go nowhere or in circles, a folder named like a photo."""
    big = folder / "big_valid.jpg"  # valid, its end beyond the first 1 MB, then sparse zeros
    big.write_bytes(noisy_jpeg())
    os.truncate(big, 7_500_000)
    huge = folder / "sparse_30g.jpg"
    huge.write_bytes(valid)
    os.truncate(huge, SPARSE_HUGE)
    fifo = folder / "fifo.jpg"
    os.mkfifo(fifo)
    loop = folder / "loop.jpg"
    os.symlink(loop.name, loop)
    dangling = folder / "dangling.jpg"
    os.symlink("nowhere.jpg", dangling)
    (folder / "folder.jpg").mkdir()
    return {e.kind: e for e in (Entry(big, "big_valid"), Entry(huge, "sparse_30g"),
                                Entry(fifo, "fifo"), Entry(loop, "loop"),
                                Entry(dangling, "dangling"))}


def _odd_names(folder: Path, valid: bytes) -> dict[str, Entry]:
    """Names from old camera cards and from attackers: not UTF-8, formulas, terminal codes."""
    entries = {}
    names = [("non_utf8_name", NON_UTF8_NAME), ("terminal_name", TERMINAL_NAME)]
    names += [(f"formula_{i}", f"{n}.jpg") for i, n in enumerate(FORMULA_NAMES)]
    for kind, name in names:
        path = folder / name
        path.write_bytes(valid if kind == "non_utf8_name" else b"tiny")
        entries[kind] = Entry(path, kind)
    return entries


def form_data(folder: Path) -> dict[str, Path]:
    """Hostile applicant data files and templates for `photocheck form`."""
    folder.mkdir(parents=True, exist_ok=True)
    items = {
        "nested.json": "[" * 200_000 + "]" * 200_000,
        "bigint.json": '{"individual_number": ' + "9" * 5000 + "}",
        "nested.toml": "a = " + "[" * 5000 + "]" * 5000 + "\n",
        "binary.json": "\udcff\udcfe",
        "template.pdf": "not a PDF at all\n",
        "cut.pdf": "%PDF-1.7\n1 0 obj << /Type /Catalog",
    }
    paths = {}
    for name, text in items.items():
        path = folder / name
        path.write_bytes(text.encode("utf-8", "surrogateescape"))
        paths[name] = path
    fifo = folder / "fifo.json"
    os.mkfifo(fifo)
    paths["fifo.json"] = fifo
    return paths
