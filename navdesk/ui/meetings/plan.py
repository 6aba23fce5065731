"""Møteplan: the week's meetings by day with the ISO week number, and "Mine forpliktelser".

Today's day and meetings are highlighted; a cancelled meeting or one that must be moved stays in the
list, its status in red. Double-click (or Enter) opens the meeting editor; "New meeting …" (Ctrl+M in
the main window) opens an empty one. ``preview_requested(meeting_id)`` and
``print_requested([meeting_id, …])`` are for the printing code, which the main window connects.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import format_date
from navdesk.i18n import N_, _, ngettext
from navdesk.services.meetings import CANCELLED, Commitment, PlanMeeting
from navdesk.ui import theme
from navdesk.ui.meetings.editor import MeetingEditor
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import OBJECT_ROLE, TextRow, TextTableModel

WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))  # fmt: skip
_Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Time"), N_("Kind of meeting"), N_("Youth"), N_("Place"), N_("Status"))
COL_TIME, COL_KIND, COL_YOUTH, COL_PLACE, COL_STATUS = range(5)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def day_title(day: date) -> str:
    return _("{weekday} {date}").format(weekday=_(WEEKDAYS[day.weekday()]), date=format_date(day))


class WeekModel(QAbstractItemModel):
    """Days (top level) with their meetings (children). ``internalId`` 0: a day; n > 0: a meeting of day n-1."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._days: list[tuple[date, list[PlanMeeting]]] = []
        self.today: date | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_week(self, monday: date, meetings: list[PlanMeeting], today: date) -> None:
        self.beginResetModel()
        self.today = today
        by_day: dict[date, list[PlanMeeting]] = {monday + timedelta(days=i): [] for i in range(7)}
        for meeting in meetings:
            by_day.setdefault(meeting.starts_at.date(), []).append(meeting)
        self._days = [(day, items) for day, items in sorted(by_day.items()) if day.weekday() < 5 or items]
        self.endResetModel()

    def days(self) -> list[tuple[date, list[PlanMeeting]]]:
        return self._days

    def meeting_ids(self) -> list[uuid.UUID]:
        return [m.id for _day, items in self._days for m in items]

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._days) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        day = parent.row()
        if day >= len(self._days) or row >= len(self._days[day][1]):
            return QModelIndex()
        return self.createIndex(row, column, day + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(int(index.internalId()) - 1, 0, 0)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._days)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        return len(self._days[parent.row()][1]) if parent.row() < len(self._days) else 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return _(COLUMNS[section])
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if index.isValid()
            else Qt.ItemFlag.NoItemFlags
        )

    def meeting_at(self, index: _Index) -> PlanMeeting | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        day = int(index.internalId()) - 1
        if day >= len(self._days) or index.row() >= len(self._days[day][1]):
            return None
        return self._days[day][1][index.row()]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == 0:
            if index.row() >= len(self._days):
                return None
            day, items = self._days[index.row()]
            is_today = day == self.today
            if role == Qt.ItemDataRole.DisplayRole and col == COL_TIME:
                title = day_title(day)
                if is_today:
                    title = _("{day} – today").format(day=title)
                if not items:
                    title = _("{day} – no meetings").format(day=title)
                return title
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole and is_today:
                return QBrush(theme.qcolor("today_bg"))
            if role == Qt.ItemDataRole.ForegroundRole and not items:
                return QBrush(theme.qcolor("faint"))
            return None
        meeting = self.meeting_at(index)
        if meeting is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TIME:
                end = meeting.starts_at + timedelta(minutes=meeting.duration_min)
                return f"{meeting.starts_at:%H:%M}–{end:%H:%M}"
            if col == COL_KIND:
                return meeting.kind
            if col == COL_YOUTH:
                return meeting.youth
            if col == COL_PLACE:
                return meeting.place or meeting.channel.label
            return meeting.status.label
        if role == Qt.ItemDataRole.BackgroundRole and meeting.starts_at.date() == self.today:
            return QBrush(theme.qcolor("today_bg"))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS and meeting.status in CANCELLED:
            return QBrush(theme.qcolor("warn"))
        if role == Qt.ItemDataRole.FontRole and col == COL_STATUS and meeting.status in CANCELLED:
            return self._italic
        if role == OBJECT_ROLE:
            return meeting
        return None


