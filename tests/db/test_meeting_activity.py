"""One record, two views: a meeting with the youth is also a "møte" activity in the youth's plan, kept in
step with the meeting (time, type, status, youth, deletion), audited; and a held meeting meets the
first-contact and 8-week deadlines. On the three backends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from navdesk.db import models as m
from navdesk.domain.enums import ActivityStatus, ActivityType, MeetingStatus, Responsible
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput
from navdesk.services import deadlines, followup, meetings, youths
from navdesk.services.meetings import MeetingEdit
from navdesk.services.office import catalogue

REG = date(2026, 11, 2)
START = datetime(2026, 11, 24, 10, 0, tzinfo=OSLO)  # Tuesday, week 48
TODAY = date(2026, 11, 24)


def _youth(db, actor, **kw):  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        yid = youths.create_youth(
            s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2003, 4, 2), **kw
        )
        pid = followup.open_period(s, actor, yid, registration_date=REG)
    return yid, pid


def _activities(db, meeting_id):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalars(select(m.Activity).where(m.Activity.meeting_id == meeting_id)).all()


def _version(db, meeting_id):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return meetings.read_meeting(s, meeting_id).version


def test_the_meeting_follows_into_the_plan(office):  # type: ignore[no-untyped-def]
    db, actor = office
    yid, pid = _youth(db, actor)
    with db.session() as s, s.begin():
        kind = catalogue(s, "meeting_type")["oppfolgingssamtale"]
        mid = meetings.create_meeting(s, actor, starts_at=START, youth_id=yid, type_id=kind)
    [a] = _activities(db, mid)
    assert (a.type, a.status, a.responsible) == (
        ActivityType.MOTE,
        ActivityStatus.PLANLEGGER,
        Responsible.NAV,
    )
    assert (a.youth_id, a.period_id, a.from_date, a.to_date) == (yid, pid, TODAY, TODAY)
    assert a.title == "Oppfølgingssamtale 24.11.2026"

    # moved to the next day, late in the evening (still that Oslo day, though the next UTC day is near)
    later = datetime(2026, 11, 25, 23, 30, tzinfo=OSLO)
    with db.session() as s, s.begin():
        meetings.update_meeting(s, actor, mid, _version(db, mid), starts_at=later)
    [a] = _activities(db, mid)
    assert (a.from_date, a.to_date, a.title) == (date(2026, 11, 25),) * 2 + ("Oppfølgingssamtale 25.11.2026",)

    with db.session() as s, s.begin():
        meetings.set_status(
            s, actor, mid, _version(db, mid), MeetingStatus.AVLYST, reason="Ungdommen var syk"
        )
    [a] = _activities(db, mid)
    assert (a.status, a.status_reason) == (ActivityStatus.AVBRUTT, "Ungdommen var syk")

    # back to planned (a cancellation undone): the activity is planned again, the reason gone
    with db.session() as s, s.begin():
        meetings.set_status(s, actor, mid, _version(db, mid), MeetingStatus.PLANLAGT)
    [a] = _activities(db, mid)
    assert (a.status, a.status_reason) == (ActivityStatus.PLANLEGGER, "")

    with db.session() as s, s.begin():
        meetings.set_status(
            s, actor, mid, _version(db, mid), MeetingStatus.GJENNOMFORT, today=date(2026, 11, 26)
        )
    [a] = _activities(db, mid)
    assert a.status is ActivityStatus.FULLFORT

    with db.session() as s:  # every change of the activity is in the audit trail, under the youth
        events = s.execute(
            select(m.AuditEvent.action, m.AuditEvent.youth_id).where(
                m.AuditEvent.entity == "activity", m.AuditEvent.entity_id == a.id
            )
        ).all()
    assert [e.action for e in events].count("create") == 1 and len(events) == 5
    assert {e.youth_id for e in events} == {yid}


def test_a_nynorsk_youth_gets_the_nynorsk_type_and_must_be_moved_stays_planned(office):  # type: ignore[no-untyped-def]
    db, actor = office
    yid, _pid = _youth(db, actor, malform="nn")
    with db.session() as s, s.begin():
        kind = catalogue(s, "meeting_type")["okonomisamtale"]
        mid = meetings.create_meeting(s, actor, starts_at=START, youth_id=yid, type_id=kind)
        meetings.set_status(
            s, actor, mid, meetings.read_meeting(s, mid).version, "ma_flyttes", reason="Kollisjon"
        )
    [a] = _activities(db, mid)
    assert a.title.startswith("Økonomisamtale ") and a.status is ActivityStatus.PLANLEGGER
    assert a.status_reason == "Kollisjon"


def test_no_youth_or_a_meeting_without_the_youth_is_not_in_the_plan(office):  # type: ignore[no-untyped-def]
    db, actor = office
    yid, _pid = _youth(db, actor)
    other, _ = _youth(db, actor)
    with db.session() as s, s.begin():
        types = catalogue(s, "meeting_type")
        alone = meetings.create_meeting(s, actor, starts_at=START)
        about = meetings.create_meeting(
            s, actor, starts_at=START, youth_id=yid, type_id=types["samarbeidsmote"]
        )
        mid = meetings.create_meeting(
            s, actor, starts_at=START, youth_id=yid, type_id=types["kartleggingssamtale"]
        )
    assert _activities(db, alone) == [] and _activities(db, about) == []
    assert len(_activities(db, mid)) == 1

    with db.session() as s, s.begin():  # the meeting moves to another youth: so does the activity
        meetings.update_meeting(s, actor, mid, _version(db, mid), youth_id=other)
    [a] = _activities(db, mid)
    assert a.youth_id == other
    with db.session() as s:  # the meeting itself moved (crud.update's youth_id parameter once swallowed it)
        assert meetings.read_meeting(s, mid).youth_id == other
    with db.session() as s, s.begin():  # becomes a samarbeidsmøte (without the youth): out of the plan
        meetings.update_meeting(s, actor, mid, _version(db, mid), type_id=types["samarbeidsmote"])
    assert _activities(db, mid) == []
    with db.session() as s, s.begin():
        meetings.update_meeting(
            s, actor, mid, _version(db, mid), type_id=types["trekantsamtale"], youth_id=None
        )
    assert _activities(db, mid) == []
    with db.session() as s, s.begin():
        meetings.update_meeting(s, actor, mid, _version(db, mid), youth_id=yid)
    assert [a.title for a in _activities(db, mid)] == ["Trekantsamtale 24.11.2026"]


def test_the_editor_save_and_the_new_time_each_have_their_activity(office):  # type: ignore[no-untyped-def]
    db, actor = office
    yid, _pid = _youth(db, actor)
    with db.session() as s, s.begin():
        kind = catalogue(s, "meeting_type")["oppfolgingssamtale"]
        mid = meetings.save_meeting(s, actor, MeetingEdit(starts_at=START, youth_id=yid, type_id=kind))
    new_time = START + timedelta(days=7)
    edit = MeetingEdit(
        starts_at=START, youth_id=yid, type_id=kind, status=MeetingStatus.AVLYST, status_reason="Syk"
    )
    with db.session() as s, s.begin():
        meetings.save_meeting(
            s, actor, edit, meeting_id=mid, expected_version=_version(db, mid), new_time=new_time
        )
    with db.session() as s:
        rows = s.scalars(
            select(m.Activity).where(m.Activity.youth_id == yid).order_by(m.Activity.from_date)
        ).all()
    assert [(a.status, a.from_date) for a in rows] == [
        (ActivityStatus.AVBRUTT, TODAY), (ActivityStatus.PLANLEGGER, TODAY + timedelta(days=7))
    ]  # fmt: skip
    assert rows[0].meeting_id == mid and rows[1].meeting_id not in (None, mid)


def test_deleting_the_meeting_deletes_its_activity_but_a_held_one_stays(office):  # type: ignore[no-untyped-def]
    db, actor = office
    yid, _pid = _youth(db, actor)
    with db.session() as s, s.begin():
        mid = meetings.create_meeting(s, actor, starts_at=START, youth_id=yid)
        meetings.add_participant(s, actor, mid, kind="ungdom")
        meetings.add_action(s, actor, mid, what="Sende CV")
        activity = meetings.plan_activity_id(s, mid)
        held = meetings.create_meeting(s, actor, starts_at=START - timedelta(days=7), youth_id=yid)
        meetings.set_status(
            s, actor, held, meetings.read_meeting(s, held).version, "gjennomfort", today=TODAY
        )
    assert activity is not None
    with db.session() as s, s.begin():
        meetings.delete_meeting(s, actor, mid)
    with db.session() as s:
        assert s.get(m.Meeting, mid) is None and s.get(m.Activity, activity) is None
        assert s.scalar(select(m.AuditEvent.id).where(
            m.AuditEvent.entity == "activity", m.AuditEvent.entity_id == activity, m.AuditEvent.action == "delete"
        )) is not None  # fmt: skip
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        meetings.delete_meeting(s, actor, held)
    assert len(_activities(db, held)) == 1


def test_a_held_meeting_meets_first_contact_and_the_8_weeks(office):  # type: ignore[no-untyped-def]
    db, actor = office
    yid, pid = _youth(db, actor)
    with db.session() as s:
        rules = {
            d.rule: d
            for d in deadlines.compute(s, TODAY, [yid])
            if d.rule in ("first_contact", "followup_8w")
        }
    assert rules["first_contact"].state == "open" and rules["followup_8w"].state == "open"
    held_on = datetime(2026, 11, 6, 9, 0, tzinfo=OSLO)
    with db.session() as s, s.begin():
        mid = meetings.create_meeting(s, actor, starts_at=held_on, youth_id=yid)
    with (
        db.session() as s
    ):  # planned only: nothing met yet, and the planned activity is no deadline of its own
        found = deadlines.compute(s, TODAY, [yid])
        assert {d.rule: d.state for d in found if d.rule in ("first_contact", "followup_8w")} == {
            "first_contact": "open", "followup_8w": "open"
        }  # fmt: skip
        assert not [d for d in found if d.rule == "activity_end"]
    with db.session() as s, s.begin():
        meetings.set_status(s, actor, mid, _version(db, mid), MeetingStatus.GJENNOMFORT, today=TODAY)
    with db.session() as s:
        rules = {
            d.rule: d
            for d in deadlines.compute(s, TODAY, [yid])
            if d.rule in ("first_contact", "followup_8w")
        }
    assert (rules["first_contact"].state, rules["first_contact"].met_on) == ("done", date(2026, 11, 6))
    assert (rules["followup_8w"].state, rules["followup_8w"].met_on) == ("done", date(2026, 11, 6))
    assert rules["followup_8w"].subject_id == pid.hex
