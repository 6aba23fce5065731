"""The office report as an A4 PDF (ReportLab, no Qt), in the page style of
:mod:`navdesk.documents.layout`: title with office or veileder, period and date; for each indicator
a chart (vector drawing: horizontal bars, or lines with markers for the status by month) beside the
suppressed table; the definitions of every indicator at the end. Also the aggregated tables as CSV
(one file per table) or one XLSX workbook (one sheet per table).

Only rendered (suppressed) tables reach these files: :meth:`navdesk.services.reports.Report.rendered`.
Colours are the Okabe–Ito palette (safe for colour-blind readers), and every series also differs by
marker and dash so that a grey-scale print still tells them apart; every bar carries its number.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer

from navdesk.documents import layout
from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.documents.layout import HEAD, INK, MUTED, RULE, WIDTH, markup
from navdesk.domain.text import format_date
from navdesk.i18n import translation
from navdesk.paths import atomic_output

if TYPE_CHECKING:
    from navdesk.domain.reports import Rendered
    from navdesk.services.reports import Report

# Okabe–Ito: blue, orange, bluish green, vermillion, reddish purple, sky blue, yellow, black
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
DASHES: list[list[float] | None] = [None, [4, 2], [1, 2], [6, 2, 1, 2], [3, 3], [8, 3]]
BAR = colors.HexColor(PALETTE[0])


@dataclass(frozen=True)
class ReportOptions:
    printed_by: str = ""
    printed_on: date = field(default_factory=date.today)


def _marker(kind: int, x: float, y: float, colour: Any) -> Any:
    size = 2.6
    if kind % 3 == 0:
        return Circle(x, y, size, fillColor=colour, strokeColor=colour)
    if kind % 3 == 1:
        return Rect(x - size, y - size, 2 * size, 2 * size, fillColor=colour, strokeColor=colour)
    return Polygon(
        [x - size, y - size, x + size, y - size, x, y + size], fillColor=colour, strokeColor=colour
    )


def bar_chart(table: Rendered, width: float, threshold: int) -> Drawing | None:
    """Horizontal bars for the first series, each with its number; a hidden count gets no bar."""
    if not table.values or not table.categories:
        return None
    values = table.values[0]
    row_h = 5.2 * mm
    label_w = 60 * mm
    height = row_h * len(values) + 2 * mm
    d = Drawing(width, height)
    top = max([v for v in values if v is not None] + [1])
    room = width - label_w - 16 * mm
    for i, (name, value) in enumerate(zip(table.categories, values, strict=True)):
        y = height - (i + 1) * row_h
        d.add(String(label_w - 2 * mm, y + 1.4 * mm, name[:44], fontName=FAMILY, fontSize=7.5, fillColor=INK,
                     textAnchor="end"))  # fmt: skip
        if value is None:
            column = table.header.index(table.series[0]) if table.series[0] in table.header else 1
            shown = table.rows[i][column] if i < len(table.rows) else f"< {threshold}"
            d.add(
                String(label_w + 1 * mm, y + 1.4 * mm, shown, fontName=FAMILY, fontSize=7.5, fillColor=MUTED)
            )
            continue
        length = room * value / top
        d.add(Rect(label_w, y + 0.6 * mm, length, row_h - 1.6 * mm, fillColor=BAR, strokeColor=None))
        d.add(String(label_w + length + 1.2 * mm, y + 1.4 * mm, str(value), fontName=FAMILY, fontSize=7.5,
                     fillColor=INK))  # fmt: skip
    d.add(Line(label_w, 0, label_w, height, strokeColor=RULE, strokeWidth=0.5))
    return d


def line_chart(table: Rendered, width: float) -> Drawing | None:
    """One line per row (status) across the columns (months), each with its own colour, marker and
    dash; hidden points are left out (the line breaks there)."""
    if not table.values or not table.categories:
        return None
    height = 52 * mm
    left, bottom, legend_w = 12 * mm, 8 * mm, 42 * mm
    plot_w = width - left - legend_w - 4 * mm
    plot_h = height - bottom - 4 * mm
    d = Drawing(width, height)
    series = [[table.values[j][i] for j in range(len(table.series))] for i in range(len(table.categories))]
    top = max([v for row in series for v in row if v is not None] + [1])
    step = plot_w / max(1, len(table.series) - 1)
    d.add(Line(left, bottom, left + plot_w, bottom, strokeColor=RULE, strokeWidth=0.5))
    d.add(Line(left, bottom, left, bottom + plot_h, strokeColor=RULE, strokeWidth=0.5))
    for tick in (0, top):
        y = bottom + plot_h * tick / top
        d.add(String(left - 1.5 * mm, y - 1 * mm, str(tick), fontName=FAMILY, fontSize=7, fillColor=MUTED,
                     textAnchor="end"))  # fmt: skip
    for j, name in enumerate(table.series):
        d.add(String(left + j * step, bottom - 5 * mm, name, fontName=FAMILY, fontSize=7, fillColor=INK,
                     textAnchor="middle"))  # fmt: skip
    for i, (name, row) in enumerate(zip(table.categories, series, strict=True)):
        colour = colors.HexColor(PALETTE[i % len(PALETTE)])
        points = [(left + j * step, bottom + plot_h * v / top) for j, v in enumerate(row) if v is not None]
        segment: list[float] = []
        for j, v in enumerate(row):
            if v is None:
                if len(segment) >= 4:
                    d.add(
                        PolyLine(segment, strokeColor=colour, strokeWidth=1.3, strokeDashArray=DASHES[i % 6])
                    )
                segment = []
                continue
            segment += [left + j * step, bottom + plot_h * v / top]
        if len(segment) >= 4:
            d.add(PolyLine(segment, strokeColor=colour, strokeWidth=1.3, strokeDashArray=DASHES[i % 6]))
        for x, y in points:
            d.add(_marker(i, x, y, colour))
        ly = height - 4 * mm - i * 4.6 * mm
        lx = width - legend_w
        d.add(Line(lx, ly + 1 * mm, lx + 6 * mm, ly + 1 * mm, strokeColor=colour, strokeWidth=1.3,
                   strokeDashArray=DASHES[i % 6]))  # fmt: skip
        d.add(_marker(i, lx + 3 * mm, ly + 1 * mm, colour))
        d.add(String(lx + 8 * mm, ly, name[:26], fontName=FAMILY, fontSize=7.5, fillColor=INK))
    return d


class _Writer:
    def __init__(self, report: Report, options: ReportOptions) -> None:
        register_fonts()
        self.r, self.options = report, options
        self.tr = translation(report.lang)
        base = ParagraphStyle("body", fontName=FAMILY, fontSize=10, leading=13.6, textColor=INK, spaceAfter=3)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=8.2, leading=10.6, textColor=MUTED)
        self.cell = ParagraphStyle("cell", base, fontSize=8.4, leading=10.6, spaceAfter=0)
        self.num = ParagraphStyle("num", self.cell, alignment=2)
        self.head = ParagraphStyle("head", self.cell, fontName=BOLD)
        self.head_num = ParagraphStyle("headnum", self.head, alignment=2)
        self.title = ParagraphStyle("title", base, fontName=BOLD, fontSize=19, leading=23, textColor=HEAD,
                                    spaceAfter=2)  # fmt: skip
        self.subtitle = ParagraphStyle(
            "subtitle", base, fontSize=12, leading=16.6, textColor=HEAD, spaceAfter=8
        )
        self.heading = ParagraphStyle("heading", base, fontName=BOLD, fontSize=12, leading=15.6, textColor=HEAD,
                                      spaceBefore=8, spaceAfter=3, keepWithNext=1)  # fmt: skip

    def _(self, msgid: str) -> str:
        return self.tr.gettext(msgid)

    def period(self) -> str:
        p = self.r.params
        return self._("{start}–{end}").format(start=format_date(p.start), end=format_date(p.end))

    def table(self, t: Rendered) -> Any:
        count_cols = len(t.header) - 1
        first = 44 * mm if count_cols > 5 else 58 * mm if count_cols > 3 else 70 * mm
        rest = (WIDTH - first) / max(1, count_cols)
        rows = [[Paragraph(markup(t.header[0]), self.head)]
                + [Paragraph(markup(h), self.head_num) for h in t.header[1:]]]  # fmt: skip
        for row in t.rows:
            rows.append(
                [Paragraph(markup(row[0]), self.cell)] + [Paragraph(markup(c), self.num) for c in row[1:]]
            )
        extra = []
        if t.rows and t.rows[-1][0] == self._("Total"):
            extra.append(("LINEABOVE", (0, len(rows) - 1), (-1, len(rows) - 1), 0.8, HEAD))
        return layout.table(rows, [first] + [rest] * count_cols, extra=extra)

    def section(self, t: Rendered) -> list[Any]:
        parts: list[Any] = [Paragraph(markup(t.title), self.heading)]
        chart = None
        if t.chart == "bar":
            chart = bar_chart(t, WIDTH, self.r.threshold)
        elif t.chart == "line":
            chart = line_chart(t, WIDTH)
        if chart is not None:
            parts += [chart, Spacer(1, 2 * mm)]
        parts.append(self.table(t))
        notes = []
        if t.hidden:
            notes.append(self._("< {n}: fewer than {n}, not shown.").format(n=self.r.threshold))
        if t.secondary:
            notes.append(self._(": hidden so that a small number cannot be worked out from the totals."))
        if notes:
            parts.append(Paragraph(markup(" ".join(notes)), self.small))
        return [CondPageBreak(60 * mm), KeepTogether(parts[:3]), *parts[3:], Spacer(1, 3 * mm)]

    def story(self) -> list[Any]:
        _ = self._
        r = self.r
        story: list[Any] = [
            Paragraph(markup(_("Office report")), self.title),
            Paragraph(
                markup(_("{scope} · {period}").format(scope=r.scope, period=self.period())), self.subtitle
            ),
        ]
        made = _("Made on {date}. Counts below {n} are not shown; the report contains no names.")
        story.append(Paragraph(markup(made.format(date=format_date(self.options.printed_on), n=r.threshold)),
                               self.small))  # fmt: skip
        if r.params.veileder:
            scoped = _(
                "Only the youths whose veileder is {initials} today; preventive activities (the office's) are left out."
            )
            story.append(Paragraph(markup(scoped.format(initials=r.scope)), self.small))
        for t in r.rendered():
            story += self.section(t)
        story.append(CondPageBreak(80 * mm))
        story.append(Paragraph(markup(_("Definitions")), self.heading))
        for title, text in r.definitions:
            story.append(Paragraph(f"<b>{markup(title)}.</b> {markup(text)}", self.body))
        return story

    def build(self) -> bytes:
        title = self._("Office report")
        furniture = layout.furniture(self.tr, office=self.r.office, title=f"{title} {self.period()}",
                                     printed_by=self.options.printed_by, printed_on=self.options.printed_on)  # fmt: skip
        return layout.build_pdf(self.story(), furniture, title=f"{title} – {self.r.scope}", subject=self.period(),
                                author=self.r.office, lang=self.r.lang)  # fmt: skip


def render_report(report: Report, options: ReportOptions | None = None) -> bytes:
    """The report as PDF bytes (the same bytes for the same data and date)."""
    return _Writer(report, options or ReportOptions(printed_on=report.today)).build()


def _file_name(key: str) -> str:
    return f"{key}.csv"


def write_tables_csv(report: Report, folder: Path) -> list[Path]:
    """One CSV per table (``;``, UTF-8 with BOM for Excel), suppressed as in the PDF."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for t in report.rendered():
        path = folder / _file_name(t.key)
        with atomic_output(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=";")
            writer.writerow([t.title])
            writer.writerow(t.header)
            writer.writerows(t.rows)
        out.append(path)
    return out


def write_tables_xlsx(report: Report, path: Path) -> Path:
    """All tables in one workbook, a sheet each (suppressed as in the PDF; numbers as text)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for t in report.rendered():
        sheet = book.create_sheet(t.key[:31])
        sheet.append([t.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(t.header)
        for row in t.rows:
            sheet.append([int(c) if c.isdigit() else c for c in row])
        sheet.column_dimensions["A"].width = 40
    with atomic_output(path) as tmp:
        book.save(tmp)
    return path
