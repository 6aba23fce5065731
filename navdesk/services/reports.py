"""The office report (issue 10): indicators for a period, for the office or one veileder.

Everything is computed from the data the office already keeps: the deadline engine's facts
(:func:`navdesk.services.deadline_facts.load_facts`) and its ``followup_8w`` result, the confirmed
status snapshots, the closing outcomes, the groups' attendance (through the jobbklubb helpers) and
the preventive activities. The result holds *counts* (:class:`navdesk.domain.reports.CountTable`);
every output renders them through :func:`navdesk.domain.reports.render`, which suppresses small
numbers, so no route out of the application shows them. No youth's name is ever part of a report.
"""

from __future__ import annotations

import json
import uuid
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from gettext import NullTranslations
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain import enums
from navdesk.domain.deadlines.engine import DONE, NOT_APPLICABLE, Deadline, _add_months, compute_all
from navdesk.domain.deadlines.facts import (
    ActivityFacts,
    BenefitFacts,
    ContactFacts,
    EnrolmentFacts,
    MeetingFacts,
    PeriodFacts,
    YouthFacts,
)
from navdesk.domain.deadlines.rules import RuleSetting
from navdesk.domain.person import age_band
from navdesk.domain.reports import (
    AGE_BANDS,
    SILENCE_BINS,
    SNAPSHOT_MONTHS,
    STATUSES,
    WEEK_BINS,
    CountTable,
    Rendered,
    Span,
    Spread,
    SpreadTable,
    render,
    silence_bin,
    span_status,
    spans,
    spread,
    status_on,
    week_bin,
)
from navdesk.domain.suppression import DEFAULT_THRESHOLD
from navdesk.domain.text import age_on, oslo_day
from navdesk.errors import InvalidInput, PermissionDenied
from navdesk.i18n import N_, language, translation
from navdesk.services import crud
from navdesk.services.clubs import club_detail
from navdesk.services.context import Actor
from navdesk.services.deadline_facts import (
    Q_ACTIVITY,
    Q_BENEFIT,
    Q_ENROLMENT,
    Q_INNSATS,
    Q_MEETING,
    dialect_sql,
    load_facts,
)
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
        raise PermissionDenied(_("Only an administrator may change the office's settings."))
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
    return status_on(_add_months(found.registration_date, months), spans(facts.activities), found.closed_on,
                     found.outcome_report)  # fmt: skip


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
class _Office:
    """What the report reads, loaded with one plain SQL query per table (as the deadline engine's facts,
    :mod:`navdesk.services.deadline_facts`, but only the columns the report needs)."""

    youths: list[YouthFacts]
    veileder: dict[uuid.UUID, str]  # youth → its veileder's id as hex ("" for none)
    periods: list[_Period]
    contact_days: dict[uuid.UUID, list[date]]  # every contact, oldest first
    held_days: dict[uuid.UUID, list[date]]  # contacts held (gjennomført), oldest first
    snapshots: dict[tuple[str, int], str]


Q_YOUTH = "SELECT I(y.id), D(y.birth_date), I(y.veileder_id) FROM youth y"
Q_PERIOD = """SELECT I(p.id), I(p.youth_id), D(p.registration_date), p.situation, p.intensity, D(p.closed_on),
  c.attrs, I(p.outcome_id), p.contact_route FROM follow_up_period p LEFT JOIN catalogue_entry c ON c.id = p.outcome_id"""
Q_CONTACT = (
    "SELECT I(c.youth_id), T(c.at), c.outcome FROM contact c"  # unsorted: sorting per youth is cheaper
)
Q_SNAPSHOT = "SELECT I(s.period_id), s.month, s.status FROM status_snapshot s"


