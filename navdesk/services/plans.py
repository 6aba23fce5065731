"""Aktivitetsplan: the plan with revisions, goals, and activities with NAV's status workflow."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db.models import (
    Activity,
    CatalogueEntry,
    FollowUpPeriod,
    JournalMark,
    Plan,
    PlanGoal,
    PlanRevision,
    Youth,
)
from navdesk.domain.enums import (
    AccessRole,
    ActivityStatus,
    ActivityType,
    ApplicationStatus,
    GoalCategory,
    Responsible,
)
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput, PermissionDenied
from navdesk.i18n import _
from navdesk.services import audit, crud
from navdesk.services.context import Actor, coerce_enum
from navdesk.services.followup import open_period_id

OWN_GOAL_MAX = 500
REASON_MAX = 500
DATE_FIELDS = {"from_date", "to_date"}
EDITABLE_FIELDS = {
    "title", "from_date", "to_date", "responsible", "tiltak_id", "employer_id", "club_id", "notes",
    "applications_per_week", "application_status", "type",
}  # fmt: skip
PLAN_DOCUMENT = "plan"  # JournalMark.document_kind of a printed plan
TEMPLATE_KIND = "plan_template"  # CatalogueEntry.kind of an office's plan template


def save_plan(
    session: Session,
    actor: Actor,
    period_id: uuid.UUID,
    *,
    reason: str,
    expected_version: int | None = None,
    dream: str | None = None,
    goal_category: GoalCategory | str | None = None,
    own_goal: str | None = None,
    review_date: date | None = None,
) -> uuid.UUID:
    """Create or revise the plan of a period; every revision keeps a snapshot and its reason."""
    period = session.get(FollowUpPeriod, period_id)
    if period is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    reason = _reason(reason)
    if own_goal is not None and len(own_goal) > OWN_GOAL_MAX:
        raise InvalidInput(_("The youth's own goal may be at most {n} characters.").format(n=OWN_GOAL_MAX))
    values: dict[str, Any] = {}
    if dream is not None:
        values["dream"] = dream
    if goal_category is not None:
        values["goal_category"] = coerce_enum(GoalCategory, goal_category, _("goal category"))
    if own_goal is not None:
        values["own_goal"] = own_goal
    if review_date is not None:
        values["review_date"] = review_date
    plan = session.query(Plan).filter(Plan.period_id == period_id).one_or_none()
    if plan is None:
        plan = crud.create(session, actor, Plan, youth_id=period.youth_id, period_id=period_id, **values)
    else:
        crud.update(session, actor, plan, expected_version, youth_id=period.youth_id, **values)
    _revise(session, actor, plan, reason)
    return plan.id


def _reason(reason: str) -> str:
    text = reason.strip()
    if not text:
        raise InvalidInput(_("Say why the plan is changed."))
    if len(text) > REASON_MAX:
        raise InvalidInput(_("The reason may be at most {n} characters.").format(n=REASON_MAX))
    return text


def plan_snapshot(session: Session, plan: Plan) -> dict[str, Any]:
    """The plan as stored in a revision: its fields and its near-term goals (JSON-safe)."""
    goals = session.scalars(
        select(PlanGoal).where(PlanGoal.plan_id == plan.id).order_by(PlanGoal.due_date, PlanGoal.created_at)
    ).all()
    values = crud.snapshot(plan) | {"id": plan.id}
    values["goals"] = [
        {"id": g.id, "text": g.text, "due_date": g.due_date, "achieved_on": g.achieved_on} for g in goals
    ]
    return dict(audit.jsonable(values))


def _revise(session: Session, actor: Actor, plan: Plan, reason: str) -> None:
    session.flush()
    crud.create(
        session, actor, PlanRevision, youth_id=plan_youth(session, plan), plan_id=plan.id, user_id=actor.user_id,
        reason=reason, snapshot=plan_snapshot(session, plan),
    )  # fmt: skip


def plan_youth(session: Session, plan: Plan) -> uuid.UUID:
    youth_id = session.scalar(select(FollowUpPeriod.youth_id).where(FollowUpPeriod.id == plan.period_id))
    if youth_id is None:
        raise InvalidInput(_("The follow-up period no longer exists."))
    return youth_id


def _plan(session: Session, plan_id: uuid.UUID) -> Plan:
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise InvalidInput(_("The plan no longer exists."))
    return plan


def add_goal(
    session: Session,
    actor: Actor,
    plan_id: uuid.UUID,
    text: str,
    due_date: date | None = None,
    *,
    reason: str,
) -> uuid.UUID:
    """A near-term goal with an optional date; the plan gets a revision with the reason."""
    plan = _plan(session, plan_id)
    reason = _reason(reason)
    if not text.strip():
        raise InvalidInput(_("A goal needs a text."))
    goal = crud.create(
        session, actor, PlanGoal, youth_id=plan_youth(session, plan), plan_id=plan_id, text=text.strip(), due_date=due_date,
    )  # fmt: skip
    _revise(session, actor, plan, reason)
    return goal.id


_UNSET: Any = object()


def update_goal(
    session: Session, actor: Actor, goal_id: uuid.UUID, expected_version: int | None, *, reason: str,
    text: str | None = None, due_date: date | None = _UNSET, achieved_on: date | None = _UNSET,
) -> None:  # fmt: skip
    """Change a goal's text or date, or mark it achieved (or not); the plan gets a revision."""
    goal = session.get(PlanGoal, goal_id)
    if goal is None:
        raise InvalidInput(_("The goal no longer exists."))
    plan = _plan(session, goal.plan_id)
    reason = _reason(reason)
    changes: dict[str, Any] = {}
    if text is not None:
        if not text.strip():
            raise InvalidInput(_("A goal needs a text."))
        changes["text"] = text.strip()
    if due_date is not _UNSET:
        changes["due_date"] = due_date
    if achieved_on is not _UNSET:
        changes["achieved_on"] = achieved_on
    crud.update(session, actor, goal, expected_version, youth_id=plan_youth(session, plan), **changes)
    _revise(session, actor, plan, reason)


