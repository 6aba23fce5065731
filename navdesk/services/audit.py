"""The audit trail: an event for every change (and for reads of a youth's record and exports).

Event metadata and the before/after payload are stored apart so a youth's payloads can later be
erased while the chain of events stays (the data-safety issue adds the tamper-evident chain).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from navdesk.db.base import utcnow
from navdesk.db.models import AuditEvent, AuditPayload
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


def digest(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    blob = json.dumps({"before": before, "after": after}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


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
    seq = _next_seq(session)
    event = AuditEvent(
        id=uuid.uuid4(),
        seq=seq,
        at=utcnow(),
        user_id=actor.user_id,
        user_initials=actor.initials,
        action=action,
        entity=entity,
        entity_id=entity_id,
        youth_id=youth_id,
        source=actor.source,
        payload_digest=digest(before_j, after_j) if (before_j or after_j) else "",
    )
    session.add(event)
    if before_j is not None or after_j is not None:
        session.add(AuditPayload(event_id=event.id, before=before_j, after=after_j))
    return event  # written with the next flush, in the caller's transaction


def _next_seq(session: Session) -> int:
    """The next event number. Looked up (and, on PostgreSQL, locked) once per transaction, then counted
    on: the lock is held, so no other writer can take numbers until this transaction ends. A rolled
    back transaction starts over from the database."""
    transaction = session.get_transaction()
    held = session.info.get("audit_seq")
    if held is not None and held[0] is transaction:
        seq = int(held[1]) + 1
    else:
        if session.get_bind().dialect.name == "postgresql":
            # several laptops write to a shared server: take numbers one transaction at a time (released
            # at commit); SQLite already serialises writers with its database lock
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_LOCK_ID})
        seq = (session.scalar(select(func.max(AuditEvent.seq))) or 0) + 1
    session.info["audit_seq"] = (transaction, seq)
    return seq


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
