"""How untrusted text is written: terminals, CSV and JSON (issue 13)."""

from __future__ import annotations

import json
import os

import pytest

from photocheck.textsafe import for_csv, for_terminal, json_safe, utf8_clean

NON_UTF8 = os.fsdecode(b"caf\xe9.jpg")


def test_non_utf8_name_bytes_become_visible_escapes() -> None:
    assert utf8_clean(NON_UTF8) == "caf\\xe9.jpg"
    assert json.dumps(json_safe({"file": NON_UTF8})).encode("utf-8")
    assert utf8_clean("\ud800x") == "\ufffdx"  # any other lone surrogate


@pytest.mark.parametrize(("raw", "shown"), [
    ("a\x1b[2Jb", "a\\x1b[2Jb"),
    ("ok\rREJECT", "ok\\x0dREJECT"),
    ("\x9b31m", "\\x9b31m"),  # C1 CSI
    ("abc\u202egpj.exe", "abc\\u202egpj.exe"),  # right-to-left override
    ("日本語 ok", "日本語 ok"),
])
def test_terminal_text_has_no_control_characters(raw: str, shown: str) -> None:
    assert for_terminal(raw) == shown


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_formula_cells_are_quoted(cell: str) -> None:
    assert for_csv(cell) == "'" + cell


def test_csv_leaves_other_cells_and_numbers_alone() -> None:
    assert for_csv("photo.jpg") == "photo.jpg" and for_csv(12.5) == 12.5
    assert for_csv(NON_UTF8) == "caf\\xe9.jpg"
