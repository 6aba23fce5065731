"""Retention: youths whose follow-up ended longer ago than the office keeps data, deleted for real or
anonymised, with a dry run first and a receipt in the audit log.

A youth is a candidate when every follow-up period is closed and the newest was closed more than the
office's retention time ago (``office.retention_days``, 365 days for a new office); a youth who never
had a period counts from the day they were registered. A youth with an open period, or one sleeping
until a date not yet passed, is never a candidate.

*Deletion* removes the youth and every row about them (periods, plans, activities, contacts, meetings
with their participants and actions, club enrolments and attendance, partner involvement, consents,
placements, school status, deadline decisions and cache, huskelapp, journal marks, drafts, the lines
of OT list washings about them) and erases the audit payloads (before/after values) of the youth's
audit events; the events themselves stay, for the audit chain. *Anonymisation* keeps what the office
reports count (periods with dates and outcomes, decisions, benefits, activity types and dates, contact
dates and channels, attendance) and removes name, fødselsnummer, contact data, address, all free text,
consents, huskelapp, drafts and the audit payloads; the birth date becomes 1 July of the birth year.

Neither goes through :mod:`navdesk.services.crud`: its audit payload would copy the very data being
removed into the audit log. One receipt event (``retention_delete`` / ``retention_anonymise``) says
how many youths and rows, the cut-off, and until which date older backups still hold the data — no
names, no youth ids. Afterwards :func:`purge_free_space` (after the commit) makes the deletion real in
the file: ``VACUUM`` and a WAL checkpoint with truncation on SQLite/SQLCipher, ``VACUUM FULL`` of the
touched tables on PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, delete, func, select, text, update
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain.backup_policy import backups_hold_until
from navdesk.domain.enums import Adressesperre
from navdesk.domain.names import name_key
from navdesk.errors import InvalidInput, PermissionDenied
from navdesk.i18n import _
from navdesk.services import access, audit
from navdesk.services.context import Actor

DEFAULT_RETENTION_DAYS = 365  # 12 months after closing (issue 9); the model default for new offices
MIN_RETENTION_DAYS = 30
MAX_RETENTION_DAYS = 20 * 365
ANONYMISED_NAME = "Anonymisert"  # stored data, not a UI string: the first name an anonymised youth keeps
ANONYMISED_TAG = "anonymisert"
CHUNK = 500  # ids per IN (…) list


@dataclass(frozen=True)
class Candidate:
    """A youth whose data the office's retention time says should go."""

    youth_id: uuid.UUID
    name: str
    birth_date: date
    veileder: str  # initials
    periods: int
    last_closed: date | None  # None: never followed up
    registered: date  # the day the youth was entered into NavDesk

    @property
    def since(self) -> date:
        """The day the retention time runs from."""
        return self.last_closed or self.registered


@dataclass(frozen=True)
class Receipt:
    """What a deletion or anonymisation did (also the audit receipt's content, without names)."""

    action: str  # "delete" or "anonymise"
    youths: int
    rows: dict[str, int]  # table → rows deleted (delete) or deleted/cleared (anonymise)
    payloads_erased: int
    cutoff: date
    retention_days: int
    backups_hold_until: date
    skipped: int = 0  # chosen youths no longer candidates (a period was opened since the dry run)
    space: dict[str, Any] = field(default_factory=dict)  # filled in by purge_free_space

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "action": self.action, "youths": self.youths, "rows": dict(sorted(self.rows.items())),
            "total_rows": self.total_rows, "audit_payloads_erased": self.payloads_erased,
            "cutoff": self.cutoff.isoformat(), "retention_days": self.retention_days,
            "backups_hold_until": self.backups_hold_until.isoformat(), "skipped": self.skipped, **self.space,
        }  # fmt: skip


# --------------------------------------------------------------------------- the office's retention time


def _office(session: Session) -> m.Office:
    office = session.scalars(select(m.Office)).first()
    if office is None:
        raise InvalidInput(_("The database has no office yet. Create the office first."))
    return office


def retention_days(session: Session) -> int:
    return int(_office(session).retention_days)


