"""Kontor → Oppbevaring og sletting: the youths past the office's retention time, a dry run of what
deleting them removes, and deletion or anonymisation after a confirmation (leaders and administrators);
administrators also set the retention time here. And the innsyn export from a youth's record.

Built on first use (decision 0007): this module imports no use case at the top. The work is done by
:mod:`navdesk.services.retention` and :mod:`navdesk.services.innsyn`.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.text import format_date
from navdesk.i18n import _, ngettext
from navdesk.services.access import is_admin as access_is_admin
from navdesk.services.access import is_leder_or_admin
from navdesk.ui import theme

DAYS_PER_MONTH = 365 / 12


def months_of(days: int) -> int:
    return max(1, round(days / DAYS_PER_MONTH))


def days_of(months: int) -> int:
    return round(months * DAYS_PER_MONTH)


def ask_confirmation(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question whose default is no (tests replace this)."""
    answer = QMessageBox.warning(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                 QMessageBox.StandardButton.No)  # fmt: skip
    return answer == QMessageBox.StandardButton.Yes


def add_to_office_menu(window: Any) -> None:
    """The Office menu's «Oppbevaring og sletting …», for leaders and administrators only."""
    if not is_leder_or_admin(window.actor):
        return
    window.retention_action = window.office_menu.addAction(_("Retention and deletion …"))
    window.retention_action.triggered.connect(lambda: open_retention(window))


def open_retention(window: Any) -> RetentionDialog | None:
    """Open the dialog over the main window; afterwards the portfolio and the deadlines are read again."""
    if not window._database_ready():
        return None
    dialog = RetentionDialog(window.database, window.actor, window, today=window.today)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.removed.connect(lambda ids: _after_removal(window, ids))
    dialog.open()
    return dialog


def _after_removal(window: Any, youth_ids: list[uuid.UUID]) -> None:
    records = getattr(window, "_records", None)
    if records is not None:
        for youth_id in youth_ids:
            open_window = records.windows().get(youth_id)
            if open_window is not None:
                open_window.close()
    window.portfolio.reload(today=window.today)
    if window.deadlines_book is not None:
        window.deadlines_book = None
        window.load_deadlines_in_background()


