"""The app lock on the demo office (password ``demo-passord``): writing a summary, locking with Ctrl+L and
finding the draft intact; the idle lock; the growing wait after wrong passwords."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from navdesk.demo import DEMO_PASSWORD
from navdesk.domain.enums import MeetingStatus
from navdesk.i18n import _
from tests.ui.conftest import DEMO_DAY, open_window


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, ui_settings: Any) -> Any:
    made = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    yield made
    if made.app_lock is not None and made.app_lock.locked:
        made.app_lock.unlock()
    for editor in list(getattr(made._meetings_view, "editors", [])):
        editor._autosave.stop()


def _planned(db: Any) -> Any:
    from navdesk.services.meetings import week_plan

    with db.session() as s:
        return next(
            m for m in week_plan(s, date(2026, 11, 23)) if m.youth_id and m.status is MeetingStatus.PLANLAGT
        )


def _drafts(db: Any, user_id: Any) -> list[Any]:
    from navdesk.services.drafts import drafts_of

    with db.session() as s:
        return drafts_of(s, user_id)


def _covered(widget: Any, screen: Any) -> bool:
    """The lock screen is what shows at the widget's centre (the content behind it is hidden)."""
    window = widget.window()
    at = window.childAt(widget.mapTo(window, QPoint(widget.width() // 2, widget.height() // 2)))
    while at is not None and at is not screen:
        at = at.parentWidget()
    return at is screen


def test_writing_a_summary_locking_and_finding_the_draft_intact(
    qtbot: Any, window: Any, fixed_db: Any
) -> None:
    meeting = _planned(fixed_db)
    editor = window.open_meeting(meeting.id)
    qtbot.waitExposed(editor)
    assert _drafts(fixed_db, window.actor.user_id) == []
    editor.activateWindow()
    editor.summary_edit.setFocus()
    qtbot.keyClicks(editor.summary_edit, "Vi snakket om jobb & skole <3")
    editor.summary_edit.insertPlainText(" – æøå Đ Ŋ Ŧ")
    typed = editor.summary_edit.toPlainText()
    assert editor.draft_saved_at is None  # the autosave (2 s) has not run yet

    QTest.keyClick(
        editor.summary_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
    )  # Ctrl+L, in the editor
    lock = window.app_lock
    assert lock is not None and lock.locked
    # the draft is in the database at once, with the text as typed
    [draft] = _drafts(fixed_db, window.actor.user_id)
    assert draft.subject_id == meeting.id and draft.payload["summary"] == typed
    # both windows are covered; titles no longer name the youth
    for each in (window, editor):
        screen = lock.screens[each]
        assert screen.isVisible() and screen.geometry() == each.rect()
        assert each.windowTitle() == _("NavDesk – locked")
    assert _covered(editor.summary_edit, lock.screens[editor])
    assert _covered(window.portfolio.view, lock.screens[window])
    # input behind the lock goes nowhere: typing, clicks, shortcuts (Ctrl+M would open a new meeting)
    editors = list(window.meetings.editors)
    QTest.keyClicks(editor.summary_edit, "X")
    QTest.keyClick(window.portfolio.view, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.summary_edit.toPlainText() == typed and editor.is_dirty()  # not typed into, not saved
    assert window.meetings.editors == editors

    screen = lock.screens[editor]
    QTest.keyClicks(screen.password, "feil-passord")
    QTest.keyClick(screen.password, Qt.Key.Key_Return)
    assert lock.locked and screen.message.text() == _("Wrong password. Try again.")
    assert screen.password.text() == ""
    QTest.keyClicks(screen.password, DEMO_PASSWORD)
    QTest.keyClick(screen.password, Qt.Key.Key_Return)
    assert not lock.locked and lock.screens == {}
    qtbot.waitUntil(lambda: not screen.isVisible())
    assert editor.summary_edit.toPlainText() == typed  # still there, unsaved, as it was
    assert editor.windowTitle() != _("NavDesk – locked") and editor.is_dirty()
    assert not _covered(editor.summary_edit, screen)


def test_the_lock_comes_after_the_idle_time_and_input_postpones_it(qtbot: Any, window: Any) -> None:
    from navdesk.services.lock import DEFAULT_IDLE_MINUTES

    lock = window.start_lock()
    assert lock.idle_ms == DEFAULT_IDLE_MINUTES * 60_000
    lock.set_idle_ms(800)
    for _i in range(12):  # 1.2 s of use: mouse moves keep it open
        QTest.mouseMove(window.portfolio.view.viewport(), QPoint(10 + _i, 10))
        qtbot.wait(100)
        assert not lock.locked
    qtbot.waitUntil(lambda: lock.locked, timeout=5000)
    assert window.screens["portfolio"].isVisible() and lock.screens[window].isVisible()
    assert lock.try_unlock(DEMO_PASSWORD) and not lock.locked


def test_three_wrong_passwords_start_a_growing_wait(qtbot: Any, window: Any) -> None:
    now = [1000.0]
    lock = window.start_lock()
    lock.clock = lambda: now[0]
    window.lock()
    screen = lock.screens[window]
    assert not lock.try_unlock("feil1") and not lock.try_unlock("feil2")
    assert lock.seconds_to_wait() == 0 and screen.password.isEnabled()
    assert not lock.try_unlock("feil3")  # the third in a row: 5 s
    assert lock.seconds_to_wait() == 5 and not screen.password.isEnabled()
    assert screen.message.text() == _("Wrong password. Wait {n} seconds before trying again.").format(n=5)
    assert not lock.try_unlock(DEMO_PASSWORD) and lock.locked  # even the right one waits
    now[0] += 5
    assert not lock.try_unlock("feil4")  # the fourth: 10 s
    assert lock.seconds_to_wait() == 10
    now[0] += 9
    assert not lock.try_unlock(DEMO_PASSWORD) and lock.locked
    now[0] += 1
    assert lock.try_unlock(DEMO_PASSWORD) and not lock.locked
    window.lock()  # a new lock starts counting from nothing
    assert not lock.try_unlock("feil") and lock.seconds_to_wait() == 0
    assert lock.try_unlock(DEMO_PASSWORD)


def test_the_user_chooses_the_lock_time_and_an_admin_the_offices(
    qtbot: Any, window: Any, fixed_db: Any
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QInputDialog

    from navdesk.services.context import actor_for
    from navdesk.services.lock import idle_minutes

    def answer(value: int) -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setIntValue(value)
        dialog.accept()

    QTimer.singleShot(200, lambda: answer(3))
    assert window.choose_lock_time() == 3
    assert window.app_lock.idle_ms == 3 * 60_000
    assert window.office_lock_time_action.isVisible()  # KN is an admin
    QTimer.singleShot(200, lambda: answer(20))
    assert window.choose_lock_time(office_wide=True) == 20
    with fixed_db.session() as s:
        assert idle_minutes(s, window.actor.user_id) == 3  # her own choice wins
        assert idle_minutes(s, actor_for(s, "OB").user_id) == 20  # the others follow the office
