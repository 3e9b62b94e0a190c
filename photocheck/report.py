"""The check report: the contract every front end reads (../shared/spec/report-format.md).

Field names are stable: add fields, never rename. A report always has at least one check, so a
batch line or a web answer can say why, even when the input could not be examined at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from photocheck.version import __version__


class Status(str, Enum):
    """How one rule came out; only FAIL blocks acceptance."""

    PASS = "pass"
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"

    def __str__(self) -> str:
        return self.value


class Verdict(str, Enum):
    """The whole photo's outcome."""

    ACCEPT = "accept"
    REJECT = "reject"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, init=False, eq=False)
class Text:
    """A message a person reads, in any of the twelve languages (../shared/spec/languages.md).

    The code holds only the English source, which is the gettext msgid: `Text("One face found.")`.
    Every other language comes from the catalogs in photocheck/locale (photocheck.i18n), so the
    wording lives with the translators, not next to the code. Placeholders are named str.format
    fields (`{yaw}`); `format()` binds them, and a parameter that is itself a Text (or TextList) is
    rendered in the same language as the sentence around it.

    The two-argument form `Text("English", "日本語")` still works (the Japanese is used as is) so
    code written before the catalogs runs unchanged until `python -m photocheck.i18n.harvest`
    moves its Japanese into the ja catalog. Texts already rendered elsewhere (a batch worker's
    JSON) are rebuilt with every language given: `Text(en="...", ja="...", vi="...")`.
    """

    msgid: str
    params: tuple[tuple[str, Any], ...] = ()
    fixed: tuple[tuple[str, str], ...] = ()
    plural: str | None = None  # the msgid_plural of a message made with Plural()

    def __init__(self, en: str, ja: str | None = None, *,
                 params: tuple[tuple[str, Any], ...] = (), plural: str | None = None,
                 **fixed: str) -> None:
        if ja is not None:
            fixed = {"ja": ja, **fixed}
        object.__setattr__(self, "msgid", en)
        object.__setattr__(self, "params", tuple(params))
        object.__setattr__(self, "fixed", tuple(fixed.items()))
        object.__setattr__(self, "plural", plural)

    def __eq__(self, other: object) -> bool:
        """Equal when a reader sees the same English and Japanese, however each was built."""
        if not isinstance(other, Text):
            return NotImplemented
        return (self.en, self.ja) == (other.en, other.ja)

    def __hash__(self) -> int:
        return hash((self.en, self.ja))

    @property
    def en(self) -> str:
        return self.get("en")

    @property
    def ja(self) -> str:
        return self.get("ja")

    def format(self, **params: object) -> Text:
        """The same message with `params` bound (added to any bound before)."""
        merged = {**dict(self.params), **params}
        return Text(self.msgid, params=tuple(merged.items()), plural=self.plural,
                    **dict(self.fixed))

    def get(self, lang: str) -> str:
        """The text in `lang` (one of photocheck.i18n.CODES); English where a catalog lacks it."""
        template = self._template(lang)
        if not self.params:
            return template
        values = {k: _render(v, lang) for k, v in self.params}
        try:
            return template.format(**values)
        except (KeyError, IndexError, ValueError):  # a broken translation: the source still works
            return self.msgid.format(**values)

    def to_dict(self, *langs: str | None) -> dict[str, str]:
        """`en` and `ja` always (the report contract), plus each of `langs` beside them."""
        out = {"en": self.en, "ja": self.ja}
        for lang in langs:
            if lang and lang not in out:
                out[lang] = self.get(lang)
        return out

    def _template(self, lang: str) -> str:
        for code, text in self.fixed:
            if code == lang:
                return text
        if self.plural is not None:
            return self._plural_template(lang)
        from photocheck.i18n.catalog import translate  # deferred: Babel loads only when needed

        return translate(self.msgid, lang) or self.msgid

    def _plural_template(self, lang: str) -> str:
        """The form of a Plural() message that `lang` uses for its count (`{n}`)."""
        from photocheck.i18n.catalog import translate_plural  # deferred, as above

        count = dict(self.params).get(PLURAL_COUNT)
        if not isinstance(count, int):
            raise TypeError(f"{self.msgid!r} needs an int {{{PLURAL_COUNT}}}")
        assert self.plural is not None
        return translate_plural(self.msgid, self.plural, count, lang)