def remove_goal(session: Session, actor: Actor, goal_id: uuid.UUID, *, reason: str) -> None:
    goal = session.get(PlanGoal, goal_id)
    if goal is None:
        raise InvalidInput(_("The goal no longer exists."))
    plan = _plan(session, goal.plan_id)
    reason = _reason(reason)
    crud.delete(session, actor, goal, youth_id=plan_youth(session, plan))
    _revise(session, actor, plan, reason)


def _check_dates(from_date: date | None, to_date: date | None) -> None:
    if from_date and to_date and to_date < from_date:
        raise InvalidInput(_("The end date is before the start date."))


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Coerce and check the editable fields of an activity (the same for a new one and an edit)."""
    out = dict(values)
    if "title" in out:
        title = (out["title"] or "").strip()
        if not title:
            raise InvalidInput(_("An activity needs a title."))
        if len(title) > 200:
            raise InvalidInput(_("The title may be at most {n} characters.").format(n=200))
        out["title"] = title
    if "type" in out:
        out["type"] = coerce_enum(ActivityType, out["type"], _("activity type"))
    if "responsible" in out:
        out["responsible"] = coerce_enum(Responsible, out["responsible"], _("responsible"))
    if out.get("application_status") is not None:
        out["application_status"] = coerce_enum(
            ApplicationStatus, out["application_status"], _("application status")
        )
    per_week = out.get("applications_per_week")
    if per_week is not None and not 0 < int(per_week) <= 100:
        raise InvalidInput(_("The number of applications per week must be between 1 and 100."))
    return out


def add_activity(
    session: Session,
    actor: Actor,
    youth_id: uuid.UUID,
    *,
    type: ActivityType | str,
    title: str,
    period_id: uuid.UUID | None = None,
    from_date: date | None = None,
    to_date: date | None = None,
    responsible: Responsible | str = Responsible.UNGDOMMEN,
    **extra: Any,
) -> uuid.UUID:
    """A new activity in the youth's plan (in the open follow-up period unless another is given)."""
    _check_dates(from_date, to_date)
    values = _clean({"type": type, "title": title, "responsible": responsible, **extra})
    if values["type"] is ActivityType.TILTAK and values.get("tiltak_id") is not None:
        entry = session.get(CatalogueEntry, values["tiltak_id"])
        if entry is None or entry.kind != "tiltak":
            raise InvalidInput(_("Choose the measure from the office's list."))
    if period_id is None:
        period_id = open_period_id(session, youth_id)
    activity = crud.create(
        session, actor, Activity, youth_id=youth_id, period_id=period_id, from_date=from_date, to_date=to_date,
        **values,
    )  # fmt: skip
    return activity.id


