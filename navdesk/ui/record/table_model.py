"""A read-only table over plain rows of text (the record's contact log, meetings and history).

Rows are made in full when they are set (a youth has tens or hundreds of entries, not thousands), so
``data()`` only looks them up; it never touches the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from navdesk.ui import theme

OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the row's object (same role as the other models)
_Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass(frozen=True)
class TextRow:
    cells: tuple[str, ...]
    obj: Any = None
    tooltip: str = ""
    warn_column: int = -1  # this cell is shown in red (not held, called off, expired); -1: none


class TextTableModel(QAbstractTableModel):
    """``TextTableModel(headers)``; :meth:`set_rows` replaces the rows."""

    def __init__(self, headers: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: list[TextRow] = []
        self._warn = QBrush(theme.qcolor("warn"))

    def set_rows(self, rows: Sequence[TextRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[TextRow]:
        return self._rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

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
        if not (0 <= row_no < len(self._rows)) or not (0 <= col < len(self._headers)):
            return None
        row = self._rows[row_no]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[col] if col < len(row.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole and col == row.warn_column:
            return self._warn
        if role == OBJECT_ROLE:
            return row.obj
        return None
