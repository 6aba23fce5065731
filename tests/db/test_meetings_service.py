"""Meeting use cases for the editor and the Møteplan, on the three backends."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from navdesk.db import models as m
from navdesk.domain.enums import ContactChannel, MeetingStatus, ParticipantKind
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput, StaleEdit
from navdesk.services import meetings, partners, youths
from navdesk.services.meetings import ActionEdit, MeetingEdit, ParticipantEdit
from navdesk.services.office import catalogue

START = datetime(2026, 11, 24, 10, 0, tzinfo=OSLO)  # Tuesday, week 48
TODAY = date(2026, 11, 24)


def _setup(s, actor):  # type: ignore[no-untyped-def]
    youth = youths.create_youth(s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2006, 5, 2))
    ot = partners.add_partner(
        s, actor, name="Oppfølgingstjenesten", type_id=catalogue(s, "partner_type")["ot"]
    )
    person = partners.add_contact_person(s, actor, ot, name="Ola OT", role="Rådgiver")
    return youth, ot, person


def _edit(youth: uuid.UUID, type_id: uuid.UUID, user_id: uuid.UUID, person: uuid.UUID, **kw):  # type: ignore[no-untyped-def]
    values = dict(
        starts_at=START, youth_id=youth, type_id=type_id, place="NAV-kontoret", agenda="Status & veien videre",
        participants=(
            ParticipantEdit(ParticipantKind.UNGDOM),
            ParticipantEdit(ParticipantKind.VEILEDER, name="Kari Nordmann", user_id=user_id, role="Veileder"),
            ParticipantEdit(ParticipantKind.PARTNER, name="Ola OT", contact_person_id=person, organisation="OT"),
            ParticipantEdit(ParticipantKind.ARBEIDSGIVER, name="Per", organisation="Rema 1000", role="Butikksjef"),
        ),
        actions=(
            ActionEdit("Sende CV", who="Kari", who_user_id=user_id, due_date=date(2026, 11, 20)),
            ActionEdit("Søke jobb", who="Åse", due_date=date(2026, 12, 1)),
            ActionEdit("   "),  # an empty row is no action
        ),
    )  # fmt: skip
    values.update(kw)
    return MeetingEdit(**values)


def test_save_creates_then_syncs_participants_and_actions(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        youth, _ot, person = _setup(s, actor)
        kind = catalogue(s, "meeting_type")["trekantsamtale"]
        mid = meetings.save_meeting(s, actor, _edit(youth, kind, actor.user_id, person))
    with db.session() as s:
        detail = meetings.read_meeting(s, mid)
    assert detail.youth == "Åse Ødegård" and detail.agenda == "Status & veien videre"
    assert [p.kind for p in detail.participants] == [
        ParticipantKind.UNGDOM, ParticipantKind.VEILEDER, ParticipantKind.PARTNER, ParticipantKind.ARBEIDSGIVER
    ]  # fmt: skip
    assert [a.what for a in detail.actions] == ["Sende CV", "Søke jobb"]

    # edit: drop the employer, rename a role, finish one action, remove the other, add one
    parts = tuple(
        ParticipantEdit(p.kind, p.name, p.organisation, "Kontaktlærer" if p.kind is ParticipantKind.PARTNER else p.role,
                        p.user_id, p.contact_person_id, p.id, p.version)
        for p in detail.participants if p.kind is not ParticipantKind.ARBEIDSGIVER
    )  # fmt: skip
    first = detail.actions[0]
    acts = (
        ActionEdit(first.what, first.who, first.who_user_id, first.due_date, TODAY, first.id, first.version),
        ActionEdit("Ringe OT", who="Kari", who_user_id=actor.user_id),
    )
    edit = _edit(youth, detail.type_id, actor.user_id, person, participants=parts, actions=acts, summary="Bra møte.",
                 status=MeetingStatus.GJENNOMFORT)  # fmt: skip
    with db.session() as s, s.begin():
        meetings.save_meeting(s, actor, edit, meeting_id=mid, expected_version=detail.version, today=TODAY)
    with db.session() as s:
        after = meetings.read_meeting(s, mid)
        audited = s.scalars(select(m.AuditEvent.entity).where(m.AuditEvent.action == "delete")).all()
    assert after.status is MeetingStatus.GJENNOMFORT and after.summary == "Bra møte."
    assert len(after.participants) == 3 and after.participants[2].role == "Kontaktlærer"
    assert [(a.what, a.done_on) for a in after.actions] == [("Sende CV", TODAY), ("Ringe OT", None)]
    assert sorted(audited) == ["meeting_action", "meeting_participant"]  # every removal is in the trail

    # a stale save is refused
    with db.session() as s, s.begin(), pytest.raises(StaleEdit):
        meetings.save_meeting(s, actor, edit, meeting_id=mid, expected_version=detail.version)


def test_status_rules_and_the_new_time(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        youth, _ot, person = _setup(s, actor)
        kind = catalogue(s, "meeting_type")["oppfolgingssamtale"]
        later = START + timedelta(days=7)
        mid = meetings.save_meeting(s, actor, _edit(youth, kind, actor.user_id, person, starts_at=later))
        version = s.get(m.Meeting, mid).version
        with pytest.raises(InvalidInput):  # cancelled needs a reason
            meetings.set_status(s, actor, mid, version, MeetingStatus.AVLYST)
        with pytest.raises(InvalidInput):  # not held before its day
            meetings.set_status(s, actor, mid, version, MeetingStatus.GJENNOMFORT, today=TODAY)
    with db.session() as s, s.begin():
        detail = meetings.read_meeting(s, mid)
        edit = _edit(youth, kind, actor.user_id, person, starts_at=later, status=MeetingStatus.MA_FLYTTES,
                     status_reason="Ungdommen er syk", participants=(), actions=())  # fmt: skip
        new_time = later + timedelta(days=2)
        meetings.save_meeting(
            s, actor, edit, meeting_id=mid, expected_version=detail.version, new_time=new_time
        )
    with db.session() as s:
        moved = meetings.read_meeting(s, mid)
        nxt = s.scalars(select(m.Meeting).where(m.Meeting.previous_id == mid)).one()
        plan = meetings.week_plan(s, date(2026, 11, 30))
    assert moved.status is MeetingStatus.MA_FLYTTES and moved.status_reason == "Ungdommen er syk"
    assert nxt.status is MeetingStatus.PLANLAGT and nxt.starts_at == new_time and nxt.youth_id == youth
    assert {p.id for p in plan} == {mid, nxt.id}  # the moved one does not vanish from the week
    assert plan[0].starts_at.tzinfo is not None and plan[0].starts_at.hour == 10


def test_next_meeting_copies_youth_type_and_participants(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        youth, _ot, person = _setup(s, actor)
        kind = catalogue(s, "meeting_type")["trekantsamtale"]
        mid = meetings.save_meeting(
            s, actor, _edit(youth, kind, actor.user_id, person, channel=ContactChannel.VIDEO)
        )
        nid = meetings.create_next_meeting(s, actor, mid, starts_at=START + timedelta(days=14))
    with db.session() as s:
        old, new = meetings.read_meeting(s, mid), meetings.read_meeting(s, nid)
    assert (new.previous_id, new.youth_id, new.type_id, new.channel) == (
        mid,
        youth,
        kind,
        ContactChannel.VIDEO,
    )
    assert new.status is MeetingStatus.PLANLAGT and new.actions == ()
    strip = [(p.kind, p.name, p.user_id, p.contact_person_id) for p in old.participants]
    assert [(p.kind, p.name, p.user_id, p.contact_person_id) for p in new.participants] == strip


def test_consent_warning_for_external_participants(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        youth, ot, person = _setup(s, actor)
        parts = (
            ParticipantEdit(ParticipantKind.UNGDOM),
            ParticipantEdit(ParticipantKind.PARTNER, name="Ola OT", contact_person_id=person),
            ParticipantEdit(ParticipantKind.ARBEIDSGIVER, name="Per", organisation="Rema 1000"),
        )
        before = meetings.missing_consent(s, youth, TODAY, parts)
        partners.record_consent(s, actor, youth, partner_ids=[ot], purpose="Skole", given_on=date(2026, 9, 1),
                                expires_on=date(2026, 12, 1))  # fmt: skip
        during = meetings.missing_consent(s, youth, TODAY, parts)
        expired = meetings.missing_consent(s, youth, date(2026, 12, 2), parts)
    assert [g.name for g in before] == ["Ola OT", "Per"]
    assert [g.name for g in during] == ["Per"]
    assert [g.name for g in expired] == ["Ola OT", "Per"]


def test_my_commitments_are_my_open_actions(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        youth, _ot, person = _setup(s, actor)
        kind = catalogue(s, "meeting_type")["trekantsamtale"]
        mid = meetings.save_meeting(s, actor, _edit(youth, kind, actor.user_id, person))
        meetings.add_action(s, actor, mid, what="Ferdig allerede", who_user_id=actor.user_id)
        done = s.scalars(select(m.MeetingAction).where(m.MeetingAction.what == "Ferdig allerede")).one()
        meetings.update_action(s, actor, done.id, done.version, done_on=TODAY)
    with db.session() as s:
        mine = meetings.my_commitments(s, actor.user_id)
        others = meetings.my_commitments(s, uuid.uuid4())
    assert [(c.what, c.youth_initials, c.due_date) for c in mine] == [("Sende CV", "ÅØ", date(2026, 11, 20))]
    assert mine[0].overdue(TODAY) and not mine[0].overdue(date(2026, 11, 20))
    assert others == []


def test_removing_and_editing_single_rows(office):  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        youth, _ot, _person = _setup(s, actor)
        mid = meetings.create_meeting(s, actor, starts_at=START, youth_id=youth)
        pid = meetings.add_participant(s, actor, mid, kind="foresatt", name="Mor")
        aid = meetings.add_action(s, actor, mid, what="Ringe")
        meetings.update_participant(s, actor, pid, 1, role="Mor")
        meetings.update_action(s, actor, aid, 1, who="Mor", due_date=date(2026, 12, 1))
        with pytest.raises(InvalidInput):
            meetings.update_action(s, actor, aid, 2, what=" ")
        with pytest.raises(StaleEdit):
            meetings.update_participant(s, actor, pid, 1, role="Far")
        meetings.update_meeting(s, actor, mid, 1, place="Kafé", duration_min=30)
        with pytest.raises(InvalidInput):
            meetings.update_meeting(s, actor, mid, 2, status="avlyst")
        meetings.remove_participant(s, actor, pid)
        meetings.remove_action(s, actor, aid)
    with db.session() as s:
        detail = meetings.read_meeting(s, mid)
        choices = meetings.editor_choices(s)
    assert (detail.place, detail.duration_min, detail.participants, detail.actions) == ("Kafé", 30, (), ())
    assert choices.types and youth in [y for y, _n in choices.youths]
    assert [u.name for u in choices.users] == ["Kari Nordmann"] and choices.contact_persons[
        0
    ].name == "Ola OT"
