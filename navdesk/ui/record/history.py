"""Historikk: the youth's audit trail — who, when, what changed (before → after) — read through
:func:`navdesk.services.record.history`; it cannot be edited here."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from navdesk.i18n import _
from navdesk.services.record import HistoryEntry
from navdesk.ui import theme
from navdesk.ui.record.contacts import when_text
from navdesk.ui.record.frames import read_only_table
from navdesk.ui.record.table_model import OBJECT_ROLE, TextRow, TextTableModel


def changes_html(entry: HistoryEntry) -> str:
    esc = html.escape
    head = "<b>{what}</b> – {when}, {who}".format(
        what=esc(entry.what), when=esc(when_text(entry.at)), who=esc(entry.who or "–")
    )
    if not entry.changes:
        return head
    rows = "".join(
        "<tr><td style='color:{muted}; padding-right:12px' valign='top'>{f}</td><td valign='top'>{b}</td>"
        "<td valign='top'>&nbsp;→&nbsp;</td><td valign='top'>{a}</td></tr>".format(
            muted=theme.colour("muted"),
            f=esc(c.field),
            b=esc(c.before).replace("\n", "<br>"),
            a=esc(c.after).replace("\n", "<br>"),
        )
        for c in entry.changes
    )
    return head + "<table cellspacing='0' cellpadding='2'>" + rows + "</table>"


class HistoryTab(QWidget):
    """The table of events, the selected event's changes below it, and "also show openings"."""

    reads_toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = QLabel(
            _(
                "Every change to the record, and who made it. The trail is kept by NavDesk and cannot be edited."
            )
        )
        self.info.setWordWrap(True)
        self.reads_check = QCheckBox(_("Also show when the record was opened"))
        self.reads_check.setAccessibleName(_("Also show when the record was opened"))
        self.model = TextTableModel((_("When"), _("Who"), _("What"), _("Fields")), self)
        self.view = read_only_table(self.model, _("History"))
        for column, width in enumerate((150, 60, 230)):
            self.view.setColumnWidth(column, width)
        self.empty_label = QLabel(_("No changes recorded for this youth yet."))
        theme.style(self.empty_label, "color: {muted};")
        self.empty_label.setVisible(False)
        self.details = QTextBrowser()
        self.details.setAccessibleName(_("What changed"))
        self.details.setPlaceholderText(_("Choose an event to see what changed."))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.reads_check)
        layout.addWidget(self.empty_label)
        layout.addWidget(splitter, 1)
        self.reads_check.toggled.connect(self.reads_toggled)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.model.set_rows(
            [TextRow((when_text(h.at), h.who, h.what, h.summary), h, tooltip=h.summary) for h in entries]
        )
        self.details.clear()
        self.empty_label.setVisible(not entries)
        if entries:
            self.view.setCurrentIndex(self.model.index(0, 0))

    def _on_current(self, current: QModelIndex, _previous: Any) -> None:
        entry = current.siblingAtColumn(0).data(OBJECT_ROLE) if current.isValid() else None
        self.details.setHtml(changes_html(entry) if isinstance(entry, HistoryEntry) else "")
