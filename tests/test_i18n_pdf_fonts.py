"""Each language's text drawn into a PDF and read back: no glyph is dropped or boxed.

Needs the Debian font packages `make fonts` installs; skips (saying which) when they are absent.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pdfplumber
import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from forms import script_fonts
from forms.script_fonts import FONTS, MissingGlyphs, draw_text, runs
from photocheck.i18n.languages import CODES

SAMPLES = {
    "ja": "在留カード 申請書ID 令和7年（2025年）4月1日",
    "en": "Residence card (在留カード), 1 April 2025",
    "zh-Hans": "在留卡（在留カード）申请书 2025年4月1日",
    "zh-Hant": "在留卡（在留カード）申請書 2025年4月1日",
    "ko": "재류카드(在留カード) 신청서 2025년 4월 1일",
    "pt-BR": "Cartão de residência (在留カード), 1º de abril de 2025",
    "es": "Tarjeta de residencia (在留カード), 1 de abril de 2025",
    "vi": "Thẻ cư trú (在留カード), ngày 1 tháng 4 năm 2025",
    "th": "บัตรประจำตัวผู้พำนัก (在留カード) ที่อยู่ 1 เมษายน 2568",
    "tl": "Residence card (在留カード), Abril 1, 2025",
    "id": "Kartu izin tinggal (在留カード), 1 April 2025",
    "ne": "निवास कार्ड (在留カード) आवेदकको ठेगाना २०८१ चैत १९",
}
_ABSENT = sorted({f.package for f in FONTS.values()
                  if f.path is None or not f.path.is_file()})
pytestmark = pytest.mark.skipif(bool(_ABSENT), reason=f"fonts not installed: {_ABSENT}")


def _pdf(text: str, lang: str) -> bytes:
    buf = io.BytesIO()
    canvas = Canvas(buf)
    draw_text(canvas, 40, 780, text, 14, lang)
    canvas.save()
    return buf.getvalue()


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_every_language_has_a_sample() -> None:
    assert set(SAMPLES) == set(CODES)


@pytest.mark.parametrize("lang", CODES)
def test_text_comes_back_out_of_the_pdf(lang: str) -> None:
    text = SAMPLES[lang]
    data = _pdf(text, lang)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        extracted = pdf.pages[0].extract_text()
    shaped = [run for font, run in runs(text, lang) if font.shaped]
    plain = text
    for run in shaped:  # shaped glyphs have no one character each: /ActualText carries them
        plain = plain.replace(run, " ")
    for part in filter(None, (p.strip() for p in plain.split("  "))):
        assert _squash(part) in _squash(extracted), (lang, part, extracted)
    content = PdfReader(io.BytesIO(data)).pages[0].get_contents().get_data()
    actual = [bytes.fromhex(h.decode()).decode("utf-16-be").lstrip("\ufeff")
              for h in re.findall(rb"/ActualText <([0-9A-F]+)>", content)]
    assert actual == shaped


def test_thai_and_devanagari_are_shaped_and_the_rest_is_not() -> None:
    scripts = {font.name for lang in ("th", "ne") for font, _ in runs(SAMPLES[lang], lang)}
    assert {"NotoSansThai", "NotoSansDevanagari"} <= scripts
    assert all(FONTS[n].shaped for n in ("NotoSansThai", "NotoSansDevanagari"))
    assert not any(font.shaped for font, _ in runs(SAMPLES["vi"], "vi"))


def test_han_follows_the_language() -> None:
    assert runs("在留", "ja")[0][0].name == "IPAexGothic"
    assert runs("在留", "zh-Hans")[0][0].name == "DroidSansFallbackFull"
    assert runs("재류카드(在留カード)", "ko")[-1][0].name == "IPAexGothic"  # the Japanese term
    assert runs("(在留カード)", "th")[-1][0].name == "IPAexGothic"


def test_a_character_no_font_has_raises_instead_of_vanishing() -> None:
    with pytest.raises(MissingGlyphs) as info:
        runs("Hello \U00013000", "en")  # an Egyptian hieroglyph: no font here has it
    assert "U+13000" in str(info.value)


def test_a_missing_font_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(script_fonts, "_covers", lambda name, c: name != "NanumGothic" and c < "가")
    with pytest.raises(MissingGlyphs):
        runs("재류카드", "ko")
