"""Partners and contact persons, involvement around a youth, consents, employers and placements.

The directory (:func:`directory`) lists the organisations with their type, the contact persons who
are current *today* (a contact who leaves gets a ``valid_to`` and drops out of the list, the
organisation and the cooperation stay), the collaboration agreement with its review date, and the
last contact: the later of a contact marked on the organisation and the contact log.

A consent is valid on a day when it is given, not expired and not withdrawn; a consent given before
the youth turned 18 (by a guardian or by the youth at 16–17) ends on the 18th birthday: the youth must
consent again (:func:`consent_state`).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    Activity,
    CatalogueEntry,
    Consent,
    ConsentPartner,
    Contact,
    ContactPerson,
    Employer,
    Involvement,
    PartnerOrg,
    Placement,
    PreventiveActivity,
    User,
    Youth,
)
from navdesk.domain.enums import ConsentForm, ConsentState, ContactChannel
from navdesk.domain.text import OSLO, age_on, collation_key, search_fold
from navdesk.errors import InvalidInput, NotFound
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor, coerce_enum
from navdesk.services.labels import catalogue_label

OPENINGS = ("arbeidstrening", "laerling", "sommerjobb")
PLACEMENT_KINDS = ("arbeidstrening", "praksis", "laerling", "sommerjobb")
PREVENTIVE_KINDS = ("skolebesok", "yrkesmesse", "foreldremote", "nav_dag_vgs", "annet")


def _get(session: Session, model: Any, ident: uuid.UUID, what: str) -> Any:
    row = session.get(model, ident)
    if row is None:
        raise NotFound(_("The {what} no longer exists.").format(what=what))
    return row


def _text(value: str, limit: int, field: str) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(_("{field} may be at most {n} characters.").format(field=field, n=limit))
    return value


# --------------------------------------------------------------------------- directory


@dataclass(frozen=True)
class ContactPersonRow:
    id: uuid.UUID
    version: int
    name: str
    role: str
    phone: str
    email: str
    office_days: str
    valid_from: date | None
    valid_to: date | None
    current: bool  # valid today


@dataclass(frozen=True)
class PartnerRow:
    id: uuid.UUID
    version: int
    name: str
    type_code: str
    type_label: str
    phone: str
    email: str
    address: str
    notes: str
    agreement_date: date | None
    agreement_review: date | None
    last_contact: date | None
    youths_involved: int
    contacts: tuple[ContactPersonRow, ...]  # current ones first, then those who have left

    def review_due(self, today: date) -> bool:
        """The agreement's review date has come."""
        return self.agreement_review is not None and self.agreement_review <= today

    @property
    def current_contacts(self) -> tuple[ContactPersonRow, ...]:
        return tuple(c for c in self.contacts if c.current)


def _current(valid_from: date | None, valid_to: date | None, today: date) -> bool:
    return (valid_from is None or valid_from <= today) and (valid_to is None or valid_to >= today)


def partner_types(session: Session, lang: str | None = None) -> list[tuple[str, uuid.UUID, str]]:
    """(code, id, label) of the partner types, in catalogue order; labels in ``lang`` (default: the one in use)."""
    rows = session.scalars(
        select(CatalogueEntry)
        .where(CatalogueEntry.kind == "partner_type", CatalogueEntry.hidden.is_(False))
        .order_by(CatalogueEntry.sort_order, CatalogueEntry.label_nb)
    )
    return [(c.code, c.id, catalogue_label(c.label_nb, c.label_nn, lang)) for c in rows]


def _last_contacts(session: Session) -> dict[uuid.UUID, date]:
    """Organisation → the day of the latest contact in the contact log that names it."""
    out: dict[uuid.UUID, date] = {}
    query = select(Contact.partner_org_id, func.max(Contact.at)).where(Contact.partner_org_id.is_not(None))
    for org_id, at in session.execute(query.group_by(Contact.partner_org_id)):
        if at is not None and org_id is not None:
            moment = at if at.tzinfo else at.replace(tzinfo=UTC)
            out[org_id] = moment.astimezone(OSLO).date()
    return out


