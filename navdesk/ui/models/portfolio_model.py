"""The portfolio table: one row per youth, over ``list[YouthRow]`` (no database access in ``data``).

Display text is made on demand (the view asks only for the rows it shows); sort keys are computed once
per column, on the first sort by that column, and cached until the rows change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.ui.models.sort_keys import date_key, text_key

COL_NAME, COL_AGE, COL_VEILEDER, COL_REGISTERED, COL_LAST_CONTACT, COL_MUNICIPALITY = range(6)
COLUMNS = (COL_NAME, COL_AGE, COL_VEILEDER, COL_REGISTERED, COL_LAST_CONTACT, COL_MUNICIPALITY)

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 3

_Index = QModelIndex | QPersistentModelIndex


def _headers() -> tuple[str, ...]:
    return (_("Name"), _("Age"), _("Counsellor"), _("Registered"), _("Last contact"), _("Municipality"))


class PortfolioModel(QAbstractTableModel):
    """The youths of the portfolio; set them with :meth:`set_rows`."""

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[YouthRow] = []
        self._today = today or date.today()
        self._ages: list[int] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._headers = _headers()

    # -- data in -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[YouthRow], *, today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self._ages = [row.age(self._today) for row in self._rows]
        self._sort_keys = {}
        self.endResetModel()

    def rows(self) -> list[YouthRow]:
        return self._rows

    def row_at(self, row: int) -> YouthRow:
        return self._rows[row]

    def search_texts(self) -> list[str]:
        """The precomputed folded search text of every row, in source order."""
        return [row.search for row in self._rows]

    def sort_keys(self, column: int) -> list[Any]:
        """One sort key per source row for ``column``, computed once and cached."""
        keys = self._sort_keys.get(column)
        if keys is None:
            keys = self._compute_keys(column)
            self._sort_keys[column] = keys
        return keys

    def _compute_keys(self, column: int) -> list[Any]:
        rows = self._rows
        if column == COL_AGE:
            return list(self._ages)
        makers: dict[int, Callable[[YouthRow], Any]] = {
            COL_NAME: lambda r: text_key(r.name),
            COL_VEILEDER: lambda r: text_key(r.veileder),
            COL_REGISTERED: lambda r: date_key(r.registered),
            COL_LAST_CONTACT: lambda r: date_key(r.last_contact),
            COL_MUNICIPALITY: lambda r: text_key(r.municipality),
        }
        make = makers.get(column)
        if make is None:
            return list(range(len(rows)))
        return [make(r) for r in rows]

    # -- Qt model interface ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return section + 1

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_no, col = index.row(), index.column()
        if not (0 <= row_no < len(self._rows)) or not (0 <= col < len(COLUMNS)):
            return None
        row = self._rows[row_no]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row_no, row, col)
        if role == SORT_ROLE:
            return self.sort_keys(col)[row_no]
        if role == OBJECT_ROLE:
            return row
        if role == SEARCH_ROLE:
            return row.search
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME and row.adressesperre:
            return _("Address protection (adressesperre): do not share the address or contact details.")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row_no: int, row: YouthRow, col: int) -> str:
        if col == COL_NAME:
            return _("{name} (address protected)").format(name=row.name) if row.adressesperre else row.name
        if col == COL_AGE:
            return str(self._ages[row_no])
        if col == COL_VEILEDER:
            return row.veileder
        if col == COL_REGISTERED:
            return format_date(row.registered)
        if col == COL_LAST_CONTACT:
            return format_date(row.last_contact) if row.last_contact else _("never")
        return row.municipality
