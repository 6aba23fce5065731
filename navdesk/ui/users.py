"""*Kontor → Brukere*: the office's users (issue 9). Everyone sees who works in NavDesk; an administrator
adds users, changes their access role, deactivates and reactivates them and gives them a new password.
The rules (administrators only, never the last active administrator) are the core's
(:mod:`navdesk.services.users`); this dialog only shows them. Built on first use (decision 0007).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _
from navdesk.ui import theme

ROLES = ("veileder", "leder", "admin")


def _role_label(role: str) -> str:
    from navdesk.domain.enums import AccessRole

    return AccessRole(role).label


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for role in ROLES:
        combo.addItem(_role_label(role), role)
    return combo


def _password_fields(form: QFormLayout) -> tuple[QLineEdit, QLineEdit]:
    first, second = QLineEdit(), QLineEdit()
    for edit, label in ((first, _("Password:")), (second, _("Repeat the password:"))):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(label.rstrip(":"))
        form.addRow(label, edit)
    first.setPlaceholderText(_("at least 8 characters"))
    return first, second


class _Form(QDialog):
    """A small form whose OK runs ``save`` and stays open with the message when the core refuses."""

    def __init__(self, parent: QWidget | None, title: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setWordWrap(True)
        theme.style(self.message, "color: {warn};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._ok)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addLayout(self.form)
        box.addWidget(self.message)
        box.addWidget(self.buttons)
        self.save: Any = None
        self.password_edit: QLineEdit | None = None
        self.repeat_edit: QLineEdit | None = None

    def password(self) -> str:
        """The new password, typed the same twice."""
        from navdesk.errors import InvalidInput

        assert self.password_edit is not None and self.repeat_edit is not None
        if self.password_edit.text() != self.repeat_edit.text():
            raise InvalidInput(_("The passwords differ."))
        return self.password_edit.text()

    def _ok(self) -> None:
        from navdesk.errors import UserError

        try:
            self.save()
        except UserError as exc:
            self.message.setText(str(exc))
            return
        self.accept()


class AddUserDialog(_Form):
    def __init__(self, parent: QWidget | None, save: Any) -> None:
        super().__init__(parent, _("New user"))
        self.name_edit = QLineEdit()
        self.initials_edit = QLineEdit()
        self.initials_edit.setMaxLength(6)
        self.role_combo = _role_combo()
        self.form.addRow(_("Name:"), self.name_edit)
        self.form.addRow(_("Initials:"), self.initials_edit)
        self.form.addRow(_("Access role:"), self.role_combo)
        self.password_edit, self.repeat_edit = _password_fields(self.form)
        self.save = lambda: save(self)


class PasswordDialog(_Form):
    def __init__(self, parent: QWidget | None, who: str, save: Any) -> None:
        super().__init__(parent, _("New password for {who}").format(who=who))
        self.password_edit, self.repeat_edit = _password_fields(self.form)
        self.save = lambda: save(self)


class UsersDialog(QDialog):
    """The list of users, and for an administrator the changes."""

    def __init__(self, database: Any, actor: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.users: list[Any] = []
        self.setWindowTitle(_("Users"))
        self.resize(720, 420)
        self.is_admin = str(actor.access_role) == "admin"
        self.table = QTableWidget(0, 4)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside
        self.table.setAccessibleName(_("Users of the office"))
        self.table.setHorizontalHeaderLabels([_("Initials"), _("Name"), _("Access role"), _("Status")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton(_("New user …"))
        self.add_button.clicked.connect(lambda: self.add_user())
        self.role_combo = _role_combo()
        self.role_combo.setAccessibleName(_("Access role"))
        self.role_button = QPushButton(_("Change role"))
        self.role_button.clicked.connect(lambda: self.change_role(str(self.role_combo.currentData())))
        self.active_button = QPushButton(_("Deactivate"))
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button = QPushButton(_("New password …"))
        self.password_button.clicked.connect(lambda: self.reset_password())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        rights = QLabel(_(
            "Counsellor: works with the youths; sees health notes only of the youths they follow. "
            "Manager: also sees every youth's health notes and edits the plan templates. "
            "Administrator: edits the office's rules, settings and users."
        ))  # fmt: skip
        rights.setWordWrap(True)
        self.note = QLabel(_("Only an administrator can change users."))
        theme.style(self.note, "color: {caution};")
        self.note.setVisible(not self.is_admin)
        row = QHBoxLayout()
        for widget in (
            self.add_button,
            self.role_combo,
            self.role_button,
            self.active_button,
            self.password_button,
        ):
            row.addWidget(widget)
            widget.setEnabled(self.is_admin)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 1)
        box.addLayout(row)
        box.addWidget(rights)
        box.addWidget(self.note)
        box.addWidget(close)
        self.reload()

    # -- reading ---------------------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        from navdesk.services.users import list_users

        with self._database.session() as session:
            self.users = list_users(session)
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            status = _("Active") if user.active else _("Deactivated")
            for col, text in enumerate((user.initials, user.name, _role_label(user.access_role), status)):
                item = QTableWidgetItem(text)
                if not user.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        wanted = select or (self.users[0].initials if self.users else None)
        for row, user in enumerate(self.users):
            if user.initials == wanted:
                self.table.selectRow(row)
        self._selection_changed()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.role_combo.setCurrentIndex(ROLES.index(user.access_role))
        self.active_button.setText(_("Deactivate") if user.active else _("Reactivate"))

    # -- changes ---------------------------------------------------------------------------------------
    def _write(self, change: Any, select: str | None = None) -> bool:
        from navdesk.errors import UserError

        try:
            with self._database.session() as session, session.begin():
                change(session)
        except UserError as exc:
            QMessageBox.warning(self, _("Users"), str(exc))
            return False
        self.reload(select)
        return True

    def add_user(self) -> AddUserDialog:
        from navdesk.services import users

        def save(form: AddUserDialog) -> None:
            password = form.password()
            with self._database.session() as session, session.begin():
                users.add_user(session, self._actor, name=form.name_edit.text(), initials=form.initials_edit.text(),
                               password=password, access_role=str(form.role_combo.currentData()))  # fmt: skip

        dialog = AddUserDialog(self, save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.reload(dialog.initials_edit.text().strip().upper()))
        dialog.open()
        return dialog

    def change_role(self, role: str) -> bool:
        from navdesk.services import users

        user = self.selected()
        if user is None:
            return False
        return self._write(lambda s: users.set_role(s, self._actor, user.id, role), user.initials)

    def toggle_active(self) -> bool:
        from navdesk.services import users

        user = self.selected()
        if user is None:
            return False
        if user.active:
            answer = QMessageBox.question(
                self, _("Users"),
                _("Deactivate {name} ({initials})? They can no longer sign in; what they did is kept.").format(
                    name=user.name, initials=user.initials),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self._write(
            lambda s: users.set_active(s, self._actor, user.id, not user.active), user.initials
        )

    def reset_password(self) -> PasswordDialog | None:
        from navdesk.services import users

        user = self.selected()
        if user is None:
            return None

        def save(form: PasswordDialog) -> None:
            password = form.password()
            with self._database.session() as session, session.begin():
                users.reset_password(session, self._actor, user.id, password)

        dialog = PasswordDialog(self, f"{user.name} ({user.initials})", save)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def add_users_action(window: Any, menu: Any) -> Any:
    """*Brukere …* in the Office menu of the main window."""
    action = menu.addAction(_("Users …"))
    action.setObjectName("usersAction")
    action.triggered.connect(lambda: open_users(window))
    window.users_action = action
    return action


def open_users(window: Any) -> UsersDialog | None:
    if not window._database_ready():
        return None
    dialog = UsersDialog(window.database, window.actor, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    window.users_dialog = dialog
    return dialog
