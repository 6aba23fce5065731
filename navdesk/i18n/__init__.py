"""Translations for core and UI alike: one ``_()`` over gettext catalogues.

Source strings (msgids) are English; bokmål (``nb``) is the default language; bokmål, nynorsk
(``nn``) and English (``en``, filled from the msgids) are all complete. Catalogues live in
``resources/locale/<lang>/LC_MESSAGES/navdesk.po`` and are compiled to ``.mo`` (``make i18n``). The
screens' language is chosen at start-up (``navdesk.ui.language``); a printout asks for its own
language with :func:`translation`.
"""

from __future__ import annotations

import gettext
import os

DOMAIN = "navdesk"
LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = ""


def _load(lang: str) -> gettext.NullTranslations:
    from navdesk.resources import resource_path

    chain = [lang] if lang == "nb" else [lang, "nb"] if lang == "nn" else [lang]
    try:
        return gettext.translation(DOMAIN, localedir=str(resource_path("locale")), languages=chain)
    except (OSError, FileNotFoundError):
        return gettext.NullTranslations()


_catalogues: dict[str, gettext.NullTranslations] = {}


def translation(lang: str) -> gettext.NullTranslations:
    """One language's catalogue, leaving the one in use alone (a printout in the youth's målform).

    ``translation("nn").gettext``, bound to a local ``_``, translates into nynorsk.
    """
    chosen = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    found = _catalogues.get(chosen)
    if found is None:
        found = _catalogues[chosen] = _load(chosen)
    return found


def set_language(lang: str | None = None) -> str:
    """Choose the language (``nb``, ``nn`` or ``en``); default from ``NAVDESK_LANG`` or bokmål."""
    global _translation, _language
    chosen = (lang or os.environ.get("NAVDESK_LANG") or DEFAULT_LANGUAGE).split("_")[0].lower()
    if chosen in ("no", "nob"):
        chosen = "nb"
    if chosen not in LANGUAGES:
        chosen = DEFAULT_LANGUAGE
    _translation = _load(chosen)
    _language = chosen
    return chosen


def language() -> str:
    """The language in use."""
    if not _language:
        set_language()
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    if not _language:
        set_language()
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with a count."""
    if not _language:
        set_language()
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction without translating it now (labels of enums)."""
    return message
