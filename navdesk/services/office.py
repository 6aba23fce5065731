"""First start: the office, its first user (admin) and the seeded catalogues; users; catalogue look-ups."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navdesk.db.models import CatalogueEntry, DeadlineRule, Office, User
from navdesk.domain import catalogues
from navdesk.domain.deadlines.rules import RULES
from navdesk.domain.enums import AccessRole, JobRole
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import audit, crud
from navdesk.services.access import require_admin
from navdesk.services.context import Actor
from navdesk.services.passwords import hash_password

MIN_PASSWORD = 8


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    name: str
    initials: str
    job_role: str
    access_role: str
    active: bool


def check_password_rule(password: str) -> None:
    """Refuse a password that is too short."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(_("The password must be at least {n} characters.").format(n=MIN_PASSWORD))


def _check_initials(session: Session, initials: str) -> str:
    clean = initials.strip().upper()
    if not (2 <= len(clean) <= 6) or not clean.isalpha():
        raise InvalidInput(_("Initials must be 2–6 letters."))
    if session.scalar(select(func.count()).select_from(User).where(func.upper(User.initials) == clean)):
        raise InvalidInput(_("Another user already has the initials {initials}.").format(initials=clean))
    return clean


def create_office(
    session: Session,
    *,
    office_name: str,
    municipality: str,
    admin_name: str,
    admin_initials: str,
    password: str,
    job_role: JobRole = JobRole.VEILEDER,
) -> Actor:
    """Create the office with its first user (admin) and seed the catalogues; returns that user."""
    if session.scalar(select(func.count()).select_from(Office)):
        raise InvalidInput(_("This database already has an office."))
    if not office_name.strip():
        raise InvalidInput(_("The office needs a name."))
    if not admin_name.strip():
        raise InvalidInput(_("Your name is required."))
    check_password_rule(password)
    initials = _check_initials(session, admin_initials)
    office = Office(id=uuid.uuid4(), name=office_name.strip(), municipality=municipality.strip())
    session.add(office)
    user = User(
        id=uuid.uuid4(),
        office_id=office.id,
        name=admin_name.strip(),
        initials=initials,
        job_role=job_role,
        access_role=AccessRole.ADMIN,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    actor = Actor(user.id, user.initials, user.access_role, office.id)
    audit.record(session, actor, "create", "office", office.id, after={"name": office.name})
    audit.record(
        session, actor, "create", "app_user", user.id, after={"initials": initials, "access_role": "admin"}
    )
    seed_catalogues(session, office.id)
    seed_rules(session, office.id)
    return actor


def seed_rules(session: Session, office_id: uuid.UUID) -> None:
    """The default deadline rules as the office's own, editable rows."""
    for rule in RULES:
        session.add(
            DeadlineRule(
                id=uuid.uuid4(),
                office_id=office_id,
                rule_id=rule.id,
                enabled=rule.enabled,
                params=dict(rule.params),
            )
        )
    session.flush()


def seed_catalogues(session: Session, office_id: uuid.UUID) -> None:
    for kind, entries in catalogues.ALL.items():
        for order, (code, nb, nn, attrs) in enumerate(entries):
            session.add(
                CatalogueEntry(
                    id=uuid.uuid4(),
                    office_id=office_id,
                    kind=kind,
                    code=code,
                    label_nb=nb,
                    label_nn=nn,
                    sort_order=order,
                    attrs=dict(attrs),
                )
            )
    session.flush()


def add_user(
    session: Session,
    actor: Actor,
    *,
    name: str,
    initials: str,
    password: str,
    job_role: JobRole = JobRole.VEILEDER,
    access_role: AccessRole = AccessRole.VEILEDER,
) -> uuid.UUID:
    require_admin(actor, _("Only an administrator may add users."))
    if not name.strip():
        raise InvalidInput(_("The user needs a name."))
    check_password_rule(password)
    clean = _check_initials(session, initials)
    user = crud.create(
        session,
        actor,
        User,
        office_id=actor.office_id,
        name=name.strip(),
        initials=clean,
        job_role=job_role,
        access_role=access_role,
        password_hash=hash_password(password),
    )
    return user.id


def list_users(session: Session) -> list[UserInfo]:
    return [
        UserInfo(u.id, u.name, u.initials, u.job_role.value, u.access_role.value, u.active)
        for u in session.scalars(select(User).order_by(User.initials))
    ]


def catalogue(session: Session, kind: str, *, include_hidden: bool = False) -> dict[str, uuid.UUID]:
    """Code → id of one catalogue's entries."""
    query = select(CatalogueEntry).where(CatalogueEntry.kind == kind)
    if not include_hidden:
        query = query.where(CatalogueEntry.hidden.is_(False))
    return {c.code: c.id for c in session.scalars(query.order_by(CatalogueEntry.sort_order))}


def office_name(session: Session) -> str:
    office = session.scalars(select(Office)).first()
    return office.name if office else ""
