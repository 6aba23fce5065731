"""The portfolio table: one row per youth, over ``list[YouthRow]`` (no database access in ``data``).

Display text is made on demand (the view asks only for the rows it shows); sort keys are computed once
per column, on the first sort by that column, and cached until the rows change. The filters' row sets
(:class:`~navdesk.ui.models.portfolio_filter.PortfolioFacets`) are computed with the rows, and again for
the deadline columns when :meth:`PortfolioModel.set_deadlines` hands over the deadline book.

The signed-in user's huskelapps (:mod:`navdesk.services.huskelapp`) are kept beside the rows, by youth
id (:meth:`PortfolioModel.set_huskelapper`), so a change to one updates one row; so are the youths'
filter facts (innsatsgruppe, hovedmål, ytelse, school status, tags: :meth:`PortfolioModel.set_youth_facets`,
from :mod:`navdesk.services.portfolio_facets`), read after the first paint. Every column has a
stable key (:data:`COLUMN_KEYS`) under which the user's column choices are remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.services.huskelapp import COLOURS, Huskelapp
from navdesk.services.portfolio_facets import Facets
from navdesk.ui import theme
from navdesk.ui.models.portfolio_filter import PortfolioFacets
from navdesk.ui.models.sort_keys import date_key, text_key

COL_NAME, COL_AGE, COL_VEILEDER, COL_REGISTERED, COL_LAST_CONTACT, COL_NEXT_DEADLINE, COL_MUNICIPALITY = (
    range(7)
)
(
    COL_HUSKELAPP,
    COL_HUSKELAPP_DUE,
    COL_PHONE,
    COL_BIRTH_DATE,
    COL_NEXT_MEETING,
    COL_IN_ACTIVITY,
    COL_DAYS_SINCE,
) = range(7, 14)
COLUMNS = tuple(range(14))
COLUMN_KEYS = (
    "name", "age", "veileder", "registered", "last_contact", "next_deadline", "municipality", "huskelapp",
    "huskelapp_due", "phone", "birth_date", "next_meeting", "in_activity", "days_since_contact",
)  # fmt: skip
# shown at first, in this order (the others are chosen in the column menu)
DEFAULT_COLUMNS = (
    COL_NAME, COL_HUSKELAPP, COL_AGE, COL_VEILEDER, COL_REGISTERED, COL_LAST_CONTACT, COL_NEXT_DEADLINE,
    COL_MUNICIPALITY,
)  # fmt: skip
_NO_DEADLINE = 1 << 30  # youths without an open deadline sort after every date
_NO_NOTE = (1 << 30, 0, "")  # youths without a huskelapp sort after those with one

SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 1
OBJECT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
SEARCH_ROLE = int(Qt.ItemDataRole.UserRole) + 3

_Index = QModelIndex | QPersistentModelIndex


def _headers() -> tuple[str, ...]:
    return (
        _("Name"), _("Age"), _("Counsellor"), _("Registered"), _("Last contact"), _("Next deadline"),
        _("Municipality"), _("Huskelapp"), _("Huskelapp due"), _("Phone"), _("Birth date"), _("Next meeting"),
        _("In activity"), _("Days since contact"),
    )  # fmt: skip


def _header_tips() -> tuple[str | None, ...]:
    return (
        None, None, None, _("The start of the open follow-up period."), None,
        _("The next open deadline (see Deadlines)."), None,
        _("Your own note on the youth, with its colour category (Ctrl+H to write or change it)."),
        _("The due date of your huskelapp."), None, None, _("The next meeting that is not cancelled."),
        _("Has an activity with the status “carrying out”."), _("Days since the last contact."),
    )  # fmt: skip


_OVERDUE_ROLES = (
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.AccessibleTextRole,
)


def _overdue(role: int, text: str) -> Any:
    """An overdue date is not told by colour alone: red, a warning triangle, and "overdue" for screen readers."""
    if role == Qt.ItemDataRole.ForegroundRole:
        return theme.qcolor("warn")
    if role == Qt.ItemDataRole.DecorationRole:
        from navdesk.ui.icons import cached

        return cached("overdue")
    return _("{date}, overdue").format(date=text)


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
        self._notes: dict[Any, Huskelapp] = {}  # my huskelapps by youth id
        self._position: dict[Any, int] = {}  # youth id -> source row, built when first needed
        self._youth_facets: Facets | None = None  # the youths' filter facts, once read
        self.facets = PortfolioFacets([], self._today, [])

    # -- data in -----------------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[YouthRow], *, today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today or date.today()
        self._ages = [row.age(self._today) for row in self._rows]
        self._sort_keys = {}
        self._position = {}
        self.facets = PortfolioFacets(self._rows, self._today, self._ages)
        self._next = []
        if self._book is not None:
            self._apply_book(self._book)
        if self._notes:
            self.facets.set_huskelapp_colours({k: v.colour for k, v in self._notes.items()})
        if self._youth_facets is not None:
            self.facets.set_youth_facets(self._youth_facets)
        self.endResetModel()

    # -- the youths' filter facts --------------------------------------------------------------------
    def set_youth_facets(self, facets: Facets) -> None:
        """The youths' innsatsgruppe, hovedmål, ytelser, school status and tags, by youth id."""
        self._youth_facets = facets
        self.facets.set_youth_facets(facets)

    def youth_facets(self) -> Facets | None:
        """The youths' filter facts (None until read)."""
        return self._youth_facets

    # -- huskelapps --------------------------------------------------------------------------------
    def set_huskelapper(self, notes: dict[Any, Huskelapp]) -> None:
        """All of the signed-in user's open huskelapps, by youth id."""
        self._notes = dict(notes)
        self._huskelapper_changed(None)

    def set_huskelapp(self, youth_id: Any, note: Huskelapp | None) -> None:
        """One youth's huskelapp changed (None: cleared)."""
        if note is None:
            self._notes.pop(youth_id, None)
        else:
            self._notes[youth_id] = note
        self._huskelapper_changed(self.row_of(youth_id))

    def huskelapp(self, youth_id: Any) -> Huskelapp | None:
        return self._notes.get(youth_id)

    def huskelapper(self) -> dict[Any, Huskelapp]:
        return dict(self._notes)

    def _huskelapper_changed(self, row: int | None) -> None:
        self.facets.set_huskelapp_colours({k: v.colour for k, v in self._notes.items()})
        self._sort_keys.pop(COL_HUSKELAPP, None)
        self._sort_keys.pop(COL_HUSKELAPP_DUE, None)
        if not self._rows or row == -1:
            return
        top, bottom = (0, len(self._rows) - 1) if row is None else (row, row)
        self.dataChanged.emit(self.index(top, COL_HUSKELAPP), self.index(bottom, COL_HUSKELAPP_DUE))

    def row_of(self, youth_id: Any) -> int:
        """The source row of this youth, or -1."""
        if not self._position and self._rows:
            self._position = {row.id: i for i, row in enumerate(self._rows)}
        return self._position.get(youth_id, -1)

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
        if column == COL_DAYS_SINCE:
            today = self._today
            return [(today - r.last_contact).days if r.last_contact else _NO_DEADLINE for r in rows]
        notes = self._notes
        order = {c: i for i, c in enumerate(COLOURS)}

        def note_key(r: YouthRow) -> Any:
            note = notes.get(r.id)
            if note is None:
                return _NO_NOTE
            return (order.get(note.colour, len(COLOURS)), note.due.toordinal() if note.due else _NO_DEADLINE,
                    text_key(note.text))  # fmt: skip

        def due_key(r: YouthRow) -> int:
            note = notes.get(r.id)
            return note.due.toordinal() if note is not None and note.due is not None else _NO_DEADLINE

        makers: dict[int, Callable[[YouthRow], Any]] = {
            COL_NAME: lambda r: text_key(r.name),
            COL_VEILEDER: lambda r: text_key(r.veileder),
            COL_REGISTERED: lambda r: date_key(r.registered),
            COL_LAST_CONTACT: lambda r: date_key(r.last_contact),
            COL_MUNICIPALITY: lambda r: text_key(r.municipality),
            COL_HUSKELAPP: note_key,
            COL_HUSKELAPP_DUE: due_key,
            COL_PHONE: lambda r: r.phone or "",
            COL_BIRTH_DATE: lambda r: date_key(r.birth_date),
            COL_NEXT_MEETING: lambda r: r.next_meeting.toordinal() if r.next_meeting else _NO_DEADLINE,
            COL_IN_ACTIVITY: lambda r: 0 if r.in_activity else 1,
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
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers)
        if role == Qt.ItemDataRole.ToolTipRole and horizontal:
            return _header_tips()[section]
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if horizontal else None
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
        if col in (COL_HUSKELAPP, COL_HUSKELAPP_DUE):
            return self._note_data(row, col, role)
        if col == COL_NEXT_DEADLINE and role in _OVERDUE_ROLES:
            deadline = self.next_deadline(row_no)
            if deadline is not None and deadline.overdue(self._today):  # red, a warning sign, and in words
                return _overdue(role, format_date(deadline.due))
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (COL_AGE, COL_DAYS_SINCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _note_data(self, row: YouthRow, col: int, role: int) -> Any:
        note = self._notes.get(row.id)
        if note is None:
            return None
        if role == Qt.ItemDataRole.DecorationRole and col == COL_HUSKELAPP:
            from navdesk.ui.views.categories import BLANK, category_icon

            return category_icon(note.colour or BLANK)
        if role == Qt.ItemDataRole.ToolTipRole:
            from navdesk.ui.dialogs.huskelapp import huskelapp_tip

            return huskelapp_tip(note, self._today)
        overdue = note.due is not None and note.due < self._today
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return theme.qcolor("warn")
        if col == COL_HUSKELAPP_DUE and overdue and role in _OVERDUE_ROLES:
            return _overdue(role, format_date(note.due))
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
        if col == COL_MUNICIPALITY:
            return row.municipality
        if col == COL_HUSKELAPP:
            note = self._notes.get(row.id)
            if note is None:
                return ""
            first_line = note.text.split("\n", 1)[0]
            if first_line or note.due is None:
                return first_line
            return _("Due {date}").format(date=format_date(note.due))
        if col == COL_HUSKELAPP_DUE:
            note = self._notes.get(row.id)
            return format_date(note.due) if note is not None and note.due is not None else ""
        if col == COL_PHONE:
            return row.phone or ""
        if col == COL_BIRTH_DATE:
            return format_date(row.birth_date)
        if col == COL_NEXT_MEETING:
            return format_date(row.next_meeting) if row.next_meeting else ""
        if col == COL_IN_ACTIVITY:
            return _("Yes") if row.in_activity else _("No")
        if row.last_contact is None:
            return _("never")
        return str((self._today - row.last_contact).days)

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
