"""Life events and what they mean for the card: a renewed stay, a move, a lost card.

Each event becomes an Event (the answer and the steps) and, when it has one, a dated deadline
that the summary and the calendar show beside the card's own dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from photocheck.card.result import CardResult, Dated, Event
from photocheck.card.rules import categories, in_force
from photocheck.i18n.dates import era_date
from photocheck.report import Text

_CERTS_VOID = Text("Extending the expiry invalidates both electronic certificates: have them "
                   "issued again at the same visit.")


def _new_stay(result: CardResult, new_end: dt.date) -> Event:
    category = categories()[result.query.category]
    if category.cap not in ("stay_end", "permit_end"):
        return Event("new_stay_end", Text(
            "{category}: the card's expiry does not depend on the period of stay; nothing to do "
            "for the card."
        ).format(category=category.name), [], None, None,
            {"extension_possible": None, "reissue_needed": False})
    if result.expiry_rule == "base_term":
        return Event("new_stay_end", Text(
            "The card already runs to its base term ({day}); the new period of stay does not "
            "change it."
        ).format(day=era_date(result.base_end)), [], None, None,
            {"extension_possible": None, "reissue_needed": False})
    if new_end <= result.base_end:
        return Event("new_stay_end", Text(
            "The card can be extended to {new_end}: go to the municipal office by {expiry}, "
            "before the card expires."
        ).format(new_end=era_date(new_end), expiry=era_date(result.expiry)),
            [Text("Bring the residence card (showing the renewal, or the \"application for "
                  "renewal\" note) and this card."), _CERTS_VOID,
             Text("After {day} the card has expired and cannot be extended any more: a reissue "
                  "(charged) is needed then.").format(day=era_date(result.expiry))],
            result.expiry, Text("Extend the card at the municipal office"),
            {"extension_possible": True, "reissue_needed": False,
                            "new_expiry": new_end.isoformat()})
    return Event("new_stay_end", Text(
        "The card cannot be extended: the new period of stay ({new_end}) passes the card's base "
        "term ({base_end}). A reissue (charged) is needed."
    ).format(new_end=era_date(new_end), base_end=era_date(result.base_end)),
        [Text("Apply for a reissue at the municipal office; applying before {day} avoids a time "
              "without a valid card.").format(day=era_date(result.expiry))],
        result.expiry, Text("Apply for the card's reissue (extension not possible)"),
        {"extension_possible": False, "reissue_needed": True})


def _moved(result: CardResult, moved: dt.date) -> Event:
    days = in_force("deadlines", moved)["move_days"]
    deadline = moved + dt.timedelta(days=days)
    signature = next(c for c in result.certificates if c.id == "signature")
    steps = [Text("Bring the card with the move-in or change-of-address notification.")]
    if signature.issued:
        steps.append(Text("The signature certificate became invalid with the move: have it "
                          "issued again. The user-identification certificate is not affected."))
    return Event("moved", Text(
        "Update the card's address at the new municipal office within {days} days: by {day}."
    ).format(days=days, day=era_date(deadline)), steps, deadline,
        Text("Update the card's address (after moving)"),
        {"days": days, "signature_certificate_void": signature.issued}, since=moved)


def _lost(hotline: str) -> Event:
    return Event("lost", Text(
        "Call the My Number general hotline {hotline} (24 hours) now to suspend the card."
    ).format(hotline=hotline),
        [Text("Report the loss or theft to the police."),
         Text("Apply for a reissue at the municipal office.")],
        None, None, {"hotline": hotline})


def apply(result: CardResult) -> CardResult:
    """``result`` with the events the query asked about, and their deadlines among the dates."""
    query = result.query
    found: list[Event] = []
    if query.new_stay_end is not None:
        found.append(_new_stay(result, query.new_stay_end))
    if query.moved is not None:
        found.append(_moved(result, query.moved))
    if query.lost:
        found.append(_lost(in_force("lost", result.issued)["hotline"]))
    extra = [Dated(f"{event.id}_deadline", event.deadline, "deadline",
                   event.title or event.summary, event.summary, event.since)
             for event in found if event.deadline is not None]
    dates = sorted(result.dates + extra, key=lambda d: d.date)
    return dataclasses.replace(result, events=found, dates=dates)
