"""Roles and restricted notes in the core (issue 9), on the three backends: only an administrator edits the
office's rules and users; a youth's health notes only for the youth's veileder and the leder; signing in and
user changes are audited without any password."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from navdesk.db import models as m
from navdesk.domain.enums import AccessRole
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput, PermissionDenied
from navdesk.i18n import _
from navdesk.services import clubs, deadlines, lock, meetings, record, reports, users, youths
from navdesk.services.context import actor_for
from navdesk.services.summaries import summary_data

HEALTH = "Rusbehandling hos DPS; søvnvansker"
SECTION = "Fortalte om angst; fastlege kontaktet"
TODAY = date(2026, 11, 24)


def _staff(db, admin):  # type: ignore[no-untyped-def]
    """KN (admin), OB and VE (veiledere), SL (leder)."""
    with db.session() as s, s.begin():
        users.add_user(s, admin, name="Ola Berg", initials="OB", password="passord-ob")
        users.add_user(s, admin, name="Vera Eng", initials="VE", password="passord-ve")
        users.add_user(s, admin, name="Siri Lie", initials="SL", password="passord-sl", access_role="leder")
    with db.session() as s:
        return {i: actor_for(s, i) for i in ("KN", "OB", "VE", "SL")}


def _payloads(s, entity: str) -> str:  # type: ignore[no-untyped-def]
    rows = s.execute(
        select(m.AuditPayload.before, m.AuditPayload.after)
        .join(m.AuditEvent, m.AuditEvent.id == m.AuditPayload.event_id)
        .where(m.AuditEvent.entity == entity)
    ).all()
    return json.dumps([list(r) for r in rows], ensure_ascii=False, default=str)


def test_users_admin_only_and_audited_without_passwords(office) -> None:  # type: ignore[no-untyped-def]
    db, admin = office
    staff = _staff(db, admin)
    ob, sl = staff["OB"], staff["SL"]
    for who in (ob, sl):  # a veileder and a leder: refused, with a clear message
        with db.session() as s, s.begin(), pytest.raises(PermissionDenied, match="administrator"):
            users.add_user(s, who, name="Per Vikar", initials="PV", password="passord-pv")
        with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
            users.set_role(s, who, "VE", "admin")
        with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
            users.set_active(s, who, "VE", False)
        with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
            users.reset_password(s, who, "VE", "nytt-passord")
    with db.session() as s, s.begin():
        users.reset_password(s, ob, "OB", "mitt-nye-passord")  # one's own password: allowed
        users.set_role(s, admin, "VE", AccessRole.LEDER)
        users.set_active(s, admin, "OB", False)
    with db.session() as s:
        listed = {u.initials: u for u in users.list_users(s)}
        assert listed["VE"].access_role == "leder" and not listed["OB"].active
        assert [u.initials for u in users.active_users(s)] == ["KN", "SL", "VE"]
        assert users.needs_login(s)
        actions = s.scalars(
            select(m.AuditEvent.action).where(m.AuditEvent.entity == "app_user").order_by(m.AuditEvent.seq)
        ).all()
        assert actions == ["create"] * 4 + ["password_reset", "update", "update"]
        text = _payloads(s, "app_user")
        assert "scrypt" not in text and "passord" not in text  # neither a password nor its hash
    with db.session() as s, s.begin():  # a deactivated user cannot sign in, nor act
        assert users.sign_in(s, ob.user_id, "mitt-nye-passord") is None
    with db.session() as s, pytest.raises(InvalidInput):
        actor_for(s, "OB")
    with db.session() as s, s.begin():
        users.set_active(s, admin, "OB", True)
    with db.session() as s, s.begin():
        signed = users.sign_in(s, ob.user_id, "mitt-nye-passord")
        assert signed is not None and signed.initials == "OB"


def test_the_office_keeps_an_active_administrator(office) -> None:  # type: ignore[no-untyped-def]
    db, admin = office
    staff = _staff(db, admin)
    for change in (
        lambda s: users.set_role(s, admin, "KN", "veileder"),
        lambda s: users.set_active(s, admin, "KN", False),  # also: not oneself
    ):
        with db.session() as s, s.begin(), pytest.raises(InvalidInput):
            change(s)
    with db.session() as s, s.begin():
        users.set_role(s, admin, "SL", "admin")  # a second admin …
    with db.session() as s, s.begin():
        users.set_role(s, admin, "KN", "veileder")  # … then the first may step down
    sl = actor_for_session(db, "SL")
    with (
        db.session() as s,
        s.begin(),
        pytest.raises(InvalidInput, match=_("You cannot deactivate yourself.")),
    ):
        users.set_active(s, sl, "SL", False)
    with db.session() as s, s.begin(), pytest.raises(InvalidInput, match="SL"):
        users.set_role(s, sl, "SL", "leder")  # now the only admin
    assert staff["OB"].access_role is AccessRole.VEILEDER


def actor_for_session(db, initials: str):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return actor_for(s, initials)


def test_sign_in_is_audited_both_ways(office) -> None:  # type: ignore[no-untyped-def]
    db, admin = office
    staff = _staff(db, admin)
    with db.session() as s, s.begin():
        assert users.sign_in(s, staff["OB"].user_id, "feil-passord") is None
        assert users.sign_in(s, staff["OB"].user_id, "") is None
        assert users.sign_in(s, staff["OB"].user_id, "passord-ob") == staff["OB"]
    with db.session() as s:
        rows = s.execute(
            select(m.AuditEvent.action, m.AuditEvent.user_initials, m.AuditEvent.entity_id)
            .where(m.AuditEvent.action.in_(["login", "login_failed"]))
            .order_by(m.AuditEvent.seq)
        ).all()
        assert [(r.action, r.user_initials) for r in rows] == [
            ("login_failed", "OB"),
            ("login_failed", "OB"),
            ("login", "OB"),
        ]
        assert all(r.entity_id == staff["OB"].user_id for r in rows)
        assert "passord" not in _payloads(s, "app_user").replace("passord-", "")  # no payload with a password


def test_only_an_admin_changes_the_office_rules(office) -> None:  # type: ignore[no-untyped-def]
    db, admin = office
    staff = _staff(db, admin)
    refused = [
        lambda s, a: deadlines.update_rule(s, a, "no_contact", params={"normal": 21}),
        lambda s, a: reports.set_threshold(s, a, 7),
        lambda s, a: clubs.set_absence_streak_limit(s, a, 3),
        lambda s, a: lock.set_idle_minutes(s, a, 30, office_wide=True),
    ]
    for who in ("OB", "SL"):
        for change in refused:
            with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
                change(s, staff[who])
    with db.session() as s, s.begin():
        for change in refused:
            change(s, admin)
    with db.session() as s:
        assert reports.threshold(s) == 7 and clubs.absence_streak_limit(s) == 3
        assert lock.idle_minutes(s, staff["OB"].user_id) == 30


def _youth_with_notes(db, veileder):  # type: ignore[no-untyped-def]
    with db.session() as s, s.begin():
        youth = youths.create_youth(
            s, veileder, first_name="Åse", last_name="Ødegård", birth_date=date(2005, 3, 4), notes="Liker fotball",
            health_note=HEALTH,
        )  # fmt: skip
        meeting = meetings.create_meeting(
            s, veileder, starts_at=datetime(2026, 11, 24, 10, tzinfo=OSLO), youth_id=youth, place="NAV"
        )
        row = s.get(m.Meeting, meeting)
        meetings.record_meeting(s, veileder, meeting, row.version, status="gjennomfort", summary="Godt møte",
                                health_section=SECTION)  # fmt: skip
    return youth, meeting


def test_health_notes_only_for_the_youths_veileder_and_the_leder(office) -> None:  # type: ignore[no-untyped-def]
    db, admin = office
    staff = _staff(db, admin)
    youth, meeting = _youth_with_notes(db, staff["OB"])
    allowed, others = ("OB", "SL"), ("KN", "VE")  # the admin is not the youth's veileder: not allowed
    for who in allowed + others:
        sees = who in allowed
        with db.session() as s, s.begin():
            detail = youths.open_youth(s, staff[who], youth)
            rec = record.open_record(s, staff[who], youth, TODAY)
            editor = meetings.read_meeting(s, meeting, staff[who])
        assert (detail.values["health_note"] == HEALTH) is sees and detail.restricted is not sees
        assert (rec.values["health_note"] == HEALTH) is sees and rec.restricted is not sees
        assert (editor.health_section == SECTION) is sees and editor.restricted is not sees
        assert detail.values["notes"] == "Liker fotball"  # the rest of the record as before
        with db.session() as s:
            if sees:
                assert summary_data(s, meeting, include_sensitive=True, actor=staff[who]).sensitive == SECTION
            else:
                with pytest.raises(PermissionDenied) as refused:
                    summary_data(s, meeting, include_sensitive=True, actor=staff[who])
                assert (
                    str(refused.value) == "Bare ungdommens veileder og leder kan se eller endre "
                    "helseopplysninger og andre sensitive notater."
                )  # the message in bokmål
                assert summary_data(s, meeting).sensitive is None  # the summary without it: fine
    with db.session() as s:  # without an actor the read models leave it out
        assert record.read_record(s, youth, TODAY).values["health_note"] == ""
        assert meetings.read_meeting(s, meeting).health_section == ""
        # the record's history says the notes changed, never what they say
        shown = json.dumps([[e.what, [[c.field, c.before, c.after] for c in e.changes]] for e in record.history(s, youth)],
                           ensure_ascii=False)  # fmt: skip
        assert "Godt møte" in shown and HEALTH not in shown and SECTION not in shown
        # search never matches restricted text
        found = s.scalar(select(m.Youth.search_text).where(m.Youth.id == youth))
        assert "fotball" in found and "dps" not in found and "sovn" not in found and "angst" not in found


def test_others_cannot_change_health_notes_and_their_saves_keep_them(office) -> None:  # type: ignore[no-untyped-def]
    db, admin = office
    staff = _staff(db, admin)
    youth, meeting = _youth_with_notes(db, staff["OB"])
    ve = staff["VE"]
    with db.session() as s, s.begin():
        version = youths.open_youth(s, ve, youth).version
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        youths.update_youth(s, ve, youth, version, health_note="")
    with db.session() as s, s.begin():
        youths.update_youth(s, ve, youth, version, notes="Liker ski")  # other fields: fine
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        youths.create_youth(s, ve, first_name="Per", last_name="Å", birth_date=date(2004, 1, 1),
                            health_note="x", veileder_id=staff["OB"].user_id)  # fmt: skip
    # the meeting editor of someone not allowed: the section came empty, saving leaves it as it was
    with db.session() as s, s.begin():
        shown = meetings.read_meeting(s, meeting, ve)
        edit = meetings.MeetingEdit(starts_at=shown.starts_at, youth_id=shown.youth_id, place="Kafé",
                                    summary=shown.summary + " Tillegg.", health_section=shown.health_section,
                                    status=shown.status)  # fmt: skip
        meetings.save_meeting(s, ve, edit, meeting_id=meeting, expected_version=shown.version)
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        now = meetings.read_meeting(s, meeting, ve)
        meetings.save_meeting(s, ve, meetings.MeetingEdit(
            starts_at=now.starts_at, youth_id=now.youth_id, place="Kafé", summary=now.summary,
            health_section="Ny tekst", status=now.status), meeting_id=meeting, expected_version=now.version)  # fmt: skip
    with db.session() as s, s.begin(), pytest.raises(PermissionDenied):
        row = s.get(m.Meeting, meeting)
        meetings.record_meeting(s, ve, meeting, row.version, status="gjennomfort", health_section="")
    with db.session() as s:
        row = s.get(m.Meeting, meeting)
        assert row.health_section == SECTION and row.place == "Kafé" and row.summary.endswith("Tillegg.")
        assert s.get(m.Youth, youth).health_note == HEALTH
    with db.session() as s, s.begin():  # the leder may change it
        version = youths.open_youth(s, staff["SL"], youth).version
        youths.update_youth(s, staff["SL"], youth, version, health_note="Oppdatert av leder")
    with db.session() as s:
        assert s.get(m.Youth, youth).health_note == "Oppdatert av leder"


def test_permission_denied_is_an_invalid_input() -> None:
    """Callers that catch InvalidInput (the CLI's exit 1, the UI's message boxes) also catch a refusal."""
    assert issubclass(PermissionDenied, InvalidInput)
