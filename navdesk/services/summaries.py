"""What a printed meeting summary (møtereferat) shows: one meeting read into plain values.

:func:`summary_data` reads a meeting with its participants, actions, the consent basis for each
external participant and the next meeting into a :class:`SummaryData` that the PDF renderer
(:mod:`navdesk.documents.summary`) and the GUI preview use. Its rules:

* health and other sensitive notes are read only when asked for (``include_sensitive``); the
  columns are not even selected otherwise;
* the youth's address is never part of it; when the youth has an address protection
  (adressesperre), a meeting place that could give the address away (a home visit, or a place
  naming the youth's street or postal code) is left out;
* an external participant (partner, employer, other) carries the valid consent that covers their
  organisation on the meeting day, or ``None``: the GUI warns, the PDF claims nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import String, cast, func, select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    CatalogueEntry,
    Consent,
    ConsentPartner,
    ContactPerson,
    Meeting,
    MeetingAction,
    MeetingParticipant,
    PartnerOrg,
    User,
    Youth,
)
from navdesk.domain.actor import Actor
from navdesk.domain.enums import Adressesperre, ConsentState, ContactChannel, MeetingStatus, ParticipantKind
from navdesk.domain.text import OSLO, search_fold
from navdesk.errors import InvalidInput, NotFound
from navdesk.i18n import _
from navdesk.services.office import office_name
from navdesk.services.partners import consent_state

# Who an action is for, as the youth's summary splits them ("Dette gjør du / Dette gjør veilederen").
YOUTH, NAV, OTHER = "youth", "nav", "other"

EXTERNAL_KINDS = frozenset({ParticipantKind.PARTNER, ParticipantKind.ARBEIDSGIVER, ParticipantKind.ANNEN})
_KIND_ORDER = {kind: i for i, kind in enumerate(ParticipantKind)}
_YOUTH_WORDS = frozenset({"ungdommen", "ungdomen", "ungdom", "du", "deg", "youth", "the youth", "you"})
_NAV_WORDS = frozenset(
    {"veileder", "veilederen", "rettleiar", "rettleiaren", "nav", "nav-veileder", "nav veileder",
     "counsellor", "the counsellor", "jobbspesialist", "jobbspesialisten"}
)  # fmt: skip


@dataclass(frozen=True)
class ConsentBasis:
    """The valid consent that lets NAV share with a participant's organisation."""

    purpose: str
    form: str  # ConsentForm value
    given_on: date
    expires_on: date | None
    by_guardian: bool


@dataclass(frozen=True)
class SummaryParticipant:
    name: str
    kind: str  # ParticipantKind value
    organisation: str
    role: str
    external: bool  # a partner, employer or other outside NAV: sharing needs a consent basis
    consent: ConsentBasis | None = None  # a valid consent on the meeting day; None: none found
    consent_state: str | None = None  # the best consent's ConsentState value; None: no consent at all

    @property
    def lacks_consent(self) -> bool:
        return self.external and self.consent is None


@dataclass(frozen=True)
class SummaryAction:
    what: str
    who: str
    due: date | None
    done_on: date | None
    responsible: str  # YOUTH, NAV or OTHER


@dataclass(frozen=True)
class SummaryYouth:
    name: str
    malform: str  # Malform value: "nb" or "nn"
    adressesperre: str  # Adressesperre value

    @property
    def protected(self) -> bool:
        return self.adressesperre != Adressesperre.INGEN.value


@dataclass(frozen=True)
class NextMeeting:
    starts_at: datetime  # Europe/Oslo
    duration_min: int
    place: str
    channel: str
    type_nb: str
    type_nn: str


@dataclass(frozen=True)
class SummaryData:
    """One meeting as its printed summary shows it (no ORM objects, nothing lazy)."""

    meeting_id: uuid.UUID
    office: str
    type_nb: str  # the meeting type's label in bokmål ("" when the meeting has no type)
    type_nn: str  # … and in nynorsk ("" when the catalogue has none)
    starts_at: datetime  # Europe/Oslo
    duration_min: int
    place: str  # "" when left out because of an address protection
    channel: str  # ContactChannel value
    status: str  # MeetingStatus value
    youth_id: uuid.UUID | None
    youth: SummaryYouth | None
    participants: tuple[SummaryParticipant, ...]
    agenda: str
    summary: str
    decisions: str
    actions: tuple[SummaryAction, ...]
    next_meeting: NextMeeting | None
    sensitive: str | None = None  # None: not read (the default); "" : read, and empty
    organiser: str = ""
    place_withheld: bool = field(default=False)  # the place was left out (address protection)

    @property
    def malform(self) -> str:
        """The language the youth reads (``nb`` when there is no youth)."""
        return self.youth.malform if self.youth else "nb"

    @property
    def missing_consent(self) -> tuple[SummaryParticipant, ...]:
        """External participants without a valid consent on the meeting day (the GUI warns)."""
        return tuple(p for p in self.participants if p.lacks_consent)

    def type_label(self, lang: str) -> str:
        return (self.type_nn or self.type_nb) if lang == "nn" else self.type_nb


