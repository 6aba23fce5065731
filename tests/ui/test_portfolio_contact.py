"""Quick contact logging from the portfolio: Ctrl+K on a row, the real dialog, and the row's last contact
and the youth's deadlines follow."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from navdesk.db.models import Contact
from tests.ui.conftest import DEMO_DAY, open_window


def test_ctrl_l_logs_a_contact_for_the_selected_youth(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    from navdesk.ui.models.portfolio_model import COL_NAME, OBJECT_ROLE

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.load_deadlines()
    view = window.portfolio
    proxy = view.proxy
    row = next(
        r for r in (proxy.index(i, COL_NAME).data(OBJECT_ROLE) for i in range(proxy.rowCount()))
        if r.last_contact is None or r.last_contact < DEMO_DAY
    )  # fmt: skip
    view.select_youths([row.id])
    view.view.setFocus()
    before = {d.key for d in window.deadlines_book.by_youth.get(row.id, []) if d.rule == "no_contact"}

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.note_edit.setPlainText("Ringte om CV-en & jobbsøknaden.")
        dialog.accept()

    QTimer.singleShot(150, fill_in)
    at = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
    assert view.log_contact(now=at)
    with fixed_db.session() as s:
        notes = [c.note for c in s.scalars(select(Contact).where(Contact.youth_id == row.id))]
    assert "Ringte om CV-en & jobbsøknaden." in notes
    shown = next(r for r in view.model.rows() if r.id == row.id)
    assert shown.last_contact == DEMO_DAY
    after = {d.key for d in window.deadlines_book.by_youth.get(row.id, []) if d.rule == "no_contact"}
    assert after != before  # the no-contact clock starts again from today
    assert view.view.currentIndex().data(OBJECT_ROLE).id == row.id  # still selected


def test_the_action_is_in_the_row_menu_and_needs_one_youth(
    qtbot: Any, fixed_db: Any, ui_settings: Any
) -> None:
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    view = window.portfolio
    rows = view.model.rows()
    view.select_youths([rows[0].id, rows[1].id])
    view._update_actions()
    assert not view.contact_action.isEnabled()
    view.select_youths([rows[0].id])
    view._update_actions()
    assert view.contact_action.isEnabled()
    assert view.contact_action.shortcut().toString() == "Ctrl+K"
    assert view.contact_action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
