"""The calculator's answer: plain data that the summary, the JSON and the calendar all read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from photocheck.card.query import CardQuery
from photocheck.report import Text

# What a dated item is, for the calendar: a window opening gets a reminder before it, a
# deadline gets reminders before it; an expiry is a deadline too; info has no reminder.
KINDS = ("window", "deadline", "info")


@dataclass(frozen=True)
class Dated:
    """One date the holder should know, with what to do about it."""

    id: str
    date: dt.date
    kind: str
    title: Text
    detail: Text | None = None
    since: dt.date | None = None  # the day a deadline started to run: no reminder before it


@dataclass(frozen=True)
class Certificate:
    """One electronic certificate on the card: whether it is issued and until when."""

    id: str  # "signature" or "user"
    name: Text
    issued: bool
    expires: dt.date | None
    capped_by_card: bool
    renewal_opens: dt.date | None
    reason: Text


@dataclass(frozen=True)
class Event:
    """What a life event means for the card: the answer, the steps and the deadline."""

    id: str  # "new_stay_end", "moved", "lost"
    summary: Text
    steps: list[Text]
    deadline: dt.date | None = None
    title: Text | None = None  # short name of the deadline, for the dated list and calendar
    facts: dict[str, object] = field(default_factory=dict)
    since: dt.date | None = None  # the day the deadline started to run (the move)


@dataclass(frozen=True)
class CardResult:
    """Everything computed about one card."""

    query: CardQuery
    issued: dt.date
    issued_estimated: bool
    received: dt.date
    received_estimated: bool
    age_at_issue: int
    threshold: int
    threshold_source: str
    base_birthdays: int
    base_end: dt.date
    expiry: dt.date
    expiry_rule: str  # base_term | stay_end | permit_end | transitional
    expiry_reason: Text
    certificates: list[Certificate]
    dates: list[Dated]
    events: list[Event]
    notes: list[Text]
