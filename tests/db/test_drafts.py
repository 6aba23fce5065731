"""Drafts: kept per user and subject, replaced, found only when newer, discarded; on the three backends."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from navdesk.services.drafts import MEETING, NEW_MEETING, discard_draft, drafts_of, find_draft, save_draft

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_draft_round_trip(office):  # type: ignore[no-untyped-def]
    db, actor = office
    subject = uuid.uuid4()
    payload = {"agenda": "Æ ø å & <b> Đ Ŋ Ŧ", "lines": ["a", "b"], "n": 3}
    with db.session() as s, s.begin():
        first = save_draft(s, actor.user_id, MEETING, subject, payload, now=T0)
        again = save_draft(
            s, actor.user_id, MEETING, subject, {**payload, "n": 4}, now=T0 + timedelta(seconds=5)
        )
        save_draft(s, actor.user_id, NEW_MEETING, None, {"agenda": "ny"}, now=T0)
    assert first == again  # replaced, not added
    with db.session() as s:
        found = find_draft(s, actor.user_id, MEETING, subject)
        assert found is not None and found.payload == {**payload, "n": 4}
        assert found.updated_at == T0 + timedelta(seconds=5)
        assert find_draft(s, actor.user_id, MEETING, subject, newer_than=T0 + timedelta(seconds=5)) is None
        assert find_draft(s, actor.user_id, MEETING, subject, newer_than=T0) is not None
        assert find_draft(s, actor.user_id, MEETING, uuid.uuid4()) is None
        assert find_draft(s, uuid.uuid4(), MEETING, subject) is None  # only its owner sees it
        assert find_draft(s, actor.user_id, NEW_MEETING, None).payload == {"agenda": "ny"}  # type: ignore[union-attr]
        assert len(drafts_of(s, actor.user_id)) == 2
    with db.session() as s, s.begin():
        assert discard_draft(s, actor.user_id, MEETING, subject) == 1
        assert discard_draft(s, actor.user_id, NEW_MEETING, None) == 1
    with db.session() as s:
        assert drafts_of(s, actor.user_id) == []
        assert s.execute(text("SELECT count(*) FROM audit_event WHERE entity = 'draft'")).scalar_one() == 0


def test_draft_text_is_not_in_the_file_in_plain_text_on_sqlcipher(office, backend):  # type: ignore[no-untyped-def]
    db, actor = office
    marker = "UTKAST-HEMMELIG-7731"
    with db.session() as s, s.begin():
        save_draft(s, actor.user_id, MEETING, uuid.uuid4(), {"summary": marker})
    if backend != "sqlcipher":
        return
    db.close()
    raw = b"".join(p.read_bytes() for p in db.target.path.parent.glob(db.target.path.name + "*"))
    assert marker.encode() not in raw


def test_drafts_do_not_outlive_their_meeting_or_youth(office):  # type: ignore[no-untyped-def]
    from datetime import date

    from navdesk.db import models as m
    from navdesk.services import meetings, youths
    from navdesk.services.drafts import purge_orphans

    db, actor = office
    with db.session() as s, s.begin():
        youth = youths.create_youth(s, actor, first_name="Ida", last_name="Berg", birth_date=date(2007, 1, 2))
        meeting = meetings.create_meeting(s, actor, starts_at=T0, youth_id=youth)
        save_draft(s, actor.user_id, MEETING, meeting, {"summary": "om Ida"})
        save_draft(s, actor.user_id, NEW_MEETING, youth, {"agenda": "om Ida"})
        save_draft(s, actor.user_id, NEW_MEETING, None, {"agenda": "uten ungdom"})
        assert purge_orphans(s) == 0
        s.delete(s.get(m.Meeting, meeting))
        s.delete(s.get(m.Youth, youth))
        s.flush()
        assert purge_orphans(s) == 2
    with db.session() as s:
        assert [d.payload for d in drafts_of(s, actor.user_id)] == [{"agenda": "uten ungdom"}]
