"""Backups and verified restore on real plain-SQLite and SQLCipher files (navdesk.services.backup)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from navdesk.db.engine import SQLITE_HEADER, connect_raw, file_kind
from navdesk.db.keys import Secret
from navdesk.errors import DatabaseTooNew, WrongKey
from navdesk.services import backup
from navdesk.services.backup import BackupFolderMissing, BackupInvalid
from tests.conftest import TEST_PASSPHRASE

NAME = "Øystein".encode()
RAW = Secret("ab" * 32, raw=True)


def _demo(path: Path, secret: Secret | None) -> Any:
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    database, _mode = create_database(path, secret=secret, unencrypted=secret is None, mode="passphrase")
    with database.session() as s, s.begin():
        build_demo(s, youths=12, seed=1, today=date(2026, 11, 24))
    return database


@pytest.fixture(params=["sqlite", "sqlcipher"])
def office(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Any, Secret | None]]:
    secret = None if request.param == "sqlite" else Secret(TEST_PASSPHRASE, raw=False)
    database = _demo(tmp_path / "office.db", secret)
    yield database, secret
    database.close()


def _count(path: Path, secret: Secret | None, table: str = "youth") -> int:
    conn = connect_raw(path, secret)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def _add_youth(database: Any) -> None:
    """A committed change that sits in the WAL (the app's engine keeps the database open)."""
    from navdesk.services.context import actor_for
    from navdesk.services.youths import create_youth

    with database.session() as s, s.begin():
        create_youth(s, actor_for(s), first_name="Åse", last_name="Ny", birth_date=date(2005, 3, 1))


def test_backup_is_keyed_like_the_database_and_has_a_manifest(office: Any, tmp_path: Path) -> None:
    database, secret = office
    folder = tmp_path / "usb"
    folder.mkdir()
    _add_youth(database)  # committed, still in the WAL of the open database
    info, removed = backup.backup_to_folder(database.target.path, secret, folder)
    assert removed == []
    assert info.path.parent == folder and info.path.name.startswith("office-backup-")
    assert not list(folder.glob("*.part"))
    assert _count(info.path, secret) == _count(database.target.path, secret) == 13
    manifest = json.loads(backup.manifest_path(info.path).read_text(encoding="utf-8"))
    assert manifest["rows"]["youth"] == 13 and manifest["revision"] == backup.known_revisions()[1]
    assert manifest["encrypted"] is (secret is not None)
    assert manifest["key_fingerprint"] == backup.key_fingerprint(secret)
    assert not Path(str(info.path) + "-wal").exists()  # one self-contained file
    data = info.path.read_bytes()
    if secret is None:
        assert data.startswith(SQLITE_HEADER) and manifest["key_fingerprint"] == ""
    else:
        assert file_kind(info.path) == "encrypted" and NAME not in data and b"youth" not in data
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):  # unreadable without the key
            sqlite3.connect(info.path).execute("SELECT count(*) FROM sqlite_master").fetchone()
        with pytest.raises(WrongKey):
            backup.verify_backup(info.path, [Secret("feil passordfrase", raw=False)])
        assert TEST_PASSPHRASE not in json.dumps(manifest)


def test_progress_is_reported_in_pages(office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database, secret = office
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 8)
    seen: list[tuple[int, int]] = []
    backup.backup_file(
        database.target.path, secret, tmp_path / "x.db", progress=lambda d, t: seen.append((d, t))
    )
    total = seen[-1][1]
    assert len(seen) > 3 and seen[-1] == (total, total)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)


def test_key_fingerprint_is_short_stable_and_not_the_key() -> None:
    fp = backup.key_fingerprint(RAW)
    assert len(fp) == 10 and fp == backup.key_fingerprint(
        Secret("AB" * 32, raw=True).__class__("ab" * 32, True)
    )
    assert fp != backup.key_fingerprint(Secret("cd" * 32, raw=True))
    assert fp not in RAW.value
    pw = backup.key_fingerprint(Secret(TEST_PASSPHRASE, raw=False))
    assert pw != backup.key_fingerprint(Secret(TEST_PASSPHRASE + "x", raw=False)) and len(pw) == 10
    assert backup.key_fingerprint(None) == ""


def test_rotation_keeps_seven_daily_and_four_weekly() -> None:
    today = date(2026, 12, 4)  # a Friday
    moments = []
    for back in range(60):
        day = today - timedelta(days=back)
        moments += [
            datetime(day.year, day.month, day.day, 8, 0),
            datetime(day.year, day.month, day.day, 16, 30),
        ]
    kept = backup.keep(moments, today)
    daily = {datetime(d.year, d.month, d.day, 16, 30) for d in (today - timedelta(days=i) for i in range(7))}
    assert daily <= kept  # the last backup of each of the last seven days
    weekly = kept - daily
    # the first backup of each of the last four ISO weeks (this week's Monday 08:00 included)
    mondays = [today - timedelta(days=today.weekday()) - timedelta(weeks=w) for w in range(4)]
    assert {datetime(m.year, m.month, m.day, 8, 0) for m in mondays} <= kept
    assert all(m.time().hour == 8 and m.weekday() == 0 for m in weekly)
    assert len(kept) == 7 + 4
    assert backup.keep([datetime(2020, 1, 1, 10)], today) == {datetime(2020, 1, 1, 10)}  # never the last one


