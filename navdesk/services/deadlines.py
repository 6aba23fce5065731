"""Deadlines for the office: load the facts, apply the office's rules and the users' decisions.

``load_facts`` reads everything the engine needs with a handful of Core queries (no ORM objects)
and groups it per youth; ``compute`` runs the pure engine. ``DeadlineBook`` keeps the result per
youth so a change to one youth recomputes only that youth. Decisions (done by hand, snoozed, not
applicable — each with a reason) are stored against the deadline's stable key and audited.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain.deadlines.engine import Deadline, Decision, compute_youth
from navdesk.domain.deadlines.facts import (
    AbsenceFacts,
    ActionFacts,
    ActivityFacts,
    BenefitFacts,
    ConsentFacts,
    ContactFacts,
    EnrolmentFacts,
    MeetingFacts,
    PeriodFacts,
    PlacementFacts,
    TaskFacts,
    YouthFacts,
)
from navdesk.domain.deadlines.rules import RULES_BY_ID, RuleSetting, default_settings
from navdesk.domain.enums import AccessRole, DeadlineState
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import crud
from navdesk.services.context import Actor

OSLO = ZoneInfo("Europe/Oslo")


def _local(at: datetime) -> date:
    return at.astimezone(OSLO).date()


def _initials(first: str, last: str) -> str:
    return "".join(part[:1].upper() for part in (first.split() + last.split()) if part)


def load_facts(session: Session, youth_ids: list[uuid.UUID] | None = None) -> list[YouthFacts]:
    """Facts of every youth (or of the given ones), ready for the engine."""
    only = set(youth_ids) if youth_ids is not None else None

    def where(column: Any) -> Any:
        return column.in_(only) if only is not None else True

    groups: dict[str, dict[uuid.UUID, list[Any]]] = defaultdict(lambda: defaultdict(list))
    r: Any
    outcome_report = {
        row.id: (row.attrs or {}).get("report")
        for row in session.execute(
            select(m.CatalogueEntry.id, m.CatalogueEntry.attrs).where(m.CatalogueEntry.kind == "outcome")
        )
    }
    codes = {r.id: r.code for r in session.execute(select(m.CatalogueEntry.id, m.CatalogueEntry.code))}

    innsats: dict[uuid.UUID, list[tuple[date, str]]] = defaultdict(list)
    for r in session.execute(
        select(m.InnsatsDecision.period_id, m.InnsatsDecision.decided_on, m.InnsatsDecision.innsatsgruppe)
        .join(m.FollowUpPeriod, m.FollowUpPeriod.id == m.InnsatsDecision.period_id)
        .where(where(m.FollowUpPeriod.youth_id))
        .order_by(m.InnsatsDecision.decided_on)
    ):
        innsats[r.period_id].append((r.decided_on, r.innsatsgruppe.value))
    snapshots: dict[uuid.UUID, set[int]] = defaultdict(set)
    for r in session.execute(
        select(m.StatusSnapshot.period_id, m.StatusSnapshot.month)
        .join(m.FollowUpPeriod, m.FollowUpPeriod.id == m.StatusSnapshot.period_id)
        .where(where(m.FollowUpPeriod.youth_id))
    ):
        snapshots[r.period_id].add(r.month)
    for r in session.execute(
        select(m.FollowUpPeriod.id, m.FollowUpPeriod.youth_id, m.FollowUpPeriod.registration_date,
               m.FollowUpPeriod.situation, m.FollowUpPeriod.intensity, m.FollowUpPeriod.closed_on,
               m.FollowUpPeriod.outcome_id).where(where(m.FollowUpPeriod.youth_id))
        .order_by(m.FollowUpPeriod.registration_date)
    ):  # fmt: skip
        groups["periods"][r.youth_id].append(
            PeriodFacts(r.id, r.registration_date, r.situation.value, r.intensity.value, r.closed_on,
                        outcome_report.get(r.outcome_id), tuple(innsats.get(r.id, ())), frozenset(snapshots.get(r.id, ())))
        )  # fmt: skip
    for r in session.execute(
        select(m.Contact.id, m.Contact.youth_id, m.Contact.at, m.Contact.initiated_by, m.Contact.outcome,
               m.Contact.ot_notified, m.Contact.placement_id).where(where(m.Contact.youth_id)).order_by(m.Contact.at)
    ):  # fmt: skip
        groups["contacts"][r.youth_id].append(
            ContactFacts(
                r.id, r.at, _local(r.at), r.initiated_by.value, r.outcome.value, r.ot_notified, r.placement_id
            )
        )
    for r in session.execute(
        select(m.Meeting.id, m.Meeting.youth_id, m.Meeting.starts_at, m.Meeting.status).where(
            m.Meeting.youth_id.is_not(None), where(m.Meeting.youth_id)
        )
    ):
        groups["meetings"][r.youth_id].append(MeetingFacts(r.id, _local(r.starts_at), r.status.value))
    for r in session.execute(
        select(m.Activity.id, m.Activity.youth_id, m.Activity.type, m.Activity.status, m.Activity.title,
               m.Activity.started_on, m.Activity.to_date, m.Activity.updated_at).where(where(m.Activity.youth_id))
    ):  # fmt: skip
        groups["activities"][r.youth_id].append(
            ActivityFacts(
                r.id, r.type.value, r.status.value, r.title, r.started_on, r.to_date, _local(r.updated_at)
            )
        )
    for r in session.execute(
        select(
            m.ClubEnrolment.youth_id,
            m.ClubEnrolment.club_id,
            m.ClubEnrolment.start_date,
            m.ClubEnrolment.status,
        ).where(where(m.ClubEnrolment.youth_id))
    ):
        groups["enrolments"][r.youth_id].append(EnrolmentFacts(r.club_id, r.start_date, r.status.value))
    for r in session.execute(
        select(m.ClubEnrolment.youth_id, m.ClubSession.id, m.ClubSession.starts_at, m.Club.name)
        .join(m.AttendanceRecord, m.AttendanceRecord.enrolment_id == m.ClubEnrolment.id)
        .join(m.ClubSession, m.ClubSession.id == m.AttendanceRecord.session_id)
        .join(m.Club, m.Club.id == m.ClubSession.club_id)
        .where(m.AttendanceRecord.value == "ikke_mott", where(m.ClubEnrolment.youth_id))
    ):
        groups["absences"][r.youth_id].append(AbsenceFacts(r.id, r.starts_at, _local(r.starts_at), r.name))
    partners: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
    for consent_id, org_id in session.execute(select(m.ConsentPartner.consent_id, m.ConsentPartner.org_id)):
        partners[consent_id].add(org_id)
    for r in session.execute(
        select(
            m.Consent.id, m.Consent.youth_id, m.Consent.given_on, m.Consent.expires_on, m.Consent.withdrawn_on
        ).where(where(m.Consent.youth_id))
    ):
        groups["consents"][r.youth_id].append(
            ConsentFacts(r.id, r.given_on, r.expires_on, r.withdrawn_on, frozenset(partners.get(r.id, ())))
        )
    for r in session.execute(
        select(m.BenefitPeriod.id, m.FollowUpPeriod.youth_id, m.BenefitPeriod.ytelse_id, m.BenefitPeriod.start_date,
               m.BenefitPeriod.end_date).join(m.FollowUpPeriod, m.FollowUpPeriod.id == m.BenefitPeriod.period_id)
        .where(where(m.FollowUpPeriod.youth_id))
    ):  # fmt: skip
        groups["benefits"][r.youth_id].append(
            BenefitFacts(r.id, codes.get(r.ytelse_id, ""), r.start_date, r.end_date)
        )
    for r in session.execute(
        select(m.Placement.id, m.Placement.youth_id, m.Employer.name, m.Placement.start_date, m.Placement.end_date,
               m.Placement.followup_interval_days).join(m.Employer, m.Employer.id == m.Placement.employer_id)
        .where(where(m.Placement.youth_id))
    ):  # fmt: skip
        groups["placements"][r.youth_id].append(
            PlacementFacts(r.id, r.name, r.start_date, r.end_date, r.followup_interval_days)
        )
    for r in session.execute(
        select(m.MeetingAction.id, m.Meeting.youth_id, m.MeetingAction.meeting_id, m.MeetingAction.what,
               m.MeetingAction.due_date, m.MeetingAction.done_on)
        .join(m.Meeting, m.Meeting.id == m.MeetingAction.meeting_id)
        .where(m.Meeting.youth_id.is_not(None), where(m.Meeting.youth_id))
    ):  # fmt: skip
        groups["actions"][r.youth_id].append(ActionFacts(r.id, r.meeting_id, r.what, r.due_date, r.done_on))
    for r in session.execute(
        select(m.Task.id, m.Task.youth_id, m.Task.title, m.Task.due_date, m.Task.done_on).where(
            m.Task.youth_id.is_not(None), where(m.Task.youth_id)
        )
    ):
        groups["tasks"][r.youth_id].append(TaskFacts(r.id, r.title, r.due_date, r.done_on, r.youth_id))
    school: dict[uuid.UUID, str] = {}
    for r in session.execute(
        select(m.SchoolStatusEntry.youth_id, m.SchoolStatusEntry.status)
        .where(where(m.SchoolStatusEntry.youth_id)).order_by(m.SchoolStatusEntry.from_date, m.SchoolStatusEntry.created_at)
    ):  # fmt: skip
        school[r.youth_id] = r.status.value

    out = []
    for r in session.execute(
        select(m.Youth.id, m.Youth.first_name, m.Youth.preferred_name, m.Youth.last_name, m.Youth.birth_date,
               m.Youth.veileder_id).where(where(m.Youth.id))
    ):  # fmt: skip
        yid = r.id

        def of(name: str, yid: uuid.UUID = yid) -> tuple[Any, ...]:
            return tuple(groups[name].get(yid, ()))

        out.append(
            YouthFacts(
                id=yid, name=f"{r.preferred_name or r.first_name} {r.last_name}",
                initials=_initials(r.first_name, r.last_name), birth_date=r.birth_date, veileder_id=r.veileder_id,
                school_status=school.get(yid), periods=of("periods"), contacts=of("contacts"),
                meetings=of("meetings"), activities=of("activities"), enrolments=of("enrolments"),
                absences=of("absences"), consents=of("consents"), benefits=of("benefits"),
                placements=of("placements"), actions=of("actions"), tasks=of("tasks"),
            )
        )  # fmt: skip
    return out


def rule_settings(session: Session) -> dict[str, RuleSetting]:
    """The office's rule settings; a rule without a row keeps its defaults."""
    settings = default_settings()
    for row in session.scalars(select(m.DeadlineRule)):
        if row.rule_id in settings:
            params = dict(settings[row.rule_id].params)
            params.update(row.params or {})
            settings[row.rule_id] = RuleSetting(row.rule_id, row.enabled, params)
    return settings


