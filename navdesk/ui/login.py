"""Signing in when the office database has more than one active user (issue 9).

The main window opens at once (decision 0007: its first paint needs no SQLAlchemy) but covered by the
sign-in screen: choose who you are (by name or initials; the last user on this machine comes first, or the
one ``--user`` / ``NAVDESK_USER`` names) and give your password. Nothing behind the cover can be seen or
used until then: input and shortcuts reach only the sign-in screen. Three wrong passwords in a row start a
wait that grows with each further wrong one (:func:`navdesk.services.lock.unlock_wait`). Every sign-in and
every wrong password is in the audit trail (:func:`navdesk.services.users.sign_in`), never the password.

*Fil → Bytt bruker* closes the open records and editors (their drafts are kept) and opens the window again
for the next user, behind the same screen.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from navdesk.i18n import _
from navdesk.ui.lock import INPUT_EVENTS, CoverScreen, unlock_wait

LAST_USER_KEY = "login/last_user"


@dataclass(frozen=True)
class LoginUser:
    """One user offered on the sign-in screen (``id`` as a hex string: no Python objects in Qt data)."""

    id: str
    initials: str
    name: str


def users_of(database: Any) -> list[LoginUser]:
    """The active users of an opened database."""
    from navdesk.services.users import active_users

    with database.session() as session:
        return [LoginUser(u.id.hex, u.initials, u.name) for u in active_users(session)]


class LoginScreen(CoverScreen):
    """The cover over the main window: who you are, your password, *Logg inn*."""

    def __init__(self, window: QWidget, gate: LoginGate) -> None:
        super().__init__(window, "loginScreen", _("Sign in to NavDesk"))
        self._gate = gate
        office = QLabel(gate.office)
        self.user_combo = QComboBox()
        self.user_combo.setAccessibleName(_("Who are you?"))
        self.user_combo.setEditable(True)  # type a name or initials; the list completes it
        self.user_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.user_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        for user in gate.users:
            self.user_combo.addItem(f"{user.name} ({user.initials})", user.id)
        self.user_combo.setMinimumWidth(300)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Password"))
        self.password.setPlaceholderText(_("Your password"))
        self.password.returnPressed.connect(self._sign_in)
        self.sign_in_button = QPushButton(_("Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._sign_in)
        form = QFormLayout()
        form.addRow(QLabel(_("User:")), self.user_combo)
        form.addRow(QLabel(_("Password:")), self.password)
        panel = QWidget()
        panel.setLayout(form)
        self.place(window, [office, panel, self.sign_in_button], spacing=10)

    def chosen(self) -> LoginUser | None:
        """The user chosen in the list, or the one whose initials or name were typed."""
        typed = self.user_combo.currentText().strip().casefold()
        index = self.user_combo.currentIndex()
        if index >= 0 and self.user_combo.itemText(index).casefold() == typed:
            return self._gate.user(str(self.user_combo.itemData(index)))
        for user in self._gate.users:
            if typed in (
                user.initials.casefold(),
                user.name.casefold(),
                f"{user.name} ({user.initials})".casefold(),
            ):
                return user
        return None

    def choose(self, initials: str | None) -> bool:
        for i, user in enumerate(self._gate.users):
            if initials and user.initials.upper() == initials.strip().upper():
                self.user_combo.setCurrentIndex(i)
                return True
        return False

    def _sign_in(self) -> None:
        self._gate.try_sign_in(self.chosen(), self.password.text())

    def set_waiting(self, waiting: bool) -> None:
        for widget in (self.password, self.sign_in_button, self.user_combo):
            widget.setEnabled(not waiting)
        if not waiting:
            self.password.setFocus()


class LoginGate(QObject):
    """Covers ``window`` until a user signs in; ``signed_in(actor)`` then.

    ``check(user_id_hex, password)`` returns the acting user or None (it audits both); it may raise
    :class:`navdesk.errors.UserError` (the database is still being opened, say): the message is shown and no
    try is counted. ``clock`` gives seconds (tests pin it).
    """

    signed_in = Signal(object)

    def __init__(
        self, window: QWidget, users: list[LoginUser], check: Callable[[str, str], Any], *,
        office: str = "", settings: QSettings | None = None, preselect: str | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        super().__init__(window)
        self.window = window
        self.users = users
        self.office = office
        self._check = check
        self._settings = settings
        self.clock = clock
        self.failures = 0
        self.wait_until = 0.0
        self.active = True
        self.actor: Any = None
        self._titles = window.windowTitle()
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._end_wait)
        self.screen = LoginScreen(window, self)
        remembered = settings.value(LAST_USER_KEY) if settings is not None else None
        if not self.screen.choose(preselect) and not self.screen.choose(str(remembered or "")):
            self.screen.user_combo.setCurrentIndex(0)
        self.screen.password.setFocus()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def user(self, ident: str) -> LoginUser | None:
        return next((u for u in self.users if u.id == ident), None)

    def seconds_to_wait(self) -> int:
        return max(0, math.ceil(self.wait_until - self.clock()))

    def try_sign_in(self, user: LoginUser | None, password: str) -> bool:
        """Sign in as ``user``; False, with a message on the screen, when that cannot be done."""
        from navdesk.errors import UserError

        if not self.active:
            return True
        if self.seconds_to_wait() > 0:
            self._say(_("Wait {n} seconds before trying again.").format(n=self.seconds_to_wait()))
            return False
        if user is None:
            self._say(_("Choose who you are in the list (name or initials)."))
            return False
        if not password:
            self._say(_("Type your password."))
            return False
        try:
            actor = self._check(user.id, password)
        except UserError as exc:
            self._say(str(exc))
            return False
        if actor is None:
            self.failures += 1
            self.screen.password.clear()
            wait = unlock_wait(self.failures)
            if wait > 0:
                self.wait_until = self.clock() + wait
                self.screen.set_waiting(True)
                self._wait.start(int(wait * 1000))
                self._say(
                    _("Wrong password. Wait {n} seconds before trying again.").format(n=math.ceil(wait))
                )
            else:
                self._say(_("Wrong password for {name}. Try again.").format(name=user.name))
            return False
        if self._settings is not None:
            self._settings.setValue(LAST_USER_KEY, user.initials)
            self._settings.sync()
        self.finish(actor)
        return True

    def finish(self, actor: Any) -> None:
        self.active = False
        self.actor = actor
        self._wait.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.screen.detach()
        self.signed_in.emit(actor)

    def _say(self, text: str) -> None:
        self.screen.message.setText(text)

    def _end_wait(self) -> None:
        self.screen.set_waiting(False)
        self.screen.message.setText("")

    # -- nothing behind the screen can be used -------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.Shortcut:
            return True
        if kind in INPUT_EVENTS and isinstance(obj, QWidget):
            node: QObject | None = obj
            while node is not None:
                if node is self.screen:
                    return False
                node = node.parent()
            return obj.window() is self.window  # (a message box or a list's popup is a window of its own)
        return False


# -- the main window -----------------------------------------------------------------------------------
def checker(window: Any) -> Callable[[str, str], Any]:
    """``check`` for a :class:`LoginGate` over the window's database (audited sign-in)."""

    def check(user_id: str, password: str) -> Any:
        import uuid

        from navdesk.errors import UserError
        from navdesk.ui.app import PendingDatabase

        if isinstance(window.database, PendingDatabase):
            raise UserError(_("The database is still being opened; try again in a moment."))
        from navdesk.services.users import sign_in

        with window.database.session() as session, session.begin():
            return sign_in(session, uuid.UUID(user_id), password)

    return check


