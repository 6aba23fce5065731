"""The import dialog driven through its real widgets (only the system's file dialog is faked)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from navdesk.services.context import actor_for
from navdesk.services.youths import portfolio_rows
from navdesk.ui.dialogs import import_youths as module
from navdesk.ui.dialogs.import_youths import ImportYouthsDialog
from tests.importdata import make_fnr, write_csv
from tests.ui.conftest import open_window


@pytest.fixture
def dialog(qtbot: Any, demo_db: Any) -> Any:
    with demo_db.session() as s:
        actor = actor_for(s)
    widget = ImportYouthsDialog(demo_db, actor)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _choose(dialog: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(module, "choose_file", lambda parent: str(path))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)


def _names(db: Any) -> set[str]:
    with db.session() as s:
        return {r.name for r in portfolio_rows(s)}


def _names_label(tip: str) -> bool:
    from navdesk.importing import field_labels

    return field_labels()["name"] in tip


def _import(dialog: Any, qtbot: Any) -> Any:
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    return finished.args[0]


def test_preview_map_a_column_by_hand_and_import(
    dialog: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Any, qtmodeltester: Any
) -> None:
    path = write_csv(tmp_path / "elever.csv", [
        ["Elevnavn", "Fødselsnummer", "Mobil", "Registreringsdato", "Merknad"],
        ["Åse Ødegård", make_fnr(date(2004, 5, 3), 700), "912 34 567", "01.02.2024", "ringes etter 10"],
        ["Ærlig, Øystein", make_fnr(date(2006, 11, 30), 710, d_number=True), "", "", ""],
    ], encoding="cp1252")  # fmt: skip
    _choose(dialog, qtbot, monkeypatch, path)

    # the preview: every row, with the file's row numbers, and the recognised columns
    model = dialog.preview_model
    qtmodeltester.check(model)
    assert (model.rowCount(), model.columnCount()) == (2, 5)
    assert [model.headerData(r, Qt.Orientation.Vertical) for r in range(2)] == ["2", "3"]
    assert model.index(0, 0).data() == "Åse Ødegård"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Fødselsnummer"
    assert "Fødselsnummer" in model.headerData(1, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    combos = {dialog.mapping_table.item(r, 0).text(): dialog.mapping_table.cellWidget(r, 2) for r in range(5)}
    assert combos["Fødselsnummer"].currentData() == "fodselsnummer"
    assert combos["Mobil"].currentData() == "phone"
    assert combos["Elevnavn"].currentData() == "" and combos["Merknad"].currentData() == ""
    # "Elevnavn" is not recognised: no name column, so nothing can be imported
    assert dialog.error_list.count() == 1
    assert dialog.error_list.item(0).text().startswith(("Rad 1:", "Row 1:"))
    assert not dialog.import_button.isEnabled()

    # the user chooses "Name" for Elevnavn in its combo box
    combo = combos["Elevnavn"]
    combo.setCurrentIndex(combo.findData("name"))
    assert dialog.error_list.count() == 0
    assert dialog.import_button.isEnabled()
    assert "2" in dialog.summary_label.text()
    assert _names_label(model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))

    outcome = _import(dialog, qtbot)
    assert outcome.imported == 2 and outcome.periods == 1
    assert {"Åse Ødegård", "Øystein Ærlig"} <= _names(demo_db)
    assert "2" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()  # done; importing again would only find duplicates


def test_bad_rows_are_listed_by_row_and_column_and_nothing_is_imported(
    dialog: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Any
) -> None:
    before = _names(demo_db)
    fnr = make_fnr(date(2004, 5, 3), 720)
    path = write_csv(tmp_path / "ungdommer høst.csv", [
        ["Navn", "Fødselsnummer", "Fødselsdato", "Telefon", "E-post", "Registreringsdato", "Veileder",
         "Innsatsgruppe", "Merknad"],
        ["Åse Marie Ødegård", fnr, "03.05.2004", "912 34 567", "ase@eksempel.no", "01.02.2024", "",
         "Situasjonsbestemt innsats", "ringes etter kl 10"],
        ["Cher", "12345678901", "", "1234", "ikke-epost", "32.13.2024", "XX", "middels", ""],
        ["Øystein Ærlig", make_fnr(date(2006, 11, 30), 730, d_number=True), "", "+47 48 00 00 00", "",
         "2024-03-05", "", "", ""],
        ["Bjørn Ås", make_fnr(date(2001, 1, 7), 400), "08.01.2001", "", "", "", "", "", "har førerkort"],
        ["Åse Marie Ødegård", fnr, "", "", "", "", "", "", "to ganger"],
    ], encoding="cp1252")  # fmt: skip
    _choose(dialog, qtbot, monkeypatch, path)
    texts = [dialog.error_list.item(i).text() for i in range(dialog.error_list.count())]
    assert len(texts) == 9
    for row, column in [(3, "Navn"), (3, "Fødselsnummer"), (3, "Telefon"), (3, "E-post"), (3, "Registreringsdato"),
                        (3, "Veileder"), (3, "Innsatsgruppe"), (5, "Fødselsdato"), (6, "Fødselsnummer")]:  # fmt: skip
        assert any(f"{row}, " in t and f"«{column}»" in t for t in texts), (row, column)
    assert not dialog.import_button.isEnabled()
    # the cell with the problem is marked in the preview, with the message as its tooltip
    model = dialog.preview_model
    bad = model.index(1, 3)  # row 3, Telefon
    assert bad.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "1234" in bad.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 3).data(Qt.ItemDataRole.BackgroundRole) is None
    dialog.resize(1100, 720)  # as in docs/screenshots/import.png
    assert dialog.grab().save(str(tmp_path / "import.png"))
    # clicking an error shows its cell
    dialog.error_list.itemClicked.emit(dialog.error_list.item(2))
    assert (dialog.preview.currentIndex().row(), dialog.preview.currentIndex().column()) == (1, 3)

    dialog.start_import()  # refused while there are errors
    assert _names(demo_db) == before


def test_duplicates_can_be_skipped(
    dialog: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Any
) -> None:
    with demo_db.session() as s:
        known = portfolio_rows(s)[0]
    path = write_csv(tmp_path / "d.csv", [
        ["Fornavn", "Etternavn", "Fødselsdato"],
        [known.first_name, known.last_name, known.birth_date.strftime("%d.%m.%Y")],
        ["Ny", "Ungdom", "01.01.2005"],
        ["Ny", "Ungdom", "2005-01-01"],
    ])  # fmt: skip
    _choose(dialog, qtbot, monkeypatch, path)
    assert dialog.error_list.count() == 2 and not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.skip_check, Qt.MouseButton.LeftButton)
    assert dialog.skip_check.isChecked()
    assert dialog.import_button.isEnabled()
    assert dialog.error_list.count() == 2  # now listed as skipped
    outcome = _import(dialog, qtbot)
    assert outcome.imported == 1 and [p.row for p in outcome.skipped] == [2, 4]
    assert "Ny Ungdom" in _names(demo_db)


def test_cancelling_imports_nothing(
    dialog: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, demo_db: Any
) -> None:
    rows = [["Fornavn", "Etternavn", "Fødselsdato", "Registreringsdato"]]
    rows += [[f"Avbrutt{i}", "Ås", "01.01.2003", "01.01.2024"] for i in range(300)]
    _choose(dialog, qtbot, monkeypatch, write_csv(tmp_path / "many.csv", rows))
    before = _names(demo_db)
    with qtbot.waitSignal(dialog.import_finished, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # "Cancel import"
    assert isinstance(finished.args[0], module.importing.ImportCancelled)
    assert _names(demo_db) == before
    assert dialog.isVisible()
    assert dialog.summary_label.text() == str(finished.args[0])  # "cancelled; nothing was imported"
    assert dialog.import_button.isEnabled()  # it can be tried again


def test_unreadable_file_is_explained(
    dialog: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _choose(dialog, qtbot, monkeypatch, tmp_path / "gammel.xls")
    assert "xlsx" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()


def test_main_window_file_menu_imports_and_reloads_the_portfolio(
    qtbot: Any, demo_db: Any, ui_settings: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = open_window(qtbot, demo_db, ui_settings)
    total = window.portfolio.model.rowCount()
    path = write_csv(tmp_path / "a.csv", [["Navn", "Fødselsdato"], ["Åsta Ny", "01.01.2005"]])
    monkeypatch.setattr(module, "choose_file", lambda parent: str(path))
    assert window.import_action.text() and window.export_action.text()
    window.import_action.trigger()
    dialog = window.findChild(ImportYouthsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.choose()
    _import(dialog, qtbot)
    assert window.portfolio.model.rowCount() == total + 1
    dialog.reject()
