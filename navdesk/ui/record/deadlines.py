"""Frister: this youth's deadlines from the office's deadline book, grouped by when they fall due (done,
snoozed and not applicable last), with the state and why each exists."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.deadlines.engine import Deadline
from navdesk.i18n import _, ngettext
from navdesk.ui.models.deadline_model import (
    COL_DUE,
    COL_RULE,
    COL_STATUS,
    COL_YOUTH,
    OBJECT_ROLE,
    DeadlineTreeModel,
    group_deadlines,
    tooltip_html,
)


class DeadlinesTab(QWidget):
    """``set_book(book, youth_id)``; ``book`` may be None while the office's deadlines are computed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.model = DeadlineTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName(_("The youth's deadlines"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setColumnHidden(COL_YOUTH, True)  # it is this youth's record
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for column, width in ((COL_DUE, 170), (COL_STATUS, 170), (COL_RULE, 280)):
            self.tree.setColumnWidth(column, width)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName(_("About the selected deadline"))
        self.details.setPlaceholderText(_("Choose a deadline to see why it exists and what meets it."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)
        self.tree.selectionModel().currentRowChanged.connect(self._on_current)
        self._today: Any = None
        self.items: list[Deadline] = []

    def set_book(self, book: Any, youth_id: Any) -> None:
        if book is None:
            self.items = []
            self.model.set_groups([], self._today or _today())
            self.status_label.setText(
                _("The office's deadlines are being calculated … They appear here as soon as they are ready.")
            )
            self.details.clear()
            return
        self._today = book.today
        self.items = list(book.by_youth.get(youth_id, []))
        groups = group_deadlines(self.items, book.today, include_closed=True)
        self.model.set_groups(groups, book.today)
        for row in range(len(groups)):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
            self.tree.expand(self.model.index(row, 0))
        open_items = [d for d in self.items if d.state == "open"]
        overdue = sum(1 for d in open_items if d.overdue(book.today))
        self.status_label.setText(
            ngettext("{n} open deadline", "{n} open deadlines", len(open_items)).format(n=len(open_items))
            + " · "
            + ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
            + " · "
            + _("Choose one to see why it exists. Act on deadlines on the Deadlines screen.")
        )
        first = self.model.index(0, 0, self.model.index(0, 0)) if groups else QModelIndex()
        if first.isValid():
            self.tree.setCurrentIndex(first)
        else:
            self.details.clear()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        d = current.siblingAtColumn(0).data(OBJECT_ROLE) if current.isValid() else None
        self.details.setHtml(tooltip_html(d, self._today) if isinstance(d, Deadline) else "")


def _today() -> Any:
    from datetime import date

    return date.today()
