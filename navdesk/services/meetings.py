"""Meetings with participants and actions; a cancelled meeting stays, with its reason."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    Activity,
    CatalogueEntry,
    Meeting,
    MeetingAction,
    MeetingParticipant,
    Youth,
)
from navdesk.domain.enums import (
    ActivityStatus,
    ActivityType,
    ContactChannel,
    Malform,
    MeetingStatus,
    ParticipantKind,
    Responsible,
)
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor, coerce_enum
from navdesk.services.followup import open_period_id
from navdesk.services.labels import catalogue_label


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
    sync_plan_activity(session, actor, meeting)
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
    if "health_section" in texts:
        require_meeting_restricted(session, actor, meeting_id)
    crud.update(session, actor, meeting, expected_version, status=new, status_reason=reason.strip(), **texts)
    sync_plan_activity(session, actor, meeting)


def meeting_rows(session: Session) -> list[MeetingRow]:
    query = (
        select(
            Meeting,
            Youth.first_name,
            Youth.preferred_name,
            Youth.last_name,
            CatalogueEntry.label_nb,
            CatalogueEntry.label_nn,
        )
        .outerjoin(Youth, Youth.id == Meeting.youth_id)
        .outerjoin(CatalogueEntry, CatalogueEntry.id == Meeting.type_id)
        .order_by(Meeting.starts_at)
    )
    rows = []
    for meeting, first, preferred, last, type_nb, type_nn in session.execute(query):
        type_label = catalogue_label(type_nb, type_nn)
        youth = f"{preferred or first} {last}" if last else None
        kind = type_label or _("Meeting")
        title = f"{kind} – {youth}" if youth else kind
        rows.append(
            MeetingRow(meeting.id, title, meeting.starts_at, meeting.youth_id, youth, meeting.status.value)
        )
    return rows


# --------------------------------------------------------------------------- reading one meeting, editing it
#
# Everything below was added for the meeting editor and the Møteplan (navdesk.ui.meetings): plain data
# out, use cases in, each write through :mod:`navdesk.services.crud` (audited, version-checked).

CANCELLED = frozenset({MeetingStatus.AVLYST, MeetingStatus.MA_FLYTTES})
TEXT_FIELDS = ("agenda", "summary", "decisions", "health_section", "place")
MEETING_FIELDS = frozenset({*TEXT_FIELDS, "starts_at", "duration_min", "channel", "type_id", "youth_id"})


@dataclass(frozen=True)
class ParticipantInfo:
    id: uuid.UUID
    version: int
    kind: ParticipantKind
    name: str
    organisation: str
    role: str
    user_id: uuid.UUID | None
    contact_person_id: uuid.UUID | None


@dataclass(frozen=True)
class ActionInfo:
    id: uuid.UUID
    version: int
    what: str
    who: str
    who_user_id: uuid.UUID | None
    due_date: date | None
    done_on: date | None


@dataclass(frozen=True)
class MeetingDetail:
    """One meeting as the editor shows it (the sensitive note included: the editor marks it)."""

    id: uuid.UUID
    version: int
    youth_id: uuid.UUID | None
    youth: str
    type_id: uuid.UUID | None
    starts_at: datetime  # aware (UTC)
    duration_min: int
    place: str
    channel: ContactChannel
    agenda: str
    summary: str
    decisions: str
    health_section: str
    status: MeetingStatus
    status_reason: str
    previous_id: uuid.UUID | None
    updated_at: datetime
    participants: tuple[ParticipantInfo, ...] = ()
    actions: tuple[ActionInfo, ...] = ()
    restricted: bool = False  # the reader may not see ``health_section`` (left empty)


@dataclass(frozen=True)
class PartyChoice:
    """Someone who can take part: a user or a partner's contact person (with organisation and role)."""

    kind: ParticipantKind
    id: uuid.UUID
    name: str
    organisation: str
    role: str


