"""Settings → Language: the default from the computer's locale, the choice kept per machine, a window in
nynorsk, and Qt's own texts in the matching language."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from navdesk import i18n
from navdesk.ui.language import SYSTEM, language_for_locales, startup_language, stored_language
from tests.ui.conftest import open_window

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def back_to_bokmal(qapp: Any) -> Iterator[None]:
    yield
    from navdesk.ui.app import install_translators
    from navdesk.ui.language import qt_locale

    i18n.set_language("nb")
    install_translators(qapp)
    QLocale.setDefault(qt_locale())


@pytest.mark.parametrize(
    ("locales", "expected"),
    [
        (["nn-NO", "nn"], "nn"),
        (["nb-NO", "nb"], "nb"),
        (["no-NO", "nb-Latn-NO"], "nb"),
        (["en-GB", "en"], "en"),
        (["sv-SE", "sv"], "nb"),
        (["C"], "nb"),
        (["se-NO", "nn-NO"], "nn"),  # Northern Sami first, then nynorsk: the first NavDesk has
        ([], "nb"),
    ],
)
def test_the_computers_language_maps_to_navdesks(locales: list[str], expected: str) -> None:
    assert language_for_locales(locales) == expected


def _start_in(
    tmp_path: Path, lang_env: str, *, stored: str | None = None, navdesk_lang: str | None = None
) -> str:
    """Start-up language chosen by a fresh process whose system locale is ``lang_env``."""
    ini = tmp_path / f"ui-{lang_env}-{stored}-{navdesk_lang}.ini"
    if stored is not None:
        settings = QSettings(str(ini), QSettings.Format.IniFormat)
        settings.setValue("ui/language", stored)
        settings.sync()
    env = {
        k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NAVDESK_LANG")
    }
    env.update(LANG=lang_env, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    if navdesk_lang:
        env["NAVDESK_LANG"] = navdesk_lang
    code = (
        "import sys; from PySide6.QtCore import QSettings; from navdesk.ui.language import startup_language; "
        "from navdesk.i18n import _; "
        f"print(startup_language(QSettings({str(ini)!r}, QSettings.Format.IniFormat)), _('&Settings'))"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_default_follows_a_forced_system_locale(tmp_path: Path) -> None:
    assert _start_in(tmp_path, "nn_NO.UTF-8") == "nn &Innstillingar"
    assert _start_in(tmp_path, "en_GB.UTF-8") == "en &Settings"
    assert _start_in(tmp_path, "de_DE.UTF-8") == "nb &Innstillinger"


def test_a_stored_choice_beats_the_system_and_navdesk_lang_beats_both(tmp_path: Path) -> None:
    assert _start_in(tmp_path, "nn_NO.UTF-8", stored="en") == "en &Settings"
    assert _start_in(tmp_path, "en_GB.UTF-8", stored=SYSTEM) == "en &Settings"
    assert _start_in(tmp_path, "en_GB.UTF-8", stored="nn", navdesk_lang="nb") == "nb &Innstillinger"


def test_an_explicit_lang_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, back_to_bokmal: None) -> None:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    settings.setValue("ui/language", "en")
    assert startup_language(settings, "nn") == "nn"
    monkeypatch.setenv("NAVDESK_LANG", "en")
    assert startup_language(settings, None) == "en"


def _click_ok_on_next_message(seen: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(QMessageBox.StandardButton.Ok).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def test_the_choice_is_kept_for_the_next_start(qtbot: Any, demo_db: Any, tmp_path: Path) -> None:
    path = tmp_path / "machine.ini"
    window = open_window(qtbot, demo_db, QSettings(str(path), QSettings.Format.IniFormat))
    menu = window.language_menu
    assert menu.title() == "&Språk"
    assert [a.text() for a in menu.actions() if a.isCheckable()][1:] == ["Bokmål", "Nynorsk", "English"]
    assert menu.choices[SYSTEM].isChecked()  # nothing chosen yet: as on this computer
    seen: list[str] = []
    _click_ok_on_next_message(seen)
    menu.choices["nn"].trigger()
    assert seen == ["NavDesk blir på nynorsk neste gang det starter."]
    assert i18n.language() == "nb"  # the screens stay as they are until the next start
    again = QSettings(str(path), QSettings.Format.IniFormat)  # as the next start reads it
    assert stored_language(again) == "nn"
    window.close()
    second = open_window(qtbot, demo_db, again)
    assert second.language_menu.choices["nn"].isChecked()
    assert not second.language_menu.choices[SYSTEM].isChecked()


def test_a_window_built_in_nynorsk(
    qtbot: Any, qapp: Any, demo_db: Any, ui_settings: Any, back_to_bokmal: None
) -> None:
    from navdesk.ui import app as app_module

    i18n.set_language("nn")
    app_module.install_translators(qapp)
    window = open_window(qtbot, demo_db, ui_settings)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Fil", "&Kontor", "&Innstillingar", "&Hjelp"]
    assert window.language_menu.title() == "&Språk"
    assert window.user_guide_action.text() == "Brukarrettleiing"
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "Fristar" in nav and "Frister" not in nav
    loaded = [t.filePath() for t in app_module._translators]
    assert loaded and loaded[0].endswith("qtbase_nn.qm")  # Qt's own nynorsk, not the bokmål file
    assert QApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"


def _chrome_texts(root: Any) -> list[str]:
    """The texts NavDesk itself puts on screen (buttons, tabs, titles, headings, hints, menus), not the data."""
    from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QTabWidget,
    )

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.windowTitle(),
        ]
        if isinstance(widget, (QAbstractButton, QLabel)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QMenu):
            texts += [widget.title(), *(a.text() for a in widget.actions())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = model.columnCount(QModelIndex()) if not isinstance(model, QAbstractListModel) else 1
            header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(columns)]
            texts += [str(h) for h in header if h]
    return [t for t in texts if t]


@pytest.mark.qt_log_ignore("does not support raise")
def test_the_main_screens_in_nynorsk_hold_no_bokmal(
    qtbot: Any, qapp: Any, demo_db: Any, ui_settings: Any, back_to_bokmal: None
) -> None:
    """Every screen built in nynorsk: its buttons, tabs, headings, hints and menus are nynorsk."""
    from tests.nynorsk import bokmal_words

    i18n.set_language("nn")
    window = open_window(qtbot, demo_db, ui_settings)
    window.load_deadlines()
    found: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()
    for key in ("portfolio", "deadlines", "meetings", "jobbklubb", "partners", "reports"):
        window.show_screen(key)
        qapp.processEvents()
        seen |= set(_chrome_texts(window))
        for text in _chrome_texts(window):
            words = bokmal_words(text)
            if words:
                found[text] = words
    assert window.nav.item(1).text() == "Fristar"  # the screens were built in nynorsk
    assert len(seen) > 150 and "Nye brukarar" in seen  # the filters, headings and buttons were read
    assert not found, f"bokmål on the nynorsk screens: {found}"
