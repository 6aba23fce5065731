"""`navdesk audit verify|list` as a real process on an encrypted demo office (issue 9)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select, update

from navdesk.db.keys import Secret
from navdesk.db.models import AuditEvent, AuditPayload
from navdesk.db.opening import open_database
from tests.cli.helpers import navdesk
from tests.conftest import TEST_PASSPHRASE

PASS = {"NAVDESK_PASSPHRASE": TEST_PASSPHRASE}


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "x.db"
    assert navdesk("demo", "--db", str(path), "--youths", "8", env=PASS).returncode == 0
    out = tmp_path / "youths.csv"
    assert (
        navdesk("export", "youths", "--db", str(path), "--out", str(out), "--user", "KN", env=PASS).returncode
        == 0
    )
    return path


def _tamper(path, *statements) -> None:
    db = open_database(path, secret=Secret(TEST_PASSPHRASE, raw=False))
    try:
        with db.session() as s, s.begin():
            for statement in statements:
                s.execute(statement)
    finally:
        db.close()


def test_a_whole_log_verifies_and_lists_cli_actions_with_their_user(demo_db):
    verified = navdesk("audit", "verify", "--db", str(demo_db), "--json", env=PASS)
    assert verified.returncode == 0, verified.stderr
    state = json.loads(verified.stdout)
    assert state["ok"] is True and state["problem"] is None and state["head"] == state["last"] >= 5
    listed = navdesk("audit", "list", "--db", str(demo_db), "--by", "KN", "--json", env=PASS)
    assert listed.returncode == 0, listed.stderr
    entries = json.loads(listed.stdout)
    export = [e for e in entries if e["action"] == "export"]
    assert export and export[0]["source"] == "cli" and export[0]["user"] == "KN"
    plain = navdesk("audit", "verify", "--db", str(demo_db), env=PASS)
    assert "revisjonsloggen er hel" in plain.stdout.lower()


def test_an_entry_deleted_in_the_middle_fails_with_its_number(demo_db):
    doomed = select(AuditEvent.id).where(AuditEvent.seq == 3)
    _tamper(
        demo_db,
        delete(AuditPayload).where(AuditPayload.event_id.in_(doomed)),
        delete(AuditEvent).where(AuditEvent.seq == 3),
    )
    result = navdesk("audit", "verify", "--db", str(demo_db), env=PASS)
    assert result.returncode == 1
    assert "3" in result.stderr and "slettet" in result.stderr


def test_an_edited_entry_fails_with_its_number(demo_db):
    _tamper(demo_db, update(AuditEvent).where(AuditEvent.seq == 4).values(user_initials="ZZ"))
    result = navdesk("audit", "verify", "--db", str(demo_db), "--json", env=PASS)
    assert result.returncode == 1
    assert json.loads(result.stdout)["problem"]["seq"] == 4
    assert json.loads(result.stdout)["problem"]["kind"] == "changed"


def test_a_cut_off_tail_fails(demo_db):
    _tamper(demo_db, delete(AuditPayload), delete(AuditEvent).where(AuditEvent.seq >= 5))
    result = navdesk("audit", "verify", "--db", str(demo_db), env=PASS)
    assert result.returncode == 1
    assert "kuttet" in result.stderr or "klippet" in result.stderr


def test_a_veileder_may_not_list_the_log_but_a_leader_may(demo_db):
    refused = navdesk("audit", "list", "--db", str(demo_db), "--user", "OB", env=PASS)  # Ola Bø: veileder
    assert refused.returncode == 1 and "revisjonslogg" in refused.stderr.lower()
    assert navdesk("audit", "list", "--db", str(demo_db), "--user", "SL", env=PASS).returncode == 0  # leder


def test_the_entries_of_a_deactivated_user_can_still_be_listed(demo_db):
    from navdesk.services import users
    from navdesk.services.context import actor_for

    db = open_database(demo_db, secret=Secret(TEST_PASSPHRASE, raw=False))
    try:
        with db.session() as s, s.begin():
            users.set_active(s, actor_for(s, "KN"), "OB", False)
    finally:
        db.close()
    listed = navdesk("audit", "list", "--db", str(demo_db), "--by", "OB", "--json", env=PASS)
    assert listed.returncode == 0, listed.stderr
    assert all(e["user"] == "OB" for e in json.loads(listed.stdout))
    unknown = navdesk("audit", "list", "--db", str(demo_db), "--by", "QQ", env=PASS)
    assert unknown.returncode == 1 and "QQ" in unknown.stderr
