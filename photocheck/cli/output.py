"""How reports look on a terminal: a short table a person reads top to bottom."""

from __future__ import annotations

import sys
from typing import TextIO

from photocheck.i18n.resolve import default_lang as i18n_default_lang
from photocheck.report import Report, Status, Text, Verdict
from photocheck.textsafe import for_terminal

_MARKS = {Status.PASS: "ok  ", Status.FAIL: "FAIL", Status.WARN: "warn", Status.SKIP: "skip"}
# Translators: keep the upper-case English word first (scripts and people grep for it), then
# the word in your language, as the Japanese does.
_VERDICT_WORDS = {
    Verdict.ACCEPT: Text("ACCEPT"),
    Verdict.REJECT: Text("REJECT"),
    Verdict.ERROR: Text("ERROR"),
}
# Translators: the label before how to fix a failed rule ("fix: ...").
_FIX_LABEL = Text("fix")


def default_lang() -> str:
    """The locale's language (LC_ALL, LC_MESSAGES, LANG), English when it is not one of ours."""
    return i18n_default_lang()


def print_report(report: Report, lang: str, verbose: bool = False, out: TextIO | None = None
                 ) -> None:
    """One block per photo: the verdict, then each rule with its message where it matters."""
    out = out or sys.stdout
    verdict = _VERDICT_WORDS[report.verdict].get(lang)
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
            out.write(f"  {'':4}  {'':<{width}}  {_FIX_LABEL.get(lang)}: {fix}\n")
