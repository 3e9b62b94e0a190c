"""What `form validate` and `form fill` say about the card the application will produce.

The form already holds the date of birth, the application date and, for foreign residents, the
category and the end of the period of stay: enough for `photocheck.card` to estimate when the
new card expires.
Kept apart from validation so the form's rules and the card's rules evolve separately.
"""

from __future__ import annotations

import sys
from typing import TextIO

from forms.model import Applicant
from forms.problems import Problem
from photocheck.card import CardInputError, CardResult, compute, parse_query
from photocheck.card.rules import categories, in_force
from photocheck.dates import add_months
from photocheck.i18n.dates import era_date
from photocheck.report import Text


def card_for(applicant: Applicant) -> CardResult | None:
    """The card this application should produce (issue date estimated), or None if unknown."""
    raw = {"birth": applicant.date_of_birth, "applied": applicant.application_date,
           "category": (applicant.residence_status or applicant.foreign_resident_category
                        or "japanese"),
           "stay_end": applicant.residence_expiry_date}
    try:
        return compute(parse_query(raw))
    except CardInputError:
        return None  # e.g. a mid- to long-term resident without the stay's end: nothing to say


def card_problems(applicant: Applicant) -> list[Problem]:
    """What the card's own rules say against this application: a card that would expire before
    it can be ready (a newborn on a 60-day transitional stay applying late) is a warning.

    Stay-capped categories are left to the form's own rule (the period of stay ending within two
    months of the application), which says the same with the renewal advice.
    """
    result = card_for(applicant)
    if result is None or categories()[result.query.category].cap != "transitional":
        return []
    latest = add_months(applicant.application_date,
                        int(in_force("deadlines", applicant.application_date)["issue_max_months"]))
    if result.expiry > latest:
        return []
    return [Problem("foreign_resident_category",
                    Text("the card would expire on {expiry} ({reason}), before or soon after it "
                         "is ready (about {ready}, up to {latest})").format(
                        expiry=era_date(result.expiry), reason=result.expiry_reason,
                        ready=era_date(result.issued), latest=era_date(latest)),
                    Text("apply for a status of residence at the immigration office first; "
                         "apply for the card when the residence card shows it"), "warning")]


def report_card_expiry(applicant: Applicant, lang: str, out: TextIO | None = None) -> None:
    """Print the expected expiry for a validated applicant.

    The warning for a period of stay ending soon after the application is a validation rule of
    the form (forms/validate.py), so it is listed with the other problems, not here.
    """
    result = card_for(applicant)
    if result is not None:
        line = Text("expected card expiry: {day} (estimate: {reason}; details: photocheck card)")
        print(line.format(day=era_date(result.expiry), reason=result.expiry_reason).get(lang),
              file=out or sys.stdout)
