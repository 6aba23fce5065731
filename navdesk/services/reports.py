"""The office report (issue 10): indicators for a period, for the office or one veileder.

Everything is computed from the data the office already keeps: the deadline engine's facts
(:func:`navdesk.services.deadline_facts.load_facts`) and its ``followup_8w`` result, the confirmed
status snapshots, the closing outcomes, the groups' attendance (through the jobbklubb helpers) and
the preventive activities. The result holds *counts* (:class:`navdesk.domain.reports.CountTable`);
every output renders them through :func:`navdesk.domain.reports.render`, which suppresses small
numbers, so no route out of the application shows them. No youth's name is ever part of a report.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from gettext import NullTranslations
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain import enums
from navdesk.domain.deadlines.engine import DONE, NOT_APPLICABLE, Deadline, _add_months, compute_all
from navdesk.domain.deadlines.facts import YouthFacts
from navdesk.domain.reports import (
    AGE_BANDS,
    SILENCE_BINS,
    SNAPSHOT_MONTHS,
    STATUSES,
    WEEK_BINS,
    CountTable,
    Rendered,
    Run,
    Spread,
    SpreadTable,
    activity_status,
    age_band,
    render,
    silence_bin,
    spread,
    status_on,
    week_bin,
)
from navdesk.domain.suppression import DEFAULT_THRESHOLD
from navdesk.domain.text import age_on
from navdesk.errors import InvalidInput
from navdesk.i18n import N_, language, translation
from navdesk.services import crud
from navdesk.services.clubs import club_detail
from navdesk.services.context import Actor
from navdesk.services.deadline_facts import load_facts
from navdesk.services.deadlines import decisions, rule_settings

REFERENCE_CASELOAD = {"veileder": 50, "jobbspesialist": 20}  # 001 L3131, L3267
MIN_THRESHOLD = 3
STARTED_ENROLMENT = ("deltar", "fullfort", "har_sluttet")
NOT_AN_ACTIVITY = ("mote", "samtalereferat")


@dataclass(frozen=True)
class ReportParams:
    start: date
    end: date
    veileder: str | None = None  # initials; None: the whole office
    lang: str | None = None  # nb, nn (en for tests); None: the language in use
    today: date | None = None  # the day the report is made (events after it are not known yet)


@dataclass
class Report:
    """The report's counts and medians, with labels in its language; render with :meth:`rendered`."""

    office: str
    scope: str  # the office's name or the veileder's initials
    params: ReportParams
    lang: str
    today: date
    threshold: int
    tables: list[CountTable | SpreadTable] = field(default_factory=list)
    words: dict[str, str] = field(default_factory=dict)
    definitions: list[tuple[str, str]] = field(default_factory=list)

    def rendered(self) -> list[Rendered]:
        return [render(t, self.threshold, self.words) for t in self.tables]


# --------------------------------------------------------------------------- settings


def threshold(session: Session) -> int:
    """The office's small-number threshold (default 5)."""
    value = session.scalar(select(m.Office.small_number_threshold))
    return int(value) if value else DEFAULT_THRESHOLD


def set_threshold(session: Session, actor: Actor, value: int) -> None:
    """Change the office's threshold (administrators; never below 3)."""
    from navdesk.i18n import _

    if actor.access_role is not enums.AccessRole.ADMIN:
        raise InvalidInput(_("Only an administrator may change the office's settings."))
    if not isinstance(value, int) or isinstance(value, bool) or value < MIN_THRESHOLD:
        raise InvalidInput(_("The threshold must be a whole number of {n} or more.").format(n=MIN_THRESHOLD))
    office = session.scalars(select(m.Office)).first()
    if office is None:
        raise InvalidInput(_("The database has no office yet."))
    crud.update(session, actor, office, None, small_number_threshold=value)


