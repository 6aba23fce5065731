"""Reading the aktivitetsplan: the plan of a follow-up period with its goals, activities, revisions,
the comparison of two revisions, each activity's history, and what the printed plan needs.

Plain frozen dataclasses, so that the UI and the PDF never see a model or a session.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain.enums import (
    ActivityStatus,
    ActivityType,
    GoalCategory,
    Malform,
    MeetingStatus,
    Responsible,
)
from navdesk.domain.text import OSLO, format_date
from navdesk.errors import InvalidInput
from navdesk.i18n import N_, _
from navdesk.services import plans
from navdesk.services.labels import catalogue_label
from navdesk.services.record import HistoryEntry, history

BOARD_ORDER = (
    ActivityStatus.FORSLAG,
    ActivityStatus.PLANLEGGER,
    ActivityStatus.GJENNOMFORER,
    ActivityStatus.FULLFORT,
    ActivityStatus.AVBRUTT,
)


@dataclass(frozen=True)
class GoalView:
    id: uuid.UUID
    text: str
    due_date: date | None
    achieved_on: date | None
    version: int


@dataclass(frozen=True)
class ActivityView:
    id: uuid.UUID
    type: ActivityType
    title: str
    status: ActivityStatus
    status_reason: str
    from_date: date | None
    to_date: date | None
    started_on: date | None
    responsible: Responsible
    agreed: bool
    notes: str
    version: int
    overdue: bool
    applications_per_week: int | None = None
    application_status: str | None = None
    tiltak_id: uuid.UUID | None = None
    tiltak: str = (
        ""  # the measure's label in the language in use, with "(NAV-tiltak)"/"(kontorets eget)" in detail
    )
    tiltak_nb: str = ""  # the measure's bokmål and nynorsk labels, for a printout in the youth's målform
    tiltak_nn: str = ""
    tiltak_formal: bool | None = None
    tiltakspenger: bool | None = None
    employer_id: uuid.UUID | None = None
    employer: str = ""
    club_id: uuid.UUID | None = None
    club: str = ""
    meeting_id: uuid.UUID | None = None

    @property
    def is_meeting(self) -> bool:
        """A meeting's activity: one record, two views; it changes in the meeting, not in the plan."""
        return self.meeting_id is not None

    @property
    def dates(self) -> str:
        if self.from_date and self.to_date and self.from_date == self.to_date:
            return format_date(self.from_date)
        if self.from_date and self.to_date:
            return f"{format_date(self.from_date)}–{format_date(self.to_date)}"
        if self.to_date:
            return _("by {date}").format(date=format_date(self.to_date))
        if self.from_date:
            return _("from {date}").format(date=format_date(self.from_date))
        return ""

    @property
    def detail(self) -> str:
        """The type's own facts in a few words (søkeavtale, søknadsstatus, tiltak, employer, group)."""
        parts: list[str] = []
        if self.applications_per_week:
            parts.append(_("{n} applications a week").format(n=self.applications_per_week))
        if self.application_status:
            from navdesk.domain.enums import ApplicationStatus

            parts.append(ApplicationStatus(self.application_status).label)
        if self.tiltak:
            kind = _("NAV measure") if self.tiltak_formal else _("the office's own activity")
            money = _("tiltakspenger") if self.tiltakspenger else _("no tiltakspenger")
            parts.append(f"{self.tiltak} ({kind}, {money})")
        if self.employer:
            parts.append(self.employer)
        if self.club:
            parts.append(self.club)
        return " · ".join(parts)


@dataclass(frozen=True)
class RevisionView:
    id: uuid.UUID
    number: int
    at: datetime  # aware
    who: str
    reason: str


@dataclass(frozen=True)
class NextMeetingView:
    starts_at: datetime  # Oslo time
    duration_min: int
    place: str
    type_nb: str
    type_nn: str


