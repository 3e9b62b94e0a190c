"""What goes into each located field, derived from a validated Applicant.

Kept apart from drawing so the mapping from data keys to form fields reads as one table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from forms.model import Applicant
from photocheck.i18n.eras import to_era_text


@dataclass(frozen=True)
class FormValues:
    """Text per field key, the chosen option per choice field, and the flags to mark."""

    texts: dict[str, str] = field(default_factory=dict)
    digits: dict[str, str] = field(default_factory=dict)
    choices: dict[str, str] = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)  # key -> "check" or "blackout"
    sign_here: bool = False  # mark the empty 申請者氏名 cell for the applicant's pen


def date_text(day: dt.date) -> str:
    """Both calendars, so a clerk reads it either way: 令和6年5月1日 (2024-05-01)."""
    return f"{to_era_text(day)} ({day.isoformat()})"


def _representative_texts(applicant: Applicant) -> dict[str, str]:
    rep = applicant.representative
    if rep is None:
        return {}
    values = {
        "furigana": rep.furigana, "name": rep.name, "relationship": rep.relationship,
        "postal_code": rep.postal_code, "address": rep.address, "phone": rep.phone,
    }
    return {f"representative.{k}": v for k, v in values.items() if v}


def form_values(applicant: Applicant, print_signature_name: bool = False) -> FormValues:
    """Map the applicant onto the form's field keys (only fields that have a value).

    The declaration's 申請者氏名 is signed by hand, so it stays empty with a "sign here" mark;
    the name is printed there only on request (for a printed name plus a personal seal).
    """
    printed = print_signature_name or applicant.print_signature_name
    texts = {
        "application_date": date_text(applicant.application_date),
        "name": applicant.name,
        "date_of_birth": date_text(applicant.date_of_birth),
        "address": applicant.address,
        "former_name_or_alias": applicant.former_name_or_alias,
        "phone": applicant.phone,
        "applicant_signature_name": applicant.applicant_signature_name if printed else None,
        "residence_expiry_date": (date_text(applicant.residence_expiry_date)
                                  if applicant.residence_expiry_date else None),
    }
    choices = {
        "sex": applicant.sex,
        "foreign_resident_category": applicant.foreign_resident_category,
    }
    if applicant.residence_expiry_listed is not None:
        choices["residence_expiry_listed"] = "yes" if applicant.residence_expiry_listed else "no"
    flags = {
        "braille": "check" if applicant.braille else None,
        "decline_signature_cert": "blackout" if applicant.decline_signature_cert else None,
        "decline_user_cert": "blackout" if applicant.decline_user_cert else None,
    }
    return FormValues(
        texts={k: v for k, v in texts.items() if v} | _representative_texts(applicant),
        digits={"individual_number": applicant.individual_number},
        choices={k: v for k, v in choices.items() if v},
        flags={k: v for k, v in flags.items() if v},
        sign_here=not printed,
    )
