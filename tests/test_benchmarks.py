"""The benchmark harness's own logic: corpus generation, figure arithmetic, the decode counter.

No timing is asserted here (timed tests are flaky on a shared machine); the ratios are computed
from made-up arrival times so the bar logic is checked exactly.
"""

from __future__ import annotations

import numpy as np
import pytest
import simplejpeg

from benchmarks import corpora
from benchmarks.bars import BatchTiming, Figure, median_figure, table, throughput_ratio, wall_ratio
from benchmarks.inprocess import counting_decodes
from photocheck import check
from photocheck.jpeg_header import read_header
from photocheck.sniff import FileType, sniff


def test_booth_corpus_is_deterministic_2mp_jpegs_cached_by_version(tmp_path, monkeypatch):
    corpus = corpora.ensure("booth", 1, root=tmp_path)
    data = corpus.paths[0].read_bytes()
    header = read_header(data)
    assert (header.width, header.height) == corpora.BOOTH_SIZE
    assert data == corpora.booth_photo(0)  # same index, same bytes

    corpus.paths[0].write_bytes(b"stale")
    assert corpora.ensure("booth", 1, root=tmp_path).paths[0].read_bytes() == b"stale"
    monkeypatch.setattr(corpora, "GENERATOR_VERSION", "another")
    assert corpora.ensure("booth", 1, root=tmp_path).paths[0].read_bytes() == data


@pytest.mark.parametrize(("index", "kind", "rule"), [
    (2, FileType.WEBP, "file.format"),
    (3, FileType.JPEG, "file.color_mode"),
    (4, FileType.JPEG, "file.size"),
])
def test_mixed_bad_files_fail_a_file_rule_without_a_pixel_decode(index, kind, rule):
    data = corpora.bad_file(index)
    assert sniff(data[:64]) is kind
    with counting_decodes() as calls:
        report = check(data)
    assert rule in [c.id for c in report.failed()]
    assert sum(calls.values()) == 0


def test_decode_counter_counts_and_restores():
    jpeg = simplejpeg.encode_jpeg(np.zeros((16, 16, 3), np.uint8))
    original = simplejpeg.decode_jpeg
    with counting_decodes() as calls:
        simplejpeg.decode_jpeg(jpeg)
    assert calls["simplejpeg.decode_jpeg"] == 1
    assert simplejpeg.decode_jpeg is original


def _timing(pipeline: str, per_photo_s: float, photos: int = 20, startup_s: float = 2.0,
            jobs: int = 2) -> BatchTiming:
    """Arrivals of a batch whose workers start in `startup_s`, then finish `jobs` at a time."""
    arrivals = tuple(startup_s + per_photo_s * (i // jobs + 1) for i in range(photos))
    return BatchTiming(pipeline, jobs, arrivals, arrivals[-1] + 0.1)


def test_steady_rate_leaves_start_up_out():
    timing = _timing("x", per_photo_s=0.5, startup_s=10.0)  # 2 workers: 4 photos/s once warm
    assert timing.steady_rate == pytest.approx(4.0)
    assert timing.total_rate < 2.0


def test_throughput_ratio_against_the_bar():
    fast, slow = _timing("photocheck", 0.05), _timing("naive", 0.5)
    figure = throughput_ratio("phone_vs_naive", fast, slow)
    assert figure.value == pytest.approx(10.0)
    assert figure.passed and figure.headroom == pytest.approx(10.0 / 8.0)
    assert not throughput_ratio("phone_vs_naive", _timing("photocheck", 0.1), slow).passed


def test_wall_ratio_is_lower_is_better():
    floor = _timing("floor", 0.04)
    assert wall_ratio("phone_vs_floor", _timing("photocheck", 0.06), floor).passed  # 1.5x
    missed = wall_ratio("phone_vs_floor", _timing("photocheck", 0.08), floor)  # 2x
    assert missed.value == pytest.approx(2.0) and not missed.passed
    assert missed.headroom == pytest.approx(0.8)


def test_median_figure_and_table():
    figure = median_figure("warm_check", [50.0, 30.0, 35.0, 90.0, 38.0], "ms")
    assert figure.value == 38.0 and figure.passed
    zero = Figure("rejection_decodes", 0.0)
    assert zero.passed and zero.headroom is None
    text = table([figure, Figure("cold_start", 2.5), zero])
    rows = text.splitlines()[2:]
    assert [row.rsplit("|", 2)[-2].strip() for row in rows] == ["PASS", "MISS", "PASS"]
