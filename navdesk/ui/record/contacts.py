"""Møter og kontakt: the youth's meetings and contact log in one timeline, newest first (a planned
meeting ahead comes first). "New meeting …" opens the meeting editor for the youth; double-clicking a
meeting opens it. The record window is found through :meth:`QWidget.window` (its database, actor,
youth and ``refresh``), so the tab needs nothing more from it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from navdesk.domain.enums import ContactOutcome, MeetingStatus
from navdesk.domain.text import OSLO, format_date
from navdesk.i18n import _, ngettext
from navdesk.services.record import ContactInfo, MeetingInfo, YouthRecord
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import OBJECT_ROLE, TextRow, TextTableModel

COL_WHEN, COL_WHAT, COL_STATUS, COL_NOTE, COL_BY = range(5)


def when_text(moment: datetime) -> str:
    local = moment.astimezone(OSLO)
    return _("{date} at {time}").format(date=format_date(local.date()), time=local.strftime("%H:%M"))


def contact_row(c: ContactInfo) -> TextRow:
    note = c.note.replace("\n", " ")
    what = _("Contact: {channel} ({initiated})").format(
        channel=c.channel.label, initiated=c.initiated_by.label
    )
    return TextRow(
        (when_text(c.at), what, c.outcome.label, note, c.by),
        c,
        tooltip=c.note,
        warn_column=COL_STATUS if c.outcome is not ContactOutcome.GJENNOMFORT else -1,
    )


def meeting_row(mt: MeetingInfo) -> TextRow:
    return TextRow(
        (when_text(mt.starts_at), _("Meeting: {kind}").format(kind=mt.kind), mt.status.label, mt.place, ""),
        mt,
        tooltip=_("Double-click to open the meeting."),
        warn_column=COL_STATUS if mt.status in (MeetingStatus.AVLYST, MeetingStatus.MA_FLYTTES) else -1,
    )


def timeline(record: YouthRecord) -> list[TextRow]:
    """Meetings and contacts together, newest first."""
    items: list[tuple[datetime, int, TextRow]] = [(c.at, 0, contact_row(c)) for c in record.contacts]
    items += [(mt.starts_at, 1, meeting_row(mt)) for mt in record.meetings]
    items.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [row for _at, _kind, row in items]


class ContactsTab(QWidget):
    preview_requested = Signal(object)  # meeting id (relayed from the editors opened here)
    print_requested = Signal(list)  # meeting ids

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_label = QLabel()
        self.new_meeting_button = QPushButton(_("New meeting …"))
        self.new_meeting_button.setAccessibleName(_("Plan a new meeting with the youth"))
        self.timeline_model = TextTableModel(
            (_("When"), _("What"), _("Status"), _("Note or place"), _("By")), self
        )
        self.timeline_view = read_only_table(self.timeline_model, _("Meetings and contacts"))
        for column, width in enumerate((150, 260, 120, 340)):
            self.timeline_view.setColumnWidth(column, width)
        self.empty_label = QLabel(_("No meetings or contacts recorded yet."))
        self.editors: list[Any] = []

        top = QHBoxLayout()
        top.addWidget(self.summary_label, 1)
        top.addWidget(self.new_meeting_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.timeline_view, 1)
        self.new_meeting_button.clicked.connect(lambda: self.open_meeting())
        self.timeline_view.activated.connect(self._activated)

    def set_record(self, record: YouthRecord) -> None:
        self.timeline_model.set_rows(timeline(record))
        n, k = len(record.contacts), len(record.meetings)
        meetings = ngettext("{n} meeting", "{n} meetings", k).format(n=k)
        contacts = ngettext("{n} contact", "{n} contacts", n).format(n=n)
        self.summary_label.setText("<b>" + _("{meetings} and {contacts}").format(meetings=meetings,
                                                                                contacts=contacts) + "</b>")  # fmt: skip
        self.empty_label.setVisible(not (n or k))

    # -- meetings ----------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        item = index.data(OBJECT_ROLE)
        if isinstance(item, MeetingInfo):
            self.open_meeting(item.id)

    def open_meeting(self, meeting_id: uuid.UUID | None = None) -> Any:
        """The meeting editor for this meeting, or a new meeting for the record's youth; None outside a record."""
        from navdesk.errors import UserError
        from navdesk.ui.meetings.editor import MeetingEditor

        record = self.window()
        database, actor = getattr(record, "_database", None), getattr(record, "_actor", None)
        if database is None or actor is None:
            return None
        for editor in self.editors:
            if meeting_id is not None and editor.meeting_id == meeting_id:
                editor.raise_()
                editor.activateWindow()
                return editor
        try:
            editor = MeetingEditor(database, actor, meeting_id=meeting_id, youth_id=getattr(record, "youth_id", None),
                                   today=getattr(record, "today", None), parent=record)  # fmt: skip
        except UserError as exc:  # the meeting was deleted meanwhile
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            return None
        self._adopt(editor)
        closed = getattr(record, "closed", None)
        if closed is not None:  # the record closing closes its editors (each keeps its text as a draft)
            closed.connect(lambda *_a, e=editor: shiboken6.isValid(e) and e.close())
        editor.show()
        return editor

    def _adopt(self, editor: Any) -> None:
        self.editors.append(editor)
        editor.saved.connect(self._meeting_saved)
        editor.deleted.connect(lambda meeting_id, _youth: self._meeting_saved(meeting_id))
        editor.preview_requested.connect(self.preview_requested)
        editor.print_requested.connect(self.print_requested)
        editor.opened.connect(self._adopt)
        editor.destroyed.connect(lambda *_a, e=editor: self._forget(e))

    def _forget(self, editor: Any) -> None:
        self.editors = [e for e in self.editors if e is not editor]

    def _meeting_saved(self, _meeting_id: Any) -> None:
        record = self.window()
        refresh = getattr(record, "refresh", None)
        if refresh is None:
            return
        refresh()
        record.show_message(_("Meeting saved."))  # type: ignore[attr-defined]
        record.saved.emit(record.youth_id)  # type: ignore[attr-defined]