def directory(
    session: Session, today: date, search: str = "", *, type_code: str | None = None
) -> list[PartnerRow]:
    """The partner organisations in Norwegian name order; ``search`` looks in the name, type, notes and the
    contact persons' names, roles, phone numbers and e-mail addresses (case and accents ignored)."""
    types = {c.id: (c.code, catalogue_label(c.label_nb, c.label_nn)) for c in session.scalars(
        select(CatalogueEntry).where(CatalogueEntry.kind == "partner_type"))}  # fmt: skip
    people: defaultdict[uuid.UUID, list[ContactPersonRow]] = defaultdict(list)
    for p in session.scalars(select(ContactPerson)):
        people[p.org_id].append(ContactPersonRow(p.id, p.version, p.name, p.role, p.phone, p.email, p.office_days,
                                                 p.valid_from, p.valid_to, _current(p.valid_from, p.valid_to, today)))  # fmt: skip
    involved = dict(
        session.execute(
            select(Involvement.org_id, func.count(func.distinct(Involvement.youth_id)))
            .where((Involvement.to_date.is_(None)) | (Involvement.to_date >= today))
            .group_by(Involvement.org_id)
        ).all()
    )
    logged = _last_contacts(session)
    words = search_fold(search).split()
    out = []
    for org in session.scalars(select(PartnerOrg)):
        code, label = types.get(org.type_id, ("", "")) if org.type_id else ("", "")
        if type_code and code != type_code:
            continue
        contacts = sorted(people.get(org.id, []), key=lambda c: (not c.current, collation_key(c.name)))
        if words:
            haystack = search_fold(" ".join([org.name, label, org.notes, org.phone, org.email] + [
                f"{c.name} {c.role} {c.phone} {c.email}" for c in contacts]))  # fmt: skip
            if not all(w in haystack for w in words):
                continue
        last = max((d for d in (org.last_contact_on, logged.get(org.id)) if d is not None), default=None)
        out.append(PartnerRow(org.id, org.version, org.name, code, label, org.phone, org.email, org.address,
                              org.notes, org.agreement_date, org.agreement_review, last,
                              int(involved.get(org.id, 0)), tuple(contacts)))  # fmt: skip
    out.sort(key=lambda r: collation_key(r.name))
    return out


def partner(session: Session, org_id: uuid.UUID, today: date) -> PartnerRow:
    for row in directory(session, today):
        if row.id == org_id:
            return row
    raise NotFound(_("The {what} no longer exists.").format(what=_("organisation")))


def _check_agreement(agreement_date: date | None, agreement_review: date | None) -> None:
    if agreement_date and agreement_review and agreement_review < agreement_date:
        raise InvalidInput(_("The agreement's review date is before the agreement was made."))


def add_partner(
    session: Session, actor: Actor, *, name: str, type_id: uuid.UUID | None = None, phone: str = "",
    email: str = "", address: str = "", notes: str = "", agreement_date: date | None = None,
    agreement_review: date | None = None,
) -> uuid.UUID:  # fmt: skip
    if not name.strip():
        raise InvalidInput(_("The organisation needs a name."))
    _check_agreement(agreement_date, agreement_review)
    org = crud.create(
        session, actor, PartnerOrg, office_id=actor.office_id, name=_text(name, 200, _("Name")), type_id=type_id,
        phone=_text(phone, 40, _("Phone")), email=_text(email, 200, _("E-mail")),
        address=_text(address, 300, _("Address")), notes=notes.strip(), agreement_date=agreement_date,
        agreement_review=agreement_review,
    )  # fmt: skip
    return org.id


_PARTNER_FIELDS = {"name", "type_id", "phone", "email", "address", "notes", "agreement_date", "agreement_review",
                   "last_contact_on"}  # fmt: skip


def update_partner(
    session: Session, actor: Actor, org_id: uuid.UUID, expected_version: int | None = None, **changes: Any
) -> None:
    org = _get(session, PartnerOrg, org_id, _("organisation"))
    unknown = set(changes) - _PARTNER_FIELDS
    if unknown:
        raise InvalidInput(_("Unknown field: {field}").format(field=", ".join(sorted(unknown))))
    if "name" in changes and not str(changes["name"]).strip():
        raise InvalidInput(_("The organisation needs a name."))
    for key in ("name", "phone", "email", "address", "notes"):
        if key in changes:
            changes[key] = str(changes[key]).strip()
    _check_agreement(changes.get("agreement_date", org.agreement_date),
                     changes.get("agreement_review", org.agreement_review))  # fmt: skip
    crud.update(session, actor, org, expected_version, **changes)


def mark_partner_contacted(session: Session, actor: Actor, org_id: uuid.UUID, on: date, today: date) -> None:
    """A contact with the organisation that is not about one youth (it shows as the last contact)."""
    if on > today:
        raise InvalidInput(_("A contact cannot be logged in the future."))
    org = _get(session, PartnerOrg, org_id, _("organisation"))
    if org.last_contact_on is None or on > org.last_contact_on:
        crud.update(session, actor, org, last_contact_on=on)


