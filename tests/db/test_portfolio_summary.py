"""The portfolio's stored per-youth summary (last contact, open registration date, in an activity)
follows every change of the data it summarises, on the three backends — through the use cases, and
through plain SQL that bypasses them (as a bulk insert or another client would)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import delete, text, update

from navdesk.db.models import Contact, FollowUpPeriod
from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import oslo_day
from navdesk.services import contacts, followup, plans, youths
from navdesk.services.office import catalogue

# What the portfolio showed before migration 0003 stored it: computed from the data every time.
RECOMPUTED = """
SELECT y.id,
       (SELECT max(p.registration_date) FROM follow_up_period p WHERE p.youth_id = y.id AND p.closed_on IS NULL),
       (SELECT max(c.at) FROM contact c WHERE c.youth_id = y.id),
       EXISTS (SELECT 1 FROM activity a WHERE a.youth_id = y.id AND a.status = 'gjennomforer')
  FROM youth y
"""


def _rows(db) -> dict:
    with db.session() as s:
        return {row.id: row for row in youths.portfolio_rows(s)}


def _assert_current(db) -> None:
    """Every youth's stored summary equals the summary computed from the data."""
    rows = _rows(db)
    with db.session() as s:
        for yid, registered, last_at, active in s.execute(text(RECOMPUTED)):
            row: YouthRow = rows[yid if isinstance(yid, uuid.UUID) else uuid.UUID(str(yid))]
            assert row.registered == (date.fromisoformat(str(registered)[:10]) if registered else None)
            assert (row.last_contact is None) == (last_at is None)
            assert row.in_activity == bool(active)


def test_summary_follows_use_cases_and_plain_sql(office) -> None:
    db, actor = office
    now = datetime.now(UTC).replace(microsecond=0)
    with db.session() as s, s.begin():
        a = youths.create_youth(s, actor, first_name="Øystein", last_name="Aas", birth_date=date(2005, 1, 1))
        b = youths.create_youth(s, actor, first_name="Åse", last_name="Bø", birth_date=date(2004, 2, 2))
    assert _rows(db)[a].registered is None and not _rows(db)[a].in_activity
    _assert_current(db)

    with db.session() as s, s.begin():
        pid = followup.open_period(s, actor, a, registration_date=now.date() - timedelta(days=10))
        contacts.log_contact(s, actor, a, at=now - timedelta(days=3), channel="telefon")
        contacts.log_contact(s, actor, a, at=now - timedelta(days=1), channel="samtale")
        act = plans.add_activity(s, actor, a, type="egenaktivitet", title="Søke jobb i barnehage")
        plans.set_activity_status(s, actor, act, 1, "gjennomforer")
    row = _rows(db)[a]
    assert row.registered == now.date() - timedelta(days=10)
    assert row.last_contact == oslo_day(now - timedelta(days=1))
    assert row.in_activity
    _assert_current(db)

    # closing the period, finishing the activity, deleting the newest contact
    with db.session() as s, s.begin():
        outcome = catalogue(s, "outcome")["utdanning"]
        followup.close_period(s, actor, pid, 1, closed_on=now.date(), outcome_id=outcome)
        plans.set_activity_status(s, actor, act, 2, "fullfort")
        newest = s.query(Contact).filter(Contact.youth_id == a).order_by(Contact.at.desc()).first()
        s.delete(newest)
    row = _rows(db)[a]
    assert row.registered is None and not row.in_activity
    assert row.last_contact == oslo_day(now - timedelta(days=3))
    _assert_current(db)

    # plain SQL, as another client or a bulk insert would write: moving a period to another youth
    with db.session() as s, s.begin():
        pid2 = followup.open_period(s, actor, a, registration_date=now.date())
        s.execute(update(FollowUpPeriod).where(FollowUpPeriod.id == pid2).values(youth_id=b))
        s.execute(delete(Contact).where(Contact.youth_id == a))
    rows = _rows(db)
    assert rows[a].registered is None and rows[a].last_contact is None
    assert rows[b].registered == now.date()
    _assert_current(db)
