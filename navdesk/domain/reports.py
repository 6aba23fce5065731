"""The office report's indicator definitions (domain brief §8) as pure functions, and the report's
tables as plain data that every output (screen, PDF, CSV/XLSX) renders through one suppressing
function, so that no count below the threshold leaves the application by any route.

The definitions, in short (the PDF prints them in full):

- 8-week follow-up: days from registration to the event that met ``followup_8w`` (the deadline
  engine's ``met_on``), in the evaluation's bins (001 Table 5.1): 0–14 days → 1–2 weeks, 15–28 →
  3–4, 29–49 → 5–7, 50–56 → 8, over 56 → more than 8.
- Status 1, 3, 6, 9 months after registration (001 L5060–5086): the veileder's confirmed status for
  that month when there is one, else derived: the outcome's report category when the period was
  closed by then, else the strongest activity running that day (arbeid > utdanning > tiltak >
  annen aktivitet), else "ingen aktivitet".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from statistics import median, quantiles
from typing import Protocol

from navdesk.domain.suppression import (
    SECONDARY_MARK,
    Figure,
    Suppressed,
    percent,
    share,
    suppress,
    suppress_count,
)

# --------------------------------------------------------------------------- bins and bands

WEEK_BINS = ("1-2", "3-4", "5-7", "8", ">8")
_WEEK_LIMITS = ((14, "1-2"), (28, "3-4"), (49, "5-7"), (56, "8"))


def week_bin(days: int) -> str:
    """The evaluation's bin for days from registration to follow-up (001 Table 5.1, L2654)."""
    for limit, name in _WEEK_LIMITS:
        if days <= limit:
            return name
    return ">8"


AGE_BANDS = ("<20", "20-24", "25-29", "30+")  # navdesk.domain.person.age_band


SILENCE_BINS = ("0-7", "8-30", "31-90", "91-182", ">182", "never")


def silence_bin(days: int | None) -> str:
    """Days since the last contact, in bins that follow the no_contact rule's intervals."""
    if days is None:
        return "never"
    for limit, name in ((7, "0-7"), (30, "8-30"), (90, "31-90"), (182, "91-182")):
        if days <= limit:
            return name
    return ">182"


# --------------------------------------------------------------------------- status on a date

STATUSES = ("arbeid", "utdanning", "tiltak", "annen_aktivitet", "ingen_aktivitet", "ukjent")
SNAPSHOT_MONTHS = (1, 3, 6, 9)
# activity type → report status; meetings and meeting notes are no activity
ACTIVITY_STATUS = {
    "stilling": "arbeid", "utdanning": "utdanning", "tiltak": "tiltak", "arbeidstrening": "tiltak",
    "jobbsoking": "annen_aktivitet", "egenaktivitet": "annen_aktivitet", "behandling": "annen_aktivitet",
    "jobbklubb": "annen_aktivitet",
}  # fmt: skip
_RANK = {status: rank for rank, status in enumerate(STATUSES)}
_NONE = _RANK["ingen_aktivitet"]


