"""Page 2 of the project's form: a plain-language checklist for printing, signing, the photo,
mailing and what happens next, and the short "before you mail" box at the foot of page 1.

Drawn with the same ``Sheet`` as the form so fonts and sizes match. Each item is the Japanese
over the chosen language (English for ja and en), as in J-LIS's bilingual editions; both come
from the catalogs (the Japanese from ja.po), so a translator edits one .po and nothing here. The
receiving centre's address comes from ``mailing.toml``: the Japanese lines under the Japanese,
the romanised lines under every other language (an envelope is addressed as printed there).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.fonts import text_width
from forms.geometry import Box
from forms.guidance import Guide
from forms.mailing import MailingAddress, mailing_address
from photocheck.report import Text

if TYPE_CHECKING:
    from forms.sheet import Sheet

JA_SIZE, SUB_SIZE, HEAD_SIZE = 9.0, 8.0, 10.5
SUB_LEADING = 10.5
CHECK = 8.0
SECTION_GAP, ITEM_GAP = 17.0, 13.5  # room above a section heading and above each item (points)


@dataclass(frozen=True)
class Item:
    """One checklist line: Japanese (a newline starts a new line), then the chosen language."""

    ja: str
    sub: str


def _item(text: Text, lang: str) -> Item:
    return Item(text.ja, text.get(lang))


TITLE = Text("How to print, sign and mail this form")
SIGN = Text("Sign the form")
PHOTO = Text("The photo")
PHOTO_BACK = Text("Write your name and date of birth on the back of a pasted photo.")
# The agency's other two notes on a pasted photo.
PHOTO_NOTES = (
    Text("Use only a little glue, and let it dry before the form goes in the envelope."),
    Text("If the photo cannot meet a rule for an unavoidable reason (an illness or a "
         "disability), write the reason in the name field on page 1."),
)
SECTIONS: tuple[tuple[Text, tuple[Text, ...]], ...] = (
    (Text("Print the form"), (
        Text('Print on A4 paper at "actual size" (100 %). Do not use "fit to page".'),
        Text("Measure the photo box with a ruler: it must be 45 mm high and 35 mm wide."),
    )),
    (SIGN, (
        Text('The applicant writes their name by hand where page 1 says "sign here".'),
        Text("If the name is printed there, stamp your personal seal beside it."),
        Text("Under 15 or an adult ward: the legal representative fills in their block."),
    )),
    (PHOTO, (
        Text("If your photo is printed in the photo box, nothing more is needed."),
        Text("If not, paste a photo 45 mm high and 35 mm wide, taken within the last 6 months."),
        PHOTO_BACK,
        *PHOTO_NOTES,
    )),
)
ENVELOPE = Text("Print the postage-paid envelope from the official site and use it: no stamp is "
                "needed.")
ADDRESS = Text("Address (envelope front): {address}")
ADDRESS_SOURCE = Text("The address can change (source: {source}, checked {checked}). The "
                      "envelope's address comes first.")
MAIL = Text("Mail the form")
COLLECT = Text("Collect the card in person, with the postcard and ID such as the residence card.")
NEXT = (Text("What happens next"), (
    Text("In about 1-2 months your municipality sends a notice postcard."),
    COLLECT,
    Text("You set the card's PINs at the counter when you collect it."),
))


def _personal(sections: tuple[tuple[Text, tuple[Text, ...]], ...], guide: Guide | None
              ) -> list[tuple[Text, tuple[Text, ...]]]:
    """The sections with the signing and photo items written for this applicant."""
    if guide is None:
        return list(sections)
    out = []
    for head, items in sections:
        if head is SIGN:
            items = guide.sign
        elif head is PHOTO:
            items = tuple(guide.photo_back if t is PHOTO_BACK else t for t in items)
        out.append((head, items))
    return out


def _mailing(mail: MailingAddress, lang: str) -> list[Item]:
    """The mailing items: the address in Japanese under the Japanese, romanised otherwise."""
    address_ja = f"〒{mail.postal_code}\n" + "\n".join(mail.lines_ja)
    address_sub = f"{mail.postal_code}, " + ", ".join(mail.lines_en)
    source = ADDRESS_SOURCE.format(source=mail.source, checked=mail.checked.isoformat())
    return [
        _item(ENVELOPE, lang),
        Item(ADDRESS.format(address=address_ja).ja, ADDRESS.format(address=address_sub).get(lang)),
        _item(source, lang),
    ]


def _sections(mail: MailingAddress, lang: str, guide: Guide | None
              ) -> list[tuple[Item, list[Item]]]:
    """The five numbered sections, each a heading and its checklist items."""
    parts = [(_item(head, lang), [_item(t, lang) for t in items])
             for head, items in _personal(SECTIONS, guide)]
    parts.append((_item(MAIL, lang), _mailing(mail, lang)))
    after = [guide.collect if guide is not None and t is COLLECT else t for t in NEXT[1]]
    parts.append((_item(NEXT[0], lang), [_item(t, lang) for t in after]))
    return parts


def _fit(text: str, size: float, room: float) -> float:
    """The size at which ``text`` fits ``room``; never below 6 pt (a layout error then)."""
    while text_width(text, size) > room:
        size -= 0.25
        if size < 6.0:
            raise ValueError("instructions text does not fit the page width")
    return size


def draw_instructions(sheet: Sheet, box: Box, mail: MailingAddress | None = None,
                      guide: Guide | None = None) -> float:
    """Draw the checklist inside ``box`` (written for the applicant of ``guide``, when given);
    return the y where drawing ended."""
    mail = mail or mailing_address()
    title = _item(TITLE, sheet.sub)
    y = box.top + 16
    sheet.text(box.x0, y, title.ja, 14.0)
    y += 15
    sheet.fitted_sub(box.x0, y, title.sub, 10.0, box.width)
    y += 10
    room = box.width - CHECK - 6
    for number, (head, items) in enumerate(_sections(mail, sheet.sub, guide), start=1):
        y += SECTION_GAP
        label = f"{number}. {head.ja}"
        sheet.text(box.x0, y, label, HEAD_SIZE)
        start = box.x0 + text_width(label, HEAD_SIZE) + HEAD_SIZE
        sheet.fitted_sub(start, y, head.sub, HEAD_SIZE, box.x1 - start)
        sheet.line(box.x0, y + 4, box.x1, y + 4, width=0.4)
        y += 6
        for item in items:
            y += ITEM_GAP
            sheet.checkbox(box.x0, y - CHECK + 1, CHECK)
            y = _draw_item(sheet, box.x0 + CHECK + 6, y, item, room)
    return y


# Japanese breaks between any two characters, but a Latin word (a romanised name) stays whole and
# closing punctuation never starts a line (禁則).
_JA_TOKENS = re.compile(r"[A-Za-z0-9'.\-]+[、。，）」』:：]*|\s+|.[、。，）」』]*")


def wrap_japanese(text: str, size: float, width: float) -> list[str]:
    """Greedy wrap of Japanese text mixed with romanised names: a line may end after any
    Japanese character, so a name is not pushed to a line of its own by the text after it."""
    lines: list[str] = []
    current = ""
    for token in _JA_TOKENS.findall(text):
        if current and text_width((current + token).rstrip(), size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _draw_item(sheet: Sheet, x: float, y: float, item: Item, room: float) -> float:
    """The Japanese lines, then the chosen language's wrapped beneath; returns the last baseline."""
    ja_lines = [part for para in item.ja.split("\n")
                for part in wrap_japanese(para, JA_SIZE, room)]
    for index, line in enumerate(ja_lines):
        y += 11.5 if index else 0
        sheet.text(x, y, line, JA_SIZE)
    for line in sheet.sub_lines(item.sub, SUB_SIZE, room):
        y += SUB_LEADING
        sheet.sub_text(x, y, line, SUB_SIZE)
    return y


