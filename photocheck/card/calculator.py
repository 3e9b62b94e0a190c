"""From birth, issue (or application) and residence data to the card's and certificates' expiry.

Follows shared/spec/card-validity.md; every number comes from rules.toml through ``in_force``
so the rule in force on the relevant day (receipt day for the age threshold) is the one used.
"""

from __future__ import annotations

import datetime as dt

from forms.dates import age_on, months_before
from photocheck.card import events
from photocheck.card.dates import birthday_in, is_leap_day_shift, months_after, nth_birthday_after
from photocheck.card.query import CardQuery
from photocheck.card.result import CardResult, Certificate, Dated
from photocheck.card.rules import categories, in_force
from photocheck.report import Text


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
                 "changed on 2022-04-01): give it with --received for a sure answer.",
                 "有効期間は申請受付日で変わります（年齢の基準が2022年4月1日に変更）。"
                 "確実な答えには --received で受付日を指定してください。")]


def _cap(query: CardQuery, base_end: dt.date) -> tuple[dt.date, str, Text]:
    """The card's expiry after the category's cap, the rule's id and why, in words."""
    category = categories()[query.category]
    base = base_end.isoformat()
    capped = category.cap in ("stay_end", "permit_end")
    if capped and query.stay_end is not None and query.stay_end < base_end:
        what = (Text("the end of the period of stay", "在留期間の満了日")
                if category.cap == "stay_end"
                else Text("the end of the permitted period", "許可された期間の満了日"))
        return query.stay_end, category.cap, Text(
            f"{category.name.en}: {what.en}, which is earlier than the base term ({base})",
            f"{category.name.ja}：{what.ja}（基本の有効期間（{base}）より早いため）")
    if category.cap == "transitional":
        start = query.birth if category.start == "birth" else query.nationality_lost
        assert start is not None
        days = in_force("transitional", start)["days"]
        event = (Text("the date of birth", "出生の日") if category.start == "birth"
                 else Text("the loss of Japanese nationality", "日本国籍を失った日"))
        end = min(start + dt.timedelta(days=days), base_end)
        return end, "transitional", Text(
            f"{category.name.en}: {days} days after {event.en}",
            f"{category.name.ja}：{event.ja}から{days}日")
    return base_end, "base_term", Text("", "")


def _base_reason(birthdays: int, age: int, threshold: int, received: dt.date,
                 received_estimated: bool) -> Text:
    when = Text(" (receipt date estimated)", "（受付日は推定）")
    if not received_estimated:
        when = Text("", "")
    side = Text("at or above", "以上") if age >= threshold else Text("below", "未満")
    return Text(
        f"{birthdays}th birthday after the issue date: aged {age} at issue, {side.en} the age "
        f"threshold of {threshold} that applies to applications received on "
        f"{received.isoformat()}{when.en}",
        f"発行の日後の{birthdays}回目の誕生日まで：発行時{age}歳で、{received.isoformat()}"
        f"受付{when.ja}の申請に適用される基準年齢{threshold}歳{side.ja}のため")


def _certificates(query: CardQuery, issued: dt.date, age: int, expiry: dt.date
                  ) -> list[Certificate]:
    rule = in_force("certificates", issued)
    own_end = nth_birthday_after(query.birth, issued, rule["birthdays"])
    capped = expiry < own_end
    end = min(own_end, expiry)
    reason = (Text(f"capped by the card's expiry; its own term would end {own_end.isoformat()}",
                   f"カードの有効期限が上限、本来は{own_end.isoformat()}まで") if capped
              else Text(f"{rule['birthdays']}th birthday after the issue date",
                        f"発行の日後の{rule['birthdays']}回目の誕生日"))
    opens = None if capped else months_before(end, rule["renewal_window_months"])
    user = Certificate("user", Text("User-identification certificate", "利用者証明用電子証明書"),
                       True, end, capped, opens, reason)
    signature_name = Text("Signature certificate", "署名用電子証明書")
    if age < rule["signature_min_age"]:
        from_day = birthday_in(query.birth, query.birth.year + rule["signature_min_age"])
        return [Certificate("signature", signature_name, False, None, False, None, Text(
            f"not issued: under {rule['signature_min_age']} on the issue date (it can be "
            f"requested at the municipal office from {from_day.isoformat()})",
            f"発行されません：発行日に{rule['signature_min_age']}歳未満のため"
            f"（{from_day.isoformat()}以降に市区町村窓口で申請できます）")), user]
    return [Certificate("signature", signature_name, True, end, capped, opens, reason), user]