def set_retention_days(session: Session, actor: Actor, days: int) -> None:
    """Change how long the office keeps a youth's data after the last period closed (administrators)."""
    from navdesk.services import crud

    access.require_admin(actor, _("Only an administrator may change the office's settings."))
    if (
        not isinstance(days, int)
        or isinstance(days, bool)
        or not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS
    ):
        raise InvalidInput(
            _("The retention time must be between {low} and {high} days.").format(
                low=MIN_RETENTION_DAYS, high=MAX_RETENTION_DAYS
            )
        )
    office = _office(session)
    crud.update(session, actor, office, retention_days=days)


def cutoff(today: date, days: int) -> date:
    """Periods closed before this day are past the retention time."""
    return today - timedelta(days=days)


def _may_manage(actor: Actor) -> None:
    if not access.is_leder_or_admin(actor):
        raise PermissionDenied(_("Only a leader or an administrator may delete or anonymise youths' data."))


# --------------------------------------------------------------------------- candidates and dry run


def candidates(session: Session, actor: Actor, today: date) -> list[Candidate]:
    """The youths past the retention time, oldest first (leaders and administrators)."""
    _may_manage(actor)
    limit = cutoff(today, retention_days(session))
    p = m.FollowUpPeriod
    query = (
        select(
            m.Youth.id,
            m.Youth.first_name,
            m.Youth.last_name,
            m.Youth.preferred_name,
            m.Youth.birth_date,
            m.Youth.tags,
            m.Youth.created_at,
            m.User.initials,
            func.count(p.id),
            func.max(p.closed_on),
            func.sum(case((p.id.is_not(None) & p.closed_on.is_(None), 1), else_=0)),
            func.max(p.dormant_until),
        )
        .outerjoin(p, p.youth_id == m.Youth.id)
        .outerjoin(m.User, m.User.id == m.Youth.veileder_id)
        .group_by(m.Youth.id, m.User.initials)
    )
    found: list[Candidate] = []
    for (
        yid,
        first,
        last,
        preferred,
        born,
        tags,
        created,
        veileder,
        count,
        last_closed,
        open_,
        dormant,
    ) in session.execute(query):
        anonymised = first == ANONYMISED_NAME and not last and ANONYMISED_TAG in (tags or [])
        if open_ or anonymised or (dormant is not None and dormant >= today):
            continue
        registered = created.date()
        since = last_closed if count else registered
        if since is None or since >= limit:
            continue
        name = f"{preferred or first} {last}".strip()
        found.append(Candidate(yid, name, born, veileder or "", int(count), last_closed if count else None,
                               registered))  # fmt: skip
    found.sort(key=lambda c: (c.since, c.name))
    return found


def _chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _ids(session: Session, column: Any, where: ColumnElement[bool]) -> list[Any]:
    return list(session.scalars(select(column).where(where)))


@dataclass
class _Rows:
    """The ids of every row about some youths, table by table (what deletion removes)."""

    by_table: dict[str, list[Any]] = field(default_factory=dict)
    meeting_ids: list[Any] = field(default_factory=list)

    def add(self, table: str, ids: Iterable[Any]) -> list[Any]:
        got = list(ids)
        self.by_table.setdefault(table, []).extend(got)
        return got

    def counts(self) -> dict[str, int]:
        return {t: len(ids) for t, ids in self.by_table.items() if ids}

    def all_ids(self) -> list[Any]:
        return [i for ids in self.by_table.values() for i in ids]