def decisions(session: Session, youth_ids: list[uuid.UUID] | None = None) -> dict[str, Decision]:
    query = select(m.DeadlineDecision)
    if youth_ids is not None:
        query = query.where(m.DeadlineDecision.youth_id.in_(youth_ids))
    return {
        d.key: Decision(d.state.value, d.until, d.reason, _local(d.updated_at))
        for d in session.scalars(query)
    }


def office_tasks(session: Session, today: date) -> list[Deadline]:
    """Manual tasks that concern no youth (the office's own to-do list)."""
    out = []
    for t in session.scalars(select(m.Task).where(m.Task.youth_id.is_(None), m.Task.due_date.is_not(None))):
        assert t.due_date is not None
        out.append(
            Deadline(f"manual:task:{t.id}", "manual", "task", t.id, None, None, None, t.user_id, t.due_date,
                     "done" if t.done_on else "open", t.done_on, t.title)
        )  # fmt: skip
    return out


def compute(session: Session, today: date, youth_ids: list[uuid.UUID] | None = None) -> list[Deadline]:
    """All deadlines (or those of some youths), decisions applied."""
    settings = rule_settings(session)
    chosen = decisions(session, youth_ids)
    out: list[Deadline] = []
    for facts in load_facts(session, youth_ids):
        out.extend(compute_youth(facts, today, settings, chosen))
    if youth_ids is None:
        from navdesk.domain.deadlines.engine import apply_decision

        out.extend(apply_decision(d, chosen.get(d.key), today) for d in office_tasks(session, today))
    return out


