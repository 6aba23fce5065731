"""Log a contact quickly: channel, how it went, and a two-line note (from NAV, now)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QMessageBox, QWidget

from navdesk.domain.enums import ContactChannel, ContactOutcome
from navdesk.i18n import _
from navdesk.ui.dialogs.common import note_edit, stack_with_ok_cancel


@dataclass(frozen=True)
class ContactInput:
    channel: ContactChannel
    outcome: ContactOutcome
    note: str


class ContactDialog(QDialog):
    """:meth:`ask` returns a :class:`ContactInput`, or None if cancelled."""

    def __init__(
        self, youth: str, parent: QWidget | None = None, save: Callable[[ContactInput], object] | None = None
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.setWindowTitle(_("Log contact"))
        label = QLabel(_("Contact with {youth}, started by NAV, now.").format(youth=youth))
        label.setWordWrap(True)
        self.channel_combo = QComboBox()
        for channel in ContactChannel:
            self.channel_combo.addItem(channel.label, channel)
        self.channel_combo.setCurrentIndex(self.channel_combo.findData(ContactChannel.TELEFON))
        self.outcome_combo = QComboBox()
        for outcome in ContactOutcome:
            self.outcome_combo.addItem(outcome.label, outcome)
        self.note_edit = note_edit()
        self.note_edit.setPlaceholderText(_("A short note (two lines)"))
        self.note_edit.setAccessibleName(_("Note"))
        form = QFormLayout()
        form.addRow(_("Channel:"), self.channel_combo)
        form.addRow(_("Outcome:"), self.outcome_combo)
        form.addRow(_("Note:"), self.note_edit)
        stack_with_ok_cancel(self, label, form)
        self.setMinimumWidth(440)

    def value(self) -> ContactInput:
        return ContactInput(
            ContactChannel(self.channel_combo.currentData()),
            ContactOutcome(self.outcome_combo.currentData()),
            self.note_edit.toPlainText().strip(),
        )

    def accept(self) -> None:
        """With ``save``: save first; a refusal (a full disk, a locked database) is shown and the dialog
        stays open with what was written, so the user can try again."""
        if self._save is not None:
            from navdesk.errors import UserError

            try:
                self._save(self.value())
            except UserError as exc:
                QMessageBox.warning(self, _("The contact was not saved"), str(exc))
                return
        super().accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, youth: str, save: Callable[[ContactInput], object] | None = None
    ) -> ContactInput | None:
        """The contact written (and, given ``save``, saved by it), or None when cancelled."""
        dialog = cls(youth, parent, save)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()
