from __future__ import annotations

import datetime as dt

import pytest

from photocheck.dates import DateFormatError, age_on, months_before, parse_date
from photocheck.i18n.eras import to_era_text

D = dt.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01", D(2024, 5, 1)),
        ("2024/5/1", D(2024, 5, 1)),
        ("2024.5.1", D(2024, 5, 1)),
        ("2024年5月1日", D(2024, 5, 1)),
        ("令和6年5月1日", D(2024, 5, 1)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("R6.5.1", D(2024, 5, 1)),
        ("r6/5/1", D(2024, 5, 1)),
        ("平成元年1月8日", D(1989, 1, 8)),
        ("H1.1.8", D(1989, 1, 8)),
        ("S64.1.7", D(1989, 1, 7)),
        ("平成31年4月30日", D(2019, 4, 30)),
        ("大正元年7月30日", D(1912, 7, 30)),
        ("Ｒ６．５．１", D(2024, 5, 1)),
        ("令和 6 年 5 月 1 日", D(2024, 5, 1)),
    ],
)
def test_accepted_forms(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_date_objects_from_toml_pass_through() -> None:
    assert parse_date(D(2024, 5, 1)) == D(2024, 5, 1)
    assert parse_date(dt.datetime(2024, 5, 1, 9, 30)) == D(2024, 5, 1)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("平成32年1月1日", "ended on 30 April 2019"),  # Heisei ended: 令和2年 is the right name
        ("H31.5.1", "ended on 30 April 2019"),
        ("S64.1.8", "ended on 7 January 1989"),
        ("R1.4.30", "began on 1 May 2019"),
        ("昭和元年12月24日", "began on 25 December 1926"),
        ("R0.5.1", "start at 1"),
        ("2023-02-29", "no such day"),
        ("2024-13-01", "no such day"),
        ("yesterday", "not a recognised date"),
        ("2024-05", "not a recognised date"),
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(DateFormatError, match=reason):
        parse_date(text)


def test_reiwa_is_open_ended() -> None:
    assert parse_date("R30.1.1") == D(2048, 1, 1)


def test_era_text_round_trip() -> None:
    assert to_era_text(D(2019, 5, 1)) == "令和元年5月1日"
    assert to_era_text(D(1989, 1, 7)) == "昭和64年1月7日"
    assert parse_date(to_era_text(D(2001, 2, 3))) == D(2001, 2, 3)


def test_age_on_birthday_boundaries() -> None:
    birth = D(2009, 5, 1)
    assert age_on(birth, D(2024, 4, 30)) == 14
    assert age_on(birth, D(2024, 5, 1)) == 15
    leap = D(2008, 2, 29)
    assert age_on(leap, D(2023, 2, 28)) == 14
    assert age_on(leap, D(2023, 3, 1)) == 15


def test_months_before_clamps_month_end() -> None:
    assert months_before(D(2024, 8, 31), 6) == D(2024, 2, 29)
    assert months_before(D(2024, 5, 1), 6) == D(2023, 11, 1)
