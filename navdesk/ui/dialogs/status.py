"""Confirm or correct a youth's status 1, 3, 6 or 9 months after registration (the ``outcome_snapshot``
deadline): the status the report derives is proposed; the veileder keeps it or chooses another."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QWidget

from navdesk.domain.enums import ReportStatus
from navdesk.i18n import _
from navdesk.ui.dialogs.common import stack_with_ok_cancel

__all__ = ["StatusDialog"]


class StatusDialog(QDialog):
    """:meth:`ask` returns the chosen status (a ReportStatus value), or None if cancelled."""

    def __init__(self, question: str, proposed: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Confirm status"))
        label = QLabel(question)
        label.setWordWrap(True)
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Status"))
        for status in ReportStatus:
            self.combo.addItem(status.label, status.value)
        self.combo.setCurrentIndex(max(0, self.combo.findData(proposed)))
        label.setBuddy(self.combo)
        stack_with_ok_cancel(self, label, self.combo)
        self.setMinimumWidth(420)

    def status(self) -> str:
        return str(self.combo.currentData())

    @classmethod
    def ask(cls, parent: QWidget | None, question: str, proposed: str) -> str | None:
        dialog = cls(question, proposed, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.status()