@dataclass(frozen=True)
class EditorChoices:
    types: tuple[tuple[uuid.UUID, str], ...]  # meeting types of the office catalogue (id, label)
    youths: tuple[tuple[uuid.UUID, str], ...]  # (id, name), by name
    users: tuple[PartyChoice, ...]
    contact_persons: tuple[PartyChoice, ...]
    office: str


def _youth_name(youth: Youth | None) -> str:
    return f"{youth.preferred_name or youth.first_name} {youth.last_name}".strip() if youth else ""


def _restricted_owner(session: Session, meeting: Meeting) -> uuid.UUID | None:
    """Whose restricted note a meeting's health section is: the youth's veileder (the organiser when the
    meeting is about no youth)."""
    if meeting.youth_id is not None:
        youth = session.get(Youth, meeting.youth_id)
        return youth.veileder_id if youth is not None else None
    return meeting.organiser_id


def may_see_health_section(session: Session, actor: Actor, meeting_id: uuid.UUID) -> bool:
    from navdesk.services.access import may_see_restricted

    return may_see_restricted(actor, _restricted_owner(session, _get(session, meeting_id)))


def may_write_health_section(session: Session, actor: Actor, youth_id: uuid.UUID | None) -> bool:
    """Whether the actor may fill in the health section of a new meeting with this youth (or none)."""
    from navdesk.services.access import may_see_restricted

    if youth_id is None:
        return True
    youth = session.get(Youth, youth_id)
    return youth is None or may_see_restricted(actor, youth.veileder_id)


def require_meeting_restricted(session: Session, actor: Actor, meeting_id: uuid.UUID) -> None:
    """``PermissionDenied`` unless the actor may see and change this meeting's health section."""
    from navdesk.services.access import require_restricted

    require_restricted(actor, _restricted_owner(session, _get(session, meeting_id)))


def _get(session: Session, meeting_id: uuid.UUID) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise InvalidInput(_("The meeting no longer exists."))
    return meeting


def read_meeting(session: Session, meeting_id: uuid.UUID, actor: Actor | None = None) -> MeetingDetail:
    """One meeting for the editor; its health section only for an ``actor`` allowed to see it (else empty,
    with ``restricted`` set)."""
    from navdesk.services.access import may_see_restricted

    m = _get(session, meeting_id)
    restricted = actor is None or not may_see_restricted(actor, _restricted_owner(session, m))
    youth = session.get(Youth, m.youth_id) if m.youth_id else None
    parts = session.scalars(
        select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id)
        .order_by(MeetingParticipant.created_at, MeetingParticipant.id)
    )  # fmt: skip
    acts = session.scalars(
        select(MeetingAction).where(MeetingAction.meeting_id == meeting_id)
        .order_by(MeetingAction.created_at, MeetingAction.id)
    )  # fmt: skip
    return MeetingDetail(
        m.id, m.version, m.youth_id, _youth_name(youth), m.type_id, m.starts_at, m.duration_min, m.place or "",
        m.channel, m.agenda or "", m.summary or "", m.decisions or "", "" if restricted else m.health_section or "",
        m.status, m.status_reason or "", m.previous_id, m.updated_at,
        tuple(ParticipantInfo(p.id, p.version, p.kind, p.name or "", p.organisation or "", p.role or "", p.user_id,
                              p.contact_person_id) for p in parts),
        tuple(ActionInfo(a.id, a.version, a.what, a.who or "", a.who_user_id, a.due_date, a.done_on) for a in acts),
        restricted,
    )  # fmt: skip


def editor_choices(session: Session) -> EditorChoices:
    """What the meeting editor offers: meeting types, youths, users and partners' contact persons."""
    from navdesk.db.models import ContactPerson, PartnerOrg, User
    from navdesk.domain.text import collation_key
    from navdesk.services.office import office_name
    from navdesk.services.record import choices

    types = tuple((c.id, c.label) for c in choices(session, "meeting_type"))
    youths = sorted(((y.id, _youth_name(y)) for y in session.scalars(select(Youth))),
                    key=lambda pair: collation_key(pair[1]))  # fmt: skip
    office = office_name(session)
    users = tuple(
        PartyChoice(ParticipantKind.VEILEDER, u.id, u.name, office, u.job_role.label)
        for u in session.scalars(select(User).where(User.active.is_(True)).order_by(User.name))
    )
    people = tuple(
        PartyChoice(ParticipantKind.PARTNER, p.id, p.name, org, p.role or "")
        for p, org in session.execute(
            select(ContactPerson, PartnerOrg.name).join(PartnerOrg, PartnerOrg.id == ContactPerson.org_id)
            .order_by(PartnerOrg.name, ContactPerson.name)
        )
    )  # fmt: skip
    return EditorChoices(types, tuple(youths), users, people, office)


