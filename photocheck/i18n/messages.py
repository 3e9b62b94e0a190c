"""Extract and update the catalogs with Babel, as `make messages` does.

The .pot is extracted from photocheck/ and forms/ (babel.cfg) with `Text` as the only keyword, so
the English source strings in the code are the msgids; then every language's .po is updated from
it (new msgids added untranslated, changed ones marked fuzzy, removed ones dropped: a catalog never
keeps stale entries). Kept in Python so the harvest codemod and the tests run the same steps.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from photocheck.i18n.catalog import DOMAIN, LOCALE_DIR
from photocheck.version import __version__

ROOT = LOCALE_DIR.parent.parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ("Text:1", "Plural:1,2")
EXTRACT_ARGS = (
    "--mapping-file", "babel.cfg", "--no-default-keywords",
    *[arg for kw in KEYWORDS for arg in ("--keyword", kw)],
    "--add-comments", "Translators:", "--add-location", "file", "--sort-by-file",
    "--project", "photocheck", "--version", __version__,
    "--copyright-holder", "the photocheck contributors",
    "--no-wrap",
)


def pybabel(*args: str) -> None:
    """Run one pybabel command in the project root (the same code as the `pybabel` script)."""
    CommandLineInterface().run(["pybabel", "--quiet", *args])


def extract(output: Path = POT, root: Path = ROOT) -> None:
    """Write the template of every msgid in the code."""
    before = _snapshot([output])
    here = Path.cwd()
    os.chdir(root)  # babel.cfg's patterns are relative to the project root
    try:
        pybabel("extract", *EXTRACT_ARGS, "--output-file", str(output), ".")
    finally:
        os.chdir(here)
    _undo_date_only_changes(before)


def update() -> None:
    """Bring every catalog in line with the template."""
    before = _snapshot(sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))
    pybabel("update", "--input-file", str(POT), "--output-dir", str(LOCALE_DIR),
            "--domain", DOMAIN, "--ignore-obsolete", "--no-wrap")
    _undo_date_only_changes(before)


# Babel stamps the time into every file it writes; a run that changed nothing else leaves the
# files as they were, so `make messages` is idempotent and parallel branches do not conflict.
_DATE_LINES = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)


def _snapshot(paths: list[Path]) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in paths if p.is_file()}


def _undo_date_only_changes(before: dict[Path, str]) -> None:
    for path, old in before.items():
        new = path.read_text(encoding="utf-8")
        if new != old and _DATE_LINES.sub("", new) == _DATE_LINES.sub("", old):
            path.write_text(old, encoding="utf-8")


if __name__ == "__main__":
    extract()
    update()
