"""The Individual Number (個人番号) check digit, as fixed by the ministerial ordinance.

Kept alone so the rule is tested directly against the spec's worked example (123456789018).
"""

from __future__ import annotations


def check_digit(first_eleven: str) -> int:
    """Return the 12th digit for the given first 11 digits.

    Digits are numbered n = 1..11 from the right; weight is n + 1 for n <= 6 and n - 5 above.
    """
    if len(first_eleven) != 11 or not first_eleven.isascii() or not first_eleven.isdigit():
        raise ValueError("expected exactly 11 ASCII digits")
    total = 0
    for n, char in enumerate(reversed(first_eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(char) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_valid(number: str) -> bool:
    """True when ``number`` is 12 ASCII digits whose last digit is the correct check digit."""
    if len(number) != 12 or not number.isascii() or not number.isdigit():
        return False
    return check_digit(number[:11]) == int(number[11])


def with_check_digit(first_eleven: str) -> str:
    """Complete 11 digits into a valid 12-digit number (used to make test and sample data)."""
    return first_eleven + str(check_digit(first_eleven))
