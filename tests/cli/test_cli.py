"""The command line, run as a real process: conventions, demo, check, list, export."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pytest

from navdesk import __version__
from tests.cli.helpers import navdesk
from tests.conftest import TEST_PASSPHRASE

PASS = {"NAVDESK_PASSPHRASE": TEST_PASSPHRASE}


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "x.db"
    result = navdesk("demo", "--db", str(path), env=PASS)
    assert result.returncode == 0, result.stderr
    return path


def test_done_means_scenario(demo_db):
    """No keyring, NAVDESK_PASSPHRASE set: demo, check, sqlite3 refuses, list youths."""
    assert "kryptert" in navdesk("check", "--db", str(demo_db), env=PASS).stdout.lower()
    check = navdesk("check", "--db", str(demo_db), "--json", env=PASS)
    assert check.returncode == 0, check.stderr
    state = json.loads(check.stdout)
    assert state["encrypted"] is True and state["healthy"] is True and state["integrity"] is True
    if shutil.which("sqlite3"):
        tool = subprocess.run(["sqlite3", str(demo_db), ".tables"], capture_output=True, text=True)
        assert tool.returncode != 0 and "not a database" in tool.stderr
    listed = navdesk("list", "youths", "--db", str(demo_db), "--json", env=PASS)
    assert listed.returncode == 0, listed.stderr
    youths = json.loads(listed.stdout)
    assert len(youths) == 40
    assert all({"id", "name"} <= set(y) for y in youths)
    assert any(ch in "".join(y["name"] for y in youths) for ch in "æøåÆØÅ")


def test_list_meetings_and_clubs(demo_db):
    meetings = json.loads(navdesk("list", "meetings", "--db", str(demo_db), "--json", env=PASS).stdout)
    assert meetings and all({"id", "name", "start", "youth"} <= set(m) for m in meetings)
    assert all(m["youth"] in m["name"] for m in meetings if m["youth"])
    clubs = json.loads(navdesk("list", "clubs", "--db", str(demo_db), "--json", env=PASS).stdout)
    assert clubs[0]["name"] == "Jobbklubb høst" and clubs[0]["participants"] > 0


def test_demo_refuses_to_overwrite_without_force(demo_db):
    before = demo_db.read_bytes()
    again = navdesk("demo", "--db", str(demo_db), env=PASS)
    assert again.returncode == 1 and "--force" in again.stderr
    assert demo_db.read_bytes() == before
    forced = navdesk("demo", "--db", str(demo_db), "--youths", "5", "--force", env=PASS)
    assert forced.returncode == 0, forced.stderr
    assert len(json.loads(navdesk("list", "youths", "--db", str(demo_db), "--json", env=PASS).stdout)) == 5


def test_demo_is_deterministic_per_seed(tmp_path):
    def names(path, seed):
        assert (
            navdesk("demo", "--db", str(path), "--unencrypted", "--seed", seed, "--youths", "15").returncode
            == 0
        )
        return [
            (y["id"], y["name"], y["age"])
            for y in json.loads(navdesk("list", "youths", "--db", str(path), "--json").stdout)
        ]

    first, second, other = (
        names(tmp_path / "a.db", "5"),
        names(tmp_path / "b.db", "5"),
        names(tmp_path / "c.db", "6"),
    )
    assert first == second
    assert first != other


def test_unencrypted_says_so(tmp_path):
    result = navdesk("demo", "--db", str(tmp_path / "p.db"), "--unencrypted", "--youths", "3")
    assert result.returncode == 0
    assert "IKKE kryptert" in result.stdout
    assert (tmp_path / "p.db").read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_youths(demo_db, tmp_path, fmt):
    out = tmp_path / f"ut.{fmt}"
    result = navdesk("export", "youths", "--db", str(demo_db), "--out", str(out), "--user", "OB", env=PASS)
    assert result.returncode == 0, result.stderr
    assert "ikke kryptert" in result.stderr.lower()
    if fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))
        assert len(rows) == 40
        assert all(
            r["address"] == ""
            for r in rows
            if r["name"] and r.get("postal_code") == "" and r["address"] == ""
        )
    elif fmt == "csv":
        with out.open(encoding="utf-8-sig") as fh:
            rows = list(csv.reader(fh, delimiter=";"))
        assert rows[0][1] == "Navn" and len(rows) == 41
        assert rows[1][4].count(".") == 2  # dd.mm.åååå
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(out).active
        assert sheet.max_row == 41


def test_export_never_leaks_a_protected_address(tmp_path):
    from datetime import date

    from navdesk.db.opening import create_database
    from navdesk.services import youths
    from navdesk.services.office import create_office

    path = tmp_path / "p.db"
    db, _ = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        actor = create_office(
            s,
            office_name="NAV Test",
            municipality="Test",
            admin_name="A B",
            admin_initials="AB",
            password="passord123",
        )
        youths.create_youth(
            s,
            actor,
            first_name="Skjult",
            last_name="Person",
            birth_date=date(2005, 1, 1),
            address="Hemmeligveien 1",
            postal_code="3890",
            adressesperre="strengt_fortrolig",
        )
        youths.create_youth(
            s, actor, first_name="Åpen", last_name="Person", birth_date=date(2005, 1, 1), address="Storgata 2"
        )
    db.close()
    out = tmp_path / "ut.json"
    assert navdesk("export", "youths", "--db", str(path), "--out", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "Hemmeligveien" not in text and "3890" not in text and "Storgata 2" in text


def test_export_is_audited_with_the_acting_user(demo_db, tmp_path):
    from navdesk.db.opening import open_database
    from navdesk.services.audit import events

    assert (
        navdesk(
            "export",
            "youths",
            "--db",
            str(demo_db),
            "--out",
            str(tmp_path / "u.csv"),
            "--user",
            "ob",
            env=PASS,
        ).returncode
        == 0
    )
    import os

    os.environ["NAVDESK_PASSPHRASE"] = TEST_PASSPHRASE
    try:
        db = open_database(demo_db)
    finally:
        del os.environ["NAVDESK_PASSPHRASE"]
    with db.session() as s:
        latest = events(s, limit=1)[0]
    db.close()
    assert latest["action"] == "export" and latest["user"] == "OB" and latest["source"] == "cli"


def test_usage_errors_exit_2_in_norwegian():
    result = navdesk("list", "ingenting")
    assert result.returncode == 2
    assert "feil bruk" in result.stderr.lower()


def test_unknown_user_is_refused(demo_db, tmp_path):
    result = navdesk(
        "export", "youths", "--db", str(demo_db), "--out", str(tmp_path / "u.csv"), "--user", "ZZ", env=PASS
    )
    assert result.returncode == 1 and "ZZ" in result.stderr
    assert not (tmp_path / "u.csv").exists()


def test_encrypted_without_any_key_fails_fast_instead_of_hanging(demo_db):
    result = navdesk("check", "--db", str(demo_db), timeout=30)
    assert result.returncode == 1
    assert "NAVDESK_PASSPHRASE" in result.stderr


def test_version_and_help():
    assert navdesk("--version").stdout.strip() == f"NavDesk {__version__}"
    helptext = navdesk("--help").stdout
    for command in ("demo", "check", "list", "export"):
        assert command in helptext
    assert "--db" in helptext and "NAVDESK_USER" in helptext


def test_missing_database_is_a_clear_refusal(tmp_path):
    result = navdesk("check", "--db", str(tmp_path / "finnes-ikke.db"))
    assert result.returncode == 1 and "finnes-ikke.db" in result.stderr
    assert not (tmp_path / "finnes-ikke.db").exists()


def test_deadlines_json(tmp_path):
    path = tmp_path / "d.db"
    assert navdesk("demo", "--db", str(path), "--unencrypted").returncode == 0
    result = navdesk("deadlines", "--db", str(path), "--json", "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items
    for item in items:
        assert {"rule", "key", "youth", "youth_id", "due", "state", "overdue"} <= set(item)
        assert item["state"] in {"open", "done", "snoozed", "not_applicable"}
        assert item["overdue"] == (item["state"] == "open" and item["due"] < "2026-11-24")
    youth_id = next(i["youth_id"] for i in items if i["youth_id"])
    one = json.loads(navdesk("deadlines", "--db", str(path), "--json", "--youth", youth_id[:8]).stdout)
    assert one and {i["youth_id"] for i in one} == {youth_id}
    assert navdesk("deadlines", "--db", str(path), "--today", "24.11.2026").returncode == 2


def test_export_ics_has_initials_not_names(tmp_path):
    path = tmp_path / "d.db"
    assert navdesk("demo", "--db", str(path), "--unencrypted").returncode == 0
    names = [y["name"] for y in json.loads(navdesk("list", "youths", "--db", str(path), "--json").stdout)]
    out = tmp_path / "frister.ics"
    result = navdesk("export", "ics", "--db", str(path), "--out", str(out), "--what", "deadlines")
    assert result.returncode == 0, result.stderr
    from icalendar import Calendar

    cal = Calendar.from_ical(out.read_bytes())
    events = list(cal.walk("VEVENT"))
    assert events
    text = out.read_bytes().decode("utf-8")
    assert not [name for name in names if name in text]  # no full names in the calendar
    for event in events:
        assert event.get("dtstart").dt.__class__.__name__ == "date"  # all-day
        rule, who = str(event.get("summary")).rsplit(" – ", 1)
        from navdesk.i18n import _

        office_task = who == _("office")
        assert rule and (office_task or (who.isalpha() and who.isupper() and len(who) <= 4)), (
            who
        )  # initials only


def test_check_only_looks_and_never_upgrades(tmp_path):
    import shutil
    from pathlib import Path

    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "navdesk-0001_initial.db", old)
    before = old.read_bytes()
    result = navdesk("check", "--db", str(old), "--json")
    assert result.returncode == 1
    state = json.loads(result.stdout)
    assert state["revision"] == "0001_initial" and state["integrity"] is True and state["healthy"] is False
    assert old.read_bytes() == before and not (tmp_path / "backups").exists()


def test_the_same_commands_on_postgresql(pg_url):
    """--db takes a PostgreSQL URL; the password comes from PGPASSWORD, never the command line."""
    import os

    assert ":" not in pg_url.split("@")[0].split("//")[1]  # no password in the URL
    env = {"PGPASSWORD": os.environ["PGPASSWORD"]}
    made = navdesk("demo", "--db", pg_url, "--youths", "12", "--json", env=env)
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout)["encryption"] == "server"
    check = json.loads(navdesk("check", "--db", pg_url, "--json", env=env).stdout)
    assert check["backend"] == "postgresql" and check["healthy"] is True
    youths = json.loads(navdesk("list", "youths", "--db", pg_url, "--json", env=env).stdout)
    assert len(youths) == 12
    items = json.loads(navdesk("deadlines", "--db", pg_url, "--json", env=env).stdout)
    assert items and all(i["youth_id"] is None or len(i["youth_id"]) == 36 for i in items)
    again = navdesk("demo", "--db", pg_url, "--youths", "3", env=env)
    assert again.returncode == 1  # an office exists already: refused, nothing changed
    assert len(json.loads(navdesk("list", "youths", "--db", pg_url, "--json", env=env).stdout)) == 12
    wrong = navdesk("check", "--db", pg_url, env={"PGPASSWORD": "feil"})
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr


@pytest.mark.parametrize("what", ["youths", "ics"])
def test_export_to_a_missing_folder_or_a_folder_is_refused_clearly(tmp_path, what):
    path = tmp_path / "d.db"
    assert navdesk("demo", "--db", str(path), "--unencrypted", "--youths", "3").returncode == 0
    missing = navdesk("export", what, "--db", str(path), "--out", str(tmp_path / "finnes-ikke" / "ut.csv"), "--format", "csv") if what == "youths" else navdesk("export", what, "--db", str(path), "--out", str(tmp_path / "finnes-ikke" / "ut.ics"))  # fmt: skip
    assert (
        missing.returncode == 1 and "Traceback" not in missing.stderr and "mappen" in missing.stderr.lower()
    )
    folder = navdesk("export", what, "--db", str(path), "--out", str(tmp_path), "--format", "csv") if what == "youths" else navdesk("export", what, "--db", str(path), "--out", str(tmp_path))  # fmt: skip
    assert folder.returncode == 1 and "Traceback" not in folder.stderr