def add_contact_person(
    session: Session, actor: Actor, org_id: uuid.UUID, *, name: str, role: str = "", phone: str = "",
    email: str = "", office_days: str = "", valid_from: date | None = None, valid_to: date | None = None,
) -> uuid.UUID:  # fmt: skip
    if session.get(PartnerOrg, org_id) is None or not name.strip():
        raise InvalidInput(_("A contact person needs a name and an organisation."))
    if valid_from and valid_to and valid_to < valid_from:
        raise InvalidInput(_("The contact person leaves before they start."))
    person = crud.create(
        session, actor, ContactPerson, org_id=org_id, name=_text(name, 200, _("Name")), role=role.strip(),
        phone=phone.strip(), email=email.strip(), office_days=_text(office_days, 100, _("Office days")),
        valid_from=valid_from, valid_to=valid_to,
    )  # fmt: skip
    return person.id


def update_contact_person(
    session: Session, actor: Actor, person_id: uuid.UUID, expected_version: int | None = None, **changes: Any
) -> None:
    """Change a contact person; ``valid_to`` set to a day marks that they left (they stay in the history)."""
    person = _get(session, ContactPerson, person_id, _("contact person"))
    allowed = {"name", "role", "phone", "email", "office_days", "valid_from", "valid_to"}
    if set(changes) - allowed:
        raise InvalidInput(
            _("Unknown field: {field}").format(field=", ".join(sorted(set(changes) - allowed)))
        )
    if "name" in changes and not str(changes["name"]).strip():
        raise InvalidInput(_("A contact person needs a name and an organisation."))
    start, end = changes.get("valid_from", person.valid_from), changes.get("valid_to", person.valid_to)
    if start and end and end < start:
        raise InvalidInput(_("The contact person leaves before they start."))
    crud.update(session, actor, person, expected_version, **changes)


# --------------------------------------------------------------------------- involvement around a youth


@dataclass(frozen=True)
class InvolvementRow:
    id: uuid.UUID
    version: int
    org_id: uuid.UUID
    organisation: str
    type_label: str
    contact_person_id: uuid.UUID | None
    contact: str  # the contact person's name, role and phone ("" when none)
    role: str
    holds_ball: bool
    from_date: date | None
    to_date: date | None
    active: bool


def _clear_ball(session: Session, actor: Actor, youth_id: uuid.UUID, keep: uuid.UUID | None) -> None:
    for other in session.scalars(
        select(Involvement).where(Involvement.youth_id == youth_id, Involvement.holds_ball.is_(True))
    ):
        if other.id != keep:
            crud.update(session, actor, other, holds_ball=False)


def involve(
    session: Session, actor: Actor, youth_id: uuid.UUID, org_id: uuid.UUID, *, role: str = "",
    holds_ball: bool = False, contact_person_id: uuid.UUID | None = None, from_date: date | None = None,
) -> uuid.UUID:  # fmt: skip
    """A partner is involved around the youth; ``holds_ball`` makes it the one who holds the ball (only one)."""
    if session.get(Youth, youth_id) is None or session.get(PartnerOrg, org_id) is None:
        raise InvalidInput(_("The youth or the organisation no longer exists."))
    if contact_person_id is not None:
        person = session.get(ContactPerson, contact_person_id)
        if person is None or person.org_id != org_id:
            raise InvalidInput(_("The contact person does not work for that organisation."))
    if holds_ball:
        _clear_ball(session, actor, youth_id, None)
    row = crud.create(
        session, actor, Involvement, youth_id=youth_id, org_id=org_id, role=_text(role, 200, _("Role")),
        holds_ball=holds_ball, contact_person_id=contact_person_id, from_date=from_date,
    )  # fmt: skip
    return row.id


def give_ball(session: Session, actor: Actor, involvement_id: uuid.UUID) -> None:
    """This partner holds the ball now; whoever held it before no longer does."""
    row = _get(session, Involvement, involvement_id, _("involvement"))
    _clear_ball(session, actor, row.youth_id, row.id)
    if not row.holds_ball:
        crud.update(session, actor, row, holds_ball=True)


def end_involvement(session: Session, actor: Actor, involvement_id: uuid.UUID, on: date) -> None:
    row = _get(session, Involvement, involvement_id, _("involvement"))
    if row.from_date and on < row.from_date:
        raise InvalidInput(_("The involvement cannot end before it started."))
    crud.update(session, actor, row, to_date=on, holds_ball=False)