def decide(
    session: Session, actor: Actor, key: str, state: DeadlineState | str, *, reason: str,
    until: date | None = None, youth_id: uuid.UUID | None = None, today: date | None = None,
) -> None:  # fmt: skip
    """Mark a deadline done by hand, snooze it until a date, or mark it not applicable; or reopen it."""
    chosen = DeadlineState(state)
    today = today or date.today()
    if chosen is not DeadlineState.OPEN and not reason.strip():
        raise InvalidInput(_("Give a reason."))
    if chosen is DeadlineState.SNOOZED and (until is None or until <= today):
        raise InvalidInput(_("Snooze until a date after today."))
    if key.split(":", 1)[0] not in RULES_BY_ID:
        raise InvalidInput(_("Unknown deadline."))
    existing = session.scalars(select(m.DeadlineDecision).where(m.DeadlineDecision.key == key)).first()
    if chosen is DeadlineState.OPEN:
        if existing is not None:
            crud.delete(session, actor, existing)
        return
    values: dict[str, Any] = {"state": chosen, "until": until if chosen is DeadlineState.SNOOZED else None, "reason": reason.strip(),
              "user_id": actor.user_id}  # fmt: skip
    if existing is None:
        crud.create(session, actor, m.DeadlineDecision, key=key, youth_id=youth_id, **values)
    else:
        crud.update(session, actor, existing, None, **values)