@dataclass(frozen=True)
class PlanView:
    youth_id: uuid.UUID
    youth_name: str
    malform: str
    office: str
    veileder: str
    period_id: uuid.UUID | None
    registration_date: date | None
    plan_id: uuid.UUID | None
    plan_version: int | None
    dream: str
    goal_category: GoalCategory | None
    own_goal: str
    review_date: date | None
    goals: tuple[GoalView, ...]
    activities: tuple[ActivityView, ...]
    revisions: tuple[RevisionView, ...]
    recorded: tuple[date, str] | None
    next_meeting: NextMeetingView | None
    today: date

    @property
    def review_overdue(self) -> bool:
        return self.review_date is not None and self.review_date < self.today

    def by_status(self, status: ActivityStatus) -> list[ActivityView]:
        return [a for a in self.activities if a.status is status]

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.activities if a.overdue)


def _period(session: Session, youth_id: uuid.UUID, period_id: uuid.UUID | None) -> m.FollowUpPeriod | None:
    if period_id is not None:
        return session.get(m.FollowUpPeriod, period_id)
    periods = session.scalars(
        select(m.FollowUpPeriod)
        .where(m.FollowUpPeriod.youth_id == youth_id)
        .order_by(m.FollowUpPeriod.registration_date.desc(), m.FollowUpPeriod.created_at.desc())
    ).all()
    open_ones = [p for p in periods if p.closed_on is None]
    chosen = open_ones or list(periods)
    return chosen[0] if chosen else None


def _sort_key(a: ActivityView) -> tuple[Any, ...]:
    return (BOARD_ORDER.index(a.status), a.to_date or date.max, a.from_date or date.max, a.title.casefold())


