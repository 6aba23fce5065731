"""The youth record as plain data (no ORM objects, no Qt), its audit trail in words, and the field
checks the youth form shares with anyone else who takes these values from a person.

:func:`open_record` reads everything the record window shows in one short session and writes the
read to the audit trail (through :func:`navdesk.services.youths.open_youth`); :func:`read_record`
reads it again after a save in the same window without a second read event.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain import enums as e
from navdesk.domain.person import age_band
from navdesk.domain.text import OSLO, age_on, format_date, oslo_day
from navdesk.errors import InvalidInput
from navdesk.i18n import N_, _, language
from navdesk.services.clubs import YouthClub, youth_clubs
from navdesk.services.context import Actor

# --------------------------------------------------------------------------- plain data


@dataclass(frozen=True)
class Choice:
    """An entry of an editable catalogue (outcome, ytelse) in the current language."""

    id: uuid.UUID
    code: str
    label: str


@dataclass(frozen=True)
class InnsatsInfo:
    decided_on: date
    innsatsgruppe: e.Innsatsgruppe
    hovedmal: e.Hovedmal | None


@dataclass(frozen=True)
class BenefitInfo:
    ytelse: str
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class PeriodInfo:
    id: uuid.UUID
    version: int
    registration_date: date
    situation: e.SituationAtRegistration
    contact_route: e.ContactRoute
    reason: str
    intensity: e.Intensity
    aktivitetsplikt: bool
    closed_on: date | None
    outcome: str
    outcome_note: str
    decisions: tuple[InnsatsInfo, ...] = ()  # newest first
    benefits: tuple[BenefitInfo, ...] = ()  # newest first

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


@dataclass(frozen=True)
class SchoolInfo:
    status: e.SchoolStatus
    from_date: date
    ungdomsrett: e.TriState
    school: str


@dataclass(frozen=True)
class AssignmentInfo:
    initials: str
    name: str
    from_date: date
    to_date: date | None
    handover_note: str


@dataclass(frozen=True)
class ContactInfo:
    id: uuid.UUID
    at: datetime  # aware (UTC)
    channel: e.ContactChannel
    initiated_by: e.InitiatedBy
    outcome: e.ContactOutcome
    note: str
    by: str  # initials of the user who logged it


@dataclass(frozen=True)
class MeetingInfo:
    id: uuid.UUID
    starts_at: datetime  # aware (UTC)
    kind: str
    status: e.MeetingStatus
    place: str


@dataclass(frozen=True)
class ConsentInfo:
    purpose: str
    partners: str
    given_on: date
    expires_on: date | None
    state: e.ConsentState


@dataclass(frozen=True)
class YouthRecord:
    """Everything the record window shows about one youth, read in one go."""

    id: uuid.UUID
    version: int
    name: str
    values: dict[str, Any]  # the youth's columns (enums as enums, dates as dates)
    today: date
    veileder_initials: str = ""
    veileder_name: str = ""
    periods: tuple[PeriodInfo, ...] = ()  # newest first
    school: tuple[SchoolInfo, ...] = ()  # newest first
    assignments: tuple[AssignmentInfo, ...] = ()  # newest first
    contacts: tuple[ContactInfo, ...] = ()  # newest first
    meetings: tuple[MeetingInfo, ...] = ()  # newest first
    consents: tuple[ConsentInfo, ...] = ()
    intensity_days: dict[str, int] = field(default_factory=dict)
    clubs: tuple[YouthClub, ...] = ()  # newest first
    restricted: bool = False  # the reader may not see the health note (``values["health_note"]`` is empty)

    @property
    def birth_date(self) -> date:
        born = self.values["birth_date"]
        assert isinstance(born, date)
        return born

    @property
    def age(self) -> int:
        return age_on(self.birth_date, self.today)

    @property
    def age_band(self) -> str:
        """The report's bands as a counsellor reads them: ≤19, 20–24, 25–29, 30+."""
        return {"<20": "≤19", "20-24": "20–24", "25-29": "25–29"}.get(age_band(self.age), "30+")

    @property
    def protected(self) -> bool:
        """Adressesperre: the address is then never shown, printed or exported."""
        return self.values.get("adressesperre", e.Adressesperre.INGEN) is not e.Adressesperre.INGEN

    @property
    def adressesperre(self) -> e.Adressesperre:
        value = self.values.get("adressesperre", e.Adressesperre.INGEN)
        return value if isinstance(value, e.Adressesperre) else e.Adressesperre(value)

    @property
    def open_period(self) -> PeriodInfo | None:
        return next((p for p in self.periods if p.is_open), None)

    @property
    def latest_period(self) -> PeriodInfo | None:
        return self.periods[0] if self.periods else None

    @property
    def innsats(self) -> InnsatsInfo | None:
        """The latest §14a decision of the open period (else of the latest period)."""
        period = self.open_period or self.latest_period
        return period.decisions[0] if period is not None and period.decisions else None

    @property
    def last_contact(self) -> ContactInfo | None:
        return self.contacts[0] if self.contacts else None

    def days_since_contact(self) -> int | None:
        last = self.last_contact
        return None if last is None else (self.today - oslo_day(last.at)).days

    @property
    def next_meeting(self) -> MeetingInfo | None:
        """The next meeting from the start of today (Oslo) that is not called off."""
        since = datetime.combine(self.today, time(0), OSLO)
        upcoming = [
            mt for mt in self.meetings if mt.starts_at >= since and mt.status is not e.MeetingStatus.AVLYST
        ]
        return min(upcoming, key=lambda mt: mt.starts_at) if upcoming else None


