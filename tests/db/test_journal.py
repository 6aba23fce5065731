"""Recording printed meeting summaries (journalføring) and the batch's "today / this week", on three backends."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import pytest

from navdesk.db import models as m
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput
from navdesk.services import audit, journal, meetings, youths
from navdesk.services.office import catalogue

TODAY = date(2026, 11, 26)  # a Thursday in week 48


def _held(s, actor, youth, when: datetime, *, status: str = "gjennomfort") -> uuid.UUID:  # type: ignore[no-untyped-def]
    types = catalogue(s, "meeting_type")
    meeting = meetings.create_meeting(
        s, actor, starts_at=when, youth_id=youth, type_id=types["oppfolgingssamtale"]
    )
    if status != "planlagt":
        row = s.get(m.Meeting, meeting)
        meetings.record_meeting(s, actor, meeting, row.version, status=status, summary="Bra prat.",
                                reason="Sjuk" if status == "avlyst" else "")  # fmt: skip
    return meeting


@pytest.fixture
def week(office):  # type: ignore[no-untyped-def]
    """Held meetings: Monday 00:00, Thursday 23:30, last Sunday 23:59, next Monday 00:00; one planned, one cancelled."""
    db, actor = office
    with db.session() as s, s.begin():
        youth = youths.create_youth(
            s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2005, 3, 1)
        )
        ids = {
            "monday": _held(s, actor, youth, datetime(2026, 11, 23, 0, 0, tzinfo=OSLO)),
            "today": _held(s, actor, youth, datetime(2026, 11, 26, 23, 30, tzinfo=OSLO)),
            "last_sunday": _held(s, actor, youth, datetime(2026, 11, 22, 23, 59, tzinfo=OSLO)),
            "next_monday": _held(s, actor, youth, datetime(2026, 11, 30, 0, 0, tzinfo=OSLO)),
            "planned": _held(s, actor, youth, datetime(2026, 11, 25, 10, 0, tzinfo=OSLO), status="planlagt"),
            "cancelled": _held(s, actor, youth, datetime(2026, 11, 24, 10, 0, tzinfo=OSLO), status="avlyst"),
        }
        no_youth = meetings.create_meeting(s, actor, starts_at=datetime(2026, 11, 24, 12, 0, tzinfo=OSLO))
        row = s.get(m.Meeting, no_youth)
        meetings.record_meeting(s, actor, no_youth, row.version, status="gjennomfort")
        ids["no_youth"] = no_youth
    return db, actor, youth, ids


def test_held_meetings_today_and_this_week_by_oslo_days(week) -> None:  # type: ignore[no-untyped-def]
    db, _actor, _youth, ids = week
    with db.session() as s:
        assert journal.held_meetings_in(s, journal.TODAY, TODAY) == [ids["today"]]
        assert journal.held_meetings_in(s, journal.WEEK, TODAY) == [
            ids["monday"],
            ids["no_youth"],
            ids["today"],
        ]
        assert journal.held_meetings(s, date(2026, 11, 22), date(2026, 11, 22)) == [ids["last_sunday"]]
    assert journal.period(journal.WEEK, date(2026, 11, 29)) == (date(2026, 11, 23), date(2026, 11, 29))
    with pytest.raises(ValueError):
        journal.period("month", TODAY)


def test_mark_recorded_is_stored_audited_and_leaves_the_list(week) -> None:  # type: ignore[no-untyped-def]
    db, actor, youth, ids = week
    with db.session() as s:
        listed = [u.meeting_id for u in journal.unrecorded_summaries(s)]
    # held meetings with a youth, oldest first; not planned, cancelled or without a youth
    assert listed == [ids["last_sunday"], ids["monday"], ids["today"], ids["next_monday"]]
    with db.session() as s:
        assert [u.meeting_id for u in journal.unrecorded_summaries(s, until=TODAY)] == listed[:3]
        first = journal.unrecorded_summaries(s)[0]
    assert first.youth == "Åse Ødegård" and first.type_nb == "Oppfølgingssamtale" and not first.printed
    with db.session() as s, s.begin():
        mark_id = journal.mark_recorded(
            s, actor, ids["monday"], date(2026, 11, 24), system="Gosys", today=TODAY
        )
    with db.session() as s:
        mark = s.get(m.JournalMark, mark_id)
        assert (mark.document_kind, mark.subject_id, mark.youth_id) == ("moetereferat", ids["monday"], youth)
        assert (mark.recorded_on, mark.system, mark.user_id) == (date(2026, 11, 24), "Gosys", actor.user_id)
        assert journal.recording(s, ids["monday"]) == journal.Recording(date(2026, 11, 24), "Gosys")
        assert journal.recording(s, ids["today"]) is None
        assert ids["monday"] not in [u.meeting_id for u in journal.unrecorded_summaries(s)]
        events = [e for e in audit.events(s, youth_id=youth) if e["entity"] == "journal_mark"]
    assert [e["action"] for e in events] == ["create"]
    # marking again moves the date: still one mark, the change audited
    with db.session() as s, s.begin():
        again = journal.mark_recorded(s, actor, ids["monday"], system="Modia", today=TODAY)
    with db.session() as s:
        assert again == mark_id and s.query(m.JournalMark).count() == 1
        assert journal.recording(s, ids["monday"]) == journal.Recording(TODAY, "Modia")
        actions = [e["action"] for e in audit.events(s, youth_id=youth) if e["entity"] == "journal_mark"]
    assert sorted(actions) == ["create", "update"]


def test_mark_recorded_refuses_what_cannot_be(week) -> None:  # type: ignore[no-untyped-def]
    db, actor, _youth, ids = week
    cases = [
        (ids["no_youth"], TODAY, "Modia"),  # no youth to record it on
        (ids["today"], date(2026, 11, 27), "Modia"),  # in the future
        (ids["today"], date(2026, 11, 25), "Modia"),  # before the meeting
        (ids["today"], TODAY, "  "),  # no system
        (uuid.uuid4(), TODAY, "Modia"),  # no such meeting
    ]
    for meeting, day, system in cases:
        with db.session() as s, s.begin(), pytest.raises(InvalidInput):
            journal.mark_recorded(s, actor, meeting, day, system=system, today=TODAY)
    with db.session() as s:
        assert s.query(m.JournalMark).count() == 0


def test_a_printed_summary_is_flagged_as_printed(week) -> None:  # type: ignore[no-untyped-def]
    db, actor, youth, ids = week
    with db.session() as s, s.begin():
        journal.record_print(s, actor, ids["today"], youth, target="printer", variant="full", lang="nb",
                             sensitive=False)  # fmt: skip
    with db.session() as s:
        printed = {u.meeting_id: u.printed for u in journal.unrecorded_summaries(s)}
        events = [e for e in audit.events(s, youth_id=youth) if e["action"] == "print"]
    assert printed[ids["today"]] and not printed[ids["monday"]]
    assert len(events) == 1 and events[0]["entity_id"] == str(ids["today"])