def _load(session: Session, contacts_meet: bool) -> _Office:
    """The office's youths as the deadline engine's facts (periods, meetings, activities, enrolments,
    benefits; contacts only when the office lets a contact meet the 8-week rule) and the contact days.

    Written out like :func:`navdesk.services.deadline_facts.load_facts`: it runs for every row of a
    50,000-youth office.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    raw = session.connection().connection.dbapi_connection
    assert raw is not None

    def run(sql: str) -> list[Any]:
        cursor = raw.cursor()
        try:
            cursor.execute(dialect_sql(sql.format(w="", a=""), sqlite))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    day = date.fromisoformat
    days: dict[str, date] = {}

    def local_day(at: str) -> date:  # a UTC time as text → the Oslo day (cf. navdesk.domain.text.oslo_day)
        if at[11:13] < "22":
            found = days.get(at[:10])
            if found is None:
                found = days[at[:10]] = day(at[:10])
            return found
        return oslo_day(datetime.fromisoformat(at + "+00:00"))

    innsats: defaultdict[str, list[tuple[date, str]]] = defaultdict(list)
    for pid, decided, group in run(Q_INNSATS):
        innsats[pid].append((day(decided), group))
    snapshots = {(pid, int(month)): str(status) for pid, month, status in run(Q_SNAPSHOT)}
    months: defaultdict[str, set[int]] = defaultdict(set)
    for pid, month in snapshots:
        months[pid].add(month)
    period_rows: defaultdict[str, list[Any]] = defaultdict(list)
    for row in run(Q_PERIOD):
        period_rows[row[1]].append(row)
    contact_days: defaultdict[str, list[date]] = defaultdict(list)
    held_days: defaultdict[str, list[date]] = defaultdict(list)
    held_facts: defaultdict[str, list[ContactFacts]] = defaultdict(list)
    for yid, at, outcome in run(Q_CONTACT):
        on = local_day(at)
        contact_days[yid].append(on)
        if outcome == "gjennomfort":
            held_days[yid].append(on)
            if contacts_meet:
                held_facts[yid].append(
                    ContactFacts("", datetime.fromisoformat(at + "+00:00"), on, "", outcome)
                )
    meetings: defaultdict[str, list[MeetingFacts]] = defaultdict(list)
    for mid, yid, starts, status in run(Q_MEETING):
        meetings[yid].append(MeetingFacts(mid, local_day(starts), status))
    activities: defaultdict[str, list[ActivityFacts]] = defaultdict(list)
    for aid, yid, kind, status, _title, started, to, changed in run(Q_ACTIVITY):
        activities[yid].append(ActivityFacts(aid, kind, status, "", day(started) if started else None,
                                             day(to) if to else None, local_day(changed)))  # fmt: skip
    enrolments: defaultdict[str, list[EnrolmentFacts]] = defaultdict(list)
    for yid, club, start, status in run(Q_ENROLMENT):
        enrolments[yid].append(EnrolmentFacts(club, day(start) if start else None, status))
    benefits: defaultdict[str, list[BenefitFacts]] = defaultdict(list)
    for bid, yid, code, start, end in run(Q_BENEFIT):
        benefits[yid].append(BenefitFacts(bid, code, day(start), day(end) if end else None))

    office = _Office([], {}, [], {}, {}, snapshots)
    for key, born, veileder in run(Q_YOUTH):
        yid = uuid.UUID(key)
        facts = []
        for pid, _y, reg, situation, intensity, closed, attrs, outcome_id, route in period_rows.get(key, ()):
            if isinstance(attrs, str):
                attrs = json.loads(attrs)
            facts.append(PeriodFacts(pid, day(reg), situation, intensity, day(closed) if closed else None,
                                     attrs.get("report") if attrs else None, tuple(innsats.get(pid, ())),
                                     frozenset(months.get(pid, ()))))  # fmt: skip
            office.periods.append(_Period(pid, key, yid, facts[-1].registration_date, facts[-1].closed_on,
                                          facts[-1].outcome_report, outcome_id or None, route,
                                          innsats[pid][-1][1] if innsats.get(pid) else None))  # fmt: skip
        youth = YouthFacts(id=yid, name="", initials="", birth_date=day(born), veileder_id=None,
                           periods=tuple(facts), contacts=tuple(held_facts.get(key, ())),
                           meetings=tuple(meetings.get(key, ())), activities=tuple(activities.get(key, ())),
                           enrolments=tuple(enrolments.get(key, ())), benefits=tuple(benefits.get(key, ())))  # fmt: skip
        office.youths.append(youth)
        office.veileder[yid] = veileder or ""
        office.contact_days[yid] = sorted(contact_days.get(key, ()))
        office.held_days[yid] = sorted(held_days.get(key, ()))
    return office


@dataclass
class _Period:
    id: str
    key: str  # the youth's id as hex
    youth: uuid.UUID
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

    settings = rule_settings(session)
    office_data = _load(session, "contact_held" in settings["followup_8w"].params.get("met_by", []))
    if scope_user is not None:
        mine = scope_user.id.hex
        office_data.youths = [y for y in office_data.youths if office_data.veileder[y.id] == mine]
        office_data.periods = [p for p in office_data.periods if office_data.veileder[p.youth] == mine]
    youths = office_data.youths
    by_id = {y.id: y for y in youths}
    periods = office_data.periods
    cohort = [p for p in periods if params.start <= p.registration <= params.end]
    runs = {y.id: spans(y.activities) for y in youths}

    _followup(session, report, tr, settings, by_id, cohort, today)
    _days_to(report, tr, cohort, by_id, office_data.held_days, today)
    _status(report, tr, cohort, runs, office_data.snapshots, today)
    _caseload(session, report, tr, periods, by_id, office_data.veileder, users, scope_user, as_of)
    _inactive(report, tr, periods, runs, office_data.contact_days, as_of)
    _outcomes(session, report, tr, periods, params)
    _routes(report, tr, cohort)
    _clubs(session, report, tr, youths, params)
    _preventive(session, report, tr, params, scope_user is not None)
    report.definitions = _definitions(tr, report.threshold)
    return report


def _followup(session: Session, report: Report, tr: NullTranslations, settings: dict[str, RuleSetting],
              by_id: dict[uuid.UUID, YouthFacts], cohort: list[_Period], today: date) -> None:  # fmt: skip
    """8-week follow-up in the evaluation's bins, from the deadline engine's ``followup_8w``."""
    _ = tr.gettext
    subjects = [by_id[y] for y in dict.fromkeys(p.youth for p in cohort)]
    chosen = decisions(session, rule="followup_8w") if subjects else {}
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


def _first_events(
    p: _Period, y: YouthFacts, held: list[date], today: date
) -> tuple[date | None, date | None]:
    """The period's first contact (held contact or meeting) and first activity started, up to its end."""
    last = min(p.closed_on or today, today)
    contact = [d for d in held[bisect_left(held, p.registration) :] if d <= last][:1]
    contact += [
        mt.day for mt in y.meetings if mt.status == "gjennomfort" and p.registration <= mt.day <= last
    ]
    started = [a.started_on for a in y.activities if a.started_on and a.type not in NOT_AN_ACTIVITY
               and p.registration <= a.started_on <= last]  # fmt: skip
    started += [e.start_date for e in y.enrolments if e.start_date and e.status in STARTED_ENROLMENT
                and p.registration <= e.start_date <= last]  # fmt: skip
    return (min(contact) if contact else None, min(started) if started else None)


