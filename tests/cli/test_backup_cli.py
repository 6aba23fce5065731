"""``navdesk backup``, ``restore`` and ``rekey`` as real processes (decision 0006)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.cli.helpers import navdesk
from tests.conftest import TEST_PASSPHRASE

PASS = {"NAVDESK_PASSPHRASE": TEST_PASSPHRASE}


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "x.db"
    result = navdesk("demo", "--db", str(path), "--youths", "10", env=PASS)
    assert result.returncode == 0, result.stderr
    return path


def test_backup_and_restore_round_trip(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.db"
    made = navdesk("backup", "--db", str(demo_db), "--out", str(out), "--json", env=PASS)
    assert made.returncode == 0, made.stderr
    info = json.loads(made.stdout)
    assert info["encrypted"] is True and info["rows"]["youth"] == 10 and Path(info["file"]) == out
    assert (tmp_path / "copy.db.json").exists()
    assert b"SQLite format 3" not in out.read_bytes()[:16]
    # a change after the backup, which the restore takes away (and keeps in the copy)
    extra = navdesk("export", "youths", "--db", str(demo_db), "--out", str(tmp_path / "y.csv"), env=PASS)
    assert extra.returncode == 0  # audited: the log's end kept outside the database moves past the backup
    restored = navdesk("restore", str(out), "--db", str(demo_db), "--json", env=PASS)
    assert restored.returncode == 0, restored.stderr
    result = json.loads(restored.stdout)
    assert result["rows"]["youth"] == 10 and Path(result["kept"]).exists()
    check = navdesk("check", "--db", str(demo_db), "--json", env=PASS)
    assert check.returncode == 0 and json.loads(check.stdout)["healthy"] is True
    from navdesk.db.engine import connect_raw
    from navdesk.db.keys import Secret

    conn = connect_raw(demo_db, Secret(TEST_PASSPHRASE, raw=False))
    audited = conn.execute(
        "SELECT user_initials, source FROM audit_event WHERE action = 'restore'"
    ).fetchall()
    conn.close()
    assert audited == [("KN", "cli")]  # in the restored database, with the acting user
    verified = navdesk("audit", "verify", "--db", str(demo_db), env=PASS)
    assert verified.returncode == 0, verified.stderr  # the restored log is whole; its end is the new head
    text = navdesk("restore", str(out), "--db", str(demo_db), env=PASS)
    assert text.returncode == 0 and "Gjenopprettet" in text.stdout and "tas vare på" in text.stdout


def test_backup_to_the_backup_folder_and_a_folder_that_is_gone(demo_db: Path, tmp_path: Path) -> None:
    made = navdesk("backup", "--db", str(demo_db), "--json", env=PASS)
    assert made.returncode == 0, made.stderr
    file = Path(json.loads(made.stdout)["file"])
    assert file.parent == Path(os.environ["NAVDESK_DATA_DIR"]) / "backups" and file.name.startswith(
        "x-backup-"
    )
    gone = navdesk("backup", "--db", str(demo_db), "--out", str(tmp_path / "usb" / "b.db"), env=PASS)
    assert (
        gone.returncode == 1 and "ikke tilgjengelig" in gone.stderr and "Ingen sikkerhetskopi" in gone.stderr
    )
    assert not (tmp_path / "usb").exists()


def test_restore_refuses_a_tampered_backup_and_leaves_the_database(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy.db"
    assert navdesk("backup", "--db", str(demo_db), "--out", str(out), env=PASS).returncode == 0
    manifest = json.loads((tmp_path / "copy.db.json").read_text())
    manifest["rows"]["youth"] = 11
    (tmp_path / "copy.db.json").write_text(json.dumps(manifest))
    before = demo_db.read_bytes()
    refused = navdesk("restore", str(out), "--db", str(demo_db), env=PASS)
    assert refused.returncode == 1 and "youth" in refused.stderr and "Ingenting ble endret" in refused.stderr
    assert demo_db.read_bytes() == before and not list(tmp_path.glob("*before-restore*"))
    usage = navdesk("restore", "--db", str(demo_db), env=PASS)
    assert usage.returncode == 2


def test_restore_to_a_new_machine_with_the_key_from_the_sheet(tmp_path: Path, fake_keyring: Path) -> None:
    db = tmp_path / "office.db"
    assert navdesk("demo", "--db", str(db), "--youths", "5").returncode == 0  # key in the keyring
    out = tmp_path / "copy.db"
    assert navdesk("backup", "--db", str(db), "--out", str(out)).returncode == 0
    key = json.loads(fake_keyring.read_text())
    raw = next(v for k, v in key.items() if len(v) == 64)
    fake_keyring.unlink()  # the laptop is lost: no keyring with the key
    new = tmp_path / "new" / "office.db"
    without = navdesk("restore", str(out), "--db", str(new))
    assert without.returncode == 1 and "gjenopprettingsarket" in without.stderr
    restored = navdesk("restore", str(out), "--db", str(new), env={"NAVDESK_PASSPHRASE": f"x'{raw}'"})
    assert restored.returncode == 0, restored.stderr
    check = navdesk("check", "--db", str(new), "--json")  # the key went into the new machine's keyring
    assert check.returncode == 0 and json.loads(check.stdout)["healthy"] is True


def test_rekey_from_the_command_line(tmp_path: Path, fake_keyring: Path) -> None:
    db = tmp_path / "office.db"
    assert navdesk("demo", "--db", str(db), "--youths", "3").returncode == 0
    changed = navdesk("rekey", "--db", str(db), "--json")
    assert changed.returncode == 0, changed.stderr
    fps = json.loads(changed.stdout)
    assert fps["old_fingerprint"] != fps["new_fingerprint"] and fps["keyring"] is True
    assert navdesk("check", "--db", str(db)).returncode == 0
    refused = navdesk("rekey", "--db", str(db), "--user", "OB")
    assert refused.returncode == 1 and "administrator" in refused.stderr
    sheet = navdesk("recovery-sheet", "--db", str(db), "--out", str(tmp_path / "ark.pdf"), "--json")
    assert sheet.returncode == 0, sheet.stderr
    assert (
        json.loads(sheet.stdout)["key_fingerprint"] == fps["new_fingerprint"]
        and "IKKE kryptert" in sheet.stderr
    )
    assert (tmp_path / "ark.pdf").read_bytes().startswith(b"%PDF")
    refused = navdesk("recovery-sheet", "--db", str(db), "--out", str(tmp_path / "x.pdf"), "--user", "OB")
    assert refused.returncode == 1 and "administrator" in refused.stderr and not (tmp_path / "x.pdf").exists()


def test_rekey_on_a_plain_database_says_why_not(tmp_path: Path) -> None:
    db = tmp_path / "plain.db"
    assert navdesk("demo", "--db", str(db), "--youths", "3", "--unencrypted").returncode == 0
    refused = navdesk("rekey", "--db", str(db))
    assert refused.returncode == 1 and "IKKE kryptert" in refused.stderr


def test_backup_on_postgres_uses_pg_dump(pg_url: str, tmp_path: Path) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    assert navdesk("demo", "--db", pg_url, "--youths", "3").returncode == 0
    out = tmp_path / "office.dump"
    made = navdesk("backup", "--db", pg_url, "--out", str(out), "--json")
    assert made.returncode == 0, made.stderr
    assert out.read_bytes().startswith(b"PGDMP") and json.loads(made.stdout)["format"] == "pg_dump"
    assert "IKKE kryptert" in made.stderr
    no_out = navdesk("backup", "--db", pg_url)
    assert no_out.returncode == 1 and "--out" in no_out.stderr
    bare = {"PATH": str(tmp_path / "empty-bin")}
    (tmp_path / "empty-bin").mkdir()
    missing = navdesk("backup", "--db", pg_url, "--out", str(tmp_path / "x.dump"), env=bare)
    assert missing.returncode == 1 and "pg_dump" in missing.stderr and "servere" in missing.stderr
    refused = navdesk("rekey", "--db", pg_url)
    assert refused.returncode == 1 and "databaseserver" in refused.stderr