def involvements(session: Session, youth_id: uuid.UUID, today: date) -> list[InvolvementRow]:
    """The partners around the youth: active ones first, the ball holder on top."""
    types = {c.id: catalogue_label(c.label_nb, c.label_nn) for c in session.scalars(
        select(CatalogueEntry).where(CatalogueEntry.kind == "partner_type"))}  # fmt: skip
    query = (
        select(Involvement, PartnerOrg, ContactPerson)
        .join(PartnerOrg, PartnerOrg.id == Involvement.org_id)
        .outerjoin(ContactPerson, ContactPerson.id == Involvement.contact_person_id)
        .where(Involvement.youth_id == youth_id)
    )
    out = []
    for inv, org, person in session.execute(query):
        contact = ""
        if person is not None:
            contact = ", ".join(x for x in (person.name, person.role, person.phone) if x)
        active = _current(inv.from_date, inv.to_date, today)
        out.append(InvolvementRow(inv.id, inv.version, org.id, org.name, types.get(org.type_id, "") if org.type_id
                                  else "", inv.contact_person_id, contact, inv.role, inv.holds_ball and active,
                                  inv.from_date, inv.to_date, active))  # fmt: skip
    out.sort(key=lambda r: (not r.active, not r.holds_ball, collation_key(r.organisation)))
    return out


# --------------------------------------------------------------------------- consent


def eighteenth_birthday(birth: date) -> date:
    try:
        return birth.replace(year=birth.year + 18)
    except ValueError:  # born 29 February: of age on 1 March
        return date(birth.year + 18, 3, 1)


def consent_state(consent: Consent, on: date, birth_date: date | None = None) -> ConsentState:
    """Valid, expired, withdrawn, not yet valid, or — given the youth's ``birth_date`` — ended because
    it was given before the youth turned 18 and the youth is 18 now (they must consent again)."""
    if consent.withdrawn_on is not None and consent.withdrawn_on <= on:
        return ConsentState.TRUKKET
    if consent.given_on > on:
        return ConsentState.IKKE_STARTET
    if consent.expires_on is not None and consent.expires_on < on:
        return ConsentState.UTLOPT
    if birth_date is not None:
        adult = eighteenth_birthday(birth_date)
        if consent.given_on < adult <= on:
            return ConsentState.FORNYES_18
    return ConsentState.GYLDIG


def valid_until(consent: Consent, birth_date: date | None = None) -> date | None:
    """The last day the consent holds (None: until withdrawn)."""
    ends = [d for d in (consent.expires_on,) if d is not None]
    if consent.withdrawn_on is not None:
        ends.append(consent.withdrawn_on - timedelta(days=1))
    if birth_date is not None:
        adult = eighteenth_birthday(birth_date)
        if consent.given_on < adult:
            ends.append(adult - timedelta(days=1))
    return min(ends, default=None)


@dataclass(frozen=True)
class ConsentRow:
    id: uuid.UUID
    version: int
    purpose: str
    scope: str
    form: ConsentForm
    given_on: date
    expires_on: date | None
    withdrawn_on: date | None
    by_guardian: bool
    signed_copy_location: str
    partner_ids: tuple[uuid.UUID, ...]
    partners: str  # the organisations' names, comma separated
    state: ConsentState
    valid_until: date | None


def record_consent(
    session: Session, actor: Actor, youth_id: uuid.UUID, *, partner_ids: list[uuid.UUID], purpose: str,
    given_on: date, expires_on: date | None = None, form: ConsentForm | str = ConsentForm.SKRIFTLIG,
    scope: str = "", by_guardian: bool = False, signed_copy_location: str = "",
) -> uuid.UUID:  # fmt: skip
    youth = session.get(Youth, youth_id)
    if youth is None:
        raise InvalidInput(_("The youth no longer exists."))
    if not purpose.strip():
        raise InvalidInput(_("A consent needs a purpose."))
    if not partner_ids:
        raise InvalidInput(_("A consent must name at least one partner."))
    if any(session.get(PartnerOrg, org) is None for org in partner_ids):
        raise InvalidInput(_("The youth or the organisation no longer exists."))
    if expires_on is not None and expires_on <= given_on:
        raise InvalidInput(_("The consent expires before it was given."))
    if by_guardian and age_on(youth.birth_date, given_on) >= 18:
        raise InvalidInput(_("The youth was of age on that day: a guardian cannot consent for them."))
    consent = crud.create(
        session, actor, Consent, youth_id=youth_id, purpose=purpose.strip(), scope=scope.strip(), given_on=given_on,
        expires_on=expires_on, form=coerce_enum(ConsentForm, form, _("form")), by_guardian=by_guardian,
        signed_copy_location=_text(signed_copy_location, 300, _("Signed copy")),
    )  # fmt: skip
    for org_id in dict.fromkeys(partner_ids):
        session.add(ConsentPartner(consent_id=consent.id, org_id=org_id))
    session.flush()
    return consent.id