def update_meeting(
    session: Session, actor: Actor, meeting_id: uuid.UUID, expected_version: int, **changes: Any
) -> None:
    """Change the meeting's time, type, place, channel, youth or texts (not the status: :func:`set_status`)."""
    meeting = _get(session, meeting_id)
    unknown = set(changes) - MEETING_FIELDS
    if unknown:
        raise InvalidInput(_("Unknown fields: {fields}").format(fields=", ".join(sorted(unknown))))
    starts_at = changes.get("starts_at")
    if starts_at is not None and starts_at.tzinfo is None:
        raise InvalidInput(_("The meeting time lacks a time zone."))
    if "duration_min" in changes and not 5 <= int(changes["duration_min"]) <= 600:
        raise InvalidInput(_("A meeting lasts from 5 minutes to 10 hours."))
    if "channel" in changes:
        changes["channel"] = coerce_enum(ContactChannel, changes["channel"], _("channel"))
    if changes.get("youth_id") is not None and session.get(Youth, changes["youth_id"]) is None:
        raise InvalidInput(_("The youth no longer exists."))
    if "health_section" in changes:
        require_meeting_restricted(session, actor, meeting_id)
    audited_youth = meeting.youth_id or changes.get("youth_id")  # a moved meeting: under the youth it left
    crud.update(session, actor, meeting, expected_version, youth_id=audited_youth, fields=changes)
    if changes.keys() & {"starts_at", "type_id", "youth_id"}:
        sync_plan_activity(session, actor, meeting)


def set_status(
    session: Session, actor: Actor, meeting_id: uuid.UUID, expected_version: int, status: MeetingStatus | str, *,
    reason: str = "", today: date | None = None,
) -> None:  # fmt: skip
    """Planlagt, gjennomført, avlyst or må flyttes. The rules:

    * avlyst and må flyttes need a reason (the meeting stays, with its reason: it never vanishes);
    * a meeting cannot be recorded as held before its day has come;
    * going back to planlagt or gjennomført clears the reason.
    """
    from navdesk.domain.text import oslo_day

    meeting = _get(session, meeting_id)
    new = coerce_enum(MeetingStatus, status, _("meeting status"))
    if new in CANCELLED and not reason.strip():
        raise InvalidInput(_("Say why the meeting is cancelled or must be moved."))
    if new is MeetingStatus.GJENNOMFORT and today is not None and oslo_day(meeting.starts_at) > today:
        raise InvalidInput(_("A meeting cannot be recorded as held before its day."))
    crud.update(session, actor, meeting, expected_version, status=new,
                status_reason=reason.strip() if new in CANCELLED else "")  # fmt: skip
    sync_plan_activity(session, actor, meeting)


def update_participant(
    session: Session, actor: Actor, participant_id: uuid.UUID, expected_version: int, **changes: Any
) -> None:
    row = session.get(MeetingParticipant, participant_id)
    if row is None:
        raise InvalidInput(_("The participant is no longer in the meeting."))
    unknown = set(changes) - {"kind", "name", "organisation", "role", "user_id", "contact_person_id"}
    if unknown:
        raise InvalidInput(_("Unknown fields: {fields}").format(fields=", ".join(sorted(unknown))))
    if "kind" in changes:
        changes["kind"] = coerce_enum(ParticipantKind, changes["kind"], _("participant"))
    crud.update(
        session, actor, row, expected_version, youth_id=_meeting_youth(session, row.meeting_id), **changes
    )


