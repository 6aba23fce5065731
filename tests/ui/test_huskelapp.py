"""The huskelapp in the portfolio: write, change and remove it through the real dialog, its column,
tooltip and colour filter, and the ``manual`` deadline that follows it in the deadline book."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.services.huskelapp import TEXT_MAX
from navdesk.ui.dialogs.huskelapp import HuskelappDialog, category_name
from navdesk.ui.models.portfolio_model import COL_HUSKELAPP, COL_NAME, OBJECT_ROLE
from tests.ui.conftest import DEMO_DAY, open_window


def _answer(act: Any, tries: int = 200) -> None:
    """Act on the modal dialog that is about to open (from inside its event loop)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None and tries > 0:
            _answer(act, tries - 1)  # not open yet
            return
        assert dialog is not None
        act(dialog)

    QTimer.singleShot(10, run)


def _fill(text: str, due: Any, colour: str) -> Any:
    def act(dialog: HuskelappDialog) -> None:
        dialog.text_edit.setPlainText(text)
        dialog.due_check.setChecked(due is not None)
        if due is not None:
            dialog.due_edit.setDate(QDate(due.year, due.month, due.day))
        dialog.colour_buttons[colour].click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    return act


def _select(view: Any, name_part: str) -> Any:
    proxy = view.proxy
    for r in range(proxy.rowCount()):
        row = proxy.index(r, COL_NAME).data(OBJECT_ROLE)
        if name_part in row.name:
            view.view.setCurrentIndex(proxy.index(r, COL_NAME))
            return row
    raise AssertionError(name_part)


def _cell(view: Any, youth_id: Any, role: Any = Qt.ItemDataRole.DisplayRole) -> Any:
    model = view.model
    return model.index(model.row_of(youth_id), COL_HUSKELAPP).data(role)


def _manual(window: Any, youth_id: Any) -> list[Any]:
    return [d for d in window.deadlines_book.by_youth.get(youth_id, []) if d.rule == "manual"]


def test_write_change_and_remove_a_huskelapp(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    view = window.portfolio
    window.load_deadlines()
    row = view.model.row_at(3)
    _select(view, row.name)
    assert not _manual(window, row.id)
    assert view.filters.count_of("huskelapp") == 0

    # Ctrl+H on the row opens the dialog: a note, a due date and a colour
    due = DEMO_DAY + timedelta(days=4)
    window.activateWindow()
    view.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _answer(_fill("Ring om sommerjobb på Joker", due, "green"))
    qtbot.keyClick(view.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert _cell(view, row.id) == "Ring om sommerjobb på Joker"
    assert _cell(view, row.id, Qt.ItemDataRole.DecorationRole) is not None
    tip = _cell(view, row.id, Qt.ItemDataRole.ToolTipRole)
    assert "Ring om sommerjobb på Joker" in tip
    assert _("Due {date}").format(date=format_date(due)) in tip
    assert category_name("green") in tip
    (deadline,) = _manual(window, row.id)  # the manual deadline is in the book at once
    assert deadline.due == due and deadline.state == "open"
    assert view.current_row() is not None and view.current_row().id == row.id  # still selected
    assert view.filters.count_of("huskelapp") == 1 and view.filters.colour_count("green") == 1

    # the deadline screen shows it too
    window.show_screen("deadlines")
    assert any(d.rule == "manual" and d.youth_id == row.id for d in window.deadlines.visible_deadlines())
    window.show_screen("portfolio")

    # change it: the dialog starts with the current values
    def change(dialog: HuskelappDialog) -> None:
        assert dialog.text_edit.toPlainText() == "Ring om sommerjobb på Joker"
        assert dialog.due() == due and dialog.colour() == "green"
        assert dialog.clear_button.isVisible()
        dialog.due_edit.setDate(QDate(2026, 12, 1))
        dialog.colour_buttons["orange"].click()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    _answer(change)
    assert view.edit_huskelapp()
    assert view.model.huskelapp(row.id).colour == "orange"
    assert [d.due for d in _manual(window, row.id)] == [DEMO_DAY.replace(month=12, day=1)]
    assert view.filters.colour_count("green") == 0 and view.filters.colour_count("orange") == 1

    # the colour filter shows exactly the youths with that category
    view.filters.colour_buttons["orange"].click()
    assert [view.proxy.index(r, COL_NAME).data(OBJECT_ROLE).id for r in range(view.proxy.rowCount())] == [
        row.id
    ]
    view.filters.colour_buttons["orange"].click()
    view.filters.huskelapp_check.setChecked(True)
    assert view.proxy.rowCount() == 1
    view.filters.huskelapp_check.setChecked(False)

    # remove it: the column is empty and the deadline is done
    _select(view, row.name)
    _answer(lambda dialog: dialog.clear_button.click())
    assert view.edit_huskelapp()
    assert view.model.huskelapp(row.id) is None and _cell(view, row.id) == ""
    assert [d.state for d in _manual(window, row.id)] == ["done"]
    assert view.filters.count_of("huskelapp") == 0

    # read again from the database (as on the next start)
    view.model.set_huskelapper({})
    view.load_huskelapper()
    assert view.model.huskelapp(row.id) is None


def test_the_dialog_checks_inline(qtbot: Any) -> None:
    dialog = HuskelappDialog("Åse Berg", None, DEMO_DAY)
    qtbot.addWidget(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled() and dialog.error_label.text() == ""  # nothing written yet
    assert not dialog.clear_button.isVisible()
    dialog.text_edit.setPlainText("x" * (TEXT_MAX + 1))
    assert not save.isEnabled()
    assert str(TEXT_MAX) in dialog.error_label.text() and str(TEXT_MAX + 1) in dialog.counter.text()
    dialog.text_edit.setPlainText("x" * TEXT_MAX)
    assert save.isEnabled() and dialog.error_label.text() == ""
    dialog.due_check.setChecked(True)
    dialog.due_edit.setDate(QDate(2026, 11, 23))  # yesterday
    assert not save.isEnabled() and dialog.error_label.text()
    dialog.due_edit.setDate(QDate(2026, 11, 24))
    assert save.isEnabled()
    dialog.text_edit.setPlainText("")
    dialog.due_check.setChecked(False)
    dialog.colour_buttons["purple"].click()  # a category alone is enough
    assert save.isEnabled()
    assert dialog.value().colour == "purple" and dialog.value().text == ""


def test_colour_on_several_rows_from_the_menu(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    from PySide6.QtCore import QItemSelectionModel

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    view = window.portfolio
    selection = view.view.selectionModel()
    for r in (0, 2, 4):
        selection.select(
            view.proxy.index(r, COL_NAME),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    ids = {row.id for row in view.selected_rows()}
    assert len(ids) == 3
    view.colour_actions["yellow"].trigger()
    assert {k for k, v in view.model.huskelapper().items() if v.colour == "yellow"} == ids
    assert view.filters.colour_count("yellow") == 3
    view.colour_actions[""].trigger()
    assert view.model.huskelapper() == {}


def test_a_stale_huskelapp_is_refused_with_a_message(
    qtbot: Any, fixed_db: Any, ui_settings: Any, monkeypatch: Any
) -> None:
    from navdesk.services.huskelapp import save_huskelapp

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    view = window.portfolio
    row = view.model.row_at(0)
    assert view.save_huskelapp(row.id, "Først")
    with fixed_db.session() as s, s.begin():  # the same user changes it on another machine
        save_huskelapp(s, window.actor, row.id, text="Andre steder", today=DEMO_DAY)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text))
    assert not view.save_huskelapp(row.id, "Her")
    assert warnings and view.model.huskelapp(row.id).text == "Først"
