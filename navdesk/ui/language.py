"""The language of the screens: Bokmål, Nynorsk or English, chosen in Settings and kept per machine.

Which language NavDesk starts in, first match wins:

1. ``--lang`` on the command line, then the ``NAVDESK_LANG`` environment variable;
2. the choice stored in the machine's settings file (Settings → Language);
3. the computer's language (``QLocale.system().uiLanguages()``): nynorsk → nn, bokmål or plain
   Norwegian → nb, English → en, anything else → bokmål.

The screens are built once, so a new choice applies from the next start (the menu says so). Printouts
follow the youth's målform whatever the screen language is.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from navdesk.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, language, set_language

SETTINGS_KEY = "ui/language"
SYSTEM = "system"  # the stored value for "as on this computer" (also: nothing stored)
# Each language's name in itself (an autonym is not translated: a user who cannot read the current
# language must still find their own).
AUTONYMS = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}
IN_A_SENTENCE = {"nb": "bokmål", "nn": "nynorsk", "en": "English"}  # Norwegian writes language names small

_LOCALE_LANGUAGES = {
    "nn": "nn",
    "nno": "nn",
    "nb": "nb",
    "nob": "nb",
    "no": "nb",
    "nor": "nb",
    "en": "en",
    "eng": "en",
}


def language_for_locales(names: Iterable[str]) -> str:
    """The first of the computer's UI languages (``nn-NO``, ``nb_NO.UTF-8``, ``en-GB`` …) NavDesk has;
    bokmål when none of them is Norwegian or English."""
    for name in names:
        code = name.replace("-", "_").split(".")[0].split("_")[0].lower()
        if code in _LOCALE_LANGUAGES:
            return _LOCALE_LANGUAGES[code]
    return DEFAULT_LANGUAGE


def system_language() -> str:
    """The computer's language as NavDesk's: nn, nb or en."""
    system = QLocale.system()
    return language_for_locales([*system.uiLanguages(), system.name()])


def stored_language(settings: QSettings) -> str:
    """The language chosen on this machine, or ``SYSTEM`` when none is (or the value is unknown)."""
    value = str(settings.value(SETTINGS_KEY, SYSTEM) or SYSTEM)
    return value if value in LANGUAGES else SYSTEM


def store_language(settings: QSettings, choice: str) -> None:
    """Keep ``choice`` (a language or ``SYSTEM``) for the next start on this machine."""
    if choice != SYSTEM and choice not in LANGUAGES:
        raise ValueError(f"unknown language {choice!r}")
    settings.setValue(SETTINGS_KEY, choice)
    settings.sync()


def startup_language(settings: QSettings, explicit: str | None = None) -> str:
    """Choose and switch to the language to start in (see the module's docstring); the language."""
    wanted = explicit or os.environ.get("NAVDESK_LANG") or ""
    if wanted:
        return set_language(wanted)
    stored = stored_language(settings)
    return set_language(stored if stored != SYSTEM else system_language())


def qt_locale(lang: str | None = None) -> QLocale:
    """Qt's locale for the language (date pickers, number fields): Norwegian conventions also in English."""
    if (lang or language()) == "nn":
        return QLocale(QLocale.Language.NorwegianNynorsk, QLocale.Country.Norway)
    return QLocale(QLocale.Language.NorwegianBokmal, QLocale.Country.Norway)


class LanguageMenu(QMenu):
    """Settings → Language: the three languages and "as on this computer", one of them checked."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(_("&Language"), parent)
        self.setObjectName("languageMenu")
        self._settings = settings
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self.choices: dict[str, QAction] = {}
        system_name = AUTONYMS[system_language()]
        self._add(SYSTEM, _("As on this computer ({language})").format(language=system_name))
        self.addSeparator()
        for lang in LANGUAGES:
            self._add(lang, AUTONYMS[lang])
        self.choices[stored_language(settings)].setChecked(True)
        self.addSeparator()
        note = self.addAction(_("Takes effect the next time NavDesk starts"))
        note.setEnabled(False)

    def _add(self, choice: str, text: str) -> None:
        action = self.addAction(text)
        action.setCheckable(True)
        action.setData(choice)
        action.triggered.connect(lambda _checked=False, c=choice: self.choose(c))
        self._group.addAction(action)
        self.choices[choice] = action

    def choose(self, choice: str, *, tell: bool = True) -> str:
        """Store ``choice``; tell the user when it takes effect. The language NavDesk will start in."""
        before = stored_language(self._settings)
        store_language(self._settings, choice)
        self.choices[choice].setChecked(True)
        next_start = system_language() if choice == SYSTEM else choice
        if tell and choice != before:
            if next_start == language():
                text = _("NavDesk is in {language}.").format(language=IN_A_SENTENCE[next_start])
            else:
                text = _("NavDesk will be in {language} the next time it starts.").format(
                    language=IN_A_SENTENCE[next_start]
                )
            QMessageBox.information(self.parentWidget(), _("Language"), text)
        return next_start


def add_language_menu(window: Any, menu: QMenu) -> LanguageMenu:
    """Put Settings → Language into ``menu`` (``window.language_menu``), stored in the window's settings."""
    window.language_menu = LanguageMenu(window._settings, window)
    menu.addMenu(window.language_menu)
    return window.language_menu
