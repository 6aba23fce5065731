"""The whole data model (domain brief §3), as SQLAlchemy 2.0 typed declarative classes.

Fixed categories are stored as their enum value (:mod:`navdesk.domain.enums`); editable lists are
rows of :class:`CatalogueEntry`, referenced by id, which can be hidden but not deleted while used.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from navdesk.db.base import Base, Entity, UTCDateTime, Versioned, utcnow
from navdesk.domain import enums as e


def _enum(cls: type[StrEnum]) -> Enum:
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=40,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def _fk(target: str, *, nullable: bool = False, ondelete: str = "CASCADE", index: bool = True) -> Any:
    return mapped_column(Uuid, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


# --------------------------------------------------------------------------- office, users, settings


class Office(Versioned):
    __tablename__ = "office"

    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(100), default="")
    small_number_threshold: Mapped[int] = mapped_column(Integer, default=5)
    # 12 months after the last period closed (navdesk.services.retention); offices created before keep
    # the five years they were given then until an administrator changes it
    retention_days: Mapped[int] = mapped_column(Integer, default=365)
    store_fodselsnummer: Mapped[bool] = mapped_column(Boolean, default=False)


class OfficeSetting(Versioned):
    """An office-wide setting that travels with the data (rule parameters, thresholds)."""

    __tablename__ = "office_setting"
    __table_args__ = (UniqueConstraint("office_id", "key"),)

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    key: Mapped[str] = mapped_column(String(100))
    value: Mapped[Any] = mapped_column(JSON)


class User(Versioned):
    __tablename__ = "app_user"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    name: Mapped[str] = mapped_column(String(200))
    initials: Mapped[str] = mapped_column(String(10), unique=True)
    job_role: Mapped[e.JobRole] = mapped_column(_enum(e.JobRole), default=e.JobRole.VEILEDER)
    access_role: Mapped[e.AccessRole] = mapped_column(_enum(e.AccessRole), default=e.AccessRole.VEILEDER)
    password_hash: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email: Mapped[str] = mapped_column(String(200), default="")


class CatalogueEntry(Versioned):
    """One entry of an editable list (``kind``: tiltak, meeting_type, partner_type, ytelse, outcome,
    club_topic, plan_template …). ``attrs`` holds the kind's own fields (e.g. ``formal`` for tiltak)."""

    __tablename__ = "catalogue_entry"
    __table_args__ = (UniqueConstraint("office_id", "kind", "code"),)

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    kind: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(80))
    label_nb: Mapped[str] = mapped_column(String(200))
    label_nn: Mapped[str] = mapped_column(String(200), default="")
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


# --------------------------------------------------------------------------- youth and follow-up


class Youth(Versioned):
    __tablename__ = "youth"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    preferred_name: Mapped[str] = mapped_column(String(100), default="")
    fodselsnummer: Mapped[str | None] = mapped_column(String(11), nullable=True, unique=True)
    birth_date: Mapped[date] = mapped_column(Date)
    malform: Mapped[e.Malform] = mapped_column(_enum(e.Malform), default=e.Malform.BOKMAL)
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    preferred_channel: Mapped[e.ContactChannel | None] = mapped_column(_enum(e.ContactChannel), nullable=True)
    cannot_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str] = mapped_column(String(300), default="")
    postal_code: Mapped[str] = mapped_column(String(10), default="")
    municipality: Mapped[str] = mapped_column(String(100), default="")
    adressesperre: Mapped[e.Adressesperre] = mapped_column(
        _enum(e.Adressesperre), default=e.Adressesperre.INGEN
    )
    household: Mapped[str] = mapped_column(Text, default="")
    own_children: Mapped[int] = mapped_column(Integer, default=0)
    work_experience: Mapped[str] = mapped_column(Text, default="")
    job_wishes: Mapped[str] = mapped_column(Text, default="")
    barriers: Mapped[list[str]] = mapped_column(JSON, default=list)
    barrier_notes: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    dreams: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    health_note: Mapped[str] = mapped_column(Text, default="")
    veileder_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    no_group_activities: Mapped[bool] = mapped_column(Boolean, default=False)
    search_text: Mapped[str] = mapped_column(Text, default="")
    # What the portfolio shows for every youth, kept current by database triggers on contact,
    # follow_up_period and activity (migration 0003), so that whatever writes those tables — use
    # cases, the demo's bulk insert, another client on a shared PostgreSQL — cannot leave them stale.
    # Never set from Python; not audited (navdesk.services.crud skips them).
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    open_registration_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    in_activity: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Goes up (by trigger, migration 0004) whenever anything the deadline engine reads about the
    # youth changes; a cached result computed from another version is not used.
    facts_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    veileder: Mapped[User | None] = relationship(lazy="raise")
    periods: Mapped[list[FollowUpPeriod]] = relationship(
        back_populates="youth", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )

    @property
    def full_name(self) -> str:
        return f"{self.preferred_name or self.first_name} {self.last_name}".strip()


