"""The youth record window: the header card, a row of everyday actions and six tabs.

One window per youth (:class:`RecordWindows` raises an open one instead of opening it twice). Every
action runs one use case in its own short session and commits; then the window reads the record
again and emits ``saved`` so the portfolio and the deadline book can catch up.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from navdesk.domain.text import format_date
from navdesk.i18n import _
from navdesk.services.access import is_leder_or_admin
from navdesk.services.record import YouthRecord
from navdesk.ui import theme
from navdesk.ui.record.contacts import ContactsTab
from navdesk.ui.record.cooperation import CooperationTab
from navdesk.ui.record.deadlines import DeadlinesTab
from navdesk.ui.record.header import HeaderCard
from navdesk.ui.record.history import HistoryTab
from navdesk.ui.record.overview import OverviewTab
from navdesk.ui.record.plan import PlanTab


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class RecordWindow(QWidget):
    """``RecordWindow(database, actor, youth_id)``; opening it is audited (``open_youth``).

    ``book`` returns the office's deadline book or None while it is being computed; ``now`` gives the
    time of a contact logged here (tests pin it); ``today`` pins the date.
    """

    saved = Signal(object)  # youth id: something about the youth was saved here
    closed = Signal(object)  # youth id: the window was closed (it is deleted afterwards)

    def __init__(
        self, database: Any, actor: Any, youth_id: uuid.UUID, *, book: Callable[[], Any] = lambda: None,
        today: date | None = None, now: Callable[[], datetime] = _utc_now, parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        from navdesk.services.record import open_record

        # read (and audit the read) first: a youth that is gone raises before any widget is made
        with database.session() as session, session.begin():
            record = open_record(session, actor, youth_id, today or date.today())
        super().__init__(parent, Qt.WindowType.Window)
        self.record: YouthRecord = record
        self._database = database
        self._actor = actor
        self.youth_id = youth_id
        self._book = book
        self.today = today or date.today()
        self.now = now
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)

        self.header = HeaderCard()
        self.edit_button = QPushButton(_("Edit personal data …"))
        self.edit_button.setAccessibleName(_("Edit the youth's personal data"))
        self.edit_button.setToolTip("Ctrl+E")
        self.contact_button = QPushButton(_("Log contact …"))
        self.contact_button.setAccessibleName(_("Log a contact with the youth"))
        self.contact_button.setToolTip("Ctrl+K")
        self.message_label = QLabel()
        self.message_label.setObjectName("recordMessage")
        theme.style(self.message_label, "#recordMessage {{ color: {ok}; }}")
        self.message_label.setAccessibleName(_("Last action"))
        actions = QHBoxLayout()
        actions.addWidget(self.edit_button)
        actions.addWidget(self.contact_button)
        actions.addSpacing(12)
        actions.addWidget(self.message_label, 1)
        self.log_button: QPushButton | None = None
        if is_leder_or_admin(actor):  # who has read or changed this record
            self.log_button = QPushButton(_("Audit log for the youth …"))
            self.log_button.setAccessibleName(_("Who has opened or changed this youth's record"))
            self.log_button.clicked.connect(self.show_audit_log)
            actions.addWidget(self.log_button)
        self.innsyn_button = QPushButton(_("Innsyn …"))  # everything about the youth, for the youth (a PDF)
        self.innsyn_button.setToolTip(
            _("Everything NavDesk holds about the youth and who has read it, as a PDF")
        )
        self.innsyn_button.setAccessibleName(_("Innsyn for the youth"))
        self.innsyn_button.clicked.connect(self.save_innsyn)
        from navdesk.services.innsyn import may_make  # the youth's veileder or a leader (health notes)

        self.innsyn_button.setVisible(may_make(actor, record.values.get("veileder_id")))
        actions.addWidget(self.innsyn_button)

        self.overview = OverviewTab()
        self.plan = PlanTab(database, actor, youth_id, self.today)
        self.contacts = ContactsTab()
        self.deadlines = DeadlinesTab()
        self.consents = CooperationTab(database, actor, youth_id, today=self.today)
        self.consents.changed.connect(self._cooperation_changed)
        self.history = HistoryTab()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Parts of the record"))
        for widget, title in (
            (self.overview, _("Overview")), (self.plan, _("Plan")), (self.contacts, _("Meetings and contact")),
            (self.deadlines, _("Deadlines")), (self.consents, _("Cooperation and consent")),
            (self.history, _("History")),
        ):  # fmt: skip
            self.tabs.addTab(widget, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(actions)
        layout.addWidget(self.tabs, 1)

        self.edit_button.clicked.connect(self.edit)
        self.contact_button.clicked.connect(self.log_contact)
        o = self.overview
        o.start_button.clicked.connect(self.start_period)
        o.edit_period_button.clicked.connect(self.edit_period)
        o.innsats_button.clicked.connect(self.decide_innsats)
        o.benefit_button.clicked.connect(self.add_benefit)
        o.close_button.clicked.connect(self.close_period)
        o.reopen_button.clicked.connect(self.reopen_period)
        o.school_button.clicked.connect(self.add_school_status)
        o.veileder_button.clicked.connect(self.change_veileder)
        self.history.reads_toggled.connect(lambda _on: self._load_history())
        self.plan.changed.connect(self._plan_changed)
        self.plan.open_meeting.connect(self._open_meeting)
        QShortcut(QKeySequence("Ctrl+E"), self, self.edit)
        QShortcut(QKeySequence("Ctrl+K"), self, self.log_contact)  # Ctrl+L locks NavDesk
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

        self._show()
        self.resize(1120, 780)

    def save_innsyn(self) -> Any:
        """The youth's innsyn as a PDF (navdesk.ui.retention.save_innsyn); the path, or None."""
        from navdesk.ui.retention import save_innsyn

        return save_innsyn(self, self._database, self._actor, self.youth_id, self.today)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit(self.youth_id)
        super().closeEvent(event)

    # -- showing -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the record again (after a save here or elsewhere); not a new read in the audit trail."""
        from navdesk.services.record import read_record

        with self._database.session() as session:
            self.record = read_record(session, self.youth_id, self.today, self._actor)
        self._show()

    def _show(self) -> None:
        record = self.record
        self.setWindowTitle(_("{name} – record").format(name=record.name))
        self.header.set_record(record, self._book())
        self.overview.set_record(record)
        self.contacts.set_record(record)
        self.consents.set_record(record)
        self.plan.load()
        self.deadlines.set_book(self._book(), self.youth_id)
        self._load_history()

    def _load_history(self) -> None:
        from navdesk.services.record import history

        with self._database.session() as session:
            entries = history(session, self.youth_id, include_reads=self.history.reads_check.isChecked())
        self.history.set_entries(entries)

    def _plan_changed(self) -> None:
        """Something in the plan was saved in the Plan tab: the header and history catch up."""
        from navdesk.services.record import read_record

        with self._database.session() as session:
            self.record = read_record(session, self.youth_id, self.today, self._actor)
        self.header.set_record(self.record, self._book())
        self.overview.set_record(self.record)
        self._load_history()
        self.saved.emit(self.youth_id)

    def _open_meeting(self, meeting_id: Any) -> None:
        """A meeting's activity opens the meeting (one record, two views)."""
        from navdesk.ui.meetings.editor import MeetingEditor

        editor = MeetingEditor(self._database, self._actor, meeting_id=meeting_id, parent=self)
        editor.setWindowFlag(Qt.WindowType.Window, True)
        editor.show()

    def set_book(self, book: Any) -> None:
        """The office's deadline book changed (computed, or a youth recomputed)."""
        self.header.set_book(self.record, book)
        self.deadlines.set_book(book, self.youth_id)

    def _cooperation_changed(self) -> None:
        """Saved in the cooperation tab (consent, partner, OT notified): deadlines and history follow."""
        self.refresh()
        self.saved.emit(self.youth_id)

    def show_audit_log(self) -> Any:
        """Revisjonslogg filtered to this youth (leder and admin)."""
        from navdesk.ui.audit_view import open_audit_log

        return open_audit_log(self, self._database, self._actor, self.youth_id)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)

    # -- acting ------------------------------------------------------------------------------------
    def _act(self, work: Callable[[Any], object], done: str) -> bool:
        """Run one use case in its own transaction; on success re-read and tell the main window."""
        from navdesk.ui.dialogs.common import run_change

        if not run_change(self, self._database, work):
            return False
        self.refresh()
        self.show_message(done)
        self.saved.emit(self.youth_id)
        return True

    def edit(self) -> bool:
        from navdesk.ui.dialogs.youth_form import YouthForm

        form = YouthForm(self._database, self._actor, self.record, today=self.today, parent=self)
        saved = form.exec() == YouthForm.DialogCode.Accepted and form.saved_id is not None
        form.deleteLater()
        if saved:
            self.refresh()
            self.show_message(_("Personal data saved."))
            self.saved.emit(self.youth_id)
        return saved

    def log_contact(self) -> bool:
        from navdesk.domain.enums import InitiatedBy
        from navdesk.services.contacts import log_contact
        from navdesk.ui.dialogs.contact import ContactDialog

        def save(answer: Any) -> None:  # in the dialog: on a refusal it stays open with the note
            with self._database.session() as session, session.begin():
                log_contact(session, self._actor, self.youth_id, at=self.now(), channel=answer.channel,
                            initiated_by=InitiatedBy.NAV, outcome=answer.outcome, note=answer.note)  # fmt: skip

        if ContactDialog.ask(self, self.record.name, save=save) is None:
            return False
        self.refresh()
        self.show_message(_("Contact logged."))
        self.saved.emit(self.youth_id)
        return True

    def start_period(self) -> bool:
        from navdesk.services.followup import open_period
        from navdesk.ui.dialogs.period import PeriodDialog

        answer = PeriodDialog.ask(self, self.today, None, self.record.intensity_days)
        if answer is None:
            return False
        return self._act(
            lambda s: open_period(s, self._actor, self.youth_id, registration_date=answer.registration_date,
                                  situation=answer.situation, contact_route=answer.contact_route,
                                  intensity=answer.intensity, reason=answer.reason,
                                  aktivitetsplikt=answer.aktivitetsplikt),
            _("Follow-up period started."),
        )  # fmt: skip

    def edit_period(self) -> bool:
        from navdesk.services.followup import update_period
        from navdesk.ui.dialogs.period import PeriodDialog

        period = self.record.open_period
        if period is None:
            return False
        answer = PeriodDialog.ask(self, self.today, period, self.record.intensity_days)
        if answer is None:
            return False
        changes = answer.changes_from(period)
        if not changes:
            return False
        return self._act(
            lambda s: update_period(s, self._actor, period.id, period.version, **changes),
            _("Follow-up period saved."),
        )

    def decide_innsats(self) -> bool:
        from navdesk.services.followup import decide_innsats
        from navdesk.ui.dialogs.period import InnsatsDialog

        period = self.record.open_period
        if period is None:
            return False
        answer = InnsatsDialog.ask(self, self.today, period.registration_date)
        if answer is None:
            return False
        decided_on, group, goal = answer
        return self._act(
            lambda s: decide_innsats(s, self._actor, period.id, decided_on=decided_on, innsatsgruppe=group,
                                     hovedmal=goal),
            _("§ 14 a decision recorded."),
        )  # fmt: skip

    def add_benefit(self) -> bool:
        from navdesk.services.followup import add_benefit
        from navdesk.services.record import choices
        from navdesk.ui.dialogs.period import BenefitDialog

        period = self.record.open_period
        if period is None:
            return False
        with self._database.session() as session:
            ytelser = choices(session, "ytelse")
        answer = BenefitDialog.ask(self, self.today, ytelser)
        if answer is None:
            return False
        ytelse_id, start, end = answer
        return self._act(
            lambda s: add_benefit(
                s, self._actor, period.id, ytelse_id=ytelse_id, start_date=start, end_date=end
            ),
            _("Benefit added."),
        )

    def close_period(self) -> bool:
        from navdesk.services.followup import close_period
        from navdesk.services.record import choices
        from navdesk.ui.dialogs.period import ClosePeriodDialog

        period = self.record.open_period
        if period is None:
            return False
        with self._database.session() as session:
            outcomes = choices(session, "outcome")
        answer = ClosePeriodDialog.ask(self, self.today, period, outcomes)
        if answer is None:
            return False
        return self._act(
            lambda s: close_period(s, self._actor, period.id, period.version, closed_on=answer.closed_on,
                                   outcome_id=answer.outcome_id, note=answer.note),
            _("Follow-up period closed {date}.").format(date=format_date(answer.closed_on)),
        )  # fmt: skip

    def reopen_period(self) -> bool:
        """One click: a new period from today, with a new 8-week deadline."""
        from datetime import timedelta

        from navdesk.services.followup import reopen_period

        today = self.today
        due = today + timedelta(days=56)
        return self._act(
            lambda s: reopen_period(s, self._actor, self.youth_id, registration_date=today),
            _("New follow-up period from {date}; follow-up within 8 weeks, by {due}. Edit the period to record "
              "the situation at registration.").format(date=format_date(today), due=format_date(due)),
        )  # fmt: skip

    def add_school_status(self) -> bool:
        from navdesk.services.followup import set_school_status
        from navdesk.ui.dialogs.period import SchoolStatusDialog

        answer = SchoolStatusDialog.ask(self, self.today)
        if answer is None:
            return False
        status, from_date, right, school = answer
        return self._act(
            lambda s: set_school_status(s, self._actor, self.youth_id, status=status, from_date=from_date,
                                        ungdomsrett=right, school=school),
            _("School status recorded."),
        )  # fmt: skip

    def change_veileder(self) -> bool:
        from navdesk.services.assignment import assign_veileder
        from navdesk.services.office import list_users
        from navdesk.ui.dialogs.period import VeilederDialog

        with self._database.session() as session:
            users = list_users(session)
        current = self.record.values.get("veileder_id")
        answer = VeilederDialog.ask(self, self.today, current, users, self.record.assignments)
        if answer is None:
            return False
        veileder, on, note = answer
        return self._act(
            lambda s: assign_veileder(s, self._actor, [self.youth_id], veileder, on=on, handover_note=note),
            _("Counsellor changed."),
        )


