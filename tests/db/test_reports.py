"""The office report's indicators against a hand-computed office, on the three backends: the
evaluation's 8-week bins at their boundaries, the period's first and last day, a reopened period,
first contact and activity, status at 1 month with a veileder's correction, caseload, youths without
activity, outcomes, contact routes; the veileder scope; no names in anything rendered."""

from __future__ import annotations

import re
from datetime import date, datetime, time

import pytest

from navdesk.domain.enums import ReportStatus
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput
from navdesk.services import contacts, followup, plans, reports, youths
from navdesk.services.office import add_user, catalogue
from navdesk.services.reports import ReportParams, build_report

START, END, TODAY = date(2026, 1, 5), date(2026, 6, 30), date(2026, 11, 30)
NAMES = ["Anna", "Bjørn", "Cecilie", "Dag", "Eva", "Frode", "Gro", "Hans", "Ivar"]


def _started(s, actor, youth, on):
    activity = plans.add_activity(s, actor, youth, type="jobbsoking", title="Søke jobber")
    plans.set_activity_status(s, actor, activity, 1, "gjennomforer", on=on)


def _contact(s, actor, youth, day):
    contacts.log_contact(s, actor, youth, at=datetime.combine(day, time(10), OSLO), channel="samtale")


@pytest.fixture
def office_data(office):
    db, actor = office
    with db.session() as s, s.begin():
        ob = add_user(
            s, actor, name="Ola Berg", initials="OB", password="passord123", job_role="jobbspesialist"
        )
        y = {n: youths.create_youth(s, actor, first_name=n, last_name="Testesen",
                                    birth_date=date(1990, 5, 5) if n == "Ivar" else date(2004, 2, 2))
             for n in NAMES}  # fmt: skip
        reg = {"Anna": START, "Bjørn": date(2026, 2, 1), "Cecilie": date(2026, 3, 1), "Dag": END,
               "Eva": date(2026, 7, 1), "Frode": date(2025, 12, 31), "Gro": date(2026, 1, 10),
               "Hans": date(2026, 2, 2), "Ivar": date(2026, 2, 2)}  # fmt: skip
        periods = {}
        for n, day in reg.items():
            periods[n] = followup.open_period(
                s, actor, y[n], registration_date=day, situation="i_arbeid" if n == "Hans" else "utenfor_arbeid_og_utdanning",
                contact_route="oppsokende" if n == "Anna" else "nav_no",
            )  # fmt: skip
        _started(s, actor, y["Anna"], date(2026, 1, 19))  # 14 days: 1–2 weeks
        _started(s, actor, y["Bjørn"], date(2026, 3, 1))  # 28 days: 3–4 weeks
        _started(s, actor, y["Cecilie"], date(2026, 4, 19))  # 49 days: 5–7 weeks
        _contact(s, actor, y["Anna"], date(2026, 1, 6))  # 1 day
        _contact(s, actor, y["Bjørn"], date(2026, 2, 4))  # 3 days
        _contact(s, actor, y["Hans"], date(2026, 6, 20))  # 10 days before the last day
        # Gro: closed without follow-up, then reopened; the second period met on day 56 (8 weeks)
        followup.close_period(s, actor, periods["Gro"], 1, closed_on=date(2026, 2, 10),
                              outcome_id=catalogue(s, "outcome")["mistet_kontakt"])  # fmt: skip
        periods["Gro2"] = followup.reopen_period(s, actor, y["Gro"], registration_date=date(2026, 4, 1))
        _contact(s, actor, y["Gro"], date(2026, 4, 2))
        _started(s, actor, y["Gro"], date(2026, 5, 27))
        youths.update_youth(
            s, actor, y["Anna"], youths.open_youth(s, actor, y["Anna"]).version, veileder_id=ob
        )
    return db, actor, y, periods


def _table(report, key):
    return next(t for t in report.tables if t.key == key)


