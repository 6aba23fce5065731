"""Bulk assignment from the portfolio: select rows, choose a counsellor in the dialog, all or nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from navdesk.i18n import ngettext
from navdesk.ui.dialogs.assign import AssignDialog
from navdesk.ui.models.portfolio_model import COL_NAME, COL_VEILEDER, OBJECT_ROLE
from tests.ui.conftest import DEMO_DAY, open_window


def _answer(act: Any, tries: int = 200) -> None:
    """Act on the modal dialog that is about to open (from inside its event loop)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None and tries > 0:
            _answer(act, tries - 1)
            return
        assert isinstance(dialog, AssignDialog), dialog
        act(dialog)

    QTimer.singleShot(10, run)


def _select_rows(view: Any, rows: list[int]) -> list[Any]:
    selection = view.view.selectionModel()
    selection.clearSelection()
    for r in rows:
        selection.select(
            view.proxy.index(r, COL_NAME),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    return view.selected_rows()


def _users(db: Any) -> dict[str, Any]:
    from navdesk.services.office import list_users

    with db.session() as s:
        return {u.initials: u for u in list_users(s)}


def test_assign_three_selected_youths(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    from navdesk.services.assignment import assignments

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.load_deadlines()
    view = window.portfolio
    me = window.actor.initials
    other = next(i for i in _users(fixed_db) if i != me)
    view.filters.set_veileder(me)  # my youths: three of them go to the other counsellor
    mine_before = view.proxy.rowCount()
    other_before = view.filters.veileder_count(other)
    assert view.filters.veileder_count(me) == mine_before >= 3
    assert not view.assign_button.isEnabled()

    chosen = _select_rows(view, [0, 1, 2])
    assert len(chosen) == 3 and all(r.veileder == me for r in chosen)
    assert view.assign_button.isEnabled()
    assert view.assign_button.text() == ngettext(
        "Assign {n} youth to counsellor …", "Assign {n} youths to counsellor …", 3
    ).format(n=3)

    def answer(dialog: AssignDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert not ok.isEnabled()  # a counsellor must be chosen first
        assert all(row.name in dialog.intro.text() for row in chosen)
        dialog.choose(_users(fixed_db)[other].id)
        dialog.note_edit.setPlainText("Flytter til Tinn; har sommerjobb.")
        assert ok.isEnabled()
        ok.click()

    _answer(answer)
    view.assign_button.click()
    ids = {r.id for r in chosen}
    assert view.filters.veileder_count(me) == mine_before - 3
    assert view.filters.veileder_count(other) == other_before + 3
    assert view.proxy.rowCount() == mine_before - 3  # the filter "mine" no longer shows them
    view.filters.set_veileder(other)
    shown = {view.proxy.index(r, COL_NAME).data(OBJECT_ROLE).id for r in range(view.proxy.rowCount())}
    assert ids <= shown
    for r in range(view.proxy.rowCount()):
        assert view.proxy.index(r, COL_VEILEDER).data() == other
    with fixed_db.session() as s:
        for youth_id in ids:
            latest = assignments(s, youth_id)[0]
            assert (
                latest.handover_note == "Flytter til Tinn; har sommerjobb." and latest.from_date == DEMO_DAY
            )
    # the deadline book follows the new counsellor
    for youth_id in ids:
        assert all(
            d.veileder_id == _users(fixed_db)[other].id
            for d in window.deadlines_book.by_youth.get(youth_id, [])
        )


def test_cancel_or_a_failure_changes_nothing(
    qtbot: Any, fixed_db: Any, ui_settings: Any, monkeypatch: Any
) -> None:
    from navdesk.services.office import add_user

    with fixed_db.session() as s, s.begin():
        from navdesk.services.context import actor_for

        new_id = add_user(s, actor_for(s), name="Per Vikar", initials="PV", password="hemmelig-passord")
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    view = window.portfolio
    chosen = _select_rows(view, [1, 3, 5])
    before = [r.veileder for r in view.model.rows()]

    _answer(lambda dialog: dialog.reject())
    assert not view.assign_selected()
    assert [r.veileder for r in view.model.rows()] == before

    def deactivate_then_ok(dialog: AssignDialog) -> None:
        dialog.choose(new_id)
        with fixed_db.session() as s, s.begin():  # the user is deactivated meanwhile
            from navdesk.db import models as m

            s.get(m.User, new_id).active = False
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    _answer(deactivate_then_ok)
    assert not view.assign_selected()
    assert warnings
    assert [r.veileder for r in view.model.rows()] == before
    assert {r.id for r in view.selected_rows()} == {r.id for r in chosen}
    window.portfolio.reload(today=DEMO_DAY)
    assert [r.veileder for r in view.model.rows()] == before