def remove_participant(session: Session, actor: Actor, participant_id: uuid.UUID) -> None:
    row = session.get(MeetingParticipant, participant_id)
    if row is not None:
        crud.delete(session, actor, row, youth_id=_meeting_youth(session, row.meeting_id))


def update_action(
    session: Session, actor: Actor, action_id: uuid.UUID, expected_version: int, **changes: Any
) -> None:
    row = session.get(MeetingAction, action_id)
    if row is None:
        raise InvalidInput(_("The action no longer exists."))
    unknown = set(changes) - {"what", "who", "who_user_id", "due_date", "done_on"}
    if unknown:
        raise InvalidInput(_("Unknown fields: {fields}").format(fields=", ".join(sorted(unknown))))
    if "what" in changes:
        changes["what"] = str(changes["what"]).strip()
        if not changes["what"]:
            raise InvalidInput(_("An action needs a description of what is to be done."))
    crud.update(
        session, actor, row, expected_version, youth_id=_meeting_youth(session, row.meeting_id), **changes
    )


def remove_action(session: Session, actor: Actor, action_id: uuid.UUID) -> None:
    row = session.get(MeetingAction, action_id)
    if row is not None:
        crud.delete(session, actor, row, youth_id=_meeting_youth(session, row.meeting_id))


def _meeting_youth(session: Session, meeting_id: uuid.UUID) -> uuid.UUID | None:
    return session.scalar(select(Meeting.youth_id).where(Meeting.id == meeting_id))


def create_next_meeting(
    session: Session, actor: Actor, meeting_id: uuid.UUID, *, starts_at: datetime, duration_min: int | None = None,
    place: str | None = None,
) -> uuid.UUID:  # fmt: skip
    """A planned meeting after this one (``previous_id``): same youth, type, channel, place and participants."""
    current = _get(session, meeting_id)
    new_id = create_meeting(
        session, actor, starts_at=starts_at, youth_id=current.youth_id, type_id=current.type_id,
        duration_min=duration_min or current.duration_min, place=current.place if place is None else place,
        channel=current.channel, previous_id=current.id,
    )  # fmt: skip
    for p in session.scalars(
        select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id)
        .order_by(MeetingParticipant.created_at, MeetingParticipant.id)
    ).all():  # fmt: skip
        add_participant(session, actor, new_id, kind=p.kind, name=p.name, organisation=p.organisation, role=p.role,
                        user_id=p.user_id, contact_person_id=p.contact_person_id)  # fmt: skip
    return new_id


# --------------------------------------------------------------------------- the meeting in the youth's plan
#
# One record, two views: a meeting with a youth is also a "møte" activity in the youth's aktivitetsplan
# (``activity.meeting_id``). The meeting leads; the activity follows its day, type and status. The plan
# shows it read-only and opens the meeting.

ACTIVITY_STATUS = {
    MeetingStatus.PLANLAGT: ActivityStatus.PLANLEGGER,
    MeetingStatus.MA_FLYTTES: ActivityStatus.PLANLEGGER,
    MeetingStatus.GJENNOMFORT: ActivityStatus.FULLFORT,
    MeetingStatus.AVLYST: ActivityStatus.AVBRUTT,
}


def plan_activity_id(session: Session, meeting_id: uuid.UUID) -> uuid.UUID | None:
    """The "møte" activity that shows this meeting in the youth's plan, if any."""
    return session.scalar(
        select(Activity.id).where(Activity.meeting_id == meeting_id).order_by(Activity.created_at).limit(1)
    )


def _activity_title(session: Session, meeting: Meeting, youth: Youth) -> str:
    from navdesk.domain.text import format_date, oslo_day

    entry = session.get(CatalogueEntry, meeting.type_id) if meeting.type_id else None
    if entry is None:
        kind = _("Meeting")
    elif youth.malform is Malform.NYNORSK and entry.label_nn:
        kind = entry.label_nn
    else:
        kind = entry.label_nb
    return f"{kind} {format_date(oslo_day(meeting.starts_at))}"[:200]


