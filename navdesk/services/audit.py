"""The audit trail: an event for every change (and for reads of a youth's record and exports).

Event metadata and the before/after payload are stored apart so a youth's payloads can be erased
while the chain of events stays. Each event carries a hash chained to the one before it
(:mod:`navdesk.domain.audit_chain`); after each commit the newest link is written outside the
database (:mod:`navdesk.services.audit_head`), so cutting off the end of the log is detected too.
:func:`verify` checks all of it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from navdesk.db.base import utcnow
from navdesk.db.models import AuditEvent, AuditPayload, Office, Youth
from navdesk.domain.audit_chain import GENESIS, link
from navdesk.errors import PermissionDenied
from navdesk.i18n import _
from navdesk.services import access, audit_head
from navdesk.services.context import Actor

AUDIT_LOCK_ID = 7_410_221_002  # fixed: "NavDesk audit sequence" (migrations use ..._001)


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of a column value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def digest(before: dict[str, Any] | None, after: dict[str, Any] | None, salt: str = "") -> str:
    """The payload's digest, keyed with the payload's own random ``salt`` (kept in the payload row).

    Erasing the payload erases the salt, so the digest left in the chain cannot be used to guess the
    erased values back (an unkeyed hash of a small change, say one fødselsnummer, could be brute
    forced). Events written before the salt existed have ``salt == ""``: a plain SHA-256.
    """
    blob = json.dumps({"before": before, "after": after}, sort_keys=True, ensure_ascii=False).encode("utf-8")
    if salt:
        return hmac.new(bytes.fromhex(salt), blob, hashlib.sha256).hexdigest()
    return hashlib.sha256(blob).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
    *,
    youth_id: uuid.UUID | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event (in the caller's transaction)."""
    before_j = jsonable(before) if before is not None else None
    after_j = jsonable(after) if after is not None else None
    seq, previous = _next_link(session)
    salt = secrets.token_hex(16) if (before_j or after_j) else ""
    fields: dict[str, Any] = {
        "event_id": uuid.uuid4(),
        "seq": seq,
        "at": utcnow(),
        "user_id": actor.user_id,
        "user_initials": actor.initials,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "youth_id": youth_id,
        "source": actor.source,
        "payload_digest": digest(before_j, after_j, salt) if salt else "",
    }
    chain = link(previous, **fields)
    event = AuditEvent(id=fields.pop("event_id"), chain=chain, **fields)
    session.info["audit_seq"] = (session.get_transaction(), seq, chain, actor.office_id)
    _write_head_after_commit(session)
    session.add(event)
    if before_j is not None or after_j is not None:
        session.add(AuditPayload(event_id=event.id, before=before_j, after=after_j, salt=salt))
    return event  # written with the next flush, in the caller's transaction


def _next_link(session: Session) -> tuple[int, str]:
    """The next event number and the chain value it links to. Looked up (and, on PostgreSQL, locked)
    once per transaction, then counted on: the lock is held, so no other writer can take numbers until
    this transaction ends. A rolled back transaction starts over from the database."""
    transaction = session.get_transaction()
    held = session.info.get("audit_seq")
    if held is not None and held[0] is transaction:
        return int(held[1]) + 1, str(held[2])
    if session.get_bind().dialect.name == "postgresql":
        # several laptops write to a shared server: take numbers one transaction at a time (released
        # at commit); SQLite already serialises writers with its database lock
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_ID})
    last = _last_link(session)
    if last is None:
        return 1, GENESIS
    return last.seq + 1, last.chain or GENESIS