def _collect(session: Session, youth_ids: list[uuid.UUID]) -> _Rows:
    rows = _Rows()
    for chunk in _chunks(youth_ids):
        rows.add("youth", chunk)
        periods = rows.add(
            "follow_up_period", _ids(session, m.FollowUpPeriod.id, m.FollowUpPeriod.youth_id.in_(chunk))
        )
        by_period: tuple[Any, ...] = (m.InnsatsDecision, m.BenefitPeriod, m.StatusSnapshot)
        for model in by_period:
            for part in _chunks(periods):
                rows.add(model.__tablename__, _ids(session, model.id, model.period_id.in_(part)))
        plans: list[Any] = []
        for part in _chunks(periods):
            plans += rows.add("plan", _ids(session, m.Plan.id, m.Plan.period_id.in_(part)))
        by_plan: tuple[Any, ...] = (m.PlanGoal, m.PlanRevision)
        for model in by_plan:
            for part in _chunks(plans):
                rows.add(model.__tablename__, _ids(session, model.id, model.plan_id.in_(part)))
        by_youth: tuple[Any, ...] = (m.VeilederAssignment, m.SchoolStatusEntry, m.Activity, m.Contact,
                                     m.Involvement, m.Consent, m.Placement, m.DeadlineDecision, m.Task,
                                     m.JournalMark, m.ClubEnrolment)  # fmt: skip
        for model in by_youth:
            got = rows.add(model.__tablename__, _ids(session, model.id, model.youth_id.in_(chunk)))
            if model is m.ClubEnrolment:
                for part in _chunks(got):
                    rows.add(
                        "attendance",
                        _ids(session, m.AttendanceRecord.id, m.AttendanceRecord.enrolment_id.in_(part)),
                    )
        meetings = rows.add("meeting", _ids(session, m.Meeting.id, m.Meeting.youth_id.in_(chunk)))
        rows.meeting_ids += meetings
        by_meeting: tuple[Any, ...] = (m.MeetingParticipant, m.MeetingAction)
        for model in by_meeting:
            for part in _chunks(meetings):
                rows.add(model.__tablename__, _ids(session, model.id, model.meeting_id.in_(part)))
        rows.add(
            "deadline_cache", _ids(session, m.DeadlineCache.youth_id, m.DeadlineCache.youth_id.in_(chunk))
        )
    # OT list washing lines: those linked to the youth, and those written down about the same person
    # (same name and birth date) while no youth was linked (few: matched in one pass)
    ot_ids: list[Any] = []
    people: set[tuple[str, Any]] = set()
    for chunk in _chunks(youth_ids):
        ot_ids += _ids(session, m.OtListAction.id, m.OtListAction.youth_id.in_(chunk))
        for first, last, preferred, born in session.execute(
            select(m.Youth.first_name, m.Youth.last_name, m.Youth.preferred_name, m.Youth.birth_date).where(
                m.Youth.id.in_(chunk)
            )
        ):
            people.add((name_key(first, last), born))
            if preferred:
                people.add((name_key(preferred, last), born))
    if people:
        unlinked = select(m.OtListAction.id, m.OtListAction.name_key, m.OtListAction.birth_date).where(
            m.OtListAction.youth_id.is_(None)
        )
        ot_ids += [ident for ident, key, born in session.execute(unlinked) if (key, born) in people]
    rows.add("ot_list_action", dict.fromkeys(ot_ids))
    rows.add("draft", _draft_ids(session, youth_ids + rows.meeting_ids))
    return rows


def _draft_ids(session: Session, subjects: list[Any]) -> list[Any]:
    found: list[Any] = []
    for part in _chunks(subjects):
        found += _ids(session, m.Draft.id, m.Draft.subject_id.in_(part))
    return found


def _event_ids(session: Session, youth_ids: list[uuid.UUID], row_ids: list[Any]) -> list[Any]:
    """Audit events about these youths, or about any of these rows while naming no youth (a meeting
    participant's event may hold the participant's name): the latter in one pass over the events that
    name no youth (``entity_id`` has no index; one scan instead of one per chunk of ids)."""
    found: set[Any] = set()
    for part in _chunks(youth_ids):
        found.update(_ids(session, m.AuditEvent.id, m.AuditEvent.youth_id.in_(part)))
    wanted = set(row_ids)
    if wanted:
        unnamed = select(m.AuditEvent.id, m.AuditEvent.entity_id).where(
            m.AuditEvent.youth_id.is_(None), m.AuditEvent.entity_id.is_not(None)
        )
        found.update(ident for ident, entity_id in session.execute(unnamed) if entity_id in wanted)
    return sorted(found, key=str)