def sync_plan_activity(session: Session, actor: Actor, meeting: Meeting) -> None:
    """Keep the meeting's "møte" activity in step (created, moved, renamed, status, reason; removed when
    the meeting no longer has a youth, or becomes a type held without the youth: the catalogue's
    ``with_youth`` false, as samarbeidsmøte). Every change goes through :mod:`crud` (audited)."""
    from navdesk.domain.text import oslo_day

    found = session.scalars(select(Activity).where(Activity.meeting_id == meeting.id)).all()
    youth = session.get(Youth, meeting.youth_id) if meeting.youth_id is not None else None
    entry = session.get(CatalogueEntry, meeting.type_id) if meeting.type_id is not None else None
    if youth is None or (entry is not None and (entry.attrs or {}).get("with_youth") is False):
        # no youth, or a meeting about the youth without them (samarbeidsmøte): not in the youth's plan
        for activity in found:
            crud.delete(session, actor, activity)
        return
    day = oslo_day(meeting.starts_at)
    status = ACTIVITY_STATUS[meeting.status]
    values: dict[str, Any] = {
        "type": ActivityType.MOTE, "title": _activity_title(session, meeting, youth), "from_date": day,
        "to_date": day, "responsible": Responsible.NAV, "status": status,
        "status_reason": (meeting.status_reason or "") if meeting.status in CANCELLED else "",
    }  # fmt: skip
    keep = [a for a in found if a.youth_id == youth.id][:1]
    for other in found:  # another youth's (the meeting moved to this youth), or a duplicate
        if other not in keep:
            crud.delete(session, actor, other)
    if not keep:
        crud.create(session, actor, Activity, youth_id=youth.id, period_id=open_period_id(session, youth.id),
                    meeting_id=meeting.id, **values)  # fmt: skip
        return
    activity = keep[0]
    changed = {k: v for k, v in values.items() if getattr(activity, k) != v}
    if changed:
        crud.update(session, actor, activity, None, **changed)


def delete_meeting(session: Session, actor: Actor, meeting_id: uuid.UUID) -> None:
    """Delete a meeting entered by mistake, with its participants, actions and its "møte" activity in
    the youth's plan (audited, each row). A held meeting is kept: it is part of the youth's history."""
    meeting = _get(session, meeting_id)
    if meeting.status is MeetingStatus.GJENNOMFORT:
        raise InvalidInput(_("A held meeting cannot be deleted; it is part of the youth's history."))
    for activity in session.scalars(select(Activity).where(Activity.meeting_id == meeting_id)).all():
        crud.delete(session, actor, activity)
    for row in session.scalars(select(MeetingAction).where(MeetingAction.meeting_id == meeting_id)).all():
        crud.delete(session, actor, row, youth_id=meeting.youth_id)
    for part in session.scalars(
        select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id)
    ).all():
        crud.delete(session, actor, part, youth_id=meeting.youth_id)
    crud.delete(session, actor, meeting)


# --------------------------------------------------------------------------- saving what the editor holds


@dataclass(frozen=True)
class ParticipantEdit:
    kind: ParticipantKind
    name: str = ""
    organisation: str = ""
    role: str = ""
    user_id: uuid.UUID | None = None
    contact_person_id: uuid.UUID | None = None
    id: uuid.UUID | None = None  # None: new
    version: int | None = None


@dataclass(frozen=True)
class ActionEdit:
    what: str
    who: str = ""
    who_user_id: uuid.UUID | None = None
    due_date: date | None = None
    done_on: date | None = None
    id: uuid.UUID | None = None  # None: new
    version: int | None = None


@dataclass(frozen=True)
class MeetingEdit:
    """Everything the editor holds; :func:`save_meeting` writes it in one transaction."""

    starts_at: datetime
    youth_id: uuid.UUID | None = None
    type_id: uuid.UUID | None = None
    duration_min: int = 60
    place: str = ""
    channel: ContactChannel = ContactChannel.SAMTALE
    agenda: str = ""
    summary: str = ""
    decisions: str = ""
    health_section: str = ""
    status: MeetingStatus = MeetingStatus.PLANLAGT
    status_reason: str = ""
    participants: tuple[ParticipantEdit, ...] = ()
    actions: tuple[ActionEdit, ...] = ()
    previous_id: uuid.UUID | None = None


