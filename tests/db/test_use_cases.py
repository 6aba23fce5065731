"""Each core use case through its own code, on the three backends: what it stores, what it refuses,
and that it leaves an audit event."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from navdesk.db.models import (
    Activity,
    AttendanceRecord,
    AuditEvent,
    ClubEnrolment,
    Consent,
    ConsentPartner,
    FollowUpPeriod,
    InnsatsDecision,
    Meeting,
    MeetingAction,
    MeetingParticipant,
    Plan,
    PlanRevision,
    SchoolStatusEntry,
    User,
)
from navdesk.domain.enums import ActivityStatus, ActivityType, ConsentState, EnrolmentStatus, MeetingStatus
from navdesk.errors import InvalidInput
from navdesk.services import clubs, followup, meetings, partners, plans, youths
from navdesk.services.office import add_user, catalogue, list_users
from navdesk.services.passwords import verify_password

OSLO = ZoneInfo("Europe/Oslo")
TODAY = date.today()


def _audits(s, entity: str) -> int:
    return int(s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == entity)) or 0)


@pytest.fixture
def youth(office):
    db, actor = office
    with db.session() as s, s.begin():
        yid = youths.create_youth(
            s, actor, first_name="Åsmund", last_name="Ødegård", birth_date=date(2008, 3, 1)
        )
        pid = followup.open_period(s, actor, yid, registration_date=TODAY - timedelta(days=20))
    return db, actor, yid, pid


def test_users_and_passwords(office):
    db, actor = office
    with db.session() as s, s.begin():
        add_user(s, actor, name="Ola Bø", initials="ob", password="passord123")
        with pytest.raises(InvalidInput):
            add_user(s, actor, name="Ola Bø", initials="OB", password="passord123")  # initials taken
        with pytest.raises(InvalidInput):
            add_user(s, actor, name="Kort", initials="KO", password="kort")  # too short
    with db.session() as s:
        assert [u.initials for u in list_users(s)] == ["KN", "OB"]
        ob = s.scalars(select(User).where(User.initials == "OB")).one()
        assert verify_password("passord123", ob.password_hash) and not verify_password(
            "feil", ob.password_hash
        )
        assert "passord123" not in ob.password_hash


def test_youth_with_fodselsnummer(office):
    db, actor = office
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput, match="fødselsnummer"):
            youths.create_youth(s, actor, first_name="A", last_name="B", fodselsnummer="12345678901")
        yid = youths.create_youth(s, actor, first_name="Kari", last_name="Ås", fodselsnummer="15076500565")
    with db.session() as s:
        detail = youths.open_youth(s, actor, yid)
        assert detail.values["birth_date"] == date(1965, 7, 15)


def test_period_decisions_school_and_closing(youth):
    db, actor, yid, pid = youth
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput):
            followup.open_period(s, actor, yid, registration_date=TODAY)  # one open period at a time
        followup.decide_innsats(s, actor, pid, decided_on=TODAY, innsatsgruppe="situasjonsbestemt_innsats",
                                hovedmal="skaffe_arbeid")  # fmt: skip
        followup.set_school_status(s, actor, yid, status="i_faresonen", from_date=TODAY, ungdomsrett="ja")
        with pytest.raises(InvalidInput):
            followup.decide_innsats(s, actor, pid, decided_on=TODAY, innsatsgruppe="ingen_slik")
    with db.session() as s, s.begin():
        outcome = catalogue(s, "outcome")["utdanning"]
        with pytest.raises(InvalidInput):
            followup.close_period(s, actor, pid, 1, closed_on=TODAY - timedelta(days=30), outcome_id=outcome)
        followup.close_period(s, actor, pid, 1, closed_on=TODAY, outcome_id=outcome, note="Begynte på VGS")
    with db.session() as s, s.begin():
        followup.open_period(s, actor, yid, registration_date=TODAY)  # reopening: a new period
    with db.session() as s:
        assert (
            s.scalar(select(func.count()).select_from(FollowUpPeriod).where(FollowUpPeriod.youth_id == yid))
            == 2
        )
        assert s.scalars(select(InnsatsDecision)).one().hovedmal is not None
        assert s.scalars(select(SchoolStatusEntry)).one().status.at_risk
        assert _audits(s, "follow_up_period") == 3  # open, close (update), reopen


def test_plan_revisions_keep_reasons(youth):
    db, actor, _yid, pid = youth
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput):
            plans.save_plan(s, actor, pid, reason="", dream="Fagbrev")
        with pytest.raises(InvalidInput):
            plans.save_plan(s, actor, pid, reason="Ny", own_goal="x" * 501)
        plan_id = plans.save_plan(s, actor, pid, reason="Laget sammen", dream="Fagbrev", goal_category="kombinert",
                                  own_goal="Bli elektriker")  # fmt: skip
        plans.add_goal(
            s, actor, plan_id, "Søke læreplass", TODAY + timedelta(days=30), reason="Delmål avtalt"
        )
    with db.session() as s, s.begin():
        plans.save_plan(
            s, actor, pid, reason="Endret drøm etter praksis", expected_version=1, dream="Egen bil"
        )
    with db.session() as s:
        plan = s.scalars(select(Plan)).one()
        revisions = s.scalars(select(PlanRevision).order_by(PlanRevision.created_at)).all()
        assert plan.dream == "Egen bil" and plan.own_goal == "Bli elektriker"
        assert [r.reason for r in revisions] == ["Laget sammen", "Delmål avtalt", "Endret drøm etter praksis"]
        assert revisions[0].snapshot["dream"] == "Fagbrev" and revisions[2].snapshot["dream"] == "Egen bil"
        assert revisions[1].snapshot["goals"][0]["text"] == "Søke læreplass"


def test_meeting_with_participants_actions_and_cancellation(youth):
    db, actor, yid, _pid = youth
    when = datetime.combine(TODAY + timedelta(days=2), datetime.min.time(), OSLO).replace(hour=10)
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput):
            meetings.create_meeting(s, actor, starts_at=when.replace(tzinfo=None), youth_id=yid)
        mid = meetings.create_meeting(s, actor, starts_at=when, youth_id=yid,
                                      type_id=catalogue(s, "meeting_type")["trekantsamtale"], place="Skolen")  # fmt: skip
        meetings.add_participant(s, actor, mid, kind="ungdom")
        meetings.add_participant(
            s, actor, mid, kind="partner", name="Ånund Eira", organisation="OT", role="Rådgiver"
        )
        meetings.add_action(
            s, actor, mid, what="Sende søknad", who="Ungdommen", due_date=TODAY + timedelta(days=9)
        )
        with pytest.raises(InvalidInput):
            meetings.add_action(s, actor, mid, what="  ")
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput):
            meetings.record_meeting(s, actor, mid, 1, status="avlyst")  # a cancelled meeting needs a reason
        meetings.record_meeting(s, actor, mid, 1, status=MeetingStatus.AVLYST, reason="Ungdommen var syk")
    with db.session() as s:
        meeting = s.get(Meeting, mid)
        assert meeting is not None and meeting.status is MeetingStatus.AVLYST and meeting.status_reason
        assert s.scalar(select(func.count()).select_from(MeetingParticipant)) == 2
        assert s.scalars(select(MeetingAction)).one().due_date == TODAY + timedelta(days=9)
        [row] = meetings.meeting_rows(s)
        assert row.title == "Trekantsamtale – Åsmund Ødegård" and row.status == "avlyst"  # not vanished


def test_club_enrolment_puts_an_activity_in_the_plan_and_attendance_is_one_per_session(youth):
    db, actor, yid, pid = youth
    start = TODAY - timedelta(days=3)
    with db.session() as s, s.begin():
        club = clubs.create_club(s, actor, name="Jobbklubb vår", capacity=8, start_date=start)
        session_id = clubs.add_session(
            s, actor, club, starts_at=datetime.combine(start, datetime.min.time(), OSLO)
        )
        enrolment = clubs.enrol(s, actor, club, yid, enrolled_on=start, start_date=start, period_id=pid)
        with pytest.raises(InvalidInput):
            clubs.enrol(s, actor, club, yid, enrolled_on=start)
        clubs.register_attendance(s, actor, session_id, enrolment, "ikke_mott")
        clubs.register_attendance(s, actor, session_id, enrolment, "til_stede", note="Kom likevel")
        with pytest.raises(InvalidInput):
            clubs.create_club(s, actor, name="Tom", capacity=0)
    with db.session() as s:
        assert s.scalars(select(ClubEnrolment)).one().status is EnrolmentStatus.DELTAR
        activity = s.scalars(select(Activity).where(Activity.type == ActivityType.JOBBKLUBB)).one()
        assert activity.status is ActivityStatus.GJENNOMFORER and activity.started_on == start
        record = s.scalars(select(AttendanceRecord)).one()
        assert record.value.value == "til_stede" and record.note == "Kom likevel"


def test_partners_consent_and_its_state(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        ot = partners.add_partner(
            s, actor, name="OT Vestfold og Telemark", type_id=catalogue(s, "partner_type")["ot"]
        )
        partners.add_contact_person(
            s, actor, ot, name="Siv Sæther", role="OT-rådgiver", office_days="tirsdag"
        )
        partners.involve(s, actor, yid, ot, role="Oppfølging skole", holds_ball=True)
        with pytest.raises(InvalidInput):
            partners.record_consent(s, actor, yid, partner_ids=[], purpose="Samarbeid", given_on=TODAY)
        with pytest.raises(InvalidInput):
            partners.record_consent(s, actor, yid, partner_ids=[ot], purpose="Samarbeid", given_on=TODAY,
                                    expires_on=TODAY - timedelta(days=1))  # fmt: skip
        cid = partners.record_consent(s, actor, yid, partner_ids=[ot], purpose="Samarbeid om skole", given_on=TODAY,
                                      expires_on=TODAY + timedelta(days=180))  # fmt: skip
        employer = partners.add_employer(s, actor, name="Coop Extra", openings=["arbeidstrening"])
        partners.add_placement(s, actor, yid, employer, start_date=TODAY)
        partners.add_preventive(s, actor, held_on=TODAY, kind="Foredrag på ungdomsskolen", reached=45)
    with db.session() as s:
        consent = s.get(Consent, cid)
        assert consent is not None and s.scalars(select(ConsentPartner)).one().org_id == ot
        assert partners.consent_state(consent, TODAY) is ConsentState.GYLDIG
        assert partners.consent_state(consent, TODAY + timedelta(days=181)) is ConsentState.UTLOPT
        assert partners.consent_state(consent, TODAY - timedelta(days=1)) is ConsentState.IKKE_STARTET
        for entity in ("partner_org", "contact_person", "involvement", "consent", "employer", "placement",
                       "preventive_activity"):  # fmt: skip
            assert _audits(s, entity) == 1, entity
