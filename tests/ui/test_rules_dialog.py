"""Regler for frister: admins change the office's rules (saved in one go, audited, deadlines recomputed);
others only read; invalid input saves nothing; reset to the standard."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLineEdit, QSpinBox

from navdesk.domain.deadlines.rules import RULES, RULES_BY_ID
from navdesk.i18n import _
from navdesk.ui.dialogs.rules import RulesDialog, param_label
from tests.ui.conftest import DEMO_DAY

DAY = DEMO_DAY


@pytest.fixture
def admin(fixed_db: Any) -> Any:
    from navdesk.services.context import actor_for

    with fixed_db.session() as s:
        return actor_for(s)


@pytest.fixture
def veileder(fixed_db: Any, admin: Any) -> Any:
    from navdesk.domain.enums import AccessRole
    from navdesk.services.context import actor_for
    from navdesk.services.office import add_user

    with fixed_db.session() as s, s.begin():
        add_user(s, admin, name="Quentin Zahl", initials="QZ", password="et langt passord 123",
                 access_role=AccessRole.VEILEDER)  # fmt: skip
    with fixed_db.session() as s:
        return actor_for(s, "QZ")


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, admin: Any, ui_settings: Any) -> Any:
    from navdesk.ui.main_window import MainWindow

    win = MainWindow(fixed_db, admin, settings=ui_settings, today=DAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.show_screen("deadlines")
    return win


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The messages the dialog shows (instead of a modal box)."""
    shown: list[str] = []
    monkeypatch.setattr(
        "navdesk.ui.dialogs.rules.QMessageBox.warning", lambda _parent, _title, text: shown.append(text)
    )
    return shown


def settings(db: Any) -> Any:
    from navdesk.services.deadlines import rule_settings

    with db.session() as s:
        return rule_settings(s)


def rule_audits(db: Any) -> int:
    from sqlalchemy import func, select

    from navdesk.db.models import AuditEvent

    with db.session() as s:
        query = select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "deadline_rule")
        return int(s.scalar(query) or 0)


def rules_in(book: Any) -> set[str]:
    return {d.rule for d in book.all()}


