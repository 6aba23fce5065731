"""The deadline service on real databases: facts loaded right, decisions stored, one youth recomputed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from navdesk.db.models import AuditEvent, DeadlineDecision, User
from navdesk.demo import build_demo
from navdesk.domain.enums import AccessRole
from navdesk.errors import InvalidInput
from navdesk.services import contacts, deadlines, followup, youths
from navdesk.services.context import actor_for

OSLO = ZoneInfo("Europe/Oslo")
TODAY = date(2026, 11, 24)


def _youth_with_period(db, actor, reg):
    with db.session() as s, s.begin():
        yid = youths.create_youth(
            s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2003, 4, 2)
        )
        followup.open_period(s, actor, yid, registration_date=reg)
    return yid


def test_answer_contact_uses_the_local_date_across_midnight(office):
    """00:30 on Monday night in Oslo is still Sunday in UTC; the deadline counts from Monday."""
    db, actor = office
    yid = _youth_with_period(db, actor, date(2026, 3, 2))
    at = datetime(2026, 3, 30, 0, 30, tzinfo=OSLO)  # the day after summer time began
    with db.session() as s, s.begin():
        contacts.log_contact(s, actor, yid, at=at, channel="sms", initiated_by="ungdom")
    with db.session() as s:
        [d] = [x for x in deadlines.compute(s, date(2026, 3, 30), [yid]) if x.rule == "answer_contact"]
    assert d.due == date(2026, 4, 1)


def test_decisions_are_stored_audited_and_applied(office):
    db, actor = office
    yid = _youth_with_period(db, actor, date(2026, 11, 2))
    with db.session() as s:
        [first] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "first_contact"]
    assert first.overdue(TODAY)
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        deadlines.decide(s, actor, first.key, "done", reason=" ", youth_id=yid, today=TODAY)
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        deadlines.decide(s, actor, first.key, "snoozed", reason="Syk", until=TODAY, youth_id=yid, today=TODAY)
    with db.session() as s, s.begin():
        deadlines.decide(
            s,
            actor,
            first.key,
            "snoozed",
            reason="Syk",
            until=TODAY + timedelta(days=7),
            youth_id=yid,
            today=TODAY,
        )
    with db.session() as s:
        [again] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.key == first.key]
        assert again.state == "snoozed" and again.reason == "Syk"
        [later] = [d for d in deadlines.compute(s, TODAY + timedelta(days=8), [yid]) if d.key == first.key]
        assert later.state == "open"
        assert (
            s.scalars(select(AuditEvent).where(AuditEvent.entity == "deadline_decision")).first() is not None
        )
    with db.session() as s, s.begin():
        deadlines.decide(s, actor, first.key, "open", reason="", youth_id=yid, today=TODAY)
    with db.session() as s:
        assert s.scalars(select(DeadlineDecision)).first() is None


def test_a_contact_meets_the_deadline_automatically(office):
    db, actor = office
    yid = _youth_with_period(db, actor, date(2026, 11, 2))
    with db.session() as s, s.begin():
        contacts.log_contact(s, actor, yid, at=datetime(2026, 11, 5, 10, tzinfo=OSLO), channel="telefon")
    with db.session() as s:
        [first] = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "first_contact"]
    assert first.state == "done" and first.met_on == date(2026, 11, 5)


def test_refreshing_one_youth_equals_a_full_recomputation(db):
    with db.session() as s, s.begin():
        build_demo(s, youths=15, seed=4, today=TODAY)
    with db.session() as s:
        book = deadlines.DeadlineBook.build(s, TODAY)
        actor = actor_for(s)
        target = youths.portfolio_rows(s)[3].id
    other_lists = {k: v for k, v in book.by_youth.items() if k != target}
    with db.session() as s, s.begin():
        contacts.log_contact(s, actor, target, at=datetime(2026, 11, 23, 9, tzinfo=OSLO), channel="telefon")
    with db.session() as s:
        book.refresh_youth(s, target)
        fresh = deadlines.DeadlineBook.build(s, TODAY)
    assert sorted(book.all(), key=lambda d: d.key) == sorted(fresh.all(), key=lambda d: d.key)
    assert all(book.by_youth[k] is v for k, v in other_lists.items())  # the others were not recomputed


def test_office_rules_are_data_admin_only(office):
    db, actor = office
    with db.session() as s:
        assert deadlines.rule_settings(s)["no_contact"].params["normal"] == 30
    with db.session() as s, s.begin():
        deadlines.update_rule(s, actor, "no_contact", params={"normal": 21})
        deadlines.update_rule(s, actor, "school_year", enabled=False)
    with db.session() as s:
        settings = deadlines.rule_settings(s)
        assert settings["no_contact"].params["normal"] == 21 and not settings["school_year"].enabled
        user = s.scalars(select(User)).first()
        assert user is not None
    from navdesk.services.office import add_user

    with db.session() as s, s.begin():
        add_user(s, actor, name="Ola Bø", initials="OB", password="passord123")
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        deadlines.update_rule(s, actor_for(s, "OB"), "no_contact", params={"normal": 5})
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        deadlines.update_rule(s, actor, "no_contact", params={"weekly": 5})
    assert actor.access_role is AccessRole.ADMIN


@pytest.mark.parametrize(
    ("rule", "params"),
    [
        ("after_start", {"offsets": [7, "x"]}),
        ("after_start", {"offsets": []}),
        ("school_year", {"at_risk_day": "02-30"}),
        ("followup_8w", {"met_by": []}),
        ("followup_8w", {"met_by": ["phase_of_moon"]}),
        ("no_contact", {"normal": -1}),
        ("no_contact", {"normal": True}),
    ],
)
def test_rule_parameters_keep_their_shape(office, rule, params):
    db, actor = office
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        deadlines.update_rule(s, actor, rule, params=params)
    with db.session() as s, s.begin():
        deadlines.update_rule(s, actor, "school_year", params={"at_risk_day": "09-20"})
        deadlines.update_rule(s, actor, "followup_8w", params={"met_by": ["meeting_held"]})
    with db.session() as s:
        settings = deadlines.rule_settings(s)
        assert (
            settings["school_year"].params["at_risk_day"] == "09-20" and settings["school_year"].version >= 2
        )
