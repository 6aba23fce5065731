"""The printed aktivitetsplan: an A4 PDF for the youth to take home (ReportLab platypus, no Qt).

Written for the youth, in their målform unless a language is chosen: the dream and the goal, the
near-term goals, the activities grouped "Dette gjør jeg nå / Planlagt / Forslag / Fullført /
Avbrutt" with who does what by when, the next meeting and the review date. A large-type option for
youths with reading difficulties. The same page furniture as the møtereferat (confidentiality
footer, who printed it and when, "side X av Y"); DejaVu fonts embedded so æøå and Sami letters
print; user text escaped; the same bytes for the same input. The youth's address is never part of
the data, so a youth with adressesperre can take the plan home safely.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Table

from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.documents.layout import (
    HEAD,
    INK,
    MUTED,
    WIDTH,
    Furniture,
    build_pdf,
    furniture,
    label,
    markup,
    table,
    weekdays,
)
from navdesk.domain.enums import ActivityStatus
from navdesk.domain.text import format_date
from navdesk.i18n import translation

if TYPE_CHECKING:
    from gettext import NullTranslations

    from navdesk.services.plan_view import ActivityView, PlanView


@dataclass(frozen=True)
class PlanOptions:
    lang: str | None = None  # None: the youth's målform
    large: bool = False
    printed_by: str = ""
    printed_on: date = field(default_factory=date.today)


def plan_language(plan: PlanView, options: PlanOptions) -> str:
    return options.lang or ("nn" if plan.malform == "nn" else "nb")


def render_plan(plan: PlanView, options: PlanOptions | None = None) -> bytes:
    """The plan as PDF bytes (the same bytes for the same plan and options)."""
    options = options or PlanOptions()
    register_fonts()
    lang = plan_language(plan, options)
    writer = _PlanWriter(plan, options, lang, translation(lang))
    return build_pdf(writer.story(), writer.furniture(), title=writer.title(), subject=writer.title(),
                     author=plan.office, lang=lang)  # fmt: skip


# the groups in the order the youth reads them: what I do now first
GROUPS = (
    ActivityStatus.GJENNOMFORER,
    ActivityStatus.PLANLEGGER,
    ActivityStatus.FORSLAG,
    ActivityStatus.FULLFORT,
    ActivityStatus.AVBRUTT,
)


class _PlanWriter:
    def __init__(self, plan: PlanView, options: PlanOptions, lang: str, tr: NullTranslations) -> None:
        self.plan, self.options, self.lang, self.tr = plan, options, lang, tr
        body, lead = (14.0, 19.5) if options.large else (11.0, 15.0)
        base = ParagraphStyle(
            "body", fontName=FAMILY, fontSize=body, leading=lead, textColor=INK, spaceAfter=3
        )
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=body - 1.5, leading=lead - 2.5, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=body - 0.5, leading=lead - 1, spaceAfter=0)
        self.cell_head = ParagraphStyle("cellhead", self.cell, fontName=BOLD)
        self.title_style = ParagraphStyle("title", base, fontName=BOLD, fontSize=body + 9, leading=body + 13,
                                          textColor=HEAD, spaceAfter=2)  # fmt: skip
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=body + 1, leading=lead + 2, textColor=HEAD,
                                       spaceAfter=6)  # fmt: skip
        self.heading = ParagraphStyle("heading", base, fontName=BOLD, fontSize=body + 2.5, leading=lead + 3,
                                      textColor=HEAD, spaceBefore=10, spaceAfter=3, keepWithNext=1)  # fmt: skip
        self.bullet = ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=3, bulletFontName=FAMILY,
                                     spaceAfter=3)  # fmt: skip

    def gettext(self, text: str) -> str:
        return self.tr.gettext(text)

    def title(self) -> str:
        _ = self.gettext
        return _("Activity plan – {name}").format(name=self.plan.youth_name)

    def furniture(self) -> Furniture:
        return furniture(self.tr, office=self.plan.office, title=self.title(), printed_by=self.options.printed_by,
                         printed_on=self.options.printed_on)  # fmt: skip

    def section(self, heading: str, items: list[Any]) -> list[Any]:
        return [Paragraph(markup(heading), self.heading), *items] if items else []

    def text(self, text: str) -> list[Any]:
        lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
        return [Paragraph(markup(line), self.body) for line in lines if line.strip()]

    def story(self) -> list[Any]:
        _ = self.gettext
        plan = self.plan
        story: list[Any] = [Paragraph(markup(_("My activity plan")), self.title_style)]
        who = plan.youth_name
        if plan.veileder:
            who = _("{name}, counsellor {counsellor}").format(name=plan.youth_name, counsellor=plan.veileder)
        story.append(Paragraph(markup(who), self.subtitle))
        if plan.plan_id is None and not plan.activities:
            story.append(self.paragraph(_("No plan has been made yet.")))
            return story
        story += self.section(_("My dream"), self.text(plan.dream))
        goal: list[Any] = []
        if plan.goal_category is not None:
            goal.append(Paragraph(f"<b>{markup(label(self.tr, plan.goal_category))}</b>", self.body))
        goal += self.text(plan.own_goal)
        story += self.section(_("My goal"), goal)
        story += self.section(_("On the way there"), [self.goal_line(g) for g in plan.goals])
        headings = {
            ActivityStatus.GJENNOMFORER: _("What I am doing now"),
            ActivityStatus.PLANLEGGER: _("Planned"),
            ActivityStatus.FORSLAG: _("Proposals"),
            ActivityStatus.FULLFORT: _("Completed"),
            ActivityStatus.AVBRUTT: _("Cancelled"),
        }
        for status in GROUPS:
            acts = plan.by_status(status)
            if acts:
                story += self.section(headings[status], [self.activity_table(acts, status)])
        if not plan.activities:
            story += self.section(_("Activities"), [self.paragraph(_("No activities yet."))])
        if plan.next_meeting is not None:
            nxt = plan.next_meeting
            when = f"{weekdays(self.lang)[nxt.starts_at.weekday()]} {format_date(nxt.starts_at.date())}"
            text = _("{date} at {time}").format(date=when, time=f"{nxt.starts_at:%H:%M}")
            if nxt.place:
                text += f", {nxt.place}"
            story += self.section(_("Next meeting"), [self.paragraph(text)])
        if plan.review_date is not None:
            story += self.section(
                _("We look at the plan again"), [self.paragraph(format_date(plan.review_date))]
            )
        return story

    def paragraph(self, text: str) -> Paragraph:
        return Paragraph(markup(text), self.body)

    def goal_line(self, goal: Any) -> Paragraph:
        _ = self.gettext
        text = markup(goal.text)
        if goal.achieved_on:
            text += " – " + markup(_("achieved {date}").format(date=format_date(goal.achieved_on)))
        elif goal.due_date:
            text += " – " + markup(_("by {date}").format(date=format_date(goal.due_date)))
        return Paragraph(text, self.bullet, bulletText="✓" if goal.achieved_on else "•")

    def who(self, activity: ActivityView) -> str:
        _ = self.gettext
        if activity.responsible.value == "ungdommen":
            return _("Me")
        return label(self.tr, activity.responsible)

    def when(self, activity: ActivityView) -> str:
        _ = self.gettext
        a = activity
        if a.from_date and a.to_date and a.from_date == a.to_date:
            return format_date(a.from_date)
        if a.from_date and a.to_date:
            return _("{start} to {end}").format(start=format_date(a.from_date), end=format_date(a.to_date))
        if a.to_date:
            return _("by {date}").format(date=format_date(a.to_date))
        if a.from_date:
            return _("from {date}").format(date=format_date(a.from_date))
        return ""

    def activity_table(self, acts: list[ActivityView], status: ActivityStatus) -> Table:
        _ = self.gettext
        rows: list[list[Any]] = [
            [Paragraph(markup(h), self.cell_head) for h in (_("What"), _("Who"), _("When"))]
        ]
        for a in acts:
            what = f"<b>{markup(a.title)}</b><br/>{markup(label(self.tr, a.type))}"
            extra = self.extra(a)
            if extra:
                what += f"<br/>{markup(extra)}"
            if a.notes.strip():
                what += f"<br/>{markup(a.notes.strip())}"
            if status is ActivityStatus.AVBRUTT and a.status_reason:
                what += "<br/>" + markup(_("Why: {reason}").format(reason=a.status_reason))
            when = markup(self.when(a))
            if a.overdue:
                when += "<br/><b>" + markup(_("the date has passed")) + "</b>"
            rows.append(
                [
                    Paragraph(what, self.cell),
                    Paragraph(markup(self.who(a)), self.cell),
                    Paragraph(when, self.cell),
                ]
            )
        shares = (
            (0.40, 0.31, 0.29) if self.options.large else (0.47, 0.26, 0.27)
        )  # «Samarbeidspartner» on one line
        return table(rows, [WIDTH * share for share in shares])

    def extra(self, a: ActivityView) -> str:
        """The type's own facts, in the print's language."""
        _ = self.gettext
        from navdesk.domain.enums import ApplicationStatus

        parts: list[str] = []
        if a.applications_per_week:
            parts.append(_("{n} applications a week").format(n=a.applications_per_week))
        if a.application_status:
            parts.append(label(self.tr, ApplicationStatus(a.application_status)))
        tiltak = (a.tiltak_nn or a.tiltak_nb) if self.lang == "nn" else a.tiltak_nb
        for name in (tiltak or a.tiltak, a.employer, a.club):
            if name:
                parts.append(name)
        return " · ".join(parts)


__all__ = ["GROUPS", "PlanOptions", "plan_language", "render_plan"]
