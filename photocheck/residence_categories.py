"""The foreign-resident categories printed on the application form (在留資格の区分).

One table that both the card's rules (photocheck/card/rules.py: which end caps the card) and the
form (forms/: the validator, the printed options, the locator) read, so it sits below both.
"""

from __future__ import annotations

# The six categories printed on the form, keyed as in the spec (key -> (Japanese, English)).
FOREIGN_RESIDENT_CATEGORIES: dict[str, tuple[str, str]] = {
    "mid_long_term": ("中長期在留者", "Mid- to long-term resident"),
    "special_permanent": ("特別永住者", "Special permanent resident"),
    "temporary_refuge": ("一時庇護許可者", "Temporary refuge permit"),
    "provisional_stay": ("仮滞在許可者", "Provisional stay permit"),
    "transitional_birth": ("出生による経過滞在者", "Transitional stay by birth"),
    "transitional_nationality_loss": (
        "国籍喪失による経過滞在者",
        "Transitional stay by loss of nationality",
    ),
}

# Statuses of residence that tick 中長期在留者 on the form but whose residence card shows no expiry
# date, so 在留期間等満了日の有無 is 無; keyed as photocheck/card/rules.toml keys them, where their
# card runs the base term like a Japanese national's (card-validity.md, Card validity 2).
NO_EXPIRY_STATUSES: dict[str, tuple[str, str]] = {
    "permanent": ("永住者", "Permanent resident"),
    "highly_skilled_2": ("高度専門職2号", "Highly skilled professional (ii)"),
}
FILED_AS = "mid_long_term"  # the box a NO_EXPIRY_STATUSES holder ticks on the form
