"""Shared made-up applicants; every Individual Number is invented but has a valid check digit."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

TODAY = dt.date(2024, 5, 10)  # "today" for the made-up applicants below (dated 2024-05-01)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[dt.date]]:
    """Every forms test runs on a fixed day; a test changes it with ``fixed_today[0] = ...``."""
    from forms import validate

    day = [TODAY]
    monkeypatch.setattr(validate, "today", lambda: day[0])
    yield day


ADULT_FOREIGN: dict[str, object] = {
    "individual_number": "123456789018",
    "name": "SMITH JANE ALICE",
    "address": "東京都千代田区霞が関2-1-2 テストハイツ101",
    "date_of_birth": "1990-04-12",
    "sex": "female",
    "phone": "03-1234-5678",
    "foreign_resident_category": "mid_long_term",
    "residence_expiry_listed": True,
    "residence_expiry_date": "2027-03-31",
    "application_date": "令和6年5月1日",
    "applicant_signature_name": "SMITH JANE ALICE",
    "decline_user_cert": True,
}

CHILD: dict[str, object] = {
    "individual_number": "987654321093",
    "name": "山田 花子",
    "address": "大阪府大阪市北区中之島1-3-20",
    "date_of_birth": "H30.6.15",
    "sex": "女",
    "application_date": "2024-05-01",
    "applicant_signature_name": "山田 花子",
    "decline_signature_cert": True,
    "braille": True,
    "representative": {
        "furigana": "やまだ たろう",
        "name": "山田 太郎",
        "relationship": "父 / father",
        "postal_code": "530-0005",
        "address": "大阪府大阪市北区中之島1-3-20",
        "phone": "06-1234-5678",
    },
}


@pytest.fixture
def adult_foreign() -> dict[str, object]:
    """A fresh copy each test so tests can edit it freely."""
    return copy.deepcopy(ADULT_FOREIGN)


@pytest.fixture
def child() -> dict[str, object]:
    """A 5-year-old applying through her father."""
    return copy.deepcopy(CHILD)


@pytest.fixture(scope="session")
def astronaut_jpeg(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real pixels: scikit-image's astronaut, a 512 x 512 portrait, saved as JPEG."""
    from PIL import Image
    from skimage import data

    path = tmp_path_factory.mktemp("photo") / "astronaut.jpg"
    Image.fromarray(data.astronaut()).save(path, quality=90)
    return path
