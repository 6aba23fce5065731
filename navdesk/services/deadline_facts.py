"""Load the deadline engine's facts with plain SQL (one query per kind of fact).

Values come back as the driver gives them — text on SQLite, native types on PostgreSQL — and are
converted here by small functions, which is several times cheaper than SQLAlchemy's per-value type
processing for the ~600,000 rows of a 50,000-youth office. Sub-entity ids stay 32-digit hex
strings (they only appear in deadline keys); youth ids become ``uuid.UUID`` once per youth.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from navdesk.domain.deadlines.facts import (
    AbsenceFacts,
    ActionFacts,
    ActivityFacts,
    BenefitFacts,
    ConsentFacts,
    ContactFacts,
    EnrolmentFacts,
    MeetingFacts,
    PeriodFacts,
    PlacementFacts,
    TaskFacts,
    YouthFacts,
)
from navdesk.domain.portfolio import as_uuid
from navdesk.domain.text import oslo_day


def hexid(value: Any) -> str:
    """A UUID as 32 lowercase hex digits, whatever the driver returned."""
    if value is None:
        return ""
    if isinstance(value, uuid.UUID):
        return value.hex
    return str(value).replace("-", "").lower()


def _initials(first: str, last: str) -> str:
    return "".join([part[0] for part in f"{first} {last}".split()]).upper()


Q_YOUTH = "SELECT y.id, I(y.id), y.first_name, y.preferred_name, y.last_name, D(y.birth_date), y.veileder_id FROM youth y"
Q_SCHOOL = "SELECT I(s.youth_id), s.status FROM school_status s {w} ORDER BY s.from_date, s.created_at"
Q_PERIOD = """SELECT I(p.id), I(p.youth_id), D(p.registration_date), p.situation, p.intensity, D(p.closed_on), c.attrs
  FROM follow_up_period p LEFT JOIN catalogue_entry c ON c.id = p.outcome_id {w} ORDER BY p.registration_date"""
Q_INNSATS = """SELECT I(d.period_id), D(d.decided_on), d.innsatsgruppe FROM innsats_decision d
  JOIN follow_up_period p ON p.id = d.period_id {w} ORDER BY d.decided_on"""
Q_SNAPSHOT = """SELECT I(s.period_id), s.month FROM status_snapshot s JOIN follow_up_period p ON p.id = s.period_id {w}"""
Q_CONTACT = """SELECT I(c.id), I(c.youth_id), T(c.at), c.initiated_by, c.outcome, c.ot_notified, I(c.placement_id)
  FROM contact c {w} ORDER BY c.at"""
Q_MEETING = (
    "SELECT I(m.id), I(m.youth_id), T(m.starts_at), m.status FROM meeting m WHERE m.youth_id IS NOT NULL {a}"
)
Q_ACTIVITY = """SELECT I(a.id), I(a.youth_id), a.type, a.status, a.title, D(a.started_on), D(a.to_date), T(a.updated_at)
  FROM activity a {w}"""
Q_ENROLMENT = "SELECT I(e.youth_id), I(e.club_id), D(e.start_date), e.status FROM club_enrolment e {w}"
Q_ABSENCE = """SELECT I(e.youth_id), I(s.id), T(s.starts_at), c.name FROM club_enrolment e
  JOIN attendance r ON r.enrolment_id = e.id JOIN club_session s ON s.id = r.session_id
  JOIN club c ON c.id = s.club_id WHERE r.value = 'ikke_mott' {a}"""
Q_CONSENT = (
    "SELECT I(k.id), I(k.youth_id), D(k.given_on), D(k.expires_on), D(k.withdrawn_on) FROM consent k {w}"
)
Q_CONSENT_PARTNER = """SELECT I(cp.consent_id), I(cp.org_id) FROM consent_partner cp
  JOIN consent k ON k.id = cp.consent_id {w}"""
Q_BENEFIT = """SELECT I(b.id), I(p.youth_id), c.code, D(b.start_date), D(b.end_date) FROM benefit_period b
  JOIN follow_up_period p ON p.id = b.period_id JOIN catalogue_entry c ON c.id = b.ytelse_id {w}"""
Q_PLACEMENT = """SELECT I(pl.id), I(pl.youth_id), e.name, D(pl.start_date), D(pl.end_date), pl.followup_interval_days
  FROM placement pl JOIN employer e ON e.id = pl.employer_id {w}"""
Q_ACTION = """SELECT I(a.id), I(m.youth_id), I(a.meeting_id), a.what, D(a.due_date), D(a.done_on) FROM meeting_action a
  JOIN meeting m ON m.id = a.meeting_id WHERE m.youth_id IS NOT NULL {a}"""
Q_TASK = "SELECT I(t.id), I(t.youth_id), t.title, D(t.due_date), D(t.done_on) FROM task t WHERE t.youth_id IS NOT NULL {a}"


_TYPED = re.compile(r"\b([IDT])\(([a-z]+\.[a-z_]+)\)")
_PG_TEXT = {
    "I": "replace({c}::text, '-', '')",
    "D": "{c}::text",
    "T": "to_char({c} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')",
}


def dialect_sql(sql: str, sqlite: bool) -> str:
    """Typed columns as text: I() an id as 32 hex digits, D() a date, T() a UTC time.

    SQLite already stores them so; PostgreSQL converts them in SQL, so one C-level parse serves both.
    """
    if sqlite:
        return _TYPED.sub(r"\2", sql)
    return _TYPED.sub(lambda m: _PG_TEXT[m.group(1)].format(c=m.group(2)), sql)


def load_facts(session: Session, youth_ids: list[uuid.UUID] | None = None) -> list[YouthFacts]:
    """Facts of every youth (or of the given ones), ready for the engine.

    The loops are written out table by table with local names: they run ~600,000 times for a
    50,000-youth office, where a helper call per value costs seconds.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    raw = session.connection().connection.dbapi_connection  # inside the session's transaction
    assert raw is not None
    mark = "?" if sqlite else "%s"
    args: tuple[Any, ...] = ()
    if youth_ids is not None:
        args = tuple(y.hex if sqlite else y for y in youth_ids)
    inlist = f"IN ({','.join([mark] * len(args))})"

    def run(sql: str, column: str) -> list[Any]:
        if youth_ids is None:
            query = sql.format(w="", a="")
        else:
            query = sql.format(w=f"WHERE {column} {inlist}", a=f"AND {column} {inlist}")
        cursor = raw.cursor()
        try:
            cursor.execute(dialect_sql(query, sqlite), args)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    day = date.fromisoformat
    moment = datetime.fromisoformat

    def bucket() -> defaultdict[str, list[Any]]:
        return defaultdict(list)

    school = {yid: status for yid, status in run(Q_SCHOOL, "s.youth_id")}
    innsats: defaultdict[str, list[tuple[date, str]]] = bucket()
    for pid, decided, group in run(Q_INNSATS, "p.youth_id"):
        innsats[pid].append((day(decided), group))
    snapshots: defaultdict[str, set[int]] = defaultdict(set)
    for pid, month in run(Q_SNAPSHOT, "p.youth_id"):
        snapshots[pid].add(int(month))
    periods = bucket()
    for pid, yid, reg, situation, intensity, closed, attrs in run(Q_PERIOD, "p.youth_id"):
        if isinstance(attrs, str):
            attrs = json.loads(attrs)
        periods[yid].append(
            PeriodFacts(pid, day(reg), situation, intensity, day(closed) if closed else None,
                        attrs.get("report") if attrs else None, tuple(innsats.get(pid, ())),
                        frozenset(snapshots.get(pid, ())))
        )  # fmt: skip
    contacts = bucket()
    for cid, yid, at, by, outcome, ot, placement in run(Q_CONTACT, "c.youth_id"):
        when = moment(at + "+00:00")
        contacts[yid].append(
            ContactFacts(cid, when, oslo_day(when), by, outcome, bool(ot), placement or None)
        )
    meetings = bucket()
    for mid, yid, starts, status in run(Q_MEETING, "m.youth_id"):
        when = moment(starts + "+00:00")
        meetings[yid].append(MeetingFacts(mid, oslo_day(when), status))
    activities = bucket()
    for aid, yid, kind, status, title, started, to, changed in run(Q_ACTIVITY, "a.youth_id"):
        when = moment(changed + "+00:00")
        activities[yid].append(
            ActivityFacts(aid, kind, status, title, day(started) if started else None, day(to) if to else None,
                          oslo_day(when))
        )  # fmt: skip
    enrolments = bucket()
    for yid, club, start, status in run(Q_ENROLMENT, "e.youth_id"):
        enrolments[yid].append(EnrolmentFacts(club, day(start) if start else None, status))
    absences = bucket()
    for yid, sid, starts, club_name in run(Q_ABSENCE, "e.youth_id"):
        when = moment(starts + "+00:00")
        absences[yid].append(AbsenceFacts(sid, when, oslo_day(when), club_name))
    partners: defaultdict[str, set[str]] = defaultdict(set)
    for cid, org in run(Q_CONSENT_PARTNER, "k.youth_id"):
        partners[cid].add(org)
    consents = bucket()
    for cid, yid, given, expires, withdrawn in run(Q_CONSENT, "k.youth_id"):
        consents[yid].append(
            ConsentFacts(cid, day(given), day(expires) if expires else None, day(withdrawn) if withdrawn else None,
                         frozenset(partners.get(cid, ())))
        )  # fmt: skip
    benefits = bucket()
    for bid, yid, code, start, end in run(Q_BENEFIT, "p.youth_id"):
        benefits[yid].append(BenefitFacts(bid, code, day(start), day(end) if end else None))
    placements = bucket()
    for plid, yid, employer, start, end, interval in run(Q_PLACEMENT, "pl.youth_id"):
        placements[yid].append(
            PlacementFacts(plid, employer, day(start), day(end) if end else None, int(interval))
        )
    actions = bucket()
    for aid, yid, mid, what, due, done in run(Q_ACTION, "m.youth_id"):
        actions[yid].append(
            ActionFacts(aid, mid, what, day(due) if due else None, day(done) if done else None)
        )
    tasks = bucket()
    for tid, yid, title, due, done in run(Q_TASK, "t.youth_id"):
        tasks[yid].append(TaskFacts(tid, title, day(due) if due else None, day(done) if done else None))

    out: list[YouthFacts] = []
    none: tuple[Any, ...] = ()
    for raw_id, key, first, preferred, last, born, veileder in run(Q_YOUTH + " {w}", "y.id"):
        yid = raw_id if isinstance(raw_id, uuid.UUID) else uuid.UUID(key)
        boss = as_uuid(veileder) if veileder else None
        out.append(
            YouthFacts(
                id=yid, name=f"{preferred or first} {last}", initials=_initials(first, last), birth_date=day(born),
                veileder_id=boss, school_status=school.get(key), periods=tuple(periods.get(key, none)),
                contacts=tuple(contacts.get(key, none)), meetings=tuple(meetings.get(key, none)),
                activities=tuple(activities.get(key, none)), enrolments=tuple(enrolments.get(key, none)),
                absences=tuple(absences.get(key, none)), consents=tuple(consents.get(key, none)),
                benefits=tuple(benefits.get(key, none)), placements=tuple(placements.get(key, none)),
                actions=tuple(actions.get(key, none)), tasks=tuple(tasks.get(key, none)),
            )
        )  # fmt: skip
    return out
