"""Validation of applicant data against the form's rules (spec: application-form.md).

``validate_applicant`` returns the typed Applicant (or None) together with every problem found,
so a user fixes their file in one round. Errors block filling; warnings are shown only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from forms import individual_number
from forms.fields import FieldReader
from forms.model import Applicant, Representative, Sex
from forms.problems import Problem, errors
from photocheck.card.rules import in_force
from photocheck.dates import add_months, age_on, months_before
from photocheck.report import Text
from photocheck.residence_categories import (
    FILED_AS,
    FOREIGN_RESIDENT_CATEGORIES,
    NO_EXPIRY_STATUSES,
)

CHILD_AGE = 15
PHOTO_MAX_AGE_MONTHS = 6
APPLICATION_MAX_AGE_MONTHS = 1  # a form dated earlier was not filled for this mailing

KNOWN_KEYS = frozenset(
    {
        "individual_number", "name", "address", "date_of_birth", "sex", "former_name_or_alias",
        "phone", "foreign_resident_category", "residence_expiry_listed", "residence_expiry_date",
        "braille", "decline_signature_cert", "decline_user_cert", "application_date",
        "applicant_signature_name", "representative", "photo", "photo_date", "adult_ward",
        "permanent_resident", "print_signature_name",
    }
)
REPRESENTATIVE_KEYS = frozenset(
    {"furigana", "name", "relationship", "postal_code", "address", "phone"}
)
_SEX_WORDS: dict[str, Sex] = {
    "male": "male", "m": "male", "男": "male", "男性": "male",
    "female": "female", "f": "female", "女": "female", "女性": "female",
}
_PHONE = re.compile(r"^\+?[0-9][0-9\s\-()]{5,19}$")
_POSTAL = re.compile(r"^\d{3}-?\d{4}$")


def _check_unknown(reader: FieldReader, known: frozenset[str]) -> None:
    for key in sorted(set(reader.raw) - known):
        reader.report(key, Text("is not a field of this form and is ignored"),
                      Text("check the spelling against the documented keys"), "warning")


def _individual_number(reader: FieldReader) -> str | None:
    number = reader.digits("individual_number", required=True)
    if number is None:
        return None
    fix = Text("copy the 12 digits from the notification card or the resident record again")
    if len(number) != 12 or not number.isdigit():
        reader.report("individual_number",
                      Text("must be exactly 12 digits"), fix)
        return None
    if not individual_number.is_valid(number):
        reader.report("individual_number",
                      Text("check digit (the 12th digit) does not match"), fix)
        return None
    return number


def _sex(reader: FieldReader) -> Sex | None:
    fix = Text('write sex = "male" or "female"')
    text = reader.text("sex", required=True, fix=fix, printed=False)
    if text is None:
        return None
    sex = _SEX_WORDS.get(text.lower())
    if sex is None:
        reader.report("sex", Text("must be male or female"),
                      Text('write "male" or "female" (男 / 女)'))
    return sex


def _category(reader: FieldReader) -> tuple[str | None, str | None]:
    """The box ticked on the form and the card's category (status of residence).

    Permanent residents and highly skilled professionals (ii) tick 中長期在留者 but have no expiry
    on their card; they may write their own status here (or permanent_resident = true).
    """
    text = reader.text("foreign_resident_category", required=False, printed=False)
    if text is None:
        return None, None
    wanted = unicodedata.normalize("NFKC", text).lower().replace("-", "_")
    for key, (ja, en) in FOREIGN_RESIDENT_CATEGORIES.items():
        if wanted in (key, ja, en.lower()):
            return key, key
    for key, (ja, en) in NO_EXPIRY_STATUSES.items():
        if wanted in (key, ja, en.lower()):
            return FILED_AS, key
    keys = ", ".join([*FOREIGN_RESIDENT_CATEGORIES, *NO_EXPIRY_STATUSES])
    ja_names = "、".join(ja for ja, _ in [*FOREIGN_RESIDENT_CATEGORIES.values(),
                                           *NO_EXPIRY_STATUSES.values()])
    reader.report("foreign_resident_category",
                  Text("is not a category of the form"),
                  Text("use one of: {keys} ({ja_names})").format(
                      keys=keys, ja_names=ja_names))
    return None, None


def _phone(reader: FieldReader, key: str, *, required: bool) -> str | None:
    phone = reader.text(key, required=required)
    if phone is not None and not _PHONE.match(unicodedata.normalize("NFKC", phone)):
        reader.report(key, Text("is not a phone number"),
                      Text("write digits with optional hyphens"))
        return None
    return phone


# Categories whose residence card never shows an expiry date (permanent residents and highly
# skilled professionals (ii) file under mid_long_term with their status: NO_EXPIRY_STATUSES).
NO_EXPIRY_CATEGORIES = frozenset({"special_permanent"})
RENEWAL_WARNING_MONTHS = 2  # application to issuance takes about 1-2 months


def _status(reader: FieldReader, category: str | None, status: str | None) -> str | None:
    """The card's category: permanent_resident = true makes a mid_long_term a permanent one."""
    if not reader.flag("permanent_resident"):
        return status
    if category != FILED_AS:
        reader.report("permanent_resident",
                      Text("permanent residents file as mid- to long-term residents"),
                      Text('set foreign_resident_category = "mid_long_term"'))
        return status
    return "permanent"


