"""The portfolio model and the fast filter proxy: Qt's model checks, filtering and Norwegian sorting."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import search_fold
from navdesk.ui.models.filter_proxy import FastFilterProxy
from navdesk.ui.models.portfolio_model import COL_AGE, COL_LAST_CONTACT, COL_NAME, SORT_ROLE, PortfolioModel
from navdesk.ui.models.sort_keys import text_key
from tests.ui.synthetic import synthetic_rows


def _row(i: int, first: str, last: str, **kw: Any) -> YouthRow:
    import uuid

    values: dict[str, Any] = dict(
        id=uuid.UUID(int=i), name=f"{first} {last}", first_name=first, last_name=last,
        birth_date=date(2005, 5, 17), veileder="KN", phone="99887766", municipality="Vinje",
        registered=date(2025, 1, 2), last_contact=None, adressesperre=False,
        search=search_fold(f"{first} {last} 99887766"),
    )  # fmt: skip
    values.update(kw)
    return YouthRow(**values)


ROWS = [
    _row(1, "Åse", "Berg"),
    _row(2, "Zara", "Moen"),
    _row(3, "Øystein", "Dahl", last_contact=date(2025, 11, 1)),
    _row(4, "Ærle", "Haugen", adressesperre=True),
    _row(5, "Anders", "Ødegård", birth_date=date(1999, 1, 1)),
    _row(6, "André", "Nilsen"),
]


def _names(proxy: FastFilterProxy) -> list[str]:
    return [proxy.index(r, COL_NAME).data(Qt.ItemDataRole.UserRole + 2).name for r in range(proxy.rowCount())]


def test_model_passes_qt_model_tester(qtmodeltester: Any) -> None:
    model = PortfolioModel(today=date(2025, 11, 24))
    model.set_rows(ROWS, today=date(2025, 11, 24))
    qtmodeltester.check(model)


def test_proxy_passes_qt_model_tester_while_filtering_and_sorting(qtmodeltester: Any) -> None:
    model = PortfolioModel()
    proxy = FastFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    proxy.sort(COL_NAME)
    proxy.set_filter_text("ø")
    qtmodeltester.check(proxy)
    proxy.set_filter_text("")
    proxy.sort(COL_AGE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)


def test_display_dates_ages_and_marker() -> None:
    model = PortfolioModel()
    model.set_rows(ROWS, today=date(2025, 11, 24))
    assert model.index(0, 3).data() == "02.01.2025"
    assert model.index(2, COL_LAST_CONTACT).data() == "01.11.2025"
    assert model.index(4, COL_AGE).data() == "26"
    assert model.index(3, COL_NAME).data() != "Ærle Haugen"  # marked as address protected
    assert model.index(3, COL_NAME).data().startswith("Ærle Haugen")
    assert model.index(3, COL_NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(0, Qt.Orientation.Horizontal) is not None


def test_sort_by_name_puts_ae_oe_aa_after_z() -> None:
    model = PortfolioModel()
    proxy = FastFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    proxy.sort(COL_NAME)
    assert _names(proxy) == [
        "Anders Ødegård",
        "André Nilsen",
        "Zara Moen",
        "Ærle Haugen",
        "Øystein Dahl",
        "Åse Berg",
    ]
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(proxy)[:3] == ["Åse Berg", "Øystein Dahl", "Ærle Haugen"]


def test_sort_role_gives_the_precomputed_key() -> None:
    model = PortfolioModel()
    model.set_rows(ROWS)
    assert model.index(1, COL_NAME).data(SORT_ROLE) == text_key("Zara Moen")
    assert text_key("Zara") < text_key("Ærle") < text_key("Øystein") < text_key("Åse")


def test_filter_folds_case_and_accents_but_keeps_aeoeaa() -> None:
    model = PortfolioModel()
    proxy = FastFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    proxy.sort(COL_NAME)
    proxy.set_filter_text("Ø")
    assert sorted(_names(proxy)) == ["Anders Ødegård", "Øystein Dahl"]
    proxy.set_filter_text("andre")  # finds André and not Anders
    assert _names(proxy) == ["André Nilsen"]
    proxy.set_filter_text("an ni")  # every word must match
    assert _names(proxy) == ["André Nilsen"]
    proxy.set_filter_text("o")  # ø is a letter of its own, not an o
    assert "Øystein Dahl" not in _names(proxy)
    proxy.set_filter_text("")
    assert proxy.rowCount() == len(ROWS)


def test_narrowing_and_widening_give_the_same_as_a_fresh_scan() -> None:
    rows = synthetic_rows(3000, seed=3)
    model = PortfolioModel()
    proxy = FastFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.sort(COL_NAME)
    for typed in ["ø", "øy", "øys", "øy", "", "h", "ha", "ha 4", "ha"]:
        proxy.set_filter_text(typed)
        terms = search_fold(typed).split()
        expected = {i for i, r in enumerate(rows) if all(t in r.search for t in terms)}
        assert set(proxy.source_rows()) == expected
        keys = model.sort_keys(COL_NAME)
        shown = [keys[i] for i in proxy.source_rows()]
        assert shown == sorted(shown)


def test_sorting_keeps_the_selection(qtbot: Any) -> None:
    from PySide6.QtWidgets import QTableView

    model = PortfolioModel()
    proxy = FastFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(ROWS)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(proxy)
    proxy.sort(COL_NAME)
    view.selectRow(proxy.rowCount() - 1)  # Åse Berg
    proxy.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    current = view.selectionModel().selectedRows()
    assert [proxy.mapToSource(i).row() for i in current] == [0]
