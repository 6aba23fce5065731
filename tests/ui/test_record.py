"""The youth record window over the fixed-date demo office: opening it from the portfolio, the header,
closing and reopening a period, change of counsellor, quick contact logging, Frister and Historikk."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from navdesk.i18n import _, ngettext
from navdesk.ui.models.deadline_model import COL_YOUTH
from navdesk.ui.models.portfolio_model import COL_NAME, OBJECT_ROLE
from tests.ui.conftest import DEMO_DAY, open_window

NOW = datetime(2026, 11, 24, 7, 30, tzinfo=UTC)  # 08:30 in Oslo on DEMO_DAY (not in the future)


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are recorded, not shown (a modal box would wait for a click for ever)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def warning(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "question", warning)
    return shown


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, ui_settings: Any, message_boxes: list[str]) -> Iterator[Any]:
    win = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    win.load_deadlines()
    yield win
    assert message_boxes == []


def rows(window: Any) -> list[Any]:
    return list(window.portfolio.model.rows())


def pick(window: Any, test: Callable[[Any], bool]) -> Any:
    return next(r for r in rows(window) if test(r))


def open_record(window: Any, youth: Any) -> Any:
    """The youth's record window, active (its keyboard shortcuts work), contacts logged at NOW."""
    record = window.open_record(youth.id)
    record.now = lambda: NOW
    record.activateWindow()
    QApplication.processEvents()
    return record


def answer(dialog_type: type, fill: Callable[[Any], None]) -> None:
    """Fill in the next modal dialog of ``dialog_type`` when it opens (inside its exec loop)."""

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, dialog_type), dialog
            fill(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, handle)


def all_text(widget: QWidget) -> str:
    """Everything the window shows as text (labels, browsers, table cells)."""
    parts = [label.text() for label in widget.findChildren(QLabel)]
    parts += [b.toPlainText() for b in widget.findChildren(QTextBrowser)]
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        # a list model (the plan board's columns) has one column and keeps columnCount() private
        columns = 1 if isinstance(view, QListView) else model.columnCount()
        for r in range(model.rowCount()):
            for c in range(columns):
                parts.append(str(model.index(r, c).data() or ""))
    return "\n".join(parts)


def test_enter_and_double_click_open_one_record_per_youth(window: Any, qtbot: Any) -> None:
    view = window.portfolio.view
    index = window.portfolio.proxy.index(0, COL_NAME)
    youth = index.data(OBJECT_ROLE)
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    records = window._records.windows()
    assert list(records) == [youth.id]
    first = records[youth.id]
    assert first.isVisible() and first.header.name_label.text() == youth.name
    rect = view.visualRect(window.portfolio.proxy.index(0, COL_NAME))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window._records.windows() == {youth.id: first}  # raised, not opened twice
    other = window.portfolio.proxy.index(1, COL_NAME)
    view.setCurrentIndex(other)
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert set(window._records.windows()) == {youth.id, other.data(OBJECT_ROLE).id}


def test_header_shows_the_person_first_and_what_matters_today(window: Any) -> None:
    youth = pick(window, lambda r: r.registered and r.last_contact and not r.adressesperre)
    record = open_record(window, youth)
    header = record.header
    assert header.name_label.text() == youth.name
    assert header.y() < record.tabs.y()
    rec = record.record
    age = header.values["age"].text()
    assert str(rec.age) in age and rec.age_band in age
    assert header.values["veileder"].text().startswith(youth.veileder)
    days = (DEMO_DAY - youth.last_contact).days
    expected = ngettext("{n} day ago", "{n} days ago", days).format(n=days) if days else _("Today")
    assert header.values["contact"].text() == expected
    deadline = window.deadlines_book.next_open(youth.id)
    assert deadline is not None and deadline.due.strftime("%d.%m.%Y") in header.values["deadline"].text()
    if rec.innsats is not None:
        assert rec.innsats.innsatsgruppe.label in header.values["innsats"].text()
    assert not header.sperre_label.isVisible()