def resolve_meeting(session: Session, ident: str | uuid.UUID) -> uuid.UUID:
    """The id of the meeting whose id is ``ident`` or starts with it (reads the id column only)."""
    if isinstance(ident, uuid.UUID):
        found = session.scalar(select(Meeting.id).where(Meeting.id == ident))
        if found is None:
            raise NotFound(_("Nothing found with id {ident}.").format(ident=ident))
        return found
    prefix = ident.strip().lower().replace("-", "")
    if not prefix or any(c not in "0123456789abcdef" for c in prefix):
        raise InvalidInput(_("«{ident}» is not an id (hexadecimal digits).").format(ident=ident))
    if len(prefix) == 32:
        return resolve_meeting(session, uuid.UUID(prefix))
    text_id = func.replace(cast(Meeting.id, String), "-", "")
    ids = session.scalars(select(Meeting.id).where(text_id.like(prefix + "%")).limit(2)).all()
    if not ids:
        raise NotFound(_("Nothing found with id {ident}.").format(ident=ident))
    if len(ids) > 1:
        raise InvalidInput(
            _("The id prefix {ident} matches more than one record; give more digits.").format(ident=ident)
        )
    return ids[0]


def user_label(session: Session, user_id: uuid.UUID | None, initials: str = "") -> str:
    """The footer's "printed by": «Kari Nordmann (KN)»."""
    row = (
        session.execute(select(User.name, User.initials).where(User.id == user_id)).first()
        if user_id
        else None
    )
    if row is None:
        return initials
    return f"{row.name} ({row.initials})" if row.name else row.initials


def summary_data(
    session: Session, meeting_id: uuid.UUID, *, include_sensitive: bool = False, actor: Actor | None = None
) -> SummaryData:
    """Read one meeting for its printed summary; :class:`NotFound` when it does not exist. The sensitive
    section is read only with ``include_sensitive`` and only for an ``actor`` who may see it (the youth's
    veileder or a leder, :mod:`navdesk.services.access`); anyone else gets ``PermissionDenied``."""
    if include_sensitive:
        from navdesk.services.meetings import require_meeting_restricted

        if actor is None:
            raise ValueError("include_sensitive needs the acting user")
        require_meeting_restricted(session, actor, meeting_id)
    columns: list[Any] = [
        Meeting.id, Meeting.youth_id, Meeting.type_id, Meeting.starts_at, Meeting.duration_min, Meeting.place,
        Meeting.channel, Meeting.agenda, Meeting.summary, Meeting.decisions, Meeting.status, Meeting.organiser_id,
    ]  # fmt: skip
    if include_sensitive:
        columns.append(Meeting.health_section)
    row = session.execute(select(*columns).where(Meeting.id == meeting_id)).first()
    if row is None:
        raise NotFound(_("Nothing found with id {ident}.").format(ident=meeting_id))
    starts_at = row.starts_at.astimezone(OSLO)
    youth, hide = _youth(session, row.youth_id)
    type_nb, type_nn = _type_labels(session, row.type_id)
    place = "" if hide(row.place, row.channel) else row.place
    office = office_name(session)
    participants = _participants(session, meeting_id, youth, row.youth_id, starts_at.date(), office)
    return SummaryData(
        meeting_id=row.id, office=office, type_nb=type_nb, type_nn=type_nn, starts_at=starts_at,
        duration_min=row.duration_min, place=place, channel=ContactChannel(row.channel).value,
        status=MeetingStatus(row.status).value, youth_id=row.youth_id, youth=youth, participants=participants,
        agenda=row.agenda or "", summary=row.summary or "", decisions=row.decisions or "",
        actions=_actions(session, meeting_id, youth, participants),
        next_meeting=_next_meeting(session, row.id, row.youth_id, row.starts_at, hide),
        sensitive=(row.health_section or "") if include_sensitive else None,
        organiser=user_label(session, row.organiser_id), place_withheld=bool(row.place) and not place,
    )  # fmt: skip


# --------------------------------------------------------------------------- parts