def _activity(session: Session, activity_id: uuid.UUID) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise InvalidInput(_("The activity no longer exists."))
    return activity


def _not_a_meeting(activity: Activity) -> None:
    if activity.meeting_id is not None:
        raise InvalidInput(_("This activity is a meeting: change it in the meeting itself."))


def set_activity_status(
    session: Session, actor: Actor, activity_id: uuid.UUID, expected_version: int, status: ActivityStatus | str,
    *, reason: str = "", on: date | None = None,
) -> None:  # fmt: skip
    """Move an activity along NAV's workflow; Avbrutt (and Fullført when agreed) needs a reason.

    Any unfinished status may move to any other (as on NAV's board); a completed or cancelled
    activity stays as it is.
    """
    activity = _activity(session, activity_id)
    _not_a_meeting(activity)
    new = coerce_enum(ActivityStatus, status, _("status"))
    if activity.status.finished:
        raise InvalidInput(_("A completed or cancelled activity cannot change status."))
    if new is activity.status:
        raise InvalidInput(_("The activity already has the status {status}.").format(status=new.label))
    if new is ActivityStatus.AVBRUTT and not reason.strip():
        raise InvalidInput(_("Say why the activity is cancelled."))
    if new is ActivityStatus.FULLFORT and activity.agreed and not reason.strip():
        raise InvalidInput(_("An agreed activity needs a reason to be marked completed."))
    if len(reason.strip()) > REASON_MAX:
        raise InvalidInput(_("The reason may be at most {n} characters.").format(n=REASON_MAX))
    changes: dict[str, Any] = {"status": new, "status_reason": reason.strip()}
    if new is ActivityStatus.GJENNOMFORER and activity.started_on is None:
        changes["started_on"] = on or datetime.now(OSLO).date()
    crud.update(session, actor, activity, expected_version, **changes)


def edit_activity(
    session: Session, actor: Actor, activity_id: uuid.UUID, expected_version: int, **changes: Any
) -> None:
    """Edit an activity; once agreed with the youth only the dates may change (each change audited)."""
    activity = _activity(session, activity_id)
    _not_a_meeting(activity)
    if "status" in changes:
        raise InvalidInput(_("Change the status through the status workflow."))
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise InvalidInput(
            _("These fields cannot be changed here: {fields}.").format(fields=", ".join(sorted(unknown)))
        )
    if activity.status.finished:
        raise InvalidInput(_("A completed or cancelled activity cannot be changed."))
    changed = {k for k, v in changes.items() if getattr(activity, k) != v}
    if activity.agreed and changed - DATE_FIELDS:
        raise InvalidInput(_("The activity is agreed with the youth: only its dates can be changed."))
    _check_dates(changes.get("from_date", activity.from_date), changes.get("to_date", activity.to_date))
    crud.update(session, actor, activity, expected_version, **_clean(changes))


def agree_activity(session: Session, actor: Actor, activity_id: uuid.UUID, expected_version: int) -> None:
    """Mark the activity as agreed with the youth ("Avtalt med NAV"); from then on only dates change."""
    activity = _activity(session, activity_id)
    if activity.agreed:
        raise InvalidInput(_("The activity is already agreed with the youth."))
    if activity.status.finished:
        raise InvalidInput(_("A completed or cancelled activity cannot be changed."))
    crud.update(session, actor, activity, expected_version, agreed=True)


