"""Accessibility: the main screens, a youth's record with its tabs and the main dialogs are walked, and
every visible control must have a name a screen reader can say, must be reachable with Tab, and text
fields must let Tab move on (no keyboard trap). The name is what Qt's accessibility layer reports
(``QAccessibleInterface.text(Name)``): an ``accessibleName``, a button's own text, or the text of a
label set as the field's buddy — exactly what NVDA or Orca would read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui.conftest import DEMO_DAY, open_window

KINDS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit, QPlainTextEdit,
         QTabBar)  # fmt: skip
SCREENS = ("portfolio", "deadlines", "meetings", "jobbklubb", "partners", "reports")


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader announces for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def controls(root: QWidget) -> list[QWidget]:
    """The visible controls under ``root`` (not the parts Qt builds inside a combo, spin box, tab bar,
    item view, or a line edit's clear button)."""
    inside = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView, QLineEdit)
    out = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, KINDS) or isinstance(widget, QScrollBar | QHeaderView):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, inside) or (
            parent is not None and parent.inherits("QComboBoxPrivateContainer")
        ):
            continue
        if widget is not root and not widget.isVisibleTo(root):
            continue
        out.append(widget)
    return out


def describe(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, QAbstractButton | QLineEdit) else ""
    owner = widget.window()
    return f"{type(owner).__name__}/{type(widget).__name__} {widget.objectName() or ''}{text!r}"


def problems(root: QWidget) -> list[str]:
    """Every control without a spoken name, not reachable with Tab, or a text field that traps Tab."""
    found = []
    chain = tab_chain(root)
    for widget in controls(root):
        if not spoken_name(widget):
            found.append(f"{describe(widget)}: no accessible name")
        if (
            widget.focusPolicy() == Qt.FocusPolicy.NoFocus
            or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            found.append(f"{describe(widget)}: cannot be reached with Tab")
        elif widget.isEnabled() and widget not in chain:
            found.append(f"{describe(widget)}: not in the Tab order")
        editable = isinstance(widget, QTextEdit | QPlainTextEdit) and not widget.isReadOnly()
        if editable and not widget.tabChangesFocus():  # type: ignore[union-attr]
            found.append(f"{describe(widget)}: Tab types a tab instead of moving on")
        if isinstance(widget, QAbstractItemView) and widget.tabKeyNavigation():
            found.append(f"{describe(widget)}: Tab moves between cells instead of leaving the table")
    return found


def tab_chain(root: QWidget) -> set[QWidget]:
    """The widgets Tab stops at within ``root``'s window, following Qt's focus chain as Tab does."""
    window = root.window()
    stops: set[QWidget] = set()
    widget = window.nextInFocusChain()
    for _step in range(5000):
        if widget is window:
            break
        policy = widget.focusPolicy()
        if policy & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window) and widget.isEnabled():
            proxy = widget
            stops.add(proxy)
            while proxy.focusProxy() is not None:  # a combo or spin box is reached through its edit
                proxy = proxy.focusProxy()
                stops.add(proxy)
        widget = widget.nextInFocusChain()
    # a widget is reached when it or the widget it hands its focus to is a stop
    return stops | {w for w in window.findChildren(QWidget) if w.focusProxy() in stops}


@pytest.fixture
def no_modal_waits(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QDialog]]:
    """Dialogs are checked and cancelled instead of waiting for a click; Qt's own boxes answer "no"."""
    opened: list[QDialog] = []

    def exec_(dialog: QDialog) -> int:
        opened.append(dialog)
        return int(QDialog.DialogCode.Rejected.value)

    def open_(dialog: QDialog) -> None:
        opened.append(dialog)

    monkeypatch.setattr(QDialog, "exec", exec_)
    monkeypatch.setattr(QDialog, "open", open_)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (0, False))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", False))
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("", False))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    yield opened


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, ui_settings: Any) -> Any:
    win = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    win.load_deadlines()
    return win


def _select_first(view: QAbstractItemView) -> None:
    model = view.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if model.rowCount(index):  # a group: its first child
            index = model.index(0, 0, index)
        if index.flags() & Qt.ItemFlag.ItemIsSelectable:
            view.setCurrentIndex(index)
            return