def withdraw_consent(
    session: Session, actor: Actor, consent_id: uuid.UUID, on: date, expected_version: int | None = None
) -> None:
    """The youth (or guardian) withdrew the consent on ``on``: from that day nothing may be shared on it."""
    consent = _get(session, Consent, consent_id, _("consent"))
    if consent.withdrawn_on is not None:
        raise InvalidInput(_("The consent is already withdrawn."))
    if on < consent.given_on:
        raise InvalidInput(_("A consent cannot be withdrawn before it was given."))
    crud.update(session, actor, consent, expected_version, withdrawn_on=on)


def consents(session: Session, youth_id: uuid.UUID, today: date) -> list[ConsentRow]:
    """The youth's consents, newest first, with their state today."""
    youth = _get(session, Youth, youth_id, _("youth"))
    rows = list(session.scalars(select(Consent).where(Consent.youth_id == youth_id)))
    covered: defaultdict[uuid.UUID, list[tuple[uuid.UUID, str]]] = defaultdict(list)
    if rows:
        for consent_id, org_id, name in session.execute(
            select(ConsentPartner.consent_id, PartnerOrg.id, PartnerOrg.name)
            .join(PartnerOrg, PartnerOrg.id == ConsentPartner.org_id)
            .where(ConsentPartner.consent_id.in_([c.id for c in rows]))
        ):
            covered[consent_id].append((org_id, name))
    out = []
    for c in rows:
        orgs = sorted(covered.get(c.id, []), key=lambda o: collation_key(o[1]))
        out.append(ConsentRow(c.id, c.version, c.purpose, c.scope, c.form, c.given_on, c.expires_on, c.withdrawn_on,
                              c.by_guardian, c.signed_copy_location, tuple(o[0] for o in orgs),
                              ", ".join(o[1] for o in orgs), consent_state(c, today, youth.birth_date),
                              valid_until(c, youth.birth_date)))  # fmt: skip
    out.sort(key=lambda r: (r.given_on, str(r.id)), reverse=True)
    return out


# --------------------------------------------------------------------------- OT notification


def notify_ot(
    session: Session,
    actor: Actor,
    youth_id: uuid.UUID,
    *,
    at: datetime,
    org_id: uuid.UUID | None = None,
    channel: ContactChannel | str = ContactChannel.TELEFON,
    note: str = "",
) -> uuid.UUID:
    """Record that OT was told about the youth (meets the ``notify_ot`` deadline): a contact in the log,
    marked as the notification, with OT's organisation when known."""
    from navdesk.services.contacts import log_contact

    if org_id is None:
        org_id = session.scalar(
            select(PartnerOrg.id).join(CatalogueEntry, CatalogueEntry.id == PartnerOrg.type_id)
            .where(CatalogueEntry.kind == "partner_type", CatalogueEntry.code == "ot")
            .order_by(PartnerOrg.created_at).limit(1)
        )  # fmt: skip
    return log_contact(session, actor, youth_id, at=at, channel=channel, note=note or _("OT notified."),
                       partner_org_id=org_id, ot_notified=True)  # fmt: skip


def oslo_noon(day: date) -> datetime:
    """A time on ``day`` for a contact entered by date only."""
    return datetime.combine(day, time(12, 0), tzinfo=OSLO)


# --------------------------------------------------------------------------- employers and placements


@dataclass(frozen=True)
class PlacementRow:
    id: uuid.UUID
    version: int
    youth_id: uuid.UUID
    youth: str
    employer_id: uuid.UUID
    employer: str
    kind: str
    start_date: date
    end_date: date | None
    followup_interval_days: int
    activity_id: uuid.UUID | None
    activity: str
    outcome: str
    last_followup: date | None  # the latest contact logged about the placement
    next_followup: date | None  # when the next visit or check-in is due (None: ended)


@dataclass(frozen=True)
class EmployerRow:
    id: uuid.UUID
    version: int
    name: str
    industry: str
    contact_name: str
    phone: str
    email: str
    openings: tuple[str, ...]
    mentor_available: bool
    last_visit: date | None
    notes: str
    placements: tuple[PlacementRow, ...]  # the history, newest first

    @property
    def active_placements(self) -> int:
        return sum(1 for p in self.placements if p.next_followup is not None)


def _check_openings(openings: list[str] | tuple[str, ...] | None) -> list[str]:
    chosen = list(dict.fromkeys(openings or []))
    bad = [o for o in chosen if o not in OPENINGS]
    if bad:
        raise InvalidInput(
            _("Invalid value «{value}» for {field}. Allowed: {allowed}.").format(
                value=", ".join(bad), field=_("openings"), allowed=", ".join(OPENINGS)
            )
        )
    return chosen


