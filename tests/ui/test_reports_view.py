"""The Rapporter screen on the demo office: built on first use, period and scope pickers, a chart
beside each table with the same (suppressed) numbers, saving the PDF and the tables (dialogs faked),
audited; a period that ends before it starts is refused in words."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QTableWidget

from tests.ui.conftest import DEMO_DAY, open_window


def _window(qtbot: Any, fixed_db: Any, ui_settings: Any) -> Any:
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.resize(1400, 900)
    return window


def test_reports_screen_built_on_first_use_and_shows_suppressed_numbers(
    qtbot, fixed_db, ui_settings, tmp_path, monkeypatch
):
    from navdesk.ui.reports.view import ChartWidget, ReportsView

    window = _window(qtbot, fixed_db, ui_settings)
    assert window._reports_view is None
    window.show_screen("reports")
    view = window.stack.currentWidget()
    assert isinstance(view, ReportsView) and view is window.reports
    assert view.scope.itemData(0) is None and view.scope.findData("OB") > 0
    assert not view.pdf_button.isEnabled()
    view.preset.setCurrentIndex(view.preset.findData("last_year"))
    assert view.start.date() == QDate(2025, 1, 1) and view.end.date() == QDate(2025, 12, 31)
    view.start.setDate(QDate(2025, 6, 1))
    view.end.setDate(QDate(2026, 11, 24))
    report = view.make()
    assert report is not None and view.pdf_button.isEnabled()
    sections = {t.key: t for t in report.rendered()}
    followup = view.sections.findChild(type(view.sections), "followup_8w")
    numbers = followup.findChild(QTableWidget)
    shown = [
        [numbers.item(i, j).text() for j in range(numbers.columnCount())] for i in range(numbers.rowCount())
    ]
    assert shown == sections["followup_8w"].rows
    assert any(cell.startswith("< 5") for row in shown for cell in row)
    assert followup.findChild(ChartWidget) is not None
    status = view.sections.findChild(type(view.sections), "status_months").findChild(ChartWidget)
    assert status.table.chart == "line"
    image = view.grab()
    assert image.width() > 800
    # files (native dialogs are the only fakes)
    from navdesk.ui.printing import native

    pdf, book = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    monkeypatch.setattr(native, "ask_save_path", lambda parent, suggested: str(pdf))
    monkeypatch.setattr(native, "ask_xlsx_path", lambda parent, suggested: str(book))
    monkeypatch.setattr(native, "ask_folder", lambda parent, suggested: str(tmp_path / "csv"))
    view.lang.setCurrentIndex(view.lang.findData("nn"))
    view.pdf_button.click()
    view.xlsx_button.click()
    view.csv_button.click()
    assert pdf.read_bytes().startswith(b"%PDF") and book.exists()
    assert (tmp_path / "csv" / "followup_8w.csv").exists()
    from pypdf import PdfReader

    assert "Definisjonar" in "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    from sqlalchemy import select

    from navdesk.db.models import AuditEvent

    with fixed_db.session() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "report")).all()
    assert len(events) == 3


def test_veileder_scope_and_a_refused_period(qtbot, fixed_db, ui_settings):
    window = _window(qtbot, fixed_db, ui_settings)
    window.show_screen("reports")
    view: Any = window.reports
    view.scope.setCurrentIndex(view.scope.findData("OB"))
    view.start.setDate(QDate(2025, 1, 1))
    view.end.setDate(QDate(2026, 11, 24))
    report = view.make()
    assert report is not None and report.scope == "OB"
    view.start.setDate(QDate(2026, 12, 1))
    view.end.setDate(QDate(2026, 1, 1))
    assert view.make() is None
    assert view.note.text()
    assert view.report is report and date(2025, 1, 1) == report.params.start


def test_admin_changes_the_threshold_and_the_report_follows(qtbot, fixed_db, ui_settings):
    window = _window(qtbot, fixed_db, ui_settings)
    window.show_screen("reports")
    view: Any = window.reports
    assert view.threshold_box.isEnabled() and view.threshold_box.value() == 5
    view.start.setDate(QDate(2025, 1, 1))
    view.make()
    view.threshold_box.setValue(3)
    view.change_threshold()
    assert view.report.threshold == 3
    texts = " ".join(" ".join(r) for t in view.report.rendered() for r in t.rows)
    assert "< 3" in texts and "< 5" not in texts
    from navdesk.services.reports import threshold

    with fixed_db.session() as s:
        assert threshold(s) == 3
