"""Jobbklubb use cases on the three backends: samlinger from a pattern, the session plan, enrolment
with its plan activity, the attendance register and its totals, the absence deadline and its
completion by a contact, the 8-week rule met by the start in the group, observations in the record."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select

from navdesk.db.models import Activity, AuditEvent, ClubSession
from navdesk.domain.enums import ActivityStatus, ActivityType
from navdesk.domain.schedule import COUNT, WEEKLY, Pattern
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput
from navdesk.services import clubs, contacts, deadlines, followup, youths
from navdesk.services.office import catalogue

MON, WED = 0, 2
# spring 2026: Kristi himmelfartsdag Thursday 14.5, 17.5 a Sunday, 2. pinsedag Monday 25.5
FIRST = date(2026, 5, 4)


@pytest.fixture
def group(office):
    """A jobbklubb on Mondays and Wednesdays, 4.5.–27.5.2026, and three youths registered in April."""
    db, actor = office
    with db.session() as s, s.begin():
        club = clubs.create_club(s, actor, name="Jobbklubb vår", place="Kommunehuset", capacity=2,
                                 facilitators="Kari Nordmann")  # fmt: skip
        planned = clubs.plan_sessions(s, actor, club, Pattern(WEEKLY, FIRST, (MON, WED), time(10), 120,
                                                              last_day=date(2026, 5, 27)))  # fmt: skip
        people = {}
        for first, last, shy in (("Åse", "Ødegård", False), ("Per", "Berg", False), ("Eli", "Aas", True)):
            yid = youths.create_youth(s, actor, first_name=first, last_name=last, birth_date=date(2004, 2, 2),
                                      no_group_activities=shy)  # fmt: skip
            followup.open_period(s, actor, yid, registration_date=date(2026, 4, 20))
            people[first] = yid
    return db, actor, club, planned, people


def test_plan_sessions_skips_2_pinsedag_and_keeps_the_pattern(group):
    db, actor, club, planned, _people = group
    assert [d for d, _n in planned.skipped] == [date(2026, 5, 25)]
    assert len(planned.session_ids) == 7 and planned.days[0] == FIRST
    with db.session() as s, s.begin():
        again = clubs.plan_sessions(s, actor, club, Pattern(COUNT, FIRST, (MON,), count=2))
        assert again.session_ids == [] and again.existing == [date(2026, 5, 4), date(2026, 5, 11)]
        detail = clubs.club_detail(s, club)
        assert detail.club.start_date == FIRST and detail.club.end_date == date(2026, 5, 27)
        assert detail.club.schedule["kind"] == "count"
        assert [r.number for r in detail.sessions] == list(range(1, 8))
        assert detail.sessions[0].starts_at == datetime(2026, 5, 4, 10, tzinfo=OSLO)


def test_session_plan_move_and_cancel(group):
    db, actor, club, planned, _people = group
    with db.session() as s, s.begin():
        topics = catalogue(s, "club_topic")
        first, second = planned.session_ids[:2]
        row = s.get(ClubSession, first)
        clubs.set_session_plan(s, actor, first, row.version, topic_id=topics["cv"], note="Ta med PC")
        with pytest.raises(InvalidInput):
            not_a_topic = next(iter(catalogue(s, "meeting_type").values()))
            clubs.set_session_plan(s, actor, first, None, topic_id=not_a_topic)
        clubs.move_session(s, actor, second, None, starts_at=datetime(2026, 5, 7, 12, tzinfo=OSLO))
        clubs.cancel_session(s, actor, planned.session_ids[2], None, reason="Veileder syk")
        detail = clubs.club_detail(s, club)
        assert detail.sessions[0].topic == "CV" and detail.sessions[0].note == "Ta med PC"
        assert detail.sessions[1].day == date(2026, 5, 7)
        cancelled = [r for r in detail.sessions if r.cancelled]
        assert len(cancelled) == 1 and cancelled[0].number == 0 and "Veileder syk" in cancelled[0].note
        assert [r.number for r in detail.sessions if not r.cancelled] == list(range(1, 7))
        assert [t.label for t in clubs.topic_library(s)][:3] == ["CV", "Søknadsskriving", "Intervjutrening"]


def test_enrolment_warns_creates_the_plan_activity_and_meets_the_8_week_rule(group):
    db, actor, club, planned, people = group
    with db.session() as s, s.begin():
        warnings = clubs.enrolment_warnings(s, club, people.values())
        assert any("Eli Aas" in w and "gruppeaktiviteter" in w for w in warnings)
        assert any("plass til 2" in w for w in warnings)
        made, skipped = clubs.enrol_many(s, actor, club, [people["Åse"], people["Per"]], enrolled_on=date(2026, 4, 28),
                                         today=date(2026, 4, 28))  # fmt: skip
        assert len(made) == 2 and skipped == []
        again, skipped = clubs.enrol_many(s, actor, club, [people["Åse"]], enrolled_on=date(2026, 4, 28))
        assert again == [] and skipped == [people["Åse"]]
        activity = s.scalars(select(Activity).where(Activity.youth_id == people["Åse"])).one()
        assert activity.type is ActivityType.JOBBKLUBB and activity.club_id == club
        assert activity.status is ActivityStatus.PLANLEGGER and activity.from_date == FIRST
        assert activity.period_id is not None and activity.to_date == date(2026, 5, 27)
        [d8] = [
            d for d in deadlines.compute(s, date(2026, 4, 30), [people["Åse"]]) if d.rule == "followup_8w"
        ]
        assert d8.state == "open"  # waiting to start: not met yet
        detail = clubs.club_detail(s, club)
        enrolment = next(p for p in detail.participants if p.youth_id == people["Åse"])
        assert enrolment.status == "venter_pa_oppstart"
        # the first attendance starts the participant and the activity
        clubs.register_attendance(s, actor, planned.session_ids[0], enrolment.enrolment_id, "til_stede")
        activity = s.scalars(select(Activity).where(Activity.youth_id == people["Åse"])).one()
        assert activity.status is ActivityStatus.GJENNOMFORER and activity.started_on == FIRST
        [d8] = [d for d in deadlines.compute(s, date(2026, 5, 6), [people["Åse"]]) if d.rule == "followup_8w"]
        assert d8.state == "done" and d8.met_on == FIRST
        detail = clubs.club_detail(s, club)
        enrolment = next(p for p in detail.participants if p.youth_id == people["Åse"])
        assert enrolment.status == "deltar" and enrolment.days_to_start == 14


def test_attendance_totals_streak_flag_and_refusals(group):
    db, actor, club, planned, people = group
    values = {"Åse": ["til_stede", "kom_for_sent", "gyldig_fravaer", "ikke_mott", "ikke_mott"],
              "Per": ["til_stede", "til_stede", "ikke_mott", "til_stede", "til_stede"]}  # fmt: skip
    with db.session() as s, s.begin():
        ids = {n: clubs.enrol(s, actor, club, people[n], enrolled_on=date(2026, 4, 28), today=date(2026, 4, 28))
               for n in values}  # fmt: skip
        for name, marks in values.items():
            for sid, value in zip(planned.session_ids, marks, strict=False):
                clubs.register_attendance(s, actor, sid, ids[name], value)
        with pytest.raises(InvalidInput, match="samlingsdagen"):
            clubs.register_attendance(s, actor, planned.session_ids[-1], ids["Per"], "til_stede",
                                      today=date(2026, 5, 20))  # fmt: skip
        with pytest.raises(InvalidInput):
            clubs.cancel_session(s, actor, planned.session_ids[0], None)  # attendance registered
        detail = clubs.club_detail(s, club)
        first = detail.sessions[0].totals
        assert first.get(clubs.Attendance.TIL_STEDE) == 2 and first.rate == 1.0
        third = detail.sessions[2].totals
        assert (third.get(clubs.Attendance.GYLDIG_FRAVAER), third.get(clubs.Attendance.IKKE_MOTT)) == (1, 1)
        ase = next(p for p in detail.participants if p.youth_id == people["Åse"])
        per = next(p for p in detail.participants if p.youth_id == people["Per"])
        assert ase.totals.marked == 5 and ase.totals.attended == 2 and ase.totals.rate == pytest.approx(0.4)
        assert ase.streak == 2 and ase.flagged and detail.streak_limit == 2
        assert per.totals.rate == pytest.approx(0.8) and per.streak == 0 and not per.flagged
        assert detail.totals.rate == pytest.approx(0.6)
        clubs.set_absence_streak_limit(s, actor, 3)
        assert not next(
            p for p in clubs.club_detail(s, club).participants if p.youth_id == people["Åse"]
        ).flagged
        [row] = clubs.club_rows(s, date(2026, 5, 1))
        assert row.participants == 2 and row.sessions == 7 and row.rate == pytest.approx(0.6)
        assert row.next_session == datetime(2026, 5, 4, 10, tzinfo=OSLO)
        clubs.clear_attendance(s, actor, planned.session_ids[4], ids["Åse"])
        assert clubs.club_detail(s, club).totals.marked == 9


def test_an_absence_gives_the_outreach_deadline_met_by_a_contact(group):
    db, actor, club, planned, people = group
    with db.session() as s, s.begin():
        enrolment = clubs.enrol(
            s, actor, club, people["Per"], enrolled_on=date(2026, 4, 28), today=date(2026, 4, 28)
        )
        wednesday = planned.session_ids[3]  # Wednesday 13.5.2026; Thursday 14.5 is Kristi himmelfartsdag
        assert s.get(ClubSession, wednesday).starts_at.astimezone(OSLO).date() == date(2026, 5, 13)
        clubs.register_attendance(s, actor, wednesday, enrolment, "ikke_mott")
        [d] = [
            d for d in deadlines.compute(s, date(2026, 5, 13), [people["Per"]]) if d.rule == "club_absence"
        ]
        assert d.state == "open" and d.due == date(2026, 5, 15) and d.detail == "Jobbklubb vår"
        assert d.overdue(date(2026, 5, 18))
        contacts.log_contact(
            s, actor, people["Per"], at=datetime(2026, 5, 15, 9, tzinfo=OSLO), channel="telefon"
        )
        [d] = [
            d for d in deadlines.compute(s, date(2026, 5, 18), [people["Per"]]) if d.rule == "club_absence"
        ]
        assert d.state == "done" and d.met_on == date(2026, 5, 15)
        # marked wrongly: "gyldig fravær" after all, and the deadline goes away
        clubs.register_attendance(s, actor, wednesday, enrolment, "gyldig_fravaer")
        assert not [
            d for d in deadlines.compute(s, date(2026, 5, 18), [people["Per"]]) if d.rule == "club_absence"
        ]


def test_leaving_and_completing_move_the_plan_activity_and_the_record_shows_the_recommendation(group):
    db, actor, club, _planned, people = group
    with db.session() as s, s.begin():
        a = clubs.enrol(s, actor, club, people["Åse"], enrolled_on=date(2026, 5, 1), today=date(2026, 5, 5))
        b = clubs.enrol(s, actor, club, people["Per"], enrolled_on=date(2026, 5, 1), today=date(2026, 5, 5))
        with pytest.raises(InvalidInput, match="hvorfor"):
            clubs.set_enrolment_status(s, actor, a, None, "har_sluttet")
        clubs.set_enrolment_status(s, actor, a, None, "har_sluttet", reason="fatt_jobb", on=date(2026, 5, 12))
        clubs.set_enrolment_status(s, actor, b, None, "fullfort", on=date(2026, 5, 27))
        clubs.record_observation(s, actor, b, None, observation="Aktiv i gruppa, god på intervju.",
                                 recommendation="individuell_oppfolging")  # fmt: skip
        acts = {r.youth_id: r for r in s.scalars(select(Activity))}
        assert (
            acts[people["Åse"]].status is ActivityStatus.AVBRUTT
            and "Fått jobb" in acts[people["Åse"]].status_reason
        )
        assert acts[people["Per"]].status is ActivityStatus.FULLFORT
        [mine] = clubs.youth_clubs(s, people["Per"])
        assert (
            mine.club == "Jobbklubb vår" and mine.status == "fullfort" and mine.left_on == date(2026, 5, 27)
        )
        assert mine.recommendation_label == "Individuell oppfølging" and "intervju" in mine.observation
        [left] = clubs.youth_clubs(s, people["Åse"])
        assert left.status_label == "Har sluttet (fått jobb)"
        audited = s.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "club_enrolment")
        )
        assert audited == 5  # two enrolments, two status changes, one observation


def test_an_enrolment_made_by_mistake_is_removed_and_the_activity_cancelled(group):
    db, actor, club, planned, people = group
    with db.session() as s, s.begin():
        enrolment = clubs.enrol(
            s, actor, club, people["Per"], enrolled_on=date(2026, 4, 28), today=date(2026, 5, 4)
        )
        clubs.register_attendance(s, actor, planned.session_ids[0], enrolment, "ikke_mott")
        clubs.remove_enrolment(s, actor, enrolment, None)
        assert clubs.club_detail(s, club).participants == [] and clubs.youth_clubs(s, people["Per"]) == []
        activity = s.scalars(select(Activity).where(Activity.youth_id == people["Per"])).one()
        assert activity.status is ActivityStatus.AVBRUTT and activity.status_reason
        assert not [
            d for d in deadlines.compute(s, date(2026, 5, 6), [people["Per"]]) if d.rule == "club_absence"
        ]
        with pytest.raises(InvalidInput):
            clubs.remove_enrolment(s, actor, enrolment, None)
