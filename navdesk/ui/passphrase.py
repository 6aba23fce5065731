"""Asking for the passphrase of an encrypted database (the ``ask`` callback of ``open_database``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from navdesk.i18n import _
from navdesk.ui import theme


class PassphraseDialog(QDialog):
    """Masked input; from the second attempt on it says the last passphrase was wrong."""

    def __init__(self, path: Path, attempt: int = 1, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open the database"))
        self.setModal(True)
        intro = QLabel(
            _("The database {file} is encrypted. Type its passphrase.").format(file=Path(path).name)
        )
        intro.setWordWrap(True)
        intro.setToolTip(str(path))
        self.error_label = QLabel(_("Wrong passphrase. Try again."))
        self.error_label.setObjectName("error")
        theme.style(self.error_label, "color: {warn}; font-weight: bold;")
        self.error_label.setVisible(attempt > 1)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(_("Passphrase"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        layout.addWidget(self.passphrase_edit)
        layout.addWidget(buttons)
        self.passphrase_edit.setFocus()

    def passphrase(self) -> str:
        return self.passphrase_edit.text()

    @classmethod
    def ask(cls, path: Path, attempt: int, parent: QWidget | None = None) -> str | None:
        """Show the dialog; the passphrase typed, or None when the user cancels."""
        dialog = cls(path, attempt, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.passphrase()
        finally:
            dialog.deleteLater()
