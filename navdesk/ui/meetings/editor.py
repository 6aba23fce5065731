"""The meeting editor: one meeting with its participants, texts, actions and status.

Nothing typed is lost: two seconds after the last change the editor's content is stored as a draft in
the database (:mod:`navdesk.services.drafts`), and again when the window closes without saving. When
the same meeting (or a new meeting for the same youth) is opened again, a banner offers the draft if
it is newer than the saved meeting. Saving or discarding removes it.

Errors (a stale save, a missing reason) are shown in a red line inside the editor, never in a modal
box: the text stays where it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import ContactChannel, MeetingStatus, ParticipantKind
from navdesk.domain.text import OSLO, format_date
from navdesk.i18n import _
from navdesk.services import drafts
from navdesk.services.meetings import (
    CANCELLED,
    ActionEdit,
    EditorChoices,
    MeetingDetail,
    MeetingEdit,
    ParticipantEdit,
    PartyChoice,
)
from navdesk.ui import theme
from navdesk.ui.dialogs.common import note_edit, stack_with_ok_cancel

AUTOSAVE_MS = 2000
NO_DATE = QDate(2000, 1, 1)  # the "no date" value of a due-date field
DATA = Qt.ItemDataRole.UserRole
EXTERNAL = frozenset({ParticipantKind.PARTNER, ParticipantKind.ARBEIDSGIVER, ParticipantKind.ANNEN})
WARN_STYLE = "color: {warn};"
BANNER_STYLE = "background: {note_bg}; border: 1px solid {note_border}; border-radius: 3px; padding: 6px;"


def _utc_now() -> datetime:
    return datetime.now(UTC)


def when_text(moment: datetime) -> str:
    local = moment.astimezone(OSLO)
    return _("{date} at {time}").format(date=format_date(local.date()), time=local.strftime("%H:%M"))


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    if item is None:  # every cell this editor reads is made with its row
        item = QTableWidgetItem()
        table.setItem(row, column, item)
    return item


def _opt_uuid(value: Any) -> uuid.UUID | None:
    return uuid.UUID(str(value)) if value else None


class NewTimeDialog(QDialog):
    """Date and time of a meeting, and (for a cancelled one) the reason; :meth:`ask` returns them or None."""

    def __init__(self, title: str, when: datetime, parent: QWidget | None, *, reason: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        local = when.astimezone(OSLO)
        self.reason_edit = note_edit(3)
        self.reason_edit.setAccessibleName(_("Reason"))
        self.reason_edit.setPlaceholderText(_("Why? (required)"))
        self.new_time_check = QCheckBox(_("Plan the new time now"))
        self.new_time_check.setChecked(True)
        self.date_edit = QDateEdit(QDate(local.year, local.month, local.day))
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setCalendarPopup(True)
        self.time_edit = QTimeEdit(QTime(local.hour, local.minute))
        self.time_edit.setDisplayFormat("HH:mm")
        form = QFormLayout()
        if reason:
            form.addRow(_("Reason"), self.reason_edit)
            form.addRow(self.new_time_check)
            self.new_time_check.toggled.connect(self.date_edit.setEnabled)
            self.new_time_check.toggled.connect(self.time_edit.setEnabled)
        form.addRow(_("Date"), self.date_edit)
        form.addRow(_("Time"), self.time_edit)
        buttons = stack_with_ok_cancel(self, form)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._reason = reason
        self.setMinimumWidth(420)

    def when(self) -> datetime | None:
        if self._reason and not self.new_time_check.isChecked():
            return None
        d, t = self.date_edit.date(), self.time_edit.time()
        return datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), OSLO)

    def accept(self) -> None:
        if self._reason and not self.reason_edit.toPlainText().strip():
            self.reason_edit.setFocus()
            self.reason_edit.setPlaceholderText(_("Say why the meeting is cancelled or must be moved."))
            return
        super().accept()


class MeetingEditor(QWidget):
    """``MeetingEditor(database, actor, meeting_id=None, youth_id=None)``: a window (not modal).

    ``saved(meeting_id)`` after each save; ``preview_requested(meeting_id)`` and
    ``print_requested([meeting_id])`` for the printing code; ``opened(editor)`` when this editor opens
    another one (the next meeting). ``now`` gives the clock (tests pin it).
    """

    saved = Signal(object)
    preview_requested = Signal(object)
    print_requested = Signal(list)
    opened = Signal(object)
    deleted = Signal(object, object)  # meeting id, youth id (or None): the meeting was deleted here

    def __init__(
        self, database: Any, actor: Any, *, meeting_id: uuid.UUID | None = None, youth_id: uuid.UUID | None = None,
        today: date | None = None, now: Callable[[], datetime] = _utc_now, autosave_ms: int = AUTOSAVE_MS,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        from navdesk.services.meetings import editor_choices, read_meeting
        from navdesk.services.office import catalogue

        with database.session() as session:
            detail = read_meeting(session, meeting_id, actor) if meeting_id is not None else None
            choices = editor_choices(session)
            trekant = catalogue(session, "meeting_type").get("trekantsamtale")
        super().__init__(parent, Qt.WindowType.Window)
        self._trekantsamtale = trekant.hex if trekant else None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self._database = database
        self._actor = actor
        self.today = today or date.today()
        self.now = now
        self.choices: EditorChoices = choices
        self.meeting_id = meeting_id
        self.detail: MeetingDetail | None = detail
        youth_id = detail.youth_id if detail is not None else youth_id
        self._draft_key = (drafts.MEETING, meeting_id) if meeting_id else (drafts.NEW_MEETING, youth_id)
        self._loading = False
        self.status_reason = ""
        self.new_time: datetime | None = None
        self._previous_status = MeetingStatus.PLANLAGT
        self._previous_id: uuid.UUID | None = None
        self.pending_draft: drafts.DraftInfo | None = None
        self.draft_saved_at: datetime | None = None

        self._build()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.save_draft)
        app = QApplication.instance()
        if app is not None:  # quitting the application keeps the text too
            app.aboutToQuit.connect(self.save_draft)
        if detail is not None:
            self._load(detail)
        else:
            self._load_new(youth_id)
        self._baseline = self.payload()
        self._connect_changes()
        self._offer_draft()
        self._restrict_for_youth()  # a new meeting: the health section only for the youth's veileder and leder
        self._update_title()
        self.resize(980, 900)

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        c = self.choices
        self.draft_banner = QWidget()
        self.draft_banner.setObjectName("draftBanner")
        theme.style(
            self.draft_banner,
            "#draftBanner {{ " + BANNER_STYLE + " }} #draftBanner QLabel {{ color: {note_text}; }}",
        )
        self.draft_label = QLabel()
        self.draft_label.setWordWrap(True)
        self.restore_button = QPushButton(_("Restore the draft"))
        self.discard_button = QPushButton(_("Discard the draft"))
        banner = QHBoxLayout(self.draft_banner)
        banner.addWidget(self.draft_label, 1)
        banner.addWidget(self.restore_button)
        banner.addWidget(self.discard_button)
        self.draft_banner.hide()
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)

        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName(_("Kind of meeting"))
        self.type_combo.addItem("–", None)
        for ident, label in c.types:
            self.type_combo.addItem(label, str(ident))
        self.youth_combo = QComboBox()
        self.youth_combo.setAccessibleName(_("Youth"))
        self.youth_combo.addItem(_("(no youth)"), None)
        for ident, name in c.youths:
            self.youth_combo.addItem(name, str(ident))
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setAccessibleName(_("Date"))
        self.time_edit = QTimeEdit()
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(_("Time"))
        self.duration_spin = QSpinBox()
        self.duration_spin.setRange(5, 600)
        self.duration_spin.setSingleStep(15)
        self.duration_spin.setSuffix(" min")
        self.duration_spin.setAccessibleName(_("Duration"))
        self.week_label = QLabel()
        self.channel_combo = QComboBox()
        self.channel_combo.setAccessibleName(_("Channel"))
        for channel in ContactChannel:
            self.channel_combo.addItem(channel.label, channel.value)
        self.place_edit = QLineEdit()
        self.place_edit.setAccessibleName(_("Place"))
        self.place_edit.setPlaceholderText(_("Room, address or link"))
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName(_("Status"))
        for status in MeetingStatus:
            self.status_combo.addItem(status.label, status.value)
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        theme.style(self.reason_label, WARN_STYLE)

        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addWidget(self.time_edit)
        when.addWidget(QLabel(_("Duration")))
        when.addWidget(self.duration_spin)
        when.addWidget(self.week_label)
        when.addStretch(1)
        where = QHBoxLayout()
        where.addWidget(self.channel_combo)
        where.addWidget(self.place_edit, 1)
        grid = QFormLayout()
        grid.addRow(_("Kind of meeting"), self.type_combo)
        grid.addRow(_("Youth"), self.youth_combo)
        grid.addRow(_("When"), when)
        grid.addRow(_("Channel and place"), where)
        grid.addRow(_("Status"), self.status_combo)
        grid.addRow("", self.reason_label)

        # participants
        self.participants = QTableWidget(0, 4)
        self.participants.setAccessibleName(_("Participants"))
        self.participants.setHorizontalHeaderLabels(
            [_("Taking part as"), _("Name"), _("Organisation"), _("Role")]
        )
        self._table_look(self.participants, (150, 200, 200))
        self.add_participant_button = QToolButton()
        self.add_participant_button.setText(_("Add participant"))
        self.add_participant_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.participant_menu = QMenu(self)
        self.add_participant_button.setMenu(self.participant_menu)
        self._fill_participant_menu()
        self.remove_participant_button = QPushButton(_("Remove participant"))
        self.remove_participant_button.clicked.connect(lambda: self._remove_row(self.participants))
        self.consent_label = QLabel()
        self.consent_label.setWordWrap(True)
        theme.style(self.consent_label, WARN_STYLE)
        self.consent_label.setAccessibleName(_("Consent warnings"))
        part_box = QGroupBox(_("Participants"))
        part_layout = QVBoxLayout(part_box)
        part_layout.addWidget(self.participants)
        row = QHBoxLayout()
        row.addWidget(self.add_participant_button)
        row.addWidget(self.remove_participant_button)
        row.addStretch(1)
        part_layout.addLayout(row)
        part_layout.addWidget(self.consent_label)

        # texts
        self.agenda_edit = self._text(_("Agenda"), 3)
        self.summary_edit = self._text(_("Summary"), 5)
        self.decisions_edit = self._text(_("Decisions"), 3)
        self.health_edit = self._text(_("Health and other sensitive information"), 3)
        self.health_box = QGroupBox(_("Sensitive: health and other sensitive information"))
        self.health_box.setObjectName("sensitiveBox")
        theme.style(
            self.health_box,
            "#sensitiveBox {{ border: 2px solid {warn}; border-radius: 4px; margin-top: 1.2em; padding: 6px; }}"
            " #sensitiveBox::title {{ color: {warn}; subcontrol-origin: margin; left: 8px; }}",
        )
        health_hint = QLabel(
            _("Only what is needed. Left out of printed summaries unless chosen when printing.")
        )
        health_hint.setWordWrap(True)
        health_layout = QVBoxLayout(self.health_box)
        health_layout.addWidget(health_hint)
        health_layout.addWidget(self.health_edit)
        from navdesk.services.access import restricted_text

        self.health_restricted = QLabel(restricted_text())  # for others than the youth's veileder and leder
        self.health_restricted.setObjectName("healthRestricted")
        self.health_restricted.setWordWrap(True)
        theme.style(self.health_restricted, "color: {caution}; font-style: italic;")
        self.health_restricted.hide()
        health_layout.addWidget(self.health_restricted)

        # actions
        self.action_table = QTableWidget(0, 4)
        self.action_table.setAccessibleName(_("Actions"))
        self.action_table.setHorizontalHeaderLabels([_("What"), _("Who"), _("By when"), _("Done")])
        self._table_look(self.action_table, (340, 180, 120))
        self.add_action_button = QPushButton(_("Add action"))
        self.add_action_button.clicked.connect(lambda: self.add_action_row())
        self.remove_action_button = QPushButton(_("Remove action"))
        self.remove_action_button.clicked.connect(lambda: self._remove_row(self.action_table))
        action_box = QGroupBox(_("Actions (what, who, by when)"))
        action_layout = QVBoxLayout(action_box)
        action_layout.addWidget(self.action_table)
        row = QHBoxLayout()
        row.addWidget(self.add_action_button)
        row.addWidget(self.remove_action_button)
        row.addStretch(1)
        action_layout.addLayout(row)

        texts = QGridLayout()
        texts.addWidget(QLabel(_("Agenda")), 0, 0)
        texts.addWidget(self.agenda_edit, 1, 0)
        texts.addWidget(QLabel(_("Decisions")), 0, 1)
        texts.addWidget(self.decisions_edit, 1, 1)
        texts.addWidget(QLabel(_("Summary")), 2, 0, 1, 2)
        texts.addWidget(self.summary_edit, 3, 0, 1, 2)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addLayout(grid)
        body_layout.addWidget(part_box)
        body_layout.addLayout(texts)
        body_layout.addWidget(action_box)
        body_layout.addWidget(self.health_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("editorError")
        theme.style(
            self.error_label,
            "#editorError {{ color: {warn}; background: {error_bg}; border: 1px solid {warn}; padding: 6px; }}",
        )
        self.error_label.hide()
        self.message_label = QLabel()
        theme.style(self.message_label, "color: {muted};")
        self.save_button = QPushButton(_("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Ctrl+S")
        self.next_button = QPushButton(_("Next meeting …"))
        self.preview_button = QPushButton(_("Preview summary …"))
        self.print_button = QPushButton(_("Print summary …"))
        self.close_button = QPushButton(_("Close"))
        self.delete_button = QPushButton(_("Delete meeting …"))
        self.delete_button.setToolTip(_("For a meeting entered by mistake; a held meeting stays"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.message_label, 1)
        for button in (
            self.next_button,
            self.preview_button,
            self.print_button,
            self.save_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.plan_next)
        self.preview_button.clicked.connect(self._preview)
        self.print_button.clicked.connect(self._print)
        self.close_button.clicked.connect(self.close)
        self.delete_button.clicked.connect(self.delete)
        QShortcut(QKeySequence("Ctrl+S"), self, self.save)
        QShortcut(QKeySequence("Ctrl+W"), self, self.close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.draft_banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

    def _preview(self) -> None:
        if self.meeting_id is not None:
            self.preview_requested.emit(self.meeting_id)

    def _print(self) -> None:
        if self.meeting_id is not None:
            self.print_requested.emit([self.meeting_id])

    def _add(self, kind: ParticipantKind, party: PartyChoice | None = None) -> Callable[[], None]:
        """A menu action's slot: add a participant of ``kind`` (a user or contact person when given)."""

        def add() -> None:
            if party is None:
                self.add_participant_row(kind, self._youth_name() if kind is ParticipantKind.UNGDOM else "")
            elif party.kind is ParticipantKind.VEILEDER:
                self.add_participant_row(kind, party.name, party.organisation, party.role, user_id=party.id)
            else:
                self.add_participant_row(
                    kind, party.name, party.organisation, party.role, contact_person_id=party.id
                )

        return add

    def _text(self, name: str, lines: int) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setAccessibleName(name)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 16)
        edit.setMaximumHeight(edit.fontMetrics().lineSpacing() * (lines + 4) + 16)
        return edit

    @staticmethod
    def _table_look(table: QTableWidget, widths: tuple[int, ...]) -> None:
        table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate(widths):
            table.setColumnWidth(column, width)
        table.setMinimumHeight(150)

    def _fill_participant_menu(self) -> None:
        menu = self.participant_menu
        menu.addAction(_("The youth"), self._add(ParticipantKind.UNGDOM))
        users = menu.addMenu(_("NAV user"))
        for u in self.choices.users:
            users.addAction(u.name, self._add(ParticipantKind.VEILEDER, u))
        people = menu.addMenu(_("Partner's contact person"))
        for p in self.choices.contact_persons:
            people.addAction(f"{p.name} ({p.organisation})", self._add(ParticipantKind.PARTNER, p))
        people.setEnabled(bool(self.choices.contact_persons))
        for kind in (ParticipantKind.FORESATT, ParticipantKind.ARBEIDSGIVER, ParticipantKind.ANNEN):
            menu.addAction(kind.label, self._add(kind))

    # -- rows --------------------------------------------------------------------------------------
    def add_participant_row(
        self, kind: ParticipantKind, name: str = "", organisation: str = "", role: str = "", *,
        user_id: uuid.UUID | None = None, contact_person_id: uuid.UUID | None = None, ident: uuid.UUID | None = None,
        version: int | None = None,
    ) -> int:  # fmt: skip
        table = self.participants
        row = table.rowCount()
        table.insertRow(row)
        first = QTableWidgetItem(kind.label)
        first.setFlags(first.flags() & ~Qt.ItemFlag.ItemIsEditable)
        first.setData(DATA, {"kind": kind.value, "user_id": str(user_id or ""),
                             "contact_person_id": str(contact_person_id or ""), "id": str(ident or ""),
                             "version": version})  # fmt: skip
        table.setItem(row, 0, first)
        for column, text in ((1, name), (2, organisation), (3, role)):
            table.setItem(row, column, QTableWidgetItem(text))
        if kind is ParticipantKind.UNGDOM:  # the meeting's youth: the name follows the youth chosen above
            youth = _item(table, row, 1)
            youth.setText(self._youth_name())
            youth.setFlags(youth.flags() & ~Qt.ItemFlag.ItemIsEditable)
        if not self._loading:
            table.setCurrentCell(row, 1)
            self._changed()
        return row

    def add_action_row(
        self, what: str = "", who: str = "", who_user_id: uuid.UUID | None = None, due: date | None = None,
        done_on: date | None = None, ident: uuid.UUID | None = None, version: int | None = None,
    ) -> int:  # fmt: skip
        table = self.action_table
        row = table.rowCount()
        table.insertRow(row)
        item = QTableWidgetItem(what)
        item.setData(
            DATA,
            {"id": str(ident or ""), "version": version, "done_on": done_on.isoformat() if done_on else ""},
        )
        table.setItem(row, 0, item)
        who_combo = QComboBox()
        who_combo.setEditable(True)
        who_combo.setAccessibleName(_("Who"))
        who_combo.addItem("", None)
        youth = self._youth_name()
        who_combo.addItem(youth.split()[0] if youth else _("The youth"), None)
        for u in self.choices.users:
            who_combo.addItem(u.name, str(u.id))
        if who_user_id is not None:
            found = who_combo.findData(str(who_user_id))
            who_combo.setCurrentIndex(found if found >= 0 else 0)
            if found < 0:
                who_combo.setEditText(who)
        else:
            who_combo.setEditText(who)
        who_combo.currentTextChanged.connect(lambda _t: self._changed())
        table.setCellWidget(row, 1, who_combo)
        due_edit = QDateEdit()
        due_edit.setDisplayFormat("dd.MM.yyyy")
        due_edit.setCalendarPopup(True)
        due_edit.setMinimumDate(NO_DATE)
        due_edit.setSpecialValueText(_("no date"))
        due_edit.setAccessibleName(_("By when"))
        due_edit.setDate(QDate(due.year, due.month, due.day) if due else NO_DATE)
        due_edit.dateChanged.connect(lambda _d: self._changed())
        table.setCellWidget(row, 2, due_edit)
        done = QTableWidgetItem()
        done.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        )
        done.setCheckState(Qt.CheckState.Checked if done_on else Qt.CheckState.Unchecked)
        table.setItem(row, 3, done)
        if not self._loading:
            table.setCurrentCell(row, 0)
            self._changed()
        return row

    def _remove_row(self, table: QTableWidget) -> None:
        row = table.currentRow()
        if row >= 0:
            table.removeRow(row)
            self._changed()

    # -- loading -----------------------------------------------------------------------------------
    def _set_combo(self, combo: QComboBox, value: Any) -> None:
        found = combo.findData(str(value) if isinstance(value, uuid.UUID) else value)
        combo.setCurrentIndex(max(found, 0))

    def _set_when(self, moment: datetime) -> None:
        local = moment.astimezone(OSLO)
        self.date_edit.setDate(QDate(local.year, local.month, local.day))
        self.time_edit.setTime(QTime(local.hour, local.minute))

    def _load(self, d: MeetingDetail) -> None:
        self._loading = True
        try:
            self._set_combo(self.type_combo, d.type_id)
            self._set_combo(self.youth_combo, d.youth_id)
            self._set_when(d.starts_at)
            self.duration_spin.setValue(d.duration_min)
            self._set_combo(self.channel_combo, d.channel.value)
            self.place_edit.setText(d.place)
            self._set_combo(self.status_combo, d.status.value)
            self._previous_status = d.status
            self.status_reason = d.status_reason
            self.new_time = None
            self._previous_id = d.previous_id
            for edit, text in ((self.agenda_edit, d.agenda), (self.summary_edit, d.summary),
                               (self.decisions_edit, d.decisions), (self.health_edit, d.health_section)):  # fmt: skip
                edit.setPlainText(text)
            self._health_restricted = d.restricted
            self.health_edit.setVisible(not d.restricted)  # the core left the text out: nothing to edit
            self.health_restricted.setVisible(d.restricted)
            self.participants.setRowCount(0)
            for p in d.participants:
                self.add_participant_row(p.kind, p.name, p.organisation, p.role, user_id=p.user_id,
                                         contact_person_id=p.contact_person_id, ident=p.id, version=p.version)  # fmt: skip
            self.action_table.setRowCount(0)
            for a in d.actions:
                self.add_action_row(a.what, a.who, a.who_user_id, a.due_date, a.done_on, a.id, a.version)
        finally:
            self._loading = False
        self._after_change()

    def _load_new(self, youth_id: uuid.UUID | None) -> None:
        self._loading = True
        try:
            self._set_combo(self.youth_combo, youth_id)
            if self.type_combo.count() > 1:
                self.type_combo.setCurrentIndex(1)
            now = self.now().astimezone(OSLO)
            start = datetime.combine(self.today, time(10, 0), OSLO)
            if self.today == now.date() and now.hour >= 10:
                start = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
            self._set_when(start)
            self.duration_spin.setValue(60)
            self.place_edit.setText(_("NAV office"))
            if youth_id is not None:
                self.add_participant_row(ParticipantKind.UNGDOM, self._youth_name())
            me = next((u for u in self.choices.users if u.id == self._actor.user_id), None)
            if me is not None:
                self.add_participant_row(
                    ParticipantKind.VEILEDER, me.name, me.organisation, me.role, user_id=me.id
                )
        finally:
            self._loading = False
        self._after_change()

    # -- the editor's content as plain values --------------------------------------------------------
    def _youth_name(self) -> str:
        return self.youth_combo.currentText() if self.youth_combo.currentData() else ""

    def starts_at(self) -> datetime:
        d, t = self.date_edit.date(), self.time_edit.time()
        return datetime.combine(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), OSLO)

    def _participant_edits(self) -> tuple[ParticipantEdit, ...]:
        out = []
        table = self.participants
        for row in range(table.rowCount()):
            meta = _item(table, row, 0).data(DATA)
            cell = [_item(table, row, c).text() for c in (1, 2, 3)]
            if meta["kind"] == ParticipantKind.UNGDOM.value:
                cell[0] = ""  # the meeting's youth, by reference
            out.append(ParticipantEdit(ParticipantKind(meta["kind"]), cell[0], cell[1], cell[2],
                                       _opt_uuid(meta["user_id"]), _opt_uuid(meta["contact_person_id"]),
                                       _opt_uuid(meta["id"]), meta.get("version")))  # fmt: skip
        return tuple(out)

    def _action_edits(self) -> tuple[ActionEdit, ...]:
        out = []
        table = self.action_table
        for row in range(table.rowCount()):
            item = _item(table, row, 0)
            meta = item.data(DATA) or {}
            combo = table.cellWidget(row, 1)
            due_edit = table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox) and isinstance(due_edit, QDateEdit)
            who = combo.currentText().strip()
            index = combo.findText(who)
            who_user = _opt_uuid(combo.itemData(index)) if index >= 0 else None
            qd = due_edit.date()
            due = None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())
            checked = _item(table, row, 3).checkState() == Qt.CheckState.Checked
            done_on = (
                (date.fromisoformat(meta["done_on"]) if meta.get("done_on") else self.today)
                if checked
                else None
            )
            out.append(
                ActionEdit(
                    item.text(), who, who_user, due, done_on, _opt_uuid(meta.get("id")), meta.get("version")
                )
            )
        return tuple(out)

    def meeting_edit(self) -> MeetingEdit:
        return MeetingEdit(
            starts_at=self.starts_at(), youth_id=_opt_uuid(self.youth_combo.currentData()),
            type_id=_opt_uuid(self.type_combo.currentData()), duration_min=self.duration_spin.value(),
            place=self.place_edit.text(), channel=ContactChannel(self.channel_combo.currentData()),
            agenda=self.agenda_edit.toPlainText(), summary=self.summary_edit.toPlainText(),
            decisions=self.decisions_edit.toPlainText(), health_section=self.health_edit.toPlainText(),
            status=MeetingStatus(self.status_combo.currentData()), status_reason=self.status_reason,
            participants=self._participant_edits(), actions=self._action_edits(),
            previous_id=self._previous_id,
        )  # fmt: skip

    def payload(self) -> dict[str, Any]:
        """The editor's content as JSON values (what a draft stores)."""
        e = self.meeting_edit()
        base = self.detail.version if self.detail is not None else None
        return {
            "base_version": base,
            "starts_at": e.starts_at.isoformat(), "youth_id": str(e.youth_id or ""), "type_id": str(e.type_id or ""),
            "duration_min": e.duration_min, "place": e.place, "channel": e.channel.value, "agenda": e.agenda,
            "summary": e.summary, "decisions": e.decisions, "health_section": e.health_section,
            "status": e.status.value, "status_reason": e.status_reason,
            "new_time": self.new_time.isoformat() if self.new_time else "",
            "participants": [
                {"kind": p.kind.value, "name": p.name, "organisation": p.organisation, "role": p.role,
                 "user_id": str(p.user_id or ""), "contact_person_id": str(p.contact_person_id or ""),
                 "id": str(p.id or ""), "version": p.version}
                for p in e.participants
            ],
            "actions": [
                {"what": a.what, "who": a.who, "who_user_id": str(a.who_user_id or ""),
                 "due_date": a.due_date.isoformat() if a.due_date else "",
                 "done_on": a.done_on.isoformat() if a.done_on else "", "id": str(a.id or ""), "version": a.version}
                for a in e.actions
            ],
        }  # fmt: skip

    def apply_payload(self, p: dict[str, Any]) -> None:
        """Put a draft's content into the editor."""
        self._loading = True
        try:
            self._set_combo(self.type_combo, p.get("type_id") or None)
            self._set_combo(self.youth_combo, p.get("youth_id") or None)
            self._set_when(datetime.fromisoformat(p["starts_at"]))
            self.duration_spin.setValue(int(p.get("duration_min", 60)))
            self._set_combo(self.channel_combo, p.get("channel", ContactChannel.SAMTALE.value))
            self.place_edit.setText(p.get("place", ""))
            self._set_combo(self.status_combo, p.get("status", MeetingStatus.PLANLAGT.value))
            self._previous_status = MeetingStatus(p.get("status", MeetingStatus.PLANLAGT.value))
            self.status_reason = p.get("status_reason", "")
            self.new_time = datetime.fromisoformat(p["new_time"]) if p.get("new_time") else None
            for edit, key in ((self.agenda_edit, "agenda"), (self.summary_edit, "summary"),
                              (self.decisions_edit, "decisions"), (self.health_edit, "health_section")):  # fmt: skip
                if edit is self.health_edit and getattr(self, "_health_restricted", False):
                    continue  # restricted for this user: the section is not theirs to fill in
                edit.setPlainText(p.get(key, ""))
            self.participants.setRowCount(0)
            for r in p.get("participants", []):
                self.add_participant_row(ParticipantKind(r["kind"]), r["name"], r["organisation"], r["role"],
                                         user_id=_opt_uuid(r["user_id"]),
                                         contact_person_id=_opt_uuid(r["contact_person_id"]),
                                         ident=_opt_uuid(r["id"]), version=r.get("version"))  # fmt: skip
            self.action_table.setRowCount(0)
            for r in p.get("actions", []):
                self.add_action_row(r["what"], r["who"], _opt_uuid(r["who_user_id"]),
                                    date.fromisoformat(r["due_date"]) if r["due_date"] else None,
                                    date.fromisoformat(r["done_on"]) if r["done_on"] else None,
                                    _opt_uuid(r["id"]), r.get("version"))  # fmt: skip
        finally:
            self._loading = False
        self._after_change()

    # -- changes and drafts ------------------------------------------------------------------------
    def _connect_changes(self) -> None:
        for combo in (self.type_combo, self.youth_combo, self.channel_combo):
            combo.currentIndexChanged.connect(lambda _i: self._changed())
        for combo in (self.type_combo, self.youth_combo):
            combo.currentIndexChanged.connect(lambda _i: self.offer_preparation())
        self.youth_combo.currentIndexChanged.connect(lambda _i: self._restrict_for_youth())
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.date_edit.dateChanged.connect(lambda _d: self._changed())
        self.time_edit.timeChanged.connect(lambda _t: self._changed())
        self.duration_spin.valueChanged.connect(lambda _v: self._changed())
        self.place_edit.textChanged.connect(lambda _t: self._changed())
        for edit in (self.agenda_edit, self.summary_edit, self.decisions_edit, self.health_edit):
            edit.textChanged.connect(self._changed)
        self.participants.itemChanged.connect(lambda _i: self._changed())
        self.action_table.itemChanged.connect(lambda _i: self._changed())

    def _restrict_for_youth(self) -> None:
        """A new meeting: the health section only when the chosen youth is one the user may see it for."""
        if self.detail is not None or getattr(self, "_loading", False):
            return
        from navdesk.services.meetings import may_write_health_section

        youth = _opt_uuid(self.youth_combo.currentData())
        with self._database.session() as session:
            allowed = may_write_health_section(session, self._actor, youth)
        self._health_restricted = not allowed
        if not allowed:
            self.health_edit.clear()
        self.health_edit.setVisible(allowed)
        self.health_restricted.setVisible(not allowed)

    def offer_preparation(self) -> bool:
        """A trekantsamtale with a youth and no agenda yet gets the preparation note as its agenda (what OT
        and NAV know, school status, who holds the ball, consent to share with OT); whether it did."""
        from navdesk.services.partners import trekantsamtale_note

        if self._loading or self.agenda_edit.toPlainText().strip():
            return False
        kind, youth = self.type_combo.currentData(), self.youth_combo.currentData()
        if not kind or not youth or uuid.UUID(str(kind)).hex != self._trekantsamtale:
            return False
        with self._database.session() as session:
            self.agenda_edit.setPlainText(trekantsamtale_note(session, uuid.UUID(str(youth)), self.today))
        return True

    def _changed(self) -> None:
        if self._loading:
            return
        self._after_change()
        self._autosave.start()
        self.message_label.setText(_("Unsaved changes; kept as a draft while you write."))

    def _after_change(self) -> None:
        youth = self._youth_name()
        for row in range(self.participants.rowCount()):
            meta = _item(self.participants, row, 0).data(DATA)
            item = _item(self.participants, row, 1)
            if meta["kind"] == ParticipantKind.UNGDOM.value and item is not None and item.text() != youth:
                blocked = self.participants.blockSignals(True)
                item.setText(youth)
                self.participants.blockSignals(blocked)
        self._update_consent()
        self._update_status_text()
        self.week_label.setText(_("Week {week}").format(week=self.starts_at().isocalendar().week))
        saved = self.meeting_id is not None
        for button in (self.next_button, self.preview_button, self.print_button):
            button.setEnabled(saved)
        self.delete_button.setEnabled(
            saved and self.detail is not None and self.detail.status is not MeetingStatus.GJENNOMFORT
        )

    def is_dirty(self) -> bool:
        return self.payload() != self._baseline

    def save_draft(self) -> bool:
        """Store the content as a draft now (the autosave does this two seconds after the last change)."""
        self._autosave.stop()
        if not self.is_dirty():
            return False
        kind, subject = self._draft_key
        at = self.now()
        try:
            with self._database.session() as session, session.begin():
                drafts.save_draft(session, self._actor.user_id, kind, subject, self.payload(), now=at)
        except Exception as exc:  # a locked database: try again at the next change, say so
            self.message_label.setText(
                _("The draft could not be saved: {error}").format(error=type(exc).__name__)
            )
            return False
        self.draft_saved_at = at
        self.message_label.setText(
            _("Draft kept at {time}.").format(time=at.astimezone(OSLO).strftime("%H:%M:%S"))
        )
        return True

    def _offer_draft(self) -> None:
        kind, subject = self._draft_key
        newer = self.detail.updated_at if self.detail is not None else None
        with self._database.session() as session:
            found = drafts.find_draft(session, self._actor.user_id, kind, subject, newer_than=newer)
        self.pending_draft = found
        if found is None:
            return
        self.draft_label.setText(
            _("A draft from {when} was not saved. Restore it, or discard it and keep what was saved?").format(
                when=when_text(found.updated_at)
            )
        )
        self.draft_banner.show()

    def restore_draft(self) -> None:
        if self.pending_draft is None:
            return
        payload = self.pending_draft.payload
        self.apply_payload(payload)
        self.pending_draft = None
        self.draft_banner.hide()
        self.message_label.setText(_("Draft restored; save to keep it."))
        base = payload.get("base_version")
        if self.detail is not None and base is not None and base != self.detail.version:
            self.show_error(
                _(
                    "Someone saved this meeting after your draft was written. Check the restored text against "
                    "what they saved before you save."
                )
            )

    def discard_draft(self) -> None:
        kind, subject = self._draft_key
        with self._database.session() as session, session.begin():
            drafts.discard_draft(session, self._actor.user_id, kind, subject)
        self.pending_draft = None
        self.draft_banner.hide()

    # -- status ------------------------------------------------------------------------------------
    def _status_changed(self, _index: int) -> None:
        if self._loading:
            return
        status = MeetingStatus(self.status_combo.currentData())
        if status in CANCELLED and self._previous_status not in CANCELLED:
            answer = self.ask_cancel(status)
            if answer is None:
                self._loading = True
                self._set_combo(self.status_combo, self._previous_status.value)
                self._loading = False
                return
            self.status_reason, self.new_time = answer
        elif status not in CANCELLED:
            self.status_reason, self.new_time = "", None
        self._previous_status = status
        self._changed()

    def ask_cancel(self, status: MeetingStatus) -> tuple[str, datetime | None] | None:
        """Ask why (required) and offer the new time right away; None when the user cancels."""
        title = _("Meeting cancelled") if status is MeetingStatus.AVLYST else _("Meeting must be moved")
        proposal = self.starts_at() + timedelta(days=7)
        dialog = NewTimeDialog(title, proposal, self, reason=True)
        self.cancel_dialog: NewTimeDialog | None = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.reason_edit.toPlainText().strip(), dialog.when()
        finally:
            self.cancel_dialog = None
            dialog.deleteLater()

    def _update_status_text(self) -> None:
        status = MeetingStatus(self.status_combo.currentData())
        if status not in CANCELLED:
            self.reason_label.clear()
            self.reason_label.hide()
            return
        text = _("Reason: {reason}").format(reason=self.status_reason or "–")
        if self.new_time is not None:
            text += "\n" + _("New time when saved: {when}").format(when=when_text(self.new_time))
        self.reason_label.setText(text)
        self.reason_label.show()

    # -- consent -----------------------------------------------------------------------------------
    def _update_consent(self) -> None:
        from navdesk.services.meetings import missing_consent

        parts = self._participant_edits()
        if not any(p.kind in EXTERNAL for p in parts):
            self.consent_label.clear()
            self.consent_label.hide()
            self.consent_gaps: list[Any] = []
            self._consent_key: Any = None
            return
        day = self.starts_at().date()
        key = (self.youth_combo.currentData(), day, parts)
        if key == getattr(self, "_consent_key", None):
            return  # typing in a text field: nothing the warning depends on has changed
        self._consent_key = key
        with self._database.session() as session:
            self.consent_gaps = missing_consent(
                session, _opt_uuid(self.youth_combo.currentData()), day, parts
            )
        lines = [
            "⚠ " + _("No valid consent on {date} for {name} ({organisation}): share nothing about the youth "
                     "with them without a basis.").format(date=format_date(day), name=gap.name,
                                                          organisation=gap.organisation or "–")
            for gap in self.consent_gaps
        ]  # fmt: skip
        self.consent_label.setText("\n".join(lines))
        self.consent_label.setVisible(bool(lines))

    # -- saving ------------------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def save(self) -> bool:
        """Save the meeting; on a stale save or invalid input the text stays and the reason is shown."""
        from navdesk.errors import StaleEdit, UserError
        from navdesk.services.meetings import save_meeting

        edit = self.meeting_edit()
        new_time = self.new_time
        try:
            with self._database.session() as session, session.begin():
                meeting_id = save_meeting(
                    session, self._actor, edit, meeting_id=self.meeting_id,
                    expected_version=self.detail.version if self.detail is not None else None, today=self.today,
                    new_time=new_time if edit.status in CANCELLED else None,
                )  # fmt: skip
        except StaleEdit as exc:
            self.save_draft()
            self.show_error(
                str(exc)
                + " "
                + _(
                    "Nothing you wrote is lost: it stays here and is kept as a draft. Copy what "
                    "you need, close, and open the meeting again to see the other change."
                )
            )
            return False
        except UserError as exc:
            self.show_error(str(exc))
            return False
        kind, subject = self._draft_key
        with self._database.session() as session, session.begin():
            drafts.discard_draft(session, self._actor.user_id, kind, subject)
            drafts.discard_draft(session, self._actor.user_id, drafts.MEETING, meeting_id)
        self.show_error("")
        self.pending_draft = None
        self.draft_banner.hide()
        self._reload(meeting_id)
        message = _("Saved.")
        if new_time is not None and edit.status in CANCELLED:
            message += " " + _("New time planned: {when}.").format(when=when_text(new_time))
        self.message_label.setText(message)
        self.saved.emit(meeting_id)
        return True

    def _reload(self, meeting_id: uuid.UUID) -> None:
        from navdesk.services.meetings import read_meeting

        with self._database.session() as session:
            self.detail = read_meeting(session, meeting_id, self._actor)
        self.meeting_id = meeting_id
        self._draft_key = (drafts.MEETING, meeting_id)
        self._autosave.stop()
        self._load(self.detail)
        self._baseline = self.payload()
        self._update_title()

    def _update_title(self) -> None:
        youth = self._youth_name()
        what = self.type_combo.currentText() if self.type_combo.currentData() else _("Meeting")
        if self.meeting_id is None:
            title = _("New meeting")
        else:
            title = _("{what} {when}").format(what=what, when=when_text(self.starts_at()))
        self.setWindowTitle(f"{title} – {youth}" if youth else title)

    def plan_next(self) -> MeetingEditor | None:
        """ "Next meeting": a planned meeting after this one (same youth, type, participants), in a new editor."""
        from navdesk.errors import UserError
        from navdesk.services.meetings import create_next_meeting

        if self.meeting_id is None or (self.is_dirty() and not self.save()):
            return None
        assert self.meeting_id is not None
        when = self.ask_next_time(self.starts_at() + timedelta(days=14))
        if when is None:
            return None
        try:
            with self._database.session() as session, session.begin():
                new_id = create_next_meeting(session, self._actor, self.meeting_id, starts_at=when)
        except UserError as exc:
            self.show_error(str(exc))
            return None
        self.saved.emit(new_id)
        editor = MeetingEditor(self._database, self._actor, meeting_id=new_id, today=self.today, now=self.now,
                               autosave_ms=self._autosave.interval(), parent=self.parentWidget())  # fmt: skip
        self.opened.emit(editor)
        editor.show()
        self.message_label.setText(_("Next meeting planned: {when}.").format(when=when_text(when)))
        return editor

    def ask_next_time(self, proposal: datetime) -> datetime | None:
        dialog = NewTimeDialog(_("Next meeting"), proposal, self)
        try:
            return dialog.when() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    def ask_delete(self) -> bool:
        answer = QMessageBox.question(
            self, _("Delete meeting"),
            _("Delete this meeting with its participants and actions? It is also removed from the youth's "
              "plan. This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )  # fmt: skip
        return answer == QMessageBox.StandardButton.Yes

    def delete(self) -> bool:
        """Delete the saved meeting (asked first), with its "møte" activity in the youth's plan; closes."""
        from navdesk.errors import UserError
        from navdesk.services.meetings import delete_meeting

        if self.meeting_id is None or not self.ask_delete():
            return False
        meeting_id, youth_id = self.meeting_id, self.detail.youth_id if self.detail is not None else None
        try:
            with self._database.session() as session, session.begin():
                delete_meeting(session, self._actor, meeting_id)
                drafts.discard_draft(session, self._actor.user_id, drafts.MEETING, meeting_id)
        except UserError as exc:
            self.show_error(str(exc))
            return False
        self._autosave.stop()
        self._baseline = self.payload()  # nothing left to keep as a draft
        self.deleted.emit(meeting_id, youth_id)
        self.close()
        return True

    def flush_draft(self) -> bool:
        """Store the draft at once (for the app lock and anyone else about to hide or close the editor)."""
        return self.save_draft()

    def hideEvent(self, event: QHideEvent) -> None:
        self.save_draft()  # hidden (minimised, or the app locked): the text is in the database
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_draft()  # closing without saving keeps the text as a draft
        super().closeEvent(event)
