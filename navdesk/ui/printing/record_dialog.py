"""Asks when (and in which system) a printed summary was recorded: "Mark as recorded in Modia/Gosys"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QDialog, QFormLayout, QLabel, QWidget

from navdesk.i18n import _
from navdesk.services.journal import SYSTEMS
from navdesk.ui.dialogs.common import stack_with_ok_cancel


class RecordDialog(QDialog):
    """A date (default today, not before the meeting, not in the future) and the system."""

    def __init__(
        self, meeting_day: date, today: date, parent: QWidget | None = None, *, intro_text: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mark as recorded in Modia/Gosys"))
        intro = QLabel(
            intro_text
            or _(
                "Mark the summary as recorded (journalført) in NAV's own system once you have done so there. "
                "NavDesk does not send anything to Modia or Gosys."
            )
        )
        intro.setWordWrap(True)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setMinimumDate(QDate(meeting_day.year, meeting_day.month, meeting_day.day))
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.system_combo = QComboBox()
        self.system_combo.addItems(list(SYSTEMS))
        form = QFormLayout()
        form.addRow(_("Recorded on"), self.date_edit)
        form.addRow(_("In"), self.system_combo)
        stack_with_ok_cancel(self, intro, form)
        self.setMinimumWidth(420)

    def value(self) -> tuple[date, str]:
        chosen = self.date_edit.date()
        return date(chosen.year(), chosen.month(), chosen.day()), self.system_combo.currentText()