def _residence(reader: FieldReader, category: str | None, status: str | None,
               application: dt.date | None, birth: dt.date | None
               ) -> tuple[bool | None, dt.date | None]:
    """在留期間等満了日の有無 and the date, driven by the category (spec: "Residence expiry")."""
    listed = reader.flag("residence_expiry_listed")
    expiry = reader.date("residence_expiry_date", required=False)
    has_category = category is not None or reader.present("foreign_resident_category")
    if not has_category:
        if listed is not None or expiry is not None or reader.flag("permanent_resident"):
            reader.report("residence_expiry_listed",
                          Text("applies to foreign residents only"),
                          Text("add foreign_resident_category or remove the residence expiry "
                               "fields"))
        return listed, expiry
    if category is None:  # an unknown category is already reported
        return listed, expiry
    if category in NO_EXPIRY_CATEGORIES or status in NO_EXPIRY_STATUSES:
        return _no_expiry(reader, listed, expiry), None
    _expiry_required(reader, listed, expiry)
    if expiry is not None:
        _expiry_dates(reader, expiry, application, birth,
                      renewable=category != "transitional_birth")
        _transitional_end(reader, category, expiry, birth)
    return True, expiry


def _no_expiry(reader: FieldReader, listed: bool | None, expiry: dt.date | None) -> bool:
    """Special permanent and permanent residents: their card has no expiry, so 無."""
    if listed or expiry is not None:
        reader.report("residence_expiry_listed",
                      Text("must be 無 (not listed): special permanent residents, permanent "
                           "residents and highly skilled professionals (ii) have no expiry date "
                           "on their card"),
                      Text("set residence_expiry_listed = false and remove residence_expiry_date"))
    return False


def _expiry_required(reader: FieldReader, listed: bool | None, expiry: dt.date | None) -> None:
    """Every other category ticks 有 and copies the date from the residence card."""
    if listed is False:
        reader.report("residence_expiry_listed",
                      Text("must be 有 (listed) for this category: the card shows an expiry date"),
                      Text("set residence_expiry_listed = true and add residence_expiry_date; a "
                           "permanent resident or highly skilled professional (ii) writes "
                           'foreign_resident_category = "permanent" or "highly_skilled_2" '
                           "instead"))
    elif expiry is None and not reader.present("residence_expiry_date"):
        reader.report("residence_expiry_date",
                      Text("is required for this category (有 plus the date)"),
                      Text("copy the expiry date of the period of stay from the residence card"))


def _expiry_dates(reader: FieldReader, expiry: dt.date, application: dt.date | None,
                  birth: dt.date | None, renewable: bool = True) -> None:
    """The period of stay after birth and the application; ending soon after the application
    is a warning, except for a transitional stay by birth, which is not renewed (the card's own
    rule says what happens then: forms/card_expiry.py)."""
    if birth is not None and expiry <= birth:
        reader.report("residence_expiry_date",
                      Text("is not after the date of birth"),
                      Text("check both dates against the residence card"))
    if application is None:
        return
    if expiry <= application:
        reader.report("residence_expiry_date",
                      Text("is not after the application date: an expired period of stay cannot "
                           "apply"),
                      Text("renew the period of stay first, or check the date"))
    elif renewable and expiry <= add_months(application, RENEWAL_WARNING_MONTHS):
        reader.report("residence_expiry_date",
                      Text("the period of stay ends within about two months of the application: "
                           "if it is renewed before the card is issued, the card cannot be "
                           "collected and you must apply again"),
                      Text("consider renewing the period of stay first, then applying"), "warning")