def test_adressesperre_is_marked_in_red_and_the_address_never_shown(window: Any, fixed_db: Any) -> None:
    from navdesk.services import youths

    youth = pick(window, lambda r: r.adressesperre)
    with fixed_db.session() as s, s.begin():
        actor = window.actor
        version = youths.open_youth(s, actor, youth.id).version
        youths.update_youth(s, actor, youth.id, version, address="Hemmeligveien 7", postal_code="3890")
    record = open_record(window, youth)
    marker = record.header.sperre_label
    assert marker.isVisible()
    assert "#b00020" in marker.styleSheet()
    assert record.record.adressesperre.label.lower() in marker.text()
    text = all_text(record)
    assert "Hemmeligveien" not in text and "3890" not in text
    assert _("Not shown (address protection)") in record.overview.person_label.text()


def test_book_still_loading_is_said_and_filled_in_later(qtbot: Any, fixed_db: Any, window: Any) -> None:
    from navdesk.ui.record import RecordWindow

    youth = rows(window)[0]
    box: dict[str, Any] = {"book": None}
    record = RecordWindow(fixed_db, window.actor, youth.id, book=lambda: box["book"], today=DEMO_DAY)
    qtbot.addWidget(record)
    assert record.header.values["deadline"].text() == _("The deadlines are being calculated …")
    assert "…" in record.deadlines.status_label.text()
    box["book"] = window.deadlines_book
    record.set_book(window.deadlines_book)
    assert record.deadlines.items == window.deadlines_book.by_youth.get(youth.id, [])
    assert record.header.values["deadline"].text() != _("The deadlines are being calculated …")


def test_frister_tab_lists_the_youths_deadlines_by_due_date_with_why(window: Any) -> None:
    youth = pick(window, lambda r: r.registered and len(window.deadlines_book.by_youth.get(r.id, [])) >= 3)
    record = open_record(window, youth)
    record.tabs.setCurrentWidget(record.deadlines)
    tab = record.deadlines
    expected = window.deadlines_book.by_youth[youth.id]
    shown = [d for g in tab.model.groups() for d in g.items]
    assert sorted(d.key for d in shown) == sorted(d.key for d in expected)
    for group in tab.model.groups():
        if group.key != "closed":
            assert [d.due for d in group.items] == sorted(d.due for d in group.items)
    assert tab.tree.isColumnHidden(COL_YOUTH)  # it is this youth's record
    first = tab.tree.currentIndex()
    assert first.isValid()
    assert _("Why:") in tab.details.toPlainText()
    status = tab.model.index(first.row(), 1, first.parent()).data()
    assert status  # the state in words


def test_close_and_reopen_period_recomputes_the_8_week_deadline(
    window: Any, qtbot: Any, fixed_db: Any
) -> None:
    from navdesk.ui.dialogs.period import ClosePeriodDialog

    youth = pick(window, lambda r: r.registered is not None)
    record = open_record(window, youth)
    old = record.record.open_period
    assert old is not None and record.overview.close_button.isVisible()

    def close(dialog: Any) -> None:
        assert not dialog.ok_button.isEnabled()  # outcome and reason are required
        dialog.outcome_combo.setCurrentIndex(dialog.outcome_combo.findText("Utdanning"))
        qtbot.keyClicks(dialog.reason_edit, "Begynte på VGS")
        assert dialog.ok_button.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer(ClosePeriodDialog, close)
    qtbot.mouseClick(record.overview.close_button, Qt.MouseButton.LeftButton)
    assert record.record.open_period is None
    closed = record.record.periods[0]
    assert (closed.closed_on, closed.outcome, closed.outcome_note) == (
        DEMO_DAY,
        "Utdanning",
        "Begynte på VGS",
    )
    assert record.overview.reopen_button.isVisible() and not record.overview.close_button.isVisible()
    assert record.header.period_label.text() == _("No open follow-up period")
    assert youth.id not in {r.id for r in window.portfolio.model.rows() if r.registered}  # portfolio re-read

    qtbot.mouseClick(record.overview.reopen_button, Qt.MouseButton.LeftButton)  # one click
    new = record.record.open_period
    assert new is not None and new.id != old.id and new.registration_date == DEMO_DAY
    assert len(record.record.periods) >= 2
    book = window.deadlines_book
    eight = {d.subject_id: d for d in book.by_youth[youth.id] if d.rule == "followup_8w"}
    assert eight[new.id.hex].due == DEMO_DAY + timedelta(days=56) and eight[new.id.hex].state == "open"
    assert (DEMO_DAY + timedelta(days=56)).strftime("%d.%m.%Y") in record.message_label.text()
    assert any(d.key == eight[new.id.hex].key for g in record.deadlines.model.groups() for d in g.items)
    assert next(r for r in window.portfolio.model.rows() if r.id == youth.id).registered == DEMO_DAY


