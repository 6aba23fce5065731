"""The printed meeting summary (møtereferat): A4 PDF with ReportLab platypus, no Qt.

Two variants from the same :class:`~navdesk.services.summaries.SummaryData`:

* ``full``: for everyone at the meeting and the file. Participants with organisation, role and the
  consent basis for sharing with each external participant, agenda, summary, decisions, actions as a
  table (what / who / by when), next meeting.
* ``youth``: for the youth to take home, in plain language and larger type: "Dette avtalte vi /
  Dette gjør du / Dette gjør veilederen / Neste møte", the actions split by who does them.

Both print in the youth's målform (bokmål or nynorsk) unless a language is chosen, with a footer on
every page: "Fortrolig — unntatt offentlighet, jf. offl. § 13", who printed it and when, and "side X
av Y". Health and other sensitive notes print only when their section is chosen (and were read);
the youth's address is never in the data. User text is escaped, long words are split, and the
output is byte-for-byte the same for the same input (ReportLab's invariant mode, the creation date
set to the print date).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from navdesk.documents import layout
from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.documents.layout import (
    HEAD,
    INK,
    MUTED,
    WIDTH,
    Furniture,
    label,
    markup,
    time_span,
    weekdays,
)
from navdesk.domain import enums
from navdesk.domain.enums import ContactChannel, MeetingStatus, ParticipantKind
from navdesk.domain.text import format_date
from navdesk.i18n import translation

if TYPE_CHECKING:
    from gettext import NullTranslations

    from navdesk.services.summaries import NextMeeting, SummaryAction, SummaryData, SummaryParticipant

FULL, YOUTH_VARIANT = "full", "youth"
VARIANTS = (FULL, YOUTH_VARIANT)
SECTIONS = (
    "participants",
    "agenda",
    "summary",
    "decisions",
    "actions",
    "next_meeting",
    "sensitive",
    "signatures",
)
DEFAULT_SECTIONS = frozenset(SECTIONS) - {"sensitive", "signatures"}


@dataclass(frozen=True)
class SummaryOptions:
    """What to print: the variant, the language, the sections; who prints it and when (the footer)."""

    variant: str = FULL
    lang: str | None = None  # None: the youth's målform
    sections: frozenset[str] = DEFAULT_SECTIONS
    printed_by: str = ""
    printed_on: date = field(default_factory=date.today)

    def __post_init__(self) -> None:
        if self.variant not in VARIANTS:
            raise ValueError(f"unknown variant {self.variant!r}")
        unknown = set(self.sections) - set(SECTIONS)
        if unknown:
            raise ValueError(f"unknown sections {sorted(unknown)}")


def summary_language(data: SummaryData, options: SummaryOptions) -> str:
    """The language the summary prints in: the one chosen, else the youth's målform."""
    return options.lang or data.malform


def render_summary(data: SummaryData, options: SummaryOptions | None = None) -> bytes:
    """The meeting summary as PDF bytes (the same bytes for the same data and options)."""
    options = options or SummaryOptions()
    register_fonts()  # before the styles are made
    lang = summary_language(data, options)
    writer = _Writer(data, options, lang, translation(lang))
    story = writer.full_story() if options.variant == FULL else writer.youth_story()
    return layout.build_pdf(story, writer.furniture(), title=writer.title(), subject=writer.type_label(),
                            author=data.office, lang=lang)  # fmt: skip