def _transitional_end(reader: FieldReader, category: str, expiry: dt.date,
                      birth: dt.date | None) -> None:
    """A transitional stay by birth lasts 60 days from birth (the card's rules, card-validity.md
    "Card validity 2"): a later end is a misread date, or a status granted since (then the
    category is no longer this one)."""
    if category != "transitional_birth" or birth is None:
        return
    days = int(in_force("transitional", birth)["days"])
    if expiry > birth + dt.timedelta(days=days):
        reader.report("residence_expiry_date",
                      Text("is more than {days} days after the date of birth: a transitional stay "
                           "by birth ends {days} days after birth").format(days=days),
                      Text("check the date; if a status of residence has been granted since, use "
                           "that category and the residence card's expiry date"))


# Words that show an address is mid-move ("12月20日 転居予定", "→ new address"): the form must
# carry the address on the resident record on the day of the application (J-LIS guidance on
# moving after applying: issue 21, item 9). One table, so a missed phrasing is one more entry.
MOVING_MARKERS = re.compile(
    r"予定|転居|転出|転入|引っ?越|新住所|移転|→|⇒|->|\bmov(?:e|es|ed|ing)\b|new address",
    re.IGNORECASE)


def _moving(reader: FieldReader, key: str, address: str | None) -> None:
    """Warn when an address mentions a move, and say what to do."""
    if address is None or not MOVING_MARKERS.search(address):
        return
    reader.report(key,
                  Text("mentions a move: the form must carry the address registered on your "
                       "resident record on the day you apply"),
                  Text("write only today's registered address. If you move after applying: on "
                       "a paper form, cross the old address out with a double line and write "
                       "the new one; before you have moved in, ask the municipal office for a "
                       "new form; an online application uses the updated registered address"),
                  "warning")


def _representative(reader: FieldReader) -> Representative | None:
    raw = reader.raw.get("representative")
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        reader.report("representative",
                      Text("must be a table of fields"),
                      Text("write it as [representative] (TOML) or an object (JSON)"))
        return None
    sub = FieldReader(raw, reader.problems, prefix="representative.")
    _check_unknown(sub, REPRESENTATIVE_KEYS)
    name = sub.text("name", required=True)
    relationship = sub.text("relationship", required=True,
                            fix=Text("e.g. 父 / father, 母 / mother"))
    address = sub.text("address", required=True)
    phone = _phone(sub, "phone", required=True)
    postal = sub.text("postal_code", required=False)
    if postal is not None and not _POSTAL.match(unicodedata.normalize("NFKC", postal)):
        sub.report("postal_code",
                   Text("is not a Japanese postal code"),
                   Text("write it as 123-4567"))
        postal = None
    furigana = sub.text("furigana", required=False)
    if None in (name, relationship, address, phone):
        return None
    assert name and relationship and address and phone
    return Representative(name, relationship, address, phone, furigana, postal)


def _age_rules(reader: FieldReader, birth: dt.date | None, application: dt.date | None,
               representative_given: bool, adult_ward: bool) -> bool:
    """The representative and certificate rules; True when the signature certificate must be
    declined (under 15 on the application date, or an adult ward)."""
    if birth is None or application is None:
        return adult_ward
    if birth > application:
        reader.report("date_of_birth", Text("is after the application date"),
                      Text("check both dates"))
        return adult_ward
    child = age_on(birth, application) < CHILD_AGE
    if (child or adult_ward) and not representative_given:
        reader.report("representative",
                      _REPRESENTATIVE_CHILD if child else _REPRESENTATIVE_WARD,
                      Text("add the legal representative's block (name, relationship, address, "
                           "phone)"))
    if not (child or adult_ward) and representative_given:
        reader.report("representative",
                      Text("is for legal representatives only: the applicant is an adult who is "
                           "not an adult ward"),
                      Text("remove the representative block, or set adult_ward = true if the "
                           "applicant is an adult ward"), "warning")
    if child or adult_ward:
        reader.report("decline_signature_cert", _BLACKED_OUT_CHILD if child
                      else _BLACKED_OUT_WARD, None, "note")
    return child or adult_ward


_REPRESENTATIVE_CHILD = Text(
    "is required: the applicant is under 15 on the application date")