def update_rule(
    session: Session, actor: Actor, rule_id: str, *, enabled: bool | None = None, params: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> None:  # fmt: skip
    """Change an office rule (admins only)."""
    if actor.access_role is not AccessRole.ADMIN:
        raise InvalidInput(_("Only an administrator may change the office's rules."))
    row = session.scalars(select(m.DeadlineRule).where(m.DeadlineRule.rule_id == rule_id)).first()
    if row is None:
        raise InvalidInput(_("Unknown rule: {rule}").format(rule=rule_id))
    changes: dict[str, Any] = {}
    if enabled is not None:
        changes["enabled"] = enabled
    if params is not None:
        defaults = RULES_BY_ID[rule_id].params
        unknown = set(params) - set(defaults)
        if unknown:
            raise InvalidInput(_("Unknown parameters: {names}").format(names=", ".join(sorted(unknown))))
        for name, value in params.items():
            if isinstance(defaults[name], int) and (not isinstance(value, int) or value < 0):
                raise InvalidInput(_("{name} must be a whole number of 0 or more.").format(name=name))
        changes["params"] = {**(row.params or {}), **params}
    crud.update(session, actor, row, expected_version, **changes)


@dataclass
class DeadlineBook:
    """Deadlines kept per youth; ``refresh_youth`` recomputes one youth after an edit."""

    today: date
    by_youth: dict[uuid.UUID | None, list[Deadline]] = field(default_factory=dict)

    @classmethod
    def build(cls, session: Session, today: date) -> DeadlineBook:
        book = cls(today)
        for d in compute(session, today):
            book.by_youth.setdefault(d.youth_id, []).append(d)
        return book

    def refresh_youth(self, session: Session, youth_id: uuid.UUID) -> None:
        self.by_youth[youth_id] = compute(session, self.today, [youth_id])

    def all(self) -> list[Deadline]:
        return [d for items in self.by_youth.values() for d in items]

    def next_open(self, youth_id: uuid.UUID) -> Deadline | None:
        """The youth's next open deadline (for the portfolio's "next deadline" column)."""
        items = [d for d in self.by_youth.get(youth_id, []) if d.state == "open"]
        return min(items, key=lambda d: d.due) if items else None

    def overdue_youths(self) -> set[uuid.UUID]:
        return {d.youth_id for d in self.all() if d.youth_id and d.overdue(self.today)}

    def due_this_week_youths(self) -> set[uuid.UUID]:
        monday = self.today - timedelta(days=self.today.weekday())
        sunday = monday + timedelta(days=6)
        return {
            d.youth_id
            for d in self.all()
            if d.youth_id and d.state == "open" and self.today <= d.due <= sunday
        }


def as_json(deadline: Deadline, today: date) -> dict[str, Any]:
    return {
        "rule": deadline.rule, "key": deadline.key, "youth": deadline.youth,
        "youth_id": str(deadline.youth_id) if deadline.youth_id else None,
        "subject": deadline.subject, "subject_id": str(deadline.subject_id) if deadline.subject_id else None,
        "due": deadline.due.isoformat(), "state": deadline.state, "overdue": deadline.overdue(today),
        "met_on": deadline.met_on.isoformat() if deadline.met_on else None, "detail": deadline.detail,
        "reason": deadline.reason, "until": deadline.until.isoformat() if deadline.until else None,
    }  # fmt: skip


__all__ = [
    "DeadlineBook",
    "as_json",
    "compute",
    "decide",
    "load_facts",
    "rule_settings",
    "update_rule",
]
