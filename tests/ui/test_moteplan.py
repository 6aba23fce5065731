"""Møteplan in the main window over the fixed-date demo office: week 48 by day, today highlighted,
week navigation, opening and creating meetings, Mine forpliktelser, the print signals; the record's
meetings-and-contacts timeline with its "New meeting …" button."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QModelIndex, Qt

from navdesk.domain.enums import MeetingStatus
from navdesk.i18n import _
from tests.ui.conftest import DEMO_DAY, open_window


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, ui_settings: Any) -> Iterator[Any]:
    win = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    yield win
    for editor in list(win.meetings.editors):
        if shiboken6.isValid(editor):
            editor._autosave.stop()
            shiboken6.delete(editor)


def _plan(window: Any) -> Any:
    window.show_screen("meetings")
    return window.meetings


def _meeting_index(plan: Any, predicate: Any) -> QModelIndex:
    model = plan.model
    for day in range(model.rowCount()):
        parent = model.index(day, 0)
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            if predicate(model.meeting_at(index)):
                return index
    raise AssertionError("no such meeting")


def test_meetings_screen_follows_deadlines_and_shows_the_week(window: Any, qtmodeltester: Any) -> None:
    keys = list(window.screens)
    assert keys.index("meetings") == keys.index("deadlines") + 1
    assert window.nav.item(keys.index("meetings")).text() == _("Meetings")
    plan = _plan(window)
    assert window.stack.currentWidget() is plan and plan.loaded
    assert plan.week_label.text() == _("Week {week}").format(week=48)
    assert plan.range_label.text() == "23.11.2026 – 29.11.2026"
    model = plan.model
    days = [day for day, _items in model.days()]
    assert days[:5] == [date(2026, 11, 23 + i) for i in range(5)]  # Monday–Friday always
    today_row = days.index(DEMO_DAY)
    today = model.index(today_row, 0)
    assert today.data().endswith(_("{day} – today").format(day="").strip())
    assert model.data(today, Qt.ItemDataRole.BackgroundRole) is not None  # highlighted
    other = model.index(0, 0)
    assert model.data(other, Qt.ItemDataRole.BackgroundRole) is None
    for row in range(model.rowCount(today)):
        assert model.data(model.index(row, 1, today), Qt.ItemDataRole.BackgroundRole) is not None
    times = [m.starts_at for _d, items in model.days() for m in items]
    assert times == sorted(times)
    cancelled = [m for _d, items in model.days() for m in items if m.status is MeetingStatus.AVLYST]
    assert cancelled, "a cancelled meeting stays in the week"
    index = _meeting_index(plan, lambda m: m.status is MeetingStatus.AVLYST)
    assert model.index(index.row(), 4, index.parent()).data() == MeetingStatus.AVLYST.label
    qtmodeltester.check(model)
    qtmodeltester.check(plan.mine_model)

    plan.next_button.click()
    assert plan.week_label.text() == _("Week {week}").format(week=49)
    assert plan.this_week_button.isEnabled()
    plan.previous_button.click()
    plan.previous_button.click()
    assert plan.week_label.text() == _("Week {week}").format(week=47)
    qtmodeltester.check(model)
    plan.this_week_button.click()
    assert plan.week_label.text() == _("Week {week}").format(week=48)


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform cannot raise windows
def test_double_click_opens_the_editor_and_saving_updates_the_week(window: Any, qtbot: Any) -> None:
    plan = _plan(window)
    index = _meeting_index(plan, lambda m: m.status is MeetingStatus.PLANLAGT and m.youth_id)
    meeting = plan.model.meeting_at(index)
    rect = plan.view.visualRect(index)
    qtbot.mouseClick(plan.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(plan.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [e.meeting_id for e in plan.editors] == [meeting.id]
    editor = plan.editors[0]
    assert plan.open_editor(meeting.id) is editor  # an open one is raised, not opened twice
    editor.place_edit.setText("Rom 2")
    editor.save()
    again = plan.model.meeting_at(_meeting_index(plan, lambda m: m.id == meeting.id))
    assert again.place == "Rom 2"


def test_ctrl_m_opens_a_new_meeting_and_commitments_are_listed(window: Any, qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    plan = _plan(window)
    assert plan.mine_model.rowCount() == 0  # the demo's actions are for the youths
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert len(plan.editors) == 1
    editor = plan.editors[0]
    assert editor.meeting_id is None
    editor.youth_combo.setCurrentIndex(1)
    editor.date_edit.setDate(QDate(2026, 11, 26))
    late = editor.add_action_row("Sende referat til OT")
    editor.action_table.cellWidget(late, 1).setCurrentIndex(
        editor.action_table.cellWidget(late, 1).findData(str(window.actor.user_id))
    )
    editor.action_table.cellWidget(late, 2).setDate(QDate(2026, 11, 20))
    soon = editor.add_action_row("Ringe mor")
    editor.action_table.cellWidget(soon, 1).setCurrentIndex(
        editor.action_table.cellWidget(soon, 1).findData(str(window.actor.user_id))
    )
    editor.action_table.cellWidget(soon, 2).setDate(QDate(2026, 11, 30))
    assert editor.save()
    mine = plan.mine_model
    assert [mine.index(r, 0).data() for r in range(mine.rowCount())] == ["Sende referat til OT", "Ringe mor"]
    assert mine.index(0, 2).data() == _("{date} (overdue)").format(date="20.11.2026")
    assert mine.data(mine.index(0, 2), Qt.ItemDataRole.ForegroundRole) is not None  # in red
    assert mine.index(1, 2).data() == "30.11.2026"
    assert mine.data(mine.index(1, 2), Qt.ItemDataRole.ForegroundRole) is None
    assert "1" in plan.mine_label.text()
    assert editor.meeting_id in plan.model.meeting_ids()


def test_preview_and_print_signals(window: Any, qtbot: Any, monkeypatch: Any) -> None:
    """The buttons ask for the summary dialog and the batch; the main window opens them (the native
    print dialog is the one thing faked: cancelled)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from navdesk.ui.printing import native

    asked: list[int] = []
    monkeypatch.setattr(native, "ask_printer", lambda parent, pages=0: asked.append(pages))
    plan = _plan(window)
    assert not plan.preview_button.isEnabled()
    index = _meeting_index(plan, lambda m: m.status is MeetingStatus.PLANLAGT)
    plan.view.setCurrentIndex(index)
    assert plan.preview_button.isEnabled()
    opened: list[Any] = []

    def close_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        opened.append(type(dialog).__name__)
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(200, close_dialog)
    with qtbot.waitSignal(plan.preview_requested) as preview:
        plan.preview_button.click()
    assert preview.args == [plan.model.meeting_at(index).id]
    assert opened == ["SummaryDialog"]
    with qtbot.waitSignal(plan.print_requested) as printing:
        plan.print_button.click()
    assert len(asked) == 1  # the batch asked for a printer (and was cancelled)
    ids = printing.args[0]
    week = [m for _d, items in plan.model.days() for m in items]
    assert ids == [m.id for m in week if m.status not in (MeetingStatus.AVLYST, MeetingStatus.MA_FLYTTES)]
    assert ids