_REPRESENTATIVE_WARD = Text("is required: the applicant is an adult ward")
_BLACKED_OUT_CHILD = Text(
    "its box is blacked out automatically: no signature certificate is issued to applicants "
    "under 15")
_BLACKED_OUT_WARD = Text(
    "its box is blacked out automatically: no signature certificate is issued to adult wards")


def _dates_against_today(reader: FieldReader, birth: dt.date | None,
                         application: dt.date | None, today: dt.date) -> None:
    """Birth not in the future; the application date today or within the last month."""
    if birth is not None and birth > today:
        reader.report("date_of_birth", Text("is in the future"),
                      Text("check the year (Gregorian or era)"))
    if application is None:
        return
    if application > today:
        reader.report("application_date", Text("is in the future"),
                      Text("write the date on which you mail the form (today or a recent day)"))
    elif application < months_before(today, APPLICATION_MAX_AGE_MONTHS):
        reader.report("application_date",
                      Text("is more than a month in the past"),
                      Text("write the date on which you mail the form"))


def check_photo_date(photo_date: dt.date | None, application: dt.date | None,
                     field: str = "photo_date") -> list[Problem]:
    """The photo must be taken within 6 months before the application date (when both known)."""
    if photo_date is None or application is None:
        return []
    fix = Text("use a photo taken within 6 months before the application date")
    if photo_date > application:
        return [Problem(field, Text("the photo was taken after the application date"), fix)]
    if photo_date < months_before(application, PHOTO_MAX_AGE_MONTHS):
        return [Problem(field,
                        Text("the photo is more than 6 months older than the application"), fix)]
    return []


def _photo_path(reader: FieldReader, base_dir: Path | None) -> Path | None:
    text = reader.text("photo", required=False, printed=False)
    if text is None:
        return None
    path = Path(text).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = base_dir / path
    if not path.is_file():
        reader.report("photo", Text("file not found"),
                      Text("give the path of a JPEG photo"))
        return None
    return path


def today() -> dt.date:
    """The day the checks are made against; a function so tests can replace it."""
    return dt.date.today()


def validate_applicant(raw: Mapping[str, object], base_dir: Path | None = None,
                       on: dt.date | None = None) -> tuple[Applicant | None, list[Problem]]:
    """Validate raw data as of the day ``on`` (default: today); return the Applicant (None on
    any error) and all problems found."""
    problems: list[Problem] = []
    reader = FieldReader(raw, problems)
    _check_unknown(reader, KNOWN_KEYS)
    number = _individual_number(reader)
    name = reader.text("name", required=True, fix=Text("write the name as on the resident record"))
    address = reader.text("address", required=True)
    _moving(reader, "address", address)
    birth = reader.date("date_of_birth", required=True)
    sex = _sex(reader)
    application = reader.date("application_date", required=True)
    _dates_against_today(reader, birth, application, on or today())
    signature = reader.text("applicant_signature_name", required=False)
    print_signature = bool(reader.flag("print_signature_name"))
    category, status = _category(reader)
    status = _status(reader, category, status)
    listed, expiry = _residence(reader, category, status, application, birth)
    adult_ward = bool(reader.flag("adult_ward"))
    representative = _representative(reader)
    no_signature_cert = _age_rules(reader, birth, application, "representative" in raw,
                                   adult_ward)
    photo_date = reader.date("photo_date", required=False)
    problems.extend(check_photo_date(photo_date, application))
    applicant_fields = dict(
        former_name_or_alias=reader.text("former_name_or_alias", required=False),
        phone=_phone(reader, "phone", required=False),
        braille=bool(reader.flag("braille")),
        decline_signature_cert=bool(reader.flag("decline_signature_cert")) or no_signature_cert,
        decline_user_cert=bool(reader.flag("decline_user_cert")),
        photo=_photo_path(reader, base_dir),
        permanent_resident=status == "permanent",
        residence_status=status,
        print_signature_name=print_signature,
    )
    if errors(problems):
        return None, problems
    assert number and name and address and birth and sex and application
    applicant = Applicant(
        individual_number=number, name=name, address=address, date_of_birth=birth, sex=sex,
        application_date=application, applicant_signature_name=signature or name,
        foreign_resident_category=category, residence_expiry_listed=listed,
        residence_expiry_date=expiry, adult_ward=adult_ward, representative=representative,
        photo_date=photo_date, **applicant_fields,
    )
    return applicant, problems