def derived_status(session: Session, period_id: uuid.UUID, months: int) -> str:
    """The status the report derives for a period ``months`` after registration (the proposal the
    veileder confirms or corrects for the ``outcome_snapshot`` deadline)."""
    from navdesk.i18n import _

    period = session.get(m.FollowUpPeriod, period_id)
    if period is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    facts = load_facts(session, [period.youth_id])[0]
    found = next(p for p in facts.periods if p.id == period_id.hex)
    runs = [Run(a.type, a.status, a.started_on, a.to_date, a.changed_on) for a in facts.activities]
    return status_on(
        _add_months(found.registration_date, months), runs, found.closed_on, found.outcome_report
    )


def confirm_status(
    session: Session, actor: Actor, period_id: uuid.UUID, months: int, status: enums.ReportStatus | str
) -> None:
    """Record (or correct) the status for month 1, 3, 6 or 9: meets that ``outcome_snapshot`` deadline."""
    from navdesk.i18n import _
    from navdesk.services.context import coerce_enum

    if months not in SNAPSHOT_MONTHS:
        raise InvalidInput(_("The status is recorded 1, 3, 6 or 9 months after registration."))
    chosen = coerce_enum(enums.ReportStatus, status, _("status"))
    if session.get(m.FollowUpPeriod, period_id) is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    row = session.scalars(select(m.StatusSnapshot).where(
        m.StatusSnapshot.period_id == period_id, m.StatusSnapshot.month == months)).first()  # fmt: skip
    if row is None:
        crud.create(session, actor, m.StatusSnapshot, period_id=period_id, month=months, status=chosen,
                    confirmed_by_id=actor.user_id)  # fmt: skip
    elif row.status is not chosen:
        crud.update(session, actor, row, None, status=chosen, confirmed_by_id=actor.user_id)


def record_export(session: Session, actor: Actor, report: Report, files: list[str]) -> None:
    """Audit that the report (or its tables) left the application, and as which files."""
    from navdesk.services import audit

    p = report.params
    audit.record(session, actor, "print", "report", None,
                 after={"document": "report", "from": p.start.isoformat(), "to": p.end.isoformat(),
                        "veileder": report.scope if p.veileder else None, "lang": report.lang,
                        "threshold": report.threshold, "files": files})  # fmt: skip


def veileder_choices(session: Session) -> list[tuple[str, str]]:
    """(initials, "initials – name") of the users who may hold a caseload, for the scope picker."""
    users = session.scalars(select(m.User).where(m.User.active.is_(True)).order_by(m.User.initials))
    return [(u.initials, f"{u.initials} – {u.name}") for u in users]


# --------------------------------------------------------------------------- computing


@dataclass
class _Period:
    id: str
    youth: YouthFacts
    registration: date
    closed_on: date | None
    outcome_report: str | None
    outcome_id: str | None
    route: str
    innsats: str | None


