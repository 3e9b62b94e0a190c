"""The result as JSON (the contract for scripts and the web page) and as a readable summary.

The JSON schema is documented in docs/card-json.md; add fields, never rename them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from photocheck.card.result import CardResult, Certificate, Dated, Event
from photocheck.card.rules import categories
from photocheck.i18n.dates import era_date, written_date
from photocheck.report import Text

SCHEMA = "photocheck-card/1"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _input(result: CardResult) -> dict[str, Any]:
    fields = dataclasses.asdict(result.query)
    return {k: (_iso(v) if isinstance(v, dt.date) else v) for k, v in fields.items()}


def _certificate(cert: Certificate, langs: tuple[str, ...]) -> dict[str, Any]:
    return {"id": cert.id, "name": cert.name.to_dict(*langs), "issued": cert.issued,
            "expires": _iso(cert.expires), "capped_by_card": cert.capped_by_card,
            "renewal_opens": _iso(cert.renewal_opens), "reason": cert.reason.to_dict(*langs)}


def _dated(item: Dated, langs: tuple[str, ...]) -> dict[str, Any]:
    return {"id": item.id, "date": item.date.isoformat(), "kind": item.kind,
            "title": item.title.to_dict(*langs),
            "detail": item.detail.to_dict(*langs) if item.detail else None}


def _event(event: Event, langs: tuple[str, ...]) -> dict[str, Any]:
    return {"id": event.id, "summary": event.summary.to_dict(*langs),
            "steps": [s.to_dict(*langs) for s in event.steps], "deadline": _iso(event.deadline),
            **event.facts}


def to_dict(result: CardResult, *langs: str) -> dict[str, Any]:
    """The JSON document (`photocheck card --json` and `POST /api/card` answer the same).

    Every message carries en and ja, plus each of ``langs`` (Text.to_dict); dates stay ISO.
    """
    category = categories()[result.query.category]
    return {
        "schema": SCHEMA,
        "input": _input(result),
        "category": {"key": category.key, "name": category.name.to_dict(*langs),
                     "cap": category.cap},
        "issued": {"date": result.issued.isoformat(), "estimated": result.issued_estimated},
        "received": {"date": result.received.isoformat(), "estimated": result.received_estimated},
        "age_at_issue": result.age_at_issue,
        "age_threshold": {"years": result.threshold, "source": result.threshold_source},
        "base_term": {"birthdays": result.base_birthdays, "ends": result.base_end.isoformat()},
        "card": {"expires": result.expiry.isoformat(), "rule": result.expiry_rule,
                 "reason": result.expiry_reason.to_dict(*langs)},
        "certificates": [_certificate(c, langs) for c in result.certificates],
        "dates": [_dated(d, langs) for d in result.dates],
        "events": [_event(e, langs) for e in result.events],
        "notes": [n.to_dict(*langs) for n in result.notes],
        **({"written_dates": _written_dates(result, langs)} if langs else {}),
    }


def _written_dates(result: CardResult, langs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Each ISO date of the answer as en, ja and ``langs`` write it, so a front end shows the
    same words as the summary without a date library of its own."""
    days = {result.expiry, result.issued, result.received, result.base_end}
    days |= {c.expires for c in result.certificates if c.expires}
    days |= {c.renewal_opens for c in result.certificates if c.renewal_opens}
    days |= {d.date for d in result.dates} | {e.deadline for e in result.events if e.deadline}
    codes = dict.fromkeys(("en", "ja", *langs))
    return {day.isoformat(): {code: day_text(day, code) for code in codes}
            for day in sorted(days)}


def day_text(day: dt.date, lang: str) -> str:
    """A date as ``lang`` writes it (Japanese: 令和8年5月10日（2026-05-10）)."""
    return written_date(era_date(day), lang)


_HEAD = {
    "card": Text("My Number Card: valid until {day}"),
    "card_estimate": Text("My Number Card: valid until {day} (estimate)"),
    "why": Text("why: {reason}"),
    "issued": Text("issued {day}"),
    "issued_estimate": Text("issued {day} (estimate)"),
    "certs": Text("Electronic certificates:"),
    "dates": Text("What to do, and by when:"),
    "events": Text("Your situation:"),
    "notes": Text("Notes:"),
}


def _certificate_line(cert: Certificate, lang: str) -> str:
    if cert.expires is None:
        line = Text("{certificate}: {reason}").format(
            certificate=cert.name, reason=cert.reason)
    else:
        line = Text("{certificate}: until {day} ({reason})"
                    ).format(certificate=cert.name, day=era_date(cert.expires),
                             reason=cert.reason)
    return "  " + line.get(lang)


def _dated_lines(item: Dated, lang: str) -> list[str]:
    lines = [f"  {day_text(item.date, lang)}", f"    {item.title.get(lang)}"]
    if item.detail:
        lines.append(f"    {item.detail.get(lang)}")
    return lines


def summary(result: CardResult, lang: str) -> str:
    """The answer a person reads top to bottom, in ``lang`` (any of the twelve languages)."""
    estimated = "_estimate" if result.issued_estimated else ""
    lines = [_HEAD["card" + estimated].format(day=era_date(result.expiry)).get(lang),
             "  " + _HEAD["why"].format(reason=result.expiry_reason).get(lang),
             "  " + _HEAD["issued" + estimated].format(day=era_date(result.issued)).get(lang),
             "", _HEAD["certs"].get(lang)]
    lines += [_certificate_line(c, lang) for c in result.certificates]
    lines += ["", _HEAD["dates"].get(lang)]
    for item in result.dates:
        lines += _dated_lines(item, lang)
    if result.events:
        lines += ["", _HEAD["events"].get(lang)]
        for event in result.events:
            lines.append(f"  {event.summary.get(lang)}")
            lines += [f"    - {step.get(lang)}" for step in event.steps]
    if result.notes:
        lines += ["", _HEAD["notes"].get(lang)]
        lines += [f"  - {note.get(lang)}" for note in result.notes]
    return "\n".join(lines) + "\n"