# --------------------------------------------------------------------------- reading


def _label(entry: m.CatalogueEntry | None) -> str:
    if entry is None:
        return ""
    if language() == "nn" and entry.label_nn:
        return entry.label_nn
    return entry.label_nb


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _catalogue_labels(session: Session, ids: Iterable[uuid.UUID | None]) -> dict[uuid.UUID, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    rows = session.scalars(select(m.CatalogueEntry).where(m.CatalogueEntry.id.in_(wanted)))
    return {row.id: _label(row) for row in rows}


def intensity_days(session: Session) -> dict[str, int]:
    """The office's contact interval per follow-up intensity (the ``no_contact`` rule's parameters)."""
    from navdesk.services.deadlines import rule_settings

    params = rule_settings(session)["no_contact"].params
    return {i.value: int(params.get(i.value, 0)) for i in e.Intensity}


def _periods(session: Session, youth_id: uuid.UUID) -> tuple[PeriodInfo, ...]:
    periods = list(
        session.scalars(
            select(m.FollowUpPeriod)
            .where(m.FollowUpPeriod.youth_id == youth_id)
            .order_by(m.FollowUpPeriod.registration_date.desc(), m.FollowUpPeriod.created_at.desc())
        )
    )
    ids = [p.id for p in periods]
    decisions: dict[uuid.UUID, list[InnsatsInfo]] = {}
    benefits: dict[uuid.UUID, list[tuple[uuid.UUID, date, date | None]]] = {}
    if ids:
        for d in session.scalars(
            select(m.InnsatsDecision)
            .where(m.InnsatsDecision.period_id.in_(ids))
            .order_by(m.InnsatsDecision.decided_on.desc(), m.InnsatsDecision.created_at.desc())
        ):
            decisions.setdefault(d.period_id, []).append(
                InnsatsInfo(d.decided_on, d.innsatsgruppe, d.hovedmal)
            )
        for b in session.scalars(
            select(m.BenefitPeriod)
            .where(m.BenefitPeriod.period_id.in_(ids))
            .order_by(m.BenefitPeriod.start_date.desc())
        ):
            benefits.setdefault(b.period_id, []).append((b.ytelse_id, b.start_date, b.end_date))
    labels = _catalogue_labels(
        session,
        [p.outcome_id for p in periods] + [y for items in benefits.values() for y, _s, _e in items],
    )
    return tuple(
        PeriodInfo(
            p.id,
            p.version,
            p.registration_date,
            p.situation,
            p.contact_route,
            p.reason,
            p.intensity,
            p.aktivitetsplikt,
            p.closed_on,
            labels.get(p.outcome_id, "") if p.outcome_id else "",
            p.outcome_note,
            tuple(decisions.get(p.id, [])),
            tuple(BenefitInfo(labels.get(y, ""), s, end) for y, s, end in benefits.get(p.id, [])),
        )
        for p in periods
    )


def _users(session: Session) -> dict[uuid.UUID, m.User]:
    return {u.id: u for u in session.scalars(select(m.User))}


def _consents(session: Session, youth_id: uuid.UUID, today: date) -> tuple[ConsentInfo, ...]:
    from navdesk.services.partners import consent_state

    consents = list(
        session.scalars(
            select(m.Consent).where(m.Consent.youth_id == youth_id).order_by(m.Consent.given_on.desc())
        )
    )
    if not consents:
        return ()
    birth = session.scalar(select(m.Youth.birth_date).where(m.Youth.id == youth_id))  # consent ends at 18
    names: dict[uuid.UUID, list[str]] = {}
    rows = session.execute(
        select(m.ConsentPartner.consent_id, m.PartnerOrg.name)
        .join(m.PartnerOrg, m.PartnerOrg.id == m.ConsentPartner.org_id)
        .where(m.ConsentPartner.consent_id.in_([c.id for c in consents]))
    )
    for consent_id, name in rows:
        names.setdefault(consent_id, []).append(name)
    return tuple(
        ConsentInfo(
            c.purpose,
            ", ".join(sorted(names.get(c.id, []))),
            c.given_on,
            c.expires_on,
            consent_state(c, today, birth),
        )
        for c in consents
    )


def read_record(
    session: Session, youth_id: uuid.UUID, today: date, actor: Actor | None = None
) -> YouthRecord:
    """The youth's record (not audited: use :func:`open_record` when a user opens it). The health note is
    left out unless ``actor`` may see it (:func:`navdesk.services.access.may_see_restricted`)."""
    from navdesk.services import crud

    youth = session.get(m.Youth, youth_id)
    if youth is None:
        raise InvalidInput(_("The youth no longer exists."))
    return _build(session, youth, crud.snapshot(youth), today, actor)


def open_record(session: Session, actor: Actor, youth_id: uuid.UUID, today: date) -> YouthRecord:
    """The youth's record; the read is written to the audit trail (call inside a transaction)."""
    from navdesk.services.youths import open_youth

    detail = open_youth(session, actor, youth_id)
    youth = session.get(m.Youth, detail.id)
    assert youth is not None
    return _build(session, youth, detail.values, today, actor)


def _build(
    session: Session, youth: m.Youth, values: dict[str, Any], today: date, actor: Actor | None
) -> YouthRecord:
    from navdesk.services.access import may_see_restricted

    restricted = actor is None or not may_see_restricted(actor, youth.veileder_id)
    values = dict(values)
    if restricted:
        values["health_note"] = ""
    users = _users(session)
    veileder = users.get(youth.veileder_id) if youth.veileder_id else None
    school = tuple(
        SchoolInfo(s.status, s.from_date, s.ungdomsrett, s.school)
        for s in session.scalars(
            select(m.SchoolStatusEntry)
            .where(m.SchoolStatusEntry.youth_id == youth.id)
            .order_by(m.SchoolStatusEntry.from_date.desc(), m.SchoolStatusEntry.created_at.desc())
        )
    )
    assignments = tuple(
        AssignmentInfo(
            users[a.user_id].initials if a.user_id in users else "",
            users[a.user_id].name if a.user_id in users else "",
            a.from_date,
            a.to_date,
            a.handover_note,
        )
        for a in session.scalars(
            select(m.VeilederAssignment)
            .where(m.VeilederAssignment.youth_id == youth.id)
            .order_by(m.VeilederAssignment.from_date.desc(), m.VeilederAssignment.created_at.desc())
        )
    )
    contacts = tuple(
        ContactInfo(
            c.id,
            _aware(c.at),
            c.channel,
            c.initiated_by,
            c.outcome,
            c.note,
            users[c.user_id].initials if c.user_id in users else "",
        )
        for c in session.scalars(
            select(m.Contact).where(m.Contact.youth_id == youth.id).order_by(m.Contact.at.desc())
        )
    )
    meetings_rows = list(
        session.scalars(
            select(m.Meeting).where(m.Meeting.youth_id == youth.id).order_by(m.Meeting.starts_at.desc())
        )
    )
    kinds = _catalogue_labels(session, [mt.type_id for mt in meetings_rows])
    meetings = tuple(
        MeetingInfo(
            mt.id, _aware(mt.starts_at), kinds.get(mt.type_id, "") if mt.type_id else "", mt.status, mt.place
        )
        for mt in meetings_rows
    )
    return YouthRecord(
        id=youth.id, version=youth.version, name=youth.full_name, values=values, today=today, restricted=restricted,
        veileder_initials=veileder.initials if veileder else "", veileder_name=veileder.name if veileder else "",
        periods=_periods(session, youth.id), school=school, assignments=assignments, contacts=contacts,
        meetings=meetings, consents=_consents(session, youth.id, today), intensity_days=intensity_days(session),
        clubs=tuple(youth_clubs(session, youth.id)),
    )  # fmt: skip


def choices(session: Session, kind: str) -> list[Choice]:
    """The visible entries of one catalogue (``outcome``, ``ytelse`` …), in the office's order."""
    query = (
        select(m.CatalogueEntry)
        .where(m.CatalogueEntry.kind == kind, m.CatalogueEntry.hidden.is_(False))
        .order_by(m.CatalogueEntry.sort_order, m.CatalogueEntry.code)
    )
    return [Choice(c.id, c.code, _label(c)) for c in session.scalars(query)]


def office_stores_fodselsnummer(session: Session) -> bool:
    """Whether the office has chosen to store fødselsnummer (otherwise it only fills in the birth date)."""
    office = session.scalars(select(m.Office)).first()
    return bool(office and office.store_fodselsnummer)


def fodselsnummer_in_use(session: Session, number: str, *, except_id: uuid.UUID | None = None) -> bool:
    query = select(func.count()).select_from(m.Youth).where(m.Youth.fodselsnummer == number)
    if except_id is not None:
        query = query.where(m.Youth.id != except_id)
    return bool(session.scalar(query))


# --------------------------------------------------------------------------- the audit trail in words


@dataclass(frozen=True)
class Change:
    field: str  # translated field name
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # aware (UTC)
    who: str  # initials
    action: str  # create, update, delete, read, …
    what: str  # the action and the kind of record, in words
    changes: tuple[Change, ...] = ()

    @property
    def summary(self) -> str:
        return ", ".join(c.field for c in self.changes)


_ENTITIES: dict[str, str] = {
    "youth": N_("Personal data"),
    "follow_up_period": N_("Follow-up period"),
    "innsats_decision": N_("§ 14 a decision"),
    "benefit_period": N_("Benefit"),
    "school_status": N_("School status"),
    "veileder_assignment": N_("Counsellor"),
    "contact": N_("Contact"),
    "meeting": N_("Meeting"),
    "activity": N_("Activity"),
    "plan": N_("Plan"),
    "plan_goal": N_("Goal in the plan"),
    "plan_revision": N_("Plan version"),
    "consent": N_("Consent"),
    "involvement": N_("Partner involved"),
    "deadline_decision": N_("Deadline"),
    "task": N_("Task"),
    "club_enrolment": N_("Job club"),
    "placement": N_("Work training"),
}


def entity_label(entity: str) -> str:
    """What an audited table holds, as shown to the user (the table name when it has no label)."""
    return _(_ENTITIES[entity]) if entity in _ENTITIES else entity


_ACTIONS: dict[str, str] = {
    "create": N_("{what} added"),
    "update": N_("{what} changed"),
    "delete": N_("{what} deleted"),
}
_FIELDS: dict[str, str] = {
    "first_name": N_("First name"), "last_name": N_("Last name"), "preferred_name": N_("Preferred name"),
    "fodselsnummer": N_("Fødselsnummer"), "birth_date": N_("Birth date"), "malform": N_("Written standard"),
    "phone": N_("Phone"), "email": N_("E-mail"), "preferred_channel": N_("Preferred channel"),
    "cannot_phone": N_("Cannot be phoned"), "address": N_("Address"), "postal_code": N_("Postal code"),
    "municipality": N_("Municipality"), "adressesperre": N_("Address protection"), "household": N_("Household"),
    "own_children": N_("Own children"), "work_experience": N_("Work experience"), "job_wishes": N_("Job wishes"),
    "barriers": N_("Practical barriers"), "barrier_notes": N_("About the barriers"), "strengths": N_("Strengths"),
    "dreams": N_("Dreams"), "notes": N_("Notes"), "health_note": N_("Health note"), "veileder_id": N_("Counsellor"),
    "user_id": N_("Counsellor"), "tags": N_("Tags"), "no_group_activities": N_("Does not want group activities"),
    "registration_date": N_("Registration date"), "situation": N_("Situation at registration"),
    "contact_route": N_("Contact route"), "reason": N_("Reason for contact"), "intensity": N_("Follow-up intensity"),
    "aktivitetsplikt": N_("Duty to take part in activity"), "closed_on": N_("Closed on"),
    "outcome_id": N_("Outcome"), "outcome_note": N_("Reason for closing"), "dormant_until": N_("Dormant until"),
    "decided_on": N_("Decided on"), "innsatsgruppe": N_("Innsatsgruppe"), "hovedmal": N_("Main goal"),
    "ytelse_id": N_("Benefit"), "start_date": N_("Start"), "end_date": N_("End"), "status": N_("Status"),
    "from_date": N_("From"), "to_date": N_("To"), "ungdomsrett": N_("Right to upper secondary"),
    "school": N_("School"), "handover_note": N_("Handover note"), "at": N_("Time"), "channel": N_("Channel"),
    "initiated_by": N_("Initiated by"), "outcome": N_("Outcome"), "note": N_("Note"), "topics": N_("Topics"),
    "ot_notified": N_("OT notified"), "state": N_("State"), "until": N_("Until"), "title": N_("Title"),
    "due_date": N_("Due"), "done_on": N_("Done on"), "type": N_("Type"), "responsible": N_("Responsible"),
    "agreed": N_("Agreed with the youth"), "status_reason": N_("Reason for the status"), "started_on": N_("Started"),
    "applications_per_week": N_("Applications a week"), "application_status": N_("Application status"),
    "tiltak_id": N_("Measure"), "employer_id": N_("Employer"), "dream": N_("Dream"), "goal_category": N_("Goal"),
    "own_goal": N_("The youth's own goal"), "review_date": N_("Review date"), "text": N_("Text"),
    "achieved_on": N_("Achieved"),
}  # fmt: skip
_HIDDEN_FIELDS = {
    "snapshot",
    "subject_id",
    "id",
    "office_id",
    "youth_id",
    "period_id",
    "key",
    "plan_id",
    "meeting_id",
    "club_id",
}
_ENUM_FIELDS: dict[str, type[StrEnum]] = {
    "malform": e.Malform, "preferred_channel": e.ContactChannel, "channel": e.ContactChannel,
    "adressesperre": e.Adressesperre, "situation": e.SituationAtRegistration, "contact_route": e.ContactRoute,
    "intensity": e.Intensity, "initiated_by": e.InitiatedBy, "innsatsgruppe": e.Innsatsgruppe,
    "hovedmal": e.Hovedmal, "ungdomsrett": e.TriState, "state": e.DeadlineState,
}  # fmt: skip
_ENTITY_ENUMS: dict[tuple[str, str], type[StrEnum]] = {
    ("contact", "outcome"): e.ContactOutcome,
    ("school_status", "status"): e.SchoolStatus,
    ("meeting", "status"): e.MeetingStatus,
    ("activity", "status"): e.ActivityStatus,
    ("activity", "type"): e.ActivityType,
    ("activity", "responsible"): e.Responsible,
    ("activity", "application_status"): e.ApplicationStatus,
    ("plan", "goal_category"): e.GoalCategory,
}
_ADDRESS_FIELDS = {"address", "postal_code", "municipality"}
_RESTRICTED_FIELDS = {"health_note", "health_section"}  # shown as changed, never with its text (issue 9)


def _enum_text(enum: type[StrEnum], value: Any) -> str:
    try:
        member = enum(str(value))
    except ValueError:
        return str(value)
    label = getattr(member, "label", None)
    return label if isinstance(label, str) else str(value)


def _date_text(value: str) -> str:
    try:
        if len(value) == 10:
            return format_date(date.fromisoformat(value))
        moment = _aware(datetime.fromisoformat(value)).astimezone(OSLO)
    except ValueError:
        return value
    return _("{date} at {time}").format(date=format_date(moment.date()), time=moment.strftime("%H:%M"))


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


class _Values:
    """Turns stored audit values into words (ids to initials and catalogue labels)."""

    def __init__(self, session: Session, protected: bool) -> None:
        self.users = {u.id.hex: u.initials for u in session.scalars(select(m.User))}
        self.catalogue = {c.id.hex: _label(c) for c in session.scalars(select(m.CatalogueEntry))}
        self.protected = protected

    def text(self, entity: str, name: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return "–"
        if name in _ADDRESS_FIELDS and entity == "youth" and self.protected:
            return _("(hidden: address protection)")
        enum = _ENTITY_ENUMS.get((entity, name)) or _ENUM_FIELDS.get(name)
        if enum is not None:
            return _enum_text(enum, value)
        if name == "barriers" and isinstance(value, list):
            return ", ".join(_enum_text(e.Barrier, v) for v in value)
        if isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        if isinstance(value, str) and name.endswith("_id"):
            key = value.replace("-", "")
            return self.users.get(key) or self.catalogue.get(key) or "–"
        if isinstance(value, str) and _ISO_DAY.match(value):
            return _date_text(value)
        return str(value)


def history(
    session: Session, youth_id: uuid.UUID, *, include_reads: bool = False, limit: int = 1000,
    entity_id: uuid.UUID | None = None,
) -> list[HistoryEntry]:  # fmt: skip
    """The youth's audit trail, newest first: who, when, what changed (before → after).

    With ``entity_id``, only the events of that one record (an activity's own history)."""
    youth = session.get(m.Youth, youth_id)
    protected = youth is not None and youth.adressesperre is not e.Adressesperre.INGEN
    query = (
        select(m.AuditEvent, m.AuditPayload)
        .outerjoin(m.AuditPayload, m.AuditPayload.event_id == m.AuditEvent.id)
        .where(m.AuditEvent.youth_id == youth_id)
        .order_by(m.AuditEvent.seq.desc())
        .limit(limit)
    )
    if not include_reads:
        query = query.where(m.AuditEvent.action != "read")
    if entity_id is not None:
        query = query.where(m.AuditEvent.entity_id == entity_id)
    values = _Values(session, protected)
    out: list[HistoryEntry] = []
    for event, payload in session.execute(query).all():
        thing = entity_label(event.entity)
        if event.action == "read":
            what = _("Opened the record")
        elif event.action in _ACTIONS:
            what = _(_ACTIONS[event.action]).format(what=thing)
        else:
            what = f"{event.action}: {thing}"
        before = (payload.before if payload is not None else None) or {}
        after = (payload.after if payload is not None else None) or {}
        changes = []
        for name in [*after, *(k for k in before if k not in after)]:
            if name in _HIDDEN_FIELDS or name in ("created_at", "updated_at", "version"):
                continue
            if event.action == "create" and after.get(name) in (None, "", [], False, 0):
                continue  # a new row's empty fields say nothing
            label = _(_FIELDS[name]) if name in _FIELDS else name
            if name in _RESTRICTED_FIELDS:
                changes.append(Change(label, "", _("(changed; not shown)")))
                continue
            changes.append(
                Change(
                    label,
                    values.text(event.entity, name, before.get(name)) if name in before else "",
                    values.text(event.entity, name, after.get(name)) if name in after else "",
                )
            )
        out.append(HistoryEntry(_aware(event.at), event.user_initials, event.action, what, tuple(changes)))
    return out


# --------------------------------------------------------------------------- field checks for the form

_PHONE_CLEAN = re.compile(r"[\s\-().]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


def parse_phone(text: str) -> str:
    """A Norwegian phone number: 8 digits (optionally +47 or 0047 before), first digit 2–9.

    Returns it grouped as Norwegians write it: mobile ``412 34 567``, landline ``22 33 44 55``.
    """
    digits = _PHONE_CLEAN.sub("", text.strip())
    if digits.startswith("+47"):
        digits = digits[3:]
    elif digits.startswith("0047"):
        digits = digits[4:]
    if not digits.isdigit() or len(digits) != 8 or digits[0] in "01":
        raise InvalidInput(_("A Norwegian phone number has 8 digits, for example 412 34 567."))
    if digits[0] in "49":
        return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
    return f"{digits[:2]} {digits[2:4]} {digits[4:6]} {digits[6:]}"


def check_email(text: str) -> str:
    clean = text.strip()
    if not _EMAIL.match(clean):
        raise InvalidInput(_("Not an e-mail address (name@example.no)."))
    return clean


def parse_day(text: str, *, today: date | None = None) -> date:
    """A date written ``dd.mm.åååå`` (also d.m.åååå); not in the future."""
    match = re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", text)
    if match is None:
        raise InvalidInput(_("Write the date as dd.mm.åååå, for example 07.03.2008."))
    try:
        day = date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        raise InvalidInput(_("There is no such date.")) from None
    if day > (today or date.today()):
        raise InvalidInput(_("The date cannot be in the future."))
    if day.year < 1900:
        raise InvalidInput(_("The date is too far back."))
    return day


__all__ = [
    "AssignmentInfo",
    "BenefitInfo",
    "Change",
    "Choice",
    "ConsentInfo",
    "ContactInfo",
    "HistoryEntry",
    "InnsatsInfo",
    "MeetingInfo",
    "PeriodInfo",
    "SchoolInfo",
    "YouthRecord",
    "check_email",
    "choices",
    "fodselsnummer_in_use",
    "history",
    "intensity_days",
    "office_stores_fodselsnummer",
    "open_record",
    "parse_day",
    "parse_phone",
    "read_record",
]
