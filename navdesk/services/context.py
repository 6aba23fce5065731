"""The acting user, id look-up by unique prefix, and value coercion shared by the use cases."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import TypeVar

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from navdesk.db.base import Base
from navdesk.db.models import User
from navdesk.domain.actor import Actor
from navdesk.domain.enums import AccessRole
from navdesk.errors import InvalidInput, NotFound
from navdesk.i18n import _

E = TypeVar("E", bound=StrEnum)
M = TypeVar("M", bound=Base)
__all__ = ["Actor", "actor_for", "coerce_enum", "resolve_id"]


def actor_for(session: Session, initials: str | None = None, *, source: str = "app") -> Actor:
    """The user with these initials, or the office's first admin when none are given."""
    if initials:
        user = session.scalars(
            select(User).where(func.upper(User.initials) == initials.strip().upper())
        ).first()
        if user is None:
            raise NotFound(_("No user has the initials {initials}.").format(initials=initials))
        if not user.active:
            raise InvalidInput(_("The user {initials} is deactivated.").format(initials=user.initials))
    else:
        user = session.scalars(
            select(User)
            .where(User.access_role == AccessRole.ADMIN, User.active.is_(True))
            .order_by(User.created_at, User.initials)
        ).first()
        if user is None:
            raise NotFound(_("The database has no administrator yet. Create the office first."))
    return Actor(user.id, user.initials, user.access_role, user.office_id, source)


def coerce_enum(enum: type[E], value: E | str | None, field: str) -> E:
    if isinstance(value, enum):
        return value
    try:
        return enum(str(value))
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidInput(
            _("Invalid value «{value}» for {field}. Allowed: {allowed}.").format(
                value=value, field=field, allowed=allowed
            )
        ) from None


def resolve_id(session: Session, model: type[M], ident: str | uuid.UUID) -> M:
    """The row whose id is ``ident`` or starts with it (any unique prefix, dashes optional)."""
    if isinstance(ident, uuid.UUID):
        row = session.get(model, ident)
        if row is None:
            raise NotFound(_("Nothing found with id {ident}.").format(ident=ident))
        return row
    prefix = ident.strip().lower().replace("-", "")
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        raise InvalidInput(_("«{ident}» is not an id (hexadecimal digits).").format(ident=ident))
    if len(prefix) == 32:
        return resolve_id(session, model, uuid.UUID(prefix))
    id_col = model.__table__.c.id
    text_id = func.replace(cast(id_col, String), "-", "")
    rows = session.scalars(select(model).where(text_id.like(prefix + "%")).limit(2)).all()
    if not rows:
        raise NotFound(_("Nothing found with id {ident}.").format(ident=ident))
    if len(rows) > 1:
        raise InvalidInput(
            _("The id prefix {ident} matches more than one record; give more digits.").format(ident=ident)
        )
    return rows[0]