def _hex(value: Any) -> str:
    if value is None:
        return ""
    return value.hex if isinstance(value, uuid.UUID) else str(value).replace("-", "").lower()


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def build_report(session: Session, params: ReportParams) -> Report:
    """Compute every indicator for the period ``[start, end]`` (both days included)."""
    tr = translation(params.lang or language())
    _ = tr.gettext
    lang = params.lang or language()
    if params.end < params.start:
        raise InvalidInput(_("The period ends before it starts."))
    today = params.today or date.today()
    as_of = min(params.end, today)
    office = session.scalar(select(m.Office.name)) or ""
    users = {u.id: u for u in session.scalars(select(m.User))}
    scope_user: m.User | None = None
    if params.veileder:
        wanted = params.veileder.strip().upper()
        scope_user = next((u for u in users.values() if u.initials.upper() == wanted), None)
        if scope_user is None:
            raise InvalidInput(_("No user has the initials {initials}.").format(initials=params.veileder))
    report = Report(
        office, scope_user.initials if scope_user else office, params, lang, today, threshold(session)
    )
    report.words = {
        "median": _("Median"),
        "q1": _("Lower quartile"),
        "q3": _("Upper quartile"),
        "n": _("Number"),
    }

    youths = load_facts(session)
    if scope_user is not None:
        youths = [y for y in youths if y.veileder_id == scope_user.id]
    routes: dict[str, tuple[str, str]] = {}
    for pid, kind, outcome_id in session.execute(
        select(m.FollowUpPeriod.id, m.FollowUpPeriod.contact_route, m.FollowUpPeriod.outcome_id)
    ):
        routes[_hex(pid)] = (str(getattr(kind, "value", kind)), _hex(outcome_id))
    periods: list[_Period] = []
    for y in youths:
        for p in y.periods:
            route, outcome = routes.get(p.id, ("nav_no", ""))
            periods.append(_Period(p.id, y, p.registration_date, p.closed_on, p.outcome_report, outcome or None,
                                   route, p.innsats[-1][1] if p.innsats else None))  # fmt: skip
    cohort = [p for p in periods if params.start <= p.registration <= params.end]
    runs = {y.id: [Run(a.type, a.status, a.started_on, a.to_date, a.changed_on) for a in y.activities]
            for y in youths}  # fmt: skip

    _followup(session, report, tr, youths, cohort, today)
    _days_to(report, tr, cohort, runs, today)
    _status(session, report, tr, cohort, runs, today)
    _caseload(session, report, tr, periods, users, scope_user, as_of)
    _inactive(report, tr, periods, runs, as_of)
    _outcomes(session, report, tr, periods, params)
    _routes(report, tr, cohort)
    _clubs(session, report, tr, youths, params)
    _preventive(session, report, tr, params, scope_user is not None)
    report.definitions = _definitions(tr, report.threshold)
    return report


def _followup(session: Session, report: Report, tr: NullTranslations, youths: list[YouthFacts],
              cohort: list[_Period], today: date) -> None:  # fmt: skip
    """8-week follow-up in the evaluation's bins, from the deadline engine's ``followup_8w``."""
    _ = tr.gettext
    settings = rule_settings(session)
    wanted = {p.id for p in cohort}
    subjects = [y for y in youths if any(p.id in wanted for p in y.periods)]
    chosen = decisions(session, [y.id for y in subjects]) if subjects else {}
    by_period: dict[str, Deadline] = {}
    for deadline in compute_all(subjects, today, {"followup_8w": settings["followup_8w"]}, chosen):
        by_period[deadline.subject_id or ""] = deadline
    counts: Counter[str] = Counter()
    closed_by = {p.id: p.closed_on for p in cohort}
    for p in cohort:
        d = by_period.get(p.id)
        if d is None:
            counts["age"] += 1  # 30 or older on the registration day: no deadline
            continue
        closed = closed_by[p.id]
        if d.state == DONE and d.met_on is not None and (closed is None or d.met_on <= closed):
            counts[week_bin(max(0, (d.met_on - p.registration).days))] += 1
        elif d.state == NOT_APPLICABLE and d.detail == "work_or_school":
            counts["n/a"] += 1
        elif closed is not None:
            counts["closed"] += 1
        else:
            counts["open"] += 1
    labels = [_("1–2 weeks"), _("3–4 weeks"), _("5–7 weeks"), _("8 weeks"), _("More than 8 weeks"),
              _("Not followed up yet (open)"), _("Closed without follow-up"),
              _("Not applicable: in work or education"), _("Not applicable: 30 or older")]  # fmt: skip
    keys = [*WEEK_BINS, "open", "closed", "n/a", "age"]
    report.tables.append(CountTable(
        "followup_8w", _("Follow-up after registration (8-week rule)"), labels, [_("Periods")],
        [[counts[k]] for k in keys], shares=True, total_label=_("Total"), share_label=_("Share"),
    ))  # fmt: skip


def _first_events(p: _Period, today: date) -> tuple[date | None, date | None]:
    """The period's first contact (held contact or meeting) and first activity started, up to its end."""
    y = p.youth
    last = min(p.closed_on or today, today)
    contact = [c.day for c in y.contacts if c.outcome == "gjennomfort" and p.registration <= c.day <= last]
    contact += [
        mt.day for mt in y.meetings if mt.status == "gjennomfort" and p.registration <= mt.day <= last
    ]
    started = [a.started_on for a in y.activities if a.started_on and a.type not in NOT_AN_ACTIVITY
               and p.registration <= a.started_on <= last]  # fmt: skip
    started += [e.start_date for e in y.enrolments if e.start_date and e.status in STARTED_ENROLMENT
                and p.registration <= e.start_date <= last]  # fmt: skip
    return (min(contact) if contact else None, min(started) if started else None)


