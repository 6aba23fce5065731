"""Snooze a deadline: until which date (after today) and why."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QFormLayout, QLabel, QWidget

from navdesk.i18n import _
from navdesk.ui.dialogs.common import note_edit, stack_with_ok_cancel


class SnoozeDialog(QDialog):
    """:meth:`ask` returns ``(until, reason)``, or None if cancelled."""

    def __init__(self, today: date, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Snooze the deadline"))
        label = QLabel(what)
        label.setWordWrap(True)
        self.until_edit = QDateEdit()
        self.until_edit.setCalendarPopup(True)
        self.until_edit.setDisplayFormat("dd.MM.yyyy")
        tomorrow = today + timedelta(days=1)
        self.until_edit.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        week = today + timedelta(days=7)
        self.until_edit.setDate(QDate(week.year, week.month, week.day))
        self.until_edit.setAccessibleName(_("Snooze until"))
        self.reason_edit = note_edit()
        self.reason_edit.setPlaceholderText(_("Why? (required)"))
        self.reason_edit.setAccessibleName(_("Reason"))
        form = QFormLayout()
        form.addRow(_("Snooze until:"), self.until_edit)
        form.addRow(_("Reason:"), self.reason_edit)
        stack_with_ok_cancel(self, label, form)
        self.setMinimumWidth(420)

    def value(self) -> tuple[date, str]:
        chosen = self.until_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day()), self.reason_edit.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, today: date, what: str) -> tuple[date, str] | None:
        dialog = cls(today, what, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()
