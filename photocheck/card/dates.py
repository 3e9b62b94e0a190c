"""Date arithmetic the card rules need: birthdays after a day, months back, leap-day births."""

from __future__ import annotations

import calendar
import datetime as dt

from photocheck.dates import months_before


def birthday_in(birth: dt.date, year: int) -> dt.date:
    """The birthday in ``year``; 29 February becomes 28 February in a year without it."""
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return birth.replace(year=year)


def nth_birthday_after(birth: dt.date, day: dt.date, n: int) -> dt.date:
    """The ``n``-th birthday strictly after ``day``: a birthday on ``day`` does not count."""
    first_year = day.year if birthday_in(birth, day.year) > day else day.year + 1
    return birthday_in(birth, first_year + n - 1)


def is_leap_day_shift(birth: dt.date, birthday: dt.date) -> bool:
    """True when ``birthday`` was moved to 28 February because the holder was born on the 29th."""
    return (birth.month, birth.day) == (2, 29) and (birthday.month, birthday.day) == (2, 28)


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months later, clamped to the month's end."""
    return months_before(day, -months)