def test_rotate_deletes_only_this_databases_backups(tmp_path: Path) -> None:
    today = date(2026, 12, 4)
    for back in range(20):
        day = today - timedelta(days=back)
        for stem in ("office", "other"):
            path = tmp_path / backup.backup_name(stem, datetime(day.year, day.month, day.day, 12))
            path.write_bytes(b"x")
            backup.manifest_path(path).write_text("{}")
    foreign = [tmp_path / "office-before-0009_plan_templates-20261101.db", tmp_path / "notes.txt"]
    for path in foreign:
        path.write_text("keep me")
    removed = backup.rotate(tmp_path, "office", today)
    left = sorted(p.name for p in tmp_path.glob("office-backup-*.db"))
    # 28.11–04.12, and the first of each week before: Monday 23.11, Monday 16.11, Sunday 15.11 (week 46)
    assert left[:3] == ["office-backup-20261115-120000.db", "office-backup-20261116-120000.db",
                        "office-backup-20261123-120000.db"] and len(left) == 7 + 3  # fmt: skip
    assert len(removed) == 20 - len(left)
    assert not any(backup.manifest_path(p).exists() for p in removed)
    assert len(list(tmp_path.glob("other-backup-*.db"))) == 20
    assert all(p.exists() for p in foreign)


@pytest.mark.parametrize("how", ["deleted", "under_a_file"])
def test_a_backup_folder_that_has_disappeared(office: Any, tmp_path: Path, how: str) -> None:
    database, secret = office
    folder = tmp_path / "usb"
    folder.mkdir()
    backup.backup_to_folder(database.target.path, secret, folder)
    before = _count(database.target.path, secret)
    if how == "deleted":  # the USB stick pulled out
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()
        target = folder
    else:  # a path through a file
        target = tmp_path / "a-file.txt" / "backups"
        (tmp_path / "a-file.txt").write_text("x")
    with pytest.raises(BackupFolderMissing) as missing:
        backup.backup_to_folder(database.target.path, secret, target)
    assert str(target) in str(missing.value) and "Ingen sikkerhetskopi ble laget" in str(missing.value)
    assert not folder.exists() or how != "deleted"
    with pytest.raises(BackupFolderMissing):
        backup.list_backups(target)
    _add_youth(database)  # the database goes on working
    assert _count(database.target.path, secret) == before + 1