def commitment_row(c: Commitment, today: date) -> TextRow:
    due = format_date(c.due_date) if c.due_date else _("no date")
    overdue = c.overdue(today)
    if overdue:
        due = _("{date} (overdue)").format(date=due)
    return TextRow((c.what, c.youth_initials, due), c, tooltip=c.what, warn_column=2 if overdue else -1)


class MeetingPlanView(QWidget):
    """``MeetingPlanView(database, actor, today=None)``; :meth:`reload` reads the week again."""

    preview_requested = Signal(object)  # meeting id
    print_requested = Signal(list)  # meeting ids
    ics_requested = Signal(list)  # meeting ids: to a calendar file (.ics)
    meetings_changed = Signal(object)  # a meeting was saved here (its id)
    meeting_deleted = Signal(object)  # a meeting was deleted here (its youth's id, or None)

    def __init__(
        self, database: Any, actor: Any, *, today: date | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC), parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.database = database
        self._actor = actor
        self._today = today
        self.now = now
        self.monday = monday_of(self.today())
        self.editors: list[MeetingEditor] = []

        self.week_label = QLabel()
        self.week_label.setObjectName("weekLabel")
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.week_label.setFont(font)
        self.range_label = QLabel()
        self.previous_button = QPushButton(_("◀ Previous week"))
        self.this_week_button = QPushButton(_("This week"))
        self.next_button = QPushButton(_("Next week ▶"))
        self.new_button = QPushButton(_("New meeting …"))
        self.new_button.setToolTip("Ctrl+M")
        self.preview_button = QPushButton(_("Preview summary …"))
        self.print_button = QPushButton(_("Print the week's summaries …"))
        self.ics_button = QPushButton(_("To calendar (.ics) …"))
        self.ics_button.setToolTip(_("The chosen meeting as an .ics file for Outlook (initials only)"))
        top = QHBoxLayout()
        top.addWidget(self.week_label)
        top.addWidget(self.range_label)
        top.addStretch(1)
        for button in (self.previous_button, self.this_week_button, self.next_button):
            top.addWidget(button)
        actions = QHBoxLayout()
        actions.addWidget(self.new_button)
        actions.addStretch(1)
        actions.addWidget(self.ics_button)
        actions.addWidget(self.preview_button)
        actions.addWidget(self.print_button)

        self.model = WeekModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(_("The week's meetings"))
        self.view.setAccessibleDescription(_("Day by day. Enter opens the meeting; Ctrl+M plans a new one."))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(True)
        header = self.view.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 160, 160, 130)):
            self.view.setColumnWidth(column, width)
        self.empty_label = QLabel()
        theme.style(self.empty_label, "color: {faint};")

        self.mine_label = QLabel()
        self.mine_model = TextTableModel((_("What"), _("Youth"), _("By when")), self)
        self.mine_view = read_only_table(self.mine_model, _("My commitments"))
        self.mine_view.setColumnWidth(0, 170)
        self.mine_view.setColumnWidth(1, 62)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.empty_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.mine_label)
        right_layout.addWidget(self.mine_view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([700, 410])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

        self.previous_button.clicked.connect(lambda: self.show_week(self.monday - timedelta(days=7)))
        self.next_button.clicked.connect(lambda: self.show_week(self.monday + timedelta(days=7)))
        self.this_week_button.clicked.connect(lambda: self.show_week(monday_of(self.today())))
        self.new_button.clicked.connect(lambda: self.open_editor())
        self.view.activated.connect(self._activated)
        self.mine_view.activated.connect(self._commitment_activated)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.preview_button.clicked.connect(self._preview)
        self.print_button.clicked.connect(self._print_week)
        self.ics_button.clicked.connect(self._to_calendar)
        self.loaded = False

    def today(self) -> date:
        return self._today or date.today()

    # -- reading -----------------------------------------------------------------------------------
    def reload(self) -> None:
        from navdesk.services.meetings import my_commitments, week_plan

        with self.database.session() as session:
            meetings = week_plan(session, self.monday)
            mine = my_commitments(session, self._actor.user_id)
        today = self.today()
        self.model.set_week(self.monday, meetings, today)
        self.view.expandAll()
        for row in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(row, QModelIndex(), True)
        sunday = self.monday + timedelta(days=6)
        self.week_label.setText(_("Week {week}").format(week=self.monday.isocalendar().week))
        self.range_label.setText(f"{format_date(self.monday)} – {format_date(sunday)}")
        self.this_week_button.setEnabled(self.monday != monday_of(today))
        n = len(meetings)
        self.empty_label.setText(
            _("No meetings this week.") if n == 0 else ngettext("{n} meeting", "{n} meetings", n).format(n=n)
        )
        self.mine_model.set_rows([commitment_row(c, today) for c in mine])
        overdue = sum(1 for c in mine if c.overdue(today))
        title = _("My commitments ({n})").format(n=len(mine))
        if overdue:
            title += " – " + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        self.mine_label.setText("<b>" + title + "</b>")
        self.loaded = True
        self._update_buttons()

    def show_week(self, monday: date) -> None:
        self.monday = monday_of(monday)
        self.reload()

    def _update_buttons(self) -> None:
        self.preview_button.setEnabled(self.selected_meeting() is not None)
        self.ics_button.setEnabled(self.selected_meeting() is not None)
        self.print_button.setEnabled(bool(self.printable_ids()))

    def selected_meeting(self) -> PlanMeeting | None:
        return self.model.meeting_at(self.view.currentIndex())

    def printable_ids(self) -> list[uuid.UUID]:
        """The week's meetings that have a summary to print (not cancelled or to be moved)."""
        return [m.id for _d, items in self.model.days() for m in items if m.status not in CANCELLED]

    def _preview(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.preview_requested.emit(meeting.id)

    def _to_calendar(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.ics_requested.emit([meeting.id])

    def _print_week(self) -> None:
        ids = self.printable_ids()
        if ids:
            self.print_requested.emit(ids)

    # -- editing -----------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        meeting = self.model.meeting_at(index)
        if meeting is not None:
            self.open_editor(meeting.id)

    def _commitment_activated(self, index: QModelIndex) -> None:
        commitment = index.data(OBJECT_ROLE)
        if isinstance(commitment, Commitment):
            self.open_editor(commitment.meeting_id)

    def open_editor(
        self, meeting_id: uuid.UUID | None = None, youth_id: uuid.UUID | None = None
    ) -> MeetingEditor | None:
        """The meeting editor for this meeting (an open one is raised), or a new meeting; None if the
        meeting is gone (deleted meanwhile: the user is told)."""
        from PySide6.QtWidgets import QMessageBox

        from navdesk.errors import UserError

        if meeting_id is not None:
            for editor in self.editors:
                if editor.meeting_id == meeting_id:
                    editor.showNormal()
                    editor.raise_()
                    editor.activateWindow()
                    return editor
        try:
            editor = MeetingEditor(self.database, self._actor, meeting_id=meeting_id, youth_id=youth_id,
                                   today=self._today, now=self.now, parent=self.window())  # fmt: skip
        except UserError as exc:
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            self.reload()
            return None
        self.adopt(editor)
        editor.show()
        return editor

    def adopt(self, editor: MeetingEditor) -> None:
        """Follow an editor: its saves reload the week, its print requests are relayed."""
        self.editors.append(editor)
        editor.saved.connect(self._saved)
        editor.deleted.connect(self._deleted)
        editor.preview_requested.connect(self.preview_requested)
        editor.print_requested.connect(self.print_requested)
        editor.opened.connect(self.adopt)
        editor.destroyed.connect(lambda *_a, e=editor: self._forget(e))

    def _forget(self, editor: MeetingEditor) -> None:
        self.editors = [e for e in self.editors if e is not editor]

    def _saved(self, meeting_id: uuid.UUID) -> None:
        self.reload()
        self.meetings_changed.emit(meeting_id)

    def _deleted(self, _meeting_id: uuid.UUID, youth_id: uuid.UUID | None) -> None:
        self.reload()
        self.meeting_deleted.emit(youth_id)


__all__ = ["MeetingPlanView", "WeekModel", "monday_of"]
