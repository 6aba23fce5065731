"""First start: create the office database (encrypted) with the office and its first user."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _
from navdesk.ui import theme

MIN_SECRET = 8


class FirstRunDialog(QDialog):
    """Asks for the office, the first user and where and how to keep the data; creates all of it.

    After ``accept`` the new database is in ``database`` and the first user in ``actor``.
    """

    def __init__(self, default_path: str | os.PathLike[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from navdesk.db.keys import keyring_available

        self.database: Any = None
        self.actor: Any = None
        self.setWindowTitle(_("Welcome to NavDesk"))
        self.setMinimumWidth(560)

        intro = QLabel(
            _(
                "No NavDesk database was found. Create one for your office: you become its first user "
                "and administrator."
            )
        )
        intro.setWordWrap(True)

        self.office_edit = QLineEdit()
        self.office_edit.setPlaceholderText(_("e.g. NAV Vinje"))
        self.municipality_edit = QLineEdit()
        self.name_edit = QLineEdit()
        self.initials_edit = QLineEdit()
        self.initials_edit.setMaxLength(6)
        self.initials_edit.setPlaceholderText(_("2–6 letters, e.g. KN"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(_("at least {n} characters").format(n=MIN_SECRET))
        self.password2_edit = QLineEdit()
        self.password2_edit.setEchoMode(QLineEdit.EchoMode.Password)

        office_box = QGroupBox(_("Office and first user"))
        office_form = QFormLayout(office_box)
        office_form.addRow(_("Office name:"), self.office_edit)
        office_form.addRow(_("Municipality:"), self.municipality_edit)
        office_form.addRow(_("Your name:"), self.name_edit)
        office_form.addRow(_("Your initials:"), self.initials_edit)
        office_form.addRow(_("Password:"), self.password_edit)
        office_form.addRow(_("Repeat password:"), self.password2_edit)

        self.path_edit = QLineEdit(str(default_path))
        self.choose_button = QPushButton(_("Choose…"))
        self.choose_button.clicked.connect(self._choose_path)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)

        self.keyring_radio = QRadioButton(_("Key in the system keyring (recommended)"))
        self.passphrase_radio = QRadioButton(_("Passphrase"))
        self._key_group = QButtonGroup(self)
        self._key_group.addButton(self.keyring_radio)
        self._key_group.addButton(self.passphrase_radio)
        has_keyring = keyring_available()
        self.keyring_radio.setEnabled(has_keyring)
        if not has_keyring:
            self.keyring_radio.setToolTip(_("No keyring is available on this computer."))
        (self.keyring_radio if has_keyring else self.passphrase_radio).setChecked(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(_("at least {n} characters").format(n=MIN_SECRET))
        self.passphrase2_edit = QLineEdit()
        self.passphrase2_edit.setEchoMode(QLineEdit.EchoMode.Password)
        passphrase_note = QLabel(
            _("Write the passphrase down and keep it safe: without it nobody can open the data.")
        )
        passphrase_note.setWordWrap(True)

        storage_box = QGroupBox(_("Where and how the data is kept (always encrypted)"))
        storage_form = QFormLayout(storage_box)
        storage_form.addRow(_("Database file:"), path_row)
        storage_form.addRow(self.keyring_radio)
        storage_form.addRow(self.passphrase_radio)
        storage_form.addRow(_("Passphrase:"), self.passphrase_edit)
        storage_form.addRow(_("Repeat passphrase:"), self.passphrase2_edit)
        storage_form.addRow(passphrase_note)
        self._passphrase_widgets = (self.passphrase_edit, self.passphrase2_edit, passphrase_note)
        self.passphrase_radio.toggled.connect(self._update_passphrase_fields)
        self._update_passphrase_fields()

        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setWordWrap(True)
        theme.style(self.error_label, "color: {warn}; font-weight: bold;")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(
            _("Create database"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(office_box)
        layout.addWidget(storage_box)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    # -- interaction -------------------------------------------------------------------------------
    def _update_passphrase_fields(self) -> None:
        on = self.passphrase_radio.isChecked()
        for widget in self._passphrase_widgets:
            widget.setEnabled(on)

    def _choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Where to keep the database"), self.path_edit.text(), _("NavDesk database (*.db)")
        )
        if chosen:
            self.path_edit.setText(chosen)

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def validate(self) -> str | None:
        """The first problem with the form, as a message; None when it can be submitted."""
        if not self.office_edit.text().strip():
            return _("Fill in the office name.")
        if not self.municipality_edit.text().strip():
            return _("Fill in the municipality.")
        if not self.name_edit.text().strip():
            return _("Fill in your name.")
        initials = self.initials_edit.text().strip()
        if not (2 <= len(initials) <= 6 and initials.isalpha()):
            return _("Initials must be 2–6 letters.")
        if len(self.password_edit.text()) < MIN_SECRET:
            return _("The password must be at least {n} characters.").format(n=MIN_SECRET)
        if self.password_edit.text() != self.password2_edit.text():
            return _("The passwords differ.")
        path_text = self.path_edit.text().strip()
        if not path_text:
            return _("Choose where to keep the database.")
        path = Path(path_text).expanduser()
        if path.exists():
            return _("There is already a file at {path}. Choose another name.").format(path=path)
        if self.passphrase_radio.isChecked():
            if len(self.passphrase_edit.text()) < MIN_SECRET:
                return _("The passphrase must be at least {n} characters.").format(n=MIN_SECRET)
            if self.passphrase_edit.text() != self.passphrase2_edit.text():
                return _("The passphrases differ.")
        return None

    def accept(self) -> None:
        problem = self.validate()
        if problem:
            self.show_error(problem)
            return
        try:
            self.database, self.actor = self._create()
        except Exception as exc:
            from navdesk.db.engine import translate_error

            friendly = translate_error(exc)
            if friendly is None:
                raise
            self.show_error(str(friendly))
            return
        super().accept()

    def _create(self) -> tuple[Any, Any]:
        from navdesk.db.keys import Secret, new_raw_key
        from navdesk.db.opening import create_database
        from navdesk.services.office import create_office

        path = Path(self.path_edit.text().strip()).expanduser().absolute()
        if self.keyring_radio.isChecked():
            secret, mode = new_raw_key(), "keyring"
        else:
            secret, mode = Secret.from_user_text(self.passphrase_edit.text()), "passphrase"
        database, _mode = create_database(path, secret=secret, mode=mode)
        try:
            with database.session() as session, session.begin():
                actor = create_office(
                    session,
                    office_name=self.office_edit.text(),
                    municipality=self.municipality_edit.text(),
                    admin_name=self.name_edit.text(),
                    admin_initials=self.initials_edit.text(),
                    password=self.password_edit.text(),
                )
        except BaseException:
            database.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            raise
        return database, actor
