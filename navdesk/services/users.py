"""The office's users (issue 9): signing in, and the administrator's user management — add, change the
access role, deactivate and reactivate, reset a password. Every change goes through :mod:`crud` (audited,
version-checked); a password or its hash never reaches the audit trail. The office always keeps at least
one active administrator.
"""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navdesk.db.models import User
from navdesk.domain.enums import AccessRole, JobRole
from navdesk.errors import InvalidInput, NotFound
from navdesk.i18n import _
from navdesk.services import audit, crud, office
from navdesk.services.access import require_admin
from navdesk.services.context import Actor, coerce_enum
from navdesk.services.passwords import hash_password, verify_password

__all__ = [
    "UserInfo",
    "active_users",
    "add_user",
    "find_user",
    "list_users",
    "needs_login",
    "record_failed_login",
    "reset_password",
    "set_active",
    "set_role",
    "sign_in",
]

UserInfo = office.UserInfo
list_users = office.list_users


def active_users(session: Session) -> list[UserInfo]:
    """The users who may sign in, by initials."""
    return [u for u in office.list_users(session) if u.active]


def needs_login(session: Session) -> bool:
    """Whether starting NavDesk asks who is signing in (more than one active user)."""
    return int(session.scalar(select(func.count()).select_from(User).where(User.active.is_(True))) or 0) > 1


def find_user(session: Session, ident: str | uuid.UUID) -> User:
    """A user by id or by initials (any case)."""
    if isinstance(ident, uuid.UUID):
        user = session.get(User, ident)
    else:
        user = session.scalars(select(User).where(func.upper(User.initials) == ident.strip().upper())).first()
    if user is None:
        raise NotFound(_("No user has the initials {initials}.").format(initials=ident))
    return user


def _actor_of(user: User, source: str = "app") -> Actor:
    return Actor(user.id, user.initials, user.access_role, user.office_id, source)


def sign_in(session: Session, user_id: uuid.UUID, password: str, *, source: str = "app") -> Actor | None:
    """The user as the acting user when ``password`` is theirs (audited as ``login``), else None (audited as
    ``login_failed``). A deactivated user cannot sign in. Call inside a transaction."""
    user = session.get(User, user_id)
    if user is None:
        return None
    actor = _actor_of(user, source)
    if user.active and password and verify_password(password, user.password_hash):
        audit.record(session, actor, "login", "app_user", user.id)
        return actor
    audit.record(session, actor, "login_failed", "app_user", user.id)
    return None


def record_failed_login(session: Session, user_id: uuid.UUID, *, action: str = "login_failed") -> None:
    """Audit a wrong password given for this user elsewhere (``unlock_failed``: the lock screen)."""
    user = session.get(User, user_id)
    if user is not None:
        audit.record(session, _actor_of(user), action, "app_user", user.id)


def add_user(
    session: Session, actor: Actor, *, name: str, initials: str, password: str,
    job_role: JobRole | str = JobRole.VEILEDER, access_role: AccessRole | str = AccessRole.VEILEDER,
) -> uuid.UUID:  # fmt: skip
    """A new user of the office (administrators only)."""
    return office.add_user(
        session, actor, name=name, initials=initials, password=password,
        job_role=coerce_enum(JobRole, job_role, _("job role")),
        access_role=coerce_enum(AccessRole, access_role, _("access role")),
    )  # fmt: skip


def _other_active_admins(session: Session, user: User) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(User).where(
                User.access_role == AccessRole.ADMIN, User.active.is_(True), User.id != user.id
            )
        ) or 0
    )  # fmt: skip


def _keep_an_admin(session: Session, user: User) -> None:
    if user.active and user.access_role is AccessRole.ADMIN and _other_active_admins(session, user) == 0:
        raise InvalidInput(
            _(
                "{initials} is the office's only active administrator; make someone else administrator first."
            ).format(initials=user.initials)
        )


def set_role(
    session: Session, actor: Actor, ident: str | uuid.UUID, access_role: AccessRole | str,
    *, expected_version: int | None = None,
) -> None:  # fmt: skip
    """Change a user's access role (administrators only; never the last active administrator's)."""
    require_admin(actor, _("Only an administrator may change users."))
    role = coerce_enum(AccessRole, access_role, _("access role"))
    user = find_user(session, ident)
    if user.access_role is role:
        return
    _keep_an_admin(session, user)
    crud.update(session, actor, user, expected_version, access_role=role)


def set_active(
    session: Session,
    actor: Actor,
    ident: str | uuid.UUID,
    active: bool,
    *,
    expected_version: int | None = None,
) -> None:
    """Deactivate (the user can no longer sign in; their history stays) or reactivate a user
    (administrators only; never the last active administrator, never oneself)."""
    require_admin(actor, _("Only an administrator may change users."))
    user = find_user(session, ident)
    if user.active == active:
        return
    if not active:
        if user.id == actor.user_id:
            raise InvalidInput(_("You cannot deactivate yourself."))
        _keep_an_admin(session, user)
    crud.update(session, actor, user, expected_version, active=active)


def reset_password(
    session: Session,
    actor: Actor,
    ident: str | uuid.UUID,
    password: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Give a user a new password (administrators for anyone; every user for themselves). The audit trail
    says that the password was changed, never the password or its hash."""
    user = find_user(session, ident)
    if user.id != actor.user_id:
        require_admin(actor, _("Only an administrator may change other users' passwords."))
    office.check_password_rule(password)
    crud.update(session, actor, user, expected_version, password_hash=hash_password(password))
    audit.record(session, actor, "password_reset", "app_user", user.id)