def save_meeting(
    session: Session, actor: Actor, edit: MeetingEdit, *, meeting_id: uuid.UUID | None = None,
    expected_version: int | None = None, today: date | None = None, new_time: datetime | None = None,
) -> uuid.UUID:  # fmt: skip
    """Create the meeting (``meeting_id`` None) or bring it in line with ``edit``: fields, status,
    participants and actions added, changed and removed. ``new_time``: a meeting that is cancelled or
    must be moved gets its new time right away (a planned meeting linked by ``previous_id``).
    A :class:`~navdesk.errors.StaleEdit` when someone saved the meeting since ``expected_version``."""
    fields = {
        "starts_at": edit.starts_at, "youth_id": edit.youth_id, "type_id": edit.type_id,
        "duration_min": edit.duration_min, "place": edit.place.strip(), "channel": edit.channel,
        "agenda": edit.agenda, "summary": edit.summary, "decisions": edit.decisions,
        "health_section": edit.health_section,
    }  # fmt: skip
    from navdesk.services.access import may_see_restricted, require_restricted

    if meeting_id is not None:
        owner = _restricted_owner(session, _get(session, meeting_id))
    else:
        youth = session.get(Youth, edit.youth_id) if edit.youth_id is not None else None
        owner = youth.veileder_id if youth is not None else actor.user_id
    if not may_see_restricted(actor, owner):  # the editor showed the section as restricted: left as it is
        if edit.health_section.strip():
            require_restricted(actor, owner)
        del fields["health_section"]
    if meeting_id is None:
        meeting_id = create_meeting(
            session, actor, starts_at=edit.starts_at, youth_id=edit.youth_id, type_id=edit.type_id,
            duration_min=edit.duration_min, place=edit.place.strip(), channel=edit.channel, agenda=edit.agenda,
            previous_id=edit.previous_id,
        )  # fmt: skip
        meeting = _get(session, meeting_id)
        crud.update(session, actor, meeting, None, summary=edit.summary, decisions=edit.decisions,
                    fields={k: v for k, v in fields.items() if k == "health_section"})  # fmt: skip
    else:
        meeting = _get(session, meeting_id)
        if expected_version is not None and meeting.version != expected_version:
            from navdesk.errors import StaleEdit

            raise StaleEdit()
        changed = {k: v for k, v in fields.items() if getattr(meeting, k) != v}
        if changed:
            update_meeting(session, actor, meeting_id, meeting.version, **changed)
    if meeting.status != edit.status or (
        edit.status in CANCELLED and meeting.status_reason != edit.status_reason.strip()
    ):
        set_status(
            session, actor, meeting_id, meeting.version, edit.status, reason=edit.status_reason, today=today
        )
    _sync_participants(session, actor, meeting_id, edit.participants)
    _sync_actions(session, actor, meeting_id, edit.actions)
    if new_time is not None:
        create_next_meeting(session, actor, meeting_id, starts_at=new_time)
    return meeting_id


def _sync_participants(
    session: Session, actor: Actor, meeting_id: uuid.UUID, wanted: tuple[ParticipantEdit, ...]
) -> None:
    existing = {p.id: p for p in session.scalars(
        select(MeetingParticipant).where(MeetingParticipant.meeting_id == meeting_id))}  # fmt: skip
    keep = {p.id for p in wanted if p.id is not None}
    for ident, row in existing.items():
        if ident not in keep:
            remove_participant(session, actor, row.id)
    for p in wanted:
        values: dict[str, Any] = {"kind": p.kind, "name": p.name.strip(), "organisation": p.organisation.strip(),
                  "role": p.role.strip(), "user_id": p.user_id, "contact_person_id": p.contact_person_id}  # fmt: skip
        found = existing.get(p.id) if p.id is not None else None
        if found is None:
            add_participant(session, actor, meeting_id, **values)
            continue
        changed = {k: v for k, v in values.items() if getattr(found, k) != v}
        if changed:
            update_participant(session, actor, found.id, p.version if p.version is not None else found.version,
                               **changed)  # fmt: skip