class VeilederAssignment(Entity):
    """Who has been the youth's veileder, with handover notes."""

    __tablename__ = "veileder_assignment"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    user_id: Mapped[uuid.UUID] = _fk("app_user.id", ondelete="RESTRICT")
    from_date: Mapped[date] = mapped_column(Date)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    handover_note: Mapped[str] = mapped_column(Text, default="")


class FollowUpPeriod(Versioned):
    """From registration to closing; reopening starts a new period (and a new 8-week clock)."""

    __tablename__ = "follow_up_period"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    registration_date: Mapped[date] = mapped_column(Date, index=True)
    situation: Mapped[e.SituationAtRegistration] = mapped_column(
        _enum(e.SituationAtRegistration), default=e.SituationAtRegistration.UTENFOR
    )
    contact_route: Mapped[e.ContactRoute] = mapped_column(
        _enum(e.ContactRoute), default=e.ContactRoute.NAV_NO
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    intensity: Mapped[e.Intensity] = mapped_column(_enum(e.Intensity), default=e.Intensity.NORMAL)
    aktivitetsplikt: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    outcome_id: Mapped[uuid.UUID | None] = _fk("catalogue_entry.id", nullable=True, ondelete="RESTRICT")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    dormant_until: Mapped[date | None] = mapped_column(Date, nullable=True)

    youth: Mapped[Youth] = relationship(back_populates="periods", lazy="raise")


class InnsatsDecision(Entity):
    """A §14a decision: innsatsgruppe and hovedmål, with its date (history kept)."""

    __tablename__ = "innsats_decision"

    period_id: Mapped[uuid.UUID] = _fk("follow_up_period.id")
    decided_on: Mapped[date] = mapped_column(Date)
    innsatsgruppe: Mapped[e.Innsatsgruppe] = mapped_column(_enum(e.Innsatsgruppe))
    hovedmal: Mapped[e.Hovedmal | None] = mapped_column(_enum(e.Hovedmal), nullable=True)


class BenefitPeriod(Versioned):
    """A ytelse with start and end (AAP has a three-year limit)."""

    __tablename__ = "benefit_period"

    period_id: Mapped[uuid.UUID] = _fk("follow_up_period.id")
    ytelse_id: Mapped[uuid.UUID] = _fk("catalogue_entry.id", ondelete="RESTRICT")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class SchoolStatusEntry(Entity):
    """School status history of a youth."""

    __tablename__ = "school_status"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    status: Mapped[e.SchoolStatus] = mapped_column(_enum(e.SchoolStatus))
    from_date: Mapped[date] = mapped_column(Date)
    ungdomsrett: Mapped[e.TriState] = mapped_column(_enum(e.TriState), default=e.TriState.UKJENT)
    school: Mapped[str] = mapped_column(String(200), default="")


class StatusSnapshot(Entity):
    """Status 1, 3, 6 and 9 months after registration, derived and confirmed by the veileder."""

    __tablename__ = "status_snapshot"
    __table_args__ = (UniqueConstraint("period_id", "month"),)

    period_id: Mapped[uuid.UUID] = _fk("follow_up_period.id")
    month: Mapped[int] = mapped_column(Integer)
    status: Mapped[e.ReportStatus] = mapped_column(_enum(e.ReportStatus))
    confirmed_by_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")


# --------------------------------------------------------------------------- plan and activities


class Plan(Versioned):
    """The aktivitetsplan of one follow-up period."""

    __tablename__ = "plan"

    period_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("follow_up_period.id", ondelete="CASCADE"), unique=True
    )
    dream: Mapped[str] = mapped_column(Text, default="")
    goal_category: Mapped[e.GoalCategory | None] = mapped_column(_enum(e.GoalCategory), nullable=True)
    own_goal: Mapped[str] = mapped_column(String(500), default="")
    review_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class PlanGoal(Versioned):
    __tablename__ = "plan_goal"

    plan_id: Mapped[uuid.UUID] = _fk("plan.id")
    text: Mapped[str] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    achieved_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class PlanRevision(Entity):
    """A stored version of the plan with the reason for the change."""

    __tablename__ = "plan_revision"

    plan_id: Mapped[uuid.UUID] = _fk("plan.id")
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    reason: Mapped[str] = mapped_column(Text)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)


