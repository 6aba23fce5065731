"""Jobbklubb and group courses: the group, its samlinger and session plan, enrolment, attendance,
observations and figures (issue 7; domain brief §7).

Writes go through :mod:`navdesk.services.crud` (audited, version-checked). Enrolling puts a jobbklubb
activity in the youth's plan (:func:`navdesk.services.plans.add_activity`); the participant's status
moves that activity along NAV's workflow. "Ikke møtt" feeds the ``club_absence`` deadline (the
deadline engine reads the attendance table), and the start in the group meets ``followup_8w``.

Figures: the attendance rate counts "til stede" and "kom for sent" as attended, "gyldig fravær" and
"ikke møtt" as not, over the samlinger where attendance is registered; a participant is flagged after
``absence_streak_limit`` "ikke møtt" in a row (an office setting, default 2).
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from statistics import median
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    Activity,
    AttendanceRecord,
    CatalogueEntry,
    Club,
    ClubEnrolment,
    ClubSession,
    Employer,
    FollowUpPeriod,
    OfficeSetting,
    Youth,
)
from navdesk.domain.enums import (
    ActivityStatus,
    ActivityType,
    Attendance,
    ClubKind,
    EnrolmentStatus,
    LeaveReason,
    Recommendation,
    Responsible,
)
from navdesk.domain.schedule import Pattern, PatternError, generate
from navdesk.domain.text import OSLO, collation_key, oslo_day
from navdesk.errors import InvalidInput
from navdesk.i18n import _, language
from navdesk.services import crud, plans
from navdesk.services.context import Actor, coerce_enum
from navdesk.services.followup import open_period_id

STREAK_SETTING = "club_absence_streak"
DEFAULT_STREAK = 2
ATTENDED = frozenset({Attendance.TIL_STEDE, Attendance.KOM_FOR_SENT})
ACTIVE = frozenset({EnrolmentStatus.VENTER, EnrolmentStatus.DELTAR})
CLUB_FIELDS = frozenset(
    {
        "name",
        "kind",
        "place",
        "organiser",
        "target_group",
        "capacity",
        "facilitators",
        "start_date",
        "end_date",
    }
)


def _club(session: Session, club_id: uuid.UUID) -> Club:
    club = session.get(Club, club_id)
    if club is None:
        raise InvalidInput(_("The group no longer exists."))
    return club


def _samling(session: Session, session_id: uuid.UUID) -> ClubSession:
    row = session.get(ClubSession, session_id)
    if row is None:
        raise InvalidInput(_("The samling no longer exists."))
    return row


def _enrolment(session: Session, enrolment_id: uuid.UUID) -> ClubEnrolment:
    row = session.get(ClubEnrolment, enrolment_id)
    if row is None:
        raise InvalidInput(_("The participant is no longer enrolled."))
    return row


def _check_club(values: dict[str, Any]) -> dict[str, Any]:
    if "name" in values:
        values["name"] = (values["name"] or "").strip()
        if not values["name"]:
            raise InvalidInput(_("The group needs a name."))
    if "kind" in values:
        values["kind"] = coerce_enum(ClubKind, values["kind"], _("kind"))
    if values.get("capacity") is not None and values["capacity"] < 1:
        raise InvalidInput(_("The capacity must be at least 1."))
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        raise InvalidInput(_("The end date is before the start date."))
    return values


# --------------------------------------------------------------------------- the group and its samlinger


def create_club(
    session: Session, actor: Actor, *, name: str, kind: ClubKind | str = ClubKind.JOBBKLUBB, place: str = "",
    organiser: str = "", target_group: str = "", capacity: int | None = None, facilitators: str = "",
    start_date: date | None = None, end_date: date | None = None,
) -> uuid.UUID:  # fmt: skip
    values = _check_club({"name": name, "kind": kind, "place": place, "organiser": organiser,
                          "target_group": target_group, "capacity": capacity, "facilitators": facilitators,
                          "start_date": start_date, "end_date": end_date})  # fmt: skip
    club = crud.create(session, actor, Club, office_id=actor.office_id, **values)
    return club.id


def update_club(
    session: Session, actor: Actor, club_id: uuid.UUID, expected_version: int | None, **changes: Any
) -> None:
    unknown = set(changes) - CLUB_FIELDS
    if unknown:
        raise InvalidInput(_("Unknown fields: {fields}").format(fields=", ".join(sorted(unknown))))
    club = _club(session, club_id)
    merged = {"start_date": club.start_date, "end_date": club.end_date} | changes
    checked = _check_club(merged)
    crud.update(session, actor, club, expected_version, **{k: checked[k] for k in changes})


def add_session(
    session: Session, actor: Actor, club_id: uuid.UUID, *, starts_at: datetime, duration_min: int = 120,
    topic_id: uuid.UUID | None = None, note: str = "", guest_employer_id: uuid.UUID | None = None,
) -> uuid.UUID:  # fmt: skip
    _club(session, club_id)
    if starts_at.tzinfo is None:
        raise InvalidInput(_("The time of the samling lacks a time zone."))
    if not 15 <= duration_min <= 600:
        raise InvalidInput(_("A samling lasts between 15 minutes and 10 hours."))
    row = crud.create(
        session, actor, ClubSession, club_id=club_id, starts_at=starts_at, duration_min=duration_min,
        topic_id=topic_id, note=note, guest_employer_id=guest_employer_id,
    )  # fmt: skip
    return row.id


@dataclass(frozen=True)
class Planned:
    """What :func:`plan_sessions` did: the samlinger made, the holidays skipped, days that had one already."""

    session_ids: list[uuid.UUID]
    days: list[date]
    skipped: list[tuple[date, str]]
    existing: list[date] = field(default_factory=list)


def preview_schedule(pattern: Pattern) -> tuple[list[date], list[tuple[date, str]]]:
    """The days a pattern gives (no writing); InvalidInput for a pattern that makes none."""
    try:
        schedule = generate(pattern, language())
    except PatternError as exc:
        raise InvalidInput(_(str(exc))) from None
    return schedule.days, schedule.skipped


def plan_sessions(session: Session, actor: Actor, club_id: uuid.UUID, pattern: Pattern) -> Planned:
    """Make the samlinger of a recurring pattern (public holidays skipped). A day that already has a
    samling gets no second one; the topics follow the office's content library in order when the
    group has none yet. The pattern is kept on the group, whose dates are widened to cover it."""
    club = _club(session, club_id)
    days, skipped = preview_schedule(pattern)
    if not days:
        raise InvalidInput(_("The pattern gives no samlinger (every day is a holiday or outside the dates)."))
    taken = {oslo_day(s.starts_at) for s in session.scalars(select(ClubSession).where(
        ClubSession.club_id == club_id, ClubSession.cancelled.is_(False)))}  # fmt: skip
    made: list[uuid.UUID] = []
    existing: list[date] = []
    for day in days:
        if day in taken:
            existing.append(day)
            continue
        starts = datetime.combine(day, pattern.start_time, OSLO)
        made.append(add_session(session, actor, club_id, starts_at=starts, duration_min=pattern.duration_min))
    first, last = days[0], days[-1]
    crud.update(
        session, actor, club, None, schedule=pattern.as_json(),
        start_date=min(first, club.start_date) if club.start_date else first,
        end_date=max(last, club.end_date) if club.end_date else last,
    )  # fmt: skip
    return Planned(made, days, skipped, existing)


def move_session(
    session: Session, actor: Actor, session_id: uuid.UUID, expected_version: int | None, *,
    starts_at: datetime, duration_min: int | None = None,
) -> None:  # fmt: skip
    """Move one samling to another time (the rest of the series stays)."""
    samling = _samling(session, session_id)
    if starts_at.tzinfo is None:
        raise InvalidInput(_("The time of the samling lacks a time zone."))
    changes: dict[str, Any] = {"starts_at": starts_at}
    if duration_min is not None:
        if not 15 <= duration_min <= 600:
            raise InvalidInput(_("A samling lasts between 15 minutes and 10 hours."))
        changes["duration_min"] = duration_min
    crud.update(session, actor, samling, expected_version, **changes)


def cancel_session(
    session: Session, actor: Actor, session_id: uuid.UUID, expected_version: int | None, *,
    cancelled: bool = True, reason: str = "",
) -> None:  # fmt: skip
    """Cancel one samling (or take the cancellation back). A samling with attendance registered
    cannot be cancelled: the register would then say the youths missed a samling that was not held."""
    samling = _samling(session, session_id)
    if cancelled:
        marked = session.scalar(select(AttendanceRecord.id).where(AttendanceRecord.session_id == session_id))
        if marked is not None:
            raise InvalidInput(_("Attendance is registered for this samling. Clear it before cancelling."))
    note = samling.note
    if cancelled and reason.strip():
        note = reason.strip() if not note else f"{note}\n{reason.strip()}"
    crud.update(session, actor, samling, expected_version, cancelled=cancelled, note=note)


def set_session_plan(
    session: Session, actor: Actor, session_id: uuid.UUID, expected_version: int | None, *,
    topic_id: uuid.UUID | None, guest_employer_id: uuid.UUID | None = None, note: str | None = None,
) -> None:  # fmt: skip
    """The topic of a samling (from the office's content library) and a guest employer."""
    samling = _samling(session, session_id)
    if topic_id is not None:
        entry = session.get(CatalogueEntry, topic_id)
        if entry is None or entry.kind != "club_topic":
            raise InvalidInput(_("Choose the topic from the content library."))
    if guest_employer_id is not None and session.get(Employer, guest_employer_id) is None:
        raise InvalidInput(_("The employer no longer exists."))
    changes: dict[str, Any] = {"topic_id": topic_id, "guest_employer_id": guest_employer_id}
    if note is not None:
        changes["note"] = note.strip()
    crud.update(session, actor, samling, expected_version, **changes)


@dataclass(frozen=True)
class Choice:
    id: uuid.UUID
    label: str


def topic_library(session: Session, lang: str | None = None) -> list[Choice]:
    """The office's content library for samlinger (catalogue ``club_topic``), in its order."""
    nynorsk = (lang or language()) == "nn"
    query = select(CatalogueEntry).where(
        CatalogueEntry.kind == "club_topic", CatalogueEntry.hidden.is_(False)
    )
    return [Choice(c.id, (c.label_nn or c.label_nb) if nynorsk else c.label_nb)
            for c in session.scalars(query.order_by(CatalogueEntry.sort_order, CatalogueEntry.label_nb))]  # fmt: skip


def employer_choices(session: Session) -> list[Choice]:
    rows = session.execute(select(Employer.id, Employer.name)).all()
    return sorted((Choice(i, n) for i, n in rows), key=lambda c: collation_key(c.label))


# --------------------------------------------------------------------------- enrolment


def _name(first: str, preferred: str, last: str) -> str:
    return f"{preferred or first} {last}".strip()


def enrolment_warnings(session: Session, club_id: uuid.UUID, youth_ids: Iterable[uuid.UUID]) -> list[str]:
    """What the counsellor should know before enrolling these youths: who does not want group
    activities, who is already in the group, and whether the group gets more than its capacity."""
    club = _club(session, club_id)
    ids = list(dict.fromkeys(youth_ids))
    youths = {y.id: y for y in session.scalars(select(Youth).where(Youth.id.in_(ids)))} if ids else {}
    enrolled = set(session.scalars(select(ClubEnrolment.youth_id).where(ClubEnrolment.club_id == club_id)))
    out = []
    for yid in ids:
        y = youths.get(yid)
        if y is None:
            continue
        name = _name(y.first_name, y.preferred_name, y.last_name)
        if y.no_group_activities:
            out.append(_("{name} does not want group activities. Consider individual follow-up instead.").format(
                name=name))  # fmt: skip
        if yid in enrolled:
            out.append(_("{name} is already in the group.").format(name=name))
    if club.capacity is not None:
        count = len(list(session.scalars(select(ClubEnrolment.id).where(
            ClubEnrolment.club_id == club_id, ClubEnrolment.status.in_(list(ACTIVE))))))  # fmt: skip
        new = len([i for i in ids if i in youths and i not in enrolled])
        if count + new > club.capacity:
            out.append(_("The group has room for {capacity}; with these it would have {n}.").format(
                capacity=club.capacity, n=count + new))  # fmt: skip
    return out


def enrol(
    session: Session, actor: Actor, club_id: uuid.UUID, youth_id: uuid.UUID, *, enrolled_on: date,
    start_date: date | None = None, period_id: uuid.UUID | None = None, today: date | None = None,
) -> uuid.UUID:  # fmt: skip
    """Enrol a youth; this also puts a jobbklubb activity in the youth's plan (in the open follow-up
    period unless one is given). The start defaults to the group's first samling."""
    club = session.get(Club, club_id)
    if club is None or session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The group or the youth no longer exists."))
    exists = session.scalar(select(ClubEnrolment.id).where(
        ClubEnrolment.club_id == club_id, ClubEnrolment.youth_id == youth_id))  # fmt: skip
    if exists is not None:
        raise InvalidInput(_("The youth is already enrolled in this group."))
    today = today or date.today()
    if start_date is None:
        start_date = _first_session_on_or_after(session, club_id, enrolled_on) or club.start_date
    if period_id is None:
        period_id = open_period_id(session, youth_id)
    started = start_date is not None and start_date <= today
    row = crud.create(
        session, actor, ClubEnrolment, club_id=club_id, youth_id=youth_id, enrolled_on=enrolled_on,
        start_date=start_date, status=EnrolmentStatus.DELTAR if started else EnrolmentStatus.VENTER,
    )  # fmt: skip
    plans.add_activity(
        session, actor, youth_id, type=ActivityType.JOBBKLUBB, title=club.name, period_id=period_id,
        from_date=start_date, to_date=club.end_date if club.end_date and (not start_date or club.end_date >= start_date) else None,
        responsible=Responsible.NAV, club_id=club_id,
        status=ActivityStatus.GJENNOMFORER if started else ActivityStatus.PLANLEGGER,
        started_on=start_date if started else None,
    )  # fmt: skip
    return row.id


def _first_session_on_or_after(session: Session, club_id: uuid.UUID, day: date) -> date | None:
    first = session.scalar(select(ClubSession.starts_at).where(
        ClubSession.club_id == club_id, ClubSession.cancelled.is_(False),
        ClubSession.starts_at >= datetime.combine(day, time(0), OSLO)).order_by(ClubSession.starts_at).limit(1))  # fmt: skip
    return oslo_day(first) if first is not None else None


def enrol_many(
    session: Session, actor: Actor, club_id: uuid.UUID, youth_ids: Iterable[uuid.UUID], *, enrolled_on: date,
    start_date: date | None = None, today: date | None = None,
) -> tuple[list[uuid.UUID], list[uuid.UUID]]:  # fmt: skip
    """Enrol several youths at once (from the portfolio); those already in the group are left out.
    Returns (enrolment ids made, youth ids left out)."""
    enrolled = set(session.scalars(select(ClubEnrolment.youth_id).where(ClubEnrolment.club_id == club_id)))
    made, skipped = [], []
    for yid in dict.fromkeys(youth_ids):
        if yid in enrolled:
            skipped.append(yid)
            continue
        made.append(
            enrol(session, actor, club_id, yid, enrolled_on=enrolled_on, start_date=start_date, today=today)
        )
    return made, skipped


def _club_activity(session: Session, enrolment: ClubEnrolment) -> Activity | None:
    return session.scalars(select(Activity).where(
        Activity.youth_id == enrolment.youth_id, Activity.club_id == enrolment.club_id,
        Activity.type == ActivityType.JOBBKLUBB).order_by(Activity.created_at.desc())).first()  # fmt: skip


def set_enrolment_status(
    session: Session, actor: Actor, enrolment_id: uuid.UUID, expected_version: int | None,
    status: EnrolmentStatus | str, *, reason: LeaveReason | str | None = None, on: date | None = None,
) -> None:  # fmt: skip
    """Move a participant to venter / deltar / har sluttet (with a reason) / fullført. The plan's
    jobbklubb activity follows: Gjennomfører, Avbrutt (with the reason) or Fullført."""
    enrolment = _enrolment(session, enrolment_id)
    new = coerce_enum(EnrolmentStatus, status, _("status"))
    on = on or date.today()
    changes: dict[str, Any] = {"status": new}
    if new is EnrolmentStatus.HAR_SLUTTET:
        if reason is None or reason == "":
            raise InvalidInput(_("Say why the participant left."))
        changes |= {"leave_reason": coerce_enum(LeaveReason, reason, _("reason")), "left_on": on}
    elif new is EnrolmentStatus.FULLFORT:
        changes |= {"leave_reason": None, "left_on": on}
    else:
        changes |= {"leave_reason": None, "left_on": None}
    if new is EnrolmentStatus.DELTAR and enrolment.start_date is None:
        changes["start_date"] = on
    crud.update(session, actor, enrolment, expected_version, **changes)
    activity = _club_activity(session, enrolment)
    if activity is None or activity.status.finished:
        return
    if new is EnrolmentStatus.DELTAR and activity.status is not ActivityStatus.GJENNOMFORER:
        plans.set_activity_status(session, actor, activity.id, activity.version, ActivityStatus.GJENNOMFORER,
                                  on=enrolment.start_date or on)  # fmt: skip
    elif new is EnrolmentStatus.HAR_SLUTTET:
        label = coerce_enum(LeaveReason, reason, _("reason")).label
        plans.set_activity_status(session, actor, activity.id, activity.version, ActivityStatus.AVBRUTT,
                                  reason=_("Left the group: {reason}").format(reason=label), on=on)  # fmt: skip
    elif new is EnrolmentStatus.FULLFORT:
        plans.set_activity_status(session, actor, activity.id, activity.version, ActivityStatus.FULLFORT,
                                  reason=_("The group is completed."), on=on)  # fmt: skip


def remove_enrolment(
    session: Session, actor: Actor, enrolment_id: uuid.UUID, expected_version: int | None
) -> None:
    """Take back an enrolment made by mistake: the enrolment and its attendance go; the plan's jobbklubb
    activity is cancelled (Avbrutt) with that reason rather than deleted, so the plan's history holds."""
    enrolment = _enrolment(session, enrolment_id)
    if expected_version is not None and enrolment.version != expected_version:
        from navdesk.errors import StaleEdit

        raise StaleEdit()
    activity = _club_activity(session, enrolment)
    if activity is not None and not activity.status.finished:
        plans.set_activity_status(session, actor, activity.id, activity.version, ActivityStatus.AVBRUTT,
                                  reason=_("Enrolled in the group by mistake."))  # fmt: skip
    for record in session.scalars(
        select(AttendanceRecord).where(AttendanceRecord.enrolment_id == enrolment_id)
    ):
        crud.delete(session, actor, record, youth_id=enrolment.youth_id)
    crud.delete(session, actor, enrolment)


def record_observation(
    session: Session, actor: Actor, enrolment_id: uuid.UUID, expected_version: int | None, *,
    observation: str, recommendation: Recommendation | str | None,
) -> None:  # fmt: skip
    """The facilitators' observation notes and recommendation (shown in the youth's record)."""
    enrolment = _enrolment(session, enrolment_id)
    if len(observation) > 4000:
        raise InvalidInput(_("The note may be at most {n} characters.").format(n=4000))
    chosen = coerce_enum(Recommendation, recommendation, _("recommendation")) if recommendation else None
    crud.update(session, actor, enrolment, expected_version, observation=observation.strip(),
                recommendation=chosen)  # fmt: skip


# --------------------------------------------------------------------------- attendance


def register_attendance(
    session: Session, actor: Actor, session_id: uuid.UUID, enrolment_id: uuid.UUID,
    value: Attendance | str, note: str = "", *, today: date | None = None,
) -> uuid.UUID:  # fmt: skip
    """Mark one participant at one samling. The first attendance of a participant who waits to
    start moves them to "deltar" from that day (which meets the 8-week rule)."""
    samling = _samling(session, session_id)
    enrolment = session.get(ClubEnrolment, enrolment_id)
    if enrolment is None or enrolment.club_id != samling.club_id:
        raise InvalidInput(_("The participant is not enrolled in this group."))
    if samling.cancelled:
        raise InvalidInput(_("The samling is cancelled; no attendance can be registered."))
    day = oslo_day(samling.starts_at)
    if day > (today or date.today()):
        raise InvalidInput(_("Attendance can be registered from the day of the samling."))
    chosen = coerce_enum(Attendance, value, _("attendance"))
    existing = session.scalar(select(AttendanceRecord).where(
        AttendanceRecord.session_id == session_id, AttendanceRecord.enrolment_id == enrolment_id))  # fmt: skip
    if existing is not None:
        crud.update(session, actor, existing, None, youth_id=enrolment.youth_id, value=chosen, note=note)
        record_id = existing.id
    else:
        record_id = crud.create(
            session, actor, AttendanceRecord, youth_id=enrolment.youth_id, session_id=session_id,
            enrolment_id=enrolment_id, value=chosen, note=note,
        ).id  # fmt: skip
    if chosen in ATTENDED and enrolment.status is EnrolmentStatus.VENTER:
        if enrolment.start_date is None or enrolment.start_date > day:
            crud.update(session, actor, enrolment, None, start_date=day)
        set_enrolment_status(session, actor, enrolment.id, None, EnrolmentStatus.DELTAR, on=day)
    return record_id


def clear_attendance(session: Session, actor: Actor, session_id: uuid.UUID, enrolment_id: uuid.UUID) -> None:
    existing = session.scalar(select(AttendanceRecord).where(
        AttendanceRecord.session_id == session_id, AttendanceRecord.enrolment_id == enrolment_id))  # fmt: skip
    if existing is not None:
        crud.delete(session, actor, existing)


def absence_streak_limit(session: Session) -> int:
    value = session.scalar(select(OfficeSetting.value).where(OfficeSetting.key == STREAK_SETTING))
    return (
        int(value)
        if isinstance(value, int | str) and str(value).isdigit() and int(value) > 0
        else DEFAULT_STREAK
    )


def set_absence_streak_limit(session: Session, actor: Actor, limit: int) -> None:
    """The number of "ikke møtt" in a row that flags a participant (office setting, administrators only)."""
    from navdesk.services.access import require_admin

    require_admin(actor, _("Only an administrator may change the office's settings."))
    if not 1 <= limit <= 20:
        raise InvalidInput(_("The number of absences in a row must be between 1 and 20."))
    row = session.scalar(select(OfficeSetting).where(OfficeSetting.key == STREAK_SETTING))
    if row is None:
        crud.create(session, actor, OfficeSetting, office_id=actor.office_id, key=STREAK_SETTING, value=limit)
    else:
        crud.update(session, actor, row, None, value=limit)


# --------------------------------------------------------------------------- reading: the group view


@dataclass(frozen=True)
class Totals:
    """Attendance counts by value (Attendance values as keys)."""

    counts: dict[str, int]

    @property
    def marked(self) -> int:
        return sum(self.counts.values())

    @property
    def attended(self) -> int:
        return sum(self.counts.get(a.value, 0) for a in ATTENDED)

    @property
    def rate(self) -> float | None:
        return self.attended / self.marked if self.marked else None

    def get(self, value: Attendance) -> int:
        return self.counts.get(value.value, 0)


@dataclass(frozen=True)
class ClubInfo:
    id: uuid.UUID
    version: int
    name: str
    kind: str
    place: str
    organiser: str
    target_group: str
    capacity: int | None
    facilitators: str
    start_date: date | None
    end_date: date | None
    schedule: dict[str, Any] | None

    @property
    def kind_label(self) -> str:
        return ClubKind(self.kind).label


@dataclass(frozen=True)
class SessionRow:
    id: uuid.UUID
    version: int
    number: int  # 1, 2 … among the samlinger not cancelled; 0 for a cancelled one
    starts_at: datetime  # Europe/Oslo
    duration_min: int
    topic_id: uuid.UUID | None
    topic: str
    guest_employer_id: uuid.UUID | None
    guest: str
    cancelled: bool
    note: str
    totals: Totals

    @property
    def day(self) -> date:
        return self.starts_at.date()


@dataclass(frozen=True)
class ParticipantRow:
    enrolment_id: uuid.UUID
    version: int
    youth_id: uuid.UUID
    first_name: str
    last_name: str
    birth_date: date
    no_group_activities: bool
    status: str
    leave_reason: str | None
    enrolled_on: date
    start_date: date | None
    left_on: date | None
    observation: str
    recommendation: str | None
    totals: Totals
    streak: int  # "ikke møtt" in a row, latest first
    flagged: bool
    registered: date | None  # the follow-up period's registration date (for "days to start")

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def days_to_start(self) -> int | None:
        if self.registered is None or self.start_date is None:
            return None
        return (self.start_date - self.registered).days

    @property
    def status_label(self) -> str:
        label = EnrolmentStatus(self.status).label
        if self.leave_reason:
            return f"{label} ({LeaveReason(self.leave_reason).label.lower()})"
        return label


@dataclass(frozen=True)
class ClubDetail:
    club: ClubInfo
    sessions: list[SessionRow]
    participants: list[ParticipantRow]
    marks: dict[tuple[uuid.UUID, uuid.UUID], str]  # (session id, enrolment id) → Attendance value
    streak_limit: int

    @property
    def totals(self) -> Totals:
        counts: Counter[str] = Counter(self.marks.values())
        return Totals(dict(counts))

    @property
    def days_to_start(self) -> float | None:
        """Median days from registration (the follow-up period) to start in the group."""
        days = [d for p in self.participants if (d := p.days_to_start) is not None and d >= 0]
        return float(median(days)) if days else None

    def active(self) -> list[ParticipantRow]:
        return [p for p in self.participants if EnrolmentStatus(p.status) in ACTIVE]


def _info(club: Club) -> ClubInfo:
    return ClubInfo(club.id, club.version, club.name, club.kind.value, club.place, club.organiser, club.target_group,
                    club.capacity, club.facilitators, club.start_date, club.end_date, club.schedule)  # fmt: skip


def _streak(values_latest_first: list[str]) -> int:
    n = 0
    for v in values_latest_first:
        if v != Attendance.IKKE_MOTT.value:
            break
        n += 1
    return n


def _registration(
    session: Session, youth_ids: list[uuid.UUID]
) -> dict[uuid.UUID, list[tuple[date, date | None]]]:
    out: dict[uuid.UUID, list[tuple[date, date | None]]] = defaultdict(list)
    if youth_ids:
        for yid, reg, closed in session.execute(select(
                FollowUpPeriod.youth_id, FollowUpPeriod.registration_date, FollowUpPeriod.closed_on).where(
                FollowUpPeriod.youth_id.in_(youth_ids))):  # fmt: skip
            out[yid].append((reg, closed))
    return out


def _registered_before(
    periods: list[tuple[date, date | None]], start: date | None, fallback: date
) -> date | None:
    """The registration date of the period the start falls in (else the latest before the enrolment)."""
    on = start or fallback
    found = [reg for reg, closed in periods if reg <= on and (closed is None or closed >= on)]
    found = found or [reg for reg, _closed in periods if reg <= on]
    return max(found) if found else None


def club_detail(session: Session, club_id: uuid.UUID, lang: str | None = None) -> ClubDetail:
    """Everything the group view shows: the group, its samlinger with totals, its participants with
    totals, rate, absence streak and flag, and the attendance marks."""
    club = _club(session, club_id)
    nynorsk = (lang or language()) == "nn"
    topics = {c.id: ((c.label_nn or c.label_nb) if nynorsk else c.label_nb)
              for c in session.scalars(select(CatalogueEntry).where(CatalogueEntry.kind == "club_topic"))}  # fmt: skip
    samlinger = list(session.scalars(select(ClubSession).where(ClubSession.club_id == club_id)
                                     .order_by(ClubSession.starts_at, ClubSession.id)))  # fmt: skip
    guests = {e.id: e.name for e in session.scalars(select(Employer).where(
        Employer.id.in_([s.guest_employer_id for s in samlinger if s.guest_employer_id])))}  # fmt: skip
    marks: dict[tuple[uuid.UUID, uuid.UUID], str] = {}
    for sid, eid, raw in session.execute(select(
            AttendanceRecord.session_id, AttendanceRecord.enrolment_id, AttendanceRecord.value)
            .join(ClubSession, ClubSession.id == AttendanceRecord.session_id).where(ClubSession.club_id == club_id)):  # fmt: skip
        marks[(sid, eid)] = Attendance(raw).value
    by_session: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    by_enrolment: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    for (sid, eid), value in marks.items():
        by_session[sid][value] += 1
        by_enrolment[eid][value] += 1
    sessions = []
    number = 0
    for s in samlinger:
        if not s.cancelled:
            number += 1
        sessions.append(SessionRow(
            s.id, s.version, 0 if s.cancelled else number, s.starts_at.astimezone(OSLO), s.duration_min, s.topic_id,
            topics.get(s.topic_id, "") if s.topic_id else "", s.guest_employer_id,
            guests.get(s.guest_employer_id, "") if s.guest_employer_id else "", s.cancelled, s.note,
            Totals(dict(by_session.get(s.id, {}))),
        ))  # fmt: skip
    limit = absence_streak_limit(session)
    rows = session.execute(select(ClubEnrolment, Youth).join(Youth, Youth.id == ClubEnrolment.youth_id)
                           .where(ClubEnrolment.club_id == club_id)).all()  # fmt: skip
    periods = _registration(session, [y.id for _e, y in rows])
    ordered = [s for s in reversed(samlinger) if not s.cancelled]
    participants = []
    for e, y in rows:
        history = [marks[(s.id, e.id)] for s in ordered if (s.id, e.id) in marks]
        streak = _streak(history)
        participants.append(ParticipantRow(
            e.id, e.version, y.id, y.preferred_name or y.first_name, y.last_name, y.birth_date, y.no_group_activities,
            e.status.value, e.leave_reason.value if e.leave_reason else None, e.enrolled_on, e.start_date, e.left_on,
            e.observation, e.recommendation.value if e.recommendation else None,
            Totals(dict(by_enrolment.get(e.id, {}))), streak, streak >= limit and e.status in ACTIVE,
            _registered_before(periods.get(y.id, []), e.start_date, e.enrolled_on),
        ))  # fmt: skip
    participants.sort(key=lambda p: (collation_key(p.last_name), collation_key(p.first_name)))
    return ClubDetail(_info(club), sessions, participants, marks, limit)


@dataclass(frozen=True)
class ClubRow:
    id: uuid.UUID
    name: str
    kind: str
    place: str
    start_date: date | None
    end_date: date | None
    capacity: int | None
    participants: int  # active (venter or deltar)
    sessions: int  # not cancelled
    next_session: datetime | None
    rate: float | None
    flagged: int

    @property
    def kind_label(self) -> str:
        return ClubKind(self.kind).label


def club_rows(session: Session, today: date | None = None) -> list[ClubRow]:
    """The office's groups for the list: running and coming first, by start; then finished ones."""
    today = today or date.today()
    out = []
    for club in session.scalars(select(Club)):
        d = club_detail(session, club.id)
        upcoming = [s.starts_at for s in d.sessions if not s.cancelled and s.day >= today]
        out.append(ClubRow(club.id, club.name, club.kind.value, club.place, club.start_date, club.end_date,
                           club.capacity, len(d.active()), len([s for s in d.sessions if not s.cancelled]),
                           min(upcoming) if upcoming else None, d.totals.rate,
                           len([p for p in d.participants if p.flagged])))  # fmt: skip
    finished = [r for r in out if r.end_date is not None and r.end_date < today]
    running = [r for r in out if r not in finished]
    running.sort(key=lambda r: (r.start_date or date.max, collation_key(r.name)))
    finished.sort(key=lambda r: r.end_date or date.min, reverse=True)
    return running + finished


@dataclass(frozen=True)
class YouthClub:
    """One group of a youth, for the youth's record."""

    club_id: uuid.UUID
    club: str
    kind: str
    status: str
    status_label: str
    start_date: date | None
    left_on: date | None
    totals: Totals
    flagged: bool
    observation: str
    recommendation: str | None

    @property
    def recommendation_label(self) -> str:
        return Recommendation(self.recommendation).label if self.recommendation else ""


def youth_clubs(session: Session, youth_id: uuid.UUID) -> list[YouthClub]:
    club_ids = list(session.scalars(select(ClubEnrolment.club_id).where(ClubEnrolment.youth_id == youth_id)))
    out = []
    for cid in club_ids:
        d = club_detail(session, cid)
        p = next(p for p in d.participants if p.youth_id == youth_id)
        out.append(YouthClub(cid, d.club.name, d.club.kind, p.status, p.status_label, p.start_date, p.left_on,
                             p.totals, p.flagged, p.observation, p.recommendation))  # fmt: skip
    out.sort(key=lambda c: c.start_date or date.max, reverse=True)
    return out


def resolve_club(session: Session, ident: str | uuid.UUID) -> uuid.UUID:
    from navdesk.services.context import resolve_id

    return resolve_id(session, Club, ident).id


def active_clubs(session: Session, today: date | None = None) -> list[Choice]:
    """Groups one can enrol in (not ended before today), for the portfolio's enrol action."""
    return [Choice(r.id, r.name) for r in club_rows(session, today)
            if r.end_date is None or r.end_date >= (today or date.today())]  # fmt: skip


def sessions_between(
    session: Session, since: date, until: date | None = None
) -> list[tuple[ClubInfo, SessionRow]]:
    """Samlinger of every group from ``since`` (Oslo day), for the calendar."""
    out = []
    for club in session.scalars(select(Club)):
        d = club_detail(session, club.id)
        out += [(d.club, s) for s in d.sessions if s.day >= since and (until is None or s.day <= until)]
    out.sort(key=lambda cs: (cs[1].starts_at, str(cs[1].id)))
    return out


# --------------------------------------------------------------------------- printouts

PRINTOUTS = ("attendance", "session-plan", "sign-in")


def printout(
    session: Session, actor: Actor, club_id: uuid.UUID, what: str, *, session_id: uuid.UUID | None = None,
    first_names_only: bool = False, youth_ids: list[uuid.UUID] | None = None, lang: str | None = None,
    file_name: str = "",
) -> tuple[bytes, int]:  # fmt: skip
    """One of the group's printouts as PDF bytes, audited as a print; (bytes, participants on it).
    ``attendance`` (only ``youth_ids`` if given), ``session-plan``, or ``sign-in`` for ``session_id``."""
    from navdesk.documents.clubs import PrintOptions, render_attendance, render_session_plan, render_sign_in
    from navdesk.services import audit
    from navdesk.services.office import office_name
    from navdesk.services.summaries import user_label

    if what not in PRINTOUTS:
        raise InvalidInput(_("Unknown printout."))
    detail = club_detail(session, club_id, lang)
    options = PrintOptions(lang=lang, first_names_only=first_names_only,
                           printed_by=user_label(session, actor.user_id, actor.initials))  # fmt: skip
    office = office_name(session)
    if what == "attendance":
        people = [p for p in detail.participants if youth_ids is None or p.youth_id in youth_ids]
        if youth_ids is not None and not people:
            raise InvalidInput(_("The youth is not in this group."))
        data = render_attendance(detail, office, options, [p.enrolment_id for p in people])
    elif what == "session-plan":
        people = []
        data = render_session_plan(detail, office, options)
    else:
        if session_id is None or all(s.id != session_id for s in detail.sessions):
            raise InvalidInput(_("Choose a samling of this group."))
        people = detail.active()
        data = render_sign_in(detail, session_id, office, options)
    audit.record(session, actor, "print", "club", club_id,
                 after={"file": file_name, "document": what, "session": session_id, "participants": len(people),
                        "first_names_only": first_names_only})  # fmt: skip
    return data, len(people)
