"""Property tests (hypothesis): working-day deadlines and incremental = full computation."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from navdesk.domain.deadlines.engine import compute_all, compute_youth
from navdesk.domain.deadlines.facts import AbsenceFacts, ContactFacts, PeriodFacts, YouthFacts
from navdesk.domain.deadlines.workdays import _holidays, add_working_days, is_working_day

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


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
