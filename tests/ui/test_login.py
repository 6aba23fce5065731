"""Signing in on an office with several users (the demo office: KN admin, OB veileder, SL leder, password
``demo-passord``): the window opens covered, three wrong passwords start a wait, the right one opens the
window for that user; audited; the last user is remembered; one user means no sign-in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from navdesk.demo import DEMO_PASSWORD
from navdesk.i18n import _
from tests.ui.conftest import open_window


def _audited(db: Any) -> list[tuple[str, str]]:
    from navdesk.services import audit

    with db.session() as s:
        events = audit.events(s, limit=50)
    return [(e["action"], e["user"]) for e in reversed(events) if e["action"] in ("login", "login_failed")]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_wrong_passwords_then_a_wait_then_the_right_one_opens(
    qtbot: Any, demo_db: Any, ui_settings: Any, tmp_path: Path
) -> None:
    from navdesk.ui.login import LoginGate, apply_actor, checker, users_of

    window = open_window(qtbot, demo_db, ui_settings)
    clock = Clock()
    gate = LoginGate(window, users_of(demo_db), checker(window), office=window.office, settings=ui_settings,
                     preselect="ob", clock=clock)  # fmt: skip
    gate.signed_in.connect(lambda actor: apply_actor(window, actor))
    screen = gate.screen
    qtbot.waitExposed(window)
    assert screen.isVisible() and screen.geometry() == window.rect()
    assert screen.user_combo.currentText() == "Ola Bø (OB)"  # --user / NAVDESK_USER preselects
    window.grab().save(str(tmp_path / "innlogging.png"))  # docs/screenshots: scripts/screenshots.py
    # Ctrl+N behind the cover does nothing
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert not [w for w in window.findChildren(object) if type(w).__name__ == "YouthForm"]
    for _attempt in range(3):
        screen.password.setText("feil-passord")
        QTest.keyClick(screen.password, Qt.Key.Key_Return)
        assert gate.active
    assert gate.failures == 3 and gate.seconds_to_wait() == 5
    assert screen.message.text() == _("Wrong password. Wait {n} seconds before trying again.").format(n=5)
    assert not screen.password.isEnabled() and not screen.sign_in_button.isEnabled()
    window.grab().save(str(tmp_path / "wait.png"))
    assert not gate.try_sign_in(screen.chosen(), DEMO_PASSWORD)  # the right one, but still waiting
    assert gate.active and "5" in screen.message.text()
    clock.now += 6
    gate._end_wait()
    # typed initials choose the user too
    screen.user_combo.setEditText("sl")
    assert screen.chosen() is not None and screen.chosen().initials == "SL"
    screen.user_combo.setEditText("ola bø")
    screen.password.setText(DEMO_PASSWORD)
    with qtbot.waitSignal(gate.signed_in):
        QTest.keyClick(screen.password, Qt.Key.Key_Return)
    assert not gate.active and window.actor.initials == "OB"
    assert window.user_label.text() == _("Signed in: {initials}").format(initials="OB")
    assert window.portfolio._actor.initials == "OB"
    assert (
        getattr(window, "office_lock_time_action", None) is None
        or not window.office_lock_time_action.isVisible()
    )
    assert _audited(demo_db) == [("login_failed", "OB")] * 3 + [("login", "OB")]
    window.lock()  # a wrong password on the lock screen is audited too
    assert not window.app_lock.try_unlock("feil-igjen") and window.app_lock.try_unlock(DEMO_PASSWORD)
    with demo_db.session() as s:
        from navdesk.services import audit

        assert audit.events(s, limit=1)[0]["action"] == "unlock_failed"
        assert audit.events(s, limit=1)[0]["user"] == "OB"
    window.app_lock.stop()
    assert ui_settings.value("login/last_user") == "OB"
    # the next start offers OB first
    other = open_window(qtbot, demo_db, ui_settings)
    again = LoginGate(other, users_of(demo_db), checker(other), settings=ui_settings)
    assert "(OB)" in again.screen.user_combo.currentText()
    again.finish(other.actor)


def test_start_up_covers_the_window_until_signed_in_and_then_starts_the_day(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fast start path (decision 0007) with several users: first paint with the sign-in screen, the full
    open behind it, and the deadlines, today's meetings and the idle lock only once signed in."""
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo
    from navdesk.ui import app
    from navdesk.ui.settings import ui_settings

    path = tmp_path / "demo.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=20, seed=2)
    db.close()
    monkeypatch.setenv("NAVDESK_USER", "SL")  # preselects, does not sign in
    pending, actor, quick = app.open_office(path, None, None)  # type: ignore[misc]
    assert quick is not None and len(quick.users) == 3
    window = app._open_window(app.make_app(), pending, actor, quick, ui_settings(tmp_path), "SL", bench=False)
    qtbot.addWidget(window)
    gate = window.login_gate
    assert gate.active and "(SL)" in gate.screen.user_combo.currentText()
    qtbot.waitUntil(lambda: not isinstance(window.database, app.PendingDatabase), timeout=20_000)
    assert window.app_lock is None and window.deadlines_book is None  # nothing started for nobody
    gate.screen.password.setText(DEMO_PASSWORD)
    gate.screen.sign_in_button.click()
    assert window.actor.initials == "SL" and window.app_lock is not None
    qtbot.waitUntil(lambda: window.deadlines_book is not None, timeout=30_000)
    window.app_lock.stop()
    window.database.close()