def _days_to(report: Report, tr: NullTranslations, cohort: list[_Period], runs: Any, today: date) -> None:
    _ = tr.gettext
    to_contact: list[int] = []
    to_activity: list[int] = []
    for p in cohort:
        contact, activity = _first_events(p, today)
        if contact is not None:
            to_contact.append((contact - p.registration).days)
        if activity is not None:
            to_activity.append((activity - p.registration).days)
    report.tables.append(SpreadTable(
        "days_to_first", _("Days from registration to first contact and first activity"),
        [_("First contact"), _("First activity")], [spread(to_contact), spread(to_activity)], _("days"),
        [len(cohort), len(cohort)],
    ))  # fmt: skip


def _status(session: Session, report: Report, tr: NullTranslations, cohort: list[_Period], runs: Any,
            today: date) -> None:  # fmt: skip
    """Status 1, 3, 6, 9 months after registration: confirmed where the veileder did, else derived."""
    _ = tr.gettext
    confirmed: dict[tuple[str, int], str] = {}
    if cohort:
        for pid, month, status in session.execute(
            select(m.StatusSnapshot.period_id, m.StatusSnapshot.month, m.StatusSnapshot.status)
        ):
            confirmed[(_hex(pid), int(month))] = str(status.value if hasattr(status, "value") else status)
    grid = {s: [0] * len(SNAPSHOT_MONTHS) for s in STATUSES}
    confirmed_n = [0] * len(SNAPSHOT_MONTHS)
    corrected_n = [0] * len(SNAPSHOT_MONTHS)
    for p in cohort:
        for j, months in enumerate(SNAPSHOT_MONTHS):
            day = _add_months(p.registration, months)
            if day > today:
                continue  # not due yet
            derived = status_on(day, runs[p.youth.id], p.closed_on, p.outcome_report)
            own = confirmed.get((p.id, months))
            if own is not None:
                confirmed_n[j] += 1
                corrected_n[j] += own != derived
            grid[own or derived][j] += 1
    labels = [enums.ReportStatus(s) for s in STATUSES]
    report.tables.append(CountTable(
        "status_months", _("Status 1, 3, 6 and 9 months after registration"),
        [tr.gettext(enums._LABELS[s]) for s in labels],
        [_("{n} months").format(n=n) if n > 1 else _("1 month") for n in SNAPSHOT_MONTHS],
        [grid[s] for s in STATUSES], chart="line", total_label=_("Total"),
    ))  # fmt: skip
    report.tables.append(CountTable(
        "status_confirmed", _("Statuses confirmed by the veileder"),
        [_("Confirmed"), _("Of which corrected")],
        [_("{n} months").format(n=n) if n > 1 else _("1 month") for n in SNAPSHOT_MONTHS],
        [confirmed_n, corrected_n], col_totals=False, chart="none",
    ))  # fmt: skip


def _open_on(p: _Period, day: date) -> bool:
    return p.registration <= day and (p.closed_on is None or p.closed_on > day)


