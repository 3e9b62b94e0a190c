"""The library lends a check a helper thread only when a core is spare, and the helper changes
nothing the check says (photocheck/spare_core.py, `photocheck.context.HELPER`)."""

from __future__ import annotations

import contextvars
import io
import threading
from functools import cache

import pytest
from PIL import Image

import photocheck
from photocheck import spare_core
from photocheck.context import HELPER
from photocheck.vision import person

skimage_data = pytest.importorskip("skimage.data")


@cache
def _photo() -> bytes:
    """The astronaut's head and shoulders, upscaled past the 480 px minimum, as a JPEG."""
    crop = skimage_data.astronaut()[0:310, 104:344]
    image = Image.fromarray(crop).resize((720, 930), Image.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def _segmenting_threads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the threads that segment the person, recorded as checks run."""
    names: list[str] = []
    original = person.compute_person_mask

    def recording(ctx: object) -> person.PersonMask:
        names.append(threading.current_thread().name)
        return original(ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(person, "compute_person_mask", recording)
    return names


def _values(report: photocheck.Report) -> dict[str, object]:
    return {c.id: (c.status, c.value) for c in report.checks}


def test_a_check_alone_on_an_idle_machine_segments_on_the_spare_core(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spare_core, "usable_cores", lambda: 2)
    threads = _segmenting_threads(monkeypatch)
    helped = photocheck.check(_photo())
    assert threads and threads[-1].startswith("photocheck-spare-core")
    token = HELPER.set(None)
    try:
        alone = photocheck.check(_photo())
    finally:
        HELPER.reset(token)
    assert threads[-1] == threading.current_thread().name
    assert _values(helped) == _values(alone)
    assert helped.verdict is alone.verdict


def test_no_helper_on_one_core_or_while_another_check_runs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spare_core, "usable_cores", lambda: 1)
    with spare_core.lent_helper() as helper:
        assert helper is None
    monkeypatch.setattr(spare_core, "usable_cores", lambda: 2)
    with spare_core.lent_helper() as first:
        assert first is not None
        with spare_core.lent_helper() as second:  # two checks on two cores: none spare
            assert second is None
    with spare_core.lent_helper() as again:  # the count went back down
        assert again is not None


def test_a_batch_worker_checks_in_its_own_thread_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process sets no helper before its first photo (its siblings have the other
    cores): even on an idle machine, its checks segment in the worker's own thread."""
    from photocheck.batch import worker

    monkeypatch.setattr(spare_core, "usable_cores", lambda: 2)
    threads = _segmenting_threads(monkeypatch)

    def as_a_worker() -> None:
        worker.checks_in_this_thread()
        photocheck.check(_photo())

    contextvars.copy_context().run(as_a_worker)
    assert threads == [threading.current_thread().name]