def delete_activity(session: Session, actor: Actor, activity_id: uuid.UUID, expected_version: int) -> None:
    """Remove a proposal that was never agreed (anything else is cancelled with a reason instead)."""
    activity = _activity(session, activity_id)
    _not_a_meeting(activity)
    if activity.version != expected_version:
        from navdesk.errors import StaleEdit

        raise StaleEdit()
    if activity.agreed or activity.status is not ActivityStatus.FORSLAG:
        raise InvalidInput(
            _("Only a proposal that is not agreed can be deleted; cancel the activity instead.")
        )
    crud.delete(session, actor, activity)


# --------------------------------------------------------------------------- plan templates


@dataclass(frozen=True)
class TemplateStep:
    """One activity of a plan template: created ``offset_days`` after the chosen start."""

    type: str
    title: str
    offset_days: int = 0
    duration_days: int | None = None
    responsible: str = Responsible.UNGDOMMEN.value

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "title": self.title, "offset_days": self.offset_days,
                "duration_days": self.duration_days, "responsible": self.responsible}  # fmt: skip


@dataclass(frozen=True)
class Template:
    id: uuid.UUID
    name: str
    steps: tuple[TemplateStep, ...]
    version: int
    hidden: bool = False


def _steps(raw: Any) -> tuple[TemplateStep, ...]:
    out = []
    for item in raw or []:
        out.append(TemplateStep(str(item.get("type", "")), str(item.get("title", "")), int(item.get("offset_days", 0)),
                                item.get("duration_days"), str(item.get("responsible", "ungdommen"))))  # fmt: skip
    return tuple(out)


def _check_steps(steps: list[TemplateStep]) -> list[TemplateStep]:
    if not steps:
        raise InvalidInput(_("A template needs at least one activity."))
    for n, step in enumerate(steps, start=1):
        try:
            coerce_enum(ActivityType, step.type, _("activity type"))
            coerce_enum(Responsible, step.responsible, _("responsible"))
        except InvalidInput as exc:
            raise InvalidInput(_("Activity {n}: {problem}").format(n=n, problem=exc)) from None
        if not step.title.strip():
            raise InvalidInput(_("Activity {n} needs a title.").format(n=n))
        if not 0 <= step.offset_days <= 730:
            raise InvalidInput(
                _("Activity {n}: the start must be 0 to 730 days after the plan start.").format(n=n)
            )
        if step.duration_days is not None and not 0 <= step.duration_days <= 730:
            raise InvalidInput(_("Activity {n}: the duration must be 0 to 730 days.").format(n=n))
    return steps


def list_templates(session: Session, *, include_hidden: bool = False) -> list[Template]:
    query = select(CatalogueEntry).where(CatalogueEntry.kind == TEMPLATE_KIND)
    if not include_hidden:
        query = query.where(CatalogueEntry.hidden.is_(False))
    rows = session.scalars(query.order_by(CatalogueEntry.sort_order, CatalogueEntry.label_nb)).all()
    return [
        Template(r.id, r.label_nb, _steps((r.attrs or {}).get("steps")), r.version, r.hidden) for r in rows
    ]


def _may_edit_templates(actor: Actor) -> None:
    if actor.access_role not in (AccessRole.ADMIN, AccessRole.LEDER):
        raise PermissionDenied(_("Only a leader or an administrator can change the office's plan templates."))


