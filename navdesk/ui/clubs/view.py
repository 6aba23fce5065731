"""Jobbklubb: the office's groups on the left; on the right the chosen group with its figures, its
samlinger (session plan), its participants and the attendance register.

The attendance register is a grid, participants × samlinger held, worked from the keyboard: the
arrow keys move, 1 (or Space) marks til stede, 2 gyldig fravær, 3 ikke møtt, 4 kom for sent, Delete
clears; each mark moves down to the next participant. Totals per samling are the last row, totals
per participant the last column. "Ikke møtt" makes the outreach deadline (club_absence) at once.

Every write runs one use case of :mod:`navdesk.services.clubs` in its own transaction; a refused one
is shown and nothing is saved. ``youths_changed([youth_id, …])`` tells the main window which youths'
deadlines and portfolio rows to refresh; ``open_youth_requested(youth_id)`` opens a record.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import Attendance, Recommendation
from navdesk.domain.schedule import Pattern
from navdesk.domain.text import OSLO, format_date
from navdesk.i18n import _, ngettext
from navdesk.services import clubs
from navdesk.services.clubs import ClubDetail, ParticipantRow, SessionRow
from navdesk.ui import theme
from navdesk.ui.clubs.dialogs import (
    ChooseYouthsDialog,
    ClubDialog,
    ObservationDialog,
    ScheduleDialog,
    SessionDialog,
    StatusDialog,
)
from navdesk.ui.views.heading import screen_heading

SYMBOLS = {Attendance.TIL_STEDE: "✓", Attendance.KOM_FOR_SENT: "◐", Attendance.GYLDIG_FRAVAER: "○",
           Attendance.IKKE_MOTT: "✗"}  # fmt: skip
COLOURS = {
    Attendance.TIL_STEDE: "present_bg",
    Attendance.KOM_FOR_SENT: "late_bg",
    Attendance.GYLDIG_FRAVAER: "excused_bg",
    Attendance.IKKE_MOTT: "absent_bg",
}  # fmt: skip  (theme colours; the cell shows a symbol too)
KEYS = {Qt.Key.Key_1: Attendance.TIL_STEDE, Qt.Key.Key_Space: Attendance.TIL_STEDE, Qt.Key.Key_2: Attendance.GYLDIG_FRAVAER,
        Qt.Key.Key_3: Attendance.IKKE_MOTT, Qt.Key.Key_4: Attendance.KOM_FOR_SENT}  # fmt: skip
ID_ROLE = Qt.ItemDataRole.UserRole
FLAG = "⚑"


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{round(100 * rate)} %"


def _item(text: str, data: Any = None, *, align_center: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        item.setData(ID_ROLE, data)
    if align_center:
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
    return item


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class AttendanceGrid(QTableWidget):
    """Participants × held samlinger; ``mark(session_id, enrolment_id, value or None)`` on a key."""

    mark = Signal(object, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Attendance register"))
        self.setAccessibleDescription(
            _(
                "1 or Space: present. 2: valid absence. 3: did not show up. 4: came late. Delete clears the mark."
            )
        )
        self.setTabKeyNavigation(False)  # Tab leaves the grid; the arrow keys move in it
        self.sessions: list[SessionRow] = []
        self.people: list[ParticipantRow] = []

    def fill(self, detail: ClubDetail, today: date) -> None:
        held = [s for s in detail.sessions if not s.cancelled and s.day <= today]
        shown = {p.enrolment_id for p in detail.active()} | {e for (_s, e) in detail.marks}
        self.sessions = held
        self.people = [p for p in detail.participants if p.enrolment_id in shown]
        self.clear()
        self.setRowCount(len(self.people) + 1)
        self.setColumnCount(len(held) + 1)
        self.setHorizontalHeaderLabels(
            [f"{s.number}\n{format_date(s.day)[:5]}" for s in held] + [_("Attended")]
        )
        self.setVerticalHeaderLabels([(FLAG + " " if p.flagged else "") + p.name for p in self.people]
                                     + [_("Present at samling")])  # fmt: skip
        for c, s in enumerate(held):
            head = self.horizontalHeaderItem(c)
            if head is not None:
                head.setToolTip(f"{format_date(s.day)} {s.topic}".strip())
        for r, p in enumerate(self.people):
            for c, s in enumerate(held):
                self._set_cell(r, c, detail.marks.get((s.id, p.enrolment_id)))
            t = p.totals
            total = _item(f"{t.attended}/{t.marked}  {percent(t.rate)}", align_center=True)
            self.setItem(r, len(held), total)
        last = len(self.people)
        for c, s in enumerate(held):
            self.setItem(last, c, _item(f"{s.totals.attended}/{s.totals.marked}", align_center=True))
        self.setItem(last, len(held), _item(percent(detail.totals.rate), align_center=True))
        for c in range(len(held)):
            self.horizontalHeader().setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
            self.setColumnWidth(c, 54)
        self.horizontalHeader().setSectionResizeMode(len(held), QHeaderView.ResizeMode.Stretch)
        if held and self.people and not self.currentIndex().isValid():
            self.setCurrentCell(0, len(held) - 1)  # the latest samling held

    def _set_cell(self, row: int, col: int, value: str | None) -> None:
        item = _item(SYMBOLS[Attendance(value)] if value else "", align_center=True)
        if value:
            item.setBackground(QBrush(theme.qcolor(COLOURS[Attendance(value)])))
            item.setToolTip(Attendance(value).label)
        self.setItem(row, col, item)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row, col = self.currentRow(), self.currentColumn()
        key = Qt.Key(event.key())
        inside = 0 <= row < len(self.people) and 0 <= col < len(self.sessions)
        if inside and (key in KEYS or key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)):
            value = KEYS.get(key)
            self.mark.emit(self.sessions[col].id, self.people[row].enrolment_id, value)
            if row + 1 < len(self.people):
                self.setCurrentCell(row + 1, col)
            return
        super().keyPressEvent(event)


class ClubsView(QWidget):
    youths_changed = Signal(list)
    open_youth_requested = Signal(object)

    def __init__(
        self, database: Any, actor: Any, *, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self._today = today
        self.detail: ClubDetail | None = None
        self.topics: list[Any] = []
        self.employers: list[Any] = []

        self.list = QListWidget()
        self.list.setAccessibleName(_("Groups"))
        self.list.currentItemChanged.connect(lambda *_a: self.show_club(self.current_club_id()))
        self.new_button = QPushButton(_("New group …"))
        self.new_button.clicked.connect(self.new_club)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.figures = QLabel()
        self.figures.setObjectName("clubFigures")
        self.figures.setWordWrap(True)
        self.edit_button = QPushButton(_("Edit group …"))
        self.edit_button.clicked.connect(self.edit_club)
        self.plan_button = QPushButton(_("Plan samlinger …"))
        self.plan_button.clicked.connect(self.plan)
        self.enrol_button = QPushButton(_("Enrol youths …"))
        self.enrol_button.clicked.connect(self.ask_enrol)
        self.print_button = QToolButton()
        self.print_button.setText(_("Print"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.print_button)
        menu.addAction(_("Session plan …"), lambda: self.save_pdf("session-plan"))
        menu.addAction(_("Sign-in sheet for the chosen samling …"), lambda: self.save_pdf("sign-in"))
        menu.addAction(
            _("Sign-in sheet, first names only …"), lambda: self.save_pdf("sign-in", first_names=True)
        )
        menu.addAction(_("Attendance summary (aktivitetsplikt) …"), lambda: self.save_pdf("attendance"))
        self.print_button.setMenu(menu)
        self.ics_button = QPushButton(_("Calendar file …"))
        self.ics_button.setToolTip(
            _("The samlinger from today as an .ics file for Outlook (no participant is named).")
        )
        self.ics_button.clicked.connect(self.save_ics)
        buttons = QHBoxLayout()
        for b in (self.edit_button, self.plan_button, self.enrol_button, self.print_button, self.ics_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        # samlinger
        self.sessions = _table([_("#"), _("Day"), _("Time"), _("Topic"), _("Guest employer"), _("Present"),
                                _("Note")])  # fmt: skip
        self.sessions.setAccessibleName(_("Samlinger"))
        self.sessions.doubleClicked.connect(lambda *_a: self.edit_session())
        self.session_button = QPushButton(_("Edit samling …"))
        self.session_button.setToolTip(_("Topic, guest employer, move or cancel (also by double-click)."))
        self.session_button.clicked.connect(self.edit_session)
        sessions_tab = QWidget()
        s_layout = QVBoxLayout(sessions_tab)
        s_layout.addWidget(self.sessions, 1)
        row = QHBoxLayout()
        row.addWidget(self.session_button)
        row.addStretch(1)
        s_layout.addLayout(row)

        # participants
        self.participants = _table([_("Name"), _("Status"), _("Start"), _("Days from registration"), _("Attended"),
                                    _("Rate"), _("Absent in a row"), _("Recommendation")])  # fmt: skip
        self.participants.setAccessibleName(_("Participants"))
        self.participants.doubleClicked.connect(lambda *_a: self.open_record())
        self.status_button = QPushButton(_("Status …"))
        self.status_button.clicked.connect(self.change_status)
        self.observation_button = QPushButton(_("Observations …"))
        self.observation_button.clicked.connect(self.edit_observation)
        self.remove_button = QPushButton(_("Remove from the group …"))
        self.remove_button.setToolTip(_("For an enrolment made by mistake. Someone who left: use Status."))
        self.remove_button.clicked.connect(self.ask_remove)
        self.record_button = QPushButton(_("Open record"))
        self.record_button.clicked.connect(self.open_record)
        people_tab = QWidget()
        p_layout = QVBoxLayout(people_tab)
        p_layout.addWidget(self.participants, 1)
        row = QHBoxLayout()
        for b in (self.status_button, self.observation_button, self.remove_button, self.record_button):
            row.addWidget(b)
        row.addStretch(1)
        p_layout.addLayout(row)

        # attendance
        self.grid = AttendanceGrid()
        self.grid.mark.connect(self.set_mark)
        legend = QLabel(_("Keys: 1 or Space = ✓ present · 2 = ○ absent with notice · 3 = ✗ did not show up · "
                          "4 = ◐ came late · Delete = clear. {flag} = did not show up several times in a row.").format(
            flag=FLAG))  # fmt: skip
        legend.setWordWrap(True)
        self.streak = QSpinBox()
        self.streak.setRange(1, 20)
        self.streak.setAccessibleName(_("Flag after this many «did not show up» in a row"))
        self.streak.setToolTip(_("An office setting: it applies to every group."))
        self.streak.editingFinished.connect(lambda: self.set_streak_limit(self.streak.value()))
        self.streak.setEnabled(str(getattr(actor, "access_role", "")) == "admin")  # an office setting
        setting = QHBoxLayout()
        setting.addWidget(QLabel(_("Flag a participant after")))
        setting.addWidget(self.streak)
        setting.addWidget(QLabel(_("«did not show up» in a row (office setting)")))
        setting.addStretch(1)
        attendance_tab = QWidget()
        a_layout = QVBoxLayout(attendance_tab)
        a_layout.addWidget(self.grid, 1)
        a_layout.addWidget(legend)
        a_layout.addLayout(setting)

        self.tabs = QTabWidget()
        self.tabs.addTab(sessions_tab, _("Samlinger"))
        self.tabs.addTab(people_tab, _("Participants"))
        self.tabs.addTab(attendance_tab, _("Attendance"))

        right = QWidget()
        r_layout = QVBoxLayout(right)
        r_layout.setContentsMargins(0, 0, 0, 0)
        r_layout.addWidget(self.title)
        r_layout.addWidget(self.facts)
        r_layout.addWidget(self.figures)
        r_layout.addLayout(buttons)
        r_layout.addWidget(self.tabs, 1)
        self.empty = QLabel(_("No groups yet. Make one with «New group …»."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        r_layout.addWidget(self.empty)
        self.right = right

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(screen_heading(_("Job club and group courses")))
        layout.addWidget(splitter, 1)

    # -- reading -----------------------------------------------------------------------------------
    def today(self) -> date:
        return self._today or datetime.now(OSLO).date()

    def current_club_id(self) -> uuid.UUID | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def reload(self, select: uuid.UUID | None = None) -> None:
        keep = select or self.current_club_id()
        with self.database.session() as session:
            rows = clubs.club_rows(session, self.today())
            self.topics = clubs.topic_library(session)
            self.employers = clubs.employer_choices(session)
        self.list.blockSignals(True)
        self.list.clear()
        for r in rows:
            span = (
                f"{format_date(r.start_date)}–{format_date(r.end_date)}" if r.start_date else _("not planned")
            )
            text = f"{r.name}\n{r.kind_label} · {span}"
            if r.flagged:
                text += f"  {FLAG} {r.flagged}"
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, r.id)
            if r.end_date is not None and r.end_date < self.today():
                item.setForeground(QBrush(theme.qcolor("faint")))
            self.list.addItem(item)
        self.list.blockSignals(False)
        index = next((i for i, r in enumerate(rows) if r.id == keep), 0 if rows else -1)
        self.list.setCurrentRow(index)
        self.show_club(self.current_club_id())

    def show_club(self, club_id: uuid.UUID | None) -> None:
        if club_id is None:
            self.detail = None
        else:
            with self.database.session() as session:
                self.detail = clubs.club_detail(session, club_id)
        has = self.detail is not None
        for w in (self.title, self.facts, self.figures, self.tabs, self.edit_button, self.plan_button,
                  self.enrol_button, self.print_button, self.ics_button):  # fmt: skip
            w.setVisible(has)
        self.empty.setVisible(not has)
        if self.detail is None:
            return
        self._fill(self.detail)

    def _fill(self, d: ClubDetail) -> None:
        c = d.club
        self.title.setText(c.name)
        bits = [c.kind_label]
        if c.start_date:
            bits.append(f"{format_date(c.start_date)}–{format_date(c.end_date)}")
        for caption, value in ((_("Place"), c.place), (_("Organiser"), c.organiser), (_("Facilitators"), c.facilitators),
                               (_("Target group"), c.target_group)):  # fmt: skip
            if value:
                bits.append(f"{caption}: {value}")
        self.facts.setText(" · ".join(bits))
        active = d.active()
        capacity = f"/{c.capacity}" if c.capacity else ""
        held = [s for s in d.sessions if not s.cancelled and s.day <= self.today()]
        planned = [s for s in d.sessions if not s.cancelled]
        figures = [_("Participants: {n}").format(n=f"{len(active)}{capacity}"),
                   _("Samlinger: {held} of {planned} held").format(held=len(held), planned=len(planned)),
                   _("Attendance: {rate}").format(rate=percent(d.totals.rate))]  # fmt: skip
        if d.days_to_start is not None:
            figures.append(_("Median {n} days from registration to start").format(n=round(d.days_to_start)))
        flagged = [p for p in d.participants if p.flagged]
        if flagged:
            figures.append(f"{FLAG} " + ngettext("{n} participant absent {k} times in a row",
                                                 "{n} participants absent {k} times in a row",
                                                 len(flagged)).format(n=len(flagged), k=d.streak_limit))  # fmt: skip
        self.figures.setText(" · ".join(figures))
        self._fill_sessions(d)
        self._fill_participants(d)
        self.grid.fill(d, self.today())
        self.streak.blockSignals(True)
        self.streak.setValue(d.streak_limit)
        self.streak.blockSignals(False)

    def _fill_sessions(self, d: ClubDetail) -> None:
        current = self._selected(self.sessions)
        self.sessions.setRowCount(len(d.sessions))
        grey = QBrush(theme.qcolor("faint"))
        for r, s in enumerate(d.sessions):
            start = s.starts_at.astimezone(OSLO)
            end = start + timedelta(minutes=s.duration_min)
            cells = [str(s.number) if s.number else "–", f"{_weekday(s.day)} {format_date(s.day)}",
                     f"{start:%H:%M}–{end:%H:%M}", _("Cancelled") if s.cancelled else (s.topic or "–"), s.guest,
                     f"{s.totals.attended}/{s.totals.marked}" if s.totals.marked else "", s.note.replace("\n", " ")]  # fmt: skip
            for col, text in enumerate(cells):
                item = _item(text, s.id)
                if s.cancelled:
                    item.setForeground(grey)
                elif s.day == self.today():
                    item.setBackground(QBrush(theme.qcolor("today_bg")))
                self.sessions.setItem(r, col, item)
        self.sessions.resizeColumnsToContents()
        self._reselect(self.sessions, current, default=_next_row(d, self.today()))

    def _fill_participants(self, d: ClubDetail) -> None:
        current = self._selected(self.participants)
        self.participants.setRowCount(len(d.participants))
        for r, p in enumerate(d.participants):
            streak = f"{FLAG} {p.streak}" if p.flagged else (str(p.streak) if p.streak else "")
            cells = [p.name + ("  ⚠" if p.no_group_activities else ""), p.status_label, format_date(p.start_date),
                     "" if p.days_to_start is None else str(p.days_to_start),
                     f"{p.totals.attended}/{p.totals.marked}", percent(p.totals.rate), streak,
                     Recommendation(p.recommendation).label if p.recommendation else ""]  # fmt: skip
            for col, text in enumerate(cells):
                item = _item(text, p.enrolment_id)
                if p.flagged and col in (0, 6):
                    item.setForeground(QBrush(theme.qcolor("warn")))
                if p.no_group_activities and col == 0:
                    item.setToolTip(_("Does not want group activities"))
                self.participants.setItem(r, col, item)
        self.participants.resizeColumnsToContents()
        self._reselect(self.participants, current, default=0)

    @staticmethod
    def _selected(table: QTableWidget) -> Any:
        item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
        return item.data(ID_ROLE) if item is not None else None

    @staticmethod
    def _reselect(table: QTableWidget, wanted: Any, default: int) -> None:
        for r in range(table.rowCount()):
            item = table.item(r, 0)
            if item is not None and item.data(ID_ROLE) == wanted:
                table.selectRow(r)
                return
        if table.rowCount():
            table.selectRow(min(default, table.rowCount() - 1))

    def selected_session(self) -> SessionRow | None:
        wanted = self._selected(self.sessions)
        return next((s for s in self.detail.sessions if s.id == wanted), None) if self.detail else None

    def selected_participant(self) -> ParticipantRow | None:
        wanted = self._selected(self.participants)
        return (
            next((p for p in self.detail.participants if p.enrolment_id == wanted), None)
            if self.detail
            else None
        )

    # -- writing -----------------------------------------------------------------------------------
    def _write(self, title: str, work: Callable[[Any], Any]) -> tuple[bool, Any]:
        from navdesk.errors import UserError

        try:
            with self.database.session() as session, session.begin():
                result = work(session)
        except UserError as exc:
            QMessageBox.warning(self, title, str(exc))
            return False, None
        return True, result

    def _changed(self, youth_ids: list[Any]) -> None:
        self.reload()
        if youth_ids:
            self.youths_changed.emit(list(youth_ids))

    def new_club(self) -> uuid.UUID | None:
        dialog = ClubDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.create_club(dialog.values())

    def create_club(self, values: dict[str, Any]) -> uuid.UUID | None:
        ok, club_id = self._write(_("New group"), lambda s: clubs.create_club(s, self.actor, **values))
        if ok:
            self.reload(select=club_id)
        return club_id if ok else None

    def edit_club(self) -> None:
        if self.detail is None:
            return
        info = self.detail.club
        dialog = ClubDialog(self, info)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._write(
                _("Edit group"), lambda s: clubs.update_club(s, self.actor, info.id, info.version, **values)
            )
            self.reload()

    def plan(self) -> None:
        if self.detail is None:
            return
        saved = self.detail.club.schedule
        dialog = ScheduleDialog(self, first_day=self.detail.club.start_date or self.today(),
                                pattern=Pattern.from_json(saved) if saved else None)  # fmt: skip
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.plan_sessions(dialog.pattern())

    def plan_sessions(self, pattern: Pattern) -> Any:
        assert self.detail is not None
        club_id = self.detail.club.id
        ok, planned = self._write(
            _("Plan samlinger"), lambda s: clubs.plan_sessions(s, self.actor, club_id, pattern)
        )
        if ok:
            self.reload()
        return planned

    def edit_session(self) -> None:
        row = self.selected_session()
        if row is None:
            return
        dialog = SessionDialog(self, row, self.topics, self.employers)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_session(row, topic_id=dialog.topic.currentData(), guest_id=dialog.guest.currentData(),
                          note=dialog.note.toPlainText(), starts_at=dialog.starts_at(),
                          duration=dialog.duration.value(), cancelled=dialog.cancelled.isChecked())  # fmt: skip

    def save_session(self, row: SessionRow, *, topic_id: Any, guest_id: Any, note: str, starts_at: datetime,
                     duration: int, cancelled: bool) -> bool:  # fmt: skip
        def work(s: Any) -> None:
            clubs.set_session_plan(s, self.actor, row.id, row.version, topic_id=topic_id, guest_employer_id=guest_id,
                                   note=note)  # fmt: skip
            if starts_at != row.starts_at or duration != row.duration_min:
                clubs.move_session(s, self.actor, row.id, None, starts_at=starts_at, duration_min=duration)
            if cancelled != row.cancelled:
                clubs.cancel_session(s, self.actor, row.id, None, cancelled=cancelled)

        ok, _result = self._write(_("Edit samling"), work)
        self.reload()
        return ok

    def ask_enrol(self) -> None:
        if self.detail is None:
            return
        from navdesk.services.youths import portfolio_rows

        inside = {p.youth_id for p in self.detail.participants}
        with self.database.session() as session:
            rows = [r for r in portfolio_rows(session) if r.id not in inside]
        from navdesk.domain.text import collation_key

        rows.sort(key=lambda r: (collation_key(r.last_name), collation_key(r.first_name)))
        first = next((s.day for s in self.detail.sessions if not s.cancelled and s.day >= self.today()), None)
        dialog = ChooseYouthsDialog(self, [(r.id, r.name) for r in rows], first or self.today())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen():
            self.enrol(dialog.chosen(), start=_as_date(dialog.start.date()))

    def enrol(self, youth_ids: list[uuid.UUID], *, start: date | None = None, confirm: bool = True) -> int:
        """Enrol the youths (after a warning about those who do not want groups or a full group)."""
        assert self.detail is not None
        return enrol_youths(self, self.database, self.actor, self.detail.club.id, youth_ids, start=start,
                            today=self.today(), confirm=confirm, after=self._changed)  # fmt: skip

    def set_mark(self, session_id: uuid.UUID, enrolment_id: uuid.UUID, value: Attendance | None) -> None:
        person = next(p for p in self.grid.people if p.enrolment_id == enrolment_id)

        def work(s: Any) -> None:
            if value is None:
                clubs.clear_attendance(s, self.actor, session_id, enrolment_id)
            else:
                clubs.register_attendance(s, self.actor, session_id, enrolment_id, value, today=self.today())

        ok, _result = self._write(_("Attendance"), work)
        if ok:
            row, col = self.grid.currentRow(), self.grid.currentColumn()
            self.show_club(self.current_club_id())
            self.grid.setCurrentCell(row, col)
            self.youths_changed.emit([person.youth_id])

    def set_streak_limit(self, limit: int) -> bool:
        if self.detail is None or limit == self.detail.streak_limit:
            return False
        ok, _r = self._write(_("Attendance"), lambda s: clubs.set_absence_streak_limit(s, self.actor, limit))
        if ok:
            self.reload()
        return ok

    def change_status(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        dialog = StatusDialog(self, p.name, p.status, self.today())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_status(p, *dialog.value())

    def set_status(self, p: ParticipantRow, status: str, reason: str | None, on: date) -> bool:
        ok, _r = self._write(_("Status"), lambda s: clubs.set_enrolment_status(
            s, self.actor, p.enrolment_id, p.version, status, reason=reason, on=on))  # fmt: skip
        if ok:
            self._changed([p.youth_id])
        return ok

    def ask_remove(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        text = _("Remove {name} from the group? Their attendance is deleted and the plan's job club activity "
                 "is cancelled. Use this only for an enrolment made by mistake.").format(name=p.name)  # fmt: skip
        if QMessageBox.question(self, _("Remove from the group"), text) == QMessageBox.StandardButton.Yes:
            self.remove(p)

    def remove(self, p: ParticipantRow) -> bool:
        ok, _r = self._write(_("Remove from the group"),
                             lambda s: clubs.remove_enrolment(s, self.actor, p.enrolment_id, p.version))  # fmt: skip
        if ok:
            self._changed([p.youth_id])
        return ok

    def edit_observation(self) -> None:
        p = self.selected_participant()
        if p is None:
            return
        dialog = ObservationDialog(self, p.name, p.observation, p.recommendation)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            text, chosen = dialog.text.toPlainText(), dialog.recommendation.currentData()
            ok, _r = self._write(_("Observations"), lambda s: clubs.record_observation(
                s, self.actor, p.enrolment_id, p.version, observation=text, recommendation=chosen))  # fmt: skip
            if ok:
                self._changed([p.youth_id])

    def open_record(self) -> None:
        p = self.selected_participant()
        if p is not None:
            self.open_youth_requested.emit(p.youth_id)

    # -- files -------------------------------------------------------------------------------------
    def save_pdf(self, what: str, *, first_names: bool = False, path: Path | None = None) -> Path | None:
        """A printout to a PDF file (asked for unless ``path``); the path, or None."""
        from navdesk.paths import write_atomically
        from navdesk.ui.printing import native

        if self.detail is None:
            return None
        samling = self.selected_session() if what == "sign-in" else None
        if what == "sign-in" and (samling is None or samling.cancelled):
            QMessageBox.information(
                self, _("Print"), _("Choose a samling (not cancelled) on the Samlinger tab.")
            )
            return None
        names = {"session-plan": _("session-plan"), "sign-in": _("sign-in"), "attendance": _("attendance")}
        day = samling.day if samling else self.today()
        suggested = f"{self.detail.club.name}-{names[what]}-{day.isoformat()}.pdf".replace("/", "-")
        if path is None:
            chosen = native.ask_save_path(self, str(Path.home() / suggested))
            if not chosen:
                return None
            path = Path(chosen)
        club_id = self.detail.club.id
        out = path

        def work(s: Any) -> None:
            data, _n = clubs.printout(s, self.actor, club_id, what, session_id=samling.id if samling else None,
                                      first_names_only=first_names, file_name=out.name)  # fmt: skip
            write_atomically(data, out)

        try:
            ok, _r = self._write(_("Print"), work)
        except OSError as exc:
            native.show_error(
                self, _("The PDF could not be saved: {error}").format(error=native.os_error_text(exc, out))
            )
            return None
        return out if ok else None

    def save_ics(self, path: Path | None = None) -> Path | None:
        from navdesk.calendar import write_sessions_ics
        from navdesk.ui.printing import native

        if path is None:
            name = "{what}-{day}.ics".format(what=_("samlinger"), day=self.today().isoformat())
            chosen = native.ask_ics_path(self, str(Path.home() / name))
            if not chosen:
                return None
            path = Path(chosen)
        out = path
        try:
            ok, count = self._write(_("Calendar file"), lambda s: write_sessions_ics(s, self.actor, out,
                                                                                      since=self.today()))  # fmt: skip
        except OSError as exc:
            native.show_error(
                self,
                _("The calendar file could not be saved: {error}").format(
                    error=native.os_error_text(exc, out)
                ),
            )
            return None
        if ok:
            native.show_info(self, ngettext(
                "{n} samling saved to {file}. Import it in Outlook. The file is NOT encrypted: delete it when done.",
                "{n} samlinger saved to {file}. Import it in Outlook. The file is NOT encrypted: delete it when done.",
                count).format(n=count, file=out))  # fmt: skip
        return out if ok else None


def _weekday(day: date) -> str:
    from navdesk.ui.meetings.plan import WEEKDAYS

    return _(WEEKDAYS[day.weekday()])[:3]


def _next_row(d: ClubDetail, today: date) -> int:
    return next((i for i, s in enumerate(d.sessions) if s.day >= today and not s.cancelled), 0)


def _as_date(value: Any) -> date:
    return date(value.year(), value.month(), value.day())


def enrol_youths(
    parent: QWidget | None, database: Any, actor: Any, club_id: uuid.UUID, youth_ids: list[uuid.UUID], *,
    start: date | None, today: date, confirm: bool = True, after: Callable[[list[Any]], None] | None = None,
) -> int:  # fmt: skip
    """Warn (no group activities, already in, over capacity) and enrol; how many were enrolled."""
    from navdesk.errors import UserError

    try:
        with database.session() as session:
            warnings = clubs.enrolment_warnings(session, club_id, youth_ids)
        if warnings and confirm:
            text = "\n\n".join(warnings) + "\n\n" + _("Enrol anyway?")
            answer = QMessageBox.question(parent, _("Enrol in group"), text)
            if answer != QMessageBox.StandardButton.Yes:
                return 0
        with database.session() as session, session.begin():
            made, _skipped = clubs.enrol_many(session, actor, club_id, youth_ids, enrolled_on=today, start_date=start,
                                              today=today)  # fmt: skip
    except UserError as exc:
        QMessageBox.warning(parent, _("Enrol in group"), str(exc))
        return 0
    if after is not None:
        after(list(youth_ids))
    return len(made)


__all__ = ["AttendanceGrid", "ClubsView", "enrol_youths"]