class Activity(Versioned):
    __tablename__ = "activity"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    period_id: Mapped[uuid.UUID | None] = _fk("follow_up_period.id", nullable=True)
    type: Mapped[e.ActivityType] = mapped_column(_enum(e.ActivityType))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[e.ActivityStatus] = mapped_column(
        _enum(e.ActivityStatus), default=e.ActivityStatus.FORSLAG
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    from_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    started_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    responsible: Mapped[e.Responsible] = mapped_column(_enum(e.Responsible), default=e.Responsible.UNGDOMMEN)
    tiltak_id: Mapped[uuid.UUID | None] = _fk("catalogue_entry.id", nullable=True, ondelete="RESTRICT")
    employer_id: Mapped[uuid.UUID | None] = _fk("employer.id", nullable=True, ondelete="SET NULL")
    club_id: Mapped[uuid.UUID | None] = _fk("club.id", nullable=True, ondelete="SET NULL")
    meeting_id: Mapped[uuid.UUID | None] = _fk("meeting.id", nullable=True, ondelete="SET NULL")
    agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    applications_per_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    application_status: Mapped[e.ApplicationStatus | None] = mapped_column(
        _enum(e.ApplicationStatus), nullable=True
    )
    notes: Mapped[str] = mapped_column(Text, default="")


class Contact(Versioned):
    """One entry of the contact log."""

    __tablename__ = "contact"
    __table_args__ = (Index("ix_contact_youth_at", "youth_id", "at"),)

    youth_id: Mapped[uuid.UUID] = _fk("youth.id", index=False)
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    channel: Mapped[e.ContactChannel] = mapped_column(_enum(e.ContactChannel))
    initiated_by: Mapped[e.InitiatedBy] = mapped_column(_enum(e.InitiatedBy), default=e.InitiatedBy.NAV)
    outcome: Mapped[e.ContactOutcome] = mapped_column(
        _enum(e.ContactOutcome), default=e.ContactOutcome.GJENNOMFORT
    )
    note: Mapped[str] = mapped_column(Text, default="")
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    partner_org_id: Mapped[uuid.UUID | None] = _fk("partner_org.id", nullable=True, ondelete="SET NULL")
    placement_id: Mapped[uuid.UUID | None] = _fk("placement.id", nullable=True, ondelete="SET NULL")
    ot_notified: Mapped[bool] = mapped_column(Boolean, default=False)


# --------------------------------------------------------------------------- meetings


class Meeting(Versioned):
    __tablename__ = "meeting"

    youth_id: Mapped[uuid.UUID | None] = _fk("youth.id", nullable=True)
    type_id: Mapped[uuid.UUID | None] = _fk("catalogue_entry.id", nullable=True, ondelete="RESTRICT")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    duration_min: Mapped[int] = mapped_column(Integer, default=60)
    place: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[e.ContactChannel] = mapped_column(
        _enum(e.ContactChannel), default=e.ContactChannel.SAMTALE
    )
    agenda: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    health_section: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[e.MeetingStatus] = mapped_column(_enum(e.MeetingStatus), default=e.MeetingStatus.PLANLAGT)
    status_reason: Mapped[str] = mapped_column(Text, default="")
    previous_id: Mapped[uuid.UUID | None] = _fk("meeting.id", nullable=True, ondelete="SET NULL")
    organiser_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")


class MeetingParticipant(Versioned):
    __tablename__ = "meeting_participant"

    meeting_id: Mapped[uuid.UUID] = _fk("meeting.id")
    kind: Mapped[e.ParticipantKind] = mapped_column(_enum(e.ParticipantKind))
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    contact_person_id: Mapped[uuid.UUID | None] = _fk("contact_person.id", nullable=True, ondelete="SET NULL")
    name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")


class MeetingAction(Versioned):
    """An action agreed in a meeting: what, who, by when (becomes a ``meeting_action`` deadline)."""

    __tablename__ = "meeting_action"

    meeting_id: Mapped[uuid.UUID] = _fk("meeting.id")
    what: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(200), default="")
    who_user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)


