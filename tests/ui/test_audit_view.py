"""Revisjonslogg: the viewer filters by youth, user and date, checks the chain and names a tampered
entry; a veileder has no way in (issue 9)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from navdesk.db.models import AuditEvent
from navdesk.i18n import _
from navdesk.services import audit
from navdesk.services.context import actor_for
from navdesk.services.youths import portfolio_rows


def _column(dialog: Any, column: int) -> list[str]:
    return [dialog.table.item(row, column).text() for row in range(dialog.table.rowCount())]


def test_the_viewer_shows_who_opened_a_record_and_finds_a_tampered_entry(
    qtbot: Any, main_window: Any, demo_db: Any
) -> None:
    with demo_db.session() as s:
        youth = portfolio_rows(s)[0]
    name = f"{youth.first_name} {youth.last_name}"
    record = main_window.open_record(youth.id)  # a read of the record: audited
    assert main_window.audit_log_action is not None  # KN is an admin
    assert record.log_button is not None
    dialog = record.show_audit_log()  # the record's own "Logg for ungdommen"

    qtbot.waitExposed(dialog)
    assert dialog.youth_combo.currentText() == name
    assert _("Opened the record") in _column(dialog, 3)
    assert set(_column(dialog, 5)) == {name}  # only this youth's entries
    assert set(_column(dialog, 2)) <= {"KN", "OB", "SL"}

    ob = dialog.user_combo.findText("OB", flags=Qt.MatchFlag.MatchStartsWith)
    dialog.user_combo.setCurrentIndex(ob)
    assert set(_column(dialog, 2)) <= {"OB"}
    dialog.user_combo.setCurrentIndex(0)
    dialog.youth_combo.setCurrentIndex(0)  # all youths
    dialog.since_edit.setDate(dialog.until_edit.date().addDays(1))  # a day with nothing yet
    assert dialog.table.rowCount() == 0
    dialog.since_edit.setDate(dialog.until_edit.date().addDays(-30))
    assert dialog.table.rowCount() > 1

    assert dialog.verify() is True
    assert dialog.verify_label.text().startswith("✔")
    folder = os.environ.get("NAVDESK_SCREENSHOTS")  # docs/screenshots/audit-log.png is made this way
    if folder:
        dialog.resize(1100, 560)
        QApplication.processEvents()
        dialog.grab().save(str(Path(folder) / "audit-log.png"))

    with demo_db.session() as s, s.begin():
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(action="update"))
    assert dialog.verify() is False
    assert dialog.verify_label.text().startswith("✘") and "2" in dialog.verify_label.text()


def test_a_veileder_has_no_audit_log(qtbot: Any, demo_db: Any, ui_settings: Any) -> None:
    from navdesk.ui.main_window import MainWindow

    with demo_db.session() as s:
        veileder = actor_for(s, "OB")
        try:
            audit.search(s, veileder, since=date(2026, 1, 1))
        except Exception as exc:  # the core refuses, not just the menu
            refused = str(exc)
        else:
            refused = ""
    assert _("Only a leader or an administrator can read the audit log.") == refused
    window = MainWindow(demo_db, veileder, settings=ui_settings)
    qtbot.addWidget(window)
    assert window.audit_log_action is None
