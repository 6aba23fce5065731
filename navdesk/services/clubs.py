"""Jobbklubb and group courses: the group, its samlinger, enrolment and attendance."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy.orm import Session

from navdesk.db.models import AttendanceRecord, Club, ClubEnrolment, ClubSession, Youth
from navdesk.domain.enums import (
    ActivityStatus,
    ActivityType,
    Attendance,
    ClubKind,
    EnrolmentStatus,
    Responsible,
)
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud, plans
from navdesk.services.context import Actor, coerce_enum


def create_club(
    session: Session, actor: Actor, *, name: str, kind: ClubKind | str = ClubKind.JOBBKLUBB, place: str = "",
    organiser: str = "", target_group: str = "", capacity: int | None = None, facilitators: str = "",
    start_date: date | None = None, end_date: date | None = None,
) -> uuid.UUID:  # fmt: skip
    if not name.strip():
        raise InvalidInput(_("The group needs a name."))
    if capacity is not None and capacity < 1:
        raise InvalidInput(_("The capacity must be at least 1."))
    club = crud.create(
        session, actor, Club, office_id=actor.office_id, name=name.strip(),
        kind=coerce_enum(ClubKind, kind, _("kind")), place=place, organiser=organiser, target_group=target_group,
        capacity=capacity, facilitators=facilitators, start_date=start_date, end_date=end_date,
    )  # fmt: skip
    return club.id


def add_session(
    session: Session, actor: Actor, club_id: uuid.UUID, *, starts_at: datetime, duration_min: int = 120,
    topic_id: uuid.UUID | None = None, note: str = "",
) -> uuid.UUID:  # fmt: skip
    if session.get(Club, club_id) is None:
        raise InvalidInput(_("The group no longer exists."))
    row = crud.create(
        session, actor, ClubSession, club_id=club_id, starts_at=starts_at, duration_min=duration_min,
        topic_id=topic_id, note=note,
    )  # fmt: skip
    return row.id


def enrol(
    session: Session, actor: Actor, club_id: uuid.UUID, youth_id: uuid.UUID, *, enrolled_on: date,
    start_date: date | None = None, period_id: uuid.UUID | None = None,
) -> uuid.UUID:  # fmt: skip
    """Enrol a youth; this also puts a jobbklubb activity in the youth's plan."""
    club = session.get(Club, club_id)
    if club is None or session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The group or the youth no longer exists."))
    exists = session.query(ClubEnrolment).filter_by(club_id=club_id, youth_id=youth_id).first()
    if exists is not None:
        raise InvalidInput(_("The youth is already enrolled in this group."))
    started = start_date is not None and start_date <= date.today()
    row = crud.create(
        session, actor, ClubEnrolment, club_id=club_id, youth_id=youth_id, enrolled_on=enrolled_on,
        start_date=start_date, status=EnrolmentStatus.DELTAR if started else EnrolmentStatus.VENTER,
    )  # fmt: skip
    plans.add_activity(
        session, actor, youth_id, type=ActivityType.JOBBKLUBB, title=club.name, period_id=period_id,
        from_date=start_date, to_date=club.end_date, responsible=Responsible.NAV, club_id=club_id,
        status=ActivityStatus.GJENNOMFORER if started else ActivityStatus.PLANLEGGER,
        started_on=start_date if started else None,
    )  # fmt: skip
    return row.id


def register_attendance(
    session: Session, actor: Actor, session_id: uuid.UUID, enrolment_id: uuid.UUID,
    value: Attendance | str, note: str = "",
) -> uuid.UUID:  # fmt: skip
    samling = session.get(ClubSession, session_id)
    enrolment = session.get(ClubEnrolment, enrolment_id)
    if samling is None or enrolment is None or enrolment.club_id != samling.club_id:
        raise InvalidInput(_("The participant is not enrolled in this group."))
    chosen = coerce_enum(Attendance, value, _("attendance"))
    existing = (
        session.query(AttendanceRecord).filter_by(session_id=session_id, enrolment_id=enrolment_id).first()
    )
    if existing is not None:
        crud.update(session, actor, existing, None, youth_id=enrolment.youth_id, value=chosen, note=note)
        return existing.id
    row = crud.create(
        session, actor, AttendanceRecord, youth_id=enrolment.youth_id, session_id=session_id,
        enrolment_id=enrolment_id, value=chosen, note=note,
    )  # fmt: skip
    return row.id