def _youth(session: Session, youth_id: uuid.UUID | None) -> tuple[SummaryYouth | None, Any]:
    """The youth, and a test ``hide(place, channel)`` for places that could reveal a protected address."""
    if youth_id is None:
        return None, lambda place, channel: False
    row = session.execute(
        select(Youth.first_name, Youth.preferred_name, Youth.last_name, Youth.malform, Youth.adressesperre)
        .where(Youth.id == youth_id)
    ).one()  # fmt: skip
    youth = SummaryYouth(f"{row.preferred_name or row.first_name} {row.last_name}".strip(),
                         row.malform.value, row.adressesperre.value)  # fmt: skip
    if not youth.protected:
        return youth, lambda place, channel: False
    address, postal_code = session.execute(
        select(Youth.address, Youth.postal_code).where(Youth.id == youth_id)
    ).one()
    clues = [search_fold(c) for c in (address.strip(), postal_code.strip(), _street(address)) if len(c) >= 4]

    def hide(place: str, channel: Any) -> bool:
        if not place.strip():
            return False
        if ContactChannel(channel) is ContactChannel.HJEMMEBESOK:
            return True
        folded = search_fold(place)
        return any(clue in folded for clue in clues)

    return youth, hide


def _street(address: str) -> str:
    """The street name of an address: «Hemmeligveien 12 B, 3890 Vinje» → «Hemmeligveien»."""
    words = []
    for word in address.split(",")[0].split():
        if any(ch.isdigit() for ch in word):
            break
        words.append(word)
    return " ".join(words)


def _type_labels(session: Session, type_id: uuid.UUID | None) -> tuple[str, str]:
    if type_id is None:
        return "", ""
    row = session.execute(
        select(CatalogueEntry.label_nb, CatalogueEntry.label_nn).where(CatalogueEntry.id == type_id)
    ).first()
    return (row.label_nb, row.label_nn or "") if row else ("", "")


def _participants(
    session: Session, meeting_id: uuid.UUID, youth: SummaryYouth | None, youth_id: uuid.UUID | None, day: date,
    office: str,
) -> tuple[SummaryParticipant, ...]:  # fmt: skip
    query = (
        select(
            MeetingParticipant.kind, MeetingParticipant.name, MeetingParticipant.organisation,
            MeetingParticipant.role, MeetingParticipant.created_at, MeetingParticipant.id,
            User.name.label("user_name"), ContactPerson.name.label("contact_name"),
            ContactPerson.role.label("contact_role"), ContactPerson.org_id, PartnerOrg.name.label("org_name"),
        )
        .outerjoin(User, User.id == MeetingParticipant.user_id)
        .outerjoin(ContactPerson, ContactPerson.id == MeetingParticipant.contact_person_id)
        .outerjoin(PartnerOrg, PartnerOrg.id == ContactPerson.org_id)
        .where(MeetingParticipant.meeting_id == meeting_id)
    )  # fmt: skip
    rows = sorted(session.execute(query), key=lambda r: (_KIND_ORDER[r.kind], r.created_at, str(r.id)))
    external = [r for r in rows if r.kind in EXTERNAL_KINDS]
    orgs = _org_ids(session, external)
    consents = _consents(session, youth_id, {o for o in orgs.values() if o is not None}, day)
    out = []
    for r in rows:
        kind = ParticipantKind(r.kind)
        name = r.name or r.user_name or r.contact_name or (youth.name if kind is ParticipantKind.UNGDOM and youth
                                                           else "")  # fmt: skip
        organisation = r.organisation or r.org_name or (office if kind is ParticipantKind.VEILEDER else "")
        is_external = kind in EXTERNAL_KINDS
        org_id = orgs.get(r.id) if is_external else None
        basis, state = consents.get(org_id, (None, None)) if org_id is not None else (None, None)
        out.append(SummaryParticipant(name, kind.value, organisation, r.role or r.contact_role or "", is_external,
                                      basis, state))  # fmt: skip
    return tuple(out)


def _org_ids(session: Session, rows: list[Any]) -> dict[uuid.UUID, uuid.UUID | None]:
    """Participant id → the partner organisation they come from (contact person, else by name)."""
    found: dict[uuid.UUID, uuid.UUID | None] = {r.id: r.org_id for r in rows}
    unmatched = [r for r in rows if r.org_id is None and (r.organisation or "").strip()]
    if unmatched:
        by_name: dict[str, uuid.UUID] = {}
        for org_id, name in session.execute(
            select(PartnerOrg.id, PartnerOrg.name).order_by(PartnerOrg.created_at)
        ):
            by_name.setdefault(search_fold(name.strip()), org_id)
        for r in unmatched:
            found[r.id] = by_name.get(search_fold(r.organisation.strip()))
    return found