def test_lists_every_rule_with_editors_made_from_the_defaults(qtbot: Any, fixed_db: Any, admin: Any) -> None:
    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    assert dialog.rule_list.count() == len(RULES) == 17
    assert all(e.editable() for r in RULES for e in dialog.page(r.id).editors.values())
    assert [dialog.rule_list.item(i).text() for i in range(17)] == [_(r.name) for r in RULES]
    assert all(dialog.is_enabled(r.id) for r in RULES)
    spin = dialog.page("no_contact").editors["normal"].focus_widget()
    assert isinstance(spin, QSpinBox) and spin.value() == 30 and spin.maximum() == 3650
    assert spin.suffix() == _(" days")
    offsets = dialog.editor("after_start", "offsets")
    assert isinstance(offsets, QLineEdit) and offsets.text() == "7, 30, 90"
    assert dialog.editor("school_year", "at_risk_day").text() == "15.09"  # shown as a Norwegian date
    met_by = dialog.editor("followup_8w", "met_by")
    ticks = {c.text(): c.isChecked() for c in met_by.findChildren(QCheckBox)}
    assert ticks == {_("A meeting held"): True, _("An activity started"): True, _("A job club started"): True,
                     _("A contact held"): False}  # fmt: skip
    assert param_label("tett") != "tett" and param_label("offsets") == _("Days after the start")
    assert param_label("something_new") == "something_new"
    dialog.select("followup_8w")
    assert dialog.pages.currentWidget() is dialog.page("followup_8w")
    assert not dialog.read_only_label.isVisibleTo(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is not None


def test_admin_saves_changes_in_one_go_and_the_deadlines_move(
    qtbot: Any, window: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.load_deadlines()
    assert "school_year" in rules_in(before)
    no_contact_before = {d.key: d.due for d in before.all() if d.rule == "no_contact"}
    audits = rule_audits(fixed_db)

    def edit_and_save(dialog: RulesDialog) -> int:
        dialog.set_enabled("school_year", False)
        assert not dialog.page("school_year").off_label.isHidden()
        dialog.page("no_contact").editors["normal"].set_value(14)
        dialog.editor("after_start", "offsets").setText("7; 30 , 60")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
        return dialog.result()

    monkeypatch.setattr(RulesDialog, "exec", edit_and_save)
    assert window.deadlines.edit_rules() is True  # the toolbar's "Rules for deadlines …"

    now = settings(fixed_db)
    assert now["school_year"].enabled is False
    assert now["no_contact"].params == {"tett": 7, "normal": 14, "minimum": 182}
    assert now["after_start"].params == {"offsets": [7, 30, 60]}
    assert now["followup_8w"] == settings(fixed_db)["followup_8w"]  # untouched
    assert rule_audits(fixed_db) == audits + 3  # one audited update per changed rule

    book = window.deadlines_book
    assert book is not before and window.deadlines.book is book  # recomputed and shown
    assert "school_year" not in rules_in(book)
    moved = [d for d in book.all() if d.rule == "no_contact" and d.key in no_contact_before]
    assert moved and any(d.due < no_contact_before[d.key] for d in moved)


def test_the_frister_screen_has_the_rules_button(window: Any) -> None:
    view = window.deadlines
    assert view.rules_button.defaultAction() is view.rules_action
    assert view.rules_button.isVisible()  # not hidden behind the tool bar's "»"
    assert view.rules_action.text() == _("Rules for deadlines …")
    assert view.rules_action.isEnabled()


def test_nothing_changed_writes_nothing(qtbot: Any, fixed_db: Any, admin: Any) -> None:
    audits = rule_audits(fixed_db)
    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    assert dialog.changes() == {}
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.saved is False
    assert rule_audits(fixed_db) == audits


def test_a_veileder_only_reads(qtbot: Any, fixed_db: Any, veileder: Any, warnings: list[str]) -> None:
    dialog = RulesDialog(fixed_db, veileder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.read_only_label.isVisible()
    assert dialog.read_only_label.text() == _("Only an administrator may change the office's rules.")
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert not dialog.reset_button.isEnabled()
    for rule in RULES:
        page = dialog.page(rule.id)
        assert all(not editor.editable() for editor in page.editors.values())
        item = dialog.item(rule.id)
        assert not item.flags() & item.flags().ItemIsUserCheckable
    dialog.select("no_contact")
    assert dialog.pages.currentWidget() is dialog.page("no_contact")  # may still look at every rule
    spin = dialog.page("no_contact").editors["normal"].focus_widget()
    assert isinstance(spin, QSpinBox)
    assert spin.isReadOnly() and spin.buttonSymbols() == QSpinBox.ButtonSymbols.NoButtons
    assert dialog.editor("after_start", "offsets").isReadOnly()
    assert not any(c.isEnabled() for c in dialog.editor("followup_8w", "met_by").findChildren(QCheckBox))

    audits = rule_audits(fixed_db)
    dialog.set_enabled("school_year", False)  # even if something got changed, it is not saved
    assert dialog.save() is False
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.saved
    assert settings(fixed_db)["school_year"].enabled is True
    assert rule_audits(fixed_db) == audits


@pytest.mark.parametrize(
    ("rule", "param", "text"),
    [("after_start", "offsets", "7, x"), ("age_milestone", "ages", ""), ("outcome_snapshot", "months", "1, -3"),
     ("school_year", "at_risk_day", "31.02"), ("school_year", "started_day", "august")],
)  # fmt: skip
def test_invalid_input_shows_a_message_and_saves_nothing(
    qtbot: Any, fixed_db: Any, admin: Any, warnings: list[str], rule: str, param: str, text: str
) -> None:
    audits = rule_audits(fixed_db)
    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_enabled("reassess", False)
    dialog.page("no_contact").editors["normal"].set_value(14)
    dialog.select("first_contact")
    dialog.editor(rule, param).setText(text)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    assert len(warnings) == 1 and param_label(param) in warnings[0]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted  # kept open
    assert dialog.selected_rule() == rule  # the rule with the bad field is shown
    assert dialog.editor(rule, param).text() == text  # the input is kept as written
    assert dialog.page("no_contact").editors["normal"].value() == 14
    assert rule_audits(fixed_db) == audits
    assert settings(fixed_db)["no_contact"].params["normal"] == 30


def test_no_met_by_ticked_is_refused(qtbot: Any, fixed_db: Any, admin: Any, warnings: list[str]) -> None:
    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    for check in dialog.editor("followup_8w", "met_by").findChildren(QCheckBox):
        check.setChecked(False)
    assert dialog.save() is False
    assert len(warnings) == 1 and param_label("met_by") in warnings[0]


def test_met_by_and_a_date_are_saved(qtbot: Any, fixed_db: Any, admin: Any) -> None:
    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    checks = {c.text(): c for c in dialog.editor("followup_8w", "met_by").findChildren(QCheckBox)}
    checks[_("A contact held")].setChecked(True)
    checks[_("A job club started")].setChecked(False)
    dialog.editor("school_year", "at_risk_day").setText("1.10")
    dialog.editor("school_year", "started_day").setText("08-20")  # the stored form is accepted too
    assert dialog.save() is True and dialog.saved
    now = settings(fixed_db)
    assert now["followup_8w"].params["met_by"] == ["meeting_held", "activity_started", "contact_held"]
    assert now["school_year"].params == {"at_risk_day": "10-01", "started_day": "08-20", "max_age": 21}


def test_a_stale_rule_is_refused_with_the_message(
    qtbot: Any, fixed_db: Any, admin: Any, warnings: list[str]
) -> None:
    from navdesk.services.deadlines import update_rule

    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    with fixed_db.session() as s, s.begin():  # someone else saves the same rule meanwhile
        update_rule(s, admin, "no_contact", params={"tett": 10})
    dialog.page("no_contact").editors["normal"].set_value(14)
    dialog.set_enabled("school_year", False)
    assert dialog.save() is False and len(warnings) == 1
    now = settings(fixed_db)
    assert now["no_contact"].params == {"tett": 10, "normal": 30, "minimum": 182}
    assert now["school_year"].enabled is True  # one transaction: nothing of it was saved


def test_reset_to_the_standard(qtbot: Any, fixed_db: Any, admin: Any) -> None:
    from navdesk.services.deadlines import update_rule

    with fixed_db.session() as s, s.begin():
        update_rule(s, admin, "no_contact", enabled=False, params={"tett": 3, "normal": 14})
        update_rule(s, admin, "after_start", params={"offsets": [5]})
    dialog = RulesDialog(fixed_db, admin)
    qtbot.addWidget(dialog)
    assert not dialog.is_enabled("no_contact")
    assert dialog.page("no_contact").editors["normal"].value() == 14
    dialog.select("no_contact")
    dialog.reset_button.click()
    assert dialog.is_enabled("no_contact")
    assert dialog.page("no_contact").params() == RULES_BY_ID["no_contact"].params
    assert dialog.editor("after_start", "offsets").text() == "5"  # only the selected rule
    assert settings(fixed_db)["no_contact"].enabled is False  # nothing saved before Save
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    now = settings(fixed_db)
    assert now["no_contact"].enabled is True
    assert now["no_contact"].params == {"tett": 7, "normal": 30, "minimum": 182}
    assert now["after_start"].params == {"offsets": [5]}
