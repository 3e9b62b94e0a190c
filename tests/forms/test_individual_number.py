from __future__ import annotations

import pytest

from forms.individual_number import check_digit, is_valid, with_check_digit


def test_spec_example() -> None:
    assert is_valid("123456789018")
    assert not is_valid("123456789012")
    assert check_digit("12345678901") == 8


@pytest.mark.parametrize(
    "bad", ["12345678901", "1234567890180", "12345678901a", "１２３４５６７８９０１８"]
)
def test_wrong_shape_is_invalid(bad: str) -> None:
    assert not is_valid(bad)


def test_remainder_zero_and_one_give_zero() -> None:
    # Brute-force a few prefixes and recompute by the ordinance's formula independently.
    for prefix in ("00000000000", "11223344556", "99999999999", "31415926535"):
        digits = [int(c) for c in reversed(prefix)]
        total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(digits, start=1))
        r = total % 11
        assert check_digit(prefix) == (0 if r <= 1 else 11 - r)
        assert is_valid(with_check_digit(prefix))


def test_check_digit_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        check_digit("123")
