"""The group printouts (ReportLab, no Qt), in the page style of :mod:`navdesk.documents.layout`:

* the session plan: the group's facts and every samling with its topic and guest employer;
* the sign-in sheet of one samling: the participants and a column to sign in, with a "first names
  only" option since everyone in the group sees the sheet;
* the attendance summary: per participant every samling with the attendance, totals and rate, to
  document the aktivitetsplikt (one participant per page when several).

Only names, dates of birth (attendance summary), statuses and attendance are printed: no address,
no fødselsnummer, and the facilitators' observation notes stay out of every printout.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from navdesk.documents import layout
from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.documents.layout import HEAD, INK, MUTED, WIDTH, label, markup, time_span, weekdays
from navdesk.domain.enums import Attendance, ClubKind, EnrolmentStatus, LeaveReason
from navdesk.domain.text import collation_key, format_date
from navdesk.i18n import language, translation

if TYPE_CHECKING:
    from gettext import NullTranslations

    from navdesk.services.clubs import ClubDetail, ParticipantRow, SessionRow


@dataclass(frozen=True)
class PrintOptions:
    lang: str | None = None  # None: the language in use
    printed_by: str = ""
    printed_on: date = field(default_factory=date.today)
    first_names_only: bool = False  # sign-in sheet


class _Writer:
    def __init__(self, detail: ClubDetail, office: str, options: PrintOptions) -> None:
        register_fonts()
        self.d, self.office, self.options = detail, office, options
        self.lang = options.lang or language()
        self.tr: NullTranslations = translation(self.lang)
        base = ParagraphStyle("body", fontName=FAMILY, fontSize=10, leading=13.6, textColor=INK, spaceAfter=3)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=9.2, leading=12.2, spaceAfter=0)
        self.cell_head = ParagraphStyle("cellhead", self.cell, fontName=BOLD)
        self.title_style = ParagraphStyle("title", base, fontName=BOLD, fontSize=19, leading=23, textColor=HEAD,
                                          spaceAfter=2)  # fmt: skip
        self.subtitle = ParagraphStyle(
            "subtitle", base, fontSize=12, leading=16.6, textColor=HEAD, spaceAfter=8
        )
        self.heading = ParagraphStyle("heading", base, fontName=BOLD, fontSize=12.5, leading=16.6, textColor=HEAD,
                                      spaceBefore=9, spaceAfter=3, keepWithNext=1)  # fmt: skip

    def _(self, msgid: str) -> str:
        return self.tr.gettext(msgid)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text), style or self.cell)

    def day(self, s: SessionRow) -> str:
        return f"{weekdays(self.lang)[s.starts_at.weekday()]} {format_date(s.day)}"

    def build(self, story: list[Any], title: str) -> bytes:
        furniture = layout.furniture(self.tr, office=self.office, title=f"{self.d.club.name} – {title}",
                                     printed_by=self.options.printed_by, printed_on=self.options.printed_on)  # fmt: skip
        return layout.build_pdf(story, furniture, title=f"{title} – {self.d.club.name}",
                                subject=label(self.tr, ClubKind(self.d.club.kind)), author=self.office, lang=self.lang)  # fmt: skip

    def facts(self) -> list[Any]:
        _ = self._
        c = self.d.club
        period = ""
        if c.start_date or c.end_date:
            period = f"{format_date(c.start_date)} – {format_date(c.end_date)}"
        rows = [(_("Kind"), label(self.tr, ClubKind(c.kind))), (_("Period"), period), (_("Place"), c.place),
                (_("Organiser"), c.organiser), (_("Facilitators"), c.facilitators),
                (_("Target group"), c.target_group)]  # fmt: skip
        cells = [[self.p(k, self.cell_head), self.p(v)] for k, v in rows if v and v.strip()]
        return [layout.table(cells, [38 * mm, WIDTH - 38 * mm], header=False)] if cells else []

    # ---- the session plan

    def session_plan(self) -> bytes:
        _ = self._
        title = _("Session plan")
        story: list[Any] = [
            self.p(title, self.title_style),
            self.p(self.d.club.name, self.subtitle),
            *self.facts(),
        ]
        rows: list[list[Any]] = [[self.p(h, self.cell_head) for h in
                                  ("#", _("Day"), _("Time"), _("Topic"), _("Guest employer"))]]  # fmt: skip
        extra: list[tuple[Any, ...]] = []
        for s in self.d.sessions:
            topic = s.topic or "–"
            if s.note:
                topic = f"{topic}\n{s.note}"
            if s.cancelled:
                topic = _("Cancelled") + (f": {s.note}" if s.note else "")
                extra.append(("TEXTCOLOR", (0, len(rows)), (-1, len(rows)), MUTED))
            rows.append([self.p(str(s.number) if s.number else "–"), self.p(self.day(s)),
                         self.p(time_span(s.starts_at, s.duration_min)), self.p(topic), self.p(s.guest or "")])  # fmt: skip
        story.append(Paragraph(markup(_("Samlinger")), self.heading))
        if len(rows) == 1:
            story.append(self.p(_("No samlinger are planned yet."), self.body))
        else:
            widths = [9 * mm, 38 * mm, 25 * mm, WIDTH - 9 * mm - 38 * mm - 25 * mm - 40 * mm, 40 * mm]
            story.append(layout.table(rows, widths, extra=extra))
        return self.build(story, title)

    # ---- the sign-in sheet

    def names(self, people: list[ParticipantRow]) -> list[str]:
        if not self.options.first_names_only:
            return [p.name for p in people]
        counts = Counter(p.first_name for p in people)
        return [
            p.first_name if counts[p.first_name] == 1 else f"{p.first_name} {p.last_name[:1]}."
            for p in people
        ]

    def sign_in(self, session_id: Any) -> bytes:
        _ = self._
        s = next((x for x in self.d.sessions if x.id == session_id), None)
        if s is None:
            raise ValueError("the samling is not in this group")
        title = _("Sign-in sheet")
        when = f"{self.day(s)} {time_span(s.starts_at, s.duration_min)}"
        story: list[Any] = [self.p(title, self.title_style), self.p(self.d.club.name, self.subtitle),
                            self.p(when + (f" · {s.topic}" if s.topic else ""), self.body)]  # fmt: skip
        if self.d.club.place:
            story.append(self.p(_("Place: {place}").format(place=self.d.club.place), self.body))
        people = sorted(
            self.d.active(), key=lambda p: (collation_key(p.first_name), collation_key(p.last_name))
        )
        if not self.options.first_names_only:
            people.sort(key=lambda p: (collation_key(p.last_name), collation_key(p.first_name)))
        story.append(Spacer(1, 4 * mm))
        rows: list[list[Any]] = [[self.p("#", self.cell_head), self.p(_("Name"), self.cell_head),
                                  self.p(_("Signature"), self.cell_head)]]  # fmt: skip
        for n, name in enumerate(self.names(people), start=1):
            rows.append([self.p(str(n)), self.p(name), ""])
        for _blank in range(3):  # room for someone who came without being on the list
            rows.append([self.p(str(len(rows))), "", ""])
        heights = [None] + [11 * mm] * (len(rows) - 1)  # room to sign
        story.append(layout.table(rows, [10 * mm, 75 * mm, WIDTH - 85 * mm], heights=heights,
                                  extra=[("VALIGN", (0, 1), (-1, -1), "MIDDLE")]))  # fmt: skip
        if s.guest:
            story += [Spacer(1, 4 * mm), self.p(_("Guest employer: {name}").format(name=s.guest), self.body)]
        return self.build(story, title)

    # ---- the attendance summary

    def attendance(self, enrolment_ids: list[Any] | None = None) -> bytes:
        _ = self._
        title = _("Attendance summary")
        people = [p for p in self.d.participants if enrolment_ids is None or p.enrolment_id in enrolment_ids]
        held = [s for s in self.d.sessions if not s.cancelled]
        story: list[Any] = []
        for i, person in enumerate(people):
            if i:
                story.append(PageBreak())
            story += [self.p(title, self.title_style), self.p(self.d.club.name, self.subtitle)]
            status = label(self.tr, EnrolmentStatus(person.status))
            if person.leave_reason:
                status += f" ({label(self.tr, LeaveReason(person.leave_reason)).lower()})"
            facts = [(_("Participant"), person.name), (_("Date of birth"), format_date(person.birth_date)),
                     (_("Kind"), label(self.tr, ClubKind(self.d.club.kind))), (_("Status"), status),
                     (_("Started"), format_date(person.start_date)),
                     (_("Ended"), format_date(person.left_on))]  # fmt: skip
            cells = [[self.p(k, self.cell_head), self.p(v)] for k, v in facts if v]
            story.append(layout.table(cells, [38 * mm, WIDTH - 38 * mm], header=False))
            rows: list[list[Any]] = [[self.p(h, self.cell_head) for h in
                                      ("#", _("Day"), _("Topic"), _("Attendance"))]]  # fmt: skip
            for s in held:
                if person.start_date and s.day < person.start_date:
                    continue
                if (person.left_on and s.day > person.left_on) or s.day > self.options.printed_on:
                    continue  # after the participant left, or not yet held
                mark = self.d.marks.get((s.id, person.enrolment_id))
                value = label(self.tr, Attendance(mark)) if mark else "–"
                rows.append(
                    [self.p(str(s.number)), self.p(self.day(s)), self.p(s.topic or "–"), self.p(value)]
                )
            story.append(Paragraph(markup(_("Samlinger")), self.heading))
            story.append(layout.table(rows, [9 * mm, 40 * mm, WIDTH - 9 * mm - 40 * mm - 40 * mm, 40 * mm]))
            t = person.totals
            totals = ", ".join(f"{label(self.tr, a)}: {t.get(a)}" for a in Attendance)
            rate = (
                _("Attendance rate: {rate} %").format(rate=round(100 * t.rate)) if t.rate is not None else ""
            )
            story += [Spacer(1, 3 * mm), self.p(totals, self.body)]
            if rate:
                story.append(self.p(rate, self.body))
            story.append(self.p(_("Present and came late count as attended; samlinger without a mark are not "
                                  "counted."), self.small))  # fmt: skip
        if not people:
            story = [self.p(title, self.title_style), self.p(self.d.club.name, self.subtitle),
                     self.p(_("The group has no participants."), self.body)]  # fmt: skip
        return self.build(story, title)


def render_session_plan(detail: ClubDetail, office: str, options: PrintOptions | None = None) -> bytes:
    return _Writer(detail, office, options or PrintOptions()).session_plan()


def render_sign_in(
    detail: ClubDetail, session_id: Any, office: str, options: PrintOptions | None = None
) -> bytes:
    return _Writer(detail, office, options or PrintOptions()).sign_in(session_id)


def render_attendance(
    detail: ClubDetail,
    office: str,
    options: PrintOptions | None = None,
    enrolment_ids: list[Any] | None = None,
) -> bytes:
    return _Writer(detail, office, options or PrintOptions()).attendance(enrolment_ids)


__all__ = ["PrintOptions", "render_attendance", "render_session_plan", "render_sign_in"]
