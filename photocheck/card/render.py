"""The result as JSON (the contract for scripts and the web page) and as a readable summary.

The JSON schema is documented in docs/card-json.md; add fields, never rename them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from forms.dates import to_era_text
from photocheck.card.result import CardResult, Certificate, Dated, Event
from photocheck.card.rules import categories
from photocheck.report import Text

SCHEMA = "photocheck-card/1"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _input(result: CardResult) -> dict[str, Any]:
    fields = dataclasses.asdict(result.query)
    return {k: (_iso(v) if isinstance(v, dt.date) else v) for k, v in fields.items()}


def _certificate(cert: Certificate) -> dict[str, Any]:
    return {"id": cert.id, "name": cert.name.to_dict(), "issued": cert.issued,
            "expires": _iso(cert.expires), "capped_by_card": cert.capped_by_card,
            "renewal_opens": _iso(cert.renewal_opens), "reason": cert.reason.to_dict()}


def _dated(item: Dated) -> dict[str, Any]:
    return {"id": item.id, "date": item.date.isoformat(), "kind": item.kind,
            "title": item.title.to_dict(),
            "detail": item.detail.to_dict() if item.detail else None}


def _event(event: Event) -> dict[str, Any]:
    return {"id": event.id, "summary": event.summary.to_dict(),
            "steps": [s.to_dict() for s in event.steps], "deadline": _iso(event.deadline),
            **event.facts}


def to_dict(result: CardResult) -> dict[str, Any]:
    """The JSON document (`photocheck card --json` and `POST /api/card` answer the same)."""
    category = categories()[result.query.category]
    return {
        "schema": SCHEMA,
        "input": _input(result),
        "category": {"key": category.key, "name": category.name.to_dict(), "cap": category.cap},
        "issued": {"date": result.issued.isoformat(), "estimated": result.issued_estimated},
        "received": {"date": result.received.isoformat(), "estimated": result.received_estimated},
        "age_at_issue": result.age_at_issue,
        "age_threshold": {"years": result.threshold, "source": result.threshold_source},
        "base_term": {"birthdays": result.base_birthdays, "ends": result.base_end.isoformat()},
        "card": {"expires": result.expiry.isoformat(), "rule": result.expiry_rule,
                 "reason": result.expiry_reason.to_dict()},
        "certificates": [_certificate(c) for c in result.certificates],
        "dates": [_dated(d) for d in result.dates],
        "events": [_event(e) for e in result.events],
        "notes": [n.to_dict() for n in result.notes],
    }


def day_text(day: dt.date, lang: str) -> str:
    """ISO in English; the era form with ISO beside it in Japanese."""
    return f"{to_era_text(day)}（{day.isoformat()}）" if lang == "ja" else day.isoformat()


_HEAD = {
    "card": Text("My Number Card: valid until {day}{estimate}",
                 "マイナンバーカード：{day}まで有効{estimate}"),
    "estimate": Text(" (estimate)", "（見込み）"),
    "why": Text("  why: {reason}", "  理由：{reason}"),
    "issued": Text("  issued {day}{estimate}", "  発行日 {day}{estimate}"),
    "certs": Text("Electronic certificates:", "電子証明書："),
    "dates": Text("What to do, and by when:", "手続と期限："),
    "events": Text("Your situation:", "状況別の手続："),
    "notes": Text("Notes:", "注記："),
}


def _certificate_line(cert: Certificate, lang: str) -> str:
    if cert.expires is None:
        line = Text(f"{cert.name.en}: {cert.reason.en}", f"{cert.name.ja}：{cert.reason.ja}")
    else:
        line = Text(f"{cert.name.en}: until {day_text(cert.expires, 'en')} ({cert.reason.en})",
                    f"{cert.name.ja}：{day_text(cert.expires, 'ja')}まで（{cert.reason.ja}）")
    return "  " + line.get(lang)


def _dated_lines(item: Dated, lang: str) -> list[str]:
    lines = [f"  {item.date.isoformat()}  {item.title.get(lang)}"]
    if item.detail:
        lines.append(f"              {item.detail.get(lang)}")
    return lines


def summary(result: CardResult, lang: str) -> str:
    """The answer a person reads top to bottom, in ``lang`` ("en" or "ja")."""
    estimate = _HEAD["estimate"].get(lang) if result.issued_estimated else ""
    lines = [_HEAD["card"].get(lang).format(day=day_text(result.expiry, lang), estimate=estimate),
             _HEAD["why"].get(lang).format(reason=result.expiry_reason.get(lang)),
             _HEAD["issued"].get(lang).format(day=day_text(result.issued, lang),
                                              estimate=estimate),
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
