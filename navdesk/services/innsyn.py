"""Innsyn (the youth's right of access, GDPR art. 15): everything NavDesk holds about one youth, and
who has read or changed the record and when.

:func:`collect` reads it in one session: the youth's own data (health note included: it is the youth's
own), the follow-up periods with decisions, benefits and status, the plans with goals and activities,
contacts, meetings with participants and actions, groups and attendance, partners and consents,
placements, school status, veiledere, deadline decisions and huskelapp, and the audit trail of the
record (who, when, what — never the before/after values, which may name other people). The same data
becomes a readable PDF (:mod:`navdesk.documents.innsyn`) or JSON (:func:`as_json`); making either is
written to the audit log (:func:`record_export`).

A protected address (adressesperre) is left out here as everywhere else a document leaves NavDesk: the
document says so instead. Made by the youth's veileder or a leader, since it holds the health notes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain.enums import AccessRole, Adressesperre
from navdesk.errors import InvalidInput
from navdesk.i18n import N_, _
from navdesk.services import audit
from navdesk.services.context import Actor, resolve_id


@dataclass(frozen=True)
class Ref:
    """A name looked up for an id: a catalogue entry (bokmål and nynorsk) or a person/organisation."""

    nb: str
    nn: str = ""

    def text(self, lang: str) -> str:
        return (self.nn or self.nb) if lang == "nn" else self.nb


@dataclass(frozen=True)
class Section:
    """One part of the innsyn: a heading (msgid) and its records, each a list of (label msgid, value)."""

    key: str
    title: str
    records: list[list[tuple[str, Any]]]


@dataclass(frozen=True)
class AccessEntry:
    at: datetime  # aware (UTC)
    initials: str
    name: str
    action: str  # read, create, update, delete, print, export, …
    entity: str  # the table the event is about
    source: str  # app or cli


@dataclass(frozen=True)
class InnsynData:
    youth_id: uuid.UUID
    name: str
    malform: str
    office: str
    made_on: date
    protected_address: bool
    sections: list[Section]
    access: list[AccessEntry]
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # every row, every column (JSON)


# what each part shows, in the order a person reads it: (column, label msgid)
YOUTH_FIELDS = (
    ("first_name", N_("First name")), ("last_name", N_("Last name")), ("preferred_name", N_("Preferred name")),
    ("fodselsnummer", N_("Fødselsnummer")), ("birth_date", N_("Birth date")), ("malform", N_("Written standard")),
    ("phone", N_("Phone")), ("email", N_("E-mail")), ("preferred_channel", N_("Preferred channel")),
    ("cannot_phone", N_("Cannot be phoned")), ("address", N_("Address")), ("postal_code", N_("Postal code")),
    ("municipality", N_("Municipality")), ("adressesperre", N_("Address protection")),
    ("household", N_("Household")), ("own_children", N_("Own children")),
    ("work_experience", N_("Work experience")), ("job_wishes", N_("Job wishes")), ("barriers", N_("Barriers")),
    ("barrier_notes", N_("About the barriers")), ("strengths", N_("Strengths")), ("dreams", N_("Dreams")),
    ("notes", N_("Notes")), ("health_note", N_("Health note")), ("veileder_id", N_("Counsellor")),
    ("tags", N_("Tags")), ("no_group_activities", N_("Does not want group activities")),
)  # fmt: skip
SECTIONS: tuple[tuple[str, str, Any, tuple[tuple[str, str], ...]], ...] = (
    ("periods", N_("Follow-up periods"), m.FollowUpPeriod, (
        ("registration_date", N_("Registered")), ("situation", N_("Situation at registration")),
        ("contact_route", N_("Contact route")), ("reason", N_("Reason")), ("intensity", N_("Intensity")),
        ("aktivitetsplikt", N_("Aktivitetsplikt")), ("closed_on", N_("Closed")), ("outcome_id", N_("Outcome")),
        ("outcome_note", N_("About the outcome")))),
    ("innsats", N_("§ 14 a decisions"), m.InnsatsDecision, (
        ("decided_on", N_("Decided")), ("innsatsgruppe", N_("Innsatsgruppe")), ("hovedmal", N_("Main goal")))),
    ("benefits", N_("Benefits"), m.BenefitPeriod, (
        ("ytelse_id", N_("Benefit")), ("start_date", N_("From")), ("end_date", N_("To")))),
    ("status", N_("Status after registration"), m.StatusSnapshot, (
        ("month", N_("Months after registration")), ("status", N_("Status")))),
    ("plans", N_("Activity plans"), m.Plan, (
        ("dream", N_("Dream")), ("goal_category", N_("Goal")), ("own_goal", N_("Own goal")),
        ("review_date", N_("Review date")))),
    ("goals", N_("Near-term goals"), m.PlanGoal, (
        ("text", N_("Goal")), ("due_date", N_("By")), ("achieved_on", N_("Achieved")))),
    ("activities", N_("Activities"), m.Activity, (
        ("type", N_("Type")), ("title", N_("Title")), ("status", N_("Status")), ("status_reason", N_("Reason")),
        ("from_date", N_("From")), ("to_date", N_("To")), ("responsible", N_("Responsible")),
        ("agreed", N_("Agreed with the youth")), ("notes", N_("Notes")))),
    ("contacts", N_("Contacts"), m.Contact, (
        ("at", N_("Time")), ("channel", N_("Channel")), ("initiated_by", N_("Initiated by")),
        ("outcome", N_("Result")), ("note", N_("Note")), ("user_id", N_("Logged by")))),
    ("meetings", N_("Meetings"), m.Meeting, (
        ("starts_at", N_("Time")), ("type_id", N_("Type")), ("place", N_("Place")), ("status", N_("Status")),
        ("agenda", N_("Agenda")), ("summary", N_("Summary")), ("decisions", N_("Decisions")),
        ("health_section", N_("Health")))),
    ("participants", N_("Meeting participants"), m.MeetingParticipant, (
        ("meeting_id", N_("Meeting")), ("kind", N_("Participant")), ("name", N_("Name")),
        ("organisation", N_("Organisation")), ("role", N_("Role")))),
    ("actions", N_("Agreed actions"), m.MeetingAction, (
        ("meeting_id", N_("Meeting")), ("what", N_("What")), ("who", N_("Who")), ("due_date", N_("By")),
        ("done_on", N_("Done")))),
    ("clubs", N_("Groups (jobbklubb and courses)"), m.ClubEnrolment, (
        ("club_id", N_("Group")), ("enrolled_on", N_("Enrolled")), ("start_date", N_("Started")),
        ("status", N_("Status")), ("left_on", N_("Left")), ("observation", N_("Observation")))),
    ("attendance", N_("Attendance"), m.AttendanceRecord, (
        ("session_id", N_("Samling")), ("value", N_("Attendance")), ("note", N_("Note")))),
    ("partners", N_("Partners involved"), m.Involvement, (
        ("org_id", N_("Organisation")), ("contact_person_id", N_("Contact person")), ("role", N_("Role")),
        ("holds_ball", N_("Holds the ball")), ("from_date", N_("From")), ("to_date", N_("To")))),
    ("consents", N_("Consents"), m.Consent, (
        ("purpose", N_("Purpose")), ("scope", N_("Scope")), ("partners", N_("Covers")), ("form", N_("Form")),
        ("given_on", N_("Given")), ("expires_on", N_("Expires")), ("withdrawn_on", N_("Withdrawn")),
        ("by_guardian", N_("Given by a guardian")))),
    ("placements", N_("Work training and placements"), m.Placement, (
        ("employer_id", N_("Employer")), ("kind", N_("Kind")), ("start_date", N_("From")), ("end_date", N_("To")),
        ("outcome", N_("Outcome")))),
    ("school", N_("School"), m.SchoolStatusEntry, (
        ("status", N_("Status")), ("from_date", N_("From")), ("ungdomsrett", N_("Right to upper secondary")),
        ("school", N_("School")))),
    ("veiledere", N_("Counsellors"), m.VeilederAssignment, (
        ("user_id", N_("Counsellor")), ("from_date", N_("From")), ("to_date", N_("To")),
        ("handover_note", N_("Handover note")))),
    ("deadlines", N_("Decisions about deadlines"), m.DeadlineDecision, (
        ("key", N_("Deadline")), ("state", N_("State")), ("until", N_("Until")), ("reason", N_("Reason")))),
    ("tasks", N_("Tasks and huskelapp"), m.Task, (
        ("title", N_("Text")), ("due_date", N_("Due")), ("done_on", N_("Done")), ("user_id", N_("Whose")))),
    ("ot", N_("List washing with OT"), m.OtListAction, (
        ("compared_on", N_("Compared")), ("list_name", N_("List")), ("ot_status", N_("OT's status")),
        ("our_status", N_("Our status")), ("action", N_("What was done")))),
    ("journal", N_("Recorded in NAV's systems"), m.JournalMark, (
        ("document_kind", N_("Document")), ("recorded_on", N_("Recorded")), ("system", N_("System")))),
)  # fmt: skip
ORDER = {
    "periods": "registration_date", "innsats": "decided_on", "benefits": "start_date", "status": "month",
    "goals": "due_date", "activities": "from_date", "contacts": "at", "meetings": "starts_at",
    "clubs": "enrolled_on", "partners": "from_date", "consents": "given_on", "placements": "start_date",
    "school": "from_date", "veiledere": "from_date", "tasks": "due_date", "journal": "recorded_on",
    "ot": "compared_on",
}  # fmt: skip
_HIDDEN = {"search_text", "facts_version", "last_contact_at", "open_registration_date", "in_activity"}
_ADDRESS = ("address", "postal_code")


def may_make(actor: Actor, veileder_id: uuid.UUID | None) -> bool:
    """Whether ``actor`` may make the innsyn of a youth whose veileder is ``veileder_id``."""
    return actor.access_role is AccessRole.LEDER or (veileder_id is not None and veileder_id == actor.user_id)


def _may_see(actor: Actor, youth: m.Youth) -> None:
    if may_make(actor, youth.veileder_id):
        return
    raise InvalidInput(
        _("An innsyn holds the youth's health notes: the youth's own counsellor or a leader makes it.")
    )


def _row(obj: Any) -> dict[str, Any]:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs if c.key not in _HIDDEN}


def _refs(session: Session) -> dict[Any, Ref]:
    """Names for the ids the record points at: catalogue entries, users, organisations, groups …"""
    refs: dict[Any, Ref] = {}
    for c in session.scalars(select(m.CatalogueEntry)):
        refs[c.id] = Ref(c.label_nb, c.label_nn)
    for u in session.scalars(select(m.User)):
        refs[u.id] = Ref(f"{u.name} ({u.initials})")
    for model in (m.PartnerOrg, m.ContactPerson, m.Club, m.Employer):
        for ident, name in session.execute(select(model.id, model.name)):
            refs[ident] = Ref(name)
    return refs


def collect(session: Session, actor: Actor, youth: str | uuid.UUID, today: date) -> InnsynData:
    """Everything about the youth (id or unique prefix), as plain data."""
    from navdesk.services.office import office_name

    row = resolve_id(session, m.Youth, youth)
    _may_see(actor, row)
    yid = row.id
    protected = row.adressesperre is not Adressesperre.INGEN
    refs = _refs(session)
    periods = list(session.scalars(select(m.FollowUpPeriod.id).where(m.FollowUpPeriod.youth_id == yid)))
    plans = list(session.scalars(select(m.Plan.id).where(m.Plan.period_id.in_(periods)))) if periods else []
    meetings = list(session.scalars(select(m.Meeting.id).where(m.Meeting.youth_id == yid)))
    enrolments = list(session.scalars(select(m.ClubEnrolment.id).where(m.ClubEnrolment.youth_id == yid)))
    consents = list(session.scalars(select(m.Consent).where(m.Consent.youth_id == yid)))
    covers: dict[Any, list[str]] = {}
    for consent_id, org_id in session.execute(
        select(m.ConsentPartner.consent_id, m.ConsentPartner.org_id).where(
            m.ConsentPartner.consent_id.in_([c.id for c in consents])
        )
    ):
        covers.setdefault(consent_id, []).append(refs.get(org_id, Ref("?")).nb)
    sessions = {s.id: s.starts_at for s in session.scalars(select(m.ClubSession))} if enrolments else {}
    meeting_times = {
        ident: at
        for ident, at in session.execute(
            select(m.Meeting.id, m.Meeting.starts_at).where(m.Meeting.youth_id == yid)
        )
    }

    def where(model: Any) -> Any:
        if "youth_id" in model.__table__.c:
            return model.youth_id == yid
        if "period_id" in model.__table__.c:
            return model.period_id.in_(periods)
        if "plan_id" in model.__table__.c:
            return model.plan_id.in_(plans)
        if "meeting_id" in model.__table__.c:
            return model.meeting_id.in_(meetings)
        return model.enrolment_id.in_(enrolments)

    tables: dict[str, list[dict[str, Any]]] = {}
    youth_values = _row(row)
    if protected:
        for key in _ADDRESS:
            youth_values.pop(key, None)
    tables["youth"] = [youth_values]
    sections = [Section("youth", N_("Personal data"), [[(label, _value(youth_values.get(col), col, refs))
                                                         for col, label in YOUTH_FIELDS if col in youth_values]])]  # fmt: skip
    for key, title, model, fields in SECTIONS:
        rows = [_row(obj) for obj in session.scalars(select(model).where(where(model)))]
        for r in rows:
            if key == "consents":
                r["partners"] = sorted(covers.get(r["id"], []))
            if "meeting_id" in r and key in ("participants", "actions"):
                r["meeting_at"] = meeting_times.get(r["meeting_id"])
            if key == "attendance":
                r["session_at"] = sessions.get(r["session_id"])
        order = ORDER.get(key)
        if order:
            rows.sort(key=lambda r: (r.get(order) is None, str(r.get(order) or "")))
        tables[model.__tablename__] = rows
        records = []
        for r in rows:
            shown = dict(r)
            if "meeting_at" in r:
                shown["meeting_id"] = r["meeting_at"]
            if "session_at" in r:
                shown["session_id"] = r["session_at"]
            records.append([(label, _value(shown.get(col), col, refs)) for col, label in fields])
        if records:
            sections.append(Section(key, title, records))
    access = [
        AccessEntry(
            ev.at,
            ev.user_initials,
            refs.get(ev.user_id, Ref("")).nb if ev.user_id else "",
            ev.action,
            ev.entity,
            ev.source,
        )
        for ev in session.scalars(
            select(m.AuditEvent).where(m.AuditEvent.youth_id == yid).order_by(m.AuditEvent.seq)
        )
    ]
    return InnsynData(yid, row.full_name, row.malform.value, office_name(session), today, protected, sections,
                      access, tables)  # fmt: skip


def _value(value: Any, column: str, refs: dict[Any, Ref]) -> Any:
    """Ids replaced by what they name; the rest is formatted by the document in its language."""
    if isinstance(value, uuid.UUID) and column.endswith("_id"):
        return refs.get(value, Ref("–"))
    return value


def as_json(data: InnsynData) -> dict[str, Any]:
    """The innsyn as JSON: every row about the youth with every column, and the access log."""
    return {
        "document": "innsyn",
        "youth_id": str(data.youth_id),
        "name": data.name,
        "office": data.office,
        "made_on": data.made_on.isoformat(),
        "protected_address_left_out": data.protected_address,
        "data": {table: [audit.jsonable(_plain(r)) for r in rows] for table, rows in data.tables.items()},
        "access_log": [
            {
                "at": a.at.isoformat(),
                "user": a.initials,
                "user_name": a.name,
                "action": a.action,
                "entity": a.entity,
                "source": a.source,
            }
            for a in data.access
        ],
        "encrypted": False,
    }


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.value if isinstance(v, Enum) else v) for k, v in row.items()}


def record_export(session: Session, actor: Actor, data: InnsynData, file_name: str, fmt: str) -> None:
    """The innsyn leaves NavDesk: written to the audit log (who, when, which youth, which file)."""
    audit.record(session, actor, "export", "innsyn", data.youth_id, youth_id=data.youth_id,
                 after={"file": file_name, "format": fmt, "document": "innsyn"})  # fmt: skip


def default_file_name(data: InnsynData, fmt: str) -> str:
    """A file name without the youth's name (it is seen in folders and mail attachments)."""
    return f"innsyn-{data.youth_id.hex[:8]}-{data.made_on.isoformat()}.{fmt}"


__all__ = [
    "AccessEntry",
    "InnsynData",
    "Ref",
    "Section",
    "as_json",
    "collect",
    "default_file_name",
    "record_export",
]
