"""Speaking the applicant's language (../shared/spec/languages.md).

- `languages`: the twelve languages as data (adding one = one line there + one catalog).
- `resolve`: a requested code, a locale or an alias to one of the twelve (English, with a note,
  when unknown); the default from the environment's locale.
- `accept`: the browser's Accept-Language header, with q-values.
- `dates`: dates written the way each language writes them (CLDR data via Babel).
- `catalog`: the gettext catalogs under photocheck/locale, loaded once per process on demand.
- `harvest`: the codemod that moves `Text("English", "日本語")` literals into the ja catalog.
"""

from photocheck.i18n.catalog import translate
from photocheck.i18n.languages import CODES, DEFAULT, LANGUAGES, Language, language
from photocheck.i18n.resolve import Resolution, default_lang, resolve

__all__ = [
    "CODES", "DEFAULT", "LANGUAGES", "Language", "Resolution", "default_lang", "language",
    "resolve", "translate",
]
