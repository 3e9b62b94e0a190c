"""argparse in the applicant's language: its own words (usage, options, errors) and our help.

argparse looks up every sentence it prints through the module-level `_` and `ngettext` it
imported from gettext (that is its translation hook). `speaking(lang)` points them at our
catalogs for the length of a command-line parse, so "usage:", "the following arguments are
required" and "invalid choice" read in the chosen language; a sentence we have no message for
stays argparse's English. The help texts of our own options are `Text` messages, rendered by
`LocalizedHelpFormatter` in the same language.

The language must be known before argparse has parsed `--lang`, so `lang_from_argv` reads it
from the raw arguments first (else the locale, as every command does).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import re
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar

from photocheck.i18n.catalog import translate_plural
from photocheck.i18n.resolve import default_lang, resolve
from photocheck.report import Plural, Text

CLI_LANG: ContextVar[str] = ContextVar("CLI_LANG", default="en")
"""The language the command line is being parsed and helped in."""

# argparse's msgid -> our message, and how each {placeholder} is written back in argparse's
# %-format (the value argparse substitutes afterwards). Messages without placeholders are not
# %-formatted by argparse, so their text is used as it is.
_MESSAGES: dict[str, tuple[Text, dict[str, str]]] = {
    # Translators: argparse, the start of the usage line ("usage: photocheck check ...").
    "usage: ": (Text("usage: "), {}),
    # Translators: argparse, the heading of the --help section listing positional arguments.
    "positional arguments": (Text("positional arguments"), {}),
    # Translators: argparse, the heading of the --help section listing the options.
    "options": (Text("options"), {}),
    "show this help message and exit": (Text("show this help message and exit"), {}),
    "show program's version number and exit": (Text("show program's version number and exit"),
                                               {}),
    # Translators: argparse; {prog} is the command ("photocheck check"), {message} the problem.
    "%(prog)s: error: %(message)s\n": (Text("{prog}: error: {message}"),
                                       {"prog": "%(prog)s", "message": "%(message)s"}),
    # Translators: argparse; {argument} is an option such as --lang, {message} the problem.
    "argument %(argument_name)s: %(message)s": (
        Text("argument {argument}: {message}"),
        {"argument": "%(argument_name)s", "message": "%(message)s"}),
    "the following arguments are required: %s": (
        Text("the following arguments are required: {arguments}"), {"arguments": "%s"}),
    "unrecognized arguments: %s": (Text("unrecognized arguments: {arguments}"),
                                   {"arguments": "%s"}),
    "invalid choice: %(value)r (choose from %(choices)s)": (
        Text("invalid choice: {value} (choose from {choices})"),
        {"value": "%(value)r", "choices": "%(choices)s"}),
    # Translators: argparse; {kind} is the expected kind of value (int, float, a function name).
    "invalid %(type)s value: %(value)r": (Text("invalid {kind} value: {value}"),
                                          {"kind": "%(type)s", "value": "%(value)r"}),
    "expected one argument": (Text("expected one argument"), {}),
    "expected at least one argument": (Text("expected at least one argument"), {}),
    "expected at most one argument": (Text("expected at most one argument"), {}),
    "ambiguous option: %(option)s could match %(matches)s": (
        Text("ambiguous option: {option} could match {matches}"),
        {"option": "%(option)s", "matches": "%(matches)s"}),
    "not allowed with argument %s": (Text("not allowed with argument {argument}"),
                                     {"argument": "%s"}),
    "one of the arguments %s is required": (Text("one of the arguments {arguments} is required"),
                                            {"arguments": "%s"}),
    "ignored explicit argument %r": (Text("ignored explicit argument {value}"),
                                     {"value": "%r"}),
}
_PLURALS: dict[tuple[str, str], tuple[Text, dict[str, str]]] = {
    ("expected %s argument", "expected %s arguments"): (
        Plural("expected {n} argument", "expected {n} arguments"), {"n": "%s"}),
}
_NEWLINE_AFTER = {"%(prog)s: error: %(message)s\n"}
_FIELD = re.compile(r"\{(\w+)\}")


def _as_argparse(template: str, fields: dict[str, str]) -> str:
    """Our translated template in argparse's %-format: literal % doubled, {x} -> %(x)s."""
    if not fields:
        return template
    return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template.replace("%", "%%"))


def _gettext(msgid: str) -> str:
    """argparse's `_`: our catalogs' wording of its sentence, else its English."""
    entry = _MESSAGES.get(msgid)
    if entry is None:
        return msgid
    text, fields = entry
    result = _as_argparse(text.get(CLI_LANG.get()), fields)
    return result + "\n" if msgid in _NEWLINE_AFTER else result


def _ngettext(singular: str, plural: str, count: int) -> str:
    """argparse's `ngettext`: the form `count` takes in the chosen language."""
    entry = _PLURALS.get((singular, plural))
    if entry is None:
        return singular if count == 1 else plural
    text, fields = entry
    assert text.plural is not None
    template = translate_plural(text.msgid, text.plural, count, CLI_LANG.get())
    return _as_argparse(template, fields)


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's own sentences and our help texts in `lang` while the block runs."""
    token = CLI_LANG.set(lang)
    saved: tuple[Callable[[str], str], Callable[[str, str, int], str]] = (
        argparse._, argparse.ngettext)  # type: ignore[attr-defined]
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        CLI_LANG.reset(token)


def lang_from_argv(argv: Sequence[str]) -> str:
    """The language a command line asks for (`--lang X`, `--lang=X`), else the locale's; read
    before argparse runs, so that its usage and errors can already be in that language."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return resolve(argv[index + 1]).code
        if arg.startswith("--lang="):
            return resolve(arg.split("=", 1)[1]).code
    return default_lang()


def localized(value: object) -> str:
    """A help text or description as the chosen language has it (a plain str stays as is)."""
    if isinstance(value, Text):
        return value.get(CLI_LANG.get())
    return str(value)


class LocalizedHelpFormatter(argparse.HelpFormatter):
    """Renders our `Text` help texts and descriptions in the chosen language."""

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action.help, Text):  # argparse wants a str it can strip and %-format
            action = copy.copy(action)
            action.help = localized(action.help).replace("%", "%%")
        return super()._format_action(action)

    def _format_text(self, text: str) -> str:
        return super()._format_text(localized(text))


class LocalizedParser(argparse.ArgumentParser):
    """An ArgumentParser whose help is localized; its sub-parsers are made of the same class."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", LocalizedHelpFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
