"""The youth form: typing into the real widgets, inline checks, all-or-nothing saves, stale edits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from navdesk.domain.enums import Adressesperre, Barrier, ContactChannel, ContactRoute, SituationAtRegistration
from navdesk.i18n import _
from tests.ui.conftest import DEMO_DAY, open_window

VALID_FNR = "07030851212"  # born 07.03.2008
D_NUMBER = "47030851206"  # the same birth date as a D-nummer


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes are recorded, not shown; "discard changes?" is answered yes."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []

    def box(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "warning", box)
    monkeypatch.setattr(QMessageBox, "question", box)
    return shown


@pytest.fixture
def form_for(qtbot: Any, fixed_db: Any, message_boxes: list[str]) -> Iterator[Any]:
    """``form_for(record=None)``: a shown youth form over the demo office as its admin."""
    from navdesk.services.context import actor_for
    from navdesk.ui.dialogs.youth_form import YouthForm

    with fixed_db.session() as s:
        actor = actor_for(s)

    def make(record: Any = None) -> Any:
        form = YouthForm(fixed_db, actor, record, today=DEMO_DAY)
        qtbot.addWidget(form)
        form.show()
        qtbot.waitExposed(form)
        return form

    yield make


def youth_row(db: Any, youth_id: Any) -> Any:
    from navdesk.db import models as m

    with db.session() as s:
        youth = s.get(m.Youth, youth_id)
        s.expunge(youth)
        return youth


def type_into(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def message(form: Any, key: str) -> str:
    label = form.messages[key]
    return label.text() if not label.isHidden() else ""


def test_ctrl_n_creates_a_youth_through_the_form(
    qtbot: Any, fixed_db: Any, ui_settings: Any, message_boxes: Any
) -> None:
    from navdesk.ui.dialogs.youth_form import YouthForm

    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the shortcut works in the active window
    before = window.portfolio.model.rowCount()
    seen: dict[str, Any] = {}

    def fill() -> None:
        form = QApplication.activeModalWidget()
        try:
            assert isinstance(form, YouthForm)
            assert form.windowTitle() == _("New youth")
            assert not form.ok_button.isEnabled()  # nothing written yet
            assert form.registration_edit is not None and form.registration_edit.text() == "24.11.2026"
            qtbot.keyClicks(form.first_name_edit, "Åse")
            qtbot.keyClicks(form.last_name_edit, "Ødegård")
            qtbot.keyClicks(form.birth_edit, "07.03.2008")
            qtbot.keyClicks(form.phone_edit, "+47 412 34 567")
            qtbot.keyClicks(form.email_edit, "ase@example.no")
            form.channel_combo.setCurrentIndex(form.channel_combo.findData(ContactChannel.SMS))
            form.malform_combo.setCurrentIndex(1)  # nynorsk
            qtbot.keyClicks(form.job_wishes_edit, "Barnehage, butikk")
            form.barrier_checks[Barrier.FORERKORT].setChecked(True)
            form.barrier_checks[Barrier.DOGNRYTME].setChecked(True)
            qtbot.keyClicks(form.strengths_edit, "God med barn")
            qtbot.keyClicks(form.dreams_edit, "Fagbrev som barne- og ungdomsarbeider")
            qtbot.keyClicks(form.household_edit, "Bor med mor")
            form.no_group_check.setChecked(True)
            type_into(qtbot, form.registration_edit, "02.11.2026")
            form.situation_combo.setCurrentIndex(
                form.situation_combo.findData(SituationAtRegistration.UTENFOR)
            )
            form.route_combo.setCurrentIndex(form.route_combo.findData(ContactRoute.OT))
            seen["status"] = form.status_label.text()
            assert form.ok_button.isEnabled()
            qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
        finally:
            if form is not None and form.isVisible():
                form.done(0)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen["status"] == ""
    assert window.portfolio.model.rowCount() == before + 1
    new = next(r for r in window.portfolio.model.rows() if r.name == "Åse Ødegård")
    youth = youth_row(fixed_db, new.id)
    assert (youth.birth_date, youth.phone, youth.email) == (date(2008, 3, 7), "412 34 567", "ase@example.no")
    assert (youth.preferred_channel, youth.malform.value) == (ContactChannel.SMS, "nn")
    assert youth.barriers == ["forerkort", "dognrytme"] and youth.no_group_activities
    assert (youth.job_wishes, youth.household) == ("Barnehage, butikk", "Bor med mor")
    assert youth.fodselsnummer is None
    records = window._records.windows()
    assert list(records) == [new.id]  # the new youth's record opens
    rec = records[new.id].record
    period = rec.open_period
    assert period is not None
    assert (period.registration_date, period.contact_route) == (date(2026, 11, 2), ContactRoute.OT)
    assert rec.veileder_initials == "KN" and rec.assignments[0].from_date == date(2026, 11, 2)
    assert message_boxes == []


def test_invalid_fodselsnummer_disables_save_with_a_message(form_for: Any, qtbot: Any) -> None:
    form = form_for()
    qtbot.keyClicks(form.first_name_edit, "Ola")
    qtbot.keyClicks(form.last_name_edit, "Nordmann")
    qtbot.keyClicks(form.birth_edit, "01.01.2007")
    assert form.ok_button.isEnabled()
    qtbot.keyClicks(form.fnr_edit, "070308")
    assert not form.ok_button.isEnabled()
    assert "6" in message(form, "fnr")  # how many digits so far
    qtbot.keyClicks(form.fnr_edit, "51213")  # 11 digits, wrong check digit
    assert not form.ok_button.isEnabled()
    assert message(form, "fnr") and "07030851213" in message(form, "fnr")
    assert form.fnr_edit.accessibleDescription() == message(form, "fnr")
    assert _("fødselsnummer") in form.status_label.text()
    form.fnr_edit.clear()
    assert form.ok_button.isEnabled() and message(form, "fnr") == ""


@pytest.mark.parametrize("number", [VALID_FNR, D_NUMBER])
def test_a_valid_number_fills_in_the_birth_date(
    form_for: Any, qtbot: Any, fixed_db: Any, number: str
) -> None:
    form = form_for()
    qtbot.keyClicks(form.first_name_edit, "Kari")
    qtbot.keyClicks(form.last_name_edit, "Haugen")
    qtbot.keyClicks(form.fnr_edit, number)
    assert form.birth_edit.text() == "07.03.2008" and form.birth_edit.isReadOnly()
    assert "07.03.2008" in message(form, "fnr")
    assert form.ok_button.isEnabled()
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    youth = youth_row(fixed_db, form.saved_id)
    assert youth.birth_date == date(2008, 3, 7)
    assert youth.fodselsnummer is None  # the demo office does not store fødselsnummer


def test_fodselsnummer_stored_when_the_office_wants_it_and_never_twice(
    form_for: Any, qtbot: Any, fixed_db: Any
) -> None:
    from sqlalchemy import select

    from navdesk.db import models as m

    with fixed_db.session() as s, s.begin():
        s.scalars(select(m.Office)).one().store_fodselsnummer = True
    form = form_for()
    qtbot.keyClicks(form.first_name_edit, "Per")
    qtbot.keyClicks(form.last_name_edit, "Li")
    qtbot.keyClicks(form.fnr_edit, VALID_FNR)
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert youth_row(fixed_db, form.saved_id).fodselsnummer == VALID_FNR
    second = form_for()
    qtbot.keyClicks(second.first_name_edit, "Pål")
    qtbot.keyClicks(second.last_name_edit, "Li")
    qtbot.keyClicks(second.fnr_edit, VALID_FNR)
    assert not second.ok_button.isEnabled()
    assert message(second, "fnr") == _("Another youth already has this fødselsnummer.")


def test_inline_checks_for_date_phone_email_postcode_and_channel(form_for: Any, qtbot: Any) -> None:
    form = form_for()
    qtbot.keyClicks(form.first_name_edit, "Ola")
    qtbot.keyClicks(form.last_name_edit, "Nordmann")
    cases = [
        (
            form.birth_edit,
            "birth_date",
            "2008-03-07",
            _("Write the date as dd.mm.åååå, for example 07.03.2008."),
        ),
        (form.birth_edit, "birth_date", "31.02.2008", _("There is no such date.")),
        (
            form.phone_edit,
            "phone",
            "1234",
            _("A Norwegian phone number has 8 digits, for example 412 34 567."),
        ),
        (form.email_edit, "email", "ola@", _("Not an e-mail address (name@example.no).")),
        (form.postal_edit, "postal_code", "38a0", _("A postal code has 4 digits.")),
    ]
    for edit, key, bad, expected in cases:
        type_into(qtbot, edit, bad)
        assert message(form, key) == expected
        assert not form.ok_button.isEnabled()
        edit.clear()
    type_into(qtbot, form.birth_edit, "07.03.2008")
    assert form.ok_button.isEnabled()
    form.cannot_phone_check.setChecked(True)
    form.channel_combo.setCurrentIndex(form.channel_combo.findData(ContactChannel.TELEFON))
    assert message(form, "channel") and not form.ok_button.isEnabled()
    form.channel_combo.setCurrentIndex(form.channel_combo.findData(ContactChannel.SMS))
    assert message(form, "channel") == "" and form.ok_button.isEnabled()
    type_into(qtbot, form.birth_edit, "07.03.1980")  # allowed, but said
    assert "46" in message(form, "birth_date") and form.ok_button.isEnabled()


def test_adressesperre_hides_the_address_fields(form_for: Any, qtbot: Any) -> None:
    form = form_for()
    qtbot.keyClicks(form.address_edit, "Storgata 1")
    assert form.address_edit.echoMode() == QLineEdit.EchoMode.Normal
    form.sperre_combo.setCurrentIndex(form.sperre_combo.findData(Adressesperre.STRENGT_FORTROLIG))
    for edit in (form.address_edit, form.postal_edit, form.municipality_edit):
        assert edit.echoMode() == QLineEdit.EchoMode.Password
    assert message(form, "sperre")


def test_nothing_is_saved_half_way(
    form_for: Any, qtbot: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from navdesk.db import models as m
    from navdesk.errors import InvalidInput
    from navdesk.services import followup

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise InvalidInput("Perioden kunne ikke åpnes.")

    monkeypatch.setattr(followup, "open_period", refuse)
    with fixed_db.session() as s:
        count = s.scalar(select(func.count()).select_from(m.Youth))
    form = form_for()
    qtbot.keyClicks(form.first_name_edit, "Ola")
    qtbot.keyClicks(form.last_name_edit, "Nordmann")
    qtbot.keyClicks(form.birth_edit, "07.03.2008")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.saved_id is None
    assert form.banner.text() == "Perioden kunne ikke åpnes." and not form.banner.isHidden()
    assert form.first_name_edit.text() == "Ola"
    with fixed_db.session() as s:  # the youth created before the refusal was rolled back with it
        assert s.scalar(select(func.count()).select_from(m.Youth)) == count


def test_a_stale_edit_is_refused_and_the_text_kept(form_for: Any, qtbot: Any, fixed_db: Any) -> None:
    from navdesk.errors import StaleEdit
    from navdesk.services import youths
    from navdesk.services.context import actor_for
    from navdesk.services.record import open_record

    with fixed_db.session() as s, s.begin():
        actor = actor_for(s)
        youth_id = youths.portfolio_rows(s)[0].id
        opened = open_record(s, actor, youth_id, DEMO_DAY)
    form = form_for(opened)
    assert form.first_name_edit.text() == opened.values["first_name"]
    assert form.registration_edit is None  # an edit has no first period
    with fixed_db.session() as s, s.begin():  # someone else saves first
        youths.update_youth(s, actor, youth_id, opened.version, job_wishes="Lager")
    form.job_wishes_edit.setPlainText("Barnehage, og helst nær bussen")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.saved_id is None
    assert str(StaleEdit()) in form.banner.text() and not form.banner.isHidden()
    assert form.job_wishes_edit.toPlainText() == "Barnehage, og helst nær bussen"
    assert not form.ok_button.isEnabled()
    assert youth_row(fixed_db, youth_id).job_wishes == "Lager"


def test_an_edit_saves_only_what_changed(form_for: Any, qtbot: Any, fixed_db: Any) -> None:
    from navdesk.services import youths
    from navdesk.services.context import actor_for
    from navdesk.services.record import history, open_record

    with fixed_db.session() as s, s.begin():
        actor = actor_for(s)
        youth_id = youths.portfolio_rows(s)[3].id
        opened = open_record(s, actor, youth_id, DEMO_DAY)
    form = form_for(opened)
    assert form.changes() == {}  # opening and saving unchanged changes nothing (phone grouping included)
    type_into(qtbot, form.preferred_name_edit, "Kiki")
    qtbot.mouseClick(form.ok_button, Qt.MouseButton.LeftButton)
    assert form.saved_id == youth_id
    with fixed_db.session() as s:
        entries = history(s, youth_id)
    assert [[c.field for c in e.changes] for e in entries] == [[_("Preferred name")]]


def test_tab_order_and_accessible_names(form_for: Any) -> None:
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QPlainTextEdit, QSpinBox

    form = form_for()
    order = form.tab_order
    assert order[:5] == [form.first_name_edit, form.last_name_edit, form.preferred_name_edit, form.fnr_edit,
                         form.birth_edit]  # fmt: skip

    def next_stop(widget: Any) -> Any:
        """The next widget Tab moves to (labels and the insides of spin boxes take no focus)."""
        candidate = widget.nextInFocusChain()
        while not (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus) or isinstance(
            candidate.parentWidget(), QSpinBox
        ):
            candidate = candidate.nextInFocusChain()
        return candidate

    for first, second in pairwise(order):
        assert next_stop(first) is second, (first.accessibleName(), second.accessibleName())
    for widget in form.findChildren(QLineEdit) + form.findChildren(QComboBox) + form.findChildren(QPlainTextEdit) \
            + form.findChildren(QSpinBox) + form.findChildren(QAbstractButton):  # fmt: skip
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QSpinBox):
            continue
        assert widget.accessibleName(), widget
