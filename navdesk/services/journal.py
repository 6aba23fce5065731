"""Printed meeting summaries and their recording (journalføring) in NAV's own systems.

A møtereferat is printed from NavDesk and then recorded by hand in Modia or Gosys. NavDesk keeps
a :class:`~navdesk.db.models.JournalMark` (document kind ``moetereferat``, subject the meeting)
with the date it was recorded, so the counsellor can see which held meetings still lack one.

Also here: which held meetings a batch print covers ("today" / "this week"), and the audit event
a print leaves (the GUI and the command line alike).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from navdesk.db.models import AuditEvent, CatalogueEntry, JournalMark, Meeting, Youth
from navdesk.domain.enums import MeetingStatus
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import audit, crud
from navdesk.services.context import Actor

SUMMARY_KIND = "moetereferat"
SYSTEMS = ("Modia", "Gosys")
TODAY, WEEK = "today", "week"


@dataclass(frozen=True)
class UnrecordedSummary:
    """A held meeting whose summary is not yet marked as recorded in NAV's system."""

    meeting_id: uuid.UUID
    youth_id: uuid.UUID
    youth: str  # the youth's name (shown inside the application only)
    starts_at: datetime  # Europe/Oslo
    type_nb: str
    type_nn: str
    printed: bool  # the summary has been printed or saved from NavDesk


@dataclass(frozen=True)
class Recording:
    recorded_on: date
    system: str


def period(which: str, today: date) -> tuple[date, date]:
    """The first and last day of ``today`` (``"today"``) or its Monday-to-Sunday week (``"week"``)."""
    if which == TODAY:
        return today, today
    if which == WEEK:
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    raise ValueError(f"unknown period {which!r}")


def _bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return (
        datetime.combine(first, time(0), OSLO),
        datetime.combine(last + timedelta(days=1), time(0), OSLO),
    )


def held_meetings(session: Session, first: date, last: date) -> list[uuid.UUID]:
    """Held meetings (gjennomført) from ``first`` to ``last`` (Oslo days, both included), by time."""
    start, end = _bounds(first, last)
    return list(
        session.scalars(
            select(Meeting.id)
            .where(
                Meeting.status == MeetingStatus.GJENNOMFORT,
                Meeting.starts_at >= start,
                Meeting.starts_at < end,
            )
            .order_by(Meeting.starts_at, Meeting.id)
        )
    )


def held_meetings_in(session: Session, which: str, today: date) -> list[uuid.UUID]:
    """Held meetings today (``"today"``) or this week (``"week"``): what a batch print covers."""
    return held_meetings(session, *period(which, today))


def recording(session: Session, meeting_id: uuid.UUID) -> Recording | None:
    """When and where the meeting's summary was recorded, or ``None``."""
    row = session.execute(
        select(JournalMark.recorded_on, JournalMark.system)
        .where(JournalMark.document_kind == SUMMARY_KIND, JournalMark.subject_id == meeting_id)
        .order_by(JournalMark.created_at.desc())
        .limit(1)
    ).first()
    return Recording(row.recorded_on, row.system) if row else None


def mark_recorded(
    session: Session,
    actor: Actor,
    meeting_id: uuid.UUID,
    recorded_on: date | None = None,
    *,
    system: str = "Modia",
    today: date | None = None,
) -> uuid.UUID:
    """Mark the meeting's summary as recorded in ``system`` on ``recorded_on`` (default today); audited.

    Marking again changes the date and system of the existing mark (one mark per summary).
    """
    today = today or datetime.now(OSLO).date()
    recorded_on = recorded_on or today
    row = session.execute(select(Meeting.youth_id, Meeting.starts_at).where(Meeting.id == meeting_id)).first()
    if row is None:
        raise InvalidInput(_("The meeting no longer exists."))
    if row.youth_id is None:
        raise InvalidInput(_("Only a summary of a meeting with a youth can be marked as recorded."))
    if recorded_on > today:
        raise InvalidInput(_("The date it was recorded cannot be in the future."))
    if recorded_on < row.starts_at.astimezone(OSLO).date():
        raise InvalidInput(_("The date it was recorded cannot be before the meeting."))
    system = system.strip()
    if not system or len(system) > 40:
        raise InvalidInput(_("Give the system the summary was recorded in (for example Modia or Gosys)."))
    mark = session.scalars(
        select(JournalMark).where(
            JournalMark.document_kind == SUMMARY_KIND, JournalMark.subject_id == meeting_id
        )
    ).first()
    if mark is not None:
        crud.update(session, actor, mark, recorded_on=recorded_on, system=system, user_id=actor.user_id)
        return mark.id
    created = crud.create(
        session, actor, JournalMark, youth_id=row.youth_id, document_kind=SUMMARY_KIND, subject_id=meeting_id,
        recorded_on=recorded_on, system=system, user_id=actor.user_id,
    )  # fmt: skip
    return created.id


def unrecorded_summaries(session: Session, *, until: date | None = None) -> list[UnrecordedSummary]:
    """Held meetings with a youth whose summary is not marked as recorded, oldest first.

    ``until``: only meetings up to and including that day (default: all).
    """
    marked = and_(JournalMark.document_kind == SUMMARY_KIND, JournalMark.subject_id == Meeting.id)
    query = (
        select(
            Meeting.id, Meeting.youth_id, Meeting.starts_at, Youth.first_name, Youth.preferred_name,
            Youth.last_name, CatalogueEntry.label_nb, CatalogueEntry.label_nn,
        )
        .join(Youth, Youth.id == Meeting.youth_id)
        .outerjoin(CatalogueEntry, CatalogueEntry.id == Meeting.type_id)
        .outerjoin(JournalMark, marked)
        .where(Meeting.status == MeetingStatus.GJENNOMFORT, JournalMark.id.is_(None))
        .order_by(Meeting.starts_at, Meeting.id)
    )  # fmt: skip
    if until is not None:
        query = query.where(Meeting.starts_at < _bounds(until, until)[1])
    rows = session.execute(query).all()
    printed = _printed({r.id for r in rows}, session)
    return [
        UnrecordedSummary(
            r.id,
            r.youth_id,
            f"{r.preferred_name or r.first_name} {r.last_name}".strip(),
            r.starts_at.astimezone(OSLO),
            r.label_nb or "",
            r.label_nn or "",
            r.id in printed,
        )
        for r in rows
    ]


def _printed(ids: set[uuid.UUID], session: Session) -> set[uuid.UUID]:
    if not ids:
        return set()
    found: set[uuid.UUID] = set()
    chunk = list(ids)
    for i in range(0, len(chunk), 500):
        found.update(
            session.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.action == "print", AuditEvent.entity == "meeting",
                    AuditEvent.entity_id.in_(chunk[i : i + 500]),
                )
            )
        )  # fmt: skip
    return found


def record_print(
    session: Session,
    actor: Actor,
    meeting_id: uuid.UUID,
    youth_id: uuid.UUID | None,
    *,
    target: str,
    variant: str,
    lang: str,
    sensitive: bool,
) -> None:
    """Audit that a summary was printed or saved (``target``: the file name, or ``"printer"``)."""
    audit.record(
        session, actor, "print", "meeting", meeting_id, youth_id=youth_id,
        after={"file": target, "document": "summary", "variant": variant, "lang": lang, "sensitive": sensitive},
    )  # fmt: skip