def _payload_ids(session: Session, event_ids: list[Any]) -> list[Any]:
    found: list[Any] = []
    for part in _chunks(event_ids):
        found += _ids(session, m.AuditPayload.event_id, m.AuditPayload.event_id.in_(part))
    return found


@dataclass(frozen=True)
class DryRun:
    """What deleting (or anonymising) these youths would remove, without doing it."""

    candidates: list[Candidate]
    rows: dict[str, int]
    payloads: int
    cutoff: date
    retention_days: int
    backups_hold_until: date

    def as_json(self) -> dict[str, Any]:
        return {
            "dry_run": True, "cutoff": self.cutoff.isoformat(), "retention_days": self.retention_days,
            "backups_hold_until": self.backups_hold_until.isoformat(),
            "youths": [{"id": str(c.youth_id), "name": c.name, "birth_date": c.birth_date.isoformat(),
                        "veileder": c.veileder, "periods": c.periods,
                        "last_closed": c.last_closed.isoformat() if c.last_closed else None,
                        "registered": c.registered.isoformat()} for c in self.candidates],
            "rows": dict(sorted(self.rows.items())), "total_rows": sum(self.rows.values()),
            "audit_payloads": self.payloads,
        }  # fmt: skip


def dry_run(
    session: Session, actor: Actor, today: date, youth_ids: Iterable[uuid.UUID] | None = None
) -> DryRun:
    """The candidates (or the chosen ones among them) and the rows deleting them would remove."""
    found = candidates(session, actor, today)
    if youth_ids is not None:
        wanted = set(youth_ids)
        found = [c for c in found if c.youth_id in wanted]
    ids = [c.youth_id for c in found]
    rows = _collect(session, ids)
    payloads = len(_payload_ids(session, _event_ids(session, ids, rows.all_ids())))
    days = retention_days(session)
    return DryRun(found, rows.counts(), payloads, cutoff(today, days), days, backups_hold_until(today))


# --------------------------------------------------------------------------- delete and anonymise

# children before parents, so that no cascade and no trigger has to find a row that is gone
_DELETE_ORDER: tuple[tuple[str, Any, Any], ...] = (
    ("draft", m.Draft, m.Draft.id),
    ("deadline_cache", m.DeadlineCache, m.DeadlineCache.youth_id),
    ("attendance", m.AttendanceRecord, m.AttendanceRecord.id),
    ("club_enrolment", m.ClubEnrolment, m.ClubEnrolment.id),
    ("meeting_participant", m.MeetingParticipant, m.MeetingParticipant.id),
    ("meeting_action", m.MeetingAction, m.MeetingAction.id),
    ("plan_goal", m.PlanGoal, m.PlanGoal.id),
    ("plan_revision", m.PlanRevision, m.PlanRevision.id),
    ("plan", m.Plan, m.Plan.id),
    ("contact", m.Contact, m.Contact.id),
    ("placement", m.Placement, m.Placement.id),
    ("activity", m.Activity, m.Activity.id),
    ("meeting", m.Meeting, m.Meeting.id),
    ("innsats_decision", m.InnsatsDecision, m.InnsatsDecision.id),
    ("benefit_period", m.BenefitPeriod, m.BenefitPeriod.id),
    ("status_snapshot", m.StatusSnapshot, m.StatusSnapshot.id),
    ("follow_up_period", m.FollowUpPeriod, m.FollowUpPeriod.id),
    ("consent", m.Consent, m.Consent.id),
    ("involvement", m.Involvement, m.Involvement.id),
    ("school_status", m.SchoolStatusEntry, m.SchoolStatusEntry.id),
    ("veileder_assignment", m.VeilederAssignment, m.VeilederAssignment.id),
    ("deadline_decision", m.DeadlineDecision, m.DeadlineDecision.id),
    ("task", m.Task, m.Task.id),
    ("journal_mark", m.JournalMark, m.JournalMark.id),
    ("ot_list_action", m.OtListAction, m.OtListAction.id),
    ("youth", m.Youth, m.Youth.id),
)


def _execute(session: Session, statement: Any) -> int:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(getattr(result, "rowcount", 0) or 0)