def _open_dialogs(actions: list[Callable[[], object]], opened: list[QDialog]) -> list[QDialog]:
    """Run each action; the dialogs it opened (each action must open at least one)."""
    seen = []
    for action in actions:
        before = len(opened)
        action()
        QApplication.processEvents()
        assert len(opened) > before, f"{action} opened no dialog"
        seen += opened[before:]
    return seen


def test_main_screens_have_names_tab_stops_and_no_traps(window: Any) -> None:
    found = []
    for key in SCREENS:
        window.show_screen(key)
        QApplication.processEvents()
        screen = window.stack.currentWidget()
        assert screen.objectName() == key
        assert len(controls(screen)) >= 5, key  # the walk sees the screen's controls
        found += [f"{key}: {p}" for p in problems(screen)]
    found += [f"navigation: {p}" for p in problems(window.nav)]
    assert found == [], "\n".join(found)


def test_the_record_and_its_tabs(window: Any) -> None:
    youth = next(r for r in window.portfolio.model.rows() if r.registered)
    record = window.open_record(youth.id)
    found = []
    for i in range(record.tabs.count()):
        record.tabs.setCurrentIndex(i)
        QApplication.processEvents()
        found += [f"{record.tabs.tabText(i)}: {p}" for p in problems(record)]
    assert found == [], "\n".join(found)
    assert record.tabs.count() == 6


def test_main_dialogs(window: Any, no_modal_waits: list[QDialog]) -> None:
    """The dialogs a veileder uses every day, opened the way they are opened in the program."""
    portfolio = window.portfolio
    youth = next(r for r in portfolio.model.rows() if r.registered)
    assert portfolio.select_youths([youth.id]) == 1
    record = window.open_record(youth.id)
    deadlines = window.deadlines
    window.show_screen("deadlines")
    deadlines.select_first()
    clubs = window.clubs
    window.show_screen("jobbklubb")
    actions: list[Callable[[], object]] = [
        window.new_youth, portfolio.edit_huskelapp, portfolio.log_contact, portfolio.assign_selected,
        deadlines.snooze, deadlines.edit_rules, record.edit, record.log_contact, record.edit_period,
        record.decide_innsats, record.add_benefit, record.close_period, record.add_school_status,
        record.change_veileder, record.plan.new_activity, record.plan.edit_plan, record.plan.add_goal,
        record.consents.add_involvement, record.consents.add_consent, clubs.new_club,
        window.cooperation.directory.new_partner, window.cooperation.employers.new_employer,
        window.cooperation.preventive.new_activity, window.import_youths, window.export_view,
    ]  # fmt: skip
    dialogs = _open_dialogs(actions, no_modal_waits)
    found = [p for dialog in dialogs for p in problems(dialog)]
    assert found == [], "\n".join(found)
    kinds = {type(d).__name__ for d in dialogs}
    assert {"YouthForm", "ContactDialog", "ActivityDialog", "PeriodDialog", "ClosePeriodDialog", "HuskelappDialog",
            "RulesDialog", "SnoozeDialog", "ConsentDialog", "PartnerDialog", "ClubDialog", "ImportYouthsDialog",
            "ExportViewDialog"} <= kinds, kinds  # fmt: skip


def test_the_meeting_editor(window: Any) -> None:
    editor = window.new_meeting()
    QApplication.processEvents()
    assert editor is not None
    assert len(controls(editor)) >= 10
    found = problems(editor)
    assert found == [], "\n".join(found)
    editor.close()


def test_tab_really_walks_the_portfolio_and_comes_back(window: Any, qtbot: Any) -> None:
    """Real Tab presses from the search field visit the portfolio's controls and come round again."""
    window.activateWindow()
    qtbot.waitActive(window)
    start = window.portfolio.search_edit
    start.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is start
    visited = []
    for _press in range(200):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
        if visited[-1] is start:
            break
    assert visited[-1] is start, "Tab never came back to where it started (a keyboard trap)"
    assert window.portfolio.view in visited and window.nav in visited


