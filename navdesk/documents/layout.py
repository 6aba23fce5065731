"""What every NavDesk printout shares: A4 with DejaVu Sans, the page furniture (office and title on
top; "Fortrolig — unntatt offentlighet", who printed it and when, and "side X av Y" at the bottom),
escaped user text, tables in one style, and deterministic output (ReportLab's invariant mode with the
creation date set to the print date). Used by the meeting summary and the group printouts.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from navdesk.documents.fonts import BOLD, FAMILY, register_fonts
from navdesk.domain import enums
from navdesk.domain.text import format_date

if TYPE_CHECKING:
    from gettext import NullTranslations

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 24 * mm
WIDTH = PAGE_W - 2 * MARGIN_X
FRAME_PAD = 6  # platypus frames pad their content by 6 pt: the margins given make up for it
INK = colors.HexColor("#1c1c1c")
HEAD = colors.HexColor("#1b3a5c")
MUTED = colors.HexColor("#5a6470")
RULE = colors.HexColor("#9aa5b1")
SHADE = colors.HexColor("#e9eef3")
LANG_TAGS = {"nb": "nb-NO", "nn": "nn-NO", "en": "en"}
# C0 control characters (but tab and newline) and DEL: ReportLab would print boxes or choke on them
CONTROL = {**dict.fromkeys([*range(0, 9), *range(11, 32), 127]), 9: " "}


# --------------------------------------------------------------------------- page furniture


@dataclass(frozen=True)
class Furniture:
    """Header and footer drawn on every page once the number of pages is known."""

    office: str
    title: str
    confidential: str
    printed: str
    page_of: Callable[[int, int], str]
    created: date

    def draw(self, canvas: Any, page: int, pages: int) -> None:
        top = PAGE_H - MARGIN_TOP + 8 * mm
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(FAMILY, 8.5)
        canvas.drawString(MARGIN_X, top, self.office)
        canvas.drawRightString(PAGE_W - MARGIN_X, top, self.title)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, top - 2.5 * mm, PAGE_W - MARGIN_X, top - 2.5 * mm)
        bottom = MARGIN_BOTTOM - 9 * mm
        canvas.line(MARGIN_X, bottom + 4.5 * mm, PAGE_W - MARGIN_X, bottom + 4.5 * mm)
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 8)
        canvas.drawString(MARGIN_X, bottom, self.confidential)
        canvas.setFont(FAMILY, 8)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN_X, bottom - 3.8 * mm, self.printed)
        canvas.setFillColor(INK)
        canvas.setFont(FAMILY, 8.5)
        canvas.drawRightString(PAGE_W - MARGIN_X, bottom, self.page_of(page, pages))
        canvas.restoreState()

    def pdf_date(self, *_args: int) -> str:
        return f"D:{self.created:%Y%m%d}000000+00'00'"


class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
    """Keeps the pages until the end so that each footer can say "side X av Y". In a document of many
    parts (a batch of summaries saved as one file), each part's pages carry its own furniture and are
    counted on their own (:class:`PartStart`)."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[tuple[dict[str, Any], Furniture]] = []
        self.setDateFormatter(furniture.pdf_date)

    def start_part(self, furniture: Furniture) -> None:
        """The current page and those after it belong to the part with this furniture."""
        self._furniture = furniture

    def showPage(self) -> None:
        self._pages.append((dict(self.__dict__), self._furniture))
        self._startPage()

    def save(self) -> None:
        parts: list[list[dict[str, Any]]] = []
        previous: Furniture | None = None
        for state, furniture in self._pages:
            if furniture is not previous:
                parts.append([])
                previous = furniture
            parts[-1].append(state)
        for part in parts:
            for number, state in enumerate(part, start=1):
                self.__dict__.update(state)
                self._furniture.draw(self, number, len(part))
                super().showPage()
        super().save()


class PartStart(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Takes no room; where it is drawn, the next part's pages begin (their header, footer and count)."""

    def __init__(self, furniture: Furniture) -> None:
        super().__init__()
        self.furniture = furniture

    def wrap(self, *_args: Any) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.canv.start_part(self.furniture)


# --------------------------------------------------------------------------- text helpers


def markup(text: str) -> str:
    """User text made safe for a ReportLab paragraph: ``&``, ``<``, ``>`` escaped, newlines kept."""
    clean = text.replace("\r\n", "\n").replace("\r", "\n").translate(CONTROL)
    return escape(clean).replace("\n", "<br/>")


@lru_cache(maxsize=8)
def weekdays(lang: str) -> tuple[str, ...]:
    from babel.dates import get_day_names

    names = get_day_names("wide", locale={"nb": "nb_NO", "nn": "nn_NO"}.get(lang, "en"))
    return tuple(str(names[i]) for i in range(7))


def time_span(start: datetime, minutes: int) -> str:
    return f"{start:%H:%M}–{start + timedelta(minutes=minutes):%H:%M}"


def label(tr: NullTranslations, member: enums.Labelled) -> str:
    """An enum's label in the summary's language (``Labelled.label`` uses the language in use)."""
    return tr.gettext(enums._LABELS[member])


def furniture(
    tr: NullTranslations, *, office: str, title: str, printed_by: str, printed_on: date
) -> Furniture:
    """The page furniture in the printout's language."""
    _ = tr.gettext
    day = format_date(printed_on)
    if printed_by:
        printed = _("Printed by {who} on {date}").format(who=printed_by, date=day)
    else:
        printed = _("Printed on {date}").format(date=day)
    return Furniture(
        office=office, title=title, confidential=_("Confidential — exempt from public access, cf. offl. § 13"),
        printed=printed, page_of=lambda page, pages: _("Page {page} of {pages}").format(page=page, pages=pages),
        created=printed_on,
    )  # fmt: skip


def build_pdf(story: list[Any], furniture: Furniture, *, title: str, subject: str, author: str, lang: str,
              pagesize: tuple[float, float] = A4) -> bytes:  # fmt: skip
    """The story as PDF bytes with the furniture on every page (the same bytes for the same input)."""
    register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out, pagesize=pagesize, leftMargin=MARGIN_X - FRAME_PAD, rightMargin=MARGIN_X - FRAME_PAD,
        topMargin=MARGIN_TOP - FRAME_PAD, bottomMargin=MARGIN_BOTTOM - FRAME_PAD, title=title, subject=subject,
        author=author, creator="NavDesk", lang=LANG_TAGS.get(lang, "nb-NO"), invariant=1, initialFontName=FAMILY,
    )  # fmt: skip
    doc.build(story, canvasmaker=partial(NumberedCanvas, furniture=furniture))
    return out.getvalue()


def table(rows: list[list[Any]], widths: list[float], *, header: bool = True,
          extra: list[tuple[Any, ...]] | None = None, heights: list[float | None] | None = None) -> Table:  # fmt: skip
    """A table in the printouts' style: a shaded header row repeated on each page, thin rules."""
    result = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1 if header else 0, splitInRow=1,
                   hAlign="LEFT")  # fmt: skip
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), FAMILY),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
    ]
    if header:
        style += [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEAD)]
    result.setStyle(TableStyle(style + (extra or [])))
    return result
