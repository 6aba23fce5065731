"""The app lock: after some idle minutes, or on Ctrl+L, every NavDesk window is covered by a lock screen
and only the signed-in user's password opens it again.

* The content is hidden, not closed: each visible window (the main window, meeting editors, youth
  records, open dialogs) gets an opaque cover, and window titles that may name a youth read
  "NavDesk – locked". What was being typed stays where it was; before locking, every window that keeps
  drafts (``flush_draft()``, the meeting editor) stores its draft in the database.
* While locked, keyboard and mouse input reaches only the lock screens (an application event filter),
  so no shortcut, menu or button behind them works.
* Three wrong passwords in a row start a wait that doubles with each further wrong one
  (:func:`navdesk.services.lock.unlock_wait`).

The rules and the password check are in :mod:`navdesk.services.lock`; this module is built after the
first paint (decision 0007).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.i18n import _

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel, QEvent.Type.ContextMenu,
    QEvent.Type.TabletPress, QEvent.Type.TouchBegin,
})  # fmt: skip
ACTIVITY_EVENTS = INPUT_EVENTS | {QEvent.Type.MouseMove}


def unlock_wait(failures: int) -> float:
    from navdesk.services.lock import unlock_wait as wait

    return wait(failures)


class CoverScreen(QFrame):
    """An opaque cover over a whole window with a title, a centred column of widgets and a message line:
    the lock screen, and the sign-in screen (:mod:`navdesk.ui.login`). It follows the window's size and
    stays on top of widgets added later."""

    def __init__(self, window: QWidget, name: str, title_text: str) -> None:
        super().__init__(window)
        self.setObjectName(name)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            f"#{name} {{ background: #1b3a5c; }} #{name} QLabel {{ color: white; }}"
            f" #{name} #coverMessage {{ color: #ffd6d6; }}"
        )
        self.setAccessibleName(title_text)
        self.title = QLabel(title_text)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.message = QLabel()
        self.message.setObjectName("coverMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMinimumWidth(420)  # room for "Wrong password. Wait 10 seconds …" on one line

    def place(self, window: QWidget, widgets: list[QWidget], spacing: int = 8) -> None:
        """Lay out title, ``widgets`` and the message in the middle, and cover ``window``."""
        box = QVBoxLayout(self)
        box.setSpacing(spacing)
        box.addStretch(2)
        for widget in (self.title, *widgets, self.message):
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(3)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            self.setGeometry(obj.rect())
            self.raise_()
        elif event.type() == QEvent.Type.ChildAdded:
            QTimer.singleShot(0, self.raise_)  # a widget added behind stays behind
        return False

    def detach(self) -> None:
        window = self.parentWidget()
        if window is not None:
            window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockScreen(CoverScreen):
    """The cover over one window: who is signed in, the password field and the Unlock button."""

    def __init__(self, window: QWidget, lock: AppLock) -> None:
        super().__init__(window, "lockScreen", _("NavDesk is locked"))
        self._lock = lock
        who = QLabel(lock.who)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("Your password"))
        self.password.setAccessibleName(_("Password to unlock"))
        self.password.setMinimumWidth(260)
        self.password.returnPressed.connect(self._unlock)
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.clicked.connect(self._unlock)
        self.place(window, [who, self.password, self.unlock_button])

    def _unlock(self) -> None:
        self._lock.try_unlock(self.password.text(), self)

    def set_waiting(self, waiting: bool) -> None:
        self.password.setEnabled(not waiting)
        self.unlock_button.setEnabled(not waiting)
        if not waiting:
            self.password.setFocus()


class AppLock(QObject):
    """Locks every NavDesk window after ``idle_ms`` without input (0: never) or when :meth:`lock` is called.

    ``check(password) -> bool`` checks the password; ``who`` is shown on the lock screen; ``clock`` gives
    seconds (tests pin it). ``locked_changed(bool)`` after locking and unlocking.
    """

    locked_changed = Signal(bool)

    def __init__(
        self, parent: QObject, check: Callable[[str], bool], *, who: str = "", idle_ms: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._check = check
        self.who = who
        self.clock = clock
        self.locked = False
        self.failures = 0
        self.wait_until = 0.0
        self.screens: dict[QWidget, LockScreen] = {}
        self._titles: dict[QWidget, str] = {}
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.lock)
        self._wait = QTimer(self)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._end_wait)
        self.stopped = False
        self.set_idle_ms(idle_ms)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def stop(self) -> None:
        """The main window closes: no more locking, the covers go, the event filter is removed."""
        self.stopped = True
        self._idle.stop()
        self._wait.stop()
        if self.locked:
            self.unlock()
        self._idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- idle time ---------------------------------------------------------------------------------
    def set_idle_ms(self, ms: int) -> None:
        self.idle_ms = max(0, int(ms))
        self._restart_idle()

    def _restart_idle(self) -> None:
        if self.idle_ms > 0 and not self.locked and not self.stopped:
            self._idle.start(self.idle_ms)
        else:
            self._idle.stop()

    # -- locking -----------------------------------------------------------------------------------
    def lock(self) -> None:
        """Store drafts, cover every window, and let input reach only the lock screens."""
        if self.locked or self.stopped:
            return
        self._idle.stop()
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        while (popup := app.activePopupWidget()) is not None:  # an open menu closes
            popup.close()
        for window in self._windows():
            self._flush_drafts(window)
        self.locked = True
        for window in self._windows():
            self._cover(window)
        self._focus_screen()
        self.locked_changed.emit(True)

    @staticmethod
    def _windows() -> list[QWidget]:
        return [w for w in QApplication.topLevelWidgets()
                if w.isWindow() and w.isVisible() and not isinstance(w, LockScreen)
                and w.windowType() not in (Qt.WindowType.Popup, Qt.WindowType.ToolTip)]  # fmt: skip

    @staticmethod
    def _flush_drafts(window: QWidget) -> None:
        for widget in (window, *window.findChildren(QWidget)):
            flush = getattr(widget, "flush_draft", None)
            if callable(flush):
                flush()

    def _cover(self, window: QWidget) -> None:
        if window in self.screens:
            return
        self._titles[window] = window.windowTitle()
        window.setWindowTitle(_("NavDesk – locked"))
        screen = LockScreen(window, self)
        screen.set_waiting(self.clock() < self.wait_until)
        screen.password.setFocus()  # the window's focus: typing goes there when it is active
        screen.destroyed.connect(lambda _obj=None, w=window: self.screens.pop(w, None))
        self.screens[window] = screen

    def _focus_screen(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        target = app.activeModalWidget() or app.activeWindow()
        screen = self.screens.get(target) if target is not None else None
        if screen is None and self.screens:
            screen = next(iter(self.screens.values()))
        if screen is not None:
            screen.password.setFocus()

    # -- unlocking ---------------------------------------------------------------------------------
    def seconds_to_wait(self) -> int:
        return max(0, math.ceil(self.wait_until - self.clock()))

    def try_unlock(self, password: str, screen: LockScreen | None = None) -> bool:
        """Unlock with the user's password; False (and a message on the lock screens) when it is wrong
        or the wait after wrong passwords is not over."""
        if not self.locked:
            return True
        if self.seconds_to_wait() > 0:
            self._say(_("Wait {n} seconds before trying again.").format(n=self.seconds_to_wait()))
            return False
        try:
            right = self._check(password)
        except Exception as exc:  # the database is gone or locked: say so, stay locked
            self._say(_("The password could not be checked: {error}").format(error=type(exc).__name__))
            return False
        if right:
            self.unlock()
            return True
        self.failures += 1
        wait = unlock_wait(self.failures)
        for each in self.screens.values():
            each.password.clear()
        if wait > 0:
            self.wait_until = self.clock() + wait
            for each in self.screens.values():
                each.set_waiting(True)
            self._wait.start(int(wait * 1000))
            self._say(_("Wrong password. Wait {n} seconds before trying again.").format(n=math.ceil(wait)))
        else:
            self._say(_("Wrong password. Try again."))
        return False

    def _say(self, text: str) -> None:
        for screen in self.screens.values():
            screen.message.setText(text)

    def _end_wait(self) -> None:
        for screen in self.screens.values():
            screen.set_waiting(False)
            screen.message.setText("")
        self._focus_screen()

    def unlock(self) -> None:
        self.locked = False
        self.failures = 0
        self.wait_until = 0.0
        self._wait.stop()
        for window, screen in list(self.screens.items()):
            screen.detach()
            title = self._titles.pop(window, None)
            if title is not None:
                window.setWindowTitle(title)
        self.screens.clear()
        self._titles.clear()
        self._restart_idle()
        self.locked_changed.emit(False)

    # -- input -------------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.locked:
            if kind in ACTIVITY_EVENTS and self.idle_ms > 0 and not self.stopped:
                self._idle.start(self.idle_ms)  # any input counts as activity
            return False
        if kind == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow():
            if not isinstance(obj, LockScreen) and obj.windowType() not in (
                Qt.WindowType.Popup,
                Qt.WindowType.ToolTip,
            ):
                QTimer.singleShot(0, lambda w=obj: self._cover_if_shown(w))  # a window opened meanwhile
            return False
        if kind == QEvent.Type.Shortcut:
            return True  # no menu or shortcut works behind the lock
        if kind in INPUT_EVENTS and isinstance(obj, QWidget):  # (a QWindow hands its input on to a widget)
            if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and event.key() in (  # type: ignore[attr-defined]
                Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab,
            ):
                return True  # focus stays on the lock screen
            return not self._on_screen(obj)
        return False

    def _cover_if_shown(self, window: QWidget) -> None:
        if self.locked and window.isVisible():
            self._cover(window)

    def _on_screen(self, obj: QObject) -> bool:
        node: QObject | None = obj
        while node is not None:
            if isinstance(node, LockScreen):
                return True
            node = node.parent()
        return False


def lock_for(window: Any, idle_minutes: int) -> AppLock:
    """The lock of the main window: the signed-in user's password through the window's database."""

    def check(password: str) -> bool:
        from navdesk.services.lock import check_password
        from navdesk.services.users import record_failed_login

        with window.database.session() as session, session.begin():
            right = check_password(session, window.actor.user_id, password)
            if not right:  # in the audit trail like a wrong password when signing in
                record_failed_login(session, window.actor.user_id, action="unlock_failed")
            return right

    who = _("Signed in: {initials}").format(initials=window.actor.initials)
    return AppLock(window, check, who=who, idle_ms=idle_minutes * 60_000)