def save_template(
    session: Session, actor: Actor, name: str, steps: list[TemplateStep], *, template_id: uuid.UUID | None = None,
    expected_version: int | None = None, hidden: bool = False,
) -> uuid.UUID:  # fmt: skip
    """Create or change an office plan template (leader or admin; audited)."""
    _may_edit_templates(actor)
    name = name.strip()
    if not name or len(name) > 200:
        raise InvalidInput(_("A template needs a name (at most 200 characters)."))
    attrs = {"steps": [s.as_json() for s in _check_steps(steps)]}
    if template_id is None:
        taken = {
            c
            for c in session.scalars(select(CatalogueEntry.code).where(CatalogueEntry.kind == TEMPLATE_KIND))
        }
        code, n = "mal", 1
        while f"{code}{n}" in taken:
            n += 1
        entry = crud.create(session, actor, CatalogueEntry, office_id=actor.office_id, kind=TEMPLATE_KIND,
                            code=f"{code}{n}", label_nb=name, label_nn=name, sort_order=len(taken), attrs=attrs,
                            hidden=hidden)  # fmt: skip
        return entry.id
    found = session.get(CatalogueEntry, template_id)
    if found is None or found.kind != TEMPLATE_KIND:
        raise InvalidInput(_("The template no longer exists."))
    crud.update(
        session, actor, found, expected_version, label_nb=name, label_nn=name, attrs=attrs, hidden=hidden
    )
    return found.id


def apply_template(
    session: Session, actor: Actor, youth_id: uuid.UUID, template_id: uuid.UUID, start: date
) -> list[uuid.UUID]:
    """Create the template's activities, dated from ``start``, in the youth's open period (status Planlegger)."""
    entry = session.get(CatalogueEntry, template_id)
    if entry is None or entry.kind != TEMPLATE_KIND:
        raise InvalidInput(_("The template no longer exists."))
    if session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth no longer exists."))
    steps = _steps((entry.attrs or {}).get("steps"))
    period_id = open_period_id(session, youth_id)
    if period_id is None:
        raise InvalidInput(_("The youth has no open follow-up period; open one before making a plan."))
    created = []
    for step in steps:
        begin = start + timedelta(days=step.offset_days)
        end = begin + timedelta(days=step.duration_days) if step.duration_days is not None else None
        new_id = add_activity(session, actor, youth_id, type=step.type, title=step.title, period_id=period_id,
                              from_date=begin, to_date=end, responsible=step.responsible,
                              status=ActivityStatus.PLANLEGGER)  # fmt: skip
        created.append(new_id)
    return created


# --------------------------------------------------------------------------- journalføring of the printed plan


def plan_recording(session: Session, plan_id: uuid.UUID) -> tuple[date, str] | None:
    """When (and in which system) the printed plan was last recorded, or ``None``."""
    row = session.execute(
        select(JournalMark.recorded_on, JournalMark.system)
        .where(JournalMark.document_kind == PLAN_DOCUMENT, JournalMark.subject_id == plan_id)
        .order_by(JournalMark.recorded_on.desc(), JournalMark.created_at.desc())
        .limit(1)
    ).first()
    return (row.recorded_on, row.system) if row else None


def mark_plan_recorded(
    session: Session, actor: Actor, plan_id: uuid.UUID, recorded_on: date | None = None, *, system: str = "Modia",
    today: date | None = None,
) -> uuid.UUID:  # fmt: skip
    """Record that the printed plan was journalført in NAV's own system (each recording kept)."""
    today = today or datetime.now(OSLO).date()
    recorded_on = recorded_on or today
    plan = _plan(session, plan_id)
    if recorded_on > today:
        raise InvalidInput(_("The date it was recorded cannot be in the future."))
    system = system.strip()
    if not system or len(system) > 40:
        raise InvalidInput(_("Give the system the plan was recorded in (for example Modia or Gosys)."))
    mark = crud.create(
        session, actor, JournalMark, youth_id=plan_youth(session, plan), document_kind=PLAN_DOCUMENT,
        subject_id=plan.id, recorded_on=recorded_on, system=system, user_id=actor.user_id,
    )  # fmt: skip
    return mark.id


def record_plan_print(
    session: Session, actor: Actor, youth_id: uuid.UUID, plan_id: uuid.UUID | None, *, target: str, lang: str,
    large: bool,
) -> None:  # fmt: skip
    """Audit that the plan was printed or saved (``target``: the file name, or ``"printer"``)."""
    audit.record(session, actor, "print", "plan", plan_id, youth_id=youth_id,
                 after={"file": target, "document": "plan", "lang": lang, "large": large})  # fmt: skip
