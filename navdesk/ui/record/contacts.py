"""Møter og kontakt: the youth's contact log and meetings, newest first (real data). Planning meetings
and writing summaries come with the meetings part of NavDesk; the tab says so."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from navdesk.domain.enums import ContactOutcome, MeetingStatus
from navdesk.domain.text import OSLO, format_date
from navdesk.i18n import _, ngettext
from navdesk.services.record import ContactInfo, MeetingInfo, YouthRecord
from navdesk.ui.record.frames import notice, read_only_table
from navdesk.ui.record.table_model import TextRow, TextTableModel


def when_text(moment: datetime) -> str:
    local = moment.astimezone(OSLO)
    return _("{date} at {time}").format(date=format_date(local.date()), time=local.strftime("%H:%M"))


def contact_row(c: ContactInfo) -> TextRow:
    note = c.note.replace("\n", " ")
    return TextRow(
        (when_text(c.at), c.channel.label, c.initiated_by.label, c.outcome.label, note, c.by),
        c,
        tooltip=c.note,
        warn_column=3 if c.outcome is not ContactOutcome.GJENNOMFORT else -1,
    )


def meeting_row(mt: MeetingInfo) -> TextRow:
    return TextRow(
        (when_text(mt.starts_at), mt.kind, mt.status.label, mt.place),
        mt,
        warn_column=2 if mt.status in (MeetingStatus.AVLYST, MeetingStatus.MA_FLYTTES) else -1,
    )


class ContactsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = notice(
            _(
                "Planning meetings, participants and printed meeting summaries come in a later version of "
                "NavDesk. Here are the youth's contacts and meetings as recorded, newest first."
            )
        )
        self.contacts_label = QLabel()
        self.contact_model = TextTableModel(
            (_("When"), _("Channel"), _("Initiated by"), _("Outcome"), _("Note"), _("By")), self
        )
        self.contact_view = read_only_table(self.contact_model, _("Contact log"))
        for column, width in enumerate((150, 130, 110, 120, 340)):
            self.contact_view.setColumnWidth(column, width)
        self.meetings_label = QLabel()
        self.meeting_model = TextTableModel((_("When"), _("Kind of meeting"), _("Status"), _("Place")), self)
        self.meeting_view = read_only_table(self.meeting_model, _("Meetings"))
        for column, width in enumerate((150, 200, 130)):
            self.meeting_view.setColumnWidth(column, width)

        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.contacts_label)
        upper_layout.addWidget(self.contact_view, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.meetings_label)
        lower_layout.addWidget(self.meeting_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

    def set_record(self, record: YouthRecord) -> None:
        self.contact_model.set_rows([contact_row(c) for c in record.contacts])
        self.meeting_model.set_rows([meeting_row(mt) for mt in record.meetings])
        n, k = len(record.contacts), len(record.meetings)
        self.contacts_label.setText(
            "<b>" + ngettext("Contact log ({n} entry)", "Contact log ({n} entries)", n).format(n=n) + "</b>"
        )
        self.meetings_label.setText("<b>" + _("Meetings ({n})").format(n=k) + "</b>")