def _sync_actions(
    session: Session, actor: Actor, meeting_id: uuid.UUID, wanted: tuple[ActionEdit, ...]
) -> None:
    existing = {
        a.id: a for a in session.scalars(select(MeetingAction).where(MeetingAction.meeting_id == meeting_id))
    }
    keep = {a.id for a in wanted if a.id is not None}
    for ident, row in existing.items():
        if ident not in keep:
            remove_action(session, actor, row.id)
    for a in wanted:
        if not a.what.strip() and a.id is None:
            continue  # an empty new row: nothing agreed
        values = {"what": a.what.strip(), "who": a.who.strip(), "who_user_id": a.who_user_id,
                  "due_date": a.due_date, "done_on": a.done_on}  # fmt: skip
        current = existing.get(a.id) if a.id is not None else None
        if current is None:
            new_id = add_action(session, actor, meeting_id, what=a.what, who=a.who.strip(), due_date=a.due_date,
                                who_user_id=a.who_user_id)  # fmt: skip
            if a.done_on is not None:
                created = session.get(MeetingAction, new_id)
                assert created is not None
                update_action(session, actor, new_id, created.version, done_on=a.done_on)
            continue
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if changed:
            update_action(
                session, actor, current.id, a.version if a.version is not None else current.version, **changed
            )


# --------------------------------------------------------------------------- consent warnings


@dataclass(frozen=True)
class ConsentGap:
    """An external participant (partner contact person, employer, other) with no valid consent on the day."""

    name: str
    organisation: str


def missing_consent(
    session: Session, youth_id: uuid.UUID | None, day: date, participants: tuple[ParticipantEdit, ...]
) -> list[ConsentGap]:
    """The same rule as :attr:`navdesk.services.summaries.SummaryData.missing_consent`, for participants
    not saved yet: the organisation (the contact person's, else by name) needs a consent covering it
    that is valid on ``day``."""
    from navdesk.db.models import Consent, ConsentPartner, ContactPerson, PartnerOrg
    from navdesk.domain.enums import ConsentState
    from navdesk.domain.text import search_fold
    from navdesk.services.partners import consent_state
    from navdesk.services.summaries import EXTERNAL_KINDS

    external = [p for p in participants if p.kind in EXTERNAL_KINDS]
    if not external:
        return []
    by_name: dict[str, uuid.UUID] = {}
    for org_id, name in session.execute(
        select(PartnerOrg.id, PartnerOrg.name).order_by(PartnerOrg.created_at)
    ):
        by_name.setdefault(search_fold(name.strip()), org_id)
    covered: set[uuid.UUID] = set()
    if youth_id is not None:
        from navdesk.db.models import Youth

        birth = session.scalar(select(Youth.birth_date).where(Youth.id == youth_id))
        for org_id, consent in session.execute(
            select(ConsentPartner.org_id, Consent).join(Consent, Consent.id == ConsentPartner.consent_id)
            .where(Consent.youth_id == youth_id)
        ):  # fmt: skip
            if consent_state(consent, day, birth) is ConsentState.GYLDIG:
                covered.add(org_id)
    gaps = []
    for p in external:
        org: uuid.UUID | None = None
        organisation = p.organisation
        if p.contact_person_id is not None:
            found = session.execute(
                select(ContactPerson.org_id, PartnerOrg.name).join(PartnerOrg, PartnerOrg.id == ContactPerson.org_id)
                .where(ContactPerson.id == p.contact_person_id)
            ).first()  # fmt: skip
            if found is not None:
                org, organisation = found.org_id, organisation or found.name
        if org is None and organisation.strip():
            org = by_name.get(search_fold(organisation.strip()))
        if org is None or org not in covered:
            gaps.append(ConsentGap(p.name or organisation or p.kind.label, organisation))
    return gaps


