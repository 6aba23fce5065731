"""Aktivitetsplan: the plan with revisions, goals, and activities with NAV's status workflow."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from navdesk.db.models import Activity, FollowUpPeriod, Plan, PlanGoal, PlanRevision
from navdesk.domain.enums import ActivityStatus, ActivityType, ApplicationStatus, GoalCategory, Responsible
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import audit, crud
from navdesk.services.context import Actor, coerce_enum

OWN_GOAL_MAX = 500
DATE_FIELDS = {"from_date", "to_date"}


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
    if not reason.strip():
        raise InvalidInput(_("Say why the plan is changed."))
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
    crud.create(
        session, actor, PlanRevision, youth_id=period.youth_id, plan_id=plan.id, user_id=actor.user_id,
        reason=reason.strip(), snapshot=audit.jsonable(crud.snapshot(plan) | {"id": plan.id}),
    )  # fmt: skip
    return plan.id


def add_goal(
    session: Session, actor: Actor, plan_id: uuid.UUID, text: str, due_date: date | None = None
) -> uuid.UUID:
    plan = session.get(Plan, plan_id)
    if plan is None or not text.strip():
        raise InvalidInput(_("A goal needs a text and a plan."))
    period = session.get(FollowUpPeriod, plan.period_id)
    goal = crud.create(
        session, actor, PlanGoal, youth_id=period.youth_id if period else None, plan_id=plan_id, text=text.strip(),
        due_date=due_date,
    )  # fmt: skip
    return goal.id


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
    if not title.strip():
        raise InvalidInput(_("An activity needs a title."))
    if from_date and to_date and to_date < from_date:
        raise InvalidInput(_("The end date is before the start date."))
    if "application_status" in extra and extra["application_status"] is not None:
        extra["application_status"] = coerce_enum(
            ApplicationStatus, extra["application_status"], _("application status")
        )
    activity = crud.create(
        session, actor, Activity, youth_id=youth_id, period_id=period_id,
        type=coerce_enum(ActivityType, type, _("activity type")), title=title.strip(), from_date=from_date,
        to_date=to_date, responsible=coerce_enum(Responsible, responsible, _("responsible")), **extra,
    )  # fmt: skip
    return activity.id


def set_activity_status(
    session: Session, actor: Actor, activity_id: uuid.UUID, expected_version: int, status: ActivityStatus | str,
    *, reason: str = "", on: date | None = None,
) -> None:  # fmt: skip
    """Move an activity along NAV's workflow; Avbrutt (and Fullført when agreed) needs a reason."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise InvalidInput(_("The activity no longer exists."))
    new = coerce_enum(ActivityStatus, status, _("status"))
    if activity.status.finished:
        raise InvalidInput(_("A completed or cancelled activity cannot change status."))
    if new is ActivityStatus.AVBRUTT and not reason.strip():
        raise InvalidInput(_("Say why the activity is cancelled."))
    if new is ActivityStatus.FULLFORT and activity.agreed and not reason.strip():
        raise InvalidInput(_("An agreed activity needs a reason to be marked completed."))
    changes: dict[str, Any] = {"status": new, "status_reason": reason.strip()}
    if new is ActivityStatus.GJENNOMFORER and activity.started_on is None:
        changes["started_on"] = on or date.today()
    crud.update(session, actor, activity, expected_version, **changes)


def edit_activity(
    session: Session, actor: Actor, activity_id: uuid.UUID, expected_version: int, **changes: Any
) -> None:
    """Edit an activity; once agreed with the youth only the dates may change."""
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise InvalidInput(_("The activity no longer exists."))
    if activity.agreed and set(changes) - DATE_FIELDS:
        raise InvalidInput(_("The activity is agreed with the youth: only its dates can be changed."))
    if "status" in changes:
        raise InvalidInput(_("Change the status through the status workflow."))
    crud.update(session, actor, activity, expected_version, **changes)
