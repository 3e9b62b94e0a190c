"""`--html`: a self-contained page to browse the results, written row by row as they arrive.

The page is valid to a browser at every moment: the head (styles, the filter script) is written
first, each photo is appended as a table row and flushed, and the closing part (summary and end
tags) is written at the end. After a crash the file just lacks its closing part, which browsers
tolerate. `--resume` cuts the closing part off at its marker and appends after the last row.
Thumbnails are embedded as base64 JPEGs; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Container
from html import escape, unescape
from pathlib import Path

from photocheck.batch.outcome import Outcome
from photocheck.batch.summary import Tally
from photocheck.report import Status, Verdict
from photocheck.rules import PROFILES

END_MARKER = "<!-- photocheck:end -->"
_SEARCH_BLOCK = 65536
_SEARCH_OVERLAP = 8
_ROW_SEARCH = 1_048_576
"""How much of the end holds the last row: a row with its thumbnail is tens of KB."""
"""Blocks of the file's end searched for the last row's end; they overlap by a marker's length."""

_STYLE = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid #ddd;padding:6px;text-align:left;vertical-align:top}
td.thumb img{display:block;max-width:160px;max-height:160px}
tr.accept td.verdict{color:#1a7f37} tr.reject td.verdict{color:#c00} tr.error td.verdict{color:#a60}
td.verdict{font-weight:bold;text-transform:uppercase}
ul{margin:0;padding-left:1.2em} .ja{color:#555} .legend span{margin-right:1em}
.filters{margin:1em 0} .filters label{margin-right:1.5em}
"""

_SCRIPT = """
function applyFilters(){
  var v=document.getElementById('f-verdict').value, r=document.getElementById('f-rule').value;
  var rows=document.querySelectorAll('tbody tr'), shown=0;
  for(var i=0;i<rows.length;i++){
    var row=rows[i], ok=(!v||row.dataset.verdict===v)
      &&(!r||(' '+row.dataset.failed+' ').indexOf(' '+r+' ')>=0);
    row.hidden=!ok; shown+=ok?1:0;
  }
  document.getElementById('f-count').textContent=shown+' / '+rows.length;
}
document.addEventListener('change',function(e){if(e.target.closest('.filters'))applyFilters();});
"""


class HtmlReport:
    """Writes the page head once, a row per outcome, and the closing part on `close`."""

    def __init__(self, path: Path, profile: str, append: bool,
                 done: Container[str] | None = None) -> None:
        self._profile = profile
        resumed = append and path.exists() and path.stat().st_size > 0
        if resumed:
            _cut_after_last_row(path)
            if done is not None:
                _drop_last_row_unless(path, done)
        self._file = path.open("a" if resumed else "w", encoding="utf-8")
        if not resumed:
            self._file.write(_head(profile))
            self._file.flush()

    def write(self, outcome: Outcome) -> None:
        self._file.write(_row(outcome))
        self._file.flush()

    def close(self, tally: Tally) -> None:
        counts = ", ".join(f"{tally.count(v)} {v.value}" for v in Verdict)
        files = "1 file" if tally.total == 1 else f"{tally.total} files"  # the page is English
        self._file.write(
            f"{END_MARKER}\n</tbody></table>\n<p class=summary>{files}: "
            f"{escape(counts)}</p>\n<script>applyFilters();</script>\n</body></html>\n"
        )
        self._file.close()


def _head(profile: str) -> str:
    rule_ids = ("file.readable", "batch.worker", *PROFILES[profile])
    rule_options = "".join(f"<option>{escape(r)}</option>" for r in rule_ids)
    verdict_options = "".join(f"<option>{v.value}</option>" for v in Verdict)
    return (
        "<!doctype html>\n<html lang=en><head><meta charset=utf-8>"
        f"<title>photocheck batch ({escape(profile)})</title>"
        f"<style>{_STYLE}</style><script>{_SCRIPT}</script></head><body>\n"
        f"<h1>photocheck batch <small>({escape(profile)} profile)</small></h1>\n"
        "<p class=legend><span style='color:#00c800'>&#9633; face</span>"
        "<span style='color:#0078ff'>&#9633; 35:45 trim</span></p>\n"
        "<div class=filters>"
        f"<label>verdict <select id=f-verdict><option value=''>all</option>{verdict_options}"
        "</select></label>"
        f"<label>failed rule <select id=f-rule><option value=''>any</option>{rule_options}"
        "</select></label><span id=f-count></span></div>\n"
        "<table><thead><tr><th>photo</th><th>file</th><th>verdict</th><th>failed rules</th>"
        "<th>ms</th></tr></thead><tbody>\n"
    )


def _row(outcome: Outcome) -> str:
    report = outcome.report
    verdict = escape(report["verdict"])
    thumb = (f"<img alt='' src='data:image/jpeg;base64,{outcome.thumbnail}'>"
             if outcome.thumbnail else "")
    lang = report.get("lang") or "en"
    second = "en" if lang == "ja" else "ja"  # the chosen language, and Japanese beside it
    problems = "".join(
        f"<li><b>{escape(c['id'])}</b> <span lang={lang}>"
        f"{escape(c['message'].get(lang, c['message']['en']))}</span><br>"
        f"<span class=ja lang={second}>{escape(c['message'][second])}</span></li>"
        for c in report["checks"] if c["status"] == Status.FAIL.value
    )
    failed = escape(" ".join(outcome.failed_rules))
    return (
        f"<tr class={verdict} data-verdict={verdict} data-failed='{failed}'>"
        f"<td class=thumb>{thumb}</td><td>{escape(str(report['file']))}</td>"
        f"<td class=verdict>{verdict}</td><td><ul>{problems}</ul></td>"
        f"<td>{report['elapsed_ms']:.0f}</td></tr>\n"
    )


def _cut_after_last_row(path: Path) -> None:
    """Cut whatever follows the last complete row (or the head, before any row): the closing
    part of a finished run, or a row a full disk or a crash cut off mid-write, which a browser
    would otherwise merge with the next row. Rows end with "</tr>\\n" and the head with
    "<tbody>\\n"; neither can occur inside a row, whose text is escaped."""
    ends = (b"</tr>\n", b"<tbody>\n")
    with path.open("rb+") as handle:
        position = handle.seek(0, 2)
        while position > 0:
            start = max(0, position - _SEARCH_BLOCK)
            handle.seek(start)
            block = handle.read(position - start + _SEARCH_OVERLAP)
            found = max(_end_of(block, end) for end in ends)
            if found >= 0:
                handle.truncate(start + found)
                return
            position = start


_LAST_ROW_FILE = re.compile(
    rb"<tr class=[^\n]*?</td><td>([^<]*)</td><td class=verdict>[^\n]*</tr>\n$")


def _drop_last_row_unless(path: Path, done: Container[str]) -> None:
    """Remove the last row when its file is not among `done` (the JSONL's): its JSONL line never
    reached the disk, so the photo is checked again and would otherwise be shown twice."""
    with path.open("rb+") as handle:
        end = handle.seek(0, 2)
        start = max(0, end - _ROW_SEARCH)
        handle.seek(start)
        tail = handle.read()
        row_at = tail.rfind(b"<tr class=")
        found = _LAST_ROW_FILE.search(tail[row_at:]) if row_at >= 0 else None
        if found and unescape(found[1].decode("utf-8", "replace")) not in done:
            handle.truncate(start + row_at)


def _end_of(block: bytes, marker: bytes) -> int:
    """Where the last `marker` in `block` ends, or -1."""
    at = block.rfind(marker)
    return at + len(marker) if at >= 0 else -1