def render_summaries(items: Sequence[tuple[SummaryData, SummaryOptions]]) -> bytes:
    """Many summaries in one PDF (a batch saved as one file): each starts on a new page and keeps its
    own header and footer, "side X av Y" counting its own pages. Deterministic like :func:`render_summary`."""
    if not items:
        raise ValueError("no summaries to render")
    register_fonts()
    writers = [_Writer(data, options, summary_language(data, options), translation(summary_language(data, options)))
               for data, options in items]  # fmt: skip
    first = writers[0]
    if len(writers) == 1:
        return render_summary(*items[0])
    story: list[Any] = []
    for i, writer in enumerate(writers):
        if i:
            story += [PageBreak(), layout.PartStart(writer.furniture())]
        story += writer.full_story() if writer.options.variant == FULL else writer.youth_story()
    _ = first.tr.gettext
    return layout.build_pdf(story, first.furniture(), title=_("Meeting summaries"), subject=_("Meeting summaries"),
                            author=first.data.office, lang=first.lang)  # fmt: skip


# --------------------------------------------------------------------------- the document


class _Writer:
    """Builds the story of one summary in one language."""

    def __init__(self, data: SummaryData, options: SummaryOptions, lang: str, tr: NullTranslations) -> None:
        self.data, self.options, self.lang, self.tr = data, options, lang, tr
        self.sections = options.sections
        youth = options.variant == YOUTH_VARIANT
        body, lead = (12.0, 16.5) if youth else (10.0, 13.6)
        base = ParagraphStyle(
            "body", fontName=FAMILY, fontSize=body, leading=lead, textColor=INK, spaceAfter=3
        )
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=body - 1.5, leading=lead - 2.5, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=body - 0.8, leading=lead - 1.4, spaceAfter=0)
        self.cell_head = ParagraphStyle("cellhead", self.cell, fontName=BOLD)
        self.label = ParagraphStyle("label", self.cell, fontName=BOLD, textColor=MUTED)
        self.title_style = ParagraphStyle("title", base, fontName=BOLD, fontSize=body + 9, leading=body + 13,
                                          textColor=HEAD, spaceAfter=2)  # fmt: skip
        self.subtitle = ParagraphStyle("subtitle", base, fontSize=body + 2, leading=lead + 3, textColor=HEAD,
                                       spaceAfter=8)  # fmt: skip
        self.heading = ParagraphStyle("heading", base, fontName=BOLD, fontSize=body + 2.5, leading=lead + 3,
                                      textColor=HEAD, spaceBefore=10 if youth else 9, spaceAfter=3,
                                      keepWithNext=1)  # fmt: skip
        self.bullet = ParagraphStyle("bullet", base, leftIndent=14, bulletIndent=3, bulletFontName=FAMILY,
                                     spaceAfter=2 if not youth else 4)  # fmt: skip

    # ---- shared pieces

    def type_label(self) -> str:
        _ = self.tr.gettext
        return self.data.type_label(self.lang) or _("Meeting")

    def title(self) -> str:
        _ = self.tr.gettext
        heading = _("Meeting summary") if self.options.variant == FULL else _("Summary of our meeting")
        return f"{heading} {format_date(self.data.starts_at.date())}"

    def furniture(self) -> Furniture:
        return layout.furniture(self.tr, office=self.data.office, title=self.title(),
                                printed_by=self.options.printed_by, printed_on=self.options.printed_on)  # fmt: skip

    def when(self, start: datetime, minutes: int | None = None) -> str:
        """«tirsdag 24.11.2026 kl. 10:00–11:00»."""
        _ = self.tr.gettext
        time = time_span(start, minutes) if minutes else f"{start:%H:%M}"
        day = f"{weekdays(self.lang)[start.weekday()]} {format_date(start.date())}"
        return _("{date} at {time}").format(date=day, time=time)

    def where(self, place: str, channel: str) -> str:
        """The place, with the channel when it is not a meeting in person (video, phone …)."""
        kind = ContactChannel(channel)
        if kind is ContactChannel.SAMTALE:
            return place
        name = label(self.tr, kind)
        return f"{place} ({name.lower()})" if place else name

    def paragraph(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup(text), style or self.body)

    def text_block(self, text: str, style: ParagraphStyle | None = None, *, items: bool = False) -> list[Any]:
        """Free text: one paragraph per line; lines starting «-», «*» or «•» (every line, for a list
        such as the agenda, when ``items`` and there are several) as bullets."""
        out: list[Any] = []
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        items = items and len([line for line in lines if line.strip()]) > 1
        for line in lines:
            stripped = line.strip()
            if not stripped:
                if out:
                    out.append(Spacer(1, 4))
                continue
            if stripped[:2] in ("- ", "* ", "• "):
                out.append(Paragraph(markup(stripped[2:].strip()), self.bullet, bulletText="•"))
            elif items:
                out.append(Paragraph(markup(stripped), self.bullet, bulletText="•"))
            else:
                out.append(Paragraph(markup(line.rstrip()), style or self.body))
        while out and isinstance(out[-1], Spacer):
            out.pop()
        return out

    def section(self, heading: str, flowables: Iterable[Any]) -> list[Any]:
        items = list(flowables)
        if not items:
            return []
        return [Paragraph(markup(heading), self.heading), *items]

    def table(self, rows: list[list[Any]], widths: list[float], *, header: bool = True) -> Table:
        return layout.table(rows, widths, header=header)

    def sensitive(self) -> list[Any]:
        _ = self.tr.gettext
        text = self.data.sensitive
        if "sensitive" not in self.sections or not text or not text.strip():
            return []
        return self.section(_("Health and other sensitive information"), self.text_block(text))

    def signatures(self) -> list[Any]:
        _ = self.tr.gettext
        if "signatures" not in self.sections:
            return []
        signers = [p for p in self.data.participants
                   if p.kind in (ParticipantKind.UNGDOM.value, ParticipantKind.VEILEDER.value)]  # fmt: skip
        names = [p.name or label(self.tr, ParticipantKind(p.kind)) for p in signers] or [
            label(self.tr, ParticipantKind.UNGDOM), label(self.tr, ParticipantKind.VEILEDER)]  # fmt: skip
        grid = _SignatureGrid(names, self)
        return [Spacer(1, 4 * mm), KeepTogether([Paragraph(markup(_("Signatures")), self.heading), grid])]

    # ---- the full summary

    def full_story(self) -> list[Any]:
        _ = self.tr.gettext
        data = self.data
        story: list[Any] = [Paragraph(markup(_("Meeting summary")), self.title_style),
                            Paragraph(markup(self.type_label()), self.subtitle)]  # fmt: skip
        story.append(self.table(self.facts(), [34 * mm, WIDTH - 34 * mm], header=False))
        if "participants" in self.sections:
            story += self.section(_("Participants"), self.participants())
        if "agenda" in self.sections:
            story += self.section(_("Agenda"), self.text_block(data.agenda, items=True))
        if "summary" in self.sections:
            story += self.section(_("Summary"), self.text_block(data.summary))
        if "decisions" in self.sections:
            story += self.section(_("Decisions"), self.text_block(data.decisions))
        if "actions" in self.sections and data.actions:
            story += self.section(_("Actions"), [self.actions_table(data.actions)])
        if "next_meeting" in self.sections and data.next_meeting:
            story += self.section(_("Next meeting"), [self.paragraph(self.next_text(data.next_meeting))])
        story += self.sensitive()
        story += self.signatures()
        return story

    def facts(self) -> list[list[Any]]:
        _ = self.tr.gettext
        data = self.data
        rows: list[tuple[str, str]] = []
        if data.youth:
            rows.append((_("Youth"), data.youth.name))
        rows.append((_("Time"), self.when(data.starts_at, data.duration_min)))
        where = self.where(data.place, data.channel)
        if where:
            rows.append((_("Place"), where))
        if data.status != MeetingStatus.GJENNOMFORT.value:
            rows.append((_("Status"), label(self.tr, MeetingStatus(data.status))))
        return [[Paragraph(markup(k), self.label), Paragraph(markup(v), self.cell)] for k, v in rows]

    def participants(self) -> list[Any]:
        _ = self.tr.gettext
        people = self.data.participants
        if not people:
            return []
        with_consent = any(p.external for p in people)
        head = [_("Name"), _("Organisation"), _("Role")] + ([_("Basis for sharing")] if with_consent else [])
        rows: list[list[Any]] = [[Paragraph(markup(h), self.cell_head) for h in head]]
        for p in people:
            row = [Paragraph(markup(p.name), self.cell), Paragraph(markup(p.organisation), self.cell),
                   Paragraph(markup(self.role(p)), self.cell)]  # fmt: skip
            if with_consent:
                row.append(Paragraph(self.consent_markup(p), self.cell))
            rows.append(row)
        shares = [0.25, 0.24, 0.19, 0.32] if with_consent else [0.36, 0.36, 0.28]
        return [self.table(rows, [WIDTH * s for s in shares])]

    def role(self, person: SummaryParticipant) -> str:
        return person.role or label(self.tr, ParticipantKind(person.kind))

    def consent_markup(self, person: SummaryParticipant) -> str:
        """The consent that covers sharing with the participant's organisation; nothing when none."""
        _ = self.tr.gettext
        basis = person.consent
        if basis is None:
            return ""
        form = label(self.tr, enums.ConsentForm(basis.form)).lower()
        if basis.expires_on:
            text = _("{form} consent given {given}, valid until {expires}").format(
                form=form, given=format_date(basis.given_on), expires=format_date(basis.expires_on))  # fmt: skip
        else:
            text = _("{form} consent given {given}").format(form=form, given=format_date(basis.given_on))
        text = text[:1].upper() + text[1:]
        if basis.by_guardian:
            text += " " + _("(given by a guardian)")
        lines = [markup(text)]
        if basis.purpose.strip():
            lines.append(markup(_("Purpose: {purpose}").format(purpose=basis.purpose.strip())))
        return "<br/>".join(lines)

    def actions_table(self, actions: Iterable[SummaryAction]) -> Table:
        _ = self.tr.gettext
        rows: list[list[Any]] = [
            [Paragraph(markup(h), self.cell_head) for h in (_("What"), _("Who"), _("By when"))]
        ]
        for a in actions:
            due = markup(format_date(a.due))
            if a.done_on:
                done = _("done {date}").format(date=format_date(a.done_on))
                due = f"{due}<br/>{markup(done)}" if due else markup(done)
            rows.append([Paragraph(markup(a.what), self.cell), Paragraph(markup(a.who), self.cell),
                         Paragraph(due, self.cell)])  # fmt: skip
        return self.table(rows, [WIDTH * 0.54, WIDTH * 0.24, WIDTH * 0.22])

    def next_text(self, nxt: NextMeeting) -> str:
        parts = [self.when(nxt.starts_at, nxt.duration_min)]
        where = self.where(nxt.place, nxt.channel)
        if where:
            parts.append(where)
        label = nxt.type_nn or nxt.type_nb if self.lang == "nn" else nxt.type_nb
        text = ", ".join(parts)
        return f"{label}: {text}" if label and self.options.variant == FULL else text

    # ---- the youth's summary

    def youth_story(self) -> list[Any]:
        _ = self.tr.gettext
        data = self.data
        story: list[Any] = [Paragraph(markup(_("Summary of our meeting")), self.title_style)]
        where = self.where(data.place, data.channel)
        when = self.when(data.starts_at, data.duration_min)
        story.append(Paragraph(markup(f"{when}, {where}" if where else when), self.subtitle))
        if data.status != MeetingStatus.GJENNOMFORT.value:
            story.append(self.paragraph(_("Status: {status}").format(
                status=label(self.tr, MeetingStatus(data.status)))))  # fmt: skip
        if "participants" in self.sections:
            story += self.section(
                _("Who was there"), self.bullets(self.who_line(p) for p in data.participants)
            )
        if "agenda" in self.sections and data.status == MeetingStatus.PLANLAGT.value:
            story += self.section(_("What we will talk about"), self.text_block(data.agenda, items=True))
        if "summary" in self.sections:
            story += self.section(_("What we talked about"), self.text_block(data.summary))
        if "decisions" in self.sections:
            story += self.section(_("What we agreed"), self.text_block(data.decisions))
        if "actions" in self.sections:
            from navdesk.services.summaries import NAV, OTHER, YOUTH

            by: dict[str, list[SummaryAction]] = {YOUTH: [], NAV: [], OTHER: []}
            for a in data.actions:
                by[a.responsible].append(a)
            story += self.section(_("What you will do"), self.bullets(self.action_line(a) for a in by[YOUTH]))
            story += self.section(_("What the counsellor will do"),
                                  self.bullets(self.action_line(a) for a in by[NAV]))  # fmt: skip
            story += self.section(_("What others will do"),
                                  self.bullets(self.action_line(a, who=True) for a in by[OTHER]))  # fmt: skip
        if "next_meeting" in self.sections and data.next_meeting:
            story += self.section(_("Next meeting"), [self.paragraph(self.next_text(data.next_meeting))])
        story += self.sensitive()
        story += self.signatures()
        return story

    def bullets(self, lines: Iterable[str]) -> list[Any]:
        return [Paragraph(line, self.bullet, bulletText="•") for line in lines if line]

    def who_line(self, person: SummaryParticipant) -> str:
        if person.kind == ParticipantKind.UNGDOM.value:
            return markup(person.name)
        about = ", ".join(x for x in (self.role(person), person.organisation) if x)
        return f"{markup(person.name)} ({markup(about)})" if person.name else markup(about)

    def action_line(self, action: SummaryAction, *, who: bool = False) -> str:
        _ = self.tr.gettext
        text = markup(action.what)
        if who and action.who.strip():
            text = f"<b>{markup(action.who.strip())}:</b> {text}"
        if action.due:
            day = f"{weekdays(self.lang)[action.due.weekday()]} {format_date(action.due)}"
            text += " – " + markup(_("by {date}").format(date=day))
        if action.done_on:
            text += " " + markup(_("(done {date})").format(date=format_date(action.done_on)))
        return text