def test_indicators_against_hand_computed_figures(office_data):
    db, actor, _y, periods = office_data
    with db.session() as s, s.begin():
        reports.confirm_status(s, actor, periods["Anna"], 1, ReportStatus.ARBEID)
        report = build_report(s, ReportParams(START, END, lang="en", today=TODAY))
    # 8 periods registered 05.01.–30.06. (Eva after, Frode before; Gro twice)
    assert [c[0] for c in _table(report, "followup_8w").cells] == [1, 1, 1, 1, 0, 1, 1, 1, 1]
    contact, activity = _table(report, "days_to_first").spreads
    assert (contact.n, contact.median) == (4, 2.0)  # Anna 1, Bjørn 3, Gro (2nd) 1, Hans 138
    assert (activity.n, activity.median) == (4, 38.5)  # 14, 28, 49, 56
    status = _table(report, "status_months")
    # arbeid, utdanning, tiltak, annen aktivitet, ingen aktivitet, ukjent: Anna corrected to work; Bjørn's
    # activity runs from that very day; Gro's first period closed (lost contact: unknown); Dag not due
    # yet on 30.11. is counted for month 1 (30.07.)
    assert [row[0] for row in status.cells] == [1, 0, 0, 1, 5, 1]
    # 9 months (due by 30.11. for those registered by 28.02.): Anna and Bjørn active, Hans and Ivar not,
    # Gro's first period unknown
    assert [row[3] for row in status.cells] == [0, 0, 0, 2, 2, 1]
    confirmed = _table(report, "status_confirmed").cells
    assert confirmed == [[1, 0, 0, 0], [1, 0, 0, 0]]
    ages = _table(report, "caseload_age")
    assert sum(sum(row) for row in ages.cells) == 8  # open on 30.06.: not Gro's first period, not Eva
    assert sum(row[3] for row in ages.cells) == 1  # Ivar is 36
    assert any(
        label.startswith("OB") and row == [0, 1, 0, 0]
        for label, row in zip(ages.row_labels, ages.cells, strict=False)
    )
    inactive = dict(
        zip(
            _table(report, "inactive").row_labels,
            (c[0] for c in _table(report, "inactive").cells),
            strict=False,
        )
    )
    assert inactive["8–30 days"] == 1 and inactive["No contact recorded"] == 3  # Hans; Dag, Frode, Ivar
    outcomes = _table(report, "outcomes")
    assert sum(c[0] for c in outcomes.cells) == 1
    routes = _table(report, "routes").cells
    assert sum(r[0] or 0 for r in routes) == 1 and sum(r[1] or 0 for r in routes) == 7


def test_status_derivation_and_correction(office_data):
    db, actor, _y, periods = office_data
    with db.session() as s, s.begin():
        assert reports.derived_status(s, periods["Anna"], 1) == "annen_aktivitet"
        assert reports.derived_status(s, periods["Gro"], 1) == "ukjent"
        assert reports.derived_status(s, periods["Cecilie"], 1) == "ingen_aktivitet"
        reports.confirm_status(s, actor, periods["Cecilie"], 1, "utdanning")
        reports.confirm_status(s, actor, periods["Cecilie"], 1, "tiltak")
        with pytest.raises(InvalidInput):
            reports.confirm_status(s, actor, periods["Cecilie"], 2, "tiltak")
        report = build_report(s, ReportParams(START, END, lang="en", today=TODAY))
    assert _table(report, "status_confirmed").cells[1][0] == 1  # corrected


def test_veileder_scope_threshold_and_no_names(office_data):
    db, actor, _y, _periods = office_data
    with db.session() as s, s.begin():
        mine = build_report(s, ReportParams(START, END, veileder="ob", lang="nb", today=TODAY))
        with pytest.raises(InvalidInput):
            build_report(s, ReportParams(START, END, veileder="ZZ", today=TODAY))
        with pytest.raises(InvalidInput):
            build_report(s, ReportParams(END, START, today=TODAY))
        with pytest.raises(InvalidInput):
            reports.set_threshold(s, actor, 2)
        reports.set_threshold(s, actor, 3)
        office = build_report(s, ReportParams(START, END, lang="nb", today=TODAY))
    assert sum(c[0] for c in _table(mine, "followup_8w").cells) == 1
    assert office.threshold == 3

    def text(report):
        return " ".join(
            " ".join(" ".join([t.title, *t.header, *r]) for r in t.rows) for t in report.rendered()
        )

    assert "< 3" in text(office) and "< 5" not in text(office) and "< 5" in text(mine)
    words = set(re.findall(r"\w+", text(office) + " " + text(mine)))
    assert not words & {*NAMES, "Testesen"}