def _caseload(session: Session, report: Report, tr: NullTranslations, periods: list[_Period],
              users: dict[uuid.UUID, m.User], scope_user: m.User | None, as_of: date) -> None:  # fmt: skip
    """Youths with an open period on the report's last day, per current veileder."""
    _ = tr.gettext
    ytelse_names = {
        c.code: (c.label_nn or c.label_nb) if report.lang == "nn" else c.label_nb
        for c in session.scalars(select(m.CatalogueEntry).where(m.CatalogueEntry.kind == "ytelse")
                                 .order_by(m.CatalogueEntry.sort_order))
    }  # fmt: skip
    ages: dict[uuid.UUID | None, Counter[str]] = defaultdict(Counter)
    groups: dict[uuid.UUID | None, Counter[str]] = defaultdict(Counter)
    benefits: dict[uuid.UUID | None, Counter[str]] = defaultdict(Counter)
    seen: set[uuid.UUID] = set()
    for p in periods:
        y = p.youth
        if not _open_on(p, as_of) or y.id in seen:
            continue
        seen.add(y.id)
        owner = y.veileder_id
        ages[owner][age_band(age_on(y.birth_date, as_of))] += 1
        groups[owner][p.innsats or "none"] += 1
        running = {
            b.ytelse
            for b in y.benefits
            if b.start_date <= as_of and (b.end_date is None or b.end_date >= as_of)
        }
        for code in running or {"none"}:
            benefits[owner][code] += 1
    holders = [
        u for u in users.values() if u.id in ages or (u.active and u.job_role.value in REFERENCE_CASELOAD)
    ]
    if scope_user is not None:
        holders = [scope_user]
    holders.sort(key=lambda u: u.initials)
    owners: list[uuid.UUID | None] = [u.id for u in holders]
    row_labels = [f"{u.initials} ({tr.gettext(enums._LABELS[u.job_role])})" for u in holders]
    if scope_user is None and None in ages:
        owners.append(None)
        row_labels.append(_("No veileder"))
    notes = []
    for owner in owners:
        user = users.get(owner) if owner else None
        ref = REFERENCE_CASELOAD.get(user.job_role.value) if user else None
        notes.append(
            _("about {n}").format(n=ref) if ref == 50 else _("at most {n}").format(n=ref) if ref else ""
        )
    report.tables.append(CountTable(
        "caseload_age", _("Caseload per veileder by age"), row_labels,
        [_("Under 20"), _("20–24"), _("25–29"), _("30 or older")],
        [[ages[o][b] for b in AGE_BANDS] for o in owners], row_totals=True, total_label=_("Total"),
        notes_label=_("Reference"), notes=notes,
    ))  # fmt: skip
    group_keys = [g.value for g in enums.Innsatsgruppe] + ["none"]
    report.tables.append(CountTable(
        "caseload_innsats", _("Caseload per veileder by innsatsgruppe"), row_labels,
        [tr.gettext(enums._LABELS[enums.Innsatsgruppe(g)]) for g in group_keys[:-1]] + [_("Not decided")],
        [[groups[o][g] for g in group_keys] for o in owners], row_totals=True, total_label=_("Total"), chart="none",
    ))  # fmt: skip
    codes = [c for c in ytelse_names if any(benefits[o][c] for o in owners)] + ["none"]
    report.tables.append(CountTable(
        "caseload_ytelse", _("Caseload per veileder by benefit (ytelse)"), row_labels,
        [ytelse_names.get(c, c) for c in codes[:-1]] + [_("No benefit")],
        [[benefits[o][c] for c in codes] for o in owners], col_totals=True, chart="none",
    ))  # fmt: skip


def _inactive(report: Report, tr: NullTranslations, periods: list[_Period], runs: Any, as_of: date) -> None:
    """Youths in follow-up on the last day without any running activity, by days since last contact."""
    _ = tr.gettext
    counts: Counter[str] = Counter()
    seen: set[uuid.UUID] = set()
    for p in periods:
        y = p.youth
        if not _open_on(p, as_of) or y.id in seen:
            continue
        seen.add(y.id)
        if activity_status(as_of, runs[y.id]) != "ingen_aktivitet":
            continue
        days = [c.day for c in y.contacts if c.day <= as_of]
        counts[silence_bin((as_of - max(days)).days if days else None)] += 1
    labels = [_("0–7 days"), _("8–30 days"), _("31–90 days"), _("91–182 days"), _("More than 182 days"),
              _("No contact recorded")]  # fmt: skip
    report.tables.append(CountTable(
        "inactive", _("Youths without a current activity, by days since last contact"), labels, [_("Youths")],
        [[counts[k]] for k in SILENCE_BINS], shares=True, total_label=_("Total"), share_label=_("Share"),
    ))  # fmt: skip


