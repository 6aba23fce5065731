"""Ask for the reason behind a decision about a deadline (done by hand, not applicable)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from navdesk.i18n import _
from navdesk.ui.dialogs.common import note_edit, stack_with_ok_cancel

__all__ = ["ReasonDialog", "note_edit"]


class ReasonDialog(QDialog):
    """A question and a two-line reason; :meth:`ask` returns the reason, or None if cancelled.

    An empty reason is returned as it is: the core use case refuses it with its own message.
    """

    def __init__(self, title: str, question: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(question)
        label.setWordWrap(True)
        self.reason_edit = note_edit()
        self.reason_edit.setPlaceholderText(_("Why? (required)"))
        self.reason_edit.setAccessibleName(_("Reason"))
        label.setBuddy(self.reason_edit)
        stack_with_ok_cancel(self, label, self.reason_edit)
        self.setMinimumWidth(420)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, question: str) -> str | None:
        dialog = cls(title, question, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason()
