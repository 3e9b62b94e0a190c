"""The codemod that converts Text("English", "日本語") literals after other branches merge."""

from __future__ import annotations

from pathlib import Path

from photocheck.i18n.harvest import find_literals, placeholders, problem, rewrite

SOURCE = '''from photocheck.report import Text

A = Text("One face found.", "顔が1つ見つかりました。")
B = Text(
    "Your head fills {pct}% of the height "
    "(at least {min}%).",
    "頭の高さが{pct}%しかありません"
    "（{min}%以上が必要）。",
).format(pct=1, min=2)
C = Text(f"{x} faces", f"{x}人")
D = Text("Not judged: {why}.", "判定していません：{why_ja}。")
E = Text("Already converted.")
'''


def test_literals_are_found_with_their_strings_and_problems(tmp_path: Path) -> None:
    path = tmp_path / "rules.py"
    path.write_text(SOURCE, encoding="utf-8")
    found = {lit.line: lit for lit in find_literals(path)}
    assert sorted(found) == [3, 4, 10, 11]  # E has one argument: nothing to do
    assert found[4].en == "Your head fills {pct}% of the height (at least {min}%)."
    assert found[4].ja == "頭の高さが{pct}%しかありません（{min}%以上が必要）。"
    assert problem(found[3]) is None and problem(found[4]) is None
    assert "named placeholders" in str(problem(found[10]))   # an f-string
    assert "placeholders differ" in str(problem(found[11]))  # why vs why_ja


def test_rewrite_deletes_only_the_japanese_argument(tmp_path: Path) -> None:
    path = tmp_path / "rules.py"
    path.write_text(SOURCE, encoding="utf-8")
    good = [lit for lit in find_literals(path) if problem(lit) is None]
    rewrite(path, good)
    text = path.read_text(encoding="utf-8")
    assert 'A = Text("One face found.")\n' in text
    assert '"(at least {min}%).",\n).format(pct=1, min=2)' in text
    assert "顔が1つ" not in text and "頭の高さ" not in text
    assert 'C = Text(f"{x} faces", f"{x}人")' in text  # left for a person
    compile(text, str(path), "exec")
    assert len(find_literals(path)) == 2  # C and D remain, listed for conversion by hand


def test_placeholders_ignore_format_specs_and_escaped_braces() -> None:
    assert placeholders("{n} of {max:g} {{literal}}") == {"n", "max"}
