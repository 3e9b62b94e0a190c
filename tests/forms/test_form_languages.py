"""The form in the chosen language: Japanese labels with the --lang translation beside them.

Each check renders the real PDF and reads it back (pdfplumber; /ActualText for the Thai and
Devanagari runs, whose shaped glyphs have no one character each). Needs the Debian font packages
`make fonts` installs; skips (saying which) when they are absent.
"""

from __future__ import annotations

import io
import re
import unicodedata
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from forms import render
from forms.fill import build_form
from forms.geometry import PHOTO_HEIGHT, PHOTO_WIDTH, Box
from forms.instructions import BEFORE_MAILING, NEXT, SECTIONS, TITLE
from forms.label_text import FORM_TEXT, label_lines
from forms.labels import label_data
from forms.locate import locate_fields
from forms.model import Applicant
from forms.overlay import SIGN_HERE
from forms.photo import PhotoCheck
from forms.ruling import enclosing_cell, read_rules
from forms.script_fonts import FONTS
from forms.validate import validate_applicant
from photocheck.i18n.languages import CODES

MM = 72 / 25.4
LANGS = ("vi", "th", "ne", "ko", "zh-Hans")
JAPANESE = ("申請日", "氏名", "生年月日", "性別", "住所", "個人番号", "旧氏又は通称", "電話番号",
            "外国人住民の区分", "国籍喪失による経過滞在者", "在留期間等満了日の有無", "点字",
            "署名用電子証明書", "利用者証明用電子証明書", "申請者氏名", "代理人記載欄",
            "本人との関係", "郵便番号", "顔写真")
_ABSENT = sorted({f.package for f in FONTS.values() if f.path is None or not f.path.is_file()})
pytestmark = pytest.mark.skipif(bool(_ABSENT), reason=f"fonts not installed: {_ABSENT}")


@cache
def blank(lang: str) -> bytes:
    return render.render_blank(lang=lang)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _actual_texts(data: bytes, page: int) -> list[str]:
    """Every /ActualText in drawing order (parsed: merging the overlay rewrites its hex strings
    as literal ones)."""
    reader = PdfReader(io.BytesIO(data))
    content = ContentStream(reader.pages[page].get_contents(), reader)
    return [str(operands[1]["/ActualText"]) for operands, operator in content.operations
            if operator == b"BDC" and "/ActualText" in operands[1]]


def _shaped(char: dict[str, object]) -> bool:
    return any(name in str(char["fontname"]) for name in ("NotoSansThai", "NotoSansDevanagari"))


def page_text(data: bytes, page: int) -> str:
    """The page's text in drawing order, each shaped run replaced by its /ActualText (runs are
    told apart by their font, line and position; their count must equal the spans')."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        chars = pdf.pages[page].chars
    actual = iter(_actual_texts(data, page))
    out: list[str] = []
    previous: dict[str, object] | None = None
    for char in chars:
        if not _shaped(char):
            out.append(str(char["text"]))
            previous = None
            continue
        same_run = previous is not None and previous["fontname"] == char["fontname"] and abs(
            float(previous["top"]) - float(char["top"])) < 1 and float(char["x0"]) >= float(
            previous["x0"]) - 3
        if not same_run:
            out.append(next(actual))
        previous = char
    assert next(actual, None) is None, "a /ActualText span without its glyphs"
    return "".join(out)


@pytest.mark.parametrize("lang", LANGS)
def test_labels_print_japanese_and_the_chosen_language(lang: str) -> None:
    text = _squash(page_text(blank(lang), 0))
    for ja in JAPANESE:
        assert ja in text, ja
    for key in FORM_TEXT:
        ja, sub = label_lines(key, lang)
        assert sub != FORM_TEXT[key].en, (key, "untranslated")
        assert _squash(sub) in text, (key, sub)
    english = _squash(label_lines("date_of_birth", "en")[1])
    assert english not in text  # the chosen language replaces the English, as J-LIS's editions


@pytest.mark.parametrize("lang", LANGS)
def test_instructions_in_the_chosen_language_under_the_japanese(lang: str) -> None:
    data = blank(lang)
    page2 = _squash(page_text(data, 1))
    texts = [TITLE, *(h for h, _ in SECTIONS), *(t for _, items in SECTIONS for t in items),
             NEXT[0], *NEXT[1]]
    for message in texts:
        assert _squash(message.ja) in page2, message.msgid
        assert _squash(message.get(lang)) in page2, (lang, message.msgid)
    page1 = _squash(page_text(data, 0))
    for message in BEFORE_MAILING:
        assert _squash(message.ja) in page1 and _squash(message.get(lang)) in page1
    for ja, sub in ((page2.index(_squash(t.ja)), page2.index(_squash(t.get(lang))))
                    for _, items in SECTIONS for t in items):
        assert ja < sub  # the translation follows its Japanese


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_english_beside_the_japanese_for_ja_and_en(lang: str) -> None:
    text = _squash(page_text(blank(lang), 0))
    for english in ("ID Number", "Date of Birth", "Foreign resident category", "Photo"):
        assert _squash(english) in text
    assert blank(lang) == blank("en")


@pytest.mark.parametrize("lang", CODES)
def test_locator_finds_every_field_in_every_language(lang: str) -> None:
    form = locate_fields(blank(lang))
    assert form.missing == ()
    assert set(form.fields) == set(label_data().fields)
    photo = form.fields["photo"].cell
    assert abs(photo.width - PHOTO_WIDTH) < 0.05 and abs(photo.height - PHOTO_HEIGHT) < 0.05


@pytest.mark.parametrize("lang", CODES)
def test_every_character_inside_its_cell_and_legible(lang: str) -> None:
    """Long translations wrap rather than shrink below 6 pt or cross the ruling."""
    with pdfplumber.open(io.BytesIO(blank(lang))) as pdf:
        page = pdf.pages[0]
        rules = read_rules(page)
        checked = 0
        for char in page.chars:
            if str(char["text"]).isspace():
                continue
            assert char["size"] >= 6.0 - 1e-6, (lang, char["text"], char["size"])
            box = Box(char["x0"], char["top"], char["x1"], char["bottom"])
            cell = enclosing_cell(rules, *box.center)
            if cell is None:
                continue
            checked += 1
            assert cell.x0 + 1.5 <= box.x0 and box.x1 <= cell.x1 - 1.5, (lang, char["text"])
            assert cell.top - 0.5 <= box.top and box.bottom <= cell.bottom + 0.5, (
                lang, char["text"])
    assert checked > 300


@pytest.mark.parametrize("lang", ["th", "ne", "vi", "tl"])
def test_long_labels_wrap_between_words(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrapped translation breaks at a space, never inside a word (Thai writes no spaces
    between words: its catalog puts one at the phrase break of each long label)."""
    wrapped: list[tuple[str, list[str]]] = []
    original = render.Sheet.sub_lines

    def spy(self: render.Sheet, text: str, size: float, room: float) -> list[str]:
        lines = original(self, text, size, room)
        wrapped.append((text, lines))
        return lines

    monkeypatch.setattr(render.Sheet, "sub_lines", spy)
    render.render_blank(lang=lang)
    multi = [(text, lines) for text, lines in wrapped if len(lines) > 1]
    assert multi  # the check is not empty: some labels and instructions do wrap
    for text, lines in multi:
        assert " ".join(lines) == " ".join(text.split()), lines


