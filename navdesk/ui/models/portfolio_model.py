"""The portfolio table: one row per youth, over ``list[YouthRow]`` (no database access in ``data``).

Display text is made on demand (the view asks only for the rows it shows); sort keys are computed once
per column, on the first sort by that column, and cached until the rows change. The filters' row sets
(:class:`~navdesk.ui.models.portfolio_filter.PortfolioFacets`) are computed with the rows, and again for
the deadline columns when :meth:`PortfolioModel.set_deadlines` hands over the deadline book.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.ui.models.portfolio_filter import PortfolioFacets
from navdesk.ui.models.sort_keys import date_key, text_key

COL_NAME, COL_AGE, COL_VEILEDER, COL_REGISTERED, COL_LAST_CONTACT, COL_NEXT_DEADLINE, COL_MUNICIPALITY = (
    range(7)
)
COLUMNS = tuple(range(7))
_OVERDUE_COLOUR = QColor("#b00020")
_NO_DEADLINE = 1 << 30  # youths without an open deadline sort after every date

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 3

_Index = QModelIndex | QPersistentModelIndex


def _headers() -> tuple[str, ...]:
    return (
        _("Name"), _("Age"), _("Counsellor"), _("Registered"), _("Last contact"), _("Next deadline"),
        _("Municipality"),
    )  # fmt: skip


class PortfolioModel(QAbstractTableModel):
    """The youths of the portfolio; set them with :meth:`set_rows`, the deadline book with :meth:`set_deadlines`.

    ``deadlines_changed`` is emitted after the deadline book's facts (next deadline, overdue, due this
    week) have changed, so the filters can be applied again.
    """

    deadlines_changed = Signal()

    def __init__(self, parent: Any = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self._rows: list[YouthRow] = []
        self._today = today or date.today()
        self._ages: list[int] = []
        self._sort_keys: dict[int, list[Any]] = {}
        self._headers = _headers()
        self._book: Any = None
        self._next: list[Any] = []  # the next open Deadline of each row (or None), once the book is known
        self.facets = PortfolioFacets([], self._today, [])

    # -- data in -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[YouthRow], *, today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self._ages = [row.age(self._today) for row in self._rows]
        self._sort_keys = {}
        self.facets = PortfolioFacets(self._rows, self._today, self._ages)
        self._next = []
        if self._book is not None:
            self._apply_book(self._book)
        self.endResetModel()

    def today(self) -> date:
        return self._today

    def set_deadlines(self, book: Any) -> None:
        """Take the deadline book (:class:`~navdesk.services.deadlines.DeadlineBook`): next deadline, flags."""
        self._book = book
        self._apply_book(book)
        self._sort_keys.pop(COL_NEXT_DEADLINE, None)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, COL_NEXT_DEADLINE), self.index(len(self._rows) - 1, COL_NEXT_DEADLINE)
            )
        self.deadlines_changed.emit()

    def has_deadlines(self) -> bool:
        return self._book is not None

    def next_deadline(self, row: int) -> Any:
        """The row's next open deadline, or None (also before the book is known)."""
        return self._next[row] if self._next else None

    def _apply_book(self, book: Any) -> None:
        position = {row.id: i for i, row in enumerate(self._rows)}
        upcoming: list[Any] = [None] * len(self._rows)
        for youth_id in book.by_youth:
            i = position.get(youth_id)
            if i is not None:
                upcoming[i] = book.next_open(youth_id)
        self._next = upcoming
        self.facets.set_book_youths(book.overdue_youths(), book.due_this_week_youths())

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
        if column == COL_NEXT_DEADLINE:
            if not self._next:
                return [_NO_DEADLINE] * len(rows)
            return [d.due.toordinal() if d is not None else _NO_DEADLINE for d in self._next]
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
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_NEXT_DEADLINE:
            return self._deadline_tip(row_no)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_NEXT_DEADLINE:
            deadline = self.next_deadline(row_no)
            return _OVERDUE_COLOUR if deadline is not None and deadline.overdue(self._today) else None
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
        if col == COL_NEXT_DEADLINE:
            deadline = self.next_deadline(row_no)
            return format_date(deadline.due) if deadline is not None else ""
        return row.municipality

    def _deadline_tip(self, row_no: int) -> str | None:
        if self._book is None:
            return _("The deadlines are being calculated …")
        deadline = self.next_deadline(row_no)
        if deadline is None:
            return _("No open deadline.")
        from navdesk.ui.models.deadline_model import rule_name

        name = rule_name(deadline.rule)
        if deadline.overdue(self._today):
            return _("{rule} – overdue since {date}").format(rule=name, date=format_date(deadline.due))
        return _("{rule} – due {date}").format(rule=name, date=format_date(deadline.due))
