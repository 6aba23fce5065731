"""Revisjonslogg: the audit log, filtered by youth, user and dates, and a check of its hash chain.

Leder and admin only (:func:`navdesk.services.audit.can_read_log`); the core refuses anyone else too.
Nothing here edits the log: there is no way to change or remove an entry from the application.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import collation_key, format_date
from navdesk.i18n import N_, _, ngettext
from navdesk.ui.dialogs.common import pydate, qdate
from navdesk.ui.dialogs.period import date_edit

LIMIT = 5000

_ACTION_LABELS: dict[str, str] = {
    "read": N_("Opened the record"),
    "create": N_("Added"),
    "update": N_("Changed"),
    "delete": N_("Deleted"),
    "export": N_("Exported"),
    "print": N_("Printed"),
    "compare": N_("Compared"),
    "share_without_consent": N_("Shared without valid consent"),
}


# What the record view does not label (office-wide things); youth-related ones come from record.entity_label.
_OTHER_ENTITIES: dict[str, str] = {
    "office": N_("Office"),
    "office_setting": N_("Office setting"),
    "app_user": N_("User"),
    "catalogue_entry": N_("Catalogue entry"),
    "deadline_rule": N_("Deadline rule"),
    "demo": N_("Demo data"),
    "club": N_("Job club"),
    "club_session": N_("Job club session"),
    "attendance": N_("Attendance"),
    "partner_org": N_("Partner"),
    "contact_person": N_("Contact person"),
    "employer": N_("Employer"),
    "preventive_activity": N_("Preventive activity"),
    "meeting_participant": N_("Meeting participant"),
    "meeting_action": N_("Action from a meeting"),
    "report": N_("Office report"),
    "ot_list": N_("OT's list"),
    "ot_status_list": N_("Status list for OT"),
    "ot_list_action": N_("OT list line"),
    "journal_mark": N_("Recorded in NAV's systems"),
    "status_snapshot": N_("Status"),
    "consent_partner": N_("Consent"),
    "draft": N_("Draft"),
}


def action_label(action: str) -> str:
    return _(_ACTION_LABELS[action]) if action in _ACTION_LABELS else action


class AuditLogDialog(QDialog):
    """The log's newest entries (at most :data:`LIMIT`) that match the filters, newest first."""

    COLUMNS = (
        N_("No."),
        N_("Time"),
        N_("User"),
        N_("What was done"),
        N_("Record"),
        N_("Youth"),
        N_("Source"),
    )

    def __init__(
        self, database: Any, actor: Any, *, youth_id: uuid.UUID | None = None, today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.database, self.actor = database, actor
        self.today = today or date.today()
        self.setWindowTitle(_("Audit log"))
        self.resize(1000, 620)

        self.youth_combo = QComboBox()
        self.youth_combo.setAccessibleName(_("Youth"))
        self.user_combo = QComboBox()
        self.user_combo.setAccessibleName(_("User"))
        self.since_edit = date_edit(self.today - timedelta(days=30), _("From date"))
        self.until_edit = date_edit(self.today, _("To date"))
        self._fill_choices(youth_id)

        filters = QHBoxLayout()
        for label, widget in (
            (_("&Youth:"), self.youth_combo), (_("&User:"), self.user_combo),
            (_("&From:"), self.since_edit), (_("&To:"), self.until_edit),
        ):  # fmt: skip
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget, 2 if widget is self.youth_combo else 1)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setAccessibleName(_("Audit log entries"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)

        self.count_label = QLabel()
        self.verify_button = QPushButton(_("&Check the log"))
        self.verify_button.setToolTip(
            _("Checks that no entry has been changed, deleted or cut off since it was written.")
        )
        self.verify_button.clicked.connect(self.verify)
        self.verify_label = QLabel()
        self.verify_label.setWordWrap(True)
        self.verify_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        bottom = QHBoxLayout()
        bottom.addWidget(self.verify_button)
        bottom.addWidget(self.verify_label, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(bottom)

        for combo in (self.youth_combo, self.user_combo):
            combo.currentIndexChanged.connect(self.refresh)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self.refresh)
        self.refresh()

    def _fill_choices(self, youth_id: uuid.UUID | None) -> None:
        from navdesk.services import audit
        from navdesk.services.office import list_users

        with self.database.session() as session:
            youths = audit.youth_choices(session)
            users = list_users(session)  # deactivated users too: their history stays
        self.youth_combo.addItem(_("All youths"), "")
        for ident, name in sorted(youths, key=lambda item: collation_key(item[1])):
            self.youth_combo.addItem(name, ident.hex)  # ids as text: never Python objects in Qt data
        self.user_combo.addItem(_("All users"), "")
        for user in users:
            self.user_combo.addItem(f"{user.initials} – {user.name}", user.id.hex)
        if youth_id is not None:
            index = self.youth_combo.findData(youth_id.hex)
            self.youth_combo.setCurrentIndex(max(0, index))
            self.since_edit.setDate(qdate(date(2000, 1, 1)))  # a youth's whole history

    @staticmethod
    def _chosen(combo: QComboBox) -> uuid.UUID | None:
        value = combo.currentData()
        return uuid.UUID(value) if value else None

    def refresh(self) -> None:
        from navdesk.services import audit

        since, until = pydate(self.since_edit.date()), pydate(self.until_edit.date())
        with self.database.session() as session:
            entries = audit.search(
                session, self.actor, youth_id=self._chosen(self.youth_combo), user_id=self._chosen(self.user_combo),
                since=since, until=until, limit=LIMIT,
            )  # fmt: skip
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            local = entry.at.astimezone()
            what = action_label(entry.action)
            if entry.erased:
                what = _("{what} (values erased with the youth)").format(what=what)
            youth = entry.youth_name or (_("(deleted)") if entry.youth_id else "")
            source = _("command line") if entry.source == "cli" else _("application")
            cells = (
                str(entry.seq), f"{format_date(local)} {local:%H:%M}", entry.user, what,
                _record_label(entry.entity), youth, source,
            )  # fmt: skip
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        text = ngettext("{n} entry", "{n} entries", len(entries)).format(n=len(entries))
        if len(entries) >= LIMIT:
            text += " " + _("(the newest {n}; narrow the filters to see older ones)").format(n=LIMIT)
        self.count_label.setText(text)

    def verify(self) -> bool:
        """Check the whole chain; show the result in words (with a mark, never by colour alone)."""
        from navdesk.services import audit

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            with self.database.session() as session:
                result = audit.verify(session)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if result.ok:
            text = "✔ " + ngettext(
                "The log is whole: {n} entry checked.",
                "The log is whole: {n} entries checked.",
                result.entries,
            ).format(n=result.entries)
            if result.head is None:
                text += " " + _(
                    "This machine has no record of the log's end, so a cut-off end cannot be seen here."
                )
        else:
            assert result.problem is not None
            text = "✘ " + _("The log has been tampered with: {message}").format(
                message=result.problem.message
            )
        self.verify_label.setText(text)
        self.verify_label.setProperty("verified", "yes" if result.ok else "no")
        return result.ok


def _record_label(entity: str) -> str:
    from navdesk.services.record import entity_label

    if entity in _OTHER_ENTITIES:
        return _(_OTHER_ENTITIES[entity])
    return entity_label(entity)


def open_audit_log(
    parent: QWidget, database: Any, actor: Any, youth_id: uuid.UUID | None = None
) -> AuditLogDialog:
    dialog = AuditLogDialog(database, actor, youth_id=youth_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