class RecordWindows(QObject):
    """The open record windows, one per youth; ``saved`` relays each window's saves, ``preview_requested``
    and ``print_requested`` the summary requests of the meetings opened from a record."""

    saved = Signal(object)
    preview_requested = Signal(object)  # meeting id
    print_requested = Signal(list)  # meeting ids

    def __init__(
        self, database: Any, actor: Any, *, book: Callable[[], Any] = lambda: None, today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.database = database
        self._actor = actor
        self._book = book
        self._today = today
        self._parent = parent
        self._open: dict[uuid.UUID, RecordWindow] = {}

    def open(self, youth_id: uuid.UUID) -> RecordWindow:
        """Show the youth's record; if it is open already, raise that window."""
        window = self._open.get(youth_id)
        if window is not None:
            window.showNormal()
            window.raise_()
            window.activateWindow()
            return window
        window = RecordWindow(self.database, self._actor, youth_id, book=self._book, today=self._today,
                              parent=self._parent)  # fmt: skip
        self._open[youth_id] = window
        window.saved.connect(self.saved)
        window.contacts.preview_requested.connect(self.preview_requested)
        window.contacts.print_requested.connect(self.print_requested)
        window.closed.connect(lambda key: self._open.pop(key, None))
        window.show()
        window.activateWindow()
        return window

    def windows(self) -> dict[uuid.UUID, RecordWindow]:
        return dict(self._open)

    def set_book(self, book: Any) -> None:
        """The deadline book changed: a contact or decision may have been saved elsewhere (the Frister
        screen), so each open record is read again, with the new deadlines."""
        from navdesk.errors import UserError

        for window in list(self._open.values()):
            try:
                window.refresh()
            except UserError:  # the youth is gone (deleted elsewhere)
                window.close()

    def refresh(self, youth_id: uuid.UUID) -> None:
        window = self._open.get(youth_id)
        if window is not None:
            window.refresh()

    def close_all(self) -> None:
        for window in list(self._open.values()):
            window.close()