BEFORE_MAILING_TITLE = Text("Before you mail")
SIGNED = Text('Signed by hand where it says "sign here"')
SIGNED_BY_REPRESENTATIVE = Text('Signed by the legal representative at "sign here"')
BEFORE_MAILING = (
    Text("Printed at actual size (100 %)"),
    SIGNED,
    Text("Photo in the box (pasted: details on back)"),
    Text("Mail it to the centre (see page 2)"),
)


def before_mailing(guide: Guide | None) -> tuple[Text, ...]:
    """The foot-of-page checklist; the legal representative signs for a represented applicant."""
    if guide is None or not guide.represented:
        return BEFORE_MAILING
    return tuple(SIGNED_BY_REPRESENTATIVE if t is SIGNED else t for t in BEFORE_MAILING)


def draw_before_mailing(sheet: Sheet, box: Box, items: Sequence[Text] = BEFORE_MAILING) -> None:
    """The short "before you mail" box at the foot of page 1, two columns of checkboxes; a long
    translation wraps onto a second line under its Japanese."""
    sheet.rect(box)
    title = _item(BEFORE_MAILING_TITLE, sheet.sub)
    sheet.text(box.x0 + 4, box.top + 13, title.ja, 9.0)
    start = box.x0 + 4 + text_width(title.ja, 9.0) + 9.0
    sheet.fitted_sub(start, box.top + 13, title.sub, 9.0, box.x1 - 4 - start)
    column = (box.width - 8) / 2
    row = (box.height - 20) / ((len(items) + 1) // 2)
    for index, text in enumerate(items):
        item = _item(text, sheet.sub)
        x = box.x0 + 4 + (index % 2) * column
        top = box.top + 18 + (index // 2) * row
        sheet.checkbox(x, top + 2, CHECK)
        room = column - CHECK - 10
        sheet.text(x + CHECK + 4, top + 9, item.ja, _fit(item.ja, 8.0, room))
        lines = sheet.sub_lines(item.sub, 6.5, room)
        if len(lines) > 2 or 9 + 7.5 * len(lines) + 2 > row:
            raise ValueError(f"layout: {item.sub!r} does not fit the before-you-mail box")
        for number, line in enumerate(lines):
            sheet.sub_text(x + CHECK + 4, top + 18 + 7.5 * number, line, 6.5)
