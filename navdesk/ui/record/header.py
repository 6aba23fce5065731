"""The record's header card: the name first, then the facts a counsellor looks for before a call."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from navdesk.domain.text import OSLO, format_date
from navdesk.i18n import _, ngettext
from navdesk.services.record import YouthRecord
from navdesk.ui import theme
from navdesk.ui.models.deadline_model import rule_name, weekday_name


def meeting_text(record: YouthRecord) -> str:
    meeting = record.next_meeting
    if meeting is None:
        return _("None planned")
    local = meeting.starts_at.astimezone(OSLO)
    when = _("{weekday} {date} at {time}").format(
        weekday=weekday_name(local.date()), date=format_date(local.date()), time=local.strftime("%H:%M")
    )
    return f"{when} – {meeting.kind}" if meeting.kind else when


def contact_text(record: YouthRecord) -> str:
    days = record.days_since_contact()
    if days is None:
        return _("Never")
    if days <= 0:
        return _("Today")
    return ngettext("{n} day ago", "{n} days ago", days).format(n=days)


class HeaderCard(QFrame):
    """Name, age and age band, counsellor, innsatsgruppe, last contact, next deadline, next meeting;
    a red marker when the address is protected (the address itself is never shown here)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        theme.style(
            self,
            "#recordHeader {{ background: {panel_bg}; border: 1px solid {panel_border}; border-radius: 4px; }}",
        )
        self.name_label = QLabel()
        self.name_label.setObjectName("recordName")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sperre_label = QLabel()
        self.sperre_label.setObjectName("adressesperre")
        self.sperre_label.setStyleSheet(
            "#adressesperre { background: #b00020; color: white; font-weight: bold; padding: 4px 10px;"
            " border-radius: 3px; }"  # the same strong red on light and dark (white on it: 7.2:1)
        )
        self.sperre_label.setVisible(False)
        self.period_label = QLabel()
        theme.style(self.period_label, "color: {muted};")

        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(1)
        facts = (
            ("age", _("Age")), ("veileder", _("Counsellor")), ("innsats", _("Innsatsgruppe")),
            ("contact", _("Last contact")), ("deadline", _("Next deadline")), ("meeting", _("Next meeting")),
        )  # fmt: skip
        for i, (key, caption) in enumerate(facts):
            cap = QLabel(caption)
            theme.style(cap, "color: {muted};")
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(caption)
            value.setWordWrap(True)
            self.values[key] = value
            row, col = divmod(i, 3)
            grid.addWidget(cap, row * 3, col)
            grid.addWidget(value, row * 3 + 1, col)
        grid.setRowMinimumHeight(2, 8)  # air between the two rows of facts
        for col in range(3):
            grid.setColumnStretch(col, 1)

        top = QHBoxLayout()
        top.addWidget(self.name_label)
        top.addSpacing(12)
        top.addWidget(self.sperre_label)
        top.addStretch(1)
        top.addWidget(self.period_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.addLayout(top)
        layout.addLayout(grid)

    def set_record(self, record: YouthRecord, book: Any) -> None:
        self.name_label.setText(record.name)
        self.name_label.setAccessibleName(_("Name"))
        self.values["age"].setText(
            _("{age} years ({band})").format(age=record.age, band=record.age_band)
            + "  ·  "
            + format_date(record.birth_date)
        )
        if record.veileder_initials:
            self.values["veileder"].setText(f"{record.veileder_initials} – {record.veileder_name}")
        else:
            self.values["veileder"].setText(_("None (unassigned)"))
        innsats = record.innsats
        self.values["innsats"].setText(
            _("{group} (since {date})").format(
                group=innsats.innsatsgruppe.label, date=format_date(innsats.decided_on)
            )
            if innsats is not None
            else _("No decision recorded")
        )
        self.values["contact"].setText(contact_text(record))
        self.values["meeting"].setText(meeting_text(record))
        period = record.open_period
        if period is not None:
            self.period_label.setText(
                _("Follow-up since {date}").format(date=format_date(period.registration_date))
            )
        elif record.periods:
            self.period_label.setText(_("No open follow-up period"))
        else:
            self.period_label.setText(_("No follow-up period yet"))
        if record.protected:
            self.sperre_label.setText(
                _("ADDRESS PROTECTION: {kind}. The address is not shown.").format(
                    kind=record.adressesperre.label.lower()
                )
            )
            self.sperre_label.setAccessibleName(self.sperre_label.text())
        self.sperre_label.setVisible(record.protected)
        self.set_book(record, book)

    def set_book(self, record: YouthRecord, book: Any) -> None:
        """The next open deadline from the office's deadline book (None while it is being computed)."""
        label = self.values["deadline"]
        if book is None:
            label.setText(_("The deadlines are being calculated …"))
            theme.style(label, "color: {muted};")
            return
        deadline = book.next_open(record.id)
        if deadline is None:
            label.setText(_("No open deadline."))
            label.setStyleSheet("")
            return
        text = f"{format_date(deadline.due)} – {rule_name(deadline.rule)}"
        if deadline.overdue(book.today):
            text = _("{deadline} (overdue)").format(deadline=text)
        label.setText(text)
        theme.style(label, "color: {warn}; font-weight: bold;" if deadline.overdue(book.today) else "")
