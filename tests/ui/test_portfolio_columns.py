"""The portfolio's columns and filters as each user leaves them, saved filters, Ctrl+F and the empty table."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import search_fold
from navdesk.i18n import _
from navdesk.services.huskelapp import Huskelapp
from navdesk.ui.models.portfolio_filter import NOT_IN_ACTIVITY, FilterState
from navdesk.ui.models.portfolio_model import (
    COL_AGE,
    COL_BIRTH_DATE,
    COL_DAYS_SINCE,
    COL_HUSKELAPP,
    COL_MUNICIPALITY,
    COL_NAME,
    COL_PHONE,
    COL_REGISTERED,
    COLUMNS,
    DEFAULT_COLUMNS,
    OBJECT_ROLE,
    PortfolioModel,
)
from tests.ui.conftest import DEMO_DAY


def _window(qtbot: Any, database: Any, settings: Any, initials: str | None = None) -> Any:
    from navdesk.services.context import actor_for
    from navdesk.ui.main_window import MainWindow

    with database.session() as s:
        actor = actor_for(s, initials)
    window = MainWindow(database, actor, settings=settings, today=DEMO_DAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _names(view: Any) -> list[str]:
    proxy = view.proxy
    return [proxy.index(r, COL_NAME).data(OBJECT_ROLE).name for r in range(proxy.rowCount())]


def _hidden(view: Any) -> set[int]:
    header = view.view.horizontalHeader()
    return {c for c in COLUMNS if header.isSectionHidden(c)}


def _other_user(database: Any) -> str:
    from navdesk.services.context import actor_for
    from navdesk.services.office import list_users

    with database.session() as s:
        me = actor_for(s).initials
        return next(u.initials for u in list_users(s) if u.initials != me and u.active)


def test_columns_sort_and_filters_come_back_for_the_same_user_only(
    qtbot: Any, fixed_db: Any, ui_settings: Any
) -> None:
    window = _window(qtbot, fixed_db, ui_settings)
    view = window.portfolio
    header = view.view.horizontalHeader()
    assert _hidden(view) == set(COLUMNS) - set(DEFAULT_COLUMNS)

    # hide Age by the header's menu, show Phone, move Municipality first after the name, sort by it
    menu = QMenu()
    view._fill_column_menu(menu)
    titles = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert not titles[_("Name")].isEnabled()  # the name is always shown
    titles[_("Age")].setChecked(False)
    titles[_("Phone")].setChecked(True)
    header.moveSection(header.visualIndex(COL_MUNICIPALITY), 1)
    header.resizeSection(COL_REGISTERED, 140)
    view.view.sortByColumn(COL_MUNICIPALITY, Qt.SortOrder.DescendingOrder)
    view.filters.set_status(NOT_IN_ACTIVITY, True)
    view.filters.set_age_range(20, 24)
    view.search_edit.setText("a")
    places = [view.proxy.index(r, COL_MUNICIPALITY).data() for r in range(view.proxy.rowCount())]
    assert places == sorted(places, reverse=True) and len(set(places)) > 1
    shown = _names(view)
    state = view.filters.state()
    window.close()

    again = _window(qtbot, fixed_db, ui_settings)
    view = again.portfolio
    header = view.view.horizontalHeader()
    assert COL_AGE in _hidden(view) and COL_PHONE not in _hidden(view)
    assert header.visualIndex(COL_MUNICIPALITY) == 1
    assert header.sectionSize(COL_REGISTERED) == 140
    assert view.proxy.sort_column() == COL_MUNICIPALITY
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert view.filters.state() == state
    assert view.filters.checks[NOT_IN_ACTIVITY].isChecked() and view.filters.age_buttons[1].isChecked()
    assert view.search_edit.text() == ""  # the search text is not kept between sessions
    view.search_edit.setText("a")
    assert _names(view) == shown
    again.close()

    # another user on the same machine starts with the defaults
    other = _window(qtbot, fixed_db, ui_settings, _other_user(fixed_db))
    view = other.portfolio
    assert _hidden(view) == set(COLUMNS) - set(DEFAULT_COLUMNS)
    assert view.proxy.sort_column() == COL_NAME
    assert view.filters.state() == FilterState()
    other.close()

    # "Default columns" in the menu puts everything back
    first = _window(qtbot, fixed_db, ui_settings)
    menu = QMenu()
    first.portfolio._fill_column_menu(menu)
    next(a for a in menu.actions() if a.text() == _("Default columns")).trigger()
    assert _hidden(first.portfolio) == set(COLUMNS) - set(DEFAULT_COLUMNS)
    assert first.portfolio.view.horizontalHeader().visualIndex(COL_HUSKELAPP) == 1


def test_malformed_settings_fall_back_to_the_defaults(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    from navdesk.services.context import actor_for

    with fixed_db.session() as s:
        me = actor_for(s).initials
    ui_settings.setValue(f"portfolio/{me}/columns", '{"columns": [{"key": "nope"}, 3], "sort": 7}')
    ui_settings.setValue(f"portfolio/{me}/filters", "not json")
    ui_settings.setValue(
        f"portfolio/{me}/saved_filters", '[{"name": ""}, {"name": "OK", "filters": {"x": 1}}]'
    )
    window = _window(qtbot, fixed_db, ui_settings)
    view = window.portfolio
    assert _hidden(view) == set(COLUMNS) - set(DEFAULT_COLUMNS)
    assert view.filters.state() == FilterState()
    assert view.saved_filter_names() == ["OK"]


def test_every_column_sorts_and_names_sort_norwegian(qtbot: Any, qtmodeltester: Any) -> None:
    from navdesk.ui.views.portfolio import PortfolioView

    def row(i: int, first: str, **kw: Any) -> YouthRow:
        values: dict[str, Any] = dict(
            id=uuid.UUID(int=i), name=f"{first} Berg", first_name=first, last_name="Berg",
            birth_date=date(2000 + i, 1, 1), veileder="KN", phone=f"9000000{i}", municipality="Vinje",
            registered=date(2026, 1, i), last_contact=date(2026, 11, i) if i % 2 else None, adressesperre=False,
            search=search_fold(f"{first} Berg"), in_activity=bool(i % 2),
        )  # fmt: skip
        values.update(kw)
        return YouthRow(**values)

    rows = [row(1, "Åse"), row(2, "Zara"), row(3, "Øystein"), row(4, "Ærle"), row(5, "Anders")]
    view = PortfolioView()
    qtbot.addWidget(view)
    view.load(rows, today=DEMO_DAY)
    view.model.set_huskelapper(
        {
            rows[1].id: Huskelapp(uuid.uuid4(), rows[1].id, "Ring", None, "green", 1, DEMO_DAY),
            rows[3].id: Huskelapp(uuid.uuid4(), rows[3].id, "", DEMO_DAY, "blue", 1, DEMO_DAY),
        }
    )
    view.view.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [n.split()[0] for n in _names(view)] == ["Anders", "Zara", "Ærle", "Øystein", "Åse"]
    for column in COLUMNS:
        view.set_column_visible(column, True)
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            view.view.sortByColumn(column, order)
            keys = [view.model.sort_keys(column)[view.model.row_of(r.id)] for r in _rows(view)]
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder), column
    view.view.sortByColumn(COL_HUSKELAPP, Qt.SortOrder.AscendingOrder)
    assert [n.split()[0] for n in _names(view)][:2] == ["Ærle", "Zara"]  # blue before green, then none
    assert view.proxy.index(0, COL_HUSKELAPP).data() == _("Due {date}").format(date="24.11.2026")
    view.view.sortByColumn(COL_DAYS_SINCE, Qt.SortOrder.AscendingOrder)
    assert view.proxy.index(view.proxy.rowCount() - 1, COL_DAYS_SINCE).data() == _("never")
    view.view.sortByColumn(COL_BIRTH_DATE, Qt.SortOrder.AscendingOrder)
    assert view.proxy.index(0, COL_BIRTH_DATE).data() == "01.01.2001"
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.proxy)


def _rows(view: Any) -> list[YouthRow]:
    proxy = view.proxy
    return [proxy.index(r, COL_NAME).data(OBJECT_ROLE) for r in range(proxy.rowCount())]


def test_model_with_huskelapps_passes_the_model_tester(qtmodeltester: Any) -> None:
    from tests.ui.synthetic import synthetic_rows

    rows = synthetic_rows(30)
    model = PortfolioModel(today=DEMO_DAY)
    model.set_rows(rows, today=DEMO_DAY)
    model.set_huskelapper({rows[0].id: Huskelapp(uuid.uuid4(), rows[0].id, "x\ny", None, "", 1, DEMO_DAY)})
    model.set_huskelapp(rows[5].id, Huskelapp(uuid.uuid4(), rows[5].id, "z", DEMO_DAY, "teal", 2, DEMO_DAY))
    assert model.index(0, COL_HUSKELAPP).data() == "x"
    assert "x\ny" in model.index(0, COL_HUSKELAPP).data(Qt.ItemDataRole.ToolTipRole)
    model.set_huskelapp(rows[0].id, None)
    assert model.index(0, COL_HUSKELAPP).data() == ""
    qtmodeltester.check(model)


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


def test_save_apply_and_delete_a_named_filter(
    qtbot: Any, fixed_db: Any, ui_settings: Any, monkeypatch: Any
) -> None:
    window = _window(qtbot, fixed_db, ui_settings)
    view = window.portfolio
    filters = view.filters
    assert not filters.saved_combo.isEnabled() and not filters.delete_button.isEnabled()

    filters.set_status(NOT_IN_ACTIVITY, True)
    filters.age_buttons[1].click()
    view.search_edit.setText("e")
    wanted, wanted_state = _names(view), filters.state()
    assert wanted

    def name_it(dialog: Any) -> None:
        dialog.setTextValue("Passive 20–24")
        dialog.accept()

    _answer(name_it)
    filters.save_button.click()  # asks for the name
    assert view.saved_filter_names() == ["Passive 20–24"]
    assert filters.saved_name() == "Passive 20–24" and filters.delete_button.isEnabled()

    view.show_all()
    assert filters.saved_name() is None  # the choices no longer match it
    assert len(_names(view)) > len(wanted)
    filters.saved_combo.setCurrentIndex(filters.saved_combo.findData("Passive 20–24"))
    filters.saved_combo.activated.emit(filters.saved_combo.currentIndex())
    assert filters.state() == wanted_state and view.search_edit.text() == "e"
    assert _names(view) == wanted
    window.close()

    # kept for the user; delete asks first
    again = _window(qtbot, fixed_db, ui_settings)
    view = again.portfolio
    assert view.saved_filter_names() == ["Passive 20–24"]
    assert view.apply_saved_filter("Passive 20–24") and _names(view) == wanted
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    view.filters.delete_button.click()
    assert view.saved_filter_names() == ["Passive 20–24"]  # said no
    view.filters.delete_button.click()
    assert view.saved_filter_names() == []
    assert not view.filters.saved_combo.isEnabled()
    again.close()
    assert _window(qtbot, fixed_db, ui_settings).portfolio.saved_filter_names() == []


def test_ctrl_f_and_the_empty_result(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    window = _window(qtbot, fixed_db, ui_settings)
    view = window.portfolio
    window.activateWindow()
    view.view.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(view.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.search_edit.hasFocus()

    assert not view.empty_state.isVisible()
    qtbot.keyClicks(view.search_edit, "xyzzy")
    assert view.proxy.rowCount() == 0
    assert view.empty_state.isVisible()
    assert view.empty_state.label.text() == _("No youths match the search/filters.")
    assert view.empty_state.geometry() == view.view.viewport().rect()
    qtbot.mouseClick(view.empty_state.clear_button, Qt.MouseButton.LeftButton)
    assert view.search_edit.text() == "" and view.proxy.rowCount() > 0
    assert not view.empty_state.isVisible()

    # filters alone can empty it too
    view.filters.set_status(NOT_IN_ACTIVITY, True)
    view.filters.set_age_range(99, 99)
    assert view.proxy.rowCount() == 0 and view.empty_state.isVisible()
    view.empty_state.clear_button.click()
    assert view.proxy.rowCount() > 0 and view.filters.state() == FilterState()
    assert not view.empty_state.isVisible()
