"""How reports look on a terminal: a short table a person reads top to bottom."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from photocheck.report import Report, Status, Verdict
from photocheck.textsafe import for_terminal

_MARKS = {Status.PASS: "ok  ", Status.FAIL: "FAIL", Status.WARN: "warn", Status.SKIP: "skip"}
_VERDICT_WORDS = {
    "en": {Verdict.ACCEPT: "ACCEPT", Verdict.REJECT: "REJECT", Verdict.ERROR: "ERROR"},
    "ja": {Verdict.ACCEPT: "ACCEPT 合格", Verdict.REJECT: "REJECT 不合格",
           Verdict.ERROR: "ERROR 確認不可"},
}
_FIX_LABEL = {"en": "fix", "ja": "修正"}


def default_lang() -> str:
    """Japanese when the user's locale is Japanese, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def print_report(report: Report, lang: str, verbose: bool = False, out: TextIO | None = None
                 ) -> None:
    """One block per photo: the verdict, then each rule with its message where it matters."""
    out = out or sys.stdout
    verdict = _VERDICT_WORDS[lang][report.verdict]
    name = for_terminal(str(report.file))
    out.write(f"{name}: {verdict}  ({report.profile}, {report.elapsed_ms:.0f} ms)\n")
    width = max(len(c.id) for c in report.checks)
    for check in report.checks:
        show_message = verbose or check.status is not Status.PASS
        line = f"  {_MARKS[check.status]}  {check.id:<{width}}"
        if show_message:
            line += f"  {for_terminal(check.message.get(lang))}"  # may quote EXIF text
        out.write(line.rstrip() + "\n")
        if check.fix and check.status in (Status.FAIL, Status.WARN):
            fix = for_terminal(check.fix.get(lang))
            out.write(f"  {'':4}  {'':<{width}}  {_FIX_LABEL[lang]}: {fix}\n")
