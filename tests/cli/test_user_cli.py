"""``navdesk user …`` and the refusals a role brings on the command line (exit 1, the reason in Norwegian)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from tests.cli.helpers import navdesk


def _office(tmp_path: Path) -> tuple[Path, str]:
    """KN (admin) and OB (veileder) who follows a youth with a meeting that has a health section."""
    from navdesk.db import models as m
    from navdesk.db.opening import create_database
    from navdesk.domain.text import OSLO
    from navdesk.services import meetings, users, youths
    from navdesk.services.context import actor_for
    from navdesk.services.office import create_office

    path = tmp_path / "u.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        admin = create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                              admin_initials="KN", password="passord123")  # fmt: skip
        users.add_user(s, admin, name="Ola Berg", initials="OB", password="passord-ob")
        ob = actor_for(s, "OB")
        youth = youths.create_youth(s, ob, first_name="Åse", last_name="Ødegård", birth_date=date(2005, 3, 4))
        meeting = meetings.create_meeting(
            s, ob, starts_at=datetime(2026, 11, 24, 9, tzinfo=OSLO), youth_id=youth
        )
        row = s.get(m.Meeting, meeting)
        meetings.record_meeting(s, ob, meeting, row.version, status="gjennomfort", summary="Bra",
                                health_section="Går til fastlege.")  # fmt: skip
    db.close()
    return path, str(meeting)


def test_user_commands(tmp_path: Path) -> None:
    path, _meeting = _office(tmp_path)
    db = ["--db", str(path)]
    kn = {"NAVDESK_USER_PASSWORD": "passord123"}  # several users: a change needs the acting user's password
    new = {**kn, "NAVDESK_NEW_PASSWORD": "et-godt-passord"}
    unproven = navdesk(
        "user", "add", "sl", "--name", "Siri Lie", *db, env={"NAVDESK_NEW_PASSWORD": "et-godt-passord"}
    )
    assert unproven.returncode == 1 and "NAVDESK_USER_PASSWORD" in unproven.stderr
    wrong = navdesk(
        "user", "add", "sl", "--name", "Siri Lie", *db, env={**new, "NAVDESK_USER_PASSWORD": "feil"}
    )
    assert wrong.returncode == 1 and "Feil passord for KN" in wrong.stderr
    added = navdesk("user", "add", "sl", "--name", "Siri Lie", "--role", "leder", *db, env=new)
    assert added.returncode == 0, added.stderr
    assert "SL" in added.stderr
    no_password = navdesk("user", "add", "PV", "--name", "Per Vikar", *db, env=kn)  # no new password given
    assert no_password.returncode == 1 and "NAVDESK_NEW_PASSWORD" in no_password.stderr
    ob = {"NAVDESK_USER_PASSWORD": "passord-ob"}
    as_veileder = navdesk("user", "set-role", "SL", "--role", "admin", "--user", "OB", *db, env=ob)
    assert as_veileder.returncode == 1 and "administrator" in as_veileder.stderr
    last_admin = navdesk("user", "deactivate", "KN", *db, env=kn)
    assert last_admin.returncode == 1 and "deg selv" in last_admin.stderr
    assert navdesk("user", "set-role", "KN", "--role", "leder", *db, env=kn).returncode == 1  # the only admin
    assert navdesk("user", "deactivate", "OB", *db, env=kn).returncode == 0
    short = navdesk("user", "password", "SL", *db, env={**kn, "NAVDESK_NEW_PASSWORD": "kort"})
    assert short.returncode == 1
    changed = navdesk("user", "password", "SL", *db, env={**kn, "NAVDESK_NEW_PASSWORD": "nytt-passord-sl"})
    assert changed.returncode == 0, changed.stderr
    listed = navdesk("user", "list", "--json", *db)  # listing needs no password
    assert listed.returncode == 0, listed.stderr
    rows = {r["initials"]: r for r in json.loads(listed.stdout)}
    assert (rows["SL"]["access_role"], rows["OB"]["active"], rows["KN"]["access_role"]) == (
        "leder",
        False,
        "admin",
    )
    plain = navdesk("user", "list", *db)
    assert "Leder" in plain.stdout and "deaktivert" in plain.stdout
    from navdesk.db.opening import open_database
    from navdesk.services import users

    database = open_database(path)
    try:
        with database.session() as s:
            assert users.sign_in(s, users.find_user(s, "SL").id, "nytt-passord-sl") is not None
    finally:
        database.close()


def test_include_sensitive_is_refused_to_others_than_the_veileder(tmp_path: Path) -> None:
    path, meeting = _office(tmp_path)
    out = tmp_path / "s.pdf"
    args = ["print", "summary", meeting, "--db", str(path), "--out", str(out), "--include-sensitive", "--variant",
            "youth"]  # fmt: skip
    refused = navdesk(*args, env={"NAVDESK_USER_PASSWORD": "passord123"})  # KN: the admin, not the veileder
    assert refused.returncode == 1 and "veileder" in refused.stderr and not out.exists()
    claimed = navdesk(*args, "--user", "OB")  # naming the veileder is not enough
    assert claimed.returncode == 1 and "NAVDESK_USER_PASSWORD" in claimed.stderr and not out.exists()
    allowed = navdesk(*args, "--user", "OB", env={"NAVDESK_USER_PASSWORD": "passord-ob"})
    assert allowed.returncode == 0, allowed.stderr
    assert out.exists()
