"""The innsyn as an A4 PDF for the youth: everything NavDesk holds about them and who has read or
changed it, in their målform unless a language is chosen (ReportLab, no Qt).

Written to be read by the youth: a short introduction, then each part of the record as labelled
tables (only the fields that hold something, except the personal data, where an empty field says "–"),
and at the end the access log (when, who, what). The page furniture of every NavDesk printout
(confidentiality footer, who made it and when, "side X av Y"); user text escaped; the same bytes for
the same input. A protected address is never part of it (:mod:`navdesk.services.innsyn`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.documents.layout import HEAD, INK, MUTED, WIDTH, build_pdf, furniture, label, markup, table
from navdesk.domain import enums
from navdesk.domain.text import OSLO, format_date
from navdesk.i18n import N_, translation

if TYPE_CHECKING:
    from gettext import NullTranslations

    from navdesk.services.innsyn import InnsynData

ACTIONS = {
    "read": N_("opened the record"),
    "create": N_("registered"),
    "update": N_("changed"),
    "delete": N_("deleted"),
    "print": N_("printed"),
    "export": N_("exported"),
    "share_without_consent": N_("shared without a valid consent (reason given)"),
}
ENTITIES = {
    "youth": N_("personal data"),
    "follow_up_period": N_("follow-up period"),
    "innsats_decision": N_("§ 14 a decision"),
    "benefit_period": N_("benefit"),
    "status_snapshot": N_("status"),
    "plan": N_("activity plan"),
    "plan_goal": N_("goal"),
    "activity": N_("activity"),
    "contact": N_("contact"),
    "meeting": N_("meeting"),
    "meeting_participant": N_("meeting participant"),
    "meeting_action": N_("agreed action"),
    "club_enrolment": N_("group"),
    "attendance": N_("attendance"),
    "involvement": N_("partner"),
    "consent": N_("a consent"),
    "consent_partner": N_("a consent"),
    "plan_revision": N_("plan version"),
    "journal_mark": N_("recorded in NAV's systems"),
    "ot_list_action": N_("list washing with OT"),
    "placement": N_("work training"),
    "school_status": N_("school"),
    "veileder_assignment": N_("counsellor"),
    "task": N_("huskelapp"),
    "deadline_decision": N_("deadline"),
    "innsyn": N_("innsyn"),
}


@dataclass(frozen=True)
class InnsynOptions:
    lang: str | None = None  # None: the youth's målform
    made_by: str = ""
    made_on: date = field(default_factory=date.today)


def innsyn_language(data: InnsynData, options: InnsynOptions) -> str:
    return options.lang or ("nn" if data.malform == "nn" else "nb")


def render_innsyn(data: InnsynData, options: InnsynOptions | None = None) -> bytes:
    """The innsyn as PDF bytes (the same bytes for the same data and options)."""
    options = options or InnsynOptions()
    register_fonts()
    lang = innsyn_language(data, options)
    writer = _Writer(data, options, lang, translation(lang))
    title = writer.title()
    page = furniture(writer.tr, office=data.office, title=title, printed_by=options.made_by,
                     printed_on=options.made_on)  # fmt: skip
    return build_pdf(writer.story(), page, title=title, subject=title, author=data.office, lang=lang)


class _Writer:
    def __init__(self, data: InnsynData, options: InnsynOptions, lang: str, tr: NullTranslations) -> None:
        self.data, self.options, self.lang, self.tr = data, options, lang, tr
        base = ParagraphStyle("body", fontName=FAMILY, fontSize=10, leading=13.5, textColor=INK, spaceAfter=3)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=9, leading=11.5, spaceAfter=0)
        self.cell_head = ParagraphStyle("cellhead", self.cell, fontName=BOLD)
        self.title_style = ParagraphStyle("title", base, fontName=BOLD, fontSize=18, leading=22, textColor=HEAD,
                                          spaceAfter=4)  # fmt: skip
        self.heading = ParagraphStyle("heading", base, fontName=BOLD, fontSize=12.5, leading=16, textColor=HEAD,
                                      spaceBefore=10, spaceAfter=4, keepWithNext=1)  # fmt: skip

    def gettext(self, text: str) -> str:
        return self.tr.gettext(text)

    def title(self) -> str:
        return self.gettext("Innsyn – {name}").format(name=self.data.name)

    def story(self) -> list[Any]:
        _ = self.gettext
        data = self.data
        story: list[Any] = [
            Paragraph(markup(_("Everything NavDesk holds about you")), self.title_style),
            Paragraph(markup(data.name), self.heading),
            Paragraph(markup(_(
                "This is everything {office} has stored about you in NavDesk on {date}, and who has read or "
                "changed it. NavDesk is your counsellor's working tool; NAV's own systems (such as Modia and "
                "Gosys) may hold more: ask your counsellor, or NAV, for an innsyn there too."
            ).format(office=data.office, date=format_date(data.made_on))), self.body),
        ]  # fmt: skip
        if data.protected_address:
            story.append(Paragraph(markup(_("Your address is protected (adressesperre) and is not printed here.")),
                                   self.body))  # fmt: skip
        for section in data.sections:
            heading = Paragraph(markup(_(section.title)), self.heading)
            first = True
            for number, record in enumerate(section.records):
                rows = [(lab, self.text(value)) for lab, value in record]
                if section.key != "youth":
                    rows = [(lab, text) for lab, text in rows if text]
                if not rows:
                    continue
                cells = [[Paragraph(markup(_(lab)), self.cell_head), Paragraph(markup(text or "–"), self.cell)]
                         for lab, text in rows]  # fmt: skip
                block = table(cells, [WIDTH * 0.3, WIDTH * 0.7], header=False)
                parts = [heading, block] if first else [block]
                # a heading never ends a page alone; a long table (the personal data) may break across pages
                story += [KeepTogether(parts)] if len(rows) < 14 else parts
                first = False
                if number < len(section.records) - 1:
                    story.append(Spacer(1, 3 * mm))
        story += self.access_log()
        return story

    def access_log(self) -> list[Any]:
        _ = self.gettext
        story: list[Any] = [Paragraph(markup(_("Who has read or changed your record")), self.heading)]
        if not self.data.access:
            return [*story, Paragraph(markup(_("Nobody yet.")), self.body)]
        story.append(Paragraph(markup(_(
            "Every time someone opens your record, changes something in it, prints or exports it, NavDesk writes "
            "it down. The list shows when, who (initials and name) and what."
        )), self.small))  # fmt: skip
        rows: list[list[Any]] = [
            [Paragraph(markup(h), self.cell_head) for h in (_("When"), _("Who"), _("What"))]
        ]
        for entry in self.data.access:
            who = entry.initials + (f" – {entry.name}" if entry.name else "")
            what = _(ACTIONS[entry.action]) if entry.action in ACTIONS else entry.action
            part = _(ENTITIES[entry.entity]) if entry.entity in ENTITIES else entry.entity
            if entry.action != "read":
                what = f"{what}: {part}"
            if entry.source == "cli":
                what += " " + _("(command line)")
            rows.append([Paragraph(markup(self.moment(entry.at)), self.cell), Paragraph(markup(who), self.cell),
                         Paragraph(markup(what), self.cell)])  # fmt: skip
        story.append(table(rows, [WIDTH * 0.24, WIDTH * 0.36, WIDTH * 0.40]))
        return story

    def moment(self, at: datetime) -> str:
        local = at.astimezone(OSLO)
        return f"{format_date(local.date())} {local:%H:%M}"

    def text(self, value: Any) -> str:
        """A value in the document's language."""
        _ = self.gettext
        if value is None or value == "" or value == []:
            return ""
        if hasattr(value, "text") and hasattr(value, "nb"):  # a Ref
            return str(value.text(self.lang))
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, enums.Labelled):
            return label(self.tr, value)
        if isinstance(value, Enum):
            return str(value.value)
        if isinstance(value, datetime):
            return self.moment(value)
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, list):
            return ", ".join(self.list_item(v) for v in value)
        return str(value)

    def list_item(self, value: Any) -> str:
        try:
            return label(self.tr, enums.Barrier(value))
        except ValueError:
            return str(value)


__all__ = ["InnsynOptions", "innsyn_language", "render_innsyn"]
