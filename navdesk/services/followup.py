"""Follow-up periods, §14a decisions, benefits, school status, closing and reopening."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    BenefitPeriod,
    FollowUpPeriod,
    InnsatsDecision,
    SchoolStatusEntry,
    Youth,
)
from navdesk.domain.enums import (
    ContactRoute,
    Hovedmal,
    Innsatsgruppe,
    Intensity,
    SchoolStatus,
    SituationAtRegistration,
    TriState,
)
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor, coerce_enum


def _youth(session: Session, youth_id: uuid.UUID) -> Youth:
    youth = session.get(Youth, youth_id)
    if youth is None:
        raise InvalidInput(_("The youth no longer exists."))
    return youth


def open_period_id(session: Session, youth_id: uuid.UUID) -> uuid.UUID | None:
    """The youth's open follow-up period (at most one is open at a time), or None."""
    return session.scalar(
        select(FollowUpPeriod.id).where(
            FollowUpPeriod.youth_id == youth_id, FollowUpPeriod.closed_on.is_(None)
        )
    )


def open_period(
    session: Session,
    actor: Actor,
    youth_id: uuid.UUID,
    *,
    registration_date: date,
    situation: SituationAtRegistration | str = SituationAtRegistration.UTENFOR,
    contact_route: ContactRoute | str = ContactRoute.NAV_NO,
    intensity: Intensity | str = Intensity.NORMAL,
    reason: str = "",
    aktivitetsplikt: bool = False,
) -> uuid.UUID:
    """Start a follow-up period (and the 8-week clock); only one may be open at a time."""
    _youth(session, youth_id)
    if open_period_id(session, youth_id) is not None:
        raise InvalidInput(
            _("The youth already has an open follow-up period. Close it before opening a new one.")
        )
    if registration_date > date.today():
        raise InvalidInput(_("The registration date cannot be in the future."))
    period = crud.create(
        session,
        actor,
        FollowUpPeriod,
        youth_id=youth_id,
        registration_date=registration_date,
        situation=coerce_enum(SituationAtRegistration, situation, _("situation at registration")),
        contact_route=coerce_enum(ContactRoute, contact_route, _("contact route")),
        intensity=coerce_enum(Intensity, intensity, _("intensity")),
        reason=reason,
        aktivitetsplikt=aktivitetsplikt,
    )
    return period.id


def close_period(
    session: Session, actor: Actor, period_id: uuid.UUID, expected_version: int, *, closed_on: date,
    outcome_id: uuid.UUID, note: str = "",
) -> None:  # fmt: skip
    period = session.get(FollowUpPeriod, period_id)
    if period is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    if period.closed_on is not None:
        raise InvalidInput(_("The follow-up period is already closed."))
    if closed_on < period.registration_date:
        raise InvalidInput(_("A period cannot close before it was registered."))
    crud.update(
        session,
        actor,
        period,
        expected_version,
        closed_on=closed_on,
        outcome_id=outcome_id,
        outcome_note=note,
    )


def decide_innsats(
    session: Session,
    actor: Actor,
    period_id: uuid.UUID,
    *,
    decided_on: date,
    innsatsgruppe: Innsatsgruppe | str,
    hovedmal: Hovedmal | str | None = None,
) -> uuid.UUID:
    period = session.get(FollowUpPeriod, period_id)
    if period is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    row = crud.create(
        session,
        actor,
        InnsatsDecision,
        youth_id=period.youth_id,
        period_id=period_id,
        decided_on=decided_on,
        innsatsgruppe=coerce_enum(Innsatsgruppe, innsatsgruppe, _("innsatsgruppe")),
        hovedmal=coerce_enum(Hovedmal, hovedmal, _("main goal")) if hovedmal else None,
    )
    return row.id


def add_benefit(
    session: Session, actor: Actor, period_id: uuid.UUID, *, ytelse_id: uuid.UUID, start_date: date,
    end_date: date | None = None,
) -> uuid.UUID:  # fmt: skip
    period = session.get(FollowUpPeriod, period_id)
    if period is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    if end_date is not None and end_date < start_date:
        raise InvalidInput(_("The end date is before the start date."))
    row = crud.create(
        session, actor, BenefitPeriod, youth_id=period.youth_id, period_id=period_id, ytelse_id=ytelse_id,
        start_date=start_date, end_date=end_date,
    )  # fmt: skip
    return row.id