def add_employer(
    session: Session, actor: Actor, *, name: str, industry: str = "", contact_name: str = "", phone: str = "",
    email: str = "", openings: list[str] | None = None, mentor_available: bool = False, notes: str = "",
    org_number: str = "",
) -> uuid.UUID:  # fmt: skip
    if not name.strip():
        raise InvalidInput(_("The employer needs a name."))
    row = crud.create(
        session, actor, Employer, office_id=actor.office_id, name=_text(name, 200, _("Name")),
        industry=industry.strip(), contact_name=contact_name.strip(), phone=phone.strip(), email=email.strip(),
        openings=_check_openings(openings), mentor_available=mentor_available, notes=notes.strip(),
        org_number=org_number.strip(),
    )  # fmt: skip
    return row.id


def update_employer(
    session: Session,
    actor: Actor,
    employer_id: uuid.UUID,
    expected_version: int | None = None,
    **changes: Any,
) -> None:
    row = _get(session, Employer, employer_id, _("employer"))
    allowed = {"name", "industry", "contact_name", "phone", "email", "openings", "mentor_available", "notes",
               "org_number", "last_visit"}  # fmt: skip
    if set(changes) - allowed:
        raise InvalidInput(
            _("Unknown field: {field}").format(field=", ".join(sorted(set(changes) - allowed)))
        )
    if "name" in changes and not str(changes["name"]).strip():
        raise InvalidInput(_("The employer needs a name."))
    if "openings" in changes:
        changes["openings"] = _check_openings(changes["openings"])
    crud.update(session, actor, row, expected_version, **changes)


def add_placement(
    session: Session, actor: Actor, youth_id: uuid.UUID, employer_id: uuid.UUID, *, start_date: date,
    end_date: date | None = None, kind: str = "arbeidstrening", activity_id: uuid.UUID | None = None,
    followup_interval_days: int = 14,
) -> uuid.UUID:  # fmt: skip
    """A youth in arbeidstrening/praksis at an employer, linked to a plan activity; the follow-up interval
    feeds the ``placement_followup`` deadline."""
    if session.get(Employer, employer_id) is None or session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth or the employer no longer exists."))
    if end_date is not None and end_date < start_date:
        raise InvalidInput(_("The placement ends before it starts."))
    if not 1 <= followup_interval_days <= 365:
        raise InvalidInput(_("Follow up every 1 to 365 days."))
    if activity_id is not None:
        activity = session.get(Activity, activity_id)
        if activity is None or activity.youth_id != youth_id:
            raise InvalidInput(_("The activity is not one of this youth's."))
    row = crud.create(
        session, actor, Placement, youth_id=youth_id, employer_id=employer_id, start_date=start_date,
        end_date=end_date, kind=kind, activity_id=activity_id, followup_interval_days=followup_interval_days,
    )  # fmt: skip
    return row.id


def end_placement(
    session: Session, actor: Actor, placement_id: uuid.UUID, *, end_date: date, outcome: str,
    expected_version: int | None = None,
) -> None:  # fmt: skip
    """The placement ended, with how it went (the employer's history keeps it)."""
    row = _get(session, Placement, placement_id, _("placement"))
    if end_date < row.start_date:
        raise InvalidInput(_("The placement ends before it starts."))
    if not outcome.strip():
        raise InvalidInput(_("Write how the placement went."))
    crud.update(session, actor, row, expected_version, end_date=end_date, outcome=outcome.strip())


def log_placement_followup(
    session: Session, actor: Actor, placement_id: uuid.UUID, *, at: datetime,
    channel: ContactChannel | str = ContactChannel.ARBEIDSPLASSBESOK, note: str = "",
) -> uuid.UUID:  # fmt: skip
    """A visit or check-in about the placement (meets the ``placement_followup`` deadline)."""
    from navdesk.services.contacts import log_contact

    row = _get(session, Placement, placement_id, _("placement"))
    return log_contact(session, actor, row.youth_id, at=at, channel=channel, note=note, placement_id=row.id)