def test_alt_number_goes_to_a_screen(window: Any, qtbot: Any) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget().objectName() == "meetings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.stack.currentWidget() is window.portfolio
    assert "Alt+3" in window.nav.item(2).toolTip()


def test_the_walk_finds_what_is_missing(qtbot: Any) -> None:
    """The checks above can fail: a field without a label, a button Tab skips, a text box that keeps Tab."""
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout

    form = QWidget()
    qtbot.addWidget(form)
    layout = QVBoxLayout(form)
    unnamed = QLineEdit()
    labelled = QLineEdit()
    label = QLabel("&Navn")
    label.setBuddy(labelled)
    skipped = QPushButton("Lagre")
    skipped.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    trap = QPlainTextEdit()
    trap.setAccessibleName("Notat")
    for widget in (unnamed, label, labelled, skipped, trap):
        layout.addWidget(widget)
    found = problems(form)
    assert found == [
        "QWidget/QLineEdit '': no accessible name",
        "QWidget/QPushButton 'Lagre': cannot be reached with Tab",
        "QWidget/QPlainTextEdit '': Tab types a tab instead of moving on",
    ]
    assert spoken_name(labelled) == "Navn" and spoken_name(skipped) == "Lagre"


def test_overdue_is_not_told_by_colour_alone(window: Any) -> None:
    """An overdue next deadline in the portfolio is red, has a warning sign, and says "overdue" to a
    screen reader; one that is not overdue has none of these."""
    from navdesk.i18n import _
    from navdesk.ui.models.portfolio_model import COL_NEXT_DEADLINE

    model = window.portfolio.model
    overdue = plain = 0
    for row in range(model.rowCount()):
        deadline = model.next_deadline(row)
        if deadline is None:
            continue
        index = model.index(row, COL_NEXT_DEADLINE)
        spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if deadline.overdue(DEMO_DAY):
            overdue += 1
            assert icon is not None and not icon.isNull()
            assert spoken == _("{date}, overdue").format(date=index.data())
            assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
        else:
            plain += 1
            assert icon is None and spoken is None
    assert overdue and plain


def test_focus_shows_on_buttons_with_their_own_style(window: Any, qtbot: Any) -> None:
    """Buttons drawn by a style sheet (the deadline tool bar, «Dagens møter») still show keyboard focus."""
    from PySide6.QtGui import QImage

    window.show_todays_meetings()
    window.show_screen("deadlines")
    window.deadlines.select_first()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    toolbar = window.deadlines.toolbar
    buttons = [toolbar.widgetForAction(a) for a in window.deadlines.actions_in_order[:2]]
    buttons += [window.deadlines.rules_button, window.nav, *window.todays_meetings.buttons[:1]]
    for widget in buttons:
        assert widget.isEnabled()
        before = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        previous = widget.previousInFocusChain()
        while not (previous.focusPolicy() & Qt.FocusPolicy.TabFocus and previous.isVisible()):
            previous = previous.previousInFocusChain()
        previous.setFocus()
        qtbot.keyClick(previous, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
        after = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        changed = sum(
            before.pixel(x, y) != after.pixel(x, y)
            for y in range(before.height())
            for x in range(before.width())
        )
        assert changed > 2 * (before.width() + before.height()) * 0.5, (widget, changed)  # about a frame


def test_the_data_safety_dialogs(window: Any, no_modal_waits: list[QDialog]) -> None:
    """Kontor → Revisjonslogg, Brukere, Oppbevaring og sletting; Innstillinger → Sikkerhetskopier; the
    record's log (the office's first admin opens them, as in the program)."""
    from navdesk.ui.backups import open_dialog as open_backups
    from navdesk.ui.retention import open_retention
    from navdesk.ui.users import open_users

    youth = next(r for r in window.portfolio.model.rows() if r.registered)
    record = window.open_record(youth.id)
    dialogs = [
        window.show_audit_log(), record.show_audit_log(), open_users(window), open_backups(window),
        open_retention(window),
    ]  # fmt: skip
    QApplication.processEvents()
    assert all(d is not None for d in dialogs)
    found = [p for dialog in dialogs for p in problems(dialog)]
    assert found == [], "\n".join(found)