PLURAL_COUNT = "n"
"""The placeholder whose value picks a Plural() message's form."""


def Plural(singular: str, plural: str) -> Text:
    """A message whose words change with a count `{n}`: `Plural("{n} error", "{n} errors")`.

    Each language has its own number of forms and rule for picking one (gettext's Plural-Forms
    header in its catalog: one form in Japanese, Chinese, Korean, Thai, Vietnamese and
    Indonesian, two in English, Spanish, Portuguese, Tagalog and Nepali), so the code gives the
    English singular and plural and `format(n=...)` chooses, never "error(s)".
    """
    return Text(singular, plural=plural)


@dataclass(frozen=True)
class TextList:
    """Several messages joined with a separator that is itself translated (`; ` is `、` in ja)."""

    items: tuple[Text, ...]
    sep: Text

    def get(self, lang: str) -> str:
        return self.sep.get(lang).join(item.get(lang) for item in self.items)


# Translators: joins a list of problems inside one sentence ("a; b; c"). Keep the spaces you need.
LIST_SEP = Text("; ")


def _render(value: Any, lang: str) -> Any:
    """A parameter as it appears in `lang`: nested messages translated, dates and numbers written
    as the reader's language writes them (53,796 and 0.116 in English are 53.796 and 0,116 in
    Portuguese or Indonesian). A number that is not a quantity (a year, a code) is passed as
    a str and stays as it is. The JSON's `value` and `limit` keep plain numbers."""
    if isinstance(value, (Text, TextList)):
        return value.get(lang)
    if isinstance(value, dt.date):  # a date is written as the reader's language writes it
        from photocheck.i18n.dates import written_date  # deferred: Babel loads when needed

        return written_date(value, lang)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from photocheck.i18n.numbers import written_number  # deferred, as above

        return written_number(value, lang)
    return value


JSONValue = Any


@dataclass(frozen=True)
class Check:
    """One rule's outcome, with the measured value and the bound when there is one."""

    id: str
    status: Status
    message: Text
    value: JSONValue = None
    limit: JSONValue = None
    fix: Text | None = None

    def to_dict(self, *langs: str | None) -> dict[str, JSONValue]:
        """The check as JSON; messages carry en, ja and `langs` (see Text.to_dict)."""
        return {
            "id": self.id,
            "status": self.status.value,
            "value": _jsonable(self.value),
            "limit": _jsonable(self.limit),
            "message": self.message.to_dict(*langs),
            "fix": self.fix.to_dict(*langs) if self.fix else None,
        }


@dataclass
class Report:
    """Everything known about one photo after checking it against one profile."""

    file: str | None
    profile: str
    checks: list[Check]
    face: dict[str, JSONValue] | None = None
    elapsed_ms: float = 0.0
    version: str = __version__
    error: bool = field(default=False)
    lang: str = "en"
    covering: str | None = None
    """The head covering the applicant declared (religious / medical), None when none was."""

    @property
    def verdict(self) -> Verdict:
        """`error` when the input could not be examined, else `reject` iff any check failed."""
        if self.error:
            return Verdict.ERROR
        if any(c.status is Status.FAIL for c in self.checks):
            return Verdict.REJECT
        return Verdict.ACCEPT

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.ACCEPT

    def check(self, rule_id: str) -> Check | None:
        """The outcome of `rule_id`, or None when the profile does not have it."""
        return next((c for c in self.checks if c.id == rule_id), None)

    def failed(self) -> list[Check]:
        return [c for c in self.checks if c.status is Status.FAIL]

    def to_dict(self, *more_langs: str) -> dict[str, JSONValue]:
        """The shared JSON report; `lang` says which language was asked for, and its messages
        carry it beside en and ja (and `more_langs` too: the web page switches among them)."""
        report: dict[str, JSONValue] = {
            "file": self.file,
            "profile": self.profile,
            "verdict": self.verdict.value,
            "lang": self.lang,
            "checks": [c.to_dict(self.lang, *more_langs) for c in self.checks],
            "face": self.face,
            "elapsed_ms": round(self.elapsed_ms, 2),
            "version": self.version,
        }
        if self.covering is not None:  # only when declared: other reports keep their shape
            report["covering"] = self.covering
        return report


def _jsonable(value: JSONValue) -> JSONValue:
    """Tuples become lists and floats are rounded, so reports are compact and stable."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, (tuple, list)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value
