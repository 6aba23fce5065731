"""The aktivitetsplan use cases on the three backends: NAV's status workflow, agreed activities,
plan versions with reasons and their comparison, templates, journalføring and the read model."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from navdesk.db.models import Activity, AuditEvent, AuditPayload, CatalogueEntry, PlanRevision
from navdesk.domain.enums import AccessRole, ActivityStatus, ActivityType
from navdesk.errors import InvalidInput, StaleEdit
from navdesk.services import deadlines, followup, plans, youths
from navdesk.services.context import actor_for
from navdesk.services.office import add_user
from navdesk.services.plan_view import activity_history, compare_revisions, read_plan

TODAY = date(2026, 11, 10)


@pytest.fixture
def youth(office):
    db, actor = office
    with db.session() as s, s.begin():
        yid = youths.create_youth(
            s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2006, 5, 1)
        )
        pid = followup.open_period(s, actor, yid, registration_date=TODAY - timedelta(days=30))
    return db, actor, yid, pid


def _activity(s, actor, yid, **extra):
    values = {"type": ActivityType.EGENAKTIVITET, "title": "Trene tre ganger i uka"} | extra
    return plans.add_activity(s, actor, yid, **values)


def _version(s, aid) -> int:
    return s.get(Activity, aid).version


def test_new_activity_goes_into_the_open_period_and_starts_as_a_proposal(youth):
    db, actor, yid, pid = youth
    with db.session() as s, s.begin():
        aid = _activity(s, actor, yid, from_date=TODAY, to_date=TODAY + timedelta(days=14))
        act = s.get(Activity, aid)
        assert act.period_id == pid and act.status is ActivityStatus.FORSLAG and not act.agreed
        with pytest.raises(InvalidInput):
            _activity(s, actor, yid, from_date=TODAY, to_date=TODAY - timedelta(days=1))
        with pytest.raises(InvalidInput):
            _activity(s, actor, yid, title="   ")
        with pytest.raises(InvalidInput):
            _activity(s, actor, yid, type="svømming")
        with pytest.raises(InvalidInput):
            _activity(s, actor, yid, type=ActivityType.JOBBSOKING, applications_per_week=0)


def test_status_workflow_allowed_and_refused(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        aid = _activity(s, actor, yid)
        for status in (ActivityStatus.PLANLEGGER, ActivityStatus.GJENNOMFORER, ActivityStatus.PLANLEGGER):
            plans.set_activity_status(s, actor, aid, _version(s, aid), status, on=TODAY)
        assert s.get(Activity, aid).started_on == TODAY  # set when it first started, kept after
        with pytest.raises(InvalidInput, match="allerede"):
            plans.set_activity_status(s, actor, aid, _version(s, aid), ActivityStatus.PLANLEGGER)
        with pytest.raises(InvalidInput):  # Avbrutt needs a reason
            plans.set_activity_status(s, actor, aid, _version(s, aid), ActivityStatus.AVBRUTT, reason="  ")
        with pytest.raises(StaleEdit):
            plans.set_activity_status(s, actor, aid, _version(s, aid) - 1, ActivityStatus.FULLFORT)
        plans.set_activity_status(s, actor, aid, _version(s, aid), ActivityStatus.AVBRUTT, reason="Flyttet")
        act = s.get(Activity, aid)
        assert act.status is ActivityStatus.AVBRUTT and act.status_reason == "Flyttet"
        with pytest.raises(InvalidInput):  # finished stays finished
            plans.set_activity_status(s, actor, aid, _version(s, aid), ActivityStatus.GJENNOMFORER)
        with pytest.raises(InvalidInput):
            plans.edit_activity(s, actor, aid, _version(s, aid), to_date=TODAY)


def test_an_agreed_activity_changes_only_its_dates_and_every_change_is_recorded(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        aid = _activity(s, actor, yid, to_date=TODAY + timedelta(days=10))
        plans.agree_activity(s, actor, aid, _version(s, aid))
        with pytest.raises(InvalidInput):
            plans.agree_activity(s, actor, aid, _version(s, aid))
        with pytest.raises(InvalidInput, match="bare datoene"):
            plans.edit_activity(s, actor, aid, _version(s, aid), title="Noe annet")
        plans.edit_activity(s, actor, aid, _version(s, aid), title="Trene tre ganger i uka",
                            to_date=TODAY + timedelta(days=20))  # fmt: skip  # an unchanged title is no change
        with pytest.raises(InvalidInput, match=r"begrunnelse|grunn"):
            plans.set_activity_status(s, actor, aid, _version(s, aid), ActivityStatus.FULLFORT)
        plans.set_activity_status(s, actor, aid, _version(s, aid), ActivityStatus.FULLFORT, reason="Gikk bra")
    with db.session() as s:
        payloads = s.execute(
            select(AuditPayload.before, AuditPayload.after)
            .join(AuditEvent, AuditEvent.id == AuditPayload.event_id)
            .where(AuditEvent.entity_id == aid, AuditEvent.action == "update")
            .order_by(AuditEvent.seq)
        ).all()
        assert payloads[0].after == {"agreed": True}
        assert payloads[1].before == {"to_date": (TODAY + timedelta(days=10)).isoformat()}
        assert payloads[1].after == {"to_date": (TODAY + timedelta(days=20)).isoformat()}
        entries = activity_history(s, aid)
        assert [e.action for e in entries] == ["update", "update", "update", "create"]
        assert any(c.field == "Til" and c.after == "30.11.2026" for c in entries[1].changes)


def test_only_a_proposal_never_agreed_can_be_deleted(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        keep = _activity(s, actor, yid)
        plans.agree_activity(s, actor, keep, _version(s, keep))
        with pytest.raises(InvalidInput):
            plans.delete_activity(s, actor, keep, _version(s, keep))
        gone = _activity(s, actor, yid, title="Kanskje")
        plans.delete_activity(s, actor, gone, _version(s, gone))
        assert s.get(Activity, gone) is None and s.get(Activity, keep) is not None


def test_plan_versions_keep_reasons_and_compare(youth):
    db, actor, _yid, pid = youth
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput):
            plans.save_plan(s, actor, pid, reason=" ", dream="Fagbrev")
        plan_id = plans.save_plan(s, actor, pid, reason="Laget sammen", dream="Fagbrev som tømrer",
                                  goal_category="ordinaert_arbeid", own_goal="Få læreplass")  # fmt: skip
        goal = plans.add_goal(
            s, actor, plan_id, "Skrive CV", TODAY + timedelta(days=14), reason="Første steg"
        )
        with pytest.raises(InvalidInput):
            plans.add_goal(s, actor, plan_id, "Søke", reason="")
        plans.update_goal(s, actor, goal, 1, reason="CV er ferdig", achieved_on=TODAY)
        other = plans.add_goal(s, actor, plan_id, "Ta førerkort", reason="Ønske fra ungdommen")
        plans.remove_goal(s, actor, other, reason="Ikke aktuelt nå")
        plans.save_plan(s, actor, pid, reason="Endret drøm etter praksis", expected_version=1,
                        dream="Jobbe i barnehage & <skole>", review_date=TODAY + timedelta(days=60))  # fmt: skip
        with pytest.raises(StaleEdit):
            plans.save_plan(s, actor, pid, reason="Gammel", expected_version=1, dream="x")
    with db.session() as s:
        revs = s.scalars(select(PlanRevision).order_by(PlanRevision.created_at)).all()
        assert [r.reason for r in revs] == ["Laget sammen", "Første steg", "CV er ferdig", "Ønske fra ungdommen",
                                            "Ikke aktuelt nå", "Endret drøm etter praksis"]  # fmt: skip
        first_last = compare_revisions(s, revs[0].id, revs[-1].id)
        assert ("Drøm", "Fagbrev som tømrer", "Jobbe i barnehage & <skole>") in [
            (d.field, d.before, d.after) for d in first_last
        ]
        assert any(d.field == "Dato for gjennomgang" and d.after == "09.01.2027" for d in first_last)
        assert [d.after for d in first_last if d.field == "Delmål lagt til"] == [
            "Skrive CV (innen 24.11.2026) – nådd 10.11.2026"
        ]
        # order does not matter; a goal that came and went shows in the versions around it
        assert compare_revisions(s, revs[-1].id, revs[0].id) == first_last
        removed = compare_revisions(s, revs[3].id, revs[4].id)
        assert [(d.field, d.before) for d in removed] == [("Delmål fjernet", "Ta førerkort")]
        assert compare_revisions(s, revs[4].id, revs[4].id) == []
        view = read_plan(s, _yid, TODAY)
        assert [r.number for r in view.revisions] == [6, 5, 4, 3, 2, 1]
        assert view.revisions[0].who == "KN" and view.revisions[0].reason == "Endret drøm etter praksis"
        assert [(g.text, g.achieved_on) for g in view.goals] == [("Skrive CV", TODAY)]


def test_template_creates_dated_activities_in_one_step(youth):
    db, actor, yid, pid = youth
    start = date(2026, 11, 16)
    with db.session() as s, s.begin():
        templates = {t.name: t for t in plans.list_templates(s)}
        new_youth = templates["Ny ungdom: kartlegging → jobbklubb → praksis"]
        created = plans.apply_template(s, actor, yid, new_youth.id, start)
        rows = [s.get(Activity, a) for a in created]
        assert [(a.type, a.from_date, a.to_date, a.status, a.period_id) for a in rows] == [
            (
                ActivityType.EGENAKTIVITET,
                date(2026, 11, 16),
                date(2026, 11, 30),
                ActivityStatus.PLANLEGGER,
                pid,
            ),
            (ActivityType.JOBBKLUBB, date(2026, 11, 30), date(2027, 1, 11), ActivityStatus.PLANLEGGER, pid),
            (
                ActivityType.ARBEIDSTRENING,
                date(2027, 1, 11),
                date(2027, 4, 11),
                ActivityStatus.PLANLEGGER,
                pid,
            ),
        ]


def test_templates_are_office_data_edited_by_a_leader_or_admin(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        add_user(
            s, actor, name="Ola Bø", initials="OB", password="passord123", access_role=AccessRole.VEILEDER
        )
        veileder = actor_for(s, "OB")
        steps = [
            plans.TemplateStep("jobbsoking", "Søke sommerjobb", 0, 30),
            plans.TemplateStep("mote", "Oppfølging", 30),
        ]
        with pytest.raises(InvalidInput, match="leder"):
            plans.save_template(s, veileder, "Sommerjobb", steps)
        with pytest.raises(InvalidInput):
            plans.save_template(s, actor, "Sommerjobb", [plans.TemplateStep("dans", "x", 0)])
        with pytest.raises(InvalidInput):
            plans.save_template(s, actor, "Sommerjobb", [plans.TemplateStep("jobbsoking", "x", -3)])
        tid = plans.save_template(s, actor, "Sommerjobb", steps)
        assert s.get(CatalogueEntry, tid).kind == "plan_template"
        created = plans.apply_template(s, veileder, yid, tid, date(2027, 6, 1))
        assert [s.get(Activity, a).to_date for a in created] == [date(2027, 7, 1), None]
        assert s.scalars(select(AuditEvent).where(AuditEvent.entity_id == tid)).first() is not None


def test_a_template_needs_an_open_period(office):
    db, actor = office
    with db.session() as s, s.begin():
        yid = youths.create_youth(s, actor, first_name="Ola", last_name="Ny", birth_date=date(2007, 1, 1))
        tid = plans.list_templates(s)[0].id
        with pytest.raises(InvalidInput, match="oppfølgingsperiode"):
            plans.apply_template(s, actor, yid, tid, TODAY)


def test_the_printed_plan_is_marked_as_recorded(youth):
    db, actor, yid, pid = youth
    with db.session() as s, s.begin():
        plan_id = plans.save_plan(s, actor, pid, reason="Laget", dream="Jobb")
        assert plans.plan_recording(s, plan_id) is None
        with pytest.raises(InvalidInput):
            plans.mark_plan_recorded(s, actor, plan_id, TODAY + timedelta(days=1), today=TODAY)
        with pytest.raises(InvalidInput):
            plans.mark_plan_recorded(s, actor, plan_id, TODAY, system=" ", today=TODAY)
        plans.mark_plan_recorded(s, actor, plan_id, TODAY - timedelta(days=3), system="Modia", today=TODAY)
        plans.mark_plan_recorded(s, actor, plan_id, TODAY, system="Gosys", today=TODAY)
        assert plans.plan_recording(s, plan_id) == (TODAY, "Gosys")
        assert read_plan(s, yid, TODAY).recorded == (TODAY, "Gosys")


def test_read_plan_marks_overdue_and_orders_by_status(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        late = _activity(s, actor, yid, title="Søke jobber", to_date=TODAY - timedelta(days=1))
        done = _activity(s, actor, yid, title="Lage CV", to_date=TODAY - timedelta(days=5))
        plans.set_activity_status(s, actor, done, 1, ActivityStatus.FULLFORT)
        _activity(s, actor, yid, title="Praksis", to_date=TODAY)
        view = read_plan(s, yid, TODAY)
        by_title = {a.title: a for a in view.activities}
        assert by_title["Søke jobber"].overdue and not by_title["Praksis"].overdue
        assert not by_title["Lage CV"].overdue  # a completed activity is never overdue
        assert [a.title for a in view.activities] == ["Søke jobber", "Praksis", "Lage CV"]
        assert view.overdue_count == 1 and late in {a.id for a in view.by_status(ActivityStatus.FORSLAG)}


def test_an_activity_end_date_feeds_the_deadline_engine(youth):
    db, actor, yid, _pid = youth
    with db.session() as s, s.begin():
        aid = _activity(s, actor, yid, to_date=TODAY + timedelta(days=7))
        assert [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "activity_end"] == []  # a proposal
        plans.set_activity_status(s, actor, aid, 1, ActivityStatus.PLANLEGGER)
        ends = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "activity_end"]
        assert [(d.due, d.state) for d in ends] == [(TODAY + timedelta(days=7), "open")]
        plans.edit_activity(s, actor, aid, 2, to_date=TODAY + timedelta(days=21))
        ends = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "activity_end"]
        assert [d.due for d in ends] == [TODAY + timedelta(days=21)]
        plans.set_activity_status(s, actor, aid, 3, ActivityStatus.FULLFORT)
        ends = [d for d in deadlines.compute(s, TODAY, [yid]) if d.rule == "activity_end"]
        assert [d.state for d in ends] == ["done"]


def test_an_office_from_before_templates_gets_the_default_ones(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Migration 0009 gives an office made by an older NavDesk the three default plan templates, once."""
    import shutil
    from pathlib import Path

    from navdesk.db.opening import open_database

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent.parent / "fixtures" / "navdesk-0006_clubs.db", path)
    db = open_database(path)
    try:
        with db.session() as s:
            names = sorted(t.name for t in plans.list_templates(s))
        assert names == [
            "Jobbsøking med søkeavtale",
            "Ny ungdom: kartlegging → jobbklubb → praksis",
            "Tilbake til skolen",
        ]
    finally:
        db.close()