def set_school_status(
    session: Session, actor: Actor, youth_id: uuid.UUID, *, status: SchoolStatus | str, from_date: date,
    ungdomsrett: TriState | str = TriState.UKJENT, school: str = "",
) -> uuid.UUID:  # fmt: skip
    _youth(session, youth_id)
    row = crud.create(
        session, actor, SchoolStatusEntry, youth_id=youth_id,
        status=coerce_enum(SchoolStatus, status, _("school status")), from_date=from_date,
        ungdomsrett=coerce_enum(TriState, ungdomsrett, _("right to upper secondary")), school=school,
    )  # fmt: skip
    return row.id


_PERIOD_FIELDS = {"registration_date", "situation", "contact_route", "reason", "intensity", "aktivitetsplikt"}


def update_period(
    session: Session, actor: Actor, period_id: uuid.UUID, expected_version: int, **changes: Any
) -> int:
    """Edit a period's registration data and intensity, if it is still at ``expected_version``.

    Returns the new version. Moving the registration date moves the 8-week clock with it.
    """
    period = session.get(FollowUpPeriod, period_id)
    if period is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    unknown = set(changes) - _PERIOD_FIELDS
    if unknown:
        raise InvalidInput(_("Unknown fields: {fields}").format(fields=", ".join(sorted(unknown))))
    clean: dict[str, Any] = dict(changes)
    if "registration_date" in clean:
        registered = clean["registration_date"]
        if not isinstance(registered, date):
            raise InvalidInput(_("Invalid registration date."))
        if registered > date.today():
            raise InvalidInput(_("The registration date cannot be in the future."))
        if period.closed_on is not None and registered > period.closed_on:
            raise InvalidInput(_("A period cannot close before it was registered."))
    if "situation" in clean:
        clean["situation"] = coerce_enum(
            SituationAtRegistration, clean["situation"], _("situation at registration")
        )
    if "contact_route" in clean:
        clean["contact_route"] = coerce_enum(ContactRoute, clean["contact_route"], _("contact route"))
    if "intensity" in clean:
        clean["intensity"] = coerce_enum(Intensity, clean["intensity"], _("intensity"))
    if "reason" in clean:
        clean["reason"] = str(clean["reason"] or "").strip()
    if "aktivitetsplikt" in clean:
        clean["aktivitetsplikt"] = bool(clean["aktivitetsplikt"])
    crud.update(session, actor, period, expected_version, **clean)
    return period.version


def set_intensity(
    session: Session, actor: Actor, period_id: uuid.UUID, expected_version: int, intensity: Intensity | str
) -> int:
    """Change how closely the youth is followed up (tett / normal / minimum); returns the new version."""
    return update_period(session, actor, period_id, expected_version, intensity=intensity)


def reopen_period(
    session: Session,
    actor: Actor,
    youth_id: uuid.UUID,
    *,
    registration_date: date,
    situation: SituationAtRegistration | str = SituationAtRegistration.UKJENT,
    reason: str = "",
) -> uuid.UUID:
    """Reopen in one click: a new period (and a new 8-week clock) after the last one was closed.

    The contact route and the intensity are carried over from the last period; the situation at
    registration is new (unknown until the counsellor records it).
    """
    _youth(session, youth_id)
    last = session.scalars(
        select(FollowUpPeriod)
        .where(FollowUpPeriod.youth_id == youth_id)
        .order_by(FollowUpPeriod.registration_date.desc(), FollowUpPeriod.created_at.desc())
    ).first()
    if last is None:
        raise InvalidInput(_("The youth has no earlier follow-up period to reopen."))
    if last.closed_on is not None and registration_date < last.closed_on:
        raise InvalidInput(_("The new period cannot start before the last one was closed."))
    return open_period(
        session, actor, youth_id, registration_date=registration_date, situation=situation,
        contact_route=last.contact_route, intensity=last.intensity, reason=reason,
    )  # fmt: skip
