"""The card calculator against every worked example of shared/spec/card-validity.md, plus the
edge cases around birthdays, leap days, the 2022-04-01 threshold change and the period of stay."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from photocheck.card import CardInputError, CardResult, compute, parse_query
from photocheck.card import rules as card_rules
from photocheck.card.dates import nth_birthday_after

D = dt.date.fromisoformat


def card(**raw: Any) -> CardResult:
    return compute(parse_query(raw))


def cert(result: CardResult, which: str) -> dt.date | None:
    return next(c.expires for c in result.certificates if c.id == which)


# ---- the spec's worked examples ---------------------------------------------------------------

def test_issued_on_the_birthday_counts_from_the_next_one() -> None:
    result = card(birth="1990-05-10", issued="2024-05-10")
    assert result.expiry == D("2034-05-10")
    assert cert(result, "signature") == cert(result, "user") == D("2029-05-10")
    assert result.expiry_rule == "base_term" and result.base_birthdays == 10


def test_issued_the_day_before_the_birthday() -> None:
    result = card(birth="1990-05-10", issued="2024-05-09")
    assert result.expiry == D("2033-05-10")


def test_aged_15_after_the_change_gets_five_birthdays() -> None:
    result = card(birth="2007-01-15", received="2022-05-01", issued="2022-06-01")
    assert (result.age_at_issue, result.threshold) == (15, 18)
    assert result.expiry == D("2027-01-15")


@pytest.mark.parametrize(("received", "expiry", "threshold"), [
    ("2022-03-20", "2026-08-01", 20),  # old threshold: aged 18 is a minor -> 5th birthday
    ("2022-04-01", "2031-08-01", 18),  # received on the day of the change -> 10th birthday
])
def test_threshold_follows_the_receipt_date(received: str, expiry: str, threshold: int) -> None:
    result = card(birth="2003-08-01", received=received, issued="2022-04-20")
    assert result.age_at_issue == 18
    assert result.threshold == threshold
    assert result.expiry == D(expiry)


def test_mid_long_term_resident_capped_by_the_period_of_stay() -> None:
    result = card(birth="1995-03-03", issued="2025-01-10", category="mid_long_term",
                  stay_end="2027-06-30")
    assert result.expiry == D("2027-06-30")
    assert result.expiry_rule == "stay_end"
    assert cert(result, "signature") == cert(result, "user") == D("2027-06-30")
    assert all(c.capped_by_card for c in result.certificates)


def test_permanent_resident_gets_the_base_term() -> None:
    result = card(birth="1995-03-03", issued="2025-01-10", category="permanent",
                  stay_end="2027-06-30")
    assert result.expiry == D("2034-03-03")
    assert cert(result, "user") == D("2029-03-03")


def test_transitional_stay_by_birth_is_sixty_days() -> None:
    result = card(birth="2026-10-01", issued="2026-10-20", category="transitional_birth")
    assert result.expiry == D("2026-11-30")
    assert result.expiry_rule == "transitional"


# ---- edge cases -------------------------------------------------------------------------------

def test_leap_day_birth_takes_28_february_and_says_so() -> None:
    result = card(birth="2000-02-29", issued="2024-03-01")
    assert result.expiry == D("2034-02-28")
    assert cert(result, "user") == D("2029-02-28")
    assert any("29 February" in note.en and "2月29日" in note.ja for note in result.notes)


def test_leap_day_birth_ending_in_a_leap_year_keeps_29_february() -> None:
    result = card(birth="2000-02-29", issued="2019-03-01")  # aged 19, threshold 20: 5 birthdays
    assert result.expiry == D("2024-02-29")
    assert not any("29 February" in note.en for note in result.notes)


def test_leap_day_note_also_covers_the_certificates() -> None:
    # Card: 10th birthday after 2023-03-01 = 2033-02-28; certificates: 5th = 2028-02-29.
    result = card(birth="2000-02-29", issued="2023-03-01")
    assert (result.expiry, cert(result, "user")) == (D("2033-02-28"), D("2028-02-29"))
    shifted = card(birth="2000-02-29", issued="2024-03-01")  # certificates end 2029-02-28
    note = next(n.en for n in shifted.notes if "29 February" in n.en)
    assert "2029" in note and "2034" in note


def test_leap_day_birth_issued_on_28_february_of_a_common_year() -> None:
    # 28 Feb 2023 is that year's birthday, and a birthday on the issue date does not count.
    assert nth_birthday_after(D("2000-02-29"), D("2023-02-28"), 1) == D("2024-02-29")
    assert card(birth="2000-02-29", issued="2023-02-28").expiry == D("2033-02-28")


@pytest.mark.parametrize(("received", "years"), [("2022-03-31", 5), ("2022-04-01", 10)])
def test_aged_19_on_either_side_of_the_change(received: str, years: int) -> None:
    result = card(birth="2003-01-10", received=received, issued="2022-05-02")
    assert result.base_birthdays == years
    assert result.expiry == D(f"{2022 + years}-01-10")  # first birthday after: 2023-01-10


def test_receipt_unknown_near_the_change_asks_for_it() -> None:
    unsure = card(birth="2003-08-01", issued="2022-04-20")
    assert any("--received" in note.en for note in unsure.notes)
    sure = card(birth="2003-08-01", issued="2022-04-20", received="2022-04-05")
    assert not any("--received" in note.en for note in sure.notes)


def test_stay_ending_the_day_before_a_birthday() -> None:
    # Base term: 10th birthday after 2025-01-10 = 2034-03-03; the stay ends the day before.
    result = card(birth="1995-03-03", issued="2025-01-10", category="mid_long_term",
                  stay_end="2034-03-02")
    assert (result.expiry, result.expiry_rule) == (D("2034-03-02"), "stay_end")
    on_birthday = card(birth="1995-03-03", issued="2025-01-10", category="mid_long_term",
                       stay_end="2034-03-03")
    assert (on_birthday.expiry, on_birthday.expiry_rule) == (D("2034-03-03"), "base_term")


def test_under_15_has_no_signature_certificate() -> None:
    result = card(birth="2015-06-01", issued="2025-01-10")
    signature = next(c for c in result.certificates if c.id == "signature")
    assert not signature.issued and signature.expires is None
    assert "1 June 2030" in signature.reason.en
    assert "令和12年6月1日（2030-06-01）" in signature.reason.ja
    assert result.expiry == D("2029-06-01")  # 5th birthday after 2025-01-10: a minor


def test_applied_estimates_the_issue_date_and_says_so() -> None:
    result = card(birth="1990-05-10", applied="2025-01-15")
    assert result.issued == D("2025-02-15") and result.issued_estimated
    assert result.received == D("2025-01-15")
    assert any("estimate" in note.en for note in result.notes)
    assert any(d.id == "card_ready_estimate" for d in result.dates)


def test_renewal_windows_open_three_months_before() -> None:
    result = card(birth="1990-05-10", issued="2024-05-10")
    by_id = {d.id: d.date for d in result.dates}
    assert by_id["card_renewal_opens"] == D("2034-02-10")
    assert by_id["certificates_renewal_opens"] == D("2029-02-10")


def test_temporary_refuge_and_nationality_loss() -> None:
    refuge = card(birth="1980-01-01", issued="2025-01-10", category="temporary_refuge",
                  stay_end="2025-07-10")
    assert (refuge.expiry, refuge.expiry_rule) == (D("2025-07-10"), "permit_end")
    lost = card(birth="1980-01-01", issued="2025-01-20", category="transitional_nationality_loss",
                nationality_lost="2025-01-05")
    assert lost.expiry == D("2025-03-06")


# ---- events -----------------------------------------------------------------------------------

MID = {"birth": "1995-03-03", "issued": "2025-01-10", "category": "mid_long_term",
       "stay_end": "2027-06-30"}


def test_new_stay_within_the_base_term_can_be_extended() -> None:
    event = card(**MID, new_stay_end="2034-03-03").events[0]
    assert event.facts["extension_possible"] is True
    assert event.facts["new_expiry"] == "2034-03-03"
    assert event.deadline == D("2027-06-30")
    assert any("invalidates" in step.en for step in event.steps)


def test_new_stay_past_the_base_term_needs_a_reissue() -> None:
    event = card(**MID, new_stay_end="2034-03-04").events[0]
    assert event.facts == {"extension_possible": False, "reissue_needed": True}


def test_moved_gives_the_14_day_deadline_and_voids_the_signature_certificate() -> None:
    result = card(birth="1990-05-10", issued="2024-05-10", moved="2026-03-25")
    event = result.events[0]
    assert event.deadline == D("2026-04-08")
    assert event.facts["signature_certificate_void"] is True
    assert any(d.id == "moved_deadline" and d.date == D("2026-04-08") for d in result.dates)


def test_lost_gives_the_hotline() -> None:
    event = card(birth="1990-05-10", issued="2024-05-10", lost=True).events[0]
    assert "0120-95-0178" in event.summary.en and "0120-95-0178" in event.summary.ja
    assert len(event.steps) == 2


# ---- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "field"), [
    ({"birth": "1990-02-30", "issued": "2024-05-10"}, "birth"),
    ({"birth": "平成32年1月1日", "issued": "2024-05-10"}, "birth"),
    ({"birth": "1990-05-10", "issued": "1989-05-10"}, "issued"),
    ({"birth": "1990-05-10"}, "issued"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "applied": "2024-04-01"}, "issued"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "category": "mid_long_term"}, "stay_end"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "category": "tourist"}, "category"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "received": "2024-06-01"}, "received"),
    ({"birth": "1990-05-10", "applied": "2024-05-10", "received": "2024-05-01"}, "received"),
    ({"birth": "1990-05-10", "issued": "2024-05-10", "category": "transitional_nationality_loss"},
     "nationality_lost"),
])
def test_bad_input_names_the_field(raw: dict[str, str], field: str) -> None:
    with pytest.raises(CardInputError) as caught:
        parse_query(raw)
    assert caught.value.field == field
    assert caught.value.text.en and caught.value.text.ja


def test_unknown_category_lists_the_valid_ones_in_japanese() -> None:
    with pytest.raises(CardInputError) as caught:
        parse_query({"birth": "1990-05-10", "issued": "2024-05-10", "category": "tourist"})
    for key, category in card_rules.categories().items():
        assert key in caught.value.text.en and category.name.ja in caught.value.text.ja


def test_japanese_names_and_era_dates_are_accepted() -> None:
    result = card(birth="平成7年3月3日", issued="R7.1.10", category="中長期在留者",
                  stay_end="令和9年6月30日")
    assert result.expiry == D("2027-06-30")


# ---- rules are data ---------------------------------------------------------------------------

def test_a_new_threshold_entry_changes_the_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    document = dict(card_rules._document())
    document["age_threshold"] = [*document["age_threshold"],
                                 {"from": D("2030-01-01"), "years": 16, "source": "test"}]
    monkeypatch.setattr(card_rules, "_document", lambda: document)
    before = card(birth="2013-03-01", received="2029-12-31", issued="2030-02-01")
    after = card(birth="2013-03-01", received="2030-01-02", issued="2030-02-01")
    assert (before.base_birthdays, after.base_birthdays) == (5, 10)


def test_every_category_name_is_in_the_catalogs() -> None:
    """The names come from data the extractor cannot read; CATEGORY_NAMES lists them for the
    translators, so a new category without its line there fails here."""
    from photocheck.card.rules import CATEGORY_NAMES, categories
    from photocheck.i18n import translate
    from photocheck.i18n.languages import CODES

    listed = {text.msgid for text in CATEGORY_NAMES}
    for category in categories().values():
        assert category.name.msgid in listed, category.key
        for lang in CODES:
            assert category.name.get(lang), (category.key, lang)
        assert translate(category.name.msgid, "vi") not in (None, category.name.msgid)
