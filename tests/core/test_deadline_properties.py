"""Property tests (hypothesis): working-day deadlines and incremental = full computation."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from navdesk.domain.deadlines.engine import compute_all, compute_with_validity, compute_youth
from navdesk.domain.deadlines.facts import (
    AbsenceFacts,
    BenefitFacts,
    ContactFacts,
    EnrolmentFacts,
    PeriodFacts,
    PlacementFacts,
    YouthFacts,
)
from navdesk.domain.deadlines.rules import default_settings
from navdesk.domain.deadlines.workdays import _holidays, add_working_days, is_working_day

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(deadline=None)  # the first call builds a year's holidays; a loaded machine took 312 ms
@given(days, st.integers(min_value=1, max_value=15))
def test_working_day_deadline_never_on_weekend_or_holiday(start, n):
    due = add_working_days(start, n)
    assert due.weekday() < 5 and due not in _holidays(due.year)
    between = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(is_working_day(d) for d in between) == n


@st.composite
def youths(draw):
    reg = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 11, 24)))
    periods = (PeriodFacts(uuid.uuid4().hex, reg, draw(st.sampled_from(["utenfor_arbeid_og_utdanning", "i_arbeid"])),
                           draw(st.sampled_from(["tett", "normal", "minimum"])), None, None),)  # fmt: skip
    contacts = []
    for day in draw(st.lists(st.dates(min_value=reg, max_value=date(2026, 11, 24)), max_size=5)):
        contacts.append(ContactFacts(uuid.uuid4().hex, datetime(day.year, day.month, day.day, 12, tzinfo=UTC), day,
                                     draw(st.sampled_from(["ungdom", "nav"])), "gjennomfort"))  # fmt: skip
    absences = tuple(
        AbsenceFacts(uuid.uuid4().hex, datetime(d.year, d.month, d.day, 9, tzinfo=UTC), d, "Jobbklubb")
        for d in draw(st.lists(st.dates(min_value=reg, max_value=date(2026, 11, 24)), max_size=2))
    )
    born = draw(st.dates(min_value=date(1994, 1, 1), max_value=date(2010, 1, 1)))
    return YouthFacts(uuid.uuid4(), "Test", "T", born, None, school_status=draw(st.sampled_from([None, "i_faresonen"])),
                      periods=periods, contacts=tuple(sorted(contacts, key=lambda c: c.at)), absences=absences)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(youths(), min_size=1, max_size=6), st.integers(min_value=0, max_value=5))
def test_recomputing_one_youth_equals_the_full_computation(group, pick):
    today = date(2026, 11, 24)
    full = compute_all(group, today)
    target = group[pick % len(group)]
    assert compute_youth(target, today) == [d for d in full if d.youth_id == target.id]


@settings(max_examples=60, deadline=None)
@given(youths())
def test_working_day_rules_never_fall_on_days_off(y):
    for d in compute_youth(y, date(2026, 11, 24)):
        if d.rule in ("answer_contact", "club_absence"):
            assert is_working_day(d.due), d


TODAY = date(2026, 11, 24)
near = st.dates(min_value=TODAY - timedelta(days=400), max_value=TODAY + timedelta(days=400))


@st.composite
def time_sensitive_youths(draw):
    """Youths whose deadlines depend on the date: recent contacts from the youth, club starts to come,
    AAP and placements ending, birthdays near the milestones, a school status."""
    base = draw(youths())
    around = lambda: draw(near)  # noqa: E731
    contacts = sorted(
        [*base.contacts, *(ContactFacts(uuid.uuid4().hex, datetime(d.year, d.month, d.day, 10, tzinfo=UTC), d,
                                        "ungdom", "gjennomfort")
                           for d in draw(st.lists(st.dates(min_value=TODAY - timedelta(days=90), max_value=TODAY),
                                                  max_size=3)))],
        key=lambda c: c.at,
    )  # fmt: skip
    enrolments = tuple(
        EnrolmentFacts(
            uuid.uuid4().hex, around(), draw(st.sampled_from(["deltar", "venteliste", "fullfort"]))
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    benefits = tuple(
        BenefitFacts(uuid.uuid4().hex, "aap", around() - timedelta(days=800), draw(st.none() | near))
        for _ in range(draw(st.integers(0, 2)))
    )
    placements = tuple(
        PlacementFacts(uuid.uuid4().hex, "Kiwi Ås", around() - timedelta(days=60), draw(st.none() | near), 14)
        for _ in range(draw(st.integers(0, 2)))
    )
    born = draw(st.dates(min_value=date(1996, 1, 1), max_value=date(2009, 12, 31)))
    return replace(base, birth_date=born, contacts=tuple(contacts), enrolments=enrolments, benefits=benefits,
                   placements=placements, school_status=draw(st.sampled_from([None, "i_faresonen", "elev_aktiv"])))  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(time_sensitive_youths(), st.integers(min_value=1, max_value=800))
def test_a_result_holds_until_its_validity_ends(youth, later):
    """What a stored cache relies on: the deadlines computed today are the deadlines of every later day
    before the validity ends, and the day the validity ends is one where they may change."""
    [(_y, today_result, valid_until)] = compute_with_validity([youth], TODAY)
    assert valid_until > TODAY
    assert today_result == compute_youth(youth, TODAY)
    day = TODAY + timedelta(days=later)
    if valid_until != date.max:
        day = min(day, valid_until - timedelta(days=1))  # up to the last day it claims to hold
    assert compute_youth(youth, day) == today_result, (day, valid_until)


def _minimal(**facts) -> YouthFacts:
    period = PeriodFacts(uuid.uuid4().hex, TODAY - timedelta(days=20), "utenfor_arbeid_og_utdanning", "normal",
                         None, None)  # fmt: skip
    values = {"birth_date": date(2004, 6, 1), "veileder_id": None, "periods": (period,), **facts}
    return YouthFacts(uuid.uuid4(), "Test", "T", **values)


def test_validity_ends_exactly_when_a_date_changes_the_result() -> None:
    """Each kind of date dependence, alone: the result holds the day before and changes on the day."""
    cases = {
        "a jobbklubb start meets followup_8w": _minimal(
            enrolments=(EnrolmentFacts("c1", TODAY + timedelta(days=10), "deltar"),)
        ),
        "the school-year checks move on 1 November": _minimal(school_status="elev_aktiv", birth_date=date(2008, 1, 5)),
        "21 years old: no more school-year checks": _minimal(school_status="elev_aktiv", birth_date=date(2006, 2, 3)),
        "an AAP period that ends": _minimal(benefits=(BenefitFacts("b1", "aap", date(2025, 1, 1), TODAY + timedelta(days=40)),)),
    }  # fmt: skip
    # without the age milestones, whose own dates would end the validity first
    rules = {k: replace(v, enabled=k != "age_milestone") for k, v in default_settings().items()}
    for label, youth in cases.items():
        [(_y, result, valid_until)] = compute_with_validity([youth], TODAY, rules)
        assert valid_until != date.max, label
        assert compute_youth(youth, valid_until - timedelta(days=1), rules) == result, label
        assert compute_youth(youth, valid_until, rules) != result, label
