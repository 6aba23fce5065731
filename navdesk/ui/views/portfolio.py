"""Portefølje: every youth the office follows up, with a free-text search that keeps up with typing.

Beside the table, the filter column (:mod:`navdesk.ui.views.portfolio_filters`) with live counts. By
default only the youths with an open follow-up period are shown (as Oversikten shows the active users);
"Sleeping/closed" shows the others instead.
"""

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
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.portfolio import YouthRow
from navdesk.i18n import _, ngettext
from navdesk.ui.models.filter_proxy import FastFilterProxy
from navdesk.ui.models.portfolio_filter import CLOSED, FilterState
from navdesk.ui.models.portfolio_model import (
    COL_AGE,
    COL_LAST_CONTACT,
    COL_MUNICIPALITY,
    COL_NAME,
    COL_NEXT_DEADLINE,
    COL_REGISTERED,
    COL_VEILEDER,
    PortfolioModel,
)
from navdesk.ui.views.heading import screen_heading
from navdesk.ui.views.portfolio_filters import PortfolioFilters

# Initial widths (px) so dates are not cut; the user can resize them, the name column takes the rest.
_WIDTHS = {
    COL_AGE: 50, COL_VEILEDER: 90, COL_REGISTERED: 100, COL_LAST_CONTACT: 110, COL_NEXT_DEADLINE: 110,
    COL_MUNICIPALITY: 130,
}  # fmt: skip


class PortfolioView(QWidget):
    """The portfolio table with its search field, the filter column and a count of what is shown."""

    loaded = Signal(int)  # number of rows, after each load

    def __init__(self, database: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._me: str | None = None

        heading = screen_heading(_("Portfolio"))

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search by name, phone, job wishes …"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName(_("Search the portfolio"))
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.model = PortfolioModel(self)
        self.proxy = FastFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = PortfolioFilters()
        self.proxy.set_row_filter(lambda: self.model.facets.selected(self.filters.state()))

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

        side = QScrollArea()
        side.setWidget(self.filters)
        side.setWidgetResizable(True)
        side.setFrameShape(QScrollArea.Shape.NoFrame)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setFixedWidth(self.filters.sizeHint().width() + side.verticalScrollBar().sizeHint().width() + 4)
        self.filter_area = side

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        table = QVBoxLayout()
        table.addWidget(self.search_edit)
        table.addWidget(self.view, 1)
        body = QHBoxLayout()
        body.addWidget(side)
        body.addLayout(table, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.search_edit.textChanged.connect(self._on_search)
        self.filters.changed.connect(self._on_filters)
        self.filters.show_all_requested.connect(self.search_edit.clear)
        self.model.deadlines_changed.connect(self._on_deadlines)
        self.proxy.modelReset.connect(self._update_count)
        self._update_count()

    def load(self, rows: Sequence[YouthRow], *, today: Any = None) -> None:
        """Show these rows (keeps the search text, the filters and the sort order)."""
        self.model.set_rows(rows, today=today)
        self.filters.set_veiledere([row.veileder for row in rows], self._me)
        self.loaded.emit(len(rows))

    def set_me(self, initials: str | None) -> None:
        """The signed-in counsellor, offered as "Mine" in the counsellor filter."""
        self._me = initials
        self.filters.set_veiledere([row.veileder for row in self.model.rows()], initials)

    def set_deadlines(self, book: Any) -> None:
        """The office's deadline book: the Next deadline column and the deadline filters."""
        self.model.set_deadlines(book)

    def show_all(self, *, closed: bool = False) -> None:
        """Clear the search and the filters (``closed``: show the sleeping/closed youths instead)."""
        self.filters.reset()
        if closed:
            self.filters.set_status(CLOSED, True)
        self.search_edit.clear()

    def reload(self, *, today: Any = None) -> None:
        """Read the portfolio again from the database (``today`` pins the date, for tests)."""
        if self._database is None:
            return
        from navdesk.services.youths import portfolio_rows

        with self._database.session() as session:
            rows = portfolio_rows(session, today=today)
        self.load(rows, today=today)

    def _on_search(self, text: str) -> None:
        self.proxy.set_filter_text(text)

    def _on_filters(self, _state: FilterState) -> None:
        self.proxy.refilter()

    def _on_deadlines(self) -> None:
        self.filters.set_book_known(self.model.has_deadlines())
        self.proxy.refilter(resort=self.proxy.sort_column() == COL_NEXT_DEADLINE)

    def _update_count(self) -> None:
        self.filters.set_counts(self.model.facets.counts(self.filters.state(), self.proxy.search_set()))
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if shown == total:
            text = ngettext("{n} youth", "{n} youths", total).format(n=total)
        else:
            text = ngettext("{shown} of {n} youth", "{shown} of {n} youths", total).format(
                shown=shown, n=total
            )
        self.count_label.setText(text)
