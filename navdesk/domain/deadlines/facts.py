"""What the engine needs to know about one youth: plain, frozen data loaded from the database.

The youth's own id is a ``uuid.UUID``; ids of everything else are 32-digit hex strings (they only
end up in deadline keys), which keeps loading 50,000 youths cheap.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(slots=True)
class PeriodFacts:
    id: str
    registration_date: date
    situation: str
    intensity: str
    closed_on: date | None
    outcome_report: str | None  # report category of the closing outcome (arbeid, utdanning …)
    innsats: tuple[tuple[date, str], ...] = ()  # (decided_on, innsatsgruppe), oldest first
    snapshot_months: frozenset[int] = frozenset()


@dataclass(slots=True)
class ContactFacts:
    id: str
    at: datetime  # aware
    day: date  # local (Europe/Oslo) date
    initiated_by: str
    outcome: str
    ot_notified: bool = False
    placement_id: str | None = None


@dataclass(slots=True)
class MeetingFacts:
    id: str
    day: date
    status: str


@dataclass(slots=True)
class ActivityFacts:
    id: str
    type: str
    status: str
    title: str
    started_on: date | None
    to_date: date | None
    changed_on: date | None = None


@dataclass(slots=True)
class EnrolmentFacts:
    club_id: str
    start_date: date | None
    status: str


@dataclass(slots=True)
class AbsenceFacts:
    session_id: str
    at: datetime
    day: date
    club_name: str


@dataclass(slots=True)
class ConsentFacts:
    id: str
    given_on: date
    expires_on: date | None
    withdrawn_on: date | None
    partners: frozenset[str] = frozenset()


@dataclass(slots=True)
class BenefitFacts:
    id: str
    ytelse: str
    start_date: date
    end_date: date | None


@dataclass(slots=True)
class PlacementFacts:
    id: str
    employer: str
    start_date: date
    end_date: date | None
    interval_days: int


@dataclass(slots=True)
class ActionFacts:
    id: str
    meeting_id: str
    what: str
    due_date: date | None
    done_on: date | None


@dataclass(slots=True)
class TaskFacts:
    id: str
    title: str
    due_date: date | None
    done_on: date | None
    youth_id: uuid.UUID | None = None


@dataclass(slots=True)
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
