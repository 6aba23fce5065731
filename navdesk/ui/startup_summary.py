"""The start-up summary: how many deadlines are overdue or due today, with a way to the Frister screen.

Shown as a banner at the top of the main window (not modal, closed with one click). The counts are for
the acting user's youths, or for the whole office when the user follows up no youths.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

from navdesk.i18n import _, ngettext
from navdesk.ui import theme


@dataclass(frozen=True)
class Summary:
    overdue: int
    today: int
    mine: bool  # counted for the user's own youths (else for the office)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.today)

    def text(self) -> str:
        overdue = ngettext("{n} overdue deadline", "{n} overdue deadlines", self.overdue).format(
            n=self.overdue
        )
        today = ngettext("{n} deadline today", "{n} deadlines today", self.today).format(n=self.today)
        if self.mine:
            return _("{overdue} and {today} for your youths.").format(overdue=overdue, today=today)
        return _("{overdue} and {today} for the office.").format(overdue=overdue, today=today)


def summarize(book: Any, user_id: Any) -> Summary:
    """Open deadlines overdue and due today, for the user's youths (or the office if the user has none)."""
    today = book.today
    items = [d for d in book.all() if d.youth_id is not None]
    mine = [d for d in items if d.veileder_id == user_id]
    chosen = mine or items
    open_items = [d for d in chosen if d.state == "open"]
    return Summary(
        overdue=sum(1 for d in open_items if d.due < today),
        today=sum(1 for d in open_items if d.due == today),
        mine=bool(mine),
    )


class StartupBanner(QFrame):
    """A banner: "N forfalte frister og M frister i dag", a "Vis frister" button and a close button."""

    show_deadlines = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startupSummary")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        theme.style(
            self,
            "#startupSummary {{ background: {note_bg}; border: 1px solid {note_border}; border-radius: 4px; }}"
            " #startupSummary QLabel {{ color: {note_text}; }}",
        )
        self.summary: Summary | None = None
        self.label = QLabel()
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.show_button = QPushButton(_("Show deadlines"))
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip(_("Close the summary"))
        self.close_button.setAccessibleName(_("Close the summary"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.show_button.clicked.connect(self._on_show)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def set_summary(self, summary: Summary) -> None:
        """Show the counts (hidden when there is nothing overdue or due today)."""
        self.summary = summary
        self.label.setText(summary.text())
        self.setVisible(bool(summary))

    def _on_show(self) -> None:
        self.show_deadlines.emit()
        self.hide()