def _days_to(report: Report, tr: NullTranslations, cohort: list[_Period], by_id: dict[uuid.UUID, YouthFacts],
             held: dict[uuid.UUID, list[date]], today: date) -> None:  # fmt: skip
    _ = tr.gettext
    to_contact: list[int] = []
    to_activity: list[int] = []
    for p in cohort:
        contact, activity = _first_events(p, by_id[p.youth], held[p.youth], today)
        if contact is not None:
            to_contact.append((contact - p.registration).days)
        if activity is not None:
            to_activity.append((activity - p.registration).days)
    report.tables.append(SpreadTable(
        "days_to_first", _("Days from registration to first contact and first activity"),
        [_("First contact"), _("First activity")], [spread(to_contact), spread(to_activity)], _("days"),
        [len(cohort), len(cohort)],
    ))  # fmt: skip


def _status(report: Report, tr: NullTranslations, cohort: list[_Period], runs: dict[uuid.UUID, list[Span]],
            confirmed: dict[tuple[str, int], str], today: date) -> None:  # fmt: skip
    """Status 1, 3, 6, 9 months after registration: confirmed where the veileder did, else derived."""
    _ = tr.gettext
    grid = {s: [0] * len(SNAPSHOT_MONTHS) for s in STATUSES}
    confirmed_n = [0] * len(SNAPSHOT_MONTHS)
    corrected_n = [0] * len(SNAPSHOT_MONTHS)
    for p in cohort:
        for j, months in enumerate(SNAPSHOT_MONTHS):
            day = _add_months(p.registration, months)
            if day > today:
                continue  # not due yet
            derived = status_on(day, runs[p.youth], p.closed_on, p.outcome_report)
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
              by_id: dict[uuid.UUID, YouthFacts], veileder: dict[uuid.UUID, str], users: dict[uuid.UUID, m.User],
              scope_user: m.User | None, as_of: date) -> None:  # fmt: skip
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
    owner_ids = {u.id.hex: u.id for u in users.values()}
    for p in periods:
        if not _open_on(p, as_of) or p.youth in seen:
            continue
        seen.add(p.youth)
        y = by_id[p.youth]
        owner = owner_ids.get(veileder[p.youth])
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


def _inactive(report: Report, tr: NullTranslations, periods: list[_Period], runs: dict[uuid.UUID, list[Span]],
              contact_days: dict[uuid.UUID, list[date]], as_of: date) -> None:  # fmt: skip
    """Youths in follow-up on the last day without any running activity, by days since last contact."""
    _ = tr.gettext
    counts: Counter[str] = Counter()
    seen: set[uuid.UUID] = set()
    for p in periods:
        if not _open_on(p, as_of) or p.youth in seen:
            continue
        seen.add(p.youth)
        if span_status(as_of, runs[p.youth]) != "ingen_aktivitet":
            continue
        days = contact_days[p.youth]
        before = bisect_right(days, as_of)
        counts[silence_bin((as_of - days[before - 1]).days if before else None)] += 1
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