def _outcomes(session: Session, report: Report, tr: NullTranslations, periods: list[_Period],
              params: ReportParams) -> None:  # fmt: skip
    _ = tr.gettext
    entries = list(session.scalars(select(m.CatalogueEntry).where(m.CatalogueEntry.kind == "outcome")
                                   .order_by(m.CatalogueEntry.sort_order, m.CatalogueEntry.code)))  # fmt: skip
    counts: Counter[str] = Counter(
        p.outcome_id or "" for p in periods if _in(p.closed_on, params.start, params.end)
    )
    rows = [e for e in entries if not e.hidden or counts[_hex(e.id)]]
    labels = [(e.label_nn or e.label_nb) if report.lang == "nn" else e.label_nb for e in rows]
    cells = [[counts[_hex(e.id)]] for e in rows]
    if counts[""]:
        labels.append(_("No outcome recorded"))
        cells.append([counts[""]])
    report.tables.append(CountTable(
        "outcomes", _("Outcomes of the periods closed in the report period"), labels, [_("Periods")], cells,
        shares=True, total_label=_("Total"), share_label=_("Share"),
    ))  # fmt: skip


def _routes(report: Report, tr: NullTranslations, cohort: list[_Period]) -> None:
    """Contact routes as a two-column table (proactive, reactive): the groups' totals are columns, so a
    hidden route cannot be worked out from its group's total."""
    _ = tr.gettext
    counts = Counter(p.route for p in cohort)
    routes = list(enums.ContactRoute)
    cells: list[list[int | None]] = [
        [counts[r.value], None] if r.proactive else [None, counts[r.value]] for r in routes
    ]
    report.tables.append(CountTable(
        "routes", _("Contact routes of the periods registered in the report period"),
        [tr.gettext(enums._LABELS[r]) for r in routes], [_("Proactive"), _("Reactive")], cells,
        row_totals=True, total_label=_("Total"),
    ))  # fmt: skip


def _clubs(session: Session, report: Report, tr: NullTranslations, youths: list[YouthFacts],
           params: ReportParams) -> None:  # fmt: skip
    """Jobbklubb and other groups with samlinger in the period: participants, attendance, days to start."""
    _ = tr.gettext
    scope = {y.id for y in youths}
    clubs = session.execute(
        select(m.Club.id, m.Club.name).join(m.ClubSession, m.ClubSession.club_id == m.Club.id)
        .where(func.date(m.ClubSession.starts_at) >= params.start, func.date(m.ClubSession.starts_at) <= params.end)
        .group_by(m.Club.id, m.Club.name).order_by(m.Club.name)
    ).all()  # fmt: skip
    names: list[str] = []
    cells: list[list[int | None]] = []
    notes: list[str] = []
    starts: list[int] = []
    for club_id, name in clubs:
        detail = club_detail(session, club_id, report.lang)
        people = [p for p in detail.participants if p.youth_id in scope]
        if not people:
            continue
        enrolments = {p.enrolment_id for p in people}
        in_period = {s.id for s in detail.sessions if not s.cancelled and params.start <= s.day <= params.end}
        marks = [v for (sid, eid), v in detail.marks.items() if sid in in_period and eid in enrolments]
        attended = sum(1 for v in marks if v in ("til_stede", "kom_for_sent"))
        names.append(name)
        cells.append([len(people)])
        starts.extend(d for p in people if (d := p.days_to_start) is not None and d >= 0)
        if len(people) >= report.threshold and marks:
            notes.append(
                _("{rate} % attendance in {n} marks").format(
                    rate=round(100 * attended / len(marks)), n=len(marks)
                )
            )
        else:
            notes.append("")
    report.tables.append(CountTable(
        "clubs", _("Group courses with samlinger in the period"), names, [_("Participants")], cells,
        notes_label=_("Attendance rate"), notes=notes, total_label=_("Total"),
    ))  # fmt: skip
    report.tables.append(SpreadTable(
        "club_start", _("Days from registration to start in a group"), [_("Start in a group")], [spread(starts)],
        _("days"),
    ))  # fmt: skip


