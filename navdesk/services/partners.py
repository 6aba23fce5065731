"""Partners and contact persons, involvement around a youth, consents, employers and placements."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from navdesk.db.models import (
    Consent,
    ConsentPartner,
    ContactPerson,
    Employer,
    Involvement,
    PartnerOrg,
    Placement,
    PreventiveActivity,
    Youth,
)
from navdesk.domain.enums import ConsentForm, ConsentState
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor, coerce_enum


def add_partner(
    session: Session, actor: Actor, *, name: str, type_id: uuid.UUID | None = None, phone: str = "",
    email: str = "", agreement_date: date | None = None, agreement_review: date | None = None,
) -> uuid.UUID:  # fmt: skip
    if not name.strip():
        raise InvalidInput(_("The organisation needs a name."))
    org = crud.create(
        session, actor, PartnerOrg, office_id=actor.office_id, name=name.strip(), type_id=type_id, phone=phone,
        email=email, agreement_date=agreement_date, agreement_review=agreement_review,
    )  # fmt: skip
    return org.id


def add_contact_person(
    session: Session, actor: Actor, org_id: uuid.UUID, *, name: str, role: str = "", phone: str = "",
    email: str = "", office_days: str = "", valid_from: date | None = None,
) -> uuid.UUID:  # fmt: skip
    if session.get(PartnerOrg, org_id) is None or not name.strip():
        raise InvalidInput(_("A contact person needs a name and an organisation."))
    person = crud.create(
        session, actor, ContactPerson, org_id=org_id, name=name.strip(), role=role, phone=phone, email=email,
        office_days=office_days, valid_from=valid_from,
    )  # fmt: skip
    return person.id


def involve(
    session: Session, actor: Actor, youth_id: uuid.UUID, org_id: uuid.UUID, *, role: str = "",
    holds_ball: bool = False, contact_person_id: uuid.UUID | None = None, from_date: date | None = None,
) -> uuid.UUID:  # fmt: skip
    if session.get(Youth, youth_id) is None or session.get(PartnerOrg, org_id) is None:
        raise InvalidInput(_("The youth or the organisation no longer exists."))
    row = crud.create(
        session, actor, Involvement, youth_id=youth_id, org_id=org_id, role=role, holds_ball=holds_ball,
        contact_person_id=contact_person_id, from_date=from_date,
    )  # fmt: skip
    return row.id


def record_consent(
    session: Session, actor: Actor, youth_id: uuid.UUID, *, partner_ids: list[uuid.UUID], purpose: str,
    given_on: date, expires_on: date | None = None, form: ConsentForm | str = ConsentForm.SKRIFTLIG,
    scope: str = "", by_guardian: bool = False, signed_copy_location: str = "",
) -> uuid.UUID:  # fmt: skip
    if session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth no longer exists."))
    if not purpose.strip():
        raise InvalidInput(_("A consent needs a purpose."))
    if not partner_ids:
        raise InvalidInput(_("A consent must name at least one partner."))
    if expires_on is not None and expires_on <= given_on:
        raise InvalidInput(_("The consent expires before it was given."))
    consent = crud.create(
        session, actor, Consent, youth_id=youth_id, purpose=purpose.strip(), scope=scope, given_on=given_on,
        expires_on=expires_on, form=coerce_enum(ConsentForm, form, _("form")), by_guardian=by_guardian,
        signed_copy_location=signed_copy_location,
    )  # fmt: skip
    for org_id in partner_ids:
        session.add(ConsentPartner(consent_id=consent.id, org_id=org_id))
    session.flush()
    return consent.id


def consent_state(consent: Consent, on: date) -> ConsentState:
    """Valid, expired, withdrawn or not yet valid on a date."""
    if consent.withdrawn_on is not None and consent.withdrawn_on <= on:
        return ConsentState.TRUKKET
    if consent.given_on > on:
        return ConsentState.IKKE_STARTET
    if consent.expires_on is not None and consent.expires_on < on:
        return ConsentState.UTLOPT
    return ConsentState.GYLDIG


def add_employer(
    session: Session, actor: Actor, *, name: str, industry: str = "", contact_name: str = "", phone: str = "",
    openings: list[str] | None = None, mentor_available: bool = False,
) -> uuid.UUID:  # fmt: skip
    if not name.strip():
        raise InvalidInput(_("The employer needs a name."))
    row = crud.create(
        session, actor, Employer, office_id=actor.office_id, name=name.strip(), industry=industry,
        contact_name=contact_name, phone=phone, openings=list(openings or []), mentor_available=mentor_available,
    )  # fmt: skip
    return row.id


def add_placement(
    session: Session, actor: Actor, youth_id: uuid.UUID, employer_id: uuid.UUID, *, start_date: date,
    end_date: date | None = None, kind: str = "arbeidstrening", activity_id: uuid.UUID | None = None,
) -> uuid.UUID:  # fmt: skip
    if session.get(Employer, employer_id) is None or session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth or the employer no longer exists."))
    row = crud.create(
        session, actor, Placement, youth_id=youth_id, employer_id=employer_id, start_date=start_date,
        end_date=end_date, kind=kind, activity_id=activity_id,
    )  # fmt: skip
    return row.id


def add_preventive(
    session: Session, actor: Actor, *, held_on: date, kind: str, audience: str = "", reached: int = 0,
) -> uuid.UUID:  # fmt: skip
    if reached < 0 or not kind.strip():
        raise InvalidInput(_("A preventive activity needs a kind and a non-negative number reached."))
    row = crud.create(
        session, actor, PreventiveActivity, office_id=actor.office_id, held_on=held_on, kind=kind.strip(),
        audience=audience, reached=reached,
    )  # fmt: skip
    return row.id
