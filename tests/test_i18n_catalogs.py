"""The catalogs against the code: complete (or an allowed gap), placeholders kept, nothing stale,
and the template extracted from the code as it is now.

A translator runs this file after editing a .po: `pytest tests/test_i18n_catalogs.py`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from photocheck.i18n import messages
from photocheck.i18n.catalog import DOMAIN, LOCALE_DIR, SOURCE_LANG, locale_dir_name, po_path
from photocheck.i18n.harvest import placeholders
from photocheck.i18n.languages import CODES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

GAPS_FILE = LOCALE_DIR / "gaps.toml"
TRANSLATED = [c for c in CODES if c != SOURCE_LANG]


def _read(path: Path):  # -> babel Catalog
    with path.open("rb") as fh:
        return read_po(fh, domain=DOMAIN)


def _key(message) -> str | tuple[str, str]:  # a plural entry is keyed by (msgid, msgid_plural)
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _msgids(catalog) -> set[str | tuple[str, str]]:
    return {_key(m) for m in catalog if m.id}


def _pairs(message) -> list[tuple[str, str]]:
    """(English, translation) for each form: one for a message, one per msgstr[i] for a plural
    (each form is checked against the English plural, which has the same placeholders)."""
    if isinstance(message.id, str):
        return [(message.id, message.string or "")]
    return [(message.id[1], form or "") for form in message.string]


def _translated(message) -> bool:
    return all(text for _, text in _pairs(message))


def _gaps() -> dict[str, object]:
    return tomllib.loads(GAPS_FILE.read_text(encoding="utf-8")).get("missing", {})


@pytest.fixture(scope="module")
def template_ids() -> set[str]:
    return _msgids(_read(messages.POT))


def test_the_template_matches_the_code(tmp_path: Path, template_ids: set[str]) -> None:
    """Re-extract from the code: a message added or changed without `make messages` fails here."""
    fresh = tmp_path / "fresh.pot"
    messages.extract(fresh)
    fresh_ids = _msgids(_read(fresh))
    assert fresh_ids - template_ids == set(), "run `make messages`: new messages not in the .pot"
    assert template_ids - fresh_ids == set(), "run `make messages`: the .pot has removed messages"


def test_every_language_has_a_catalog_and_no_other_catalog_exists() -> None:
    folders = {p.name for p in LOCALE_DIR.iterdir() if p.is_dir()}
    assert folders == {locale_dir_name(c) for c in CODES}
    for code in CODES:
        assert po_path(code).is_file(), code


@pytest.mark.parametrize("code", CODES)
def test_catalog_has_exactly_the_template_messages(code: str, template_ids: set[str]) -> None:
    """No stale entries (a msgid the code no longer has) and no obsolete `#~` leftovers."""
    text = po_path(code).read_text(encoding="utf-8")
    assert "\n#~ " not in text, f"{code}: obsolete entries; run `make messages`"
    ids = _msgids(_read(po_path(code)))
    assert ids - template_ids == set(), f"{code}: stale entries; run `make messages`"
    assert template_ids - ids == set(), f"{code}: entries missing; run `make messages`"


@pytest.mark.parametrize("code", CODES)
def test_catalog_header_says_how_it_was_made_and_reviewed(code: str) -> None:
    header = _read(po_path(code)).header_comment.lower()
    assert "made:" in header and "reviewed:" in header, code


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalog_is_complete_or_the_gap_is_allowed(code: str, template_ids: set[str]) -> None:
    catalog = _read(po_path(code))
    missing = {_key(m) for m in catalog
               if m.id and _key(m) in template_ids and (not _translated(m) or m.fuzzy)}
    allowed = _gaps().get(code, [])
    if allowed == "*":
        assert missing, f"{code} is complete: remove it from {GAPS_FILE.name}"
        return
    assert isinstance(allowed, list), f"{GAPS_FILE.name}: {code} must be \"*\" or a list"
    unexpected = sorted(missing - set(allowed))
    assert not unexpected, f"{code}: {len(unexpected)} untranslated, e.g. {unexpected[:3]}"
    stale_gaps = sorted(set(allowed) - missing)
    assert not stale_gaps, f"{code}: translated now, remove from {GAPS_FILE.name}: {stale_gaps}"


def test_gaps_name_only_known_languages() -> None:
    assert set(_gaps()) <= set(TRANSLATED)


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_the_source_placeholders(code: str) -> None:
    """Same named fields as the English: a dropped {n} loses a number, an extra one crashes."""
    wrong = [
        (source, sorted(placeholders(source)), sorted(placeholders(text)))
        for m in _read(po_path(code)) if m.id
        for source, text in _pairs(m)
        if text and placeholders(text) != placeholders(source)
    ]
    assert not wrong, f"{code}: placeholders differ from the English: {wrong[:3]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_format_with_the_source_parameters(code: str) -> None:
    """Every translation formats with the fields its English has (no stray braces)."""
    for m in _read(po_path(code)):
        for source, text in _pairs(m) if m.id else []:
            if not text:
                continue
            params = {name: 1 for name in placeholders(source)}
            try:
                text.format(**params)
            except (ValueError, KeyError, IndexError) as exc:
                pytest.fail(f"{code}: {source!r} -> {text!r}: {exc}")


def test_source_catalog_is_empty() -> None:
    """English is the msgid itself; a msgstr there would silently change the source text."""
    assert not [m.id for m in _read(po_path(SOURCE_LANG))
                if m.id and any(text for _, text in _pairs(m))]


# Words a translation keeps as they are: names (Braille, Furigana, the romaji of an era in a
# Latin-script language) and the status mark "ok". Anything else equal to the English, or with
# the whole English sentence inside it, is an untranslated message shown to a reader.
KEPT_EVERYWHERE = {"Braille", "Furigana", "ok", "OK", "Meiji (明治)", "Taisho (大正)",
                   "Showa (昭和)", "Heisei (平成)", "Reiwa (令和)"}
KEPT_IN = {
    "es": {"error: {field}: {reason}", "{prog}: error: {message}", "error: {option}: {message}"},
    "id": {"valid"},  # an Indonesian word too
}


def _has_words(msgid: str) -> bool:
    """Words to translate: not only placeholders, punctuation and the program's name."""
    return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}|photocheck", "", msgid)))


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_left_in_a_translation(code: str) -> None:
    """No msgstr is the English msgid, nor the English sentence with a Japanese term added."""
    kept = KEPT_EVERYWHERE | KEPT_IN.get(code, set())
    english = []
    for m in _read(po_path(code)):
        for source, text in _pairs(m) if m.id else []:
            if not text or source in kept or not _has_words(source):
                continue
            words = re.findall(r"[A-Za-z]+", source)
            if text == source or (len(words) >= 2 and source in text):
                english.append(text)
    assert not english, f"{code}: {len(english)} English msgstrs, e.g. {english[:5]}"


@pytest.mark.parametrize("code", CODES)
def test_catalog_header_says_whether_a_fluent_speaker_read_it(code: str) -> None:
    """Machine-drafted catalogs must say so; none has been read by a fluent speaker yet, and the
    header says that instead of implying otherwise."""
    header = _read(po_path(code)).header_comment
    assert re.search(r"^# Fluent-speaker review: ", header, re.MULTILINE), code
