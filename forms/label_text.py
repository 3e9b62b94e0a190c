"""The form's printed labels as catalog messages, for the chosen-language line under the Japanese.

J-LIS's bilingual editions print each label in Japanese with the applicant's language beneath.
The Japanese line is the official wording and is printed as is; the second line is
`FORM_TEXT[key].get(lang)`: the English msgid (today's own blank form prints the English) or its
translation. The renderer (forms/render.py) reads these by key; the Japanese of each message is
the official label, so the ja catalog doubles as the map from English to the printed Japanese.
"""

from __future__ import annotations

from photocheck.report import Text
from photocheck.residence_categories import FOREIGN_RESIDENT_CATEGORIES

FORM_TEXT: dict[str, Text] = {
    "title": Text("Application for the Individual Number Card and its electronic certificates "
                  "(handwritten)"),
    "photo": Text("Photo"),
    "photo_size": Text("45 mm high × 35 mm wide"),
    "application_date": Text("Application Date"),
    "name": Text("Name"),
    "date_of_birth": Text("Date of Birth"),
    "sex": Text("Gender"),
    "male": Text("Male"),
    "female": Text("Female"),
    "address": Text("Address"),
    "individual_number": Text("ID Number"),
    "twelve_digits": Text("12 digits"),
    "former_name_or_alias": Text("Previous last name or Nickname"),
    "phone": Text("Phone Number"),
    "foreign_resident_category": Text("Foreign resident category"),
    "expiry_listed": Text("Expiry date on card"),
    "listed": Text("Listed"),
    "not_listed": Text("Not listed"),
    "expiry_date": Text("Expiry Date"),
    "braille": Text("Braille"),
    "braille_wanted": Text("Braille of the kana name on the card"),
    "signature_cert": Text("Signature certificate"),
    "user_cert": Text("User certificate"),
    "decline": Text("Decline"),
    "declaration": Text("I apply as stated above."),
    "applicant_name": Text("Applicant's Name"),
    "representative": Text("Legal representative (applicant under 15 or adult ward)"),
    "furigana": Text("Furigana"),
    "relationship": Text("Relationship"),
    "postal_code": Text("Postal Code"),
}


# The categories' English names are msgids of their own (photocheck/card/rules.py has them too);
# the official Japanese is printed from photocheck/residence_categories.py, as the validator and
# the locator use it.
CATEGORY_TEXT: tuple[tuple[str, Text], ...] = tuple(
    (ja, Text(en)) for ja, en in FOREIGN_RESIDENT_CATEGORIES.values()
)

FOOTER = Text("photocheck blank form (not the official J-LIS print)")


def sub_lang(lang: str) -> str:
    """The language printed under the Japanese: the one asked for, English for ja (J-LIS has no
    Japanese-only edition beside its bilingual ones, and today's English stays for ja users)."""
    return "en" if lang == "ja" else lang


def label_lines(key: str, lang: str) -> tuple[str, str]:
    """The printed Japanese line and the chosen-language line beneath it (English by default)."""
    text = FORM_TEXT[key]
    return text.ja, without_japanese(text.get(sub_lang(lang)), text.ja)


def without_japanese(sub: str, ja: str) -> str:
    """The translation without the official Japanese the catalogs quote beside a term on its
    first mention: on the form that Japanese is printed just above or before it."""
    for quoted in (f"({ja})", f"（{ja}）"):
        sub = sub.replace(quoted, "")
    return " ".join(sub.split())
