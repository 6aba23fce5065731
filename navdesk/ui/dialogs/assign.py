"""Assign the selected youths to a counsellor, with an optional handover note (all or nothing)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from navdesk.i18n import _, ngettext
from navdesk.services.assignment import HANDOVER_MAX
from navdesk.ui import theme
from navdesk.ui.dialogs.common import note_edit, stack_with_ok_cancel

_SHOWN_NAMES = 5
_UNASSIGNED = "unassigned"


@dataclass(frozen=True)
class AssignInput:
    user_id: uuid.UUID | None  # None: no counsellor (unassigned)
    note: str


class AssignDialog(QDialog):
    """:meth:`ask` returns an :class:`AssignInput`, or None if cancelled. ``users``: ``UserInfo`` rows."""

    def __init__(self, users: Sequence[Any], names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Assign to counsellor"))
        n = len(names)
        listed = ", ".join(names[:_SHOWN_NAMES])
        if n > _SHOWN_NAMES:
            listed = ngettext("{names} and {n} more", "{names} and {n} more", n - _SHOWN_NAMES).format(
                names=listed, n=n - _SHOWN_NAMES
            )
        self.intro = intro = QLabel(
            ngettext("Give {n} youth a new counsellor: {names}.", "Give {n} youths a new counsellor: {names}.", n)
            .format(n=n, names=listed)
        )  # fmt: skip
        intro.setWordWrap(True)

        self.user_combo = QComboBox()
        self.user_combo.setAccessibleName(_("Counsellor"))
        self.user_combo.addItem(_("Choose a counsellor …"), None)
        for user in users:
            if getattr(user, "active", True):
                self.user_combo.addItem(
                    _("{name} ({initials})").format(name=user.name, initials=user.initials), user.id
                )
        self.user_combo.addItem(_("No counsellor (unassigned)"), _UNASSIGNED)
        self.note_edit = note_edit(3)
        self.note_edit.setAccessibleName(_("Handover note"))
        self.note_edit.setPlaceholderText(_("What the new counsellor should know (optional)"))
        self.error_label = QLabel()
        theme.style(self.error_label, "color: {warn};")
        hint = QLabel(
            _("The change is kept in each youth’s counsellor history. Nothing changes unless all can.")
        )
        hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(_("Counsellor:"), self.user_combo)
        form.addRow(_("Handover note:"), self.note_edit)
        self.buttons: QDialogButtonBox = stack_with_ok_cancel(self, intro, form, hint, self.error_label)
        self.user_combo.currentIndexChanged.connect(self._validate)
        self.note_edit.textChanged.connect(self._validate)
        self._validate()
        self.setMinimumWidth(460)

    def choose(self, user_id: uuid.UUID | None) -> None:
        """Pick a counsellor (None: no counsellor)."""
        wanted = _UNASSIGNED if user_id is None else user_id
        combo = self.user_combo
        combo.setCurrentIndex(next((i for i in range(combo.count()) if combo.itemData(i) == wanted), 0))

    def value(self) -> AssignInput:
        data = self.user_combo.currentData()
        return AssignInput(None if data == _UNASSIGNED else data, self.note_edit.toPlainText().strip())

    def _validate(self, *_args: object) -> bool:
        too_long = len(self.note_edit.toPlainText().strip()) > HANDOVER_MAX
        self.error_label.setText(
            _("The handover note may be at most {n} characters.").format(n=HANDOVER_MAX) if too_long else ""
        )
        ok = self.user_combo.currentData() is not None and not too_long
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def accept(self) -> None:
        if self._validate():
            super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, users: Sequence[Any], names: Sequence[str]) -> AssignInput | None:
        dialog = cls(users, names, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.value()
        finally:
            dialog.deleteLater()
