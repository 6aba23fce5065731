"""Meetings with participants and actions; a cancelled meeting stays, with its reason."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import CatalogueEntry, Meeting, MeetingAction, MeetingParticipant, Youth
from navdesk.domain.enums import ContactChannel, MeetingStatus, ParticipantKind
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor, coerce_enum


@dataclass(frozen=True)
class MeetingRow:
    id: uuid.UUID
    title: str
    start: datetime
    youth_id: uuid.UUID | None
    youth: str | None
    status: str


def create_meeting(
    session: Session,
    actor: Actor,
    *,
    starts_at: datetime,
    youth_id: uuid.UUID | None = None,
    type_id: uuid.UUID | None = None,
    duration_min: int = 60,
    place: str = "",
    channel: ContactChannel | str = ContactChannel.SAMTALE,
    agenda: str = "",
    previous_id: uuid.UUID | None = None,
) -> uuid.UUID:
    if starts_at.tzinfo is None:
        raise InvalidInput(_("The meeting time lacks a time zone."))
    if not 5 <= duration_min <= 600:
        raise InvalidInput(_("A meeting lasts from 5 minutes to 10 hours."))
    if youth_id is not None and session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth no longer exists."))
    meeting = crud.create(
        session, actor, Meeting, youth_id=youth_id, type_id=type_id, starts_at=starts_at, duration_min=duration_min,
        place=place, channel=coerce_enum(ContactChannel, channel, _("channel")), agenda=agenda,
        previous_id=previous_id, organiser_id=actor.user_id,
    )  # fmt: skip
    return meeting.id


def add_participant(
    session: Session, actor: Actor, meeting_id: uuid.UUID, *, kind: ParticipantKind | str, name: str = "",
    organisation: str = "", role: str = "", user_id: uuid.UUID | None = None,
    contact_person_id: uuid.UUID | None = None,
) -> uuid.UUID:  # fmt: skip
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput(_("The meeting no longer exists."))
    row = crud.create(
        session, actor, MeetingParticipant, youth_id=meeting.youth_id, meeting_id=meeting_id,
        kind=coerce_enum(ParticipantKind, kind, _("participant")), name=name, organisation=organisation, role=role,
        user_id=user_id, contact_person_id=contact_person_id,
    )  # fmt: skip
    return row.id


def add_action(
    session: Session, actor: Actor, meeting_id: uuid.UUID, *, what: str, who: str = "",
    due_date: date | None = None, who_user_id: uuid.UUID | None = None,
) -> uuid.UUID:  # fmt: skip
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput(_("The meeting no longer exists."))
    if not what.strip():
        raise InvalidInput(_("An action needs a description of what is to be done."))
    row = crud.create(
        session, actor, MeetingAction, youth_id=meeting.youth_id, meeting_id=meeting_id, what=what.strip(), who=who,
        due_date=due_date, who_user_id=who_user_id,
    )  # fmt: skip
    return row.id


def record_meeting(
    session: Session, actor: Actor, meeting_id: uuid.UUID, expected_version: int, *,
    status: MeetingStatus | str, reason: str = "", **texts: Any,
) -> None:  # fmt: skip
    """Set the outcome (held, cancelled, must be moved) and the texts (summary, decisions)."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput(_("The meeting no longer exists."))
    new = coerce_enum(MeetingStatus, status, _("meeting status"))
    if new in (MeetingStatus.AVLYST, MeetingStatus.MA_FLYTTES) and not reason.strip():
        raise InvalidInput(_("Say why the meeting is cancelled or must be moved."))
    allowed = {"summary", "decisions", "agenda", "health_section", "place"}
    if set(texts) - allowed:
        raise InvalidInput(
            _("Unknown fields: {fields}").format(fields=", ".join(sorted(set(texts) - allowed)))
        )
    crud.update(session, actor, meeting, expected_version, status=new, status_reason=reason.strip(), **texts)


def meeting_rows(session: Session) -> list[MeetingRow]:
    query = (
        select(Meeting, Youth.first_name, Youth.preferred_name, Youth.last_name, CatalogueEntry.label_nb)
        .outerjoin(Youth, Youth.id == Meeting.youth_id)
        .outerjoin(CatalogueEntry, CatalogueEntry.id == Meeting.type_id)
        .order_by(Meeting.starts_at)
    )
    rows = []
    for meeting, first, preferred, last, type_label in session.execute(query):
        youth = f"{preferred or first} {last}" if last else None
        kind = type_label or _("Meeting")
        title = f"{kind} – {youth}" if youth else kind
        rows.append(
            MeetingRow(meeting.id, title, meeting.starts_at, meeting.youth_id, youth, meeting.status.value)
        )
    return rows