# --------------------------------------------------------------------------- jobbklubb


class Club(Versioned):
    """A jobbklubb or other group course."""

    __tablename__ = "club"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[e.ClubKind] = mapped_column(_enum(e.ClubKind), default=e.ClubKind.JOBBKLUBB)
    organiser: Mapped[str] = mapped_column(String(200), default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    target_group: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    facilitators: Mapped[str] = mapped_column(String(300), default="")
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    # the recurring pattern the samlinger were made from (navdesk.domain.schedule.Pattern.as_json)
    schedule: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)


class ClubSession(Versioned):
    """One samling."""

    __tablename__ = "club_session"

    club_id: Mapped[uuid.UUID] = _fk("club.id")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    duration_min: Mapped[int] = mapped_column(Integer, default=120)
    topic_id: Mapped[uuid.UUID | None] = _fk("catalogue_entry.id", nullable=True, ondelete="RESTRICT")
    guest_employer_id: Mapped[uuid.UUID | None] = _fk("employer.id", nullable=True, ondelete="SET NULL")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class ClubEnrolment(Versioned):
    __tablename__ = "club_enrolment"
    __table_args__ = (UniqueConstraint("club_id", "youth_id"),)

    club_id: Mapped[uuid.UUID] = _fk("club.id")
    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    enrolled_on: Mapped[date] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[e.EnrolmentStatus] = mapped_column(
        _enum(e.EnrolmentStatus), default=e.EnrolmentStatus.VENTER
    )
    leave_reason: Mapped[e.LeaveReason | None] = mapped_column(_enum(e.LeaveReason), nullable=True)
    left_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    observation: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[e.Recommendation | None] = mapped_column(_enum(e.Recommendation), nullable=True)


class AttendanceRecord(Versioned):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "enrolment_id"),)

    session_id: Mapped[uuid.UUID] = _fk("club_session.id")
    enrolment_id: Mapped[uuid.UUID] = _fk("club_enrolment.id")
    value: Mapped[e.Attendance] = mapped_column(_enum(e.Attendance))
    note: Mapped[str] = mapped_column(Text, default="")


# --------------------------------------------------------------------------- partners, consent, employers


class PartnerOrg(Versioned):
    __tablename__ = "partner_org"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    name: Mapped[str] = mapped_column(String(200))
    type_id: Mapped[uuid.UUID | None] = _fk("catalogue_entry.id", nullable=True, ondelete="RESTRICT")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    agreement_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    agreement_review: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    # the last contact with the organisation that is not in a youth's contact log (migration 0007)
    last_contact_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class ContactPerson(Versioned):
    __tablename__ = "contact_person"

    org_id: Mapped[uuid.UUID] = _fk("partner_org.id")
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    office_days: Mapped[str] = mapped_column(String(100), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)


