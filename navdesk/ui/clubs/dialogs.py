"""The small dialogs of the Jobbklubb screen: a group's facts, a schedule pattern with a live preview
of the days (holidays shown as skipped), one samling's plan, a participant's status, observations,
and choosing youths or a group to enrol."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QWidget,
)

from navdesk.domain.enums import ClubKind, EnrolmentStatus, LeaveReason, Recommendation
from navdesk.domain.schedule import COUNT, WEEKLY, WEEKS, Pattern, PatternError, generate
from navdesk.domain.text import OSLO, format_date, search_fold
from navdesk.i18n import N_, _, language
from navdesk.ui.dialogs.common import note_edit, pydate, qdate, stack_with_ok_cancel

WEEKDAY_SHORT = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    return edit


def _combo(items: Sequence[tuple[str, Any]], current: Any = None) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    if current is not None:
        index = box.findData(current)
        if index >= 0:
            box.setCurrentIndex(index)
    return box


class ClubDialog(QDialog):
    """A new group or a group's facts. ``values()`` gives the fields for the use case."""

    def __init__(self, parent: QWidget | None = None, info: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit group") if info else _("New group"))
        self.name = QLineEdit(info.name if info else "")
        self.kind = _combo(
            [(k.label, k.value) for k in ClubKind], info.kind if info else ClubKind.JOBBKLUBB.value
        )
        self.organiser = QLineEdit(info.organiser if info else "NAV")
        self.place = QLineEdit(info.place if info else "")
        self.target = QLineEdit(info.target_group if info else "")
        self.capacity = QSpinBox()
        self.capacity.setRange(0, 200)
        self.capacity.setSpecialValueText(_("No limit"))
        self.capacity.setValue(info.capacity or 0 if info else 8)
        self.facilitators = QLineEdit(info.facilitators if info else "")
        self.facilitators.setPlaceholderText(_("Who runs the samlinger"))
        form = QFormLayout()
        form.addRow(_("Name"), self.name)
        form.addRow(_("Kind"), self.kind)
        form.addRow(_("Organiser"), self.organiser)
        form.addRow(_("Place"), self.place)
        form.addRow(_("Target group"), self.target)
        form.addRow(_("Capacity"), self.capacity)
        form.addRow(_("Facilitators"), self.facilitators)
        stack_with_ok_cancel(self, form)
        self.resize(460, self.sizeHint().height())

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "kind": self.kind.currentData(), "organiser": self.organiser.text().strip(),
                "place": self.place.text().strip(), "target_group": self.target.text().strip(),
                "capacity": self.capacity.value() or None, "facilitators": self.facilitators.text().strip()}  # fmt: skip


