"""Page 2 of the project's form: a plain-language checklist for printing, signing, the photo,
mailing and what happens next, and the short "before you mail" box at the foot of page 1.

Drawn with the same ``Sheet`` as the form so fonts and sizes match. Each item is Japanese over
English (the form's two languages); the receiving centre's address comes from ``mailing.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.fonts import text_width
from forms.geometry import Box
from forms.mailing import MailingAddress, mailing_address
from forms.textfit import wrap

if TYPE_CHECKING:
    from forms.render import Sheet

JA_SIZE, EN_SIZE, HEAD_SIZE = 9.0, 7.5, 10.5
CHECK = 8.0


@dataclass(frozen=True)
class Item:
    """One checklist line: Japanese (a newline starts a new line), then the same in English."""

    ja: str
    en: str


def _sections(mail: MailingAddress) -> list[tuple[str, str, list[Item]]]:
    address_ja = f"〒{mail.postal_code}\n" + "\n".join(mail.lines_ja)
    address_en = f"{mail.postal_code}, " + ", ".join(mail.lines_en)
    return [
        ("1. 印刷する", "Print", [
            Item("A4 の紙に「実際のサイズ」（100 %）で印刷します。"
                 "「ページに合わせる」は使いません。",
                 'Print on A4 paper at "actual size" (100 %). Do not use "fit to page".'),
            Item("印刷したら写真欄を定規で測り、縦45 mm・横35 mm あることを確かめます。",
                 "Measure the photo box with a ruler: it must be 45 mm high and 35 mm wide."),
        ]),
        ("2. 署名する", "Sign", [
            Item("1ページ目の「× ここに署名」の欄に、申請者本人が自分で名前を書きます。",
                 'The applicant writes their name by hand where page 1 says "sign here".'),
            Item("名前が印刷されている場合は、その横に印鑑を押します（記名・押印）。",
                 "If the name is printed there, stamp your personal seal beside it."),
            Item("15歳未満または成年被後見人の場合は、法定代理人が代理人記載欄を書きます。",
                 "Under 15 or an adult ward: the legal representative fills in their block."),
        ]),
        ("3. 写真", "Photo", [
            Item("写真が写真欄に印刷されていれば、そのままで構いません。",
                 "If your photo is printed in the photo box, nothing more is needed."),
            Item("印刷されていなければ、6か月以内に撮った縦45 mm×横35 mm の写真を貼ります。",
                 "If not, paste a photo 45 mm high and 35 mm wide, taken within the last 6 "
                 "months."),
            Item("貼る写真の裏には、名前と生年月日を書いておきます。",
                 "Write your name and date of birth on the back of a pasted photo."),
        ]),
        ("4. 郵送する", "Mail", [
            Item(mail.envelope_ja + "。", mail.envelope_en[0].upper() + mail.envelope_en[1:] + "."),
            Item("宛先（封筒の表）：\n" + address_ja, "Address (envelope front): " + address_en),
            Item(f"宛先は変わることがあります（{mail.source}、{mail.checked.isoformat()} 確認）。"
                 "封筒の宛先を優先してください。",
                 f"The address can change (source: {mail.source}, checked "
                 f"{mail.checked.isoformat()}). The envelope's address comes first."),
        ]),
        ("5. このあと", "What happens next", [
            Item("約1〜2か月後、市区町村から交付通知書（はがき）が届きます。",
                 "In about 1-2 months your municipality sends a notice postcard."),
            Item("はがきと本人確認書類（在留カードなど）を持って、本人が窓口で受け取ります。",
                 "Collect the card in person, with the postcard and ID such as the residence "
                 "card."),
            Item("受け取るとき、窓口で暗証番号を設定します。",
                 "You set the card's PINs at the counter when you collect it."),
        ]),
    ]


def _fit(text: str, size: float, room: float) -> float:
    """The size at which ``text`` fits ``room``; never below 6 pt (a layout error then)."""
    while text_width(text, size) > room:
        size -= 0.25
        if size < 6.0:
            raise ValueError("instructions text does not fit the page width")
    return size


def draw_instructions(sheet: Sheet, box: Box, mail: MailingAddress | None = None) -> float:
    """Draw the checklist inside ``box``; return the y where drawing ended."""
    mail = mail or mailing_address()
    y = box.top + 16
    sheet.text(box.x0, y, "記入・郵送の手引き", 14.0)
    y += 15
    sheet.text(box.x0, y, "How to print, sign and mail this form", 10.0)
    y += 10
    room = box.width - CHECK - 6
    for head_ja, head_en, items in _sections(mail):
        y += 20
        sheet.text(box.x0, y, f"{head_ja}  {head_en}", HEAD_SIZE)
        sheet.line(box.x0, y + 4, box.x1, y + 4, width=0.4)
        y += 6
        for item in items:
            y += 15
            sheet.checkbox(box.x0, y - CHECK + 1, CHECK)
            x = box.x0 + CHECK + 6
            ja_lines = [part for para in item.ja.split("\n") for part in wrap(para, JA_SIZE, room)]
            for index, line in enumerate(ja_lines):
                y += 11.5 if index else 0
                sheet.text(x, y, line, JA_SIZE)
            for line in wrap(item.en, EN_SIZE, room):
                y += 10
                sheet.text(x, y, line, EN_SIZE)
    return y


BEFORE_MAILING = (
    Item("実際のサイズ（100 %）で印刷した", "Printed at actual size (100 %)"),
    Item("「ここに署名」の欄に自分で署名した", 'Signed by hand where it says "sign here"'),
    Item("写真がある（貼った写真の裏には名前・生年月日）",
         "Photo in the box (pasted: details on back)"),
    Item("送付用封筒で受付センターへ郵送する（2ページ目）", "Mail it to the centre (see page 2)"),
)


def draw_before_mailing(sheet: Sheet, box: Box, items: Sequence[Item] = BEFORE_MAILING) -> None:
    """The short "before you mail" box at the foot of page 1, two columns of checkboxes."""
    sheet.rect(box)
    sheet.text(box.x0 + 4, box.top + 13, "郵送する前に  Before you mail", 9.0)
    column = (box.width - 8) / 2
    row = (box.height - 20) / ((len(items) + 1) // 2)
    for index, item in enumerate(items):
        x = box.x0 + 4 + (index % 2) * column
        top = box.top + 18 + (index // 2) * row
        sheet.checkbox(x, top + 2, CHECK)
        room = column - CHECK - 10
        sheet.text(x + CHECK + 4, top + 9, item.ja, _fit(item.ja, 8.0, room))
        sheet.text(x + CHECK + 4, top + 18, item.en, _fit(item.en, 6.5, room))