def test_change_counsellor_with_a_handover_note(window: Any, qtbot: Any) -> None:
    from navdesk.ui.dialogs.period import VeilederDialog

    youth = pick(window, lambda r: r.veileder == "KN" and r.registered)
    record = open_record(window, youth)

    def change(dialog: Any) -> None:
        dialog.veileder_combo.setCurrentIndex(dialog.veileder_combo.findText("OB – Ola Bø"))
        qtbot.keyClicks(dialog.note_edit, "Trenger hjelp med CV; mor ønsker å være med på møter.")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    answer(VeilederDialog, change)
    qtbot.mouseClick(record.overview.veileder_button, Qt.MouseButton.LeftButton)
    rec = record.record
    assert rec.veileder_initials == "OB"
    assert rec.assignments[0].initials == "OB"
    assert rec.assignments[0].handover_note == "Trenger hjelp med CV; mor ønsker å være med på møter."
    assert "mor ønsker å være med" in record.overview.veileder_label.text()
    assert record.header.values["veileder"].text() == "OB – Ola Bø"
    assert next(r for r in window.portfolio.model.rows() if r.id == youth.id).veileder == "OB"


def test_quick_contact_logging_from_the_record(window: Any, qtbot: Any, fixed_db: Any) -> None:
    from navdesk.domain.enums import ContactChannel
    from navdesk.ui.dialogs.contact import ContactDialog

    youth = pick(window, lambda r: r.registered and r.last_contact and r.last_contact < DEMO_DAY)
    record = open_record(window, youth)
    before = len(record.record.contacts)

    def log(dialog: Any) -> None:
        dialog.channel_combo.setCurrentIndex(dialog.channel_combo.findData(ContactChannel.SMS))
        qtbot.keyClicks(dialog.note_edit, "Avtalte møte torsdag.")
        dialog.accept()

    answer(ContactDialog, log)
    qtbot.keyClick(record, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert len(record.record.contacts) == before + 1
    newest = record.record.contacts[0]
    assert (newest.at, newest.channel, newest.note) == (NOW, ContactChannel.SMS, "Avtalte møte torsdag.")
    assert record.header.values["contact"].text() == _("Today")
    timeline = record.contacts.timeline_model
    logged = next(r for r in range(timeline.rowCount()) if timeline.index(r, 0).data(OBJECT_ROLE) == newest)
    assert timeline.index(logged, 3).data() == "Avtalte møte torsdag."
    assert record.message_label.text() == _("Contact logged.")
    no_contact = [
        d for d in window.deadlines_book.by_youth[youth.id] if d.rule == "no_contact" and d.state == "open"
    ]
    assert all(d.key.endswith(DEMO_DAY.isoformat()) for d in no_contact)  # the clock restarted today
    assert next(r for r in window.portfolio.model.rows() if r.id == youth.id).last_contact == DEMO_DAY


def test_historikk_lists_the_changes_made(window: Any, qtbot: Any) -> None:
    from navdesk.ui.dialogs.youth_form import YouthForm

    youth = pick(window, lambda r: r.registered and not r.adressesperre)
    record = open_record(window, youth)
    history = record.history
    assert history.model.rowCount() == 0 and not history.empty_label.isHidden()  # the demo was bulk-loaded

    def edit(form: Any) -> None:
        form.phone_edit.clear()
        qtbot.keyClicks(form.phone_edit, "22334455")
        form.job_wishes_edit.setPlainText("Barnehage")
        qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)

    answer(YouthForm, edit)
    qtbot.keyClick(record, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert history.model.rowCount() == 1
    assert history.model.index(0, 1).data() == "KN"
    assert history.model.index(0, 2).data() == _("{what} changed").format(what=_("Personal data"))
    details = history.details.toPlainText()
    assert "Telefon" in details and "22 33 44 55" in details and "Barnehage" in details
    history.reads_check.setChecked(True)
    assert _("Opened the record") in [
        history.model.index(r, 2).data() for r in range(history.model.rowCount())
    ]


def test_plan_and_timeline_show_real_data_only(window: Any) -> None:
    from navdesk.services.plan_view import read_plan

    youth = pick(window, lambda r: r.registered)
    record = open_record(window, youth)
    with window.database.session() as s:
        plan = read_plan(s, youth.id, record.today)
    assert [a.id for a in record.plan.plan.activities] == [a.id for a in plan.activities]
    assert record.plan.dream_label.text() == (plan.dream or _("(not written yet)"))
    timeline = record.contacts.timeline_model  # meetings and contacts in one list
    assert timeline.rowCount() == len(record.record.contacts) + len(record.record.meetings)
    times = [c.at for c in record.record.contacts]
    assert times == sorted(times, reverse=True)  # newest first
    shown = [timeline.index(r, 0).data(OBJECT_ROLE) for r in range(timeline.rowCount())]
    shown_times = [getattr(item, "at", None) or item.starts_at for item in shown]
    assert shown_times == sorted(shown_times, reverse=True)
    assert record.consents.model.rowCount() == len(record.record.consents)


def test_models_pass_the_qt_model_tester(window: Any, qtmodeltester: Any) -> None:
    youth = max(rows(window), key=lambda r: r.registered or DEMO_DAY)
    record = open_record(window, youth)
    record.history.reads_check.setChecked(True)
    for model in (record.contacts.timeline_model, record.history.model,
                  record.consents.model):  # fmt: skip
        qtmodeltester.check(model)
    from navdesk.ui.record.table_model import TextRow, TextTableModel

    empty = TextTableModel(("A", "B"))
    qtmodeltester.check(empty)
    empty.set_rows([TextRow(("1",), warn_column=0), TextRow(("2", "3"), tooltip="x")])
    qtmodeltester.check(empty)


def controls(root: QWidget) -> list[QWidget]:
    """The record's own controls (not the parts Qt builds inside a combo, spin box, tab bar or scroll bar)."""
    kinds = (
        QAbstractButton,
        QLineEdit,
        QComboBox,
        QPlainTextEdit,
        QAbstractSpinBox,
        QAbstractItemView,
        QTextBrowser,
    )
    out = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QScrollBar | QHeaderView):
            continue
        parent = widget.parentWidget()
        inside = (QComboBox, QAbstractSpinBox, QTabBar, QAbstractItemView)
        if isinstance(parent, inside) or (
            parent is not None and parent.inherits("QComboBoxPrivateContainer")
        ):
            continue
        out.append(widget)
    return out


def test_every_control_has_an_accessible_name(window: Any) -> None:
    record = open_record(window, pick(window, lambda r: r.registered))
    missing = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in controls(record)
        if not w.accessibleName()
    ]
    assert missing == []


def test_a_youth_that_is_gone_is_said_and_a_closed_record_opens_anew(
    window: Any, qtbot: Any, message_boxes: list[str]
) -> None:
    import uuid

    assert window.open_record(uuid.uuid4()) is None
    assert message_boxes and window._records.windows() == {}
    message_boxes.clear()
    youth = rows(window)[0]
    record = open_record(window, youth)
    qtbot.keyClick(record, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window._records.windows() == {})
    again = open_record(window, youth)
    assert window._records.windows() == {youth.id: again}
