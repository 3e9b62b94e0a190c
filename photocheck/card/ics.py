"""The dates as an iCalendar file, with reminders, written by the `icalendar` library.

One all-day event per dated item; a window opening gets a reminder some days before it, a
deadline (an expiry is one) several. UIDs are stable (item id and date, nothing personal), so
importing an updated file replaces the old events instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from photocheck.atomic_write import check_output, write_atomic
from photocheck.card.result import CardResult, Dated
from photocheck.card.rules import reminders
from photocheck.report import Text

PRODID = "-//photocheck//card dates//EN"
REMINDER_HOUR = 9
"""Reminders fire at 09:00 (floating local time) on their day, not at midnight."""


class IcsTargetError(ValueError):
    """The --ics path is something that must not be overwritten."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


def _alarm(item: Dated, days: int, lang: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(days=-days, hours=REMINDER_HOUR))
    when = Text("{title} (in {days} days)")
    alarm.add("description", when.format(title=item.title, days=days).get(lang))
    return alarm


def _description(item: Dated, lang: str) -> str:
    """The title and detail in ``lang``, then in Japanese (what the municipal office reads)."""
    blocks = []
    for code in dict.fromkeys((lang, "ja")):
        blocks.append("\n".join(t.get(code) for t in (item.title, item.detail) if t))
    return "\n\n".join(blocks)


def _event(item: Dated, lang: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{item.id}-{item.date.isoformat()}@photocheck.card")
    event.add("dtstamp", stamp)
    event.add("dtstart", item.date)
    event.add("dtend", item.date + dt.timedelta(days=1))
    event.add("summary", item.title.get(lang))
    event.add("description", _description(item, lang))
    event.add("transp", "TRANSPARENT")
    kind = "window_days" if item.kind == "window" else "deadline_days"
    if item.kind != "info":
        for days in reminders()[kind]:
            if item.since is None or item.date - dt.timedelta(days=days) >= item.since:
                event.add_component(_alarm(item, days, lang))
    return event


def to_calendar(result: CardResult, lang: str, now: dt.datetime | None = None) -> Calendar:
    """The calendar object: every dated item of ``result``, titles in ``lang``."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", Text("My Number Card dates").get(lang))
    stamp = now or dt.datetime.now(dt.timezone.utc)
    for item in result.dates:
        calendar.add_component(_event(item, lang, stamp))
    return calendar


def check_target(path: Path) -> None:
    """Refuse a directory, or an existing file that is not a calendar (an input, a photo...)."""
    if not path.is_dir():
        check_output(path)  # a FIFO would block the read below; a device is never replaced
    if path.is_dir():
        raise IcsTargetError(Text("is a directory: give a file name ending in .ics"))
    if path.exists():
        with path.open("rb") as handle:
            head = handle.read(64).lstrip(b"\xef\xbb\xbf \r\n\t")
        if not head.upper().startswith(b"BEGIN:VCALENDAR"):
            raise IcsTargetError(Text(
                "exists and is not a calendar file: refusing to overwrite it"))


def write_ics(result: CardResult, path: Path, lang: str) -> None:
    """Write the calendar atomically, after ``check_target``."""
    check_target(path)
    write_atomic(path, to_calendar(result, lang).to_ical())
