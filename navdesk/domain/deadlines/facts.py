"""What the engine needs to know about one youth: plain, frozen data loaded from the database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class PeriodFacts:
    id: uuid.UUID
    registration_date: date
    situation: str
    intensity: str
    closed_on: date | None
    outcome_report: str | None  # report category of the closing outcome (arbeid, utdanning …)
    innsats: tuple[tuple[date, str], ...] = ()  # (decided_on, innsatsgruppe), oldest first
    snapshot_months: frozenset[int] = frozenset()


@dataclass(frozen=True)
class ContactFacts:
    id: uuid.UUID
    at: datetime  # aware
    day: date  # local (Europe/Oslo) date
    initiated_by: str
    outcome: str
    ot_notified: bool = False
    placement_id: uuid.UUID | None = None


@dataclass(frozen=True)
class MeetingFacts:
    id: uuid.UUID
    day: date
    status: str


@dataclass(frozen=True)
class ActivityFacts:
    id: uuid.UUID
    type: str
    status: str
    title: str
    started_on: date | None
    to_date: date | None
    changed_on: date | None = None


@dataclass(frozen=True)
class EnrolmentFacts:
    club_id: uuid.UUID
    start_date: date | None
    status: str


@dataclass(frozen=True)
class AbsenceFacts:
    session_id: uuid.UUID
    at: datetime
    day: date
    club_name: str


@dataclass(frozen=True)
class ConsentFacts:
    id: uuid.UUID
    given_on: date
    expires_on: date | None
    withdrawn_on: date | None
    partners: frozenset[uuid.UUID] = frozenset()


@dataclass(frozen=True)
class BenefitFacts:
    id: uuid.UUID
    ytelse: str
    start_date: date
    end_date: date | None


@dataclass(frozen=True)
class PlacementFacts:
    id: uuid.UUID
    employer: str
    start_date: date
    end_date: date | None
    interval_days: int


@dataclass(frozen=True)
class ActionFacts:
    id: uuid.UUID
    meeting_id: uuid.UUID
    what: str
    due_date: date | None
    done_on: date | None


@dataclass(frozen=True)
class TaskFacts:
    id: uuid.UUID
    title: str
    due_date: date | None
    done_on: date | None
    youth_id: uuid.UUID | None = None


@dataclass(frozen=True)
class YouthFacts:
    id: uuid.UUID
    name: str
    initials: str
    birth_date: date
    veileder_id: uuid.UUID | None
    school_status: str | None = None
    periods: tuple[PeriodFacts, ...] = ()
    contacts: tuple[ContactFacts, ...] = ()  # sorted by time
    meetings: tuple[MeetingFacts, ...] = ()
    activities: tuple[ActivityFacts, ...] = ()
    enrolments: tuple[EnrolmentFacts, ...] = ()
    absences: tuple[AbsenceFacts, ...] = ()
    consents: tuple[ConsentFacts, ...] = ()
    benefits: tuple[BenefitFacts, ...] = ()
    placements: tuple[PlacementFacts, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    tasks: tuple[TaskFacts, ...] = ()
    extra: dict[str, str] = field(default_factory=dict, compare=False)
