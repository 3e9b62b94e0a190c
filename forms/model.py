"""The typed applicant record that the filler draws from, built only from validated data.

Instances print as redacted so that a stray log line or traceback never carries personal data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Sex = Literal["male", "female"]

@dataclass(frozen=True, repr=False)
class Representative:
    """The legal representative (代理人) who applies for a child under 15 or an adult ward."""

    name: str
    relationship: str
    address: str
    phone: str
    furigana: str | None = None
    postal_code: str | None = None

    def __repr__(self) -> str:
        return "Representative(<redacted>)"


@dataclass(frozen=True, repr=False)
class Applicant:
    """Everything the form asks for, normalised (dates as dates, sex and category as keys)."""

    individual_number: str
    name: str
    address: str
    date_of_birth: dt.date
    sex: Sex
    application_date: dt.date
    applicant_signature_name: str
    former_name_or_alias: str | None = None
    phone: str | None = None
    foreign_resident_category: str | None = None
    residence_expiry_listed: bool | None = None
    residence_expiry_date: dt.date | None = None
    braille: bool = False
    decline_signature_cert: bool = False
    decline_user_cert: bool = False
    adult_ward: bool = False
    representative: Representative | None = None
    photo: Path | None = None
    photo_date: dt.date | None = None
    permanent_resident: bool = False
    # The card's category (photocheck/card/rules.toml): a NO_EXPIRY_STATUSES key for the holders
    # who file as mid_long_term, else the form's category; None for Japanese nationals.
    residence_status: str | None = None
    print_signature_name: bool = False  # print the name in 申請者氏名 (for a name plus seal)

    def __repr__(self) -> str:
        return "Applicant(<redacted>)"
