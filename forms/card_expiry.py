"""What `form validate` and `form fill` say about the card the application will produce.

The form already holds the date of birth, the application date and, for foreign residents, the
category and the end of the period of stay: enough for `photocheck.card` to estimate when the
new card expires, and to warn when the period of stay ends so soon that the card would too.
Kept apart from validation so the form's rules and the card's rules evolve separately.
"""

from __future__ import annotations

import sys
from typing import TextIO

from forms.model import Applicant
from forms.problems import Problem
from photocheck.card import CardInputError, CardResult, compute, parse_query
from photocheck.card.dates import months_after
from photocheck.card.rules import in_force
from photocheck.report import Text


def card_for(applicant: Applicant) -> CardResult | None:
    """The card this application should produce (issue date estimated), or None if unknown."""
    raw = {"birth": applicant.date_of_birth, "applied": applicant.application_date,
           "category": applicant.foreign_resident_category or "japanese",
           "stay_end": applicant.residence_expiry_date}
    try:
        return compute(parse_query(raw))
    except CardInputError:
        return None  # e.g. a mid- to long-term resident without the stay's end: nothing to say


def stay_warning(applicant: Applicant) -> Problem | None:
    """A warning when the period of stay ends within about two months after applying."""
    stay_end, applied = applicant.residence_expiry_date, applicant.application_date
    if stay_end is None or stay_end < applied:
        return None  # before the application: validation already warns
    months = in_force("deadlines", applied)["stay_warning_months"]
    if stay_end > months_after(applied, months):
        return None
    return Problem("residence_expiry_date", Text(
        f"the period of stay ends within {months} months of the application: the new card "
        f"would expire with it, on {stay_end.isoformat()}",
        f"在留期間が申請から{months}か月以内に満了します。新しいカードもその日"
        f"（{stay_end.isoformat()}）に有効期限を迎えます"),
        Text("renew the period of stay first, then extend the card at the municipal office",
             "先に在留期間を更新し、その後市区町村の窓口でカードの有効期限を延長してください"),
        "warning")


def report_card_expiry(applicant: Applicant, lang: str, out: TextIO | None = None,
                       err: TextIO | None = None) -> None:
    """Print the expected expiry (and the stay warning) for a validated applicant."""
    result = card_for(applicant)
    if result is not None:
        line = Text(f"expected card expiry: {result.expiry.isoformat()} (estimate: "
                    f"{result.expiry_reason.en}; details: photocheck card)",
                    f"カードの有効期限の見込み：{result.expiry.isoformat()}（"
                    f"{result.expiry_reason.ja}。詳しくは photocheck card）")
        print(line.get(lang), file=out or sys.stdout)
    warning = stay_warning(applicant)
    if warning is not None:
        print(warning.text(lang), file=err or sys.stderr)
