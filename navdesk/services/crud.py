"""Create and update with audit and the version check, shared by every use case."""

from __future__ import annotations

import uuid
from typing import Any, TypeVar

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from navdesk.db.base import Base
from navdesk.errors import StaleEdit
from navdesk.services import audit
from navdesk.services.context import Actor

M = TypeVar("M", bound=Base)
_SKIP = {
    "created_at",
    "updated_at",
    "version",
    "search_text",
    "last_contact_at",
    "open_registration_date",
    "in_activity",
    "facts_version",
    "password_hash",  # never in the audit trail: a password change is audited as its own event
}


def snapshot(obj: Base) -> dict[str, Any]:
    """Column values of a row (for the audit payload)."""
    mapper = sa_inspect(type(obj))
    return {c.key: getattr(obj, c.key) for c in mapper.column_attrs if c.key not in _SKIP}


def _youth_of(obj: Base, youth_id: uuid.UUID | None) -> uuid.UUID | None:
    if youth_id is not None:
        return youth_id
    value = getattr(obj, "youth_id", None)
    if isinstance(value, uuid.UUID):
        return value
    if type(obj).__tablename__ == "youth":
        found = getattr(obj, "id", None)
        return found if isinstance(found, uuid.UUID) else None
    return None


def create(
    session: Session, actor: Actor, model: type[M], *, youth_id: uuid.UUID | None = None, **values: Any
) -> M:
    """Add a row and audit it as ``create``.

    ``youth_id`` is the youth the change concerns (for the audit trail); on a model that has a
    ``youth_id`` column it is also that column's value.
    """
    if youth_id is not None and "youth_id" in model.__table__.c:
        values["youth_id"] = youth_id
    obj = model(**values)
    if getattr(obj, "id", None) is None and hasattr(model, "id"):
        obj.id = uuid.uuid4()  # type: ignore[attr-defined]
    session.add(obj)
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        model.__tablename__,
        getattr(obj, "id", None),
        youth_id=_youth_of(obj, youth_id),
        after=snapshot(obj),
    )
    return obj


def update(
    session: Session,
    actor: Actor,
    obj: M,
    expected_version: int | None = None,
    *,
    youth_id: uuid.UUID | None = None,
    fields: dict[str, Any] | None = None,
    **changes: Any,
) -> M:
    """Apply ``changes`` if the row is still at ``expected_version``; audit what changed.

    ``fields``: more changes, for column names that clash with this function's parameters (a row's
    own ``youth_id`` column: the ``youth_id`` parameter only names the youth for the audit trail).
    """
    changes = {**(fields or {}), **changes}
    current = getattr(obj, "version", None)
    if expected_version is not None and current is not None and current != expected_version:
        raise StaleEdit()
    before = snapshot(obj)
    for key, value in changes.items():
        if not hasattr(obj, key):
            raise AttributeError(key)
        setattr(obj, key, value)
    session.flush()
    after = snapshot(obj)
    changed = {k for k in after if after[k] != before.get(k)}
    if changed:
        audit.record(
            session,
            actor,
            "update",
            type(obj).__tablename__,
            getattr(obj, "id", None),
            youth_id=_youth_of(obj, youth_id),
            before={k: before.get(k) for k in changed},
            after={k: after[k] for k in changed},
        )
    return obj


def delete(session: Session, actor: Actor, obj: Base, *, youth_id: uuid.UUID | None = None) -> None:
    before = snapshot(obj)
    ident = getattr(obj, "id", None)
    yid = _youth_of(obj, youth_id)
    session.delete(obj)
    session.flush()
    audit.record(session, actor, "delete", type(obj).__tablename__, ident, youth_id=yid, before=before)
