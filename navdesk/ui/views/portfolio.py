"""Portefølje: every youth the office follows up, with a free-text search that keeps up with typing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.portfolio import YouthRow
from navdesk.i18n import _, ngettext
from navdesk.ui.models.filter_proxy import FastFilterProxy
from navdesk.ui.models.portfolio_model import (
    COL_AGE,
    COL_LAST_CONTACT,
    COL_MUNICIPALITY,
    COL_NAME,
    COL_REGISTERED,
    COL_VEILEDER,
    PortfolioModel,
)

# Initial widths (px) so dates are not cut; the user can resize them, the name column takes the rest.
_WIDTHS = {COL_AGE: 60, COL_VEILEDER: 90, COL_REGISTERED: 110, COL_LAST_CONTACT: 110, COL_MUNICIPALITY: 160}


class PortfolioView(QWidget):
    """The portfolio table with its search field and a count of what is shown."""

    loaded = Signal(int)  # number of rows, after each load

    def __init__(self, database: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database

        heading = QLabel(_("Portfolio"))
        heading.setObjectName("heading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search by name, phone, job wishes …"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_("Search the portfolio"))
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = PortfolioModel(self)
        self.proxy = FastFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform row heights
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        columns = self.view.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)  # spare width goes to names
        columns.setStretchLastSection(False)
        columns.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        columns.setHighlightSections(False)
        for column, width in _WIDTHS.items():
            self.view.setColumnWidth(column, width)
        columns.setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.view, 1)

        self.search_edit.textChanged.connect(self._on_search)
        self.proxy.modelReset.connect(self._update_count)
        self._update_count()

    def load(self, rows: Sequence[YouthRow]) -> None:
        """Show these rows (keeps the search text and the sort order)."""
        self.model.set_rows(rows)
        self.loaded.emit(len(rows))

    def reload(self) -> None:
        """Read the portfolio again from the database."""
        if self._database is None:
            return
        from navdesk.services.youths import portfolio_rows

        with self._database.session() as session:
            rows = portfolio_rows(session)
        self.load(rows)

    def _on_search(self, text: str) -> None:
        self.proxy.set_filter_text(text)

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = ngettext("{n} youth", "{n} youths", total).format(n=total)
        else:
            text = ngettext("{shown} of {n} youth", "{shown} of {n} youths", total).format(
                shown=shown, n=total
            )
        self.count_label.setText(text)