def apply_actor(window: Any, actor: Any) -> None:
    """The window now works for ``actor``: the portfolio's "mine", the status bar, the role's menu items."""
    window.actor = actor
    window.portfolio.set_actor(actor)
    window.user_label.setText(_("Signed in: {initials}").format(initials=actor.initials))
    admin = str(actor.access_role) == "admin"
    office_lock = getattr(window, "office_lock_time_action", None)
    if office_lock is not None:
        office_lock.setVisible(admin)
    elif admin:
        window.office_lock_time_action = window.settings_menu.addAction(_("Lock time for the whole office …"))
        window.office_lock_time_action.triggered.connect(lambda: window.choose_lock_time(office_wide=True))


def gate_window(
    window: Any, users: list[LoginUser], *, settings: QSettings | None = None, preselect: str | None = None
) -> LoginGate:
    """Cover the window with the sign-in screen; once signed in the window works for that user."""
    gate = LoginGate(window, users, checker(window), office=getattr(window, "office", "") or "",
                     settings=settings, preselect=preselect)  # fmt: skip
    gate.signed_in.connect(lambda actor: apply_actor(window, actor))
    window.login_gate = gate
    return gate


def add_switch_user(window: Any, menu: Any, on_switch: Callable[[], None]) -> Any:
    """*Bytt bruker / logg ut* in the File menu (only where the office has several users)."""
    action = menu.addAction(_("Switch user / sign out …"))
    action.setObjectName("switchUser")
    action.triggered.connect(lambda: sign_out(window, on_switch))
    return action


def sign_out(window: Any, on_switch: Callable[[], None]) -> bool:
    """Store every draft, close the other windows, then ``on_switch`` (which opens the window again behind the
    sign-in screen). False when a window stayed open (its owner said no)."""
    from navdesk.ui.lock import AppLock

    others = [w for w in QApplication.topLevelWidgets() if w.isWindow() and w.isVisible() and w is not window
              and w.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)]  # fmt: skip
    for each in (window, *others):
        AppLock._flush_drafts(each)
    for each in others:
        each.close()
    if any(w.isVisible() for w in others):
        return False
    on_switch()
    return True