class RunLike(Protocol):
    """What the report reads of an activity (the deadline engine's ``ActivityFacts`` has it)."""

    @property
    def type(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def started_on(self) -> date | None: ...
    @property
    def to_date(self) -> date | None: ...
    @property
    def changed_on(self) -> date | None: ...


@dataclass(frozen=True, slots=True)
class Run:
    """An activity as far as the report needs it: its type and the days it ran."""

    type: str
    status: str
    started_on: date | None
    to_date: date | None
    changed_on: date | None


Span = tuple[date, date, int]  # first day, last day, rank of its status (lower: stronger)


def spans(runs: Iterable[RunLike]) -> list[Span]:
    """The days each started activity ran: from its start; a running one (Gjennomfører) has no end,
    a finished one (Fullført/Avbrutt) ends at the earlier of its end date and the day it was closed."""
    out = []
    for r in runs:
        status = ACTIVITY_STATUS.get(r.type)
        if status is None or r.started_on is None:
            continue
        if r.status == "gjennomforer":
            last = date.max
        elif r.status in ("fullfort", "avbrutt"):
            ends = [d for d in (r.to_date, r.changed_on) if d is not None]
            last = min(ends) if ends else date.max
        else:
            continue  # forslag, planlegger: not started
        out.append((r.started_on, last, _RANK[status]))
    return out


def span_status(day: date, running: Sequence[Span]) -> str:
    """The strongest activity running on the day, or ``ingen_aktivitet``."""
    best = _NONE
    for first, last, rank in running:
        if first <= day <= last and rank < best:
            best = rank
    return STATUSES[best]


def activity_status(day: date, runs: Iterable[RunLike]) -> str:
    """The strongest activity running on the day, or ``ingen_aktivitet``."""
    return span_status(day, spans(runs))


def status_on(day: date, running: Sequence[Span], closed_on: date | None, outcome_report: str | None) -> str:
    """The derived status on a day: the closing outcome's category once closed, else the activities
    (``running``: :func:`spans` of the youth's activities)."""
    if closed_on is not None and closed_on <= day:
        return outcome_report if outcome_report in _RANK else "ukjent"
    return span_status(day, running)


# --------------------------------------------------------------------------- spread


@dataclass(frozen=True)
class Spread:
    """Median and interquartile range (no minimum or maximum: they describe one person)."""

    n: int
    median: float | None
    q1: float | None
    q3: float | None


def spread(values: Sequence[int]) -> Spread:
    if not values:
        return Spread(0, None, None, None)
    ordered = sorted(values)
    if len(ordered) == 1:
        only = float(ordered[0])
        return Spread(1, only, only, only)
    q1, _mid, q3 = quantiles(ordered, n=4, method="inclusive")
    return Spread(len(ordered), float(median(ordered)), q1, q3)


# --------------------------------------------------------------------------- report tables


@dataclass
class CountTable:
    """Counts of people (rows × columns), with labels already in the report's language."""

    key: str
    title: str
    row_labels: list[str]
    col_labels: list[str]
    cells: Sequence[Sequence[int | None]]
    row_totals: bool = False
    col_totals: bool = True
    shares: bool = False  # a share column: the row's count (first column or row total) of the total
    protect: list[bool] | None = None
    notes_label: str = ""  # a text column after the counts (reference figures), never a count
    notes: list[str] = field(default_factory=list)
    chart: str = "bar"  # bar, line (columns as points: months) or none
    total_label: str = "Total"
    share_label: str = "Share"


@dataclass
class SpreadTable:
    """Medians with their spread; the number behind each is suppressed, and with it the figures."""

    key: str
    title: str
    row_labels: list[str]
    spreads: list[Spread]
    unit: str = ""
    # per row, how many people the row is about (the periods of the cohort): when fewer than the
    # threshold lack the event, the number with it is hidden too (it would give them away)
    bases: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    """A table as text, suppressed, ready to print, show or export; and its chart values."""

    key: str
    title: str
    header: list[str]
    rows: list[list[str]]
    chart: str
    series: list[str]  # what the chart draws: one series per count column
    categories: list[str]  # the chart's categories (row labels without the totals row)
    values: list[list[int | None]]  # per series, per category: the count or None (hidden)
    secondary: bool  # whether ":" appears (for the legend)
    hidden: bool


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def render(table: CountTable | SpreadTable, threshold: int, labels: dict[str, str] | None = None) -> Rendered:
    """The table as the outside world may see it (suppressed), with headers in the report's words."""
    words = {"n": "n", "median": "Median", "q1": "Lower quartile", "q3": "Upper quartile"} | (labels or {})
    if isinstance(table, SpreadTable):
        rows: list[list[str]] = []
        shown: list[int | None] = []
        hidden = False
        for label, s in zip(table.row_labels, table.spreads, strict=True):
            n = suppress_count(s.n, threshold)
            base = table.bases[len(rows)] if len(table.bases) > len(rows) else None
            if not n.hidden and base is not None and 0 < base - s.n < threshold:
                n = Figure(s.n, hidden=True, primary=False)
            hidden |= n.hidden
            if n.hidden and n.primary:
                rows.append([label, n.text(threshold), "", "", ""])
                shown.append(None)
            else:
                rows.append([label, n.text(threshold), _fmt(s.median), _fmt(s.q1), _fmt(s.q3)])
                shown.append(None if s.median is None else round(s.median))
        header = ["", words["n"], words["median"], words["q1"], words["q3"]]
        return Rendered(table.key, table.title, header, rows, "bar", [words["median"]], list(table.row_labels),
                        [shown], any(r[1] == SECONDARY_MARK for r in rows), hidden)  # fmt: skip
    sup: Suppressed = suppress(table.cells, threshold, row_totals=table.row_totals, col_totals=table.col_totals,
                               protect=table.protect, columns=len(table.col_labels))  # fmt: skip
    header = ["", *table.col_labels]
    if table.row_totals:
        header.append(table.total_label)
    if table.shares:
        header.append(table.share_label)
    if table.notes_label:
        header.append(table.notes_label)
    labels_ = [*table.row_labels, *([table.total_label] if table.col_totals else [])]
    grand: Figure | None = sup.cells[-1][-1] if table.col_totals else None
    rows = []
    for i, figures in enumerate(sup.cells):
        row = [labels_[i], *(f.text(threshold) for f in figures)]
        if table.shares:
            basis = figures[-1]
            row.append(percent(share(basis, grand)) if grand is not None else "")
        if table.notes_label:
            row.append(table.notes[i] if i < len(table.notes) else "")
        rows.append(row)
    inner = sup.cells[: len(table.row_labels)]
    series = list(table.col_labels)
    values = [[inner[i][j].shown for i in range(len(inner))] for j in range(len(table.col_labels))]
    if table.row_totals and table.chart == "bar":  # a two-way table's chart shows the rows' totals
        series, values = [table.total_label], [[row[-1].shown for row in inner]]
    return Rendered(table.key, table.title, header, rows, table.chart, series, list(table.row_labels), values,
                    sup.any_secondary, sup.any_hidden)  # fmt: skip