def _secure_delete(session: Session) -> None:
    """On SQLite, deleted content is overwritten with zeros (in the page written to the WAL too)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))


def _erase_payloads(session: Session, event_ids: list[Any]) -> int:
    erased = 0
    for part in _chunks(event_ids):
        erased += _execute(session, delete(m.AuditPayload).where(m.AuditPayload.event_id.in_(part)))
    return erased


def _chosen(
    session: Session, actor: Actor, today: date, youth_ids: Iterable[uuid.UUID]
) -> tuple[list[uuid.UUID], int]:
    """The chosen youths that are still candidates now, and how many are not."""
    wanted = list(dict.fromkeys(youth_ids))
    allowed = {c.youth_id for c in candidates(session, actor, today)}
    ids = [y for y in wanted if y in allowed]
    return ids, len(wanted) - len(ids)


def _receipt(session: Session, actor: Actor, action: str, today: date, youths: int, rows: dict[str, int],
             erased: int, skipped: int) -> Receipt:  # fmt: skip
    days = retention_days(session)
    receipt = Receipt(
        action, youths, rows, erased, cutoff(today, days), days, backups_hold_until(today), skipped
    )
    event_action = "retention_delete" if action == "delete" else "retention_anonymise"
    after = {k: v for k, v in receipt.as_json().items() if k not in ("action",)}
    audit.record(session, actor, event_action, "youth", None, after=after)
    return receipt


def _prepare(
    session: Session, actor: Actor, today: date, youth_ids: Iterable[uuid.UUID]
) -> tuple[list[uuid.UUID], int, _Rows, list[Any]]:
    """The chosen youths still past the retention time, how many are not, their rows and audit events."""
    _may_manage(actor)
    ids, skipped = _chosen(session, actor, today, youth_ids)
    rows = _collect(session, ids)
    event_ids = _event_ids(session, ids, rows.all_ids())
    _secure_delete(session)
    return ids, skipped, rows, event_ids


def _delete_rows(session: Session, rows: _Rows, only: frozenset[str] | None = None) -> dict[str, int]:
    """Delete the collected rows (of the tables in ``only``), children first; how many per table."""
    done: dict[str, int] = {}
    for table, model, column in _DELETE_ORDER:
        if only is not None and table not in only:
            continue
        count = 0
        for part in _chunks(rows.by_table.get(table) or []):
            if table == "consent":
                _execute(session, delete(m.ConsentPartner).where(m.ConsentPartner.consent_id.in_(part)))
            if table == "meeting":  # a later meeting that points back at one of these
                _execute(
                    session, update(m.Meeting).where(m.Meeting.previous_id.in_(part)).values(previous_id=None)
                )
            count += _execute(session, delete(model).where(column.in_(part)))
        if count:
            done[table] = count
    return done


def delete_youths(session: Session, actor: Actor, youth_ids: Iterable[uuid.UUID], today: date) -> Receipt:
    """Delete these youths (those still past the retention time) and everything about them, in the
    caller's transaction; then call :func:`purge_free_space` after the commit."""
    ids, skipped, rows, event_ids = _prepare(session, actor, today, youth_ids)
    done = _delete_rows(session, rows)
    erased = _erase_payloads(session, event_ids)
    session.expire_all()
    return _receipt(session, actor, "delete", today, len(ids), done, erased, skipped)


# rows that are nothing but free text or personal data: anonymising deletes them too
_PERSONAL_ROWS = frozenset({"draft", "deadline_cache", "meeting_participant", "meeting_action", "plan_goal",
                            "plan_revision", "consent", "deadline_decision", "task", "ot_list_action"})  # fmt: skip


