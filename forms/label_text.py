"""The form's printed labels as catalog messages, for the chosen-language line under the Japanese.

J-LIS's bilingual editions print each label in Japanese with the applicant's language beneath.
The Japanese line is the official wording and is printed as is; the second line is
`FORM_TEXT[key].get(lang)`: the English msgid (today's own blank form prints the English) or its
translation. The renderer (forms/render.py) reads these by key; the Japanese of each message is
the official label, so the ja catalog doubles as the map from English to the printed Japanese.
"""

from __future__ import annotations

from photocheck.report import Text

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


def label_lines(key: str, lang: str) -> tuple[str, str]:
    """The printed Japanese line and the chosen-language line beneath it (English by default)."""
    text = FORM_TEXT[key]
    return text.ja, text.get(lang if lang != "ja" else "en")
