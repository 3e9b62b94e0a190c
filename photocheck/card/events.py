"""Life events and what they mean for the card: a renewed stay, a move, a lost card.

Each event becomes an Event (the answer and the steps) and, when it has one, a dated deadline
that the summary and the calendar show beside the card's own dates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from photocheck.card.result import CardResult, Dated, Event
from photocheck.card.rules import categories, in_force
from photocheck.report import Text

_CERTS_VOID = Text("Extending the expiry invalidates both electronic certificates: have them "
                   "issued again at the same visit.",
                   "有効期限を延長すると電子証明書は2つとも失効します。同じ窓口で再発行を"
                   "受けてください。")


def _new_stay(result: CardResult, new_end: dt.date) -> Event:
    category = categories()[result.query.category]
    if category.cap not in ("stay_end", "permit_end"):
        return Event("new_stay_end", Text(
            f"{category.name.en}: the card's expiry does not depend on the period of stay; "
            "nothing to do for the card.",
            f"{category.name.ja}：カードの有効期限は在留期間に左右されません。カードの手続は"
            "不要です。"), [], None, None, {"extension_possible": None, "reissue_needed": False})
    if result.expiry_rule == "base_term":
        return Event("new_stay_end", Text(
            f"The card already runs to its base term ({result.base_end.isoformat()}); the new "
            "period of stay does not change it.",
            f"カードは基本の有効期間（{result.base_end.isoformat()}）まで有効で、新しい在留期間で"
            "変わりません。"), [], None, None,
            {"extension_possible": None, "reissue_needed": False})
    if new_end <= result.base_end:
        return Event("new_stay_end", Text(
            f"The card can be extended to {new_end.isoformat()}: go to the municipal office "
            f"by {result.expiry.isoformat()}, before the card expires.",
            f"カードの有効期限を{new_end.isoformat()}まで延長できます。カードの期限が切れる前、"
            f"{result.expiry.isoformat()}までに市区町村の窓口へ行ってください。"),
            [Text("Bring the residence card (showing the renewal, or the \"application for "
                  "renewal\" note) and this card.",
                  "在留カード（更新後のもの、または「在留期間更新等許可申請中」の記載のあるもの）"
                  "とこのカードを持参してください。"), _CERTS_VOID,
             Text(f"After {result.expiry.isoformat()} the card has expired and cannot be "
                  "extended any more: a reissue (charged) is needed then.",
                  f"{result.expiry.isoformat()}を過ぎるとカードは失効し、延長できません。"
                  "その場合は再発行（有料）が必要です。")],
            result.expiry, Text("Extend the card at the municipal office",
                                "市区町村の窓口でカードの有効期限を延長"),
            {"extension_possible": True, "reissue_needed": False,
                            "new_expiry": new_end.isoformat()})
    return Event("new_stay_end", Text(
        f"The card cannot be extended: the new period of stay ({new_end.isoformat()}) passes "
        f"the card's base term ({result.base_end.isoformat()}). A reissue (charged) is needed.",
        f"延長はできません：新しい在留期間（{new_end.isoformat()}）がカードの基本の有効期間"
        f"（{result.base_end.isoformat()}）を超えるため、再発行（有料）が必要です。"),
        [Text(f"Apply for a reissue at the municipal office; applying before "
              f"{result.expiry.isoformat()} avoids a time without a valid card.",
              f"市区町村の窓口で再発行を申請してください。{result.expiry.isoformat()}より前に"
              "申請すると、有効なカードのない期間を避けられます。")],
        result.expiry, Text("Apply for the card's reissue (extension not possible)",
                            "カードの再発行を申請（延長はできません）"),
        {"extension_possible": False, "reissue_needed": True})


def _moved(result: CardResult, moved: dt.date) -> Event:
    days = in_force("deadlines", moved)["move_days"]
    deadline = moved + dt.timedelta(days=days)
    signature = next(c for c in result.certificates if c.id == "signature")
    steps = [Text("Bring the card with the move-in or change-of-address notification.",
                  "転入届または転居届と一緒にカードを持参してください。")]
    if signature.issued:
        steps.append(Text("The signature certificate became invalid with the move: have it "
                          "issued again. The user-identification certificate is not affected.",
                          "署名用電子証明書は住所の変更で失効しました。再発行を受けてください。"
                          "利用者証明用電子証明書はそのまま使えます。"))
    return Event("moved", Text(
        f"Update the card's address at the new municipal office within {days} days: by "
        f"{deadline.isoformat()}.",
        f"{days}日以内（{deadline.isoformat()}まで）に、新しい住所の市区町村の窓口でカードの"
        "住所を変更してください。"), steps, deadline,
        Text("Update the card's address (after moving)", "転居後のカードの住所変更の期限"),
        {"days": days, "signature_certificate_void": signature.issued}, since=moved)


def _lost(hotline: str) -> Event:
    return Event("lost", Text(
        f"Call the My Number general hotline {hotline} (24 hours) now to suspend the card.",
        f"すぐにマイナンバー総合フリーダイヤル {hotline}（24時間）に電話して、カードの機能を"
        "一時停止してください。"),
        [Text("Report the loss or theft to the police.", "警察に遺失届・盗難届を出してください。"),
         Text("Apply for a reissue at the municipal office.",
              "市区町村の窓口で再発行を申請してください。")],
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
