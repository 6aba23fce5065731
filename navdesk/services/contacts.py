"""The contact log: fast to enter, two lines of note, who took the initiative and how it went."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from navdesk.db.models import Contact, Youth
from navdesk.domain.enums import ContactChannel, ContactOutcome, InitiatedBy
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor, coerce_enum

NOTE_MAX = 1000


def log_contact(
    session: Session,
    actor: Actor,
    youth_id: uuid.UUID,
    *,
    at: datetime,
    channel: ContactChannel | str,
    initiated_by: InitiatedBy | str = InitiatedBy.NAV,
    outcome: ContactOutcome | str = ContactOutcome.GJENNOMFORT,
    note: str = "",
    topics: list[str] | None = None,
    partner_org_id: uuid.UUID | None = None,
    placement_id: uuid.UUID | None = None,
    ot_notified: bool = False,
) -> uuid.UUID:
    if session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth no longer exists."))
    if at.tzinfo is None:
        raise InvalidInput(_("The time of the contact lacks a time zone."))
    if at > datetime.now(UTC).replace(microsecond=0) and outcome != ContactOutcome.AVLYST:
        raise InvalidInput(_("A contact cannot be logged in the future."))
    if len(note) > NOTE_MAX:
        raise InvalidInput(_("The note may be at most {n} characters.").format(n=NOTE_MAX))
    contact = crud.create(
        session, actor, Contact, youth_id=youth_id, user_id=actor.user_id, at=at,
        channel=coerce_enum(ContactChannel, channel, _("channel")),
        initiated_by=coerce_enum(InitiatedBy, initiated_by, _("initiated by")),
        outcome=coerce_enum(ContactOutcome, outcome, _("outcome")), note=note.strip(), topics=list(topics or []),
        partner_org_id=partner_org_id, placement_id=placement_id, ot_notified=ot_notified,
    )  # fmt: skip
    return contact.id