def _applicant(raw: dict[str, object]) -> Applicant:
    applicant, problems = validate_applicant(raw)
    assert applicant is not None, problems
    return applicant


def accept(_: bytes) -> PhotoCheck:
    return PhotoCheck("accept", (), (180.0, 60.0, 140.0, 170.0))


@pytest.mark.parametrize("lang", LANGS)
def test_filled_form_in_the_chosen_language(lang: str, adult_foreign: dict[str, object],
                                            astronaut_jpeg: Path) -> None:
    filled = build_form(_applicant(adult_foreign), photo=astronaut_jpeg, checker=accept,
                        lang=lang)
    assert filled.warnings == ()
    text = _squash(page_text(filled.pdf, 0))
    for key in ("name", "date_of_birth", "address", "foreign_resident_category"):
        ja, sub = label_lines(key, lang)
        assert ja in text and _squash(sub) in text
    assert _squash(f"× {SIGN_HERE.ja} / {SIGN_HERE.get(lang)}") in text
    assert "SMITHJANEALICE" in text  # the values are there too
    page2 = _squash(page_text(filled.pdf, 1))
    assert _squash(SECTIONS[0][1][0].get(lang)) in page2
    with pdfplumber.open(io.BytesIO(filled.pdf)) as pdf:
        (image,) = pdf.pages[0].images
    assert abs(image["width"] - PHOTO_WIDTH) <= 0.2 * MM
    assert abs(image["height"] - PHOTO_HEIGHT) <= 0.2 * MM


def test_cli_blank_takes_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import argparse

    from forms.cli import register

    parser = argparse.ArgumentParser(prog="photocheck")
    register(parser.add_subparsers(dest="command", required=True))
    out = tmp_path / "blank.pdf"
    args = parser.parse_args(["form", "blank", "--lang", "vi", "-o", str(out)])
    assert args.func(args) == 0
    assert out.read_bytes() == blank("vi")
    assert str(out) in capsys.readouterr().out


def test_cli_refuses_a_script_no_font_covers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Without the Thai font the form is refused with the way out, never drawn with blanks."""
    import argparse

    from forms import script_fonts
    from forms.cli import register

    real = script_fonts._covers
    monkeypatch.setattr(script_fonts, "_covers",
                        lambda name, char: "THAI" not in unicodedata.name(char, "")
                        and real(name, char))
    parser = argparse.ArgumentParser(prog="photocheck")
    register(parser.add_subparsers(dest="command", required=True))
    out = tmp_path / "blank.pdf"
    args = parser.parse_args(["form", "blank", "--lang", "th", "-o", str(out)])
    assert args.func(args) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    assert "make fonts" in err and "U+0E" in err
