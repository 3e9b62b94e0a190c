"""Extract and update the catalogs with Babel, as `make messages` does.

The .pot is extracted from photocheck/ and forms/ (babel.cfg) with `Text` as the only keyword, so
the English source strings in the code are the msgids; then every language's .po is updated from
it (new msgids added untranslated, changed ones marked fuzzy, removed ones dropped: a catalog never
keeps stale entries). Kept in Python so the harvest codemod and the tests run the same steps.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from photocheck import __version__
from photocheck.i18n.catalog import DOMAIN, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
KEYWORDS = ("Text:1",)
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
    import os

    here = Path.cwd()
    os.chdir(root)
    try:
        pybabel("extract", *EXTRACT_ARGS, "--output-file", str(output), ".")
    finally:
        os.chdir(here)


def update() -> None:
    """Bring every catalog in line with the template."""
    pybabel("update", "--input-file", str(POT), "--output-dir", str(LOCALE_DIR),
            "--domain", DOMAIN, "--ignore-obsolete", "--no-wrap")


if __name__ == "__main__":
    extract()
    update()