def _placements(session: Session, today: date, *, employer_id: uuid.UUID | None = None,
                youth_id: uuid.UUID | None = None) -> list[PlacementRow]:  # fmt: skip
    query = (
        select(
            Placement, Youth.first_name, Youth.preferred_name, Youth.last_name, Employer.name, Activity.title
        )
        .join(Youth, Youth.id == Placement.youth_id)
        .join(Employer, Employer.id == Placement.employer_id)
        .outerjoin(Activity, Activity.id == Placement.activity_id)
    )
    if employer_id is not None:
        query = query.where(Placement.employer_id == employer_id)
    if youth_id is not None:
        query = query.where(Placement.youth_id == youth_id)
    found = session.execute(query).all()
    last: dict[uuid.UUID, date] = {}
    if found:
        for pid, at in session.execute(
            select(Contact.placement_id, func.max(Contact.at))
            .where(Contact.placement_id.in_([r[0].id for r in found]))
            .group_by(Contact.placement_id)
        ):
            if pid is not None and at is not None:
                moment = at if at.tzinfo else at.replace(tzinfo=UTC)
                last[pid] = moment.astimezone(OSLO).date()
    out = []
    for pl, first, preferred, last_name, employer, activity in found:
        seen = last.get(pl.id)
        ended = pl.end_date is not None and pl.end_date < today
        base = max(d for d in (seen, pl.start_date) if d is not None)
        due = None if ended else base + timedelta(days=pl.followup_interval_days)
        out.append(PlacementRow(pl.id, pl.version, pl.youth_id, f"{preferred or first} {last_name}".strip(),
                                pl.employer_id, employer, pl.kind, pl.start_date, pl.end_date,
                                pl.followup_interval_days, pl.activity_id, activity or "", pl.outcome, seen, due))  # fmt: skip
    out.sort(key=lambda r: (r.start_date, str(r.id)), reverse=True)
    return out


def placements_of(session: Session, youth_id: uuid.UUID, today: date) -> list[PlacementRow]:
    return _placements(session, today, youth_id=youth_id)


def employers(session: Session, today: date, search: str = "") -> list[EmployerRow]:
    """The office's employers with their placement history; ``search`` looks in name, industry, contact,
    openings and notes."""
    history: defaultdict[uuid.UUID, list[PlacementRow]] = defaultdict(list)
    for p in _placements(session, today):
        history[p.employer_id].append(p)
    words = search_fold(search).split()
    out = []
    for emp in session.scalars(select(Employer)):
        if words:
            haystack = search_fold(
                " ".join([emp.name, emp.industry, emp.contact_name, emp.notes, *emp.openings])
            )
            if not all(w in haystack for w in words):
                continue
        out.append(EmployerRow(emp.id, emp.version, emp.name, emp.industry, emp.contact_name, emp.phone, emp.email,
                               tuple(emp.openings or ()), emp.mentor_available, emp.last_visit, emp.notes,
                               tuple(history.get(emp.id, ()))))  # fmt: skip
    out.sort(key=lambda r: collation_key(r.name))
    return out


# --------------------------------------------------------------------------- preventive activities


@dataclass(frozen=True)
class PreventiveRow:
    id: uuid.UUID
    version: int
    held_on: date
    kind: str
    audience: str
    reached: int
    note: str
    veileder: str  # initials


def add_preventive(
    session: Session, actor: Actor, *, held_on: date, kind: str, audience: str = "", reached: int = 0,
    note: str = "", user_id: uuid.UUID | None = None,
) -> uuid.UUID:  # fmt: skip
    """A talk at a school, a career fair, a parents' meeting: office work with no youth (003 B:291–361)."""
    if reached < 0 or not kind.strip():
        raise InvalidInput(_("A preventive activity needs a kind and a non-negative number reached."))
    if user_id is not None and session.get(User, user_id) is None:
        raise InvalidInput(_("The user no longer exists."))
    row = crud.create(
        session, actor, PreventiveActivity, office_id=actor.office_id, held_on=held_on, kind=kind.strip(),
        audience=_text(audience, 200, _("Audience")), reached=reached, note=note.strip(),
        user_id=user_id if user_id is not None else actor.user_id,
    )  # fmt: skip
    return row.id


def preventive_activities(session: Session, *, year: int | None = None) -> list[PreventiveRow]:
    """Newest first; ``year`` limits to one calendar year."""
    query = select(PreventiveActivity, User.initials).outerjoin(User, User.id == PreventiveActivity.user_id)
    if year is not None:
        query = query.where(
            PreventiveActivity.held_on >= date(year, 1, 1), PreventiveActivity.held_on <= date(year, 12, 31)
        )
    rows = [PreventiveRow(p.id, p.version, p.held_on, p.kind, p.audience, p.reached, p.note, initials or "")
            for p, initials in session.execute(query)]  # fmt: skip
    rows.sort(key=lambda r: (r.held_on, str(r.id)), reverse=True)
    return rows


# --------------------------------------------------------------------------- choices for the dialogs


@dataclass(frozen=True)
class PlacementChoices:
    youths: list[tuple[str, uuid.UUID]]  # (name, id) of the youths with an open follow-up period
    activities: list[
        tuple[str, uuid.UUID, uuid.UUID]
    ]  # (title, youth id, activity id): work training and tiltak


