"""How reports look on a terminal: a short table a person reads top to bottom."""

from __future__ import annotations

import sys
from typing import TextIO

from wcwidth import wcswidth, wcwidth

from photocheck.i18n.resolve import default_lang as i18n_default_lang
from photocheck.report import Report, Status, Text, Verdict
from photocheck.textsafe import for_terminal

_MARKS = {
    # Translators: the status column of the terminal table (a rule passed). Keep it short.
    Status.PASS: Text("ok"),
    # Translators: the status column (a rule failed): keep "FAIL" first, then your word.
    Status.FAIL: Text("FAIL"),
    # Translators: the status column (a rule warns). Keep it short.
    Status.WARN: Text("warn"),
    # Translators: the status column (a rule could not be judged). Keep it short.
    Status.SKIP: Text("skip"),
}
_VERDICT_WORDS = {
    # Translators: keep the upper-case English word first (scripts and people grep for it),
    # then the word in your language, as the Japanese does.
    Verdict.ACCEPT: Text("ACCEPT"),
    # Translators: as for ACCEPT: the English word first, then yours.
    Verdict.REJECT: Text("REJECT"),
    # Translators: as for ACCEPT: the English word first, then yours.
    Verdict.ERROR: Text("ERROR"),
}
# Translators: the label before how to fix a failed rule ("fix: ...").
_FIX_LABEL = Text("fix")


def display_width(text: str) -> int:
    """Terminal columns `text` takes, as the terminal draws it: wide (CJK, Hangul) characters take
    two, Thai vowel and tone marks above or below a consonant and Devanagari vowel signs that join
    their consonant take none (wcwidth knows the Unicode tables; `unicodedata.combining` misses
    most of them, and the Thai and Nepali rows came out a column short)."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(ch), 0) for ch in text)  # a control character (escaped on output)


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
    marks = {status: text.get(lang) for status, text in _MARKS.items()}
    mark_width = max(display_width(mark) for mark in marks.values())
    for check in report.checks:
        # a declared head covering passes with a note the applicant must read
        declared = check.id == "face.head_covering" and report.covering is not None
        show_message = verbose or check.status is not Status.PASS or declared
        mark = marks[check.status]
        mark += " " * (mark_width - display_width(mark))
        line = f"  {mark}  {check.id:<{width}}"
        if show_message:
            line += f"  {for_terminal(check.message.get(lang))}"  # may quote EXIF text
        out.write(line.rstrip() + "\n")
        if check.fix and check.status in (Status.FAIL, Status.WARN):
            fix = for_terminal(check.fix.get(lang))
            out.write(f"  {'':{mark_width}}  {'':<{width}}  {_FIX_LABEL.get(lang)}: {fix}\n")
