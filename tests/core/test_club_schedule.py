"""Group schedules: the three patterns, and Norwegian public holidays skipped (Easter, 17 May …)."""

from __future__ import annotations

from datetime import date, time

import pytest

from navdesk.domain.schedule import COUNT, WEEKLY, WEEKS, Pattern, PatternError, generate, holiday_name

MON, TUE, WED, THU, FRI = range(5)


def test_weekly_across_easter_and_17_may_2027_skips_the_holidays():
    # spring 2027: Skjærtorsdag 25.3, Langfredag 26.3, 2. påskedag 29.3, Kristi himmelfart 6.5,
    # 17 May (also 2. pinsedag) on a Monday
    pattern = Pattern(WEEKLY, date(2027, 3, 15), (MON, THU), last_day=date(2027, 5, 20))
    schedule = generate(pattern)
    skipped = dict(schedule.skipped)
    assert set(skipped) == {date(2027, 3, 25), date(2027, 3, 29), date(2027, 5, 6), date(2027, 5, 17)}
    assert "Grunnlovsdag" in skipped[date(2027, 5, 17)] and skipped[date(2027, 3, 25)] == "Skjærtorsdag"
    assert not set(skipped) & set(schedule.days)
    assert schedule.days[0] == date(2027, 3, 15) and schedule.days[-1] == date(2027, 5, 20)
    assert all(d.weekday() in (MON, THU) for d in schedule.days)
    assert len(schedule.days) + len(skipped) == 20  # ten weeks, two days a week


def test_a_fixed_number_of_samlinger_goes_on_past_the_holidays():
    # four samlinger on Thursdays from Easter 2026 (Skjærtorsdag 2.4) over Ascension (14.5)
    schedule = generate(Pattern(COUNT, date(2026, 4, 2), (THU,), count=4))
    assert schedule.days == [date(2026, 4, 9), date(2026, 4, 16), date(2026, 4, 23), date(2026, 4, 30)]
    assert [d for d, _name in schedule.skipped] == [date(2026, 4, 2)]
    may = generate(Pattern(COUNT, date(2026, 5, 11), (MON, TUE, WED, THU, FRI), count=6))
    # 14.5 Kristi himmelfartsdag, 17.5 is a Sunday in 2026, 25.5 2. pinsedag
    assert date(2026, 5, 14) not in may.days and len(may.days) == 6
    assert may.days[-1] == date(2026, 5, 19)


def test_n_days_a_week_for_n_weeks_counts_whole_weeks_from_the_first_day():
    # three days a week for two weeks from Wednesday 13.5.2026: the first week starts on its Monday
    schedule = generate(Pattern(WEEKS, date(2026, 5, 13), (MON, WED, FRI), weeks=2))
    assert schedule.days == [date(2026, 5, 13), date(2026, 5, 15), date(2026, 5, 18), date(2026, 5, 20),
                             date(2026, 5, 22)]  # fmt: skip
    assert schedule.skipped == []
    assert holiday_name(date(2026, 5, 17)) == "Grunnlovsdag"
    assert holiday_name(date(2026, 5, 17), "en") == "Constitution Day"


def test_bad_patterns_are_refused_and_round_trip_through_json():
    with pytest.raises(PatternError):
        Pattern(WEEKLY, date(2026, 5, 1), (), last_day=date(2026, 6, 1))
    with pytest.raises(PatternError):
        Pattern(WEEKLY, date(2026, 5, 1), (MON,), last_day=date(2026, 4, 1))
    with pytest.raises(PatternError):
        Pattern(WEEKS, date(2026, 5, 1), (MON,), weeks=0)
    with pytest.raises(PatternError):
        Pattern(COUNT, date(2026, 5, 1), (MON,), count=201)
    with pytest.raises(PatternError):
        generate(Pattern(WEEKLY, date(2026, 1, 1), (MON, TUE, WED), last_day=date(2028, 1, 1)))
    pattern = Pattern(WEEKS, date(2026, 5, 13), (MON, WED), start_time=time(9, 30), duration_min=90, weeks=3)
    assert Pattern.from_json(pattern.as_json()) == pattern
