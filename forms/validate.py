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
from forms.dates import age_on, months_before
from forms.fields import FieldReader
from forms.model import FOREIGN_RESIDENT_CATEGORIES, Applicant, Representative, Sex
from forms.problems import Problem, errors
from photocheck.report import Text

CHILD_AGE = 15
PHOTO_MAX_AGE_MONTHS = 6

KNOWN_KEYS = frozenset(
    {
        "individual_number", "name", "address", "date_of_birth", "sex", "former_name_or_alias",
        "phone", "foreign_resident_category", "residence_expiry_listed", "residence_expiry_date",
        "braille", "decline_signature_cert", "decline_user_cert", "application_date",
        "applicant_signature_name", "representative", "photo", "photo_date", "adult_ward",
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
    text = reader.text("sex", required=True, fix=fix)
    if text is None:
        return None
    sex = _SEX_WORDS.get(text.lower())
    if sex is None:
        reader.report("sex", Text("must be male or female"),
                      Text('write "male" or "female" (男 / 女)'))
    return sex


def _category(reader: FieldReader) -> str | None:
    text = reader.text("foreign_resident_category", required=False)
    if text is None:
        return None
    wanted = unicodedata.normalize("NFKC", text).lower()
    for key, (ja, en) in FOREIGN_RESIDENT_CATEGORIES.items():
        if wanted in (key, ja, en.lower()):
            return key
    keys = ", ".join(FOREIGN_RESIDENT_CATEGORIES)
    ja_names = "、".join(ja for ja, _ in FOREIGN_RESIDENT_CATEGORIES.values())
    reader.report("foreign_resident_category",
                  Text("is not one of the six categories"),
                  Text("use one of: {keys} ({ja_names})").format(
                      keys=keys, ja_names=ja_names))
    return None


def _phone(reader: FieldReader, key: str, *, required: bool) -> str | None:
    phone = reader.text(key, required=required)
    if phone is not None and not _PHONE.match(unicodedata.normalize("NFKC", phone)):
        reader.report(key, Text("is not a phone number"),
                      Text("write digits with optional hyphens"))
        return None
    return phone


def _residence(reader: FieldReader, category: str | None, application: dt.date | None
               ) -> tuple[bool | None, dt.date | None]:
    listed = reader.flag("residence_expiry_listed")
    expiry = reader.date("residence_expiry_date", required=False)
    has_category = category is not None or reader.present("foreign_resident_category")
    if (listed is not None or expiry is not None) and not has_category:
        reader.report("residence_expiry_listed",
                      Text("applies to foreign residents only"),
                      Text("add foreign_resident_category or remove the residence expiry fields"))
    if listed is None and expiry is not None:
        listed = True
    if listed and expiry is None and "residence_expiry_date" not in reader.raw:
        reader.report("residence_expiry_date",
                      Text("is required when the expiry date is listed"),
                      Text("copy the expiry date from the residence card"))
    if listed is False and expiry is not None:
        reader.report("residence_expiry_date",
                      Text("is given but residence_expiry_listed is false"),
                      Text("set residence_expiry_listed = true or remove the date"))
    if expiry is not None and application is not None and expiry < application:
        reader.report("residence_expiry_date",
                      Text("is before the application date"),
                      Text("renew the period of stay first, or check the date"), "warning")
    return listed, expiry


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
               representative_given: bool, adult_ward: bool) -> None:
    if birth is None or application is None:
        return
    if birth > application:
        reader.report("date_of_birth", Text("is after the application date"),
                      Text("check both dates"))
        return
    child = age_on(birth, application) < CHILD_AGE
    if (child or adult_ward) and not representative_given:
        who = (Text("under 15 on the application date") if child
               else Text("an adult ward"))
        reader.report("representative",
                      Text("is required: the applicant is {who}").format(who=who),
                      Text("add the legal representative's block (name, relationship, address, "
                           "phone)"))
    if child and reader.raw.get("decline_signature_cert") is not True:
        reader.report("decline_signature_cert",
                      Text("a signature certificate is not issued to applicants under 15"),
                      Text("set decline_signature_cert = true"), "warning")


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
    text = reader.text("photo", required=False)
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


def validate_applicant(raw: Mapping[str, object], base_dir: Path | None = None
                       ) -> tuple[Applicant | None, list[Problem]]:
    """Validate raw data; return the Applicant (None on any error) and all problems found."""
    problems: list[Problem] = []
    reader = FieldReader(raw, problems)
    _check_unknown(reader, KNOWN_KEYS)
    number = _individual_number(reader)
    name = reader.text("name", required=True, fix=Text("write the name as on the resident record"))
    address = reader.text("address", required=True)
    birth = reader.date("date_of_birth", required=True)
    sex = _sex(reader)
    application = reader.date("application_date", required=True)
    signature = reader.text("applicant_signature_name", required=True,
                            fix=Text("the applicant's name as written in the declaration"))
    category = _category(reader)
    listed, expiry = _residence(reader, category, application)
    adult_ward = bool(reader.flag("adult_ward"))
    representative = _representative(reader)
    _age_rules(reader, birth, application, "representative" in raw, adult_ward)
    photo_date = reader.date("photo_date", required=False)
    problems.extend(check_photo_date(photo_date, application))
    applicant_fields = dict(
        former_name_or_alias=reader.text("former_name_or_alias", required=False),
        phone=_phone(reader, "phone", required=False),
        braille=bool(reader.flag("braille")),
        decline_signature_cert=bool(reader.flag("decline_signature_cert")),
        decline_user_cert=bool(reader.flag("decline_user_cert")),
        photo=_photo_path(reader, base_dir),
    )
    if errors(problems):
        return None, problems
    assert number and name and address and birth and sex and application and signature
    applicant = Applicant(
        individual_number=number, name=name, address=address, date_of_birth=birth, sex=sex,
        application_date=application, applicant_signature_name=signature,
        foreign_resident_category=category, residence_expiry_listed=listed,
        residence_expiry_date=expiry, adult_ward=adult_ward, representative=representative,
        photo_date=photo_date, **applicant_fields,
    )
    return applicant, problems