def anonymise_youths(session: Session, actor: Actor, youth_ids: Iterable[uuid.UUID], today: date) -> Receipt:
    """Keep what the office reports count, remove everything that says who the youth is (see the module
    docstring); in the caller's transaction, then :func:`purge_free_space` after the commit."""
    ids, skipped, rows, event_ids = _prepare(session, actor, today, youth_ids)
    done = _delete_rows(session, rows, _PERSONAL_ROWS)

    def count(table: str, n: int) -> None:
        if n:
            done[table] = done.get(table, 0) + n

    # rows the reports count: kept with their free text cleared
    cleared: tuple[tuple[Any, dict[str, Any]], ...] = (
        (m.FollowUpPeriod, {"reason": "", "outcome_note": ""}),
        (m.Plan, {"dream": "", "own_goal": ""}),
        (m.Activity, {"title": "", "status_reason": "", "notes": ""}),
        (m.Contact, {"note": "", "topics": []}),
        (
            m.Meeting,
            {
                "place": "",
                "agenda": "",
                "summary": "",
                "decisions": "",
                "health_section": "",
                "status_reason": "",
            },
        ),
        (m.ClubEnrolment, {"observation": ""}),
        (m.AttendanceRecord, {"note": ""}),
        (m.Involvement, {"role": ""}),
        (m.Placement, {"outcome": ""}),
        (m.SchoolStatusEntry, {"school": ""}),
        (m.VeilederAssignment, {"handover_note": ""}),
    )
    for model, values in cleared:
        if "version" in model.__table__.c:
            values = {**values, "version": model.version + 1}
        for part in _chunks(rows.by_table.get(model.__tablename__) or []):
            count(
                model.__tablename__,
                _execute(session, update(model).where(model.id.in_(part)).values(**values)),
            )
    people: list[Any] = []
    for part in _chunks(ids):
        people += session.execute(select(m.Youth.id, m.Youth.birth_date).where(m.Youth.id.in_(part))).all()
    for yid, born in people:
        count("youth", _execute(session, update(m.Youth).where(m.Youth.id == yid).values(
            first_name=ANONYMISED_NAME, last_name="", preferred_name="", fodselsnummer=None,
            birth_date=date(born.year, 7, 1), phone="", email="", preferred_channel=None, cannot_phone=False,
            address="", postal_code="", adressesperre=Adressesperre.INGEN, household="", own_children=0,
            work_experience="", job_wishes="", barrier_notes="", strengths="", dreams="", notes="", health_note="",
            tags=[ANONYMISED_TAG], search_text=ANONYMISED_NAME.lower(), version=m.Youth.version + 1,
        )))  # fmt: skip
    erased = _erase_payloads(session, event_ids)
    session.expire_all()
    return _receipt(session, actor, "anonymise", today, len(ids), done, erased, skipped)


# --------------------------------------------------------------------------- making it real in the file

_PG_TABLES = tuple(sorted({t for t, _m, _c in _DELETE_ORDER} | {"consent_partner", "audit_payload"}))


def purge_free_space(database: Any) -> dict[str, Any]:
    """After the deletion's commit: rebuild the file so no freed page keeps the deleted bytes.

    SQLite/SQLCipher: ``VACUUM`` and ``PRAGMA wal_checkpoint(TRUNCATE)`` (the WAL is emptied to zero
    bytes); PostgreSQL: ``VACUUM FULL`` of the tables deletion touches (rewritten into new files).
    Returns what was done; ``wal_busy`` is true when another connection kept the file from being rebuilt or
    the WAL from being emptied (the deleted rows are zeroed by ``secure_delete`` all the same).
    """
    engine = database.engine
    if engine.dialect.name == "sqlite":
        engine.dispose()  # idle pooled connections would keep the checkpoint from truncating the WAL
        raw = engine.raw_connection()
        try:
            conn = raw.driver_connection
            conn.execute("PRAGMA busy_timeout = 1000")
            try:
                conn.execute("VACUUM")
                busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except Exception as exc:  # sqlite3/sqlcipher3 OperationalError: another connection is reading
                if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                    raise
                # the deletion is committed and secure_delete has zeroed the rows; the file is rebuilt next time
                return {"vacuum": False, "wal_busy": True}
        finally:
            raw.close()
        return {"vacuum": True, "wal_busy": bool(busy)}
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in _PG_TABLES:
            conn.exec_driver_sql(f'VACUUM FULL "{table}"')
    return {"vacuum": True, "wal_busy": False}