def _card_dates(result_expiry: dt.date, rule: str, issued: dt.date) -> list[Dated]:
    """The card's own dates: expiry, and the renewal window when the base term ends it."""
    items = []
    if rule == "base_term":
        months = in_force("term", issued)["renewal_window_months"]
        items.append(Dated("card_renewal_opens", months_before(result_expiry, months), "window",
                           Text("Card renewal opens", "カードの更新申請の受付開始"),
                           Text("Apply at the municipal office of your resident record.",
                                "住民票のある市区町村の窓口で申請してください。")))
        detail = Text("Renew the card before this day.", "この日までに更新してください。")
    elif rule in ("stay_end", "permit_end"):
        detail = Text("After renewing your period of stay, have the card's expiry extended at "
                      "the municipal office before this day (bring the residence card and this "
                      "card).",
                      "在留期間を更新したら、この日までに市区町村の窓口でカードの有効期限の延長を"
                      "してください（在留カードとこのカードを持参）。")
    else:
        detail = Text("The card ends on this day.", "この日にカードの有効期限が切れます。")
    items.append(Dated("card_expires", result_expiry, "deadline",
                       Text("My Number Card expires", "マイナンバーカードの有効期限"), detail))
    return items


def _certificate_dates(certificates: list[Certificate]) -> list[Dated]:
    """Renewal window and expiry per certificate; one line for both when their dates agree."""
    issued = [c for c in certificates if c.issued]
    if len(issued) == 2 and len({(c.expires, c.renewal_opens) for c in issued}) == 1:
        both = issued[1]
        issued = [Certificate("certificates", Text("Electronic certificates (both)",
                                                   "電子証明書（2つとも）"), True, both.expires,
                              both.capped_by_card, both.renewal_opens, both.reason)]
    items = []
    for cert in issued:
        if cert.renewal_opens is not None:
            items.append(Dated(f"{cert.id}_renewal_opens", cert.renewal_opens, "window",
                               Text(f"{cert.name.en}: renewal opens",
                                    f"{cert.name.ja}：更新の受付開始")))
        if cert.expires is not None and not cert.capped_by_card:
            items.append(Dated(f"{cert.id}_expire", cert.expires, "deadline",
                               Text(f"{cert.name.en}: expiry", f"{cert.name.ja}の有効期限"),
                               Text("Renew at the municipal office before this day; the card "
                                    "itself stays valid.",
                                    "この日までに市区町村の窓口で更新してください（カード自体は"
                                    "引き続き有効です）。")))
    return items


def _collection_date(query: CardQuery, issued: dt.date) -> list[Dated]:
    if query.applied is None:
        return []
    latest = months_after(query.applied, in_force("deadlines", query.applied)["issue_max_months"])
    return [Dated("card_ready_estimate", issued, "info",
                  Text("New card ready (estimate)", "新しいカードの交付準備（見込み）"),
                  Text(f"Usually about one month after applying, up to {latest.isoformat()}; "
                       "collect it in person with the notice postcard, the residence card "
                       "(foreign residents) and other ID.",
                       f"通常は申請の約1か月後、遅くとも{latest.isoformat()}ごろ。交付通知書"
                       "（はがき）、在留カード（外国人住民）と本人確認書類を持って本人が受け取り"
                       "ます。"))]


def _notes(query: CardQuery, issued: dt.date, ends: list[dt.date], estimated: bool
           ) -> list[Text]:
    notes = []
    if estimated:
        notes.append(Text(f"The issue date is an estimate ({issued.isoformat()}, about one month "
                          "after the application); the dates below move with it.",
                          f"発行日は推定です（申請の約1か月後の{issued.isoformat()}）。以下の日付は"
                          "実際の発行日によって変わります。"))
    years = sorted({end.year for end in ends if is_leap_day_shift(query.birth, end)})
    if years:
        listed = ", ".join(str(year) for year in years)
        notes.append(Text(f"Born on 29 February: in {listed}, without 29 February, the birthday "
                          "is taken as 28 February.",
                          f"2月29日生まれのため、2月29日のない{'、'.join(map(str, years))}年は"
                          "2月28日を誕生日としています。"))
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
    reason = base_reason if rule == "base_term" else cap_reason
    certificates = _certificates(query, issued, age, expiry)
    dates = (_collection_date(query, issued) + _card_dates(expiry, rule, issued)
             + _certificate_dates(certificates))
    ends = [base_end, expiry] + [c.expires for c in certificates if c.expires]
    notes = _notes(query, issued, ends, issued_estimated)
    notes += _receipt_note(query, issued, birthdays)
    if rule != "base_term":
        notes.append(Text(f"Without the cap the card would run until {base_end.isoformat()}: "
                          f"{base_reason.en}.",
                          f"上限がなければ{base_end.isoformat()}まで有効です（{base_reason.ja}）。"))
    partial = CardResult(query, issued, issued_estimated, received, received_estimated, age,
                         threshold, source, birthdays, base_end, expiry, rule, reason,
                         certificates, sorted(dates, key=lambda d: d.date), [], notes)
    return events.apply(partial)
