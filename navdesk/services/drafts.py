"""Drafts: what a user is writing, kept in the database until it is saved or thrown away.

The editor calls :func:`save_draft` a couple of seconds after the last keystroke; :func:`find_draft`
offers it back when the same thing is opened again (only when it is newer than the saved record);
saving or discarding calls :func:`discard_draft`. A draft is the user's own scratch: only its owner
sees it, it is not part of the audit trail (its text reaches the trail when it is saved), and it is
stored in the database, so it is encrypted with it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from navdesk.db.models import Draft

MEETING = "meeting"  # subject: the meeting's id
NEW_MEETING = "new_meeting"  # subject: the youth's id (None: a meeting without a youth)


@dataclass(frozen=True)
class DraftInfo:
    id: uuid.UUID
    kind: str
    subject_id: uuid.UUID | None
    payload: dict[str, Any]
    updated_at: datetime  # aware (UTC)


def _query(user_id: uuid.UUID, kind: str, subject_id: uuid.UUID | None) -> Any:
    subject = Draft.subject_id.is_(None) if subject_id is None else Draft.subject_id == subject_id
    return select(Draft).where(Draft.user_id == user_id, Draft.kind == kind, subject)


def save_draft(
    session: Session, user_id: uuid.UUID, kind: str, subject_id: uuid.UUID | None, payload: dict[str, Any],
    *, now: datetime | None = None,
) -> uuid.UUID:  # fmt: skip
    """Store (or replace) the user's draft for this subject; its id."""
    at = now or datetime.now(UTC)
    rows = session.scalars(_query(user_id, kind, subject_id).order_by(Draft.updated_at.desc())).all()
    if rows:
        draft = rows[0]
        for extra in rows[1:]:
            session.delete(extra)
        draft.payload = dict(payload)
        draft.updated_at = at
    else:
        draft = Draft(id=uuid.uuid4(), user_id=user_id, kind=kind, subject_id=subject_id, payload=dict(payload),
                      updated_at=at)  # fmt: skip
        session.add(draft)
    session.flush()
    ident: uuid.UUID = draft.id
    return ident


def find_draft(
    session: Session, user_id: uuid.UUID, kind: str, subject_id: uuid.UUID | None, *,
    newer_than: datetime | None = None,
) -> DraftInfo | None:  # fmt: skip
    """The user's draft for this subject, if there is one (and it is newer than ``newer_than``)."""
    draft = session.scalars(
        _query(user_id, kind, subject_id).order_by(Draft.updated_at.desc()).limit(1)
    ).first()
    if draft is None or (newer_than is not None and draft.updated_at <= newer_than):
        return None
    return DraftInfo(draft.id, draft.kind, draft.subject_id, dict(draft.payload), draft.updated_at)


def discard_draft(session: Session, user_id: uuid.UUID, kind: str, subject_id: uuid.UUID | None) -> int:
    """Remove the user's draft(s) for this subject; how many."""
    subject = Draft.subject_id.is_(None) if subject_id is None else Draft.subject_id == subject_id
    result = session.execute(
        delete(Draft)
        .where(Draft.user_id == user_id, Draft.kind == kind, subject)
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def drafts_of(session: Session, user_id: uuid.UUID) -> list[DraftInfo]:
    """All the user's drafts, newest first."""
    rows = session.scalars(select(Draft).where(Draft.user_id == user_id).order_by(Draft.updated_at.desc()))
    return [DraftInfo(d.id, d.kind, d.subject_id, dict(d.payload), d.updated_at) for d in rows]


def purge_orphans(session: Session) -> int:
    """Remove drafts whose meeting or youth no longer exists (a youth erased, a meeting deleted): a
    draft holds text about the youth and must not outlive them. How many were removed."""
    from navdesk.db.models import Meeting, Youth

    gone = 0
    for kind, model in ((MEETING, Meeting), (NEW_MEETING, Youth)):
        alive = select(model.id)
        result = session.execute(
            delete(Draft)
            .where(Draft.kind == kind, Draft.subject_id.is_not(None), Draft.subject_id.not_in(alive))
            .execution_options(synchronize_session=False)
        )
        gone += int(getattr(result, "rowcount", 0) or 0)
    return gone
