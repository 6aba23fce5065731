"""Kontor → Oppbevaring og sletting and the record's Innsyn button, on a real database with real widgets:
only leaders and administrators get the menu action, the dialog's dry run follows the ticks, nothing is
deleted without the confirmation, a deletion reaches the portfolio, and the innsyn PDF is saved and
audited. Screenshots go to docs/screenshots/ when NAVDESK_SCREENSHOTS is set."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.retentiondata import FIRST, build
from tests.ui.conftest import open_window

TODAY = date(2026, 12, 4)


@pytest.fixture
def office_db(tmp_path: Path) -> Any:
    from navdesk.db.opening import create_database

    db, _mode = create_database(tmp_path / "office.db", unencrypted=True)
    with db.session() as s, s.begin():
        data = build(s)
    yield db, data
    db.close()


def _shot(widget: Any, name: str) -> None:
    folder = os.environ.get("NAVDESK_SCREENSHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def test_the_dialog_lists_dry_runs_and_deletes_after_confirmation(qtbot: Any, office_db: Any, ui_settings: Any,
                                                                  monkeypatch: Any) -> None:  # fmt: skip
    from navdesk.ui import retention as ui

    db, _data = office_db
    window = open_window(qtbot, db, ui_settings, today=TODAY)
    assert window.retention_action.text() == "Oppbevaring og sletting …"
    assert window.retention_action in window.office_menu.actions()
    dialog = ui.open_retention(window)
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text().startswith(FIRST)
    assert "12 måneder" in dialog.rule_label.text() and "04.12.2025" in dialog.rule_label.text()
    assert "1 ungdom valgt" in dialog.plan_label.text() and "03.01.2027" in dialog.plan_label.text()
    _shot(dialog, "oppbevaring-og-sletting.png")

    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # nothing ticked: nothing to do
    assert not dialog.delete_button.isEnabled()
    qtbot.waitUntil(lambda: "0 ungdommer valgt" in dialog.plan_label.text())  # the dry run follows the ticks
    dialog.table.item(0, 0).setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: "1 ungdom valgt" in dialog.plan_label.text())

    asked: list[str] = []
    monkeypatch.setattr(ui, "ask_confirmation", lambda _p, _t, text: asked.append(text) or False)
    assert dialog.remove(anonymise=False) is None  # said no: nothing happens
    assert dialog.table.rowCount() == 1 and "for godt" in asked[0]

    monkeypatch.setattr(ui, "ask_confirmation", lambda _p, _t, _text: True)
    receipt = dialog.remove(anonymise=False)
    assert receipt is not None and receipt.youths == 1
    assert "1 ungdom slettet" in dialog.result_label.text() and "03.01.2027" in dialog.result_label.text()
    assert dialog.table.rowCount() == 0 and "Ingen ungdom" in dialog.plan_label.text()
    names = [row.name for row in window.portfolio.model.rows()]
    assert not any(FIRST in name for name in names) and names  # the portfolio was read again


def test_a_veileder_gets_no_retention_action_and_a_leader_cannot_change_the_time(qtbot: Any, office_db: Any,
                                                                                  ui_settings: Any) -> None:  # fmt: skip
    from navdesk.services.context import actor_for
    from navdesk.services.office import add_user
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.retention import RetentionDialog

    db, data = office_db
    with db.session() as s, s.begin():
        add_user(s, data.actor, name="Ola Veileder", initials="OV", password="passord123")
        add_user(s, data.actor, name="Lise Leder", initials="LL", password="passord123", access_role="leder")
    with db.session() as s:
        veileder, leder = actor_for(s, "OV"), actor_for(s, "LL")
    window = MainWindow(db, veileder, settings=ui_settings, today=TODAY)
    qtbot.addWidget(window)
    assert not hasattr(window, "retention_action")
    dialog = RetentionDialog(db, leder, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and not dialog.save_months.isVisibleTo(dialog)
    assert "standard" not in dialog.rule_label.text()
    admin_dialog = RetentionDialog(db, data.actor, today=TODAY)  # an office that keeps data 60 months
    qtbot.addWidget(admin_dialog)
    admin_dialog.months.setValue(60)
    assert admin_dialog.change_retention() is True
    assert "60 måneder" in admin_dialog.rule_label.text() and "12 måneder" in admin_dialog.rule_label.text()
    assert admin_dialog.table.rowCount() == 0  # closed 01.06.2024: not five years ago


def test_the_record_saves_the_innsyn_pdf_and_audits_it(qtbot: Any, office_db: Any, tmp_path: Path,
                                                       monkeypatch: Any) -> None:  # fmt: skip
    from pypdf import PdfReader

    from navdesk.services.audit import events
    from navdesk.ui.printing import native
    from navdesk.ui.record.window import RecordWindow

    db, data = office_db
    out = tmp_path / "innsyn.pdf"
    monkeypatch.setattr(native, "ask_save_path", lambda _parent, _suggested: str(out))
    said: list[str] = []
    monkeypatch.setattr(native, "show_info", lambda _parent, text: said.append(text))
    window = RecordWindow(db, data.actor, data.gone, today=TODAY)
    qtbot.addWidget(window)
    assert window.innsyn_button.text() == "Innsyn …"
    assert window.save_innsyn() == out and "IKKE kryptert" in said[0]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert "Alt NavDesk har lagra om deg" in text and "Helse: Zorgunnia har angst" in text
    with db.session() as s:
        latest = events(s, limit=1)[0]
    assert (
        latest["action"] == "export" and latest["entity"] == "innsyn" and latest["youth_id"] == str(data.gone)
    )

    from navdesk.services.context import actor_for
    from navdesk.services.office import add_user

    with db.session() as s, s.begin():
        add_user(s, data.actor, name="Ola Veileder", initials="OV", password="passord123")
    with db.session() as s:
        other = actor_for(s, "OV")
    not_theirs = RecordWindow(db, other, data.gone, today=TODAY)  # another veileder's youth: no innsyn button
    qtbot.addWidget(not_theirs)
    assert window.innsyn_button.isVisibleTo(window) and not not_theirs.innsyn_button.isVisibleTo(not_theirs)