def test_record_timeline_has_meetings_and_a_new_meeting_button(window: Any, qtbot: Any) -> None:
    from navdesk.services.meetings import week_plan
    from navdesk.ui.record.table_model import OBJECT_ROLE

    with window.database.session() as s:
        meeting = next(m for m in week_plan(s, date(2026, 11, 23)) if m.youth_id)
    record = window.open_record(meeting.youth_id)
    tab = record.contacts
    rows = [tab.timeline_model.index(r, 0).data(OBJECT_ROLE) for r in range(tab.timeline_model.rowCount())]
    assert meeting.id in [getattr(item, "id", None) for item in rows]
    before = len(record.record.meetings)
    editor = tab.open_meeting()
    assert editor.meeting_id is None and editor.youth_combo.currentData() == str(meeting.youth_id)
    editor.agenda_edit.setPlainText("Oppfølging")
    assert editor.save()
    assert len(record.record.meetings) == before + 1  # the record was read again
    assert record.message_label.text() == _("Meeting saved.")
    editor._autosave.stop()
    shiboken6.delete(editor)
    record.close()


def test_closing_the_record_closes_its_meeting_editor_and_keeps_the_text(window: Any, qtbot: Any) -> None:
    from navdesk.services.drafts import NEW_MEETING, find_draft

    youth = next(r for r in window.portfolio.model.rows() if r.registered)
    record = window.open_record(youth.id)
    editor = record.contacts.open_meeting()
    editor.summary_edit.setPlainText("Skrevet rett før vinduet ble lukket")
    record.close()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor))  # closed with the record, then deleted
    with window.database.session() as s:
        draft = find_draft(s, window.actor.user_id, NEW_MEETING, youth.id)
    assert draft is not None and draft.payload["summary"] == "Skrevet rett før vinduet ble lukket"