class ScheduleDialog(QDialog):
    """A recurring pattern with a live list of the samlinger it gives and the holidays it skips."""

    def __init__(
        self, parent: QWidget | None = None, *, first_day: date, pattern: Pattern | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Plan samlinger"))
        p = pattern
        self.kind = _combo([(_("Weekly on the chosen days, until a last day"), WEEKLY),
                            (_("The chosen days each week, for a number of weeks"), WEEKS),
                            (_("A fixed number of samlinger on the chosen days"), COUNT)], p.kind if p else WEEKS)  # fmt: skip
        self.first = _date_edit(p.first_day if p else first_day)
        self.days: list[QCheckBox] = []
        row = QHBoxLayout()
        for i, name in enumerate(WEEKDAY_SHORT):
            box = QCheckBox(_(name))
            box.setChecked(i in (p.weekdays if p else (0, 2)))
            self.days.append(box)
            row.addWidget(box)
        row.addStretch(1)
        self.last = _date_edit(
            p.last_day if p and p.last_day else first_day.replace(day=min(first_day.day, 28))
        )
        if not (p and p.last_day):
            self.last.setDate(self.first.date().addDays(27))
        self.weeks = QSpinBox()
        self.weeks.setRange(1, 52)
        self.weeks.setValue(p.weeks if p and p.weeks else 4)
        self.count = QSpinBox()
        self.count.setRange(1, 200)
        self.count.setValue(p.count if p and p.count else 4)
        self.extent = QStackedWidget()
        for widget in (self.last, self.weeks, self.count):
            self.extent.addWidget(widget)
        self.start = QTimeEdit(QTime(10, 0) if not p else QTime(p.start_time.hour, p.start_time.minute))
        self.start.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(15, 600)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(_(" min"))
        self.duration.setValue(p.duration_min if p else 120)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setObjectName("schedulePreview")
        form = QFormLayout()
        form.addRow(_("Pattern"), self.kind)
        form.addRow(_("First day"), self.first)
        form.addRow(_("Weekdays"), row)
        self.extent_label = QLabel()
        form.addRow(self.extent_label, self.extent)
        form.addRow(_("Time"), self.start)
        form.addRow(_("Duration"), self.duration)
        self.ok = stack_with_ok_cancel(self, form, self.preview)
        for signal in (self.kind.currentIndexChanged, self.first.dateChanged, self.last.dateChanged,
                       self.weeks.valueChanged, self.count.valueChanged, self.duration.valueChanged):  # fmt: skip
            signal.connect(self._update)
        for box in self.days:
            box.toggled.connect(self._update)
        self._update()
        self.resize(560, self.sizeHint().height())

    def pattern(self) -> Pattern:
        kind = self.kind.currentData()
        return Pattern(
            kind, pydate(self.first.date()), tuple(i for i, b in enumerate(self.days) if b.isChecked()),
            time(self.start.time().hour(), self.start.time().minute()), self.duration.value(),
            last_day=pydate(self.last.date()) if kind == WEEKLY else None,
            weeks=self.weeks.value() if kind == WEEKS else None, count=self.count.value() if kind == COUNT else None,
        )  # fmt: skip

    def _update(self) -> None:
        kind = self.kind.currentData()
        self.extent.setCurrentIndex({WEEKLY: 0, WEEKS: 1, COUNT: 2}[kind])
        self.extent_label.setText({WEEKLY: _("Last day"), WEEKS: _("Weeks"), COUNT: _("Samlinger")}[kind])
        ok_button = self.ok.buttons()[0]
        try:
            schedule = generate(self.pattern(), language())
        except PatternError as exc:
            self.preview.setText(_(str(exc)))
            ok_button.setEnabled(False)
            return
        ok_button.setEnabled(bool(schedule.days))
        lines = [_("{n} samlinger: {days}").format(
            n=len(schedule.days), days=", ".join(format_date(d)[:5] for d in schedule.days))]  # fmt: skip
        if schedule.skipped:
            lines.append(_("Skipped public holidays: {days}").format(
                days=", ".join(f"{format_date(d)} ({name})" for d, name in schedule.skipped)))  # fmt: skip
        self.preview.setText("\n".join(lines))


class SessionDialog(QDialog):
    """One samling: topic from the content library, guest employer, note, time (to move it), cancelled."""

    def __init__(
        self, parent: QWidget | None, row: Any, topics: Sequence[Any], employers: Sequence[Any]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Samling {day}").format(day=format_date(row.day)))
        self.topic = _combo([("–", None), *[(t.label, t.id) for t in topics]], row.topic_id)
        self.guest = _combo([("–", None), *[(e.label, e.id) for e in employers]], row.guest_employer_id)
        self.day = _date_edit(row.day)
        self.time = QTimeEdit(QTime(row.starts_at.hour, row.starts_at.minute))
        self.time.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(15, 600)
        self.duration.setSingleStep(15)
        self.duration.setSuffix(_(" min"))
        self.duration.setValue(row.duration_min)
        self.note = note_edit(3)
        self.note.setPlainText(row.note)
        self.cancelled = QCheckBox(_("Cancelled"))
        self.cancelled.setChecked(row.cancelled)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(self.time)
        when.addWidget(self.duration)
        form = QFormLayout()
        form.addRow(_("Topic"), self.topic)
        form.addRow(_("Guest employer"), self.guest)
        form.addRow(_("When"), when)
        form.addRow(_("Note"), self.note)
        form.addRow("", self.cancelled)
        stack_with_ok_cancel(self, form)
        self.resize(480, self.sizeHint().height())

    def starts_at(self) -> datetime:
        t = self.time.time()
        return datetime.combine(pydate(self.day.date()), time(t.hour(), t.minute()), OSLO)


class StatusDialog(QDialog):
    """A participant's status; "har sluttet" needs a reason."""

    def __init__(self, parent: QWidget | None, name: str, status: str, today: date) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Status for {name}").format(name=name))
        self.status = _combo([(s.label, s.value) for s in EnrolmentStatus], status)
        self.reason = _combo([(r.label, r.value) for r in LeaveReason])
        self.on = _date_edit(today)
        form = QFormLayout()
        form.addRow(_("Status"), self.status)
        form.addRow(_("Reason for leaving"), self.reason)
        form.addRow(_("Date"), self.on)
        self.status.currentIndexChanged.connect(self._update)
        stack_with_ok_cancel(self, form)
        self._update()

    def _update(self) -> None:
        self.reason.setEnabled(self.status.currentData() == EnrolmentStatus.HAR_SLUTTET.value)

    def value(self) -> tuple[str, str | None, date]:
        status = self.status.currentData()
        reason = self.reason.currentData() if status == EnrolmentStatus.HAR_SLUTTET.value else None
        return status, reason, pydate(self.on.date())


class ObservationDialog(QDialog):
    """The facilitators' observation notes and recommendation for one participant."""

    def __init__(
        self, parent: QWidget | None, name: str, observation: str, recommendation: str | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Observations: {name}").format(name=name))
        self.text = QPlainTextEdit(observation)
        self.text.setTabChangesFocus(True)
        self.recommendation = _combo(
            [("–", None), *[(r.label, r.value) for r in Recommendation]], recommendation
        )
        hint = QLabel(_("Shown in the youth's record. Not printed on the group's sheets."))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Observations"), self.text)
        form.addRow(_("Recommendation"), self.recommendation)
        stack_with_ok_cancel(self, form, hint)
        self.resize(520, 320)


class ChooseYouthsDialog(QDialog):
    """Tick the youths to enrol (search by name); those in the group already are not listed."""

    def __init__(
        self, parent: QWidget | None, youths: Sequence[tuple[uuid.UUID, str]], start: date | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Enrol youths"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        for yid, name in youths:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, yid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.start = _date_edit(start or date.today())
        form = QFormLayout()
        form.addRow(_("Start in the group"), self.start)
        self.search.textChanged.connect(self._filter)
        stack_with_ok_cancel(self, self.search, self.list, form)
        self.resize(420, 480)

    def _filter(self, text: str) -> None:
        wanted = search_fold(text)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(wanted) and wanted not in search_fold(item.text()))

    def chosen(self) -> list[uuid.UUID]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip


class ChooseClubDialog(QDialog):
    """Which group to enrol the youths chosen in the portfolio in."""

    def __init__(self, parent: QWidget | None, clubs: Sequence[Any], names: Sequence[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Enrol in group"))
        self.club = _combo([(c.label, c.id) for c in clubs])
        shown = ", ".join(names[:6]) + (" …" if len(names) > 6 else "")
        who = QLabel(_("Youths: {names}").format(names=shown))
        who.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Group"), self.club)
        stack_with_ok_cancel(self, who, form)
        self.resize(420, self.sizeHint().height())