def placement_choices(session: Session) -> PlacementChoices:
    from navdesk.db.models import FollowUpPeriod
    from navdesk.domain.enums import ActivityStatus, ActivityType

    followed = select(FollowUpPeriod.youth_id).where(FollowUpPeriod.closed_on.is_(None))
    youths = [(f"{preferred or first} {last}".strip(), yid) for yid, first, preferred, last in session.execute(
        select(Youth.id, Youth.first_name, Youth.preferred_name, Youth.last_name).where(Youth.id.in_(followed)))]  # fmt: skip
    youths.sort(key=lambda y: collation_key(y[0]))
    kinds = (ActivityType.ARBEIDSTRENING, ActivityType.TILTAK, ActivityType.STILLING)
    activities = [(title, yid, aid) for aid, yid, title in session.execute(
        select(Activity.id, Activity.youth_id, Activity.title)
        .where(Activity.type.in_(kinds), Activity.status.not_in((ActivityStatus.FULLFORT, ActivityStatus.AVBRUTT)))
        .order_by(Activity.title))]  # fmt: skip
    return PlacementChoices(youths, activities)


# --------------------------------------------------------------------------- trekantsamtale


def trekantsamtale_note(session: Session, youth_id: uuid.UUID, today: date) -> str:
    """A preparation note for a trekantsamtale (the youth, OT and NAV): what each knows, the school status,
    who holds the ball, and whether a consent lets NAV share with OT."""
    from navdesk.db.models import SchoolStatusEntry
    from navdesk.domain.enums import SchoolStatus
    from navdesk.services.sharing import sharing_today

    _get(session, Youth, youth_id, _("youth"))
    school = session.scalars(select(SchoolStatusEntry).where(SchoolStatusEntry.youth_id == youth_id)
                             .order_by(SchoolStatusEntry.from_date.desc()).limit(1)).first()  # fmt: skip
    ball = next((r.organisation for r in involvements(session, youth_id, today) if r.holds_ball), "")
    ot_ids = set(session.scalars(
        select(PartnerOrg.id).join(CatalogueEntry, CatalogueEntry.id == PartnerOrg.type_id)
        .where(CatalogueEntry.kind == "partner_type", CatalogueEntry.code == "ot")))  # fmt: skip
    ot_rows = [r for r in sharing_today(session, youth_id, today) if r.org_id in ot_ids]
    allowed = next((r for r in ot_rows if r.may_share), None)
    if allowed is not None:
        consent = _("Consent to share with OT: {why}.").format(why=allowed.why)
    else:
        consent = _(
            "No valid consent to share with OT: ask the youth for consent at the start of the meeting."
        )
    status = SchoolStatus(school.status).label if school is not None else _("not recorded")
    lines = [
        _("Preparation (trekantsamtale: the youth, OT and NAV)"),
        "- " + _("What does OT know, what does NAV know – and what does the youth want?"),
        "- " + _("School status: {status}").format(status=status),
        "- " + _("Holds the ball: {who}").format(who=ball or _("nobody yet – agree on it in the meeting")),
        "- " + consent,
        "- " + _("Agree on who does what, by when, and when you talk next."),
    ]
    return "\n".join(lines)


def plan_trekantsamtale(
    session: Session, actor: Actor, youth_id: uuid.UUID, *, starts_at: datetime, today: date, place: str = "",
) -> uuid.UUID:  # fmt: skip
    """A planned trekantsamtale with the youth, the counsellor and OT's current contact person, and the
    preparation note (:func:`trekantsamtale_note`) as its agenda."""
    from navdesk.domain.enums import ParticipantKind
    from navdesk.services.meetings import add_participant, create_meeting
    from navdesk.services.office import catalogue

    type_id = catalogue(session, "meeting_type").get("trekantsamtale")
    meeting = create_meeting(session, actor, starts_at=starts_at, youth_id=youth_id, type_id=type_id, place=place,
                             agenda=trekantsamtale_note(session, youth_id, today))  # fmt: skip
    add_participant(session, actor, meeting, kind=ParticipantKind.UNGDOM)
    user = session.get(User, actor.user_id)
    add_participant(session, actor, meeting, kind=ParticipantKind.VEILEDER, name=user.name if user else "",
                    user_id=actor.user_id)  # fmt: skip
    ot = [r for r in involvements(session, youth_id, today) if r.active and r.contact_person_id is not None]
    ot_type = catalogue(session, "partner_type").get("ot")
    for row in ot:
        org = session.get(PartnerOrg, row.org_id)
        if org is not None and org.type_id == ot_type:
            person = session.get(ContactPerson, row.contact_person_id)
            if person is not None:
                add_participant(session, actor, meeting, kind=ParticipantKind.PARTNER, name=person.name,
                                organisation=org.name, role=person.role, contact_person_id=person.id)  # fmt: skip
            break
    return meeting