def test_the_folder_disappearing_during_the_backup(
    office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database, secret = office
    folder = tmp_path / "usb"
    folder.mkdir()
    monkeypatch.setattr(backup, "PAGES_PER_STEP", 4)

    def pull_the_stick(done: int, total: int) -> None:
        if folder.exists() and done < total:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()

    with pytest.raises(BackupFolderMissing):
        backup.backup_to_folder(database.target.path, secret, folder, progress=pull_the_stick)
    assert _count(database.target.path, secret) == 12


def test_restore_verifies_keeps_the_current_database_and_replaces_it(office: Any, tmp_path: Path) -> None:
    database, secret = office
    folder = tmp_path / "usb"
    folder.mkdir()
    info, _removed = backup.backup_to_folder(database.target.path, secret, folder)
    _add_youth(database)  # after the backup: lost by the restore, kept in the copy
    database.close()
    path = database.target.path
    assert _count(path, secret) == 13
    restored = backup.restore_file(info.path, path, secrets=[secret], target_secret=secret)
    assert restored.kept is not None and restored.kept.name.startswith("office.db.before-restore-")
    assert _count(path, secret) == 12
    assert _count(restored.kept, secret) == 13  # nothing lost: the database as it was
    assert not list(tmp_path.glob("*.part"))
    conn = connect_raw(path, secret)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    from navdesk.db.opening import open_database

    reopened = open_database(path, secret=secret)
    reopened.close()


def _expect_refused(
    path: Path, backup_file: Path, secret: Secret | None, error: type[Exception], text: str
) -> None:
    before = path.read_bytes()
    with pytest.raises(error) as refused:
        backup.restore_file(backup_file, path, secrets=[secret], target_secret=secret)
    assert text in str(refused.value)
    assert path.read_bytes() == before  # nothing was changed
    assert not list(path.parent.glob("*.before-restore-*"))


def test_restore_refuses_a_changed_file_counts_that_differ_and_a_damaged_one(
    office: Any, tmp_path: Path
) -> None:
    database, secret = office
    info = backup.backup_file(database.target.path, secret, tmp_path / "b.db")
    database.close()
    path = database.target.path
    manifest = backup.manifest_path(info.path)
    good = json.loads(manifest.read_text(encoding="utf-8"))

    changed = json.loads(json.dumps(good))
    changed["rows"]["youth"] = 99
    manifest.write_text(json.dumps(changed), encoding="utf-8")
    _expect_refused(path, info.path, secret, BackupInvalid, "antallet rader er forskjellig i youth")

    manifest.write_text(json.dumps(good), encoding="utf-8")
    data = bytearray(info.path.read_bytes())
    page = 4096
    for i in range(3 * page, 5 * page):  # damage pages 4 and 5
        data[i] ^= 0x5A
    info.path.write_bytes(bytes(data))
    _expect_refused(path, info.path, secret, BackupInvalid, "sjekksummen")

    good["sha256"] = ""  # a manifest without a checksum: the integrity check finds the damage
    manifest.write_text(json.dumps(good), encoding="utf-8")
    _expect_refused(path, info.path, secret, BackupInvalid, "skadet")

    manifest.unlink()
    _expect_refused(path, info.path, secret, BackupInvalid, "manifest")


def test_restore_refuses_a_backup_from_a_newer_navdesk(office: Any, tmp_path: Path) -> None:
    database, secret = office
    path = database.target.path
    with database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    info = backup.backup_file(path, secret, tmp_path / "b.db")
    with database.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{backup.known_revisions()[1]}'")
    database.close()
    _expect_refused(path, info.path, secret, DatabaseTooNew, "nyere versjon")


def test_restore_with_the_wrong_key_is_refused(tmp_path: Path) -> None:
    database = _demo(tmp_path / "office.db", RAW)
    info = backup.backup_file(database.target.path, RAW, tmp_path / "b.db")
    database.close()
    wrong = Secret("cd" * 32, raw=True)
    _expect_refused(database.target.path, info.path, wrong, WrongKey, backup.key_fingerprint(RAW))


def test_latest_good_backup_skips_a_damaged_newer_one(office: Any, tmp_path: Path) -> None:
    database, secret = office
    folder = tmp_path / "usb"
    folder.mkdir()
    now = datetime.now().astimezone().replace(microsecond=0)
    older, _r = backup.backup_to_folder(database.target.path, secret, folder, now=now - timedelta(hours=5))
    newer, _r = backup.backup_to_folder(database.target.path, secret, folder, now=now)
    assert [b.path for b in backup.list_backups(folder, "office")] == [newer.path, older.path]
    assert backup.newest_backup_age(folder, "office", now) == timedelta(0)
    newer.path.write_bytes(newer.path.read_bytes()[:8192])  # cut short
    found = backup.latest_good_backup([folder, tmp_path / "missing"], "office", [secret])
    assert found is not None and found.info.path == older.path and found.rows["youth"] == 12
    assert backup.latest_good_backup([folder], "another", [secret]) is None


def test_backup_folder_setting_in_the_data_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    assert backup.backup_folder(data) == data / "backups" and backup.chosen_folder(data) is None
    usb = tmp_path / "usb"
    with pytest.raises(BackupFolderMissing):
        backup.set_backup_folder(data, usb)
    usb.mkdir()
    backup.set_backup_folder(data, usb)
    assert backup.backup_folder(data) == usb.resolve()
    backup.set_backup_folder(data, None)
    assert backup.backup_folder(data) == data / "backups"


def test_restore_refuses_while_the_database_is_open_elsewhere(office: Any, tmp_path: Path) -> None:
    database, secret = office
    info = backup.backup_file(database.target.path, secret, tmp_path / "b.db")
    path = database.target.path
    with database.engine.connect() as conn:  # NavDesk in another window: its pool holds a connection
        conn.exec_driver_sql("SELECT count(*) FROM youth").scalar_one()
        _expect_refused(path, info.path, secret, backup.DatabaseError, "er åpen i NavDesk")
    database.close()
    assert backup.restore_file(info.path, path, secrets=[secret], target_secret=secret).kept is not None


def test_a_backup_is_never_written_over_the_database(office: Any) -> None:
    database, secret = office
    path = database.target.path
    before = _count(path, secret)
    with pytest.raises(backup.InvalidInput):
        backup.backup_file(path, secret, path)
    with pytest.raises(backup.InvalidInput):
        backup.backup_file(path.with_name("missing.db"), secret, path.with_name("x.db"))
    assert not path.with_name("missing.db").exists() and _count(path, secret) == before


def test_a_damaged_database_is_not_backed_up_over_good_backups(office: Any, tmp_path: Path) -> None:
    database, secret = office
    folder = tmp_path / "usb"
    folder.mkdir()
    good, _r = backup.backup_to_folder(database.target.path, secret, folder)
    database.close()
    path = database.target.path
    raw = bytearray(path.read_bytes())
    raw[8 * 4096 : 12 * 4096] = bytes(range(256)) * 64  # four pages of garbage
    path.write_bytes(bytes(raw))
    with pytest.raises(backup.NotADatabase, match="skadet"):
        backup.backup_to_folder(path, secret, folder, now=datetime.now().astimezone() + timedelta(minutes=1))
    assert [b.path for b in backup.list_backups(folder)] == [good.path]  # the good one is still there
    assert not list(folder.glob("*.part"))