def _names(session: Session, model: Any, ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The names of these employers or groups only (not the office's whole list)."""
    if not ids:
        return {}
    return {r[0]: r[1] for r in session.execute(select(model.id, model.name).where(model.id.in_(ids)))}


def _activities(
    session: Session, youth_id: uuid.UUID, period_id: uuid.UUID | None, today: date
) -> tuple[ActivityView, ...]:
    query = select(m.Activity).where(m.Activity.youth_id == youth_id)
    if period_id is not None:
        query = query.where((m.Activity.period_id == period_id) | m.Activity.period_id.is_(None))
    rows = session.scalars(query).all()
    catalogue = {
        c.id: c for c in session.scalars(select(m.CatalogueEntry).where(m.CatalogueEntry.kind == "tiltak"))
    }
    employers = _names(session, m.Employer, {a.employer_id for a in rows if a.employer_id})
    clubs = _names(session, m.Club, {a.club_id for a in rows if a.club_id})
    out = []
    for a in rows:
        entry = catalogue.get(a.tiltak_id) if a.tiltak_id else None
        attrs = (entry.attrs or {}) if entry else {}
        out.append(
            ActivityView(
                id=a.id, type=a.type, title=a.title, status=a.status, status_reason=a.status_reason,
                from_date=a.from_date, to_date=a.to_date, started_on=a.started_on, responsible=a.responsible,
                agreed=a.agreed, notes=a.notes, version=a.version,
                overdue=not a.status.finished and a.to_date is not None and a.to_date < today,
                applications_per_week=a.applications_per_week,
                application_status=a.application_status.value if a.application_status else None,
                tiltak_id=a.tiltak_id, tiltak=catalogue_label(entry.label_nb, entry.label_nn) if entry else "",
                tiltak_nb=entry.label_nb if entry else "", tiltak_nn=(entry.label_nn or "") if entry else "",
                tiltak_formal=bool(attrs.get("formal")) if entry else None,
                tiltakspenger=bool(attrs.get("tiltakspenger")) if entry else None,
                employer_id=a.employer_id, employer=employers.get(a.employer_id, "") if a.employer_id else "",
                club_id=a.club_id, club=clubs.get(a.club_id, "") if a.club_id else "", meeting_id=a.meeting_id,
            )
        )  # fmt: skip
    return tuple(sorted(out, key=_sort_key))


def _revisions(session: Session, plan_id: uuid.UUID) -> tuple[RevisionView, ...]:
    users = {r[0]: r[1] for r in session.execute(select(m.User.id, m.User.initials))}
    rows = session.scalars(
        select(m.PlanRevision).where(m.PlanRevision.plan_id == plan_id).order_by(m.PlanRevision.created_at)
    ).all()
    out = [
        RevisionView(r.id, n, r.created_at, users.get(r.user_id, "") if r.user_id else "", r.reason)
        for n, r in enumerate(rows, start=1)
    ]
    return tuple(reversed(out))  # newest first


def _next_meeting(session: Session, youth_id: uuid.UUID, now: datetime) -> NextMeetingView | None:
    row = session.execute(
        select(m.Meeting, m.CatalogueEntry)
        .outerjoin(m.CatalogueEntry, m.CatalogueEntry.id == m.Meeting.type_id)
        .where(
            m.Meeting.youth_id == youth_id,
            m.Meeting.starts_at >= now,
            m.Meeting.status == MeetingStatus.PLANLAGT,
        )
        .order_by(m.Meeting.starts_at)
        .limit(1)
    ).first()
    if row is None:
        return None
    meeting, kind = row
    return NextMeetingView(
        meeting.starts_at.astimezone(OSLO), meeting.duration_min, meeting.place,
        kind.label_nb if kind else "", (kind.label_nn or kind.label_nb) if kind else "",
    )  # fmt: skip


def read_plan(
    session: Session, youth_id: uuid.UUID, today: date, *, period_id: uuid.UUID | None = None,
    now: datetime | None = None,
) -> PlanView:  # fmt: skip
    """The youth's plan in the open follow-up period (else the latest one, or the one given)."""
    youth = session.get(m.Youth, youth_id)
    if youth is None:
        raise InvalidInput(_("The youth no longer exists."))
    period = _period(session, youth_id, period_id)
    plan = (
        session.scalars(select(m.Plan).where(m.Plan.period_id == period.id)).one_or_none() if period else None
    )
    goals: tuple[GoalView, ...] = ()
    if plan is not None:
        goals = tuple(
            GoalView(g.id, g.text, g.due_date, g.achieved_on, g.version)
            for g in session.scalars(
                select(m.PlanGoal)
                .where(m.PlanGoal.plan_id == plan.id)
                .order_by(m.PlanGoal.due_date, m.PlanGoal.created_at)
            )
        )
    veileder = session.get(m.User, youth.veileder_id) if youth.veileder_id else None
    office = session.scalar(select(m.Office.name).where(m.Office.id == youth.office_id)) or ""
    moment = now or datetime.now(OSLO)
    return PlanView(
        youth_id=youth.id, youth_name=youth.full_name, malform=youth.malform.value if youth.malform else "nb",
        office=office, veileder=veileder.name if veileder else "", period_id=period.id if period else None,
        registration_date=period.registration_date if period else None, plan_id=plan.id if plan else None,
        plan_version=plan.version if plan else None, dream=plan.dream if plan else "",
        goal_category=plan.goal_category if plan else None, own_goal=plan.own_goal if plan else "",
        review_date=plan.review_date if plan else None, goals=goals,
        activities=_activities(session, youth_id, period.id if period else None, today),
        revisions=_revisions(session, plan.id) if plan else (), recorded=plans.plan_recording(session, plan.id) if plan else None,
        next_meeting=_next_meeting(session, youth_id, moment), today=today,
    )  # fmt: skip


# --------------------------------------------------------------------------- comparing two revisions


@dataclass(frozen=True)
class Difference:
    field: str  # in words
    before: str
    after: str


_PLAN_FIELDS = (
    ("dream", N_("Dream")),
    ("goal_category", N_("Goal")),
    ("own_goal", N_("The youth's own goal")),
    ("review_date", N_("Review date")),
)


def _text(name: str, value: Any) -> str:
    if value in (None, ""):
        return "–"
    if name == "goal_category":
        try:
            return GoalCategory(value).label
        except ValueError:
            return str(value)
    if name.endswith("date") or name == "achieved_on":
        try:
            return format_date(date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    return str(value)


def _goal_text(goal: dict[str, Any]) -> str:
    text = str(goal.get("text", ""))
    if goal.get("due_date"):
        text += " " + _("(by {date})").format(date=_text("due_date", goal["due_date"]))
    if goal.get("achieved_on"):
        text += " " + _("– achieved {date}").format(date=_text("achieved_on", goal["achieved_on"]))
    return text


def compare_revisions(session: Session, first_id: uuid.UUID, second_id: uuid.UUID) -> list[Difference]:
    """What differs between two stored versions of the plan (fields, then goals added, changed, removed)."""
    first = session.get(m.PlanRevision, first_id)
    second = session.get(m.PlanRevision, second_id)
    if first is None or second is None:
        raise InvalidInput(_("The version no longer exists."))
    if first.plan_id != second.plan_id:
        raise InvalidInput(_("The two versions belong to different plans."))
    if second.created_at < first.created_at:
        first, second = second, first
    a, b = first.snapshot or {}, second.snapshot or {}
    out = [
        Difference(_(label), _text(name, a.get(name)), _text(name, b.get(name)))
        for name, label in _PLAN_FIELDS
        if (a.get(name) or None) != (b.get(name) or None)
    ]
    goals_a = {str(g.get("id")): g for g in a.get("goals") or []}
    goals_b = {str(g.get("id")): g for g in b.get("goals") or []}
    for key, goal in goals_b.items():
        if key not in goals_a:
            out.append(Difference(_("Goal added"), "–", _goal_text(goal)))
        elif _goal_text(goals_a[key]) != _goal_text(goal):
            out.append(Difference(_("Goal changed"), _goal_text(goals_a[key]), _goal_text(goal)))
    for key, goal in goals_a.items():
        if key not in goals_b:
            out.append(Difference(_("Goal removed"), _goal_text(goal), "–"))
    return out


def activity_history(session: Session, activity: uuid.UUID) -> list[HistoryEntry]:
    """Who changed what in the activity, and when (newest first), from the audit trail."""
    row = session.get(m.Activity, activity)
    if row is None:
        raise InvalidInput(_("The activity no longer exists."))
    return history(session, row.youth_id, entity_id=activity)


def malform_code(value: str) -> str:
    return "nn" if value == Malform.NYNORSK.value else "nb"


@dataclass(frozen=True)
class Option:
    id: uuid.UUID
    label: str
    detail: str = ""


@dataclass(frozen=True)
class ActivityChoices:
    """What an activity can be linked to: the office's measures, employers and groups."""

    tiltak: tuple[Option, ...]
    employers: tuple[Option, ...]
    clubs: tuple[Option, ...]


def activity_choices(session: Session) -> ActivityChoices:
    tiltak = []
    for c in session.scalars(
        select(m.CatalogueEntry)
        .where(m.CatalogueEntry.kind == "tiltak", m.CatalogueEntry.hidden.is_(False))
        .order_by(m.CatalogueEntry.sort_order, m.CatalogueEntry.code)
    ):
        attrs = c.attrs or {}
        kind = _("NAV measure") if attrs.get("formal") else _("the office's own activity")
        money = _("tiltakspenger") if attrs.get("tiltakspenger") else _("no tiltakspenger")
        tiltak.append(Option(c.id, catalogue_label(c.label_nb, c.label_nn), f"{kind}, {money}"))
    employers = [Option(r[0], r[1]) for r in session.execute(select(m.Employer.id, m.Employer.name))]
    clubs = [Option(r[0], r[1]) for r in session.execute(select(m.Club.id, m.Club.name))]
    from navdesk.domain.text import collation_key

    return ActivityChoices(
        tuple(tiltak),
        tuple(sorted(employers, key=lambda o: collation_key(o.label))),
        tuple(sorted(clubs, key=lambda o: collation_key(o.label))),
    )
