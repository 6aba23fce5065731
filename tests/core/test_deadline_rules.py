"""Every deadline rule, with the edge cases the issue names (Easter, 17 May, turning 30, leap day …)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from navdesk.domain.deadlines.engine import Decision, apply_decision, compute_youth
from navdesk.domain.deadlines.facts import (
    AbsenceFacts,
    ActionFacts,
    ActivityFacts,
    BenefitFacts,
    ConsentFacts,
    ContactFacts,
    EnrolmentFacts,
    MeetingFacts,
    PeriodFacts,
    PlacementFacts,
    TaskFacts,
    YouthFacts,
)
from navdesk.domain.deadlines.rules import RULES, default_settings
from navdesk.domain.deadlines.workdays import add_working_days, is_working_day

TODAY = date(2026, 11, 24)


def uid() -> str:
    return uuid.uuid4().hex


def period(reg: date, **kw) -> PeriodFacts:
    values = {
        "situation": "utenfor_arbeid_og_utdanning",
        "intensity": "normal",
        "closed_on": None,
        "outcome_report": None,
    }
    values.update(kw)
    return PeriodFacts(uid(), reg, **values)  # type: ignore[arg-type]


def youth(born: date = date(2004, 6, 1), **kw) -> YouthFacts:
    return YouthFacts(uuid.uuid4(), "Øystein Ås", "ØÅ", born, None, **kw)


def contact(day: date, by: str = "nav", outcome: str = "gjennomfort", hour: int = 10, **kw) -> ContactFacts:
    return ContactFacts(
        uid(), datetime(day.year, day.month, day.day, hour, tzinfo=UTC), day, by, outcome, **kw
    )


def of(rule: str, y: YouthFacts, today: date = TODAY, **settings):
    chosen = default_settings()
    if settings:
        chosen[rule] = replace(chosen[rule], params={**chosen[rule].params, **settings})
    return [d for d in compute_youth(y, today, chosen) if d.rule == rule]


# --------------------------------------------------------------------------- working days


def test_working_days_skip_easter_and_may_17():
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert add_working_days(date(2026, 4, 3), 2) == date(2026, 4, 8)  # over Easter Monday
    assert add_working_days(date(2027, 3, 24), 2) == date(2027, 3, 31)  # Maundy Thu, Good Fri, Easter Mon
    assert add_working_days(date(2027, 5, 14), 2) == date(2027, 5, 19)  # 17 May 2027 is a Monday
    assert add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 15)  # Ascension Day 14 May 2026


# --------------------------------------------------------------------------- followup_8w


def test_followup_8w_registered_on_good_friday():
    p = period(date(2026, 4, 3))
    [d] = of("followup_8w", youth(periods=(p,)), today=date(2026, 4, 10))
    assert d.due == date(2026, 5, 29) and d.state == "open"


def test_followup_8w_met_by_meeting_activity_or_club():
    reg = date(2026, 9, 1)
    p = period(reg)
    held = youth(periods=(p,), meetings=(MeetingFacts(uid(), date(2026, 9, 20), "gjennomfort"),))
    [d] = of("followup_8w", held)
    assert d.state == "done" and d.met_on == date(2026, 9, 20)
    planned = youth(periods=(p,), meetings=(MeetingFacts(uid(), date(2026, 9, 20), "planlagt"),))
    assert of("followup_8w", planned)[0].state == "open"
    started = youth(
        periods=(p,),
        activities=(ActivityFacts(uid(), "tiltak", "gjennomforer", "AFT", date(2026, 10, 2), None),),
    )
    assert of("followup_8w", started)[0].met_on == date(2026, 10, 2)
    club = youth(periods=(p,), enrolments=(EnrolmentFacts(uid(), date(2026, 9, 7), "deltar"),))
    assert of("followup_8w", club)[0].met_on == date(2026, 9, 7)
    only_meetings = of("followup_8w", club, met_by=["meeting_held"])
    assert only_meetings[0].state == "open"  # the office chose: only meetings count


def test_followup_8w_turning_30_during_the_8_weeks_is_still_covered():
    reg = date(2026, 10, 1)
    born = date(1996, 10, 15)  # 29 on registration day, 30 two weeks later
    [d] = of("followup_8w", youth(born, periods=(period(reg),)))
    assert d.state == "open" and d.due == reg + timedelta(days=56)


def test_followup_8w_none_at_30_on_registration_day():
    reg = date(2026, 10, 15)
    assert of("followup_8w", youth(date(1996, 10, 15), periods=(period(reg),))) == []


def test_followup_8w_leap_day_birthday():
    born = date(2000, 2, 29)
    assert of("followup_8w", youth(born, periods=(period(date(2030, 2, 28)),)), today=date(2030, 3, 5))
    assert of("followup_8w", youth(born, periods=(period(date(2030, 3, 1)),)), today=date(2030, 3, 5)) == []
    [d] = of("followup_8w", youth(periods=(period(date(2028, 2, 29)),)), today=date(2028, 3, 1))
    assert d.due == date(2028, 4, 25)


def test_followup_8w_not_applicable_in_work_at_registration():
    [d] = of("followup_8w", youth(periods=(period(date(2026, 11, 1), situation="i_arbeid"),)))
    assert d.state == "not_applicable"
    [d] = of("followup_8w", youth(periods=(period(date(2026, 11, 1), situation="i_utdanning"),)))
    assert d.state == "not_applicable"


def test_reopened_period_starts_a_new_clock():
    first = period(date(2025, 1, 10), closed_on=date(2025, 2, 1), outcome_report="ukjent")
    second = period(date(2026, 11, 2))
    items = of("followup_8w", youth(periods=(first, second)))
    by_period = {d.subject_id: d for d in items}
    assert by_period[second.id].due == date(2026, 12, 28) and by_period[second.id].state == "open"
    assert by_period[first.id].state == "not_applicable"
    assert len({d.key for d in items}) == 2


# --------------------------------------------------------------------------- contact rules


def test_first_contact():
    p = period(date(2026, 11, 10))
    [d] = of("first_contact", youth(periods=(p,)))
    assert d.due == date(2026, 11, 17) and d.overdue(TODAY)
    no_show = youth(periods=(p,), contacts=(contact(date(2026, 11, 12), outcome="ikke_mott"),))
    assert of("first_contact", no_show)[0].state == "open"
    held = youth(periods=(p,), contacts=(contact(date(2026, 11, 12)),))
    assert of("first_contact", held)[0].met_on == date(2026, 11, 12)


def test_answer_contact_across_easter_and_may_17():
    p = period(date(2027, 3, 1))
    asked = contact(date(2027, 3, 24), by="ungdom")
    [d] = of("answer_contact", youth(periods=(p,), contacts=(asked,)), today=date(2027, 3, 25))
    assert d.due == date(2027, 3, 31)
    asked_may = contact(date(2027, 5, 14), by="ungdom")
    answered = contact(date(2027, 5, 18), by="nav")
    [d] = of("answer_contact", youth(periods=(p,), contacts=(asked_may, answered)), today=date(2027, 5, 20))
    assert d.due == date(2027, 5, 19) and d.state == "done" and d.met_on == date(2027, 5, 18)


def test_answer_contact_needs_a_later_contact_from_nav():
    p = period(date(2026, 11, 1))
    asked = contact(date(2026, 11, 20), by="ungdom", hour=14)
    earlier = contact(date(2026, 11, 20), by="nav", hour=9)
    [d] = of("answer_contact", youth(periods=(p,), contacts=(earlier, asked)))
    assert d.state == "open" and d.due == date(2026, 11, 24)


def test_no_contact_by_intensity_and_the_clock_restarts():
    p = period(date(2026, 10, 1), intensity="tett")
    [d] = of("no_contact", youth(periods=(p,), contacts=(contact(date(2026, 11, 10)),)))
    assert d.due == date(2026, 11, 17) and d.overdue(TODAY)
    [d2] = of(
        "no_contact", youth(periods=(p,), contacts=(contact(date(2026, 11, 10)), contact(date(2026, 11, 20))))
    )
    assert d2.due == date(2026, 11, 27) and d2.key != d.key
    [m] = of("no_contact", youth(periods=(period(date(2026, 10, 1), intensity="minimum"),)))
    assert m.due == date(2026, 10, 1) + timedelta(days=182)


def test_notify_ot():
    p = period(date(2026, 11, 1))
    [d] = of("notify_ot", youth(date(2008, 1, 1), periods=(p,), school_status="avbrudd_i_aret"))
    assert d.due == date(2026, 11, 15) and d.state == "open"
    told = youth(date(2008, 1, 1), periods=(p,), contacts=(contact(date(2026, 11, 3), ot_notified=True),))
    assert of("notify_ot", told)[0].met_on == date(2026, 11, 3)
    assert of("notify_ot", youth(date(2004, 1, 1), periods=(p,))) == []  # 22 years old
    assert of("notify_ot", youth(date(2008, 1, 1), periods=(p,), school_status="fullfort")) == []


def test_club_absence_next_working_day():
    friday = date(2026, 11, 20)
    absence = AbsenceFacts(uid(), datetime(2026, 11, 20, 9, tzinfo=UTC), friday, "Jobbklubb høst")
    [d] = of("club_absence", youth(periods=(period(date(2026, 10, 1)),), absences=(absence,)))
    assert d.due == date(2026, 11, 23) and d.detail == "Jobbklubb høst"
    reached = youth(absences=(absence,), contacts=(contact(date(2026, 11, 20), hour=13),))
    assert of("club_absence", reached)[0].state == "done"


# --------------------------------------------------------------------------- activities, placements


def test_activity_end():
    running = ActivityFacts(uid(), "tiltak", "gjennomforer", "AFT", date(2026, 9, 1), date(2026, 11, 20))
    [d] = of("activity_end", youth(activities=(running,)))
    assert d.due == date(2026, 11, 20) and d.overdue(TODAY)
    done = replace(running, status="fullfort", changed_on=date(2026, 11, 19))
    assert of("activity_end", youth(activities=(done,)))[0].met_on == date(2026, 11, 19)
    extended = replace(running, to_date=date(2027, 1, 31))
    assert of("activity_end", youth(activities=(extended,)))[0].key != d.key
    proposal = replace(running, status="forslag")
    assert of("activity_end", youth(activities=(proposal,))) == []
    meeting = replace(running, type="mote", status="planlegger")  # a meeting in the plan: nothing ends
    assert of("activity_end", youth(activities=(meeting,))) == []


def test_after_start_follow_up_at_7_30_90_days():
    closed = period(date(2026, 1, 5), closed_on=date(2026, 10, 1), outcome_report="arbeid")
    items = of("after_start", youth(periods=(closed,), contacts=(contact(date(2026, 10, 9)),)))
    assert [(d.due, d.state) for d in items] == [
        (date(2026, 10, 8), "done"), (date(2026, 10, 31), "open"), (date(2026, 12, 30), "open")]  # fmt: skip
    moved = period(date(2026, 1, 5), closed_on=date(2026, 10, 1), outcome_report="ukjent")
    assert of("after_start", youth(periods=(moved,))) == []


def test_placement_follow_up_every_14_days():
    placement = PlacementFacts(uid(), "Coop Extra", date(2026, 11, 2), None, 14)
    [d] = of("placement_followup", youth(placements=(placement,)))
    assert d.due == date(2026, 11, 16) and d.overdue(TODAY)
    visited = contact(date(2026, 11, 18), placement_id=placement.id)
    [d2] = of("placement_followup", youth(placements=(placement,), contacts=(visited,)))
    assert d2.due == date(2026, 12, 2)


# --------------------------------------------------------------------------- consent, benefits, age, school


def test_consent_expiry_renewed_or_withdrawn():
    org = uid()
    old = ConsentFacts(uid(), date(2025, 12, 1), date(2026, 12, 1), None, frozenset({org}))
    [d] = of("consent_expiry", youth(consents=(old,)))
    assert d.due == date(2026, 11, 1) and d.overdue(TODAY)
    renewed = ConsentFacts(uid(), date(2026, 11, 20), date(2027, 11, 20), None, frozenset({org}))
    items = {x.subject_id: x for x in of("consent_expiry", youth(consents=(old, renewed)))}
    assert items[old.id].met_on == date(2026, 11, 20)
    withdrawn = replace(old, withdrawn_on=date(2026, 11, 5))
    assert of("consent_expiry", youth(consents=(withdrawn,)))[0].met_on == date(2026, 11, 5)


def test_aap_end_six_and_three_months_before_three_years():
    benefit = BenefitFacts(uid(), "aap", date(2024, 8, 31), None)
    items = of("aap_end", youth(benefits=(benefit,)))
    assert [d.due for d in items] == [date(2027, 2, 28), date(2027, 5, 31)]
    assert of("aap_end", youth(benefits=(BenefitFacts(uid(), "sosialhjelp", date(2024, 8, 31), None),))) == []


def test_age_milestones():
    p = period(date(2026, 9, 1))
    items = {d.detail: d.due for d in of("age_milestone", youth(date(2008, 12, 20), periods=(p,)))}
    assert items == {"18": date(2026, 11, 20)}  # 21 is four years away: beyond the horizon
    items = {
        d.detail: d.due for d in of("age_milestone", youth(date(2006, 3, 1), periods=(p,)), horizon_days=2000)
    }
    assert items["21"] == date(2027, 12, 1)  # 30 days before the end of the year they turn 21


def test_school_year():
    p = period(date(2026, 3, 1))
    at_risk = youth(date(2009, 1, 1), periods=(p,), school_status="i_faresonen")
    items = {d.key.rsplit(":", 1)[1]: d.due for d in of("school_year", at_risk, today=date(2026, 6, 1))}
    assert items == {"2026-at_risk": date(2026, 9, 15), "2026-started": date(2026, 8, 25)}
    assert of("school_year", youth(date(2000, 1, 1), periods=(p,), school_status="i_faresonen")) == []


def test_outcome_snapshot_and_reassess():
    p = period(
        date(2026, 8, 31), innsats=((date(2026, 9, 10), "standard_innsats"),), snapshot_months=frozenset({1})
    )
    snaps = of("outcome_snapshot", youth(periods=(p,)))
    assert [(d.due, d.state) for d in snaps] == [
        (date(2026, 9, 30), "done"), (date(2026, 11, 30), "open"), (date(2027, 2, 28), "open"), (date(2027, 5, 31), "open")]  # fmt: skip
    [r] = of("reassess", youth(periods=(p,)))
    assert r.due == date(2026, 11, 30) and r.state == "open"
    redecided = replace(p, innsats=(*p.innsats, (date(2026, 11, 1), "situasjonsbestemt_innsats")))
    assert of("reassess", youth(periods=(redecided,)))[0].met_on == date(2026, 11, 1)
    assert (
        of(
            "reassess",
            youth(periods=(replace(p, innsats=((date(2026, 9, 10), "varig_tilpasset_innsats"),)),)),
        )
        == []
    )


def test_meeting_actions_and_manual_tasks():
    action = ActionFacts(uid(), uid(), "Sende CV", date(2026, 11, 20), None)
    [a] = of("meeting_action", youth(actions=(action,)))
    assert a.overdue(TODAY) and a.detail == "Sende CV"
    assert (
        of("meeting_action", youth(actions=(replace(action, done_on=date(2026, 11, 21)),)))[0].state == "done"
    )
    task = TaskFacts(uid(), "Ringe skolen", date(2026, 11, 30), None)
    [t] = of("manual", youth(tasks=(task,)))
    assert t.state == "open" and not t.overdue(TODAY)


# --------------------------------------------------------------------------- decisions, settings


def test_decisions_snooze_done_not_applicable():
    p = period(date(2026, 10, 1))
    [d] = of("first_contact", youth(periods=(p,)))
    assert apply_decision(d, Decision("snoozed", date(2026, 12, 1), "Syk"), TODAY).state == "snoozed"
    expired = apply_decision(d, Decision("snoozed", date(2026, 11, 20), "Syk"), TODAY)
    assert expired.state == "open"  # a snooze that has run out opens the deadline again
    assert apply_decision(d, Decision("done", None, "Ringte", date(2026, 11, 2)), TODAY).met_on == date(
        2026, 11, 2
    )
    assert apply_decision(d, Decision("not_applicable", None, "Flyttet"), TODAY).state == "not_applicable"


def test_disabled_rule_gives_nothing_and_every_rule_has_a_function():
    from navdesk.domain.deadlines.engine import RULE_FUNCTIONS

    assert set(RULE_FUNCTIONS) == {r.id for r in RULES}
    settings = default_settings()
    settings["first_contact"] = replace(settings["first_contact"], enabled=False)
    y = youth(periods=(period(date(2026, 11, 10)),))
    assert not [d for d in compute_youth(y, TODAY, settings) if d.rule == "first_contact"]


@pytest.mark.parametrize("rule", [r.id for r in RULES])
def test_every_rule_has_name_explanation_met_by_and_source(rule):
    from navdesk.domain.deadlines.rules import RULES_BY_ID

    r = RULES_BY_ID[rule]
    assert r.name and r.explanation and r.met_by and r.source
