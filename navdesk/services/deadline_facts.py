"""Load the deadline engine's facts with plain SQL (one query per kind of fact).

Values come back as the driver gives them — text on SQLite, native types on PostgreSQL — and are
converted here by small functions, which is several times cheaper than SQLAlchemy's per-value type
processing for the ~600,000 rows of a 50,000-youth office. Sub-entity ids stay 32-digit hex
strings (they only appear in deadline keys); youth ids become ``uuid.UUID`` once per youth.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

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

OSLO = ZoneInfo("Europe/Oslo")


def hexid(value: Any) -> str:
    """A UUID as 32 lowercase hex digits, whatever the driver returned."""
    if value is None:
        return ""
    if isinstance(value, uuid.UUID):
        return value.hex
    return str(value).replace("-", "").lower()


def _day(value: Any) -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    return date.fromisoformat(str(value)[:10])


def _req_day(value: Any) -> date:
    """A date from a NOT NULL column."""
    return (
        value
        if isinstance(value, date) and not isinstance(value, datetime)
        else date.fromisoformat(str(value)[:10])
    )


def _moment(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _instant(value: Any) -> tuple[datetime, date]:
    """The aware UTC moment and its Oslo calendar day."""
    moment = _moment(value)
    return moment, moment.astimezone(OSLO).date()


def _initials(first: str, last: str) -> str:
    return "".join([part[0] for part in f"{first} {last}".split()]).upper()


def _same(value: Any) -> Any:
    return value


def _instant_sqlite(value: str) -> tuple[datetime, date]:
    """SQLite keeps naive UTC text; before 22:00 UTC the Oslo day is the UTC day (UTC+1 or +2)."""
    moment = datetime.fromisoformat(value + "+00:00")
    if moment.hour < 22:
        return moment, moment.date()
    return moment, moment.astimezone(OSLO).date()


Q_YOUTH = "SELECT y.id, y.first_name, y.preferred_name, y.last_name, y.birth_date, y.veileder_id FROM youth y"
Q_SCHOOL = "SELECT s.youth_id, s.status FROM school_status s {w} ORDER BY s.from_date, s.created_at"
Q_PERIOD = """SELECT p.id, p.youth_id, p.registration_date, p.situation, p.intensity, p.closed_on, c.attrs
  FROM follow_up_period p LEFT JOIN catalogue_entry c ON c.id = p.outcome_id {w} ORDER BY p.registration_date"""
Q_INNSATS = """SELECT d.period_id, d.decided_on, d.innsatsgruppe FROM innsats_decision d
  JOIN follow_up_period p ON p.id = d.period_id {w} ORDER BY d.decided_on"""
Q_SNAPSHOT = (
    """SELECT s.period_id, s.month FROM status_snapshot s JOIN follow_up_period p ON p.id = s.period_id {w}"""
)
Q_CONTACT = """SELECT c.id, c.youth_id, c.at, c.initiated_by, c.outcome, c.ot_notified, c.placement_id
  FROM contact c {w} ORDER BY c.at"""
Q_MEETING = "SELECT m.id, m.youth_id, m.starts_at, m.status FROM meeting m WHERE m.youth_id IS NOT NULL {a}"
Q_ACTIVITY = """SELECT a.id, a.youth_id, a.type, a.status, a.title, a.started_on, a.to_date, a.updated_at
  FROM activity a {w}"""
Q_ENROLMENT = "SELECT e.youth_id, e.club_id, e.start_date, e.status FROM club_enrolment e {w}"
Q_ABSENCE = """SELECT e.youth_id, s.id, s.starts_at, c.name FROM club_enrolment e
  JOIN attendance r ON r.enrolment_id = e.id JOIN club_session s ON s.id = r.session_id
  JOIN club c ON c.id = s.club_id WHERE r.value = 'ikke_mott' {a}"""
Q_CONSENT = "SELECT k.id, k.youth_id, k.given_on, k.expires_on, k.withdrawn_on FROM consent k {w}"
Q_CONSENT_PARTNER = """SELECT cp.consent_id, cp.org_id FROM consent_partner cp
  JOIN consent k ON k.id = cp.consent_id {w}"""
Q_BENEFIT = """SELECT b.id, p.youth_id, c.code, b.start_date, b.end_date FROM benefit_period b
  JOIN follow_up_period p ON p.id = b.period_id JOIN catalogue_entry c ON c.id = b.ytelse_id {w}"""
Q_PLACEMENT = """SELECT pl.id, pl.youth_id, e.name, pl.start_date, pl.end_date, pl.followup_interval_days
  FROM placement pl JOIN employer e ON e.id = pl.employer_id {w}"""
Q_ACTION = """SELECT a.id, m.youth_id, a.meeting_id, a.what, a.due_date, a.done_on FROM meeting_action a
  JOIN meeting m ON m.id = a.meeting_id WHERE m.youth_id IS NOT NULL {a}"""
Q_TASK = (
    "SELECT t.id, t.youth_id, t.title, t.due_date, t.done_on FROM task t WHERE t.youth_id IS NOT NULL {a}"
)


def load_facts(session: Session, youth_ids: list[uuid.UUID] | None = None) -> list[YouthFacts]:
    """Facts of every youth (or of the given ones), ready for the engine."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    raw = session.connection().connection.dbapi_connection  # inside the session's transaction
    assert raw is not None
    mark = "?" if sqlite else "%s"
    args: tuple[Any, ...] = ()
    if youth_ids is not None:
        args = tuple(y.hex if sqlite else y for y in youth_ids)
    inlist = f"IN ({','.join([mark] * len(args))})"
    hexid_ = _same if sqlite else hexid  # SQLite stores UUIDs as 32 hex digits already
    instant = _instant_sqlite if sqlite else _instant

    def run(sql: str, column: str) -> list[Any]:
        if youth_ids is None:
            query = sql.format(w="", a="")
        else:
            query = sql.format(w=f"WHERE {column} {inlist}", a=f"AND {column} {inlist}")
        cursor = raw.cursor()
        try:
            cursor.execute(query, args)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    groups: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    school: dict[str, str] = {}
    for r in run(Q_SCHOOL, "s.youth_id"):
        school[hexid_(r[0])] = r[1]
    innsats: dict[str, list[tuple[date, str]]] = defaultdict(list)
    for r in run(Q_INNSATS, "p.youth_id"):
        innsats[hexid_(r[0])].append((_req_day(r[1]), r[2]))
    snapshots: dict[str, set[int]] = defaultdict(set)
    for r in run(Q_SNAPSHOT, "p.youth_id"):
        snapshots[hexid_(r[0])].add(int(r[1]))
    for r in run(Q_PERIOD, "p.youth_id"):
        pid = hexid_(r[0])
        attrs = r[6]
        if isinstance(attrs, str):
            import json

            attrs = json.loads(attrs)
        groups["periods"][hexid_(r[1])].append(
            PeriodFacts(pid, _req_day(r[2]), r[3], r[4], _day(r[5]), (attrs or {}).get("report") if attrs else None,
                        tuple(innsats.get(pid, ())), frozenset(snapshots.get(pid, ())))
        )  # fmt: skip
    for r in run(Q_CONTACT, "c.youth_id"):
        at, day = instant(r[2])
        groups["contacts"][hexid_(r[1])].append(
            ContactFacts(hexid_(r[0]), at, day, r[3], r[4], bool(r[5]), hexid_(r[6]) if r[6] else None)
        )
    for r in run(Q_MEETING, "m.youth_id"):
        groups["meetings"][hexid_(r[1])].append(MeetingFacts(hexid_(r[0]), instant(r[2])[1], r[3]))
    for r in run(Q_ACTIVITY, "a.youth_id"):
        groups["activities"][hexid_(r[1])].append(
            ActivityFacts(hexid_(r[0]), r[2], r[3], r[4], _day(r[5]), _day(r[6]), instant(r[7])[1])
        )
    for r in run(Q_ENROLMENT, "e.youth_id"):
        groups["enrolments"][hexid_(r[0])].append(EnrolmentFacts(hexid_(r[1]), _day(r[2]), r[3]))
    for r in run(Q_ABSENCE, "e.youth_id"):
        at, day = instant(r[2])
        groups["absences"][hexid_(r[0])].append(AbsenceFacts(hexid_(r[1]), at, day, r[3]))
    partners: dict[str, set[str]] = defaultdict(set)
    for r in run(Q_CONSENT_PARTNER, "k.youth_id"):
        partners[hexid_(r[0])].add(hexid_(r[1]))
    for r in run(Q_CONSENT, "k.youth_id"):
        cid = hexid_(r[0])
        groups["consents"][hexid_(r[1])].append(
            ConsentFacts(cid, _req_day(r[2]), _day(r[3]), _day(r[4]), frozenset(partners.get(cid, ())))
        )
    for r in run(Q_BENEFIT, "p.youth_id"):
        groups["benefits"][hexid_(r[1])].append(BenefitFacts(hexid_(r[0]), r[2], _req_day(r[3]), _day(r[4])))
    for r in run(Q_PLACEMENT, "pl.youth_id"):
        groups["placements"][hexid_(r[1])].append(
            PlacementFacts(hexid_(r[0]), r[2], _req_day(r[3]), _day(r[4]), int(r[5]))
        )
    for r in run(Q_ACTION, "m.youth_id"):
        groups["actions"][hexid_(r[1])].append(
            ActionFacts(hexid_(r[0]), hexid_(r[2]), r[3], _day(r[4]), _day(r[5]))
        )
    for r in run(Q_TASK, "t.youth_id"):
        groups["tasks"][hexid_(r[1])].append(TaskFacts(hexid_(r[0]), r[2], _day(r[3]), _day(r[4])))

    out: list[YouthFacts] = []
    empty: tuple[Any, ...] = ()
    for r in run(Q_YOUTH + " {w}", "y.id"):
        key = hexid_(r[0])
        yid = r[0] if isinstance(r[0], uuid.UUID) else uuid.UUID(key)
        out.append(
            YouthFacts(
                id=yid, name=f"{r[2] or r[1]} {r[3]}", initials=_initials(r[1], r[3]), birth_date=_req_day(r[4]),
                veileder_id=(r[5] if isinstance(r[5], uuid.UUID) else uuid.UUID(hexid_(r[5]))) if r[5] else None,
                school_status=school.get(key),
                periods=tuple(groups["periods"].get(key, empty)), contacts=tuple(groups["contacts"].get(key, empty)),
                meetings=tuple(groups["meetings"].get(key, empty)),
                activities=tuple(groups["activities"].get(key, empty)),
                enrolments=tuple(groups["enrolments"].get(key, empty)),
                absences=tuple(groups["absences"].get(key, empty)), consents=tuple(groups["consents"].get(key, empty)),
                benefits=tuple(groups["benefits"].get(key, empty)),
                placements=tuple(groups["placements"].get(key, empty)),
                actions=tuple(groups["actions"].get(key, empty)), tasks=tuple(groups["tasks"].get(key, empty)),
            )
        )  # fmt: skip
    return out
