"""«Dagens møter» on the start screen: a compact strip under the start-up summary with the user's
meetings today (time, kind, youth, place); a click opens the meeting.

Built after the first paint (decision 0007): the main window makes it when the database is open, and
the meetings are read through :func:`navdesk.services.meetings.todays_meetings`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from navdesk.i18n import _
from navdesk.ui import theme

if TYPE_CHECKING:
    from navdesk.services.meetings import PlanMeeting

MAX_SHOWN = 6  # more than that: "+ N more" opens the Møteplan


def meeting_text(meeting: PlanMeeting) -> str:
    """«10:00 Oppfølgingssamtale – Åse Ødegård, NAV-kontoret» (må flyttes marked)."""
    from navdesk.domain.enums import MeetingStatus

    text = f"{meeting.starts_at:%H:%M} {meeting.kind}"
    if meeting.youth:
        text = _("{meeting} – {youth}").format(meeting=text, youth=meeting.youth)
    where = meeting.place or meeting.channel.label
    if where:
        text = f"{text}, {where}"
    if meeting.status is MeetingStatus.MA_FLYTTES:
        text = _("{meeting} (must be moved)").format(meeting=text)
    return text


class TodayMeetingsStrip(QFrame):
    """One button per meeting today; ``open_meeting(meeting_id)`` when one is clicked, ``show_plan()``
    for the rest. Hidden when there are none."""

    open_meeting = Signal(object)
    show_plan = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayMeetings")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        theme.style(
            self,
            "#todayMeetings {{ background: {info_bg}; border: 1px solid {info_border}; border-radius: 4px; }}"
            " #todayMeetings QLabel {{ color: {info_text}; }}"
            " #todayMeetings QToolButton {{ color: {link}; text-decoration: underline; padding: 2px 6px; }}",
        )
        self.setAccessibleName(_("Today's meetings"))
        self.title = QLabel(_("Today's meetings:"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.buttons: list[QToolButton] = []
        self.meetings: list[PlanMeeting] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(10, 3, 6, 3)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.title)
        self._layout.addStretch(1)
        self.hide()

    def set_meetings(self, meetings: list[PlanMeeting]) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        self.meetings = list(meetings)
        shown = self.meetings[:MAX_SHOWN]
        for i, meeting in enumerate(shown):
            button = QToolButton()
            button.setAutoRaise(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setText(meeting_text(meeting))
            button.setToolTip(_("Open the meeting"))
            button.clicked.connect(lambda _on=False, ident=meeting.id: self.open_meeting.emit(ident))
            self._layout.insertWidget(1 + i, button)
            self.buttons.append(button)
        if len(self.meetings) > len(shown):
            more = QToolButton()
            more.setAutoRaise(True)
            more.setText(_("+ {n} more …").format(n=len(self.meetings) - len(shown)))
            more.clicked.connect(self.show_plan.emit)
            self._layout.insertWidget(1 + len(shown), more)
            self.buttons.append(more)
        self.setVisible(bool(self.meetings))

    def load(self, database: Any, user_id: Any, day: Any) -> None:
        """Read the user's meetings on ``day`` and show them."""
        from navdesk.services.meetings import todays_meetings

        with database.session() as session:
            self.set_meetings(todays_meetings(session, user_id, day))
