"""The twelve languages J-LIS prints the handwritten application in, as data.

The list follows the agency's editions (Japanese only, and Japanese plus one of eleven languages),
which says whom photocheck serves first. Adding a language is one line here and one catalog
(photocheck/locale/<code>/LC_MESSAGES/photocheck.po); see README "Languages".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """One language: its BCP 47 code, names, and the J-LIS form edition that matches it."""

    code: str
    english: str
    native: str
    edition: str
    aliases: tuple[str, ...] = ()


DEFAULT = "en"

LANGUAGES: tuple[Language, ...] = (
    Language("ja", "Japanese", "日本語", "Japanese only"),
    Language("en", "English", "English", "Japanese/English"),
    Language("zh-Hans", "Chinese (Simplified)", "简体中文", "Japanese/Chinese (Simplified)",
             ("zh", "zh-CN", "zh-SG", "zh-MY")),
    Language("zh-Hant", "Chinese (Traditional)", "繁體中文", "Japanese/Chinese (Traditional)",
             ("zh-TW", "zh-HK", "zh-MO")),
    Language("ko", "Korean", "한국어", "Japanese/Korean", ("ko-KR",)),
    Language("pt-BR", "Portuguese (Brazil)", "Português (Brasil)", "Japanese/Portuguese",
             ("pt", "pt-PT")),
    Language("es", "Spanish", "Español", "Japanese/Spanish"),
    Language("vi", "Vietnamese", "Tiếng Việt", "Japanese/Vietnamese"),
    Language("th", "Thai", "ไทย", "Japanese/Thai"),
    Language("tl", "Tagalog (Filipino)", "Tagalog", "Japanese/Tagalog", ("fil",)),
    Language("id", "Indonesian", "Bahasa Indonesia", "Japanese/Indonesian", ("in",)),
    Language("ne", "Nepali", "नेपाली", "Japanese/Nepali"),
)

CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
_BY_CODE = {lang.code: lang for lang in LANGUAGES}


def language(code: str) -> Language:
    """The Language for one of the twelve canonical codes (KeyError otherwise)."""
    return _BY_CODE[code]
