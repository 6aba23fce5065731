"""Frister: the deadlines for the youths, grouped by when they fall due, acted on in place.

The screen shows a :class:`~navdesk.services.deadlines.DeadlineBook` (computed once, kept by the main
window). Each action (log a contact, mark done, snooze, not applicable, reopen) runs in one short
session, commits, recomputes that one youth and rebuilds the tree from plain lists.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.deadlines.engine import Deadline
from navdesk.domain.deadlines.rules import RULES
from navdesk.domain.enums import DeadlineState
from navdesk.domain.text import collation_key, search_fold
from navdesk.i18n import _, ngettext
from navdesk.ui.dialogs.contact import ContactDialog
from navdesk.ui.dialogs.reason import ReasonDialog
from navdesk.ui.dialogs.rules import RulesDialog
from navdesk.ui.dialogs.snooze import SnoozeDialog
from navdesk.ui.dialogs.status import StatusDialog
from navdesk.ui.models.deadline_model import (
    CLOSED,
    COL_DUE,
    COL_RULE,
    COL_STATUS,
    COL_YOUTH,
    GROUP_ROLE,
    LATER,
    OBJECT_ROLE,
    OVERDUE,
    TODAY,
    DeadlineTreeModel,
    group_deadlines,
    rule_name,
    tooltip_html,
    youth_text,
)
from navdesk.ui.views.heading import screen_heading

_WIDTHS = {COL_DUE: 165, COL_STATUS: 175, COL_YOUTH: 190, COL_RULE: 240}  # the due column holds the indent
MINE, ALL = "mine", "all"
_COLLAPSED_BY_DEFAULT = {LATER, CLOSED}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class DeadlinesView(QWidget):
    """The deadlines tree with its filters, the selected deadline's details, and the actions."""

    book_changed = Signal()  # an action changed the book (one youth recomputed)
    open_youth_requested = Signal(object, str)  # youth id, name
    rules_changed = Signal()  # the office's rules were saved: the whole book must be recomputed

    def __init__(
        self, database: Any = None, actor: Any = None, parent: QWidget | None = None, *,
        now: Callable[[], datetime] = _utc_now,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._database = database
        self._actor = actor
        self.now = now  # when a contact logged here happened (tests pin it)
        self._book: Any = None
        self._folded: dict[uuid.UUID | None, str] = {}
        self._expanded: set[str] = set()
        self._collapsed: set[str] = set(_COLLAPSED_BY_DEFAULT)

        heading = screen_heading(_("Deadlines"))
        self.count_label = QLabel(_("Computing the deadlines …"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.veileder_combo = QComboBox()
        self.veileder_combo.addItem(_("My youths"), MINE)
        self.veileder_combo.addItem(_("All youths"), ALL)
        self.veileder_combo.setAccessibleName(_("Whose youths"))
        self.rule_combo = QComboBox()
        self.rule_combo.setAccessibleName(_("Kind of deadline"))
        self.rule_combo.addItem(_("All kinds of deadline"), None)
        for name, rule_id in sorted(
            ((rule_name(r.id), r.id) for r in RULES), key=lambda p: collation_key(p[0])
        ):
            self.rule_combo.addItem(name, rule_id)
        self.rule_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule_combo.setMinimumContentsLength(20)  # the list itself shows the long names in full
        self.youth_edit = QLineEdit()
        self.youth_edit.setPlaceholderText(_("Find a youth by name …"))
        self.youth_edit.setClearButtonEnabled(True)
        self.youth_edit.setAccessibleName(_("Find a youth"))
        self.closed_check = QCheckBox(_("Also show done, snoozed and not applicable"))

        self.model = DeadlineTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setAccessibleName(_("Deadlines"))
        self.tree.setAccessibleDescription(
            _(
                "Grouped into overdue, today, this week and later. The menu key shows what can be done with the deadline."
            )
        )
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in _WIDTHS.items():
            self.tree.setColumnWidth(column, width)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName(_("About the selected deadline"))
        self.details.setPlaceholderText(_("Choose a deadline to see why it exists and what meets it."))

        self.contact_action = QAction(_("Log contact …"), self)
        self.contact_action.setToolTip(
            _("Log a contact with the youth now; most deadlines are met by a contact.")
        )
        self.open_action = QAction(_("Open the youth"), self)
        self.done_action = QAction(_("Mark as done …"), self)
        self.snooze_action = QAction(_("Snooze …"), self)
        self.na_action = QAction(_("Not applicable …"), self)
        self.reopen_action = QAction(_("Reopen"), self)
        self.status_action = QAction(_("Confirm status …"), self)
        self.status_action.setToolTip(
            _("Status 1, 3, 6 or 9 months after registration: confirm the proposed status or correct it.")
        )
        self.actions_in_order = (self.contact_action, self.open_action, self.status_action, self.done_action,
                                 self.snooze_action, self.na_action, self.reopen_action)  # fmt: skip
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        # A tool bar, so a narrow window puts the actions that do not fit behind a "»" button.
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 3px 8px; margin-right: 4px;"
            " background: palette(button); color: palette(button-text); }"
            " QToolButton:focus { border: 2px solid palette(highlight); }"
            " QToolButton:disabled { color: palette(placeholder-text); }"
        )
        for action in self.actions_in_order:
            self.tree.addAction(action)
            self.toolbar.addAction(action)
            self.toolbar.widgetForAction(action).setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable with Tab
        more = self.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if more is not None:  # the "»" button of a narrow window
            more.setAccessibleName(_("More actions"))
            more.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.rules_action = QAction(_("Rules for deadlines …"), self)
        self.rules_action.setToolTip(
            _("The office's rules for deadlines: which are in use, and their settings.")
        )
        # In the heading row, not the tool bar: there it would fall behind "»" in a 1280-wide window.
        self.rules_button = QToolButton()
        self.rules_button.setDefaultAction(self.rules_action)
        self.rules_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.rules_button.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 3px 8px;"
            " background: palette(button); color: palette(button-text); }"
            " QToolButton:focus { border: 2px solid palette(highlight); }"
        )
        buttons = QHBoxLayout()
        buttons.addWidget(self.toolbar, 1)
        buttons.addWidget(self.closed_check)

        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addSpacing(12)
        top.addWidget(self.rules_button)
        filters = QHBoxLayout()
        filters.addWidget(self.veileder_combo)
        filters.addWidget(self.rule_combo)
        filters.addWidget(self.youth_edit, 1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 130])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)

        self.veileder_combo.currentIndexChanged.connect(self.rebuild)
        self.rule_combo.currentIndexChanged.connect(self.rebuild)
        self.youth_edit.textChanged.connect(self.rebuild)
        self.closed_check.toggled.connect(self.rebuild)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)
        self.tree.expanded.connect(self._on_expanded)
        self.tree.collapsed.connect(self._on_collapsed)
        self.contact_action.triggered.connect(self.log_contact)
        self.open_action.triggered.connect(self.open_youth)
        self.done_action.triggered.connect(self.mark_done)
        self.snooze_action.triggered.connect(self.snooze)
        self.na_action.triggered.connect(self.mark_not_applicable)
        self.reopen_action.triggered.connect(self.reopen)
        self.status_action.triggered.connect(self.confirm_status)
        self.rules_action.triggered.connect(self.edit_rules)
        self._update_actions(None)

    # -- data in -----------------------------------------------------------------------------------
    @property
    def book(self) -> Any:
        return self._book

    @property
    def today(self) -> date:
        return self._book.today if self._book is not None else date.today()

    def set_book(self, book: Any) -> None:
        """Show this book; the filter starts on "my youths" when the user has any, else on all."""
        first = self._book is None
        self._book = book
        self._fold_names()
        if first and self._actor is not None:
            mine = any(d.veileder_id == self._actor.user_id for d in book.all())
            self.veileder_combo.blockSignals(True)
            self.veileder_combo.setCurrentIndex(self.veileder_combo.findData(MINE if mine else ALL))
            self.veileder_combo.blockSignals(False)
        self.rebuild()

    def _fold_names(self) -> None:
        self._folded = {
            youth_id: search_fold(items[0].youth or "")
            for youth_id, items in self._book.by_youth.items()
            if items
        }

    # -- filters and grouping ----------------------------------------------------------------------
    def visible_deadlines(self) -> list[Deadline]:
        """The book's deadlines that pass the filters (before grouping)."""
        if self._book is None:
            return []
        mine = self.veileder_combo.currentData() == MINE and self._actor is not None
        user = self._actor.user_id if self._actor is not None else None
        rule = self.rule_combo.currentData()
        text = search_fold(self.youth_edit.text().strip())
        closed = self.closed_check.isChecked()
        open_state = DeadlineState.OPEN.value
        out: list[Deadline] = []
        for youth_id, items in self._book.by_youth.items():
            if text and text not in self._folded.get(youth_id, ""):
                continue
            for d in items:
                if mine and d.veileder_id != user:
                    continue
                if rule is not None and d.rule != rule:
                    continue
                if not closed and d.state != open_state:
                    continue
                out.append(d)
        return out

    def rebuild(self) -> None:
        """Group and show the deadlines again, keeping the selection where it makes sense."""
        if self._book is None:
            return
        current = self.selected()
        where: tuple[str, int] | None = None
        if current is not None:
            index = self.tree.currentIndex()
            group = index.parent()
            where = (str(self.model.groups()[group.row()].key), index.row()) if group.isValid() else None
        visible = self.visible_deadlines()
        groups = group_deadlines(visible, self.today, include_closed=self.closed_check.isChecked())
        self.model.set_groups(groups, self.today, lazy=self._collapsed)
        for row, shown in enumerate(groups):
            parent = self.model.index(row, 0)
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
            if shown.key not in self._collapsed:
                self.tree.expand(parent)
        self._update_count(visible)
        target = QModelIndex()
        if current is not None:
            target = self.model.find(current.key)
            if not target.isValid() and where is not None:
                target = self.model.child_at(where[0], where[1])
        if target.isValid():
            self.select_index(target)
        else:
            self.tree.setCurrentIndex(QModelIndex())
            self._on_current(QModelIndex(), QModelIndex())

    def _update_count(self, visible: list[Deadline]) -> None:
        today = self.today
        open_items = [d for d in visible if d.state == DeadlineState.OPEN.value]
        overdue = sum(1 for d in open_items if d.due < today)
        self.count_label.setText(
            ngettext("{n} open deadline", "{n} open deadlines", len(open_items)).format(n=len(open_items))
            + " · "
            + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
        )

    def _on_expanded(self, index: QModelIndex) -> None:
        key = index.data(GROUP_ROLE)
        if key:
            self._collapsed.discard(key)

    def _on_collapsed(self, index: QModelIndex) -> None:
        key = index.data(GROUP_ROLE)
        if key:
            self._collapsed.add(key)

    # -- selection ---------------------------------------------------------------------------------
    def selected(self) -> Deadline | None:
        index = self.tree.currentIndex()
        if not index.isValid():
            return None
        d = index.siblingAtColumn(0).data(OBJECT_ROLE)
        return d if isinstance(d, Deadline) else None

    def select_index(self, index: QModelIndex) -> None:
        self.tree.expand(index.parent())
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def select_key(self, key: str) -> bool:
        index = self.model.find(key)
        if index.isValid():
            self.select_index(index)
        return index.isValid()

    def select_first(self, group: str = OVERDUE) -> bool:
        """Select the first deadline of a group (or of the first group when that one is empty)."""
        parent = self.model.group_index(group)
        if not parent.isValid():
            parent = self.model.group_index(TODAY)
        if not parent.isValid():
            parent = self.model.index(0, 0)
        index = self.model.index(0, 0, parent)
        if index.isValid():
            self.select_index(index)
        return index.isValid()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        d = self.selected()
        self.details.setHtml(tooltip_html(d, self.today) if d is not None else "")
        self._update_actions(d)

    def _update_actions(self, d: Deadline | None) -> None:
        has_youth = d is not None and d.youth_id is not None
        can_decide = d is not None and d.state in (DeadlineState.OPEN.value, DeadlineState.SNOOZED.value)
        by_hand = d is not None and (
            d.state in (DeadlineState.SNOOZED.value, DeadlineState.NOT_APPLICABLE.value)
            or (d.state == DeadlineState.DONE.value and bool(d.reason))
        )
        self.contact_action.setEnabled(has_youth)
        self.open_action.setEnabled(has_youth)
        self.done_action.setEnabled(can_decide)
        self.snooze_action.setEnabled(can_decide)
        self.na_action.setEnabled(can_decide)
        self.reopen_action.setEnabled(by_hand)
        self.status_action.setEnabled(
            d is not None and d.rule == "outcome_snapshot" and d.subject_id is not None
        )

    # -- actions -----------------------------------------------------------------------------------
    def log_contact(self) -> None:
        d = self.selected()
        if d is None or d.youth_id is None:
            return
        answer = ContactDialog.ask(self, youth_text(d))
        if answer is None:
            return
        from navdesk.domain.enums import InitiatedBy
        from navdesk.services.contacts import log_contact

        at = self.now()
        youth_id = d.youth_id
        self._act(d, lambda s: log_contact(s, self._actor, youth_id, at=at, channel=answer.channel,
                                           initiated_by=InitiatedBy.NAV, outcome=answer.outcome, note=answer.note))  # fmt: skip

    def open_youth(self) -> None:
        d = self.selected()
        if d is not None and d.youth_id is not None:
            self.open_youth_requested.emit(d.youth_id, d.youth or "")

    def mark_done(self) -> None:
        self._decide_with_reason(
            DeadlineState.DONE, _("Mark as done"),
            _("Why is “{what}” for {youth} done? The reason is kept with the deadline."),
        )  # fmt: skip

    def mark_not_applicable(self) -> None:
        self._decide_with_reason(
            DeadlineState.NOT_APPLICABLE, _("Not applicable"),
            _("Why does “{what}” not apply to {youth}? The reason is kept with the deadline."),
        )  # fmt: skip

    def snooze(self) -> None:
        d = self.selected()
        if d is None:
            return
        what = _("Snooze “{what}” for {youth}. It comes back on the date you choose.").format(
            what=rule_name(d.rule), youth=youth_text(d)
        )
        answer = SnoozeDialog.ask(self, self.today, what)
        if answer is None:
            return
        until, reason = answer
        self._decide(d, DeadlineState.SNOOZED, reason, until)

    def confirm_status(self) -> None:
        """The ``outcome_snapshot`` deadline: confirm the derived status for that month, or correct it."""
        from navdesk.errors import UserError
        from navdesk.services.reports import confirm_status, derived_status

        d = self.selected()
        if d is None or d.rule != "outcome_snapshot" or d.subject_id is None:
            return
        period_id = uuid.UUID(d.subject_id)
        months = int(d.key.rsplit(":", 1)[1].rstrip("m"))
        try:
            with self._database.session() as session:
                proposed = derived_status(session, period_id, months)
        except UserError as exc:
            QMessageBox.warning(self, _("Deadlines"), str(exc))
            return
        question = _("Status for {youth} {n} months after registration. The proposal comes from the activities "
                     "and the outcome on that day.").format(youth=youth_text(d), n=months)  # fmt: skip
        chosen = StatusDialog.ask(self, question, proposed)
        if chosen is not None:
            self._act(d, lambda s: confirm_status(s, self._actor, period_id, months, chosen))

    def reopen(self) -> None:
        d = self.selected()
        if d is not None:
            self._decide(d, DeadlineState.OPEN, "")

    def edit_rules(self) -> bool:
        """Show the office's rules (admins change them); True if a change was saved."""
        dialog = RulesDialog(self._database, self._actor, self)
        saved = dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved
        dialog.deleteLater()
        if saved:
            self.rules_changed.emit()
        return saved

    def _decide_with_reason(self, state: DeadlineState, title: str, question: str) -> None:
        d = self.selected()
        if d is None:
            return
        reason = ReasonDialog.ask(self, title, question.format(what=rule_name(d.rule), youth=youth_text(d)))
        if reason is None:
            return
        self._decide(d, state, reason)

    def _decide(self, d: Deadline, state: DeadlineState, reason: str, until: date | None = None) -> None:
        from navdesk.services.deadlines import decide

        self._act(d, lambda s: decide(s, self._actor, d.key, state, reason=reason, until=until,
                                      youth_id=d.youth_id, today=self.today))  # fmt: skip

    def _act(self, d: Deadline, work: Callable[[Any], object]) -> bool:
        """Run one use case in its own session and commit; then recompute that youth only."""
        from navdesk.errors import UserError

        try:
            with self._database.session() as session:
                with session.begin():
                    work(session)
                self._refresh(session, d.youth_id)
        except UserError as exc:
            QMessageBox.warning(self, _("Deadlines"), str(exc))
            return False
        self.rebuild()
        self.book_changed.emit()
        return True

    def _refresh(self, session: Any, youth_id: uuid.UUID | None) -> None:
        if youth_id is not None:
            self._book.refresh_youth(session, youth_id)
            items = self._book.by_youth.get(youth_id) or []
            if items:
                self._folded[youth_id] = search_fold(items[0].youth or "")
            return
        # The office's own tasks (no youth): the book has no call for them, so redo them here.
        from navdesk.domain.deadlines.engine import apply_decision
        from navdesk.services.deadlines import decisions, office_tasks

        chosen = decisions(session)
        today = self._book.today
        self._book.by_youth[None] = [
            apply_decision(t, chosen.get(t.key), today) for t in office_tasks(session, today)
        ]
