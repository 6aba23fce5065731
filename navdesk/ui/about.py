"""Hjelp → Om NavDesk: the version, what it is built on, the licence note and where the data is.

IT support asks "which version?" and "where is the database?": the dialog answers both, and
"Copy details" puts the same lines on the clipboard for a support ticket.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _
from navdesk.versions import component_versions, is_frozen


def licence_note() -> str:
    return _(
        "NavDesk is made for NAV offices and may be used by them. It is built on open-source "
        "components under their own licences: Qt and PySide6 (LGPL 3), SQLCipher (BSD), SQLAlchemy "
        "and Alembic (MIT), ReportLab (BSD) and the DejaVu fonts (free licence). Qt's libraries are "
        "installed as separate files and can be replaced."
    )


def about_details(data_folder: Path | None, database: str | None) -> list[tuple[str, str]]:
    """(label, value) lines: versions, the kind of installation, the data folder and the database."""
    versions = component_versions()
    lines = [
        (_("Version"), versions["NavDesk"]),
        (_("Installation"), _("installed package") if is_frozen() else _("Python environment")),
        ("Python", versions["Python"]),
        ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})"),
        ("SQLite", versions["SQLite"]),
        ("SQLCipher", versions["SQLCipher"]),
    ]
    if data_folder is not None:
        lines.append((_("Data folder"), str(data_folder)))
    if database:
        lines.append((_("Database"), database))
    return lines


class AboutDialog(QDialog):
    """``AboutDialog(data_folder, database)``; ``details`` holds the lines shown (and copied)."""

    def __init__(self, data_folder: Path | None, database: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About NavDesk"))
        self.details = about_details(data_folder, database)
        layout = QVBoxLayout(self)

        self.title_label = QLabel(f"<h2>NavDesk {self.details[0][1]}</h2>")
        self.title_label.setAccessibleName(_("NavDesk version {version}").format(version=self.details[0][1]))
        layout.addWidget(self.title_label)
        purpose = QLabel(_("The working tool for NAV counsellors who follow up young people (16–29)."))
        purpose.setWordWrap(True)
        layout.addWidget(purpose)

        form = QFormLayout()
        self.value_labels: dict[str, QLabel] = {}
        for label, value in self.details:
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # a folder name is never taken as markup
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            shown.setAccessibleName(label)
            form.addRow(label + ":", shown)
            self.value_labels[label] = shown
        layout.addLayout(form)

        self.licence_label = QLabel(licence_note())
        self.licence_label.setWordWrap(True)
        layout.addWidget(self.licence_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(_("Copy details"))
        self.copy_button.setToolTip(_("Copy the version and folder lines, e.g. for IT support"))
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def details_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.details)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText("NavDesk\n" + self.details_text())


def show_about(window: Any) -> AboutDialog:
    """Open Om NavDesk for the main window (its data folder is where its UI settings file lives)."""
    settings = getattr(window, "_settings", None)
    folder = Path(settings.fileName()).parent if settings is not None else None
    target = getattr(getattr(window, "database", None), "target", None)
    dialog = AboutDialog(folder, getattr(target, "label", None), window)
    dialog.open()
    return dialog


def add_about_action(window: Any) -> None:
    """Hjelp → Om NavDesk … in the main window's help menu (``window.about_action``)."""
    window.about_action = window.help_menu.addAction(_("About NavDesk …"))
    window.about_action.triggered.connect(lambda: show_about(window))
