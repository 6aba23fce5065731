"""Who follows up a youth: assigning a veileder (one youth or many at once) with a handover note.

Each change closes the youth's current :class:`VeilederAssignment` (``to_date``) and opens a new one,
so the record can show who has had the youth and what the previous veileder handed over.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import User, VeilederAssignment, Youth
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor

HANDOVER_MAX = 2000


def assign_veileder(
    session: Session,
    actor: Actor,
    youth_ids: Sequence[uuid.UUID],
    veileder_id: uuid.UUID | None,
    *,
    on: date,
    handover_note: str = "",
) -> int:
    """Give every youth in ``youth_ids`` the veileder ``veileder_id`` (None: unassigned).

    All or nothing: an unknown youth or user raises :class:`InvalidInput` before anything changes.
    Youths who already have that veileder are left alone. Returns how many were changed.
    """
    if len(handover_note) > HANDOVER_MAX:
        raise InvalidInput(_("The handover note may be at most {n} characters.").format(n=HANDOVER_MAX))
    if veileder_id is not None:
        user = session.get(User, veileder_id)
        if user is None or not user.active:
            raise InvalidInput(_("Unknown counsellor."))
    youths: list[Youth] = []
    for youth_id in dict.fromkeys(youth_ids):
        youth = session.get(Youth, youth_id)
        if youth is None:
            raise InvalidInput(_("The youth no longer exists."))
        youths.append(youth)
    changed = 0
    for youth in youths:
        if youth.veileder_id == veileder_id:
            continue
        current = session.scalars(
            select(VeilederAssignment).where(
                VeilederAssignment.youth_id == youth.id, VeilederAssignment.to_date.is_(None)
            )
        ).all()
        for row in current:
            crud.update(session, actor, row, youth_id=youth.id, to_date=on)
        if veileder_id is not None:
            crud.create(
                session, actor, VeilederAssignment, youth_id=youth.id, user_id=veileder_id, from_date=on,
                handover_note=handover_note.strip(),
            )  # fmt: skip
        crud.update(session, actor, youth, youth_id=youth.id, veileder_id=veileder_id)
        changed += 1
    return changed


def assignments(session: Session, youth_id: uuid.UUID) -> list[VeilederAssignment]:
    """The youth's veileder history, newest first."""
    return list(
        session.scalars(
            select(VeilederAssignment)
            .where(VeilederAssignment.youth_id == youth_id)
            .order_by(VeilederAssignment.from_date.desc())
        )
    )
