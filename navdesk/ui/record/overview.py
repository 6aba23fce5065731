"""Oversikt: personal data, job wishes and barriers, strengths and dreams, the follow-up periods with
their history (innsats decisions, benefits, outcome), school status and the counsellor history.

Read-only text is rich text built from plain data (every user value escaped); the actions are buttons
whose signals the record window handles.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from navdesk.domain.enums import Barrier, ContactChannel, Intensity, Malform
from navdesk.domain.text import format_date, iso_week
from navdesk.i18n import _
from navdesk.services.record import PeriodInfo, YouthRecord
from navdesk.ui import theme

_CAPTION = "color:{muted}; padding-right:14px; white-space:nowrap;"


def esc(value: object) -> str:
    return html.escape(str(value)).replace("\n", "<br>")


def table(rows: Iterable[tuple[str, str]]) -> str:
    """Caption/value rows; values are already escaped HTML."""
    body = "".join(
        f"<tr><td style='{theme.css(_CAPTION)}' valign='top'>{esc(caption)}</td><td valign='top'>{value}</td></tr>"
        for caption, value in rows
    )
    return f"<table cellspacing='0' cellpadding='2'>{body}</table>"


def _or_dash(text: str) -> str:
    return esc(text) if text and text.strip() else theme.css("<span style='color:{faint}'>–</span>")


def _yes_no(flag: bool) -> str:
    return esc(_("Yes") if flag else _("No"))


def intensity_text(intensity: Intensity, days: dict[str, int]) -> str:
    n = days.get(intensity.value)
    if not n:
        return intensity.label
    return _("{intensity} – contact at least every {n} days").format(intensity=intensity.label, n=n)


def _phone(text: str) -> str:
    """A Norwegian number grouped as people read it aloud; anything else as it was written."""
    from navdesk.errors import InvalidInput
    from navdesk.services.record import parse_phone

    try:
        return parse_phone(text) if text else ""
    except InvalidInput:
        return text


def assignment_span(start: date, end: date | None) -> str:
    """ "from 02.11.2026" while it lasts, "02.11.2026–20.11.2026" when it has ended."""
    if end is None:
        return _("from {date}").format(date=format_date(start))
    return f"{format_date(start)}–{format_date(end)}"


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


def _text_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    return label


def _section(title: str, *parts: QWidget, buttons: Iterable[QPushButton] = ()) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for part in parts:
        layout.addWidget(part)
    row = QHBoxLayout()
    any_button = False
    for button in buttons:
        row.addWidget(button)
        any_button = True
    if any_button:
        row.addStretch(1)
        layout.addLayout(row)
    return box


def period_html(period: PeriodInfo, days: dict[str, int]) -> str:
    """One follow-up period: registration, situation, route, intensity, decisions, benefits, outcome."""
    rows = [
        (_("Registration date"), esc(_("{date} (week {week})").format(
            date=format_date(period.registration_date), week=iso_week(period.registration_date)))),
        (_("Situation at registration"), esc(period.situation.label)),
        (_("Contact route"), esc(period.contact_route.label)),
    ]  # fmt: skip
    if period.reason:
        rows.append((_("Reason for contact"), esc(period.reason)))
    rows.append((_("Follow-up intensity"), esc(intensity_text(period.intensity, days))))
    rows.append((_("Duty to take part in activity"), _yes_no(period.aktivitetsplikt)))
    if period.decisions:
        lines = []
        for d in period.decisions:
            text = f"{format_date(d.decided_on)}: {d.innsatsgruppe.label}"
            if d.hovedmal is not None:
                text += " – " + _("main goal: {goal}").format(goal=d.hovedmal.label.lower())
            lines.append(esc(text))
        rows.append((_("§ 14 a decisions"), "<br>".join(lines)))
    else:
        rows.append((_("§ 14 a decisions"), esc(_("None recorded"))))
    if period.benefits:
        lines = [
            esc(f"{b.ytelse}: {format_date(b.start_date)}–{format_date(b.end_date)}") for b in period.benefits
        ]
        rows.append((_("Benefits"), "<br>".join(lines)))
    if period.closed_on is not None:
        rows.append((_("Closed on"), esc(format_date(period.closed_on))))
        rows.append((_("Outcome"), _or_dash(period.outcome)))
        if period.outcome_note:
            rows.append((_("Reason for closing"), esc(period.outcome_note)))
    return table(rows)


class OverviewTab(QWidget):
    """``set_record`` fills it; the buttons' signals ask the record window to act."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person_label = _text_label()
        self.person_label.setAccessibleName(_("Personal data"))
        self.wishes_label = _text_label()
        self.wishes_label.setAccessibleName(_("Job wishes, barriers, strengths and dreams"))
        self.period_label = _text_label()
        self.period_label.setAccessibleName(_("Current follow-up period"))
        self.earlier_label = _text_label()
        self.earlier_label.setAccessibleName(_("Earlier follow-up periods"))
        self.school_label = _text_label()
        self.school_label.setAccessibleName(_("School status"))
        self.veileder_label = _text_label()
        self.veileder_label.setAccessibleName(_("Counsellor history"))
        self.clubs_label = _text_label()
        self.clubs_label.setAccessibleName(_("Groups, attendance and recommendation"))

        self.start_button = _button(_("Start follow-up period …"), _("Start a follow-up period"))
        self.edit_period_button = _button(_("Edit period …"), _("Edit the follow-up period"))
        self.innsats_button = _button(_("New § 14 a decision …"), _("Record a § 14 a decision"))
        self.benefit_button = _button(_("Add benefit …"), _("Add a benefit period"))
        self.close_button = _button(_("Close period …"), _("Close the follow-up period"))
        self.reopen_button = _button(
            _("Reopen (new period today)"), _("Reopen: a new follow-up period from today")
        )
        self.reopen_button.setToolTip(
            _("Starts a new follow-up period today, with a new 8-week deadline. The contact route and intensity are carried over.")
        )  # fmt: skip
        self.school_button = _button(_("New school status …"), _("Record a new school status"))
        self.veileder_button = _button(_("Change counsellor …"), _("Change counsellor, with a handover note"))

        person = _section(_("Personal data"), self.person_label)
        wishes = _section(_("Job wishes, barriers, strengths and dreams"), self.wishes_label)
        self.period_box = _section(
            _("Follow-up period"), self.period_label,
            buttons=(self.start_button, self.edit_period_button, self.innsats_button, self.benefit_button,
                     self.close_button, self.reopen_button),
        )  # fmt: skip
        self.earlier_box = _section(_("Earlier follow-up periods"), self.earlier_label)
        school = _section(_("School status"), self.school_label, buttons=(self.school_button,))
        veileder = _section(_("Counsellor"), self.veileder_label, buttons=(self.veileder_button,))
        self.clubs_box = _section(_("Groups (job club and courses)"), self.clubs_label)

        left = QVBoxLayout()
        left.addWidget(person)
        left.addWidget(wishes)
        left.addWidget(school)
        left.addWidget(self.clubs_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.period_box)
        right.addWidget(veileder)
        right.addWidget(self.earlier_box)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        inner = QWidget()
        inner.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # With large text the content may be wider than the window: it scrolls sideways, it is not cut.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    def set_record(self, record: YouthRecord) -> None:
        self.person_label.setText(self._person(record))
        self.wishes_label.setText(self._wishes(record))
        current = record.open_period
        self.period_box.setTitle(_("Follow-up period (open)") if current else _("Follow-up period"))
        if current is not None:
            self.period_label.setText(period_html(current, record.intensity_days))
        elif record.periods:
            self.period_label.setText(
                esc(
                    _(
                        "No open follow-up period. Reopen to start a new one today, with a new 8-week deadline."
                    )
                )
            )
        else:
            self.period_label.setText(esc(_("The youth has no follow-up period yet.")))
        has_open = current is not None
        self.start_button.setVisible(not record.periods)
        for button in (self.edit_period_button, self.innsats_button, self.benefit_button, self.close_button):
            button.setVisible(has_open)
        self.reopen_button.setVisible(bool(record.periods) and not has_open)
        earlier = [p for p in record.periods if not p.is_open]
        self.earlier_box.setVisible(bool(earlier))
        self.earlier_label.setText(
            "<hr>".join(
                "<b>{span}</b>{body}".format(
                    span=esc(f"{format_date(p.registration_date)}–{format_date(p.closed_on)}"),
                    body=period_html(p, record.intensity_days),
                )
                for p in earlier
            )
        )
        self.school_label.setText(self._school(record))
        self.veileder_label.setText(self._veileder(record))
        self.clubs_box.setVisible(bool(record.clubs))
        self.clubs_label.setText(self._clubs(record))

    # -- text --------------------------------------------------------------------------------------
    def _person(self, r: YouthRecord) -> str:
        v = r.values
        malform = v.get("malform")
        channel = v.get("preferred_channel")
        phone = _or_dash(_phone(v.get("phone") or ""))
        if v.get("cannot_phone"):
            phone += theme.css(" <b style='color:{warn}'>") + esc(_("(cannot be phoned)")) + "</b>"
        rows = [
            (_("Name"), esc(r.name)),
            (_("Birth date"), esc(format_date(r.birth_date))),
            (_("Fødselsnummer"), esc(_("Stored")) if v.get("fodselsnummer") else esc(_("Not stored"))),
            (_("Written standard"), esc(Malform(malform).label) if malform else _or_dash("")),
            (_("Phone"), phone),
            (_("E-mail"), _or_dash(v.get("email") or "")),
            (_("Preferred channel"), esc(ContactChannel(channel).label) if channel else _or_dash("")),
        ]
        if v.get("preferred_name"):
            rows.insert(
                1,
                (
                    _("Full name"),
                    esc("{first} {last}".format(first=v.get("first_name"), last=v.get("last_name"))),
                ),
            )
        if r.protected:
            hidden = theme.css("<b style='color:{warn}'>") + esc(_("Not shown (address protection)")) + "</b>"
            rows.append((_("Address"), hidden))
        else:
            place = " ".join(p for p in (v.get("postal_code") or "", v.get("municipality") or "") if p)
            address = ", ".join(p for p in (v.get("address") or "", place) if p)
            rows.append((_("Address"), _or_dash(address)))
        rows += [
            (_("Household"), _or_dash(v.get("household") or "")),
            (_("Own children"), esc(v.get("own_children") or 0)),
            (_("Group activities"), esc(_("Does not want group activities")) if v.get("no_group_activities")
             else esc(_("Can take part"))),
        ]  # fmt: skip
        return table(rows)

    def _wishes(self, r: YouthRecord) -> str:
        v = r.values
        chosen = set(v.get("barriers") or [])
        marks = []
        for barrier in Barrier:
            if barrier.value in chosen:
                marks.append("<b>☑&nbsp;" + esc(barrier.label) + "</b>")
            else:
                marks.append(
                    theme.css("<span style='color:{faint}'>☐&nbsp;") + esc(barrier.label) + "</span>"
                )
        barriers = "&nbsp;&nbsp; ".join(marks)
        if v.get("barrier_notes"):
            barriers += "<br>" + esc(v["barrier_notes"])
        return table(
            [
                (_("Job wishes"), _or_dash(v.get("job_wishes") or "")),
                (_("Work experience"), _or_dash(v.get("work_experience") or "")),
                (_("Practical barriers"), barriers),
                (_("Strengths"), _or_dash(v.get("strengths") or "")),
                (_("Dreams"), _or_dash(v.get("dreams") or "")),
            ]
        )

    def _school(self, r: YouthRecord) -> str:
        if not r.school:
            return esc(_("No school status recorded."))
        lines = []
        for s in r.school:
            text = _("{date}: {status} (right to upper secondary: {right})").format(
                date=format_date(s.from_date), status=s.status.label, right=s.ungdomsrett.label.lower()
            )
            if s.school:
                text += " – " + s.school
            lines.append(esc(text))
        lines[0] = "<b>" + lines[0] + "</b>"
        return "<br>".join(lines)

    def _clubs(self, r: YouthRecord) -> str:
        """Each group: status and dates, attendance, a flag after absences in a row, the recommendation."""
        parts = []
        for c in r.clubs:
            since = _(" from {date}").format(date=format_date(c.start_date)) if c.start_date else ""
            until = _(" until {date}").format(date=format_date(c.left_on)) if c.left_on else ""
            lines = ["<b>" + esc(c.club) + "</b> – " + esc(c.status_label + since + until)]
            t = c.totals
            if t.marked:
                lines.append(esc(_("Attended {attended} of {marked} samlinger ({rate} %)").format(
                    attended=t.attended, marked=t.marked, rate=round(100 * (t.rate or 0)))))  # fmt: skip
            if c.flagged:
                lines.append(
                    theme.css("<b style='color:{warn}'>⚑ ")
                    + esc(_("Did not show up several times in a row"))
                    + "</b>"
                )
            if c.recommendation:
                lines.append(esc(_("Recommendation: {what}").format(what=c.recommendation_label)))
            if c.observation:
                lines.append("<i>" + esc(c.observation) + "</i>")
            parts.append("<br>".join(lines))
        return "<hr>".join(parts)

    def _veileder(self, r: YouthRecord) -> str:
        now = (
            esc(f"{r.veileder_initials} – {r.veileder_name}")
            if r.veileder_initials
            else esc(_("None (unassigned)"))
        )
        parts = [esc(_("Now: {who}")).format(who="<b>" + now + "</b>")]
        for a in r.assignments:
            span = assignment_span(a.from_date, a.to_date)
            line = esc(f"{span}: {a.initials} – {a.name}")
            if a.handover_note:
                line += "<br><i>" + esc(_("Handover note: {note}").format(note=a.handover_note)) + "</i>"
            parts.append(line)
        if not r.assignments:
            parts.append(
                theme.css("<span style='color:{faint}'>")
                + esc(_("No changes of counsellor recorded."))
                + "</span>"
            )
        return "<br>".join(parts)
