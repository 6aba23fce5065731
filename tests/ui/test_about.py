"""Hjelp → Om NavDesk: the version from the one source of truth, the parts' versions and the data folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication

import navdesk
from navdesk.versions import sqlcipher_version

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_help_about_shows_version_parts_and_data_folder(
    main_window: Any, qtbot: Any, ui_settings: Any
) -> None:
    actions = [a.text() for a in main_window.help_menu.actions()]
    assert "Om NavDesk …" in actions  # bokmål by default
    main_window.about_action.trigger()
    from navdesk.ui.about import AboutDialog

    dialog = next(w for w in main_window.findChildren(AboutDialog) if w.isVisible())
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "Om NavDesk"
    assert dialog.title_label.text() == f"<h2>NavDesk {navdesk.__version__}</h2>"
    shown = {label: widget.text() for label, widget in dialog.value_labels.items()}
    assert shown["Versjon"] == navdesk.__version__
    assert shown["Qt"].startswith(qVersion())
    cipher = sqlcipher_version()
    assert cipher and shown["SQLCipher"] == cipher and cipher[0].isdigit()
    assert shown["Datamappe"] == str(Path(ui_settings.fileName()).parent)
    assert shown["Database"] == main_window.database.target.label
    assert "LGPL" in dialog.licence_label.text()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert f"Versjon: {navdesk.__version__}" in copied and shown["Datamappe"] in copied
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "om-navdesk.png"))
    dialog.close()
