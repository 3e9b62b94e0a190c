"""The hostile corpus, built once per session into a temporary folder (never committed)."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from tests.hostile import corpus


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, corpus.Entry]:
    return corpus.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hostile_dir(hostile: dict[str, corpus.Entry]) -> Path:
    return hostile["valid"].path.parent


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    """Every entry of `folder` (not followed): type, size and a digest of regular files' heads,
    so a test can assert a front door changed nothing it was not asked to write."""
    state = {}
    for entry in os.scandir(folder):
        info = entry.stat(follow_symlinks=False)
        digest = ""
        if stat.S_ISREG(info.st_mode) and info.st_size < 10_000_000:
            digest = hashlib.sha256(Path(entry.path).read_bytes()).hexdigest()
        state[entry.name] = (stat.S_IFMT(info.st_mode), info.st_size, digest)
    return state