def test_groups_and_preventive_activities(office_data):
    """A jobbklubb in March (two samlinger) with Hans and Ivar: participants, attendance, days to start;
    two talks held in the period and one after it."""
    from navdesk.domain.schedule import COUNT, Pattern
    from navdesk.services import clubs, partners

    db, actor, y, _periods = office_data
    with db.session() as s, s.begin():
        club = clubs.create_club(s, actor, name="Jobbklubb vår")
        planned = clubs.plan_sessions(
            s, actor, club, Pattern(COUNT, date(2026, 3, 2), (0, 2), time(10), 120, count=2)
        )
        marks = {"Hans": ("til_stede", "til_stede"), "Ivar": ("ikke_mott", "kom_for_sent")}
        for name, values in marks.items():
            enrolment = clubs.enrol(s, actor, club, y[name], enrolled_on=date(2026, 2, 20), today=TODAY)
            for samling, value in zip(planned.session_ids, values, strict=True):
                clubs.register_attendance(s, actor, samling, enrolment, value, today=TODAY)
        partners.add_preventive(s, actor, held_on=date(2026, 3, 10), kind="Skolebesøk", reached=60)
        partners.add_preventive(s, actor, held_on=END, kind="Skolebesøk", reached=3)
        partners.add_preventive(s, actor, held_on=date(2026, 7, 1), kind="Yrkesmesse", reached=200)
        report = build_report(s, ReportParams(START, END, lang="en", today=TODAY))
        outside = build_report(s, ReportParams(date(2026, 4, 1), END, lang="en", today=TODAY))
    groups = _table(report, "clubs")
    assert groups.row_labels == ["Jobbklubb vår"] and groups.cells == [[2]]
    assert groups.notes == [""]  # 2 participants: below the threshold, no attendance rate either
    start = _table(report, "club_start").spreads[0]
    assert (start.n, start.median) == (2, 28.0)  # registered 02.02., first samling 02.03.
    assert _table(outside, "clubs").cells == []  # no samling in April–June
    preventive = _table(report, "preventive")
    assert preventive.row_labels == ["Skolebesøk"] and preventive.cells == [[2, 63]]
    rendered = render_table(report, "preventive", 3)
    assert rendered[0][1:] == ["2", "63"]  # events are not people: shown; the reach is a count of people


def render_table(report, key, threshold):
    from navdesk.domain.reports import render

    return render(_table(report, key), threshold).rows


def test_attendance_rate_shown_from_the_threshold(office_data):
    from navdesk.domain.schedule import COUNT, Pattern
    from navdesk.services import clubs

    db, actor, y, _periods = office_data
    with db.session() as s, s.begin():
        reports.set_threshold(s, actor, 3)
        club = clubs.create_club(s, actor, name="CV-verksted")
        planned = clubs.plan_sessions(
            s, actor, club, Pattern(COUNT, date(2026, 3, 2), (0,), time(10), 120, count=1)
        )
        for name, value in (("Anna", "til_stede"), ("Bjørn", "ikke_mott"), ("Cecilie", "kom_for_sent")):
            enrolment = clubs.enrol(s, actor, club, y[name], enrolled_on=date(2026, 2, 20), today=TODAY)
            clubs.register_attendance(s, actor, planned.session_ids[0], enrolment, value, today=TODAY)
        report = build_report(s, ReportParams(START, END, lang="en", today=TODAY))
    assert _table(report, "clubs").notes == ["67 % attendance in 3 marks"]
