"""The main window connects the meeting screens to the møtereferat dialog, the batch printing, the list of
summaries not yet recorded and the calendar export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import DEMO_DAY, open_window


def _held_meeting(window: Any) -> Any:
    from navdesk.services.meetings import meeting_rows

    with window.database.session() as s:
        return next(m.id for m in meeting_rows(s) if m.status == "gjennomfort" and m.youth_id is not None)


def test_preview_from_the_moteplan_opens_the_summary_dialog(
    qtbot: Any, fixed_db: Any, ui_settings: Any
) -> None:
    from navdesk.ui.printing.summary_dialog import SummaryDialog

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.show_screen("meetings")
    assert window.screens["meetings"] is window.meetings  # built on first use, in place of the stand-in
    meeting = _held_meeting(window)
    seen: list[Any] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if dialog is not None:
            dialog.reject()

    QTimer.singleShot(200, close_it)
    window.meetings.preview_requested.emit(meeting)
    assert len(seen) == 1 and isinstance(seen[0], SummaryDialog)


def test_file_menu_has_the_unrecorded_list_and_the_calendar(
    qtbot: Any, fixed_db: Any, ui_settings: Any
) -> None:
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    widget = window.show_unrecorded()
    assert widget is not None and widget.isWindow() and widget.isVisible()
    widget.close()
    assert window.ics_action.isEnabled()


def test_the_first_paint_does_not_build_the_moteplan(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    assert window._meetings_view is None  # it needs SQLAlchemy: built when first shown (decision 0007)


def test_todays_meetings_come_after_the_first_paint_and_open_the_meeting(
    qtbot: Any, fixed_db: Any, ui_settings: Any
) -> None:
    from datetime import datetime, timedelta

    from navdesk.domain.text import OSLO
    from navdesk.services import meetings
    from navdesk.services.context import actor_for
    from navdesk.services.office import catalogue

    with fixed_db.session() as s, s.begin():
        actor = actor_for(s)
        youth = next(r for r in meetings.editor_choices(s).youths)
        kind = catalogue(s, "meeting_type")["trekantsamtale"]
        at = datetime(DEMO_DAY.year, DEMO_DAY.month, DEMO_DAY.day, 7, 15, tzinfo=OSLO)
        early = meetings.create_meeting(
            s, actor, starts_at=at, youth_id=youth[0], type_id=kind, place="Rom 2"
        )
        cancelled = meetings.create_meeting(s, actor, starts_at=at + timedelta(minutes=5), youth_id=youth[0])
        meetings.set_status(s, actor, cancelled, 1, "avlyst", reason="Syk")
        meetings.create_meeting(s, actor, starts_at=at + timedelta(days=1), youth_id=youth[0])  # tomorrow
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    assert window.todays_meetings is None  # not on the first paint (decision 0007)
    window.show_summary_after_first_paint()
    window.portfolio.view.viewport().update()
    qtbot.waitUntil(lambda: window.todays_meetings is not None and window.todays_meetings.isVisible())
    qtbot.waitUntil(lambda: window.deadlines_book is not None)
    strip = window.todays_meetings
    with fixed_db.session() as s:
        expected = meetings.todays_meetings(s, actor.user_id, DEMO_DAY)
    assert [m.id for m in strip.meetings] == [m.id for m in expected] and expected[0].id == early
    assert cancelled not in [m.id for m in expected]
    assert all(m.starts_at.date() == DEMO_DAY for m in expected)
    first = strip.buttons[0].text()
    assert first.startswith("07:15 Trekantsamtale") and youth[1] in first and first.endswith("Rom 2")
    strip.buttons[0].click()
    editor = window.meetings.editors[-1]
    assert editor.meeting_id == early and editor.isVisible()
    editor._autosave.stop()
    editor.close()


def test_one_meeting_from_the_moteplan_to_a_calendar_file(
    qtbot: Any, fixed_db: Any, ui_settings: Any, tmp_path: Any, monkeypatch: Any
) -> None:
    from icalendar import Calendar

    from navdesk.ui.printing import native

    out = tmp_path / "ett-møte.ics"
    monkeypatch.setattr(native, "ask_ics_path", lambda parent, suggested: str(out))
    monkeypatch.setattr(native, "show_info", lambda parent, text: None)
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.show_screen("meetings")
    view = window.meetings
    assert not view.ics_button.isEnabled()  # nothing chosen yet
    model = view.model
    day = next(d for d in range(model.rowCount()) if model.rowCount(model.index(d, 0)))
    view.view.setCurrentIndex(model.index(0, 0, model.index(day, 0)))
    chosen = view.selected_meeting()
    assert chosen is not None and view.ics_button.isEnabled()
    view.ics_button.click()
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{chosen.id}@navdesk"]


def test_deleting_a_meeting_in_the_editor_removes_it_and_its_plan_activity(
    qtbot: Any, fixed_db: Any, ui_settings: Any
) -> None:
    from navdesk.domain.enums import MeetingStatus
    from navdesk.services.meetings import plan_activity_id, week_plan

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    with fixed_db.session() as s:
        plan = week_plan(s, DEMO_DAY.replace(day=23))
        planned = next(m for m in plan if m.youth_id and m.status is MeetingStatus.PLANLAGT)
        assert plan_activity_id(s, planned.id) is not None  # the demo's meetings are in the plans too
    kept = window.open_meeting(_held_meeting(window))
    assert not kept.delete_button.isEnabled()  # a held meeting stays
    kept._autosave.stop()
    kept.close()
    editor = window.open_meeting(planned.id)
    assert editor.delete_button.isEnabled()
    editor.ask_delete = lambda: False  # the user says no
    assert not editor.delete() and editor.isVisible()
    editor.ask_delete = lambda: True
    with qtbot.waitSignal(window.meetings.meeting_deleted) as deleted:
        assert editor.delete()
    assert deleted.args == [planned.youth_id]
    with fixed_db.session() as s:
        assert planned.id not in [m.id for m in week_plan(s, DEMO_DAY.replace(day=23))]
        assert plan_activity_id(s, planned.id) is None
    assert planned.id not in window.meetings.model.meeting_ids()