def _last_link(session: Session) -> audit_head.Head | None:
    """The newest event's number and chain value (None for an empty log)."""
    row = session.execute(
        select(AuditEvent.seq, AuditEvent.chain).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    return audit_head.Head(int(row[0]), str(row[1])) if row is not None else None


def _write_head_after_commit(session: Session) -> None:
    """Once per session: after each commit, keep the newest link outside the database."""
    if session.info.get("audit_head_listener"):
        return
    session.info["audit_head_listener"] = True

    def after_commit(committed: Session) -> None:
        held = committed.info.pop("audit_seq", None)
        if held is not None:
            audit_head.advance(held[3], held[1], held[2])

    def after_rollback(rolled_back: Session) -> None:
        rolled_back.info.pop("audit_seq", None)

    sa_event.listen(session, "after_commit", after_commit)
    sa_event.listen(session, "after_soft_rollback", lambda s, _t: after_rollback(s))


def events(session: Session, *, youth_id: uuid.UUID | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Recent events as plain dicts, newest first."""
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
    if youth_id is not None:
        query = query.where(AuditEvent.youth_id == youth_id)
    return [
        {
            "seq": ev.seq,
            "at": ev.at.isoformat(),
            "user": ev.user_initials,
            "action": ev.action,
            "entity": ev.entity,
            "entity_id": str(ev.entity_id) if ev.entity_id else None,
            "youth_id": str(ev.youth_id) if ev.youth_id else None,
            "source": ev.source,
        }
        for ev in session.scalars(query)
    ]


# --------------------------------------------------------------------------- verification


@dataclass(frozen=True)
class Problem:
    """The first bad entry: its number, what is wrong (``missing``, ``changed``, ``payload``, ``cut``,
    ``rewritten``) and a message for the user."""

    seq: int
    kind: str
    message: str


@dataclass(frozen=True)
class Verification:
    entries: int
    erased: int  # entries whose before/after values were erased (a deleted youth): not tampering
    last_seq: int
    head: audit_head.Head | None  # the end recorded on this machine
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _expected_digest(payload: AuditPayload) -> str:
    return (
        digest(payload.before, payload.after, payload.salt or "") if (payload.before or payload.after) else ""
    )


def verify(session: Session, *, batch: int = 5000) -> Verification:
    """Check the whole log: no entry missing, none changed, no payload changed, and the end not cut off
    (against the head recorded outside the database). Stops at the first bad entry."""
    office_id = session.scalar(select(Office.id).limit(1))
    head = audit_head.read(office_id) if office_id is not None else None
    previous, expected, erased, entries = GENESIS, 1, 0, 0
    head_chain = ""  # the chain value found at the head's entry

    def result(problem: Problem | None) -> Verification:
        return Verification(entries, erased, expected - 1, head, problem)

    query = (
        select(AuditEvent, AuditPayload)
        .outerjoin(AuditPayload, AuditPayload.event_id == AuditEvent.id)
        .order_by(AuditEvent.seq)
        .execution_options(yield_per=batch)
    )
    for event, payload in session.execute(query):
        if event.seq != expected:
            return result(
                Problem(
                    expected,
                    "missing",
                    _("Entry {seq} is missing: it has been deleted from the log.").format(seq=expected),
                )
            )
        fields = {c: getattr(event, c) for c in _LINK_FIELDS}
        chain = link(previous, event_id=event.id, **fields)
        if chain != event.chain:
            return result(
                Problem(
                    event.seq,
                    "changed",
                    _("Entry {seq} has been changed after it was written.").format(seq=event.seq),
                )
            )
        if payload is not None and _expected_digest(payload) != event.payload_digest:
            return result(
                Problem(
                    event.seq,
                    "payload",
                    _("The values recorded in entry {seq} have been changed.").format(seq=event.seq),
                )
            )
        if payload is None and event.payload_digest:
            erased += 1
        if head is not None and event.seq == head.seq:
            head_chain = chain
        previous, expected, entries = chain, expected + 1, entries + 1
        session.expunge(event)
        if payload is not None:
            session.expunge(payload)
    if head is not None:
        if head.seq > expected - 1:
            return result(
                Problem(
                    expected,
                    "cut",
                    _(
                        "The log ends at entry {last}, but entry {head} was written on this machine: "
                        "the end of the log has been cut off."
                    ).format(last=expected - 1, head=head.seq),
                )
            )
        if head_chain != head.chain:
            return result(
                Problem(
                    head.seq,
                    "rewritten",
                    _(
                        "Entry {seq} is not the one recorded on this machine when it was written: "
                        "the log has been rewritten."
                    ).format(seq=head.seq),
                )
            )
    return result(None)


_LINK_FIELDS = (
    "seq",
    "at",
    "user_id",
    "user_initials",
    "action",
    "entity",
    "entity_id",
    "youth_id",
    "source",
    "payload_digest",
)


def reset_head(session: Session) -> None:
    """Record this database's newest entry as the head (after a restore replaced the database)."""
    office_id = session.scalar(select(Office.id).limit(1))
    if office_id is None:
        return
    audit_head.reset(office_id, _last_link(session))


# --------------------------------------------------------------------------- the viewer


@dataclass(frozen=True)
class LogEntry:
    seq: int
    at: datetime
    user: str  # initials
    action: str
    entity: str
    entity_id: uuid.UUID | None
    youth_id: uuid.UUID | None
    youth_name: str  # "" when the youth has been deleted
    source: str
    erased: bool  # the before/after values were erased with the youth


def can_read_log(actor: Actor) -> bool:
    """Leder and admin read the audit log; a veileder does not."""
    return access.is_leder_or_admin(actor)


def search(
    session: Session,
    actor: Actor,
    *,
    youth_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 5000,
) -> list[LogEntry]:
    """The log's entries, newest first, filtered by youth, user and dates (``until`` included)."""
    if not can_read_log(actor):
        raise PermissionDenied(_("Only a leader or an administrator can read the audit log."))
    query = (
        select(AuditEvent, Youth.first_name, Youth.last_name, AuditPayload.event_id)
        .outerjoin(Youth, Youth.id == AuditEvent.youth_id)
        .outerjoin(AuditPayload, AuditPayload.event_id == AuditEvent.id)
        .order_by(AuditEvent.seq.desc())
        .limit(limit)
    )
    if youth_id is not None:
        query = query.where(AuditEvent.youth_id == youth_id)
    if user_id is not None:
        query = query.where(AuditEvent.user_id == user_id)
    if since is not None:
        query = query.where(AuditEvent.at >= datetime.combine(since, time(), UTC))
    if until is not None:
        query = query.where(AuditEvent.at < datetime.combine(until + timedelta(days=1), time(), UTC))
    return [
        LogEntry(
            ev.seq,
            ev.at,
            ev.user_initials,
            ev.action,
            ev.entity,
            ev.entity_id,
            ev.youth_id,
            f"{first} {last}".strip() if first is not None else "",
            ev.source,
            bool(ev.payload_digest) and payload_id is None,
        )
        for ev, first, last, payload_id in session.execute(query)
    ]


def youth_choices(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of every youth in the office, for the viewer's filter."""
    return [
        (i, f"{first} {last}")
        for i, first, last in session.execute(select(Youth.id, Youth.first_name, Youth.last_name))
    ]