# --------------------------------------------------------------------------- Møteplan and Mine forpliktelser


@dataclass(frozen=True)
class PlanMeeting:
    id: uuid.UUID
    starts_at: datetime  # Europe/Oslo
    duration_min: int
    kind: str
    youth_id: uuid.UUID | None
    youth: str
    place: str
    channel: ContactChannel
    status: MeetingStatus


def week_plan(session: Session, monday: date) -> list[PlanMeeting]:
    """The meetings of the ISO week starting ``monday`` (local Oslo days), by time; cancelled ones too."""
    from datetime import time, timedelta

    from navdesk.domain.text import OSLO
    from navdesk.services.record import choices

    start = datetime.combine(monday, time(0), OSLO)
    end = datetime.combine(monday + timedelta(days=7), time(0), OSLO)
    labels = {c.id: c.label for c in choices(session, "meeting_type")}
    query = (
        select(Meeting, Youth).outerjoin(Youth, Youth.id == Meeting.youth_id)
        .where(Meeting.starts_at >= start, Meeting.starts_at < end).order_by(Meeting.starts_at, Meeting.id)
    )  # fmt: skip
    out = []
    for meeting, youth in session.execute(query):
        kind = labels.get(meeting.type_id) if meeting.type_id else None
        if kind is None and meeting.type_id is not None:
            kind = session.scalar(select(CatalogueEntry.label_nb).where(CatalogueEntry.id == meeting.type_id))
        out.append(PlanMeeting(meeting.id, meeting.starts_at.astimezone(OSLO), meeting.duration_min,
                               kind or _("Meeting"), meeting.youth_id, _youth_name(youth), meeting.place or "",
                               meeting.channel, meeting.status))  # fmt: skip
    return out


def todays_meetings(session: Session, user_id: uuid.UUID, day: date) -> list[PlanMeeting]:
    """The user's meetings on ``day`` (Oslo) for the start screen, by time: those the user organises or
    takes part in, or with a youth the user follows up. Cancelled ones are left out (må flyttes stays)."""
    from datetime import timedelta

    found = [m for m in week_plan(session, day - timedelta(days=day.weekday()))
             if m.starts_at.date() == day and m.status is not MeetingStatus.AVLYST]  # fmt: skip
    ids = [m.id for m in found]
    if not ids:
        return []
    own = set(session.scalars(
        select(Meeting.id).outerjoin(Youth, Youth.id == Meeting.youth_id)
        .where(Meeting.id.in_(ids), (Meeting.organiser_id == user_id) | (Youth.veileder_id == user_id))
    ))  # fmt: skip
    own.update(session.scalars(
        select(MeetingParticipant.meeting_id)
        .where(MeetingParticipant.meeting_id.in_(ids), MeetingParticipant.user_id == user_id)
    ))  # fmt: skip
    return [m for m in found if m.id in own]


@dataclass(frozen=True)
class Commitment:
    """One of the user's own open promises from a meeting ("Mine forpliktelser")."""

    action_id: uuid.UUID
    meeting_id: uuid.UUID
    what: str
    youth_initials: str
    due_date: date | None

    def overdue(self, today: date) -> bool:
        return self.due_date is not None and self.due_date < today


def my_commitments(session: Session, user_id: uuid.UUID) -> list[Commitment]:
    """Open actions (not done) whose ``who_user_id`` is the user, soonest first (no date last)."""
    query = (
        select(MeetingAction, Youth.first_name, Youth.preferred_name, Youth.last_name)
        .join(Meeting, Meeting.id == MeetingAction.meeting_id)
        .outerjoin(Youth, Youth.id == Meeting.youth_id)
        .where(MeetingAction.who_user_id == user_id, MeetingAction.done_on.is_(None))
    )
    out = []
    for action, first, preferred, last in session.execute(query):
        initials = "".join(part[:1].upper() for part in ((preferred or first or ""), (last or "")) if part)
        out.append(Commitment(action.id, action.meeting_id, action.what, initials, action.due_date))
    return sorted(out, key=lambda c: (c.due_date or date.max, c.what))