def _consents(
    session: Session, youth_id: uuid.UUID | None, org_ids: set[uuid.UUID], day: date
) -> dict[uuid.UUID, tuple[ConsentBasis | None, str]]:
    """Organisation → (the valid consent lasting longest, or None; the best consent's state)."""
    if youth_id is None or not org_ids:
        return {}
    query = (
        select(ConsentPartner.org_id, Consent)
        .join(Consent, Consent.id == ConsentPartner.consent_id)
        .where(Consent.youth_id == youth_id, ConsentPartner.org_id.in_(org_ids))
    )
    best: dict[uuid.UUID, tuple[tuple[Any, ...], ConsentBasis | None, str]] = {}
    birth = session.scalar(select(Youth.birth_date).where(Youth.id == youth_id))  # consent ends at 18
    for org_id, consent in session.execute(query):
        state = consent_state(consent, day, birth)
        valid = state is ConsentState.GYLDIG
        rank = (valid, consent.expires_on or date.max, consent.given_on, str(consent.id))
        if org_id in best and best[org_id][0] >= rank:
            continue
        basis = ConsentBasis(consent.purpose, consent.form.value, consent.given_on, consent.expires_on,
                             consent.by_guardian) if valid else None  # fmt: skip
        best[org_id] = (rank, basis, state.value)
    return {org: (basis, state) for org, (_rank, basis, state) in best.items()}


def _actions(
    session: Session,
    meeting_id: uuid.UUID,
    youth: SummaryYouth | None,
    participants: tuple[SummaryParticipant, ...],
) -> tuple[SummaryAction, ...]:
    found = session.execute(
        select(MeetingAction.what, MeetingAction.who, MeetingAction.who_user_id, MeetingAction.due_date,
               MeetingAction.done_on, MeetingAction.created_at, MeetingAction.id)
        .where(MeetingAction.meeting_id == meeting_id)
    ).all()  # fmt: skip
    rows = sorted(found, key=lambda r: (r.due_date or date.max, r.created_at, str(r.id)))
    youth_names = {search_fold(n) for n in _names(youth.name if youth else "")}
    youth_names |= {
        search_fold(p.name) for p in participants if p.kind == ParticipantKind.UNGDOM.value and p.name
    }
    nav_names = {
        search_fold(p.name) for p in participants if p.kind == ParticipantKind.VEILEDER.value and p.name
    }
    nav_names |= {search_fold(n) for n in session.scalars(select(User.initials))}
    out = []
    for r in rows:
        responsible = _responsible(r.who or "", r.who_user_id, youth_names, nav_names)
        out.append(SummaryAction(r.what, r.who or "", r.due_date, r.done_on, responsible))
    return tuple(out)


def _names(full: str) -> list[str]:
    parts = full.split()
    return [full, parts[0]] if parts else []


def _responsible(who: str, user_id: uuid.UUID | None, youth_names: set[str], nav_names: set[str]) -> str:
    """YOUTH when the youth is named (alone or with others), NAV for a NAV user, else OTHER."""
    folded = search_fold(who).strip(" .:;")
    if folded in _YOUTH_WORDS or folded in youth_names:
        return YOUTH
    words = {w.strip(".,:;()") for w in folded.replace("/", " ").split()}
    if words & (_YOUTH_WORDS - {"the youth"}) or any(n in words or n == folded for n in youth_names):
        return YOUTH
    if user_id is not None or folded in _NAV_WORDS or folded in nav_names:
        return NAV
    return OTHER


def _next_meeting(
    session: Session, meeting_id: uuid.UUID, youth_id: uuid.UUID | None, after: datetime, hide: Any
) -> NextMeeting | None:
    """The meeting planned from this one (not called off), else the youth's next planned meeting."""
    columns = (Meeting.starts_at, Meeting.duration_min, Meeting.place, Meeting.channel, CatalogueEntry.label_nb,
               CatalogueEntry.label_nn)  # fmt: skip
    base = select(*columns).outerjoin(CatalogueEntry, CatalogueEntry.id == Meeting.type_id)
    row = session.execute(
        base.where(Meeting.previous_id == meeting_id, Meeting.status != MeetingStatus.AVLYST)
        .order_by(Meeting.starts_at).limit(1)
    ).first()  # fmt: skip
    if row is None and youth_id is not None:
        row = session.execute(
            base.where(Meeting.youth_id == youth_id, Meeting.id != meeting_id, Meeting.starts_at > after,
                       Meeting.status == MeetingStatus.PLANLAGT)
            .order_by(Meeting.starts_at).limit(1)
        ).first()  # fmt: skip
    if row is None:
        return None
    place = "" if hide(row.place, row.channel) else row.place
    return NextMeeting(row.starts_at.astimezone(OSLO), row.duration_min, place, ContactChannel(row.channel).value,
                       row.label_nb or "", row.label_nn or "")  # fmt: skip
