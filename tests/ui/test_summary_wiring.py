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
