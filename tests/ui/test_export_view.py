"""Export of the portfolio as shown: only the filtered rows in their order, only the visible columns in
theirs, never a protected youth's whereabouts, atomically, audited (only the save dialog is faked)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from navdesk.services import audit
from navdesk.services.context import actor_for
from navdesk.services.youths import open_youth, update_youth
from navdesk.ui import export_view as module
from navdesk.ui.models.portfolio_model import COL_AGE, COL_MUNICIPALITY, COL_NAME, COL_VEILEDER, OBJECT_ROLE
from tests.ui.conftest import open_window

SECRET_PLACE = "Skjultvika"


@pytest.fixture
def window(qtbot: Any, demo_db: Any, ui_settings: Any) -> Any:
    """The main window over the demo office, with one shown youth given a strictly confidential address."""
    probe = open_window(qtbot, demo_db, ui_settings)
    proxy = probe.portfolio.proxy
    shown = [proxy.index(r, COL_NAME).data(OBJECT_ROLE) for r in range(proxy.rowCount())]
    target = next(r for r in shown if not r.adressesperre and r.municipality)
    with demo_db.session() as s, s.begin():
        actor = actor_for(s)
        detail = open_youth(s, actor, target.id)
        update_youth(s, actor, target.id, detail.version, adressesperre="strengt_fortrolig",
                     address="Hemmeligveien 1", municipality=SECRET_PLACE)  # fmt: skip
    probe.portfolio.reload()
    probe.protected_id = target.id
    return probe


def _shown(window: Any, columns: list[int]) -> list[list[str]]:
    proxy = window.portfolio.proxy
    return [[str(proxy.index(r, c).data() or "") for c in columns] for r in range(proxy.rowCount())]


def _export(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, out: Path, fmt: str) -> Any:
    asked = []
    monkeypatch.setattr(module, "choose_save_path", lambda parent, suggested, f: asked.append(f) or str(out))
    dialog = window.export_view()
    assert dialog.isVisible()
    assert any(word in dialog.warning_label.text() for word in ("IKKE", "NOT"))  # not encrypted
    (dialog.xlsx_radio if fmt == "xlsx" else dialog.csv_radio).setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == [fmt]
    return dialog


def test_csv_has_the_filtered_rows_and_visible_columns_in_their_order(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Any
) -> None:
    portfolio = window.portfolio
    header = portfolio.view.horizontalHeader()
    for column in range(header.count()):  # show exactly: name, municipality, age (in that order)
        header.setSectionHidden(column, column not in (COL_NAME, COL_AGE, COL_MUNICIPALITY))
    header.moveSection(header.visualIndex(COL_MUNICIPALITY), header.visualIndex(COL_AGE))
    assert module.visible_columns(portfolio.view) == [COL_NAME, COL_MUNICIPALITY, COL_AGE]
    portfolio.view.sortByColumn(COL_AGE, Qt.SortOrder.DescendingOrder)
    everyone = portfolio.proxy.rowCount()
    protected = next(r for r in portfolio.model.rows() if r.id == window.protected_id)
    portfolio.search_edit.setText(protected.last_name[:3])  # a filter that keeps the protected youth
    assert 0 < portfolio.proxy.rowCount() < everyone

    out = tmp_path / "utvalg.csv"
    _export(window, qtbot, monkeypatch, out, "csv")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, so Excel shows æøå
    assert not (tmp_path / "utvalg.csv.part").exists()
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    model = portfolio.proxy
    assert rows[0] == [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in (COL_NAME, COL_MUNICIPALITY, COL_AGE)
    ]
    shown = _shown(window, [COL_NAME, COL_MUNICIPALITY, COL_AGE])
    assert len(rows) - 1 == len(shown)
    for written, seen in zip(rows[1:], shown, strict=True):
        if protected.name in seen[0]:
            assert written == [seen[0], "", seen[2]]  # the municipality is left out, name and age stay
        else:
            assert written == seen
    assert any(protected.name in r[0] for r in rows[1:])
    text = raw.decode("utf-8-sig")
    assert SECRET_PLACE not in text and "Hemmeligveien" not in text
    # audited, with what was written
    with demo_db.session() as s:
        event = audit.events(s, limit=1)[0]
    assert (event["action"], event["entity"]) == ("export", "youth")
    assert "utvalg.csv" in window.statusBar().currentMessage()


def test_xlsx_export_and_every_column_for_a_protected_youth(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    portfolio = window.portfolio
    header = portfolio.view.horizontalHeader()
    for column in range(header.count()):
        header.setSectionHidden(column, False)  # every column there is, including any added later
    out = tmp_path / "alle.xlsx"
    _export(window, qtbot, monkeypatch, out, "xlsx")
    sheet = load_workbook(out).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert len(values) - 1 == portfolio.proxy.rowCount()
    columns = module.visible_columns(portfolio.view)
    protected_row = next(
        r for r in range(portfolio.proxy.rowCount())
        if portfolio.proxy.index(r, 0).data(OBJECT_ROLE).id == window.protected_id
    )  # fmt: skip
    written = values[protected_row + 1]
    for position, column in enumerate(columns):
        if column not in module.SAFE_COLUMNS:
            assert written[position] in (None, ""), values[0][position]
    everything = " ".join(str(v) for row in values for v in row if v is not None)
    assert SECRET_PLACE not in everything and "Hemmeligveien" not in everything
    ages = [row[columns.index(COL_AGE)] for row in values[1:]]
    assert all(isinstance(a, int) for a in ages)  # numbers in Excel, not text
    veileder = columns.index(COL_VEILEDER)
    assert values[0][veileder] == portfolio.proxy.headerData(COL_VEILEDER, Qt.Orientation.Horizontal)


def test_formulas_are_defused_and_dates_are_dates(tmp_path: Path) -> None:
    rows = [['=HYPERLINK("x")', "01.02.2024", "+47 912 34 567", "-x", "17"]]
    module.write_table(["a", "b", "c", "d", "e"], rows, tmp_path / "f.csv", "csv")
    text = (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ";+47 912 34 567;" in text and ";'-x;" in text
    module.write_table(["a", "b", "c", "d", "e"], rows, tmp_path / "f.xlsx", "xlsx")
    from openpyxl import load_workbook

    cells = next(load_workbook(tmp_path / "f.xlsx").worksheets[0].iter_rows(min_row=2))
    assert cells[0].data_type == "s" and cells[0].value.startswith("=")  # text, not a formula
    assert cells[1].value.date() == date(2024, 2, 1) and cells[4].value == 17


def test_a_failed_write_leaves_no_file_and_no_audit(
    window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Any
) -> None:
    with demo_db.session() as s:
        before = audit.events(s, limit=1)[0]["seq"]
    out = tmp_path / "no-such-folder" / "x.csv"
    monkeypatch.setattr(module, "choose_save_path", lambda parent, suggested, f: str(out))
    dialog = window.export_view()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.text()  # the reason, in the dialog
    assert not out.exists()
    with demo_db.session() as s:
        assert audit.events(s, limit=1)[0]["seq"] == before
    dialog.reject()