def _preventive(
    session: Session, report: Report, tr: NullTranslations, params: ReportParams, scoped: bool
) -> None:
    """Preventive activities held in the period (office level: shown for the office only)."""
    _ = tr.gettext
    counts: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    if not scoped:
        for kind, people in session.execute(select(m.PreventiveActivity.kind, m.PreventiveActivity.reached).where(
                m.PreventiveActivity.held_on >= params.start, m.PreventiveActivity.held_on <= params.end)):  # fmt: skip
            counts[kind] += 1
            reached[kind] += int(people or 0)
    kinds = sorted(counts)
    report.tables.append(CountTable(
        "preventive", _("Preventive activities and how many they reached"), kinds, [_("Held"), _("Reached")],
        [[counts[k], reached[k]] for k in kinds], protect=[False, True], total_label=_("Total"),
    ))  # fmt: skip


def _definitions(tr: NullTranslations, threshold_: int) -> list[tuple[str, str]]:
    _ = tr.gettext
    return [(_(title), _(text).format(n=threshold_)) for title, text in DEFINITIONS]


DEFINITIONS = [
    (N_("Follow-up after registration (8-week rule)"),
     N_("Follow-up periods registered in the report period, for youths under 30 on the registration day. "
        "Days from registration to the first event that met the office's followup_8w rule (the same as the "
        "deadline list), in the evaluation's bins: 0–14 days 1–2 weeks, 15–28 3–4, 29–49 5–7, 50–56 8, more "
        "than 56 more than 8 weeks. An event after the period was closed does not count; a reopened period is "
        "a new period with its own clock. Youths in work or education at registration are not counted.")),
    (N_("Days from registration to first contact and first activity"),
     N_("Median and quartiles of the days from registration to the first contact held (or meeting held), "
        "and to the first activity started (or start in a group), within the period. No minimum or maximum: "
        "they describe one person.")),
    (N_("Status 1, 3, 6 and 9 months after registration"),
     N_("For each period registered in the report period and each month already reached: the status the "
        "veileder confirmed for that month (the outcome_snapshot deadline) or, when not confirmed, the status "
        "derived for that day: the closing outcome's category if the period was closed, else the strongest "
        "activity running that day (work > education > tiltak > other activity), else no activity.")),
    (N_("Caseload per veileder"),
     N_("Youths with a follow-up period open on the last day of the report period, by their current "
        "veileder; age on that day; the latest innsatsgruppe decision; benefits running that day (a youth "
        "with two benefits counts under both). Reference: about 50 per youth veileder, at most 20 per "
        "jobbspesialist (001 L3131, L3267).")),
    (N_("Youths without a current activity"),
     N_("Youths in follow-up on the last day with no activity running that day, by days since their last "
        "contact.")),
    (N_("Outcomes of the periods closed in the report period"),
     N_("The outcome recorded when a period was closed in the report period.")),
    (N_("Contact routes of the periods registered in the report period"),
     N_("How the youth came to NAV. Proactive: OT, school, child welfare or outreach reached out; reactive: "
        "the youth, parents, NAV.no, social assistance or health (003 Table 2).")),
    (N_("Group courses with samlinger in the period"),
     N_("Participants (all enrolments) of each group with samlinger in the period; attendance rate: present "
        "or late among all marks in the period's samlinger; days from the period's registration to start.")),
    (N_("Preventive activities and how many they reached"),
     N_("Talks, fairs and meetings held in the period (office level), with the number of people reached.")),
    (N_("Small numbers"),
     N_("Any count of people below {n} is shown as \"< {n}\", and shares and medians built on it are not "
        "shown. A count marked \":\" is hidden as well, so that a hidden number cannot be worked out from "
        "the totals. The report contains no names.")),
]  # fmt: skip


__all__ = [
    "Report",
    "ReportParams",
    "Spread",
    "build_report",
    "set_threshold",
    "threshold",
    "veileder_choices",
]