class _SignatureGrid(Table):  # type: ignore[misc]  # ReportLab has no type hints
    """Lines to sign on, two to a row, each with the name and "date and signature" under it."""

    def __init__(self, names: list[str], writer: _Writer) -> None:
        _ = writer.tr.gettext
        gap = 14 * mm
        col = (WIDTH - gap) / 2
        cells = [(Paragraph(markup(n), writer.cell_head), Paragraph(markup(_("Date and signature")), writer.small))
                 for n in names]  # fmt: skip
        rows: list[list[Any]] = []
        style: list[tuple[Any, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
                                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                        ("RIGHTPADDING", (0, 0), (-1, -1), 0)]  # fmt: skip
        for i in range(0, len(cells), 2):
            pair = cells[i : i + 2]
            r = len(rows)
            rows.append(["", "", ""])  # room to write
            rows.append([pair[0][0], "", pair[1][0] if len(pair) > 1 else ""])
            rows.append([pair[0][1], "", pair[1][1] if len(pair) > 1 else ""])
            style.append(("LINEABOVE", (0, r + 1), (0, r + 1), 0.8, INK))
            if len(pair) > 1:
                style.append(("LINEABOVE", (2, r + 1), (2, r + 1), 0.8, INK))
        heights = [16 * mm if i % 3 == 0 else None for i in range(len(rows))]
        super().__init__(rows, colWidths=[col, gap, col], rowHeights=heights, hAlign="LEFT")
        self.setStyle(TableStyle(style))


__all__ = ["DEFAULT_SECTIONS", "FULL", "SECTIONS", "VARIANTS", "YOUTH_VARIANT", "SummaryOptions", "markup",
           "render_summary", "summary_language"]  # fmt: skip