class Involvement(Versioned):
    """A partner involved around a youth; ``holds_ball`` marks who has the ball."""

    __tablename__ = "involvement"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    org_id: Mapped[uuid.UUID] = _fk("partner_org.id", ondelete="RESTRICT")
    contact_person_id: Mapped[uuid.UUID | None] = _fk("contact_person.id", nullable=True, ondelete="SET NULL")
    role: Mapped[str] = mapped_column(String(200), default="")
    holds_ball: Mapped[bool] = mapped_column(Boolean, default=False)
    from_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    to_date: Mapped[date | None] = mapped_column(Date, nullable=True)


class Consent(Versioned):
    __tablename__ = "consent"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    purpose: Mapped[str] = mapped_column(Text)
    scope: Mapped[str] = mapped_column(Text, default="")
    form: Mapped[e.ConsentForm] = mapped_column(_enum(e.ConsentForm), default=e.ConsentForm.SKRIFTLIG)
    given_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    by_guardian: Mapped[bool] = mapped_column(Boolean, default=False)
    signed_copy_location: Mapped[str] = mapped_column(String(300), default="")


class ConsentPartner(Base):
    """The partner organisations one consent covers."""

    __tablename__ = "consent_partner"

    consent_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("consent.id", ondelete="CASCADE"), primary_key=True
    )
    org_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("partner_org.id", ondelete="RESTRICT"), primary_key=True, index=True
    )


class Employer(Versioned):
    __tablename__ = "employer"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(20), default="")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    industry: Mapped[str] = mapped_column(String(200), default="")
    openings: Mapped[list[str]] = mapped_column(JSON, default=list)
    mentor_available: Mapped[bool] = mapped_column(Boolean, default=False)
    last_visit: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class Placement(Versioned):
    """Arbeidstrening/praksis at an employer, with its follow-up interval."""

    __tablename__ = "placement"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    employer_id: Mapped[uuid.UUID] = _fk("employer.id", ondelete="RESTRICT")
    activity_id: Mapped[uuid.UUID | None] = _fk("activity.id", nullable=True, ondelete="SET NULL")
    kind: Mapped[str] = mapped_column(String(60), default="arbeidstrening")
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    followup_interval_days: Mapped[int] = mapped_column(Integer, default=14)
    outcome: Mapped[str] = mapped_column(Text, default="")


class PreventiveActivity(Versioned):
    """Office-level work with no youth: a talk at a school, a career fair (003 B:291–361)."""

    __tablename__ = "preventive_activity"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    held_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(100))
    audience: Mapped[str] = mapped_column(String(200), default="")
    reached: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")  # the veileder


class OtListAction(Versioned):
    """What was done about one line of a list washing with OT (migration 0007): a youth on OT's list and
    not ours, ours and not on OT's list, or with another status. ``name_key`` (folded name) and
    ``birth_date`` find it again at the next washing when the youth is not in NavDesk."""

    __tablename__ = "ot_list_action"

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    compared_on: Mapped[date] = mapped_column(Date)
    list_name: Mapped[str] = mapped_column(String(200), default="")
    category: Mapped[str] = mapped_column(String(20))  # only_ot, only_ours, status_differs
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    birth_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    youth_id: Mapped[uuid.UUID | None] = _fk("youth.id", nullable=True)
    ot_status: Mapped[str] = mapped_column(String(100), default="")
    our_status: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(Text)
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")


# --------------------------------------------------------------------------- deadlines, tasks, journal


class DeadlineDecision(Versioned):
    """What a user decided about a computed deadline, stored against its stable key."""

    __tablename__ = "deadline_decision"

    key: Mapped[str] = mapped_column(String(200), unique=True)
    youth_id: Mapped[uuid.UUID | None] = _fk("youth.id", nullable=True)
    state: Mapped[e.DeadlineState] = mapped_column(_enum(e.DeadlineState))
    until: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")


