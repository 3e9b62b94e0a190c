"""Codemod: move the Japanese of `Text("English", "日本語")` literals into the ja catalog.

    python -m photocheck.i18n.harvest            # photocheck/ and forms/, then extract + update
    python -m photocheck.i18n.harvest --dry-run  # only list what it would do

Helpers working in parallel keep writing two-language literals; after their branches merge, this
finds every `Text(...)` call whose two arguments are plain string literals (implicit concatenation
included), writes the Japanese into photocheck/locale/ja/LC_MESSAGES/photocheck.po under the English
msgid, and deletes the second argument from the source, byte for byte (nothing else is
reformatted). Then it re-extracts the .pot and updates every catalog.

It refuses, and lists with file:line, calls it cannot convert mechanically: an f-string or a
concatenation with a variable (the sentence must become one msgid with named placeholders), and a
Japanese whose placeholders differ from the English. Exit status 1 when any remain.

New messages are untranslated in the other catalogs, so tests/test_i18n_catalogs.py fails for the
languages that were complete; `--record-gaps` lists them in photocheck/locale/gaps.toml (the one
allow-list) until the translators fill them in.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import string
import sys
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from photocheck.i18n import messages
from photocheck.i18n.catalog import DOMAIN, LOCALE_DIR, SOURCE_LANG, po_path
from photocheck.i18n.languages import CODES

DEFAULT_ROOTS = ("photocheck", "forms")


@dataclass(frozen=True)
class Literal:
    """One two-argument Text call: where its Japanese sits in the file, and both strings."""

    path: Path
    line: int
    en: str | None
    ja: str | None
    start: int  # byte offset just after the English argument
    end: int  # byte offset just after the Japanese argument


def placeholders(text: str) -> set[str]:
    """The named fields of a str.format template ("{n} of {max:g}" -> {"n", "max"})."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unparsable>"}


def _is_text_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name == "Text" and len(node.args) == 2 and not node.keywords


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def find_literals(path: Path) -> list[Literal]:
    """Every two-argument Text call in one file."""
    source = path.read_bytes()
    line_starts = [0]
    for line in source.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))
    tree = ast.parse(source, filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not _is_text_call(node):
            continue
        en_arg, ja_arg = node.args  # type: ignore[attr-defined]
        # col offsets are UTF-8 byte offsets, which is why the file is handled as bytes
        start = line_starts[en_arg.end_lineno - 1] + en_arg.end_col_offset
        end = line_starts[ja_arg.end_lineno - 1] + ja_arg.end_col_offset
        found.append(Literal(path, node.lineno, _string(en_arg), _string(ja_arg), start, end))
    return found


def problem(lit: Literal) -> str | None:
    """Why `lit` cannot be converted mechanically, or None."""
    if lit.en is None or lit.ja is None:
        return "not plain string literals: make it one msgid with named placeholders"
    if placeholders(lit.en) != placeholders(lit.ja):
        return (f"placeholders differ: en {sorted(placeholders(lit.en))}, "
                f"ja {sorted(placeholders(lit.ja))}")
    return None


def rewrite(path: Path, literals: list[Literal]) -> None:
    """Delete the Japanese argument of each literal from the file (last first, offsets hold)."""
    data = path.read_bytes()
    for lit in sorted(literals, key=lambda x: x.start, reverse=True):
        data = data[:lit.start] + data[lit.end:]
    path.write_bytes(data)


def write_japanese(pairs: dict[str, str]) -> list[str]:
    """Set the ja translation of each msgid (adding it when new); returns the conflicts replaced."""
    path = po_path("ja")
    with path.open("rb") as fh:
        catalog = read_po(fh, locale="ja", domain=DOMAIN)
    conflicts = []
    for en, ja in pairs.items():
        existing = catalog.get(en)
        if existing is not None and existing.string and existing.string != ja \
                and not existing.fuzzy:
            conflicts.append(f"{en!r}: catalog had {existing.string!r}, code says {ja!r}")
        if existing is None:
            catalog.add(en, ja)
        else:
            existing.string = ja
            existing.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, ignore_obsolete=True)
    return conflicts


def record_gaps() -> dict[str, list[str]]:
    """List every untranslated msgid in photocheck/locale/gaps.toml (languages marked "*" stay
    so), so the tests pass again while the translators catch up; returns what was listed."""
    gaps_file = LOCALE_DIR / "gaps.toml"
    text = gaps_file.read_text(encoding="utf-8")
    header = text[:text.index("[missing]")]
    whole = set(re.findall(r'^"([^"]+)" = "\*"$', text, re.MULTILINE))
    listed: dict[str, list[str]] = {}
    lines = ["[missing]"]
    for code in CODES:
        if code == SOURCE_LANG:
            continue
        if code in whole:
            lines.append(f'"{code}" = "*"')
            continue
        with po_path(code).open("rb") as fh:
            catalog = read_po(fh, domain=DOMAIN)
        missing = sorted(str(m.id) for m in catalog if m.id and (not m.string or m.fuzzy))
        if missing:
            listed[code] = missing
            items = "".join(f"    {json.dumps(m, ensure_ascii=False)},\n" for m in missing)
            lines.append(f'"{code}" = [\n{items}]')
    gaps_file.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return listed


def _report_untranslated() -> None:
    """Say which catalogs now lack messages (the new ones): translate them, or list them in
    photocheck/locale/gaps.toml, before tests/test_i18n_catalogs.py passes again."""
    for code in CODES:
        if code == SOURCE_LANG:
            continue
        with po_path(code).open("rb") as fh:
            catalog = read_po(fh, domain=DOMAIN)
        missing = sum(1 for m in catalog if m.id and (not m.string or m.fuzzy))
        if missing:
            print(f"{code}: {missing} message(s) without a reviewed translation")


def harvest(roots: list[Path], dry_run: bool = False) -> int:
    """Convert what can be converted; print what cannot. Returns the number left over."""
    pairs: dict[str, str] = {}
    leftovers = 0
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            good = []
            for lit in find_literals(path):
                why = problem(lit)
                if why is None and lit.en in pairs and pairs[lit.en] != lit.ja:
                    why = f"same English as another literal with other Japanese: {pairs[lit.en]!r}"
                if why:
                    leftovers += 1
                    print(f"{path}:{lit.line}: {why}", file=sys.stderr)
                    continue
                assert lit.en is not None and lit.ja is not None
                pairs[lit.en] = lit.ja
                good.append(lit)
            if good:
                print(f"{path}: {len(good)} literal(s)")
                if not dry_run:
                    rewrite(path, good)
    if not dry_run:
        messages.extract()
        messages.update()
        for conflict in write_japanese(pairs):
            print(f"ja.po: replaced {conflict}", file=sys.stderr)
        _report_untranslated()
    print(f"{len(pairs)} message(s) harvested, {leftovers} left to convert by hand")
    return leftovers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m photocheck.i18n.harvest",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("roots", nargs="*", type=Path,
                        default=[messages.ROOT / r for r in DEFAULT_ROOTS])
    parser.add_argument("--dry-run", action="store_true", help="change nothing, only list")
    parser.add_argument("--record-gaps", action="store_true",
                        help="then list the messages still untranslated in locale/gaps.toml")
    args = parser.parse_args(argv)
    leftovers = harvest(args.roots, args.dry_run)
    if args.record_gaps and not args.dry_run:
        for code, missing in record_gaps().items():
            print(f"gaps.toml: {code}: {len(missing)} message(s) listed")
    return 1 if leftovers else 0


if __name__ == "__main__":
    sys.exit(main())
