"""The app lock's rules (issue 9): how long NavDesk may sit idle before it locks, checking the user's
password to unlock, and the growing wait after wrong passwords. No Qt: the lock screen is
:mod:`navdesk.ui.lock`.

The idle time is an office setting (``office_setting`` key :data:`OFFICE_KEY`, set by an admin) that a
user may shorten or lengthen for themselves (key ``lock_idle_minutes:<user id>``); 10 minutes when
neither is set.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import OfficeSetting, User
from navdesk.domain.enums import AccessRole
from navdesk.errors import InvalidInput, PermissionDenied
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor
from navdesk.services.passwords import verify_password

DEFAULT_IDLE_MINUTES = 10
MIN_IDLE_MINUTES, MAX_IDLE_MINUTES = 1, 240
OFFICE_KEY = "lock_idle_minutes"
FREE_TRIES = 2  # wrong passwords without a wait; the third in a row starts it
FIRST_WAIT_S = 5.0
MAX_WAIT_S = 300.0


def _user_key(user_id: uuid.UUID) -> str:
    return f"{OFFICE_KEY}:{user_id.hex}"


def _setting(session: Session, key: str) -> OfficeSetting | None:
    return session.scalars(select(OfficeSetting).where(OfficeSetting.key == key)).first()


def idle_minutes(session: Session, user_id: uuid.UUID) -> int:
    """Minutes of inactivity before NavDesk locks for this user: their own choice, else the office's."""
    for key in (_user_key(user_id), OFFICE_KEY):
        row = _setting(session, key)
        if row is not None and isinstance(row.value, int) and not isinstance(row.value, bool):
            return max(MIN_IDLE_MINUTES, min(MAX_IDLE_MINUTES, row.value))
    return DEFAULT_IDLE_MINUTES


def set_idle_minutes(session: Session, actor: Actor, minutes: int, *, office_wide: bool = False) -> None:
    """Store the idle time for the acting user (or, for an admin, ``office_wide``); audited."""
    if not MIN_IDLE_MINUTES <= minutes <= MAX_IDLE_MINUTES:
        raise InvalidInput(
            _("The lock time must be from {low} to {high} minutes.").format(
                low=MIN_IDLE_MINUTES, high=MAX_IDLE_MINUTES
            )
        )
    if office_wide and actor.access_role is not AccessRole.ADMIN:
        raise PermissionDenied(_("Only an administrator can change the office's lock time."))
    key = OFFICE_KEY if office_wide else _user_key(actor.user_id)
    row = _setting(session, key)
    if row is None:
        crud.create(session, actor, OfficeSetting, office_id=actor.office_id, key=key, value=minutes)
    else:
        crud.update(session, actor, row, None, value=minutes)


def check_password(session: Session, user_id: uuid.UUID, password: str) -> bool:
    """Whether ``password`` is the (active) user's password."""
    user = session.get(User, user_id)
    return (
        user is not None and user.active and bool(password) and verify_password(password, user.password_hash)
    )


def unlock_wait(failures: int) -> float:
    """Seconds to wait before the next try after ``failures`` wrong passwords in a row: none for the first
    two, then 5 s, doubling each time, at most 5 minutes."""
    if failures <= FREE_TRIES:
        return 0.0
    return float(min(MAX_WAIT_S, FIRST_WAIT_S * 2 ** (failures - FREE_TRIES - 1)))
