"""Pieces the small dialogs share: a short note field and the question / fields / OK-Cancel layout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


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


def run_change(parent: QWidget | None, database: Any, work: Callable[[Any], object]) -> bool:
    """Run one use case in its own transaction; a refusal from the core (:class:`~navdesk.errors.UserError`)
    is shown in a warning and nothing is saved. True when saved."""
    from navdesk.errors import UserError

    try:
        with database.session() as session, session.begin():
            work(session)
    except UserError as exc:
        QMessageBox.warning(parent, _("The change was not saved"), str(exc))
        return False
    return True
