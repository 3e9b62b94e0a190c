"""From birth, issue (or application) and residence data to the card's and certificates' expiry.

Follows shared/spec/card-validity.md; every number comes from rules.toml through ``in_force``
so the rule in force on the relevant day (receipt day for the age threshold) is the one used.
"""

from __future__ import annotations

import datetime as dt

from photocheck.card import events
from photocheck.card.dates import birthday_in, is_leap_day_shift, months_after, nth_birthday_after
from photocheck.card.query import CardQuery
from photocheck.card.result import CardResult, Certificate, Dated
from photocheck.card.rules import categories, in_force
from photocheck.dates import age_on, months_before
from photocheck.i18n.dates import era_date
from photocheck.report import Text, TextList

# Translators: joins years in a list ("2036, 2040").
_YEAR_SEP = Text(", ")


def _issue_date(query: CardQuery) -> tuple[dt.date, bool]:
    if query.issued is not None:
        return query.issued, False
    assert query.applied is not None
    months = in_force("deadlines", query.applied)["issue_estimate_months"]
    return months_after(query.applied, months), True


def _receipt_date(query: CardQuery, issued: dt.date) -> tuple[dt.date, bool]:
    """The receipt date given, else the application date, else about a month before issue."""
    if query.received is not None:
        return query.received, False
    if query.applied is not None:
        return query.applied, True
    months = in_force("deadlines", issued)["issue_estimate_months"]
    return max(months_before(issued, months), query.birth), True


def _base_birthdays(birth: dt.date, issued: dt.date, received: dt.date) -> tuple[int, int, str]:
    """How many birthdays the base term runs, the age threshold used and that rule's source."""
    threshold = in_force("age_threshold", received)
    term = in_force("term", received)
    adult = age_on(birth, issued) >= threshold["years"]
    birthdays = term["adult_birthdays"] if adult else term["minor_birthdays"]
    return birthdays, threshold["years"], threshold["source"]


def _receipt_note(query: CardQuery, issued: dt.date, birthdays: int) -> list[Text]:
    """Warn when the unknown receipt date could change the term (issue near a rule change)."""
    if query.received is not None or query.applied is not None:
        return []
    earliest = months_before(issued, in_force("deadlines", issued)["issue_max_months"])
    possible = {_base_birthdays(query.birth, issued, day)[0] for day in (earliest, issued)}
    if possible == {birthdays}:
        return []
    return [Text("The term depends on the day J-LIS received the application (the age threshold "
                 "changed on 2022-04-01): give it with --received for a sure answer.")]


# Why the card ends before its base term, one whole sentence per cap (the category's name and
# the dates are parameters, so each language orders them its own way).
_CAP_REASON = {
    "stay_end": Text("{category}: the end of the period of stay, which is earlier than the base "
                     "term ({base})"),
    "permit_end": Text("{category}: the end of the permitted period, which is earlier than the "
                       "base term ({base})"),
    "birth": Text("{category}: {days} days after the date of birth"),
    "nationality_loss": Text("{category}: {days} days after the loss of Japanese nationality"),
}


def _cap(query: CardQuery, base_end: dt.date) -> tuple[dt.date, str, Text | None]:
    """The card's expiry after the category's cap, the rule's id and why (None: no cap)."""
    category = categories()[query.category]
    capped = category.cap in ("stay_end", "permit_end")
    if capped and query.stay_end is not None and query.stay_end < base_end:
        return query.stay_end, category.cap, _CAP_REASON[category.cap].format(
            category=category.name, base=era_date(base_end))
    if category.cap == "transitional":
        start = query.birth if category.start == "birth" else query.nationality_lost
        assert start is not None and category.start is not None
        days = in_force("transitional", start)["days"]
        end = min(start + dt.timedelta(days=days), base_end)
        return end, "transitional", _CAP_REASON[category.start].format(
            category=category.name, days=days)
    return base_end, "base_term", None


# (at or above the threshold, receipt date estimated) -> the sentence
_BASE_REASON = {
    (True, False): Text("{birthdays}th birthday after the issue date: aged {age} at issue, at or "
                        "above the age threshold of {threshold} that applies to applications "
                        "received on {received}"),
    (True, True): Text("{birthdays}th birthday after the issue date: aged {age} at issue, at or "
                       "above the age threshold of {threshold} that applies to applications "
                       "received on {received} (receipt date estimated)"),
    (False, False): Text("{birthdays}th birthday after the issue date: aged {age} at issue, below "
                         "the age threshold of {threshold} that applies to applications received "
                         "on {received}"),
    (False, True): Text("{birthdays}th birthday after the issue date: aged {age} at issue, below "
                        "the age threshold of {threshold} that applies to applications received "
                        "on {received} (receipt date estimated)"),
}


def _base_reason(birthdays: int, age: int, threshold: int, received: dt.date,
                 received_estimated: bool) -> Text:
    return _BASE_REASON[(age >= threshold, received_estimated)].format(
        birthdays=birthdays, age=age, threshold=threshold, received=era_date(received))


def _certificate_reason(capped: bool, own_end: dt.date, birthdays: int) -> Text:
    if capped:
        return Text("capped by the card's expiry; its own term would end {day}").format(
            day=era_date(own_end))
    return Text("{birthdays}th birthday after the issue date").format(birthdays=birthdays)