def test_one_user_means_no_sign_in(qtbot: Any, tmp_path: Path) -> None:
    from navdesk.db.opening import create_database
    from navdesk.services.office import create_office
    from navdesk.ui import app
    from navdesk.ui.settings import ui_settings

    path = tmp_path / "one.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                      admin_initials="KN", password="passord123")  # fmt: skip
    db.close()
    pending, actor, quick = app.open_office(path, None, None)  # type: ignore[misc]
    window = app._open_window(app.make_app(), pending, actor, quick, ui_settings(tmp_path), None, bench=False)
    qtbot.addWidget(window)
    assert getattr(window, "login_gate", None) is None and window.actor.initials == "KN"
    assert window.file_menu.findChild(object, "switchUser") is None
    qtbot.waitUntil(lambda: window.app_lock is not None, timeout=20_000)  # the day started by itself
    window.app_lock.stop()
    qtbot.waitUntil(lambda: window.deadlines_book is not None, timeout=30_000)
    window.database.close()


def test_switch_user_keeps_the_drafts_and_signs_in_the_next_user(
    qtbot: Any, tmp_path: Path, ui_settings: Any
) -> None:
    from navdesk.db.opening import open_database
    from navdesk.services.drafts import drafts_of
    from navdesk.services.meetings import meeting_rows
    from navdesk.ui import app
    from navdesk.ui.login import LoginUser

    path = _demo_file(tmp_path)
    database = open_database(path)
    from navdesk.services.context import actor_for

    with database.session() as s:
        meeting = next(r for r in meeting_rows(s) if r.youth_id is not None)
        first_admin = actor_for(s)
    window = app._open_window(app.make_app(), database, first_admin, None, ui_settings, "KN", bench=False)
    qtbot.addWidget(window)
    assert [u.initials for u in window.login_gate.users] == ["KN", "OB", "SL"]
    assert isinstance(window.login_gate.users[0], LoginUser)
    window.login_gate.screen.password.setText(DEMO_PASSWORD)
    window.login_gate.screen.sign_in_button.click()
    assert window.actor.initials == "KN"
    editor = window.open_meeting(meeting.id)
    qtbot.waitExposed(editor)
    editor.summary_edit.setPlainText("Halvskrevet referat – æøå")
    switch = next(a for a in window.file_menu.actions() if a.objectName() == "switchUser")
    switch.trigger()
    assert window.switching_user and not window.isVisible() and not editor.isVisible()
    with database.session() as s:
        [draft] = drafts_of(s, window.actor.user_id)
    assert draft.payload["summary"] == "Halvskrevet referat – æøå"
    again = app._open_window(
        app.make_app(), window.database, window.actor, None, ui_settings, None, bench=False
    )
    qtbot.addWidget(again)
    gate = again.login_gate
    assert gate.active and "(KN)" in gate.screen.user_combo.currentText()  # the last user first
    gate.screen.user_combo.setEditText("SL")
    gate.screen.password.setText(DEMO_PASSWORD)
    gate.screen.sign_in_button.click()
    assert again.actor.initials == "SL" and again.app_lock is not None
    again.app_lock.stop()
    qtbot.waitUntil(lambda: again.deadlines_book is not None, timeout=30_000)
    if window.app_lock is not None:
        window.app_lock.stop()
    database.close()


def _demo_file(tmp_path: Path) -> Path:
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    path = tmp_path / "demo.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=20, seed=2)
    db.close()
    return path


def test_run_signs_in_switches_user_and_ends(qtbot: Any, tmp_path: Path) -> None:
    """The real start (``navdesk.ui.app.run``, fast path): sign in as KN, switch user, sign in as SL, close."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from navdesk.ui import app
    from navdesk.ui.main_window import MainWindow

    path = _demo_file(tmp_path)
    seen: list[Any] = []
    done: list[str] = []

    def windows() -> list[Any]:
        return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def step() -> None:
        shown = [w for w in windows() if w not in seen]
        if len(seen) < 2 and shown:
            window = shown[0]
            gate = window.login_gate
            if isinstance(window.database, app.PendingDatabase) or not gate.active:
                return
            seen.append(window)
            gate.screen.user_combo.setEditText("KN" if len(seen) == 1 else "SL")
            gate.screen.password.setText(DEMO_PASSWORD)
            gate.screen.sign_in_button.click()
            done.append(window.actor.initials)
            if len(seen) == 1:
                QTimer.singleShot(0, lambda: next(a for a in window.file_menu.actions()
                                                  if a.objectName() == "switchUser").trigger())  # fmt: skip
            else:
                QTimer.singleShot(0, window.close)
            return

    timer = QTimer()
    timer.timeout.connect(step)
    timer.start(50)
    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: [w.close() for w in windows()])
    safety.start(90_000)
    try:
        code = app.run(db=path, data_dir=tmp_path / "data")
    finally:
        timer.stop()
        safety.stop()
    assert code == 0 and done == ["KN", "SL"]
    assert not windows()
