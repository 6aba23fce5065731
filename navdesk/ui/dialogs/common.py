"""Pieces the small dialogs share: a short note field and the question / fields / OK-Cancel layout."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLayout, QPlainTextEdit, QVBoxLayout, QWidget


def note_edit(lines: int = 2) -> QPlainTextEdit:
    """A plain-text field about ``lines`` lines high."""
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 2 * edit.frameWidth() + 12
    edit.setFixedHeight(height)
    return edit


def stack_with_ok_cancel(dialog: QDialog, *parts: QWidget | QLayout) -> QDialogButtonBox:
    """Lay out ``parts`` top to bottom with OK and Cancel (Avbryt) under them, wired to accept/reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
    layout.addWidget(buttons)
    return buttons