class RetentionDialog(QDialog):
    """``RetentionDialog(database, actor)``: the candidates (all ticked), what removing the ticked ones
    removes, and the two actions. ``removed`` carries the ids of the youths deleted or anonymised."""

    removed = Signal(object)

    def __init__(self, database: Any, actor: Any, parent: QWidget | None = None, *, today: date | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.database = database
        self.actor = actor
        self.today = today or date.today()
        self.setWindowTitle(_("Retention and deletion"))
        self.candidates: list[Any] = []
        self.last_receipt: Any = None

        self.rule_label = QLabel()
        self.rule_label.setWordWrap(True)
        self.months = QSpinBox()
        self.months.setRange(1, 240)
        self.months.setSuffix(" " + _("months"))
        self.months.setAccessibleName(_("Retention time in months"))
        self.save_months = QPushButton(_("Change retention time"))
        self.save_months.clicked.connect(self.change_retention)
        is_admin = access_is_admin(actor)
        self.months.setVisible(is_admin)
        self.save_months.setVisible(is_admin)
        rule = QHBoxLayout()
        rule.addWidget(self.rule_label, 1)
        rule.addWidget(self.months)
        rule.addWidget(self.save_months)

        explain = QLabel(_(
            "A youth is listed when every follow-up period is closed and the last one closed longer ago than the "
            "retention time (a youth never followed up: registered longer ago). Deleting removes the youth and "
            "everything about them, also the content of their audit log entries; anonymising keeps what the "
            "office reports count and removes name, fødselsnummer, contact data and all free text. Neither can "
            "be undone."
        ))  # fmt: skip
        explain.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move inside
        self.table.setHorizontalHeaderLabels(
            [_("Name"), _("Birth date"), _("Counsellor"), _("Periods"), _("Closed or registered")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAccessibleName(_("Youths past the retention time"))
        # the dry run reads every row of the ticked youths: once ticking has paused, not on every tick
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.setInterval(300)
        self._plan_timer.timeout.connect(self.update_plan)
        self.table.itemChanged.connect(lambda _item: self._ticked())
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.plan_label.setObjectName("retentionPlan")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("retentionResult")
        theme.style(self.result_label, "#retentionResult {{ color: {ok}; }}")

        self.anonymise_button = QPushButton(_("Anonymise …"))
        self.delete_button = QPushButton(_("Delete …"))
        self.close_button = QPushButton(_("Close"))
        self.anonymise_button.clicked.connect(lambda: self.remove(anonymise=True))
        self.delete_button.clicked.connect(lambda: self.remove(anonymise=False))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.anonymise_button, self.delete_button, self.close_button):
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(rule)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.resize(820, 520)
        self.reload()

    # -- reading ------------------------------------------------------------------------------------
    def reload(self) -> None:
        from navdesk.errors import UserError
        from navdesk.services import retention

        try:
            with self.database.session() as session:
                days = retention.retention_days(session)
                self.candidates = retention.candidates(session, self.actor, self.today)
        except UserError as exc:
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            self.candidates = []
            days = retention.DEFAULT_RETENTION_DAYS
        self.days = days
        self.months.setValue(months_of(days))
        rule = _("Retention time: {months} months after the last follow-up period closed (periods closed before "
                 "{date}).").format(months=months_of(days), date=format_date(retention.cutoff(self.today, days)))  # fmt: skip
        if days != retention.DEFAULT_RETENTION_DAYS:
            rule += " " + _("(NavDesk's default is 12 months; the office chose this, or kept it from an earlier "
                            "version.)")  # fmt: skip
        self.rule_label.setText(rule)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            name = QTableWidgetItem(c.name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            name.setData(Qt.ItemDataRole.UserRole, c.youth_id.hex)
            since = (_("closed {date}").format(date=format_date(c.last_closed)) if c.last_closed
                     else _("registered {date}, never followed up").format(date=format_date(c.registered)))  # fmt: skip
            cells = [name, QTableWidgetItem(format_date(c.birth_date)), QTableWidgetItem(c.veileder or "–"),
                     QTableWidgetItem(str(c.periods)), QTableWidgetItem(since)]  # fmt: skip
            for column, item in enumerate(cells):
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.update_plan()

    def chosen(self) -> list[uuid.UUID]:
        ids = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                ids.append(uuid.UUID(str(item.data(Qt.ItemDataRole.UserRole))))
        return ids

    def _ticked(self) -> None:
        ticked = bool(self.chosen())
        self.anonymise_button.setEnabled(ticked)
        self.delete_button.setEnabled(ticked)
        self._plan_timer.start()

    def update_plan(self) -> None:
        """The dry run of the ticked youths."""
        from navdesk.services import retention

        ids = self.chosen()
        self.anonymise_button.setEnabled(bool(ids))
        self.delete_button.setEnabled(bool(ids))
        if not self.candidates:
            self.plan_label.setText(_("No youth is past the retention time."))
            return
        with self.database.session() as session:
            plan = retention.dry_run(session, self.actor, self.today, ids)
        self.plan_label.setText(
            ngettext(
                "{n} youth ticked: {rows} rows and the content of {payloads} audit log entries go. Backups made "
                "before today may hold the data until {date}.",
                "{n} youths ticked: {rows} rows and the content of {payloads} audit log entries go. Backups made "
                "before today may hold the data until {date}.",
                len(ids),
            ).format(
                n=len(ids),
                rows=sum(plan.rows.values()),
                payloads=plan.payloads,
                date=format_date(plan.backups_hold_until),
            )
        )

    # -- acting -------------------------------------------------------------------------------------
    def change_retention(self) -> bool:
        from navdesk.errors import UserError
        from navdesk.services import retention

        try:
            with self.database.session() as session, session.begin():
                retention.set_retention_days(session, self.actor, days_of(self.months.value()))
        except UserError as exc:
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            return False
        self.reload()
        return True

    def remove(self, *, anonymise: bool) -> Any:
        """Delete (or anonymise) the ticked youths after a confirmation; the receipt, or None."""
        from navdesk.errors import UserError
        from navdesk.services import retention

        ids = self.chosen()
        if not ids:
            return None
        if anonymise:
            question = ngettext(
                "Anonymise {n} youth? Name, fødselsnummer, contact data and all free text are removed for good.",
                "Anonymise {n} youths? Name, fødselsnummer, contact data and all free text are removed for good.",
                len(ids),
            )
        else:
            question = ngettext(
                "Delete {n} youth and everything about them for good? This cannot be undone.",
                "Delete {n} youths and everything about them for good? This cannot be undone.",
                len(ids),
            )
        if not ask_confirmation(self, _("Retention and deletion"), question.format(n=len(ids))):
            return None
        try:
            with self.database.session() as session, session.begin():
                act = retention.anonymise_youths if anonymise else retention.delete_youths
                receipt = act(session, self.actor, ids, self.today)
            space = retention.purge_free_space(self.database)
        except UserError as exc:
            QMessageBox.warning(self, _("NavDesk"), str(exc))
            return None
        done = (ngettext("{n} youth anonymised", "{n} youths anonymised", receipt.youths) if anonymise
                else ngettext("{n} youth deleted", "{n} youths deleted", receipt.youths))  # fmt: skip
        text = _("{done}. Backups made before today may hold the data until {date}; the receipt is in the audit "
                 "log.").format(done=done.format(n=receipt.youths), date=format_date(receipt.backups_hold_until))  # fmt: skip
        if space.get("wal_busy"):
            text += " " + _("Another window or program has the database open: the deleted data leaves the "
                            "database's log file when it is closed.")  # fmt: skip
        self.last_receipt = receipt
        self.result_label.setText(text)
        self.removed.emit(ids)
        self.reload()
        return receipt


# --------------------------------------------------------------------------- innsyn from the record


def save_innsyn(parent: QWidget | None, database: Any, actor: Any, youth_id: uuid.UUID, today: date) -> Any:
    """Make the youth's innsyn PDF, ask where to save it, audit the export; the path, or None."""
    from pathlib import Path

    from navdesk.documents.innsyn import InnsynOptions, render_innsyn
    from navdesk.errors import UserError
    from navdesk.services import innsyn
    from navdesk.services.summaries import user_label
    from navdesk.ui.printing import native

    try:
        with database.session() as session:
            data = innsyn.collect(session, actor, youth_id, today)
            who = user_label(session, actor.user_id, actor.initials)
    except UserError as exc:
        native.show_error(parent, str(exc))
        return None
    blob = render_innsyn(data, InnsynOptions(made_by=who, made_on=today))
    out = native.save_pdf(parent, blob, str(Path.home() / innsyn.default_file_name(data, "pdf")))
    if out is None:
        return None
    with database.session() as session, session.begin():
        innsyn.record_export(session, actor, data, out.name, "pdf")
    native.show_info(parent, native.saved_message(out))
    return out