class Task(Versioned):
    """A manual task (the ``manual`` rule), also the per-youth note with a due date (huskelapp)."""

    __tablename__ = "task"

    youth_id: Mapped[uuid.UUID | None] = _fk("youth.id", nullable=True)
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    title: Mapped[str] = mapped_column(String(300))
    note: Mapped[str] = mapped_column(Text, default="")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    done_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    colour: Mapped[str] = mapped_column(String(20), default="")


class JournalMark(Entity):
    """Whether and when a printed summary or plan was recorded in NAV's own systems."""

    __tablename__ = "journal_mark"

    youth_id: Mapped[uuid.UUID] = _fk("youth.id")
    document_kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    recorded_on: Mapped[date] = mapped_column(Date)
    system: Mapped[str] = mapped_column(String(40), default="Modia")
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")


# --------------------------------------------------------------------------- audit


class AuditEvent(Base):
    """Append-only: who did what to which record, when. The payload is stored apart (erasable)."""

    __tablename__ = "audit_event"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_id: Mapped[uuid.UUID | None] = _fk("app_user.id", nullable=True, ondelete="SET NULL")
    user_initials: Mapped[str] = mapped_column(String(10), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    youth_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(20), default="app")
    payload_digest: Mapped[str] = mapped_column(String(64), default="")
    # sha256 over the previous event's chain and this event's metadata (navdesk.domain.audit_chain)
    chain: Mapped[str] = mapped_column(String(64), default="", server_default="")


class AuditPayload(Base):
    """Before/after values of an audit event; deleting a youth erases these, not the event."""

    __tablename__ = "audit_payload"

    event_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("audit_event.id", ondelete="CASCADE"), primary_key=True
    )
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    # the key of the event's payload_digest (hex); erased with the payload (navdesk.services.audit.digest)
    salt: Mapped[str] = mapped_column(String(32), default="", server_default="")


class DeadlineRule(Versioned):
    """An office's setting for one deadline rule: enabled, and its parameters (defaults from
    :mod:`navdesk.domain.deadlines.rules`)."""

    __tablename__ = "deadline_rule"
    __table_args__ = (UniqueConstraint("office_id", "rule_id"),)

    office_id: Mapped[uuid.UUID] = _fk("office.id")
    rule_id: Mapped[str] = mapped_column(String(40))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DeadlineCache(Base):
    """The deadline engine's result for one youth, before the users' decisions (migration 0004).

    Used only while it still holds: computed from the youth's current ``facts_version``, the current
    ``CacheEpoch`` (office-wide things the engine reads: catalogue entries, clubs, employers), the
    same rules (``rules_stamp``), and for a day in ``[computed_for, valid_until)``. ``payload`` is
    zlib-compressed JSON (:mod:`navdesk.services.deadline_cache`).
    """

    __tablename__ = "deadline_cache"

    youth_id: Mapped[uuid.UUID] = mapped_column(
        Uuid, ForeignKey("youth.id", ondelete="CASCADE"), primary_key=True
    )
    facts_version: Mapped[int] = mapped_column(Integer)
    epoch: Mapped[int] = mapped_column(Integer)
    rules_stamp: Mapped[str] = mapped_column(String(64))
    computed_for: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)  # None: no date changes it
    payload: Mapped[bytes] = mapped_column(LargeBinary)


class CacheEpoch(Base):
    """One row: goes up (by trigger) when a catalogue entry, club, club session or employer changes."""

    __tablename__ = "cache_epoch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Draft(Base):
    """Text being written that is not saved yet (migration 0005): the meeting editor stores its content
    here while the user types, so a crash, the app lock or a closed window loses nothing. One per user,
    ``kind`` and subject (a meeting's id, or the youth's id for a new meeting); inside the database,
    hence encrypted with it, never a file. Not audited: it is scratch, replaced every few seconds."""

    __tablename__ = "draft"
    __table_args__ = (Index("ix_draft_user_kind_subject", "user_id", "kind", "subject_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    user_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("app_user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