def _certificates(query: CardQuery, issued: dt.date, age: int, expiry: dt.date
                  ) -> list[Certificate]:
    rule = in_force("certificates", issued)
    own_end = nth_birthday_after(query.birth, issued, rule["birthdays"])
    capped = expiry < own_end
    end = min(own_end, expiry)
    reason = _certificate_reason(capped, own_end, rule["birthdays"])
    opens = None if capped else months_before(end, rule["renewal_window_months"])
    user = Certificate("user", Text("User-identification certificate"),
                       True, end, capped, opens, reason)
    signature_name = Text("Digital signature certificate")
    if age < rule["signature_min_age"]:
        from_day = birthday_in(query.birth, query.birth.year + rule["signature_min_age"])
        return [Certificate("signature", signature_name, False, None, False, None, Text(
            "not issued: under {age} on the issue date (it can be requested at the municipal "
            "office from {day})"
        ).format(age=rule["signature_min_age"], day=era_date(from_day))), user]
    return [Certificate("signature", signature_name, True, end, capped, opens, reason), user]


def _card_dates(result_expiry: dt.date, rule: str, issued: dt.date) -> list[Dated]:
    """The card's own dates: expiry, and the renewal window when the base term ends it."""
    items = []
    if rule == "base_term":
        months = in_force("term", issued)["renewal_window_months"]
        items.append(Dated("card_renewal_opens", months_before(result_expiry, months), "window",
                           Text("Card renewal opens"),
                           Text("Apply at the municipal office of your resident record.")))
        detail = Text("Renew the card before this day.")
    elif rule in ("stay_end", "permit_end"):
        detail = Text("After renewing your period of stay, have the card's expiry extended at "
                      "the municipal office before this day (bring the residence card and this "
                      "card).")
    else:
        detail = Text("The card ends on this day.")
    items.append(Dated("card_expires", result_expiry, "deadline",
                       Text("My Number Card expires"), detail))
    return items


def _certificate_dates(certificates: list[Certificate]) -> list[Dated]:
    """Renewal window and expiry per certificate; one line for both when their dates agree."""
    issued = [c for c in certificates if c.issued]
    if len(issued) == 2 and len({(c.expires, c.renewal_opens) for c in issued}) == 1:
        both = issued[1]
        issued = [Certificate("certificates", Text("Electronic certificates (both)"), True,
                              both.expires, both.capped_by_card, both.renewal_opens,
                              both.reason)]
    items = []
    for cert in issued:
        if cert.renewal_opens is not None:
            items.append(Dated(f"{cert.id}_renewal_opens", cert.renewal_opens, "window",
                               Text("{certificate}: renewal opens").format(certificate=cert.name)))
        if cert.expires is not None and not cert.capped_by_card:
            items.append(Dated(f"{cert.id}_expire", cert.expires, "deadline",
                               Text("{certificate}: expiry").format(
                                   certificate=cert.name),
                               Text("Renew at the municipal office before this day; the card "
                                    "itself stays valid.")))
    return items


def _collection_date(query: CardQuery, issued: dt.date) -> list[Dated]:
    if query.applied is None:
        return []
    latest = months_after(query.applied, in_force("deadlines", query.applied)["issue_max_months"])
    return [Dated("card_ready_estimate", issued, "info",
                  Text("New card ready (estimate)"),
                  Text("Usually about one month after applying, up to {day}; collect it in person "
                       "with the notice postcard, the residence card (foreign residents) and "
                       "other ID."
                       ).format(day=era_date(latest)))]


def _notes(query: CardQuery, issued: dt.date, ends: list[dt.date], estimated: bool
           ) -> list[Text]:
    notes = []
    if estimated:
        notes.append(Text("The issue date is an estimate ({day}, about one month after the "
                          "application); the dates below move with it.").format(
                              day=era_date(issued)))
    years = sorted({end.year for end in ends if is_leap_day_shift(query.birth, end)})
    if years:
        notes.append(Text("Born on 29 February: in {years}, without 29 February, the birthday is "
                          "taken as 28 February."
                          ).format(years=TextList(tuple(Text(str(y)) for y in years), _YEAR_SEP)))
    return notes


def compute(query: CardQuery) -> CardResult:
    """The card's expiry and why, each certificate's expiry, the windows and the events."""
    issued, issued_estimated = _issue_date(query)
    received, received_estimated = _receipt_date(query, issued)
    age = age_on(query.birth, issued)
    birthdays, threshold, source = _base_birthdays(query.birth, issued, received)
    base_end = nth_birthday_after(query.birth, issued, birthdays)
    expiry, rule, cap_reason = _cap(query, base_end)
    base_reason = _base_reason(birthdays, age, threshold, received, received_estimated)
    reason = cap_reason or base_reason
    certificates = _certificates(query, issued, age, expiry)
    dates = (_collection_date(query, issued) + _card_dates(expiry, rule, issued)
             + _certificate_dates(certificates))
    ends = [base_end, expiry] + [c.expires for c in certificates if c.expires]
    notes = _notes(query, issued, ends, issued_estimated)
    notes += _receipt_note(query, issued, birthdays)
    if rule != "base_term":
        notes.append(Text("Without the cap the card would run until {day}: {reason}.").format(
            day=era_date(base_end), reason=base_reason))
    partial = CardResult(query, issued, issued_estimated, received, received_estimated, age,
                         threshold, source, birthdays, base_end, expiry, rule, reason,
                         certificates, sorted(dates, key=lambda d: d.date), [], notes)
    return events.apply(partial)
