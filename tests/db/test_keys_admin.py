"""Changing the key (PRAGMA rekey) and the recovery sheet, on real SQLCipher files and a fake keyring."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from navdesk.db import keys
from navdesk.db.engine import probe_key
from navdesk.db.keys import Secret
from navdesk.errors import InvalidInput, WrongKey
from navdesk.services import backup
from navdesk.services.keys_admin import change_key, recovery_sheet


def _office(path: Path, **kwargs: Any) -> Any:
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    database, mode = create_database(path, **kwargs)
    with database.session() as s, s.begin():
        build_demo(s, youths=8, seed=1, today=date(2026, 11, 24))
    return database, mode


def _actor(database: Any, initials: str = "KN") -> Any:
    from navdesk.services.context import actor_for

    with database.session() as s:
        return actor_for(s, initials)


def _audit(database: Any, action: str) -> list[tuple[Any, ...]]:
    with database.engine.connect() as conn:
        return list(conn.exec_driver_sql(
            "SELECT e.user_initials, p.\"before\", p.\"after\" FROM audit_event e LEFT JOIN audit_payload p "
            "ON p.event_id = e.id WHERE e.action = ?", (action,)))  # fmt: skip


def _pdf_text(data: bytes, tmp_path: Path) -> str:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(data)
    return "\n".join(page.extract_text() for page in PdfReader(out).pages)


def test_rekey_old_backups_need_the_old_key_new_ones_the_new(fake_keyring: Path, tmp_path: Path) -> None:
    database, mode = _office(tmp_path / "office.db")
    assert mode == "keyring"
    old = database.secret
    folder = tmp_path / "usb"
    folder.mkdir()
    before, _r = backup.backup_to_folder(database.target.path, old, folder)
    admin = _actor(database)

    change = change_key(database, admin)
    new = database.secret
    assert new != old and new.raw and change.stored_in_keyring
    assert change.old_fingerprint == backup.key_fingerprint(old) != change.new_fingerprint
    stored = keys.candidate_keys(database.target.path)
    assert old in stored and new in stored  # the old key stays for the old backups
    with database.session() as s:  # the database goes on working with the new key
        assert _actor(database).initials == "KN" and s is not None
    with pytest.raises(WrongKey):  # the old key no longer opens the database
        probe_key(database.target.path, old)

    after = backup.backup_file(database.target.path, database.secret, folder / "after.db")
    with pytest.raises(WrongKey):
        backup.verify_backup(before.path, [new])
    assert backup.verify_backup(before.path, [old]).secret == old
    with pytest.raises(WrongKey):
        backup.verify_backup(after.path, [old])
    assert backup.verify_backup(after.path, [new]).secret == new
    assert (
        json.loads(backup.manifest_path(after.path).read_text())["key_fingerprint"] == change.new_fingerprint
    )

    events = _audit(database, "rekey")
    assert len(events) == 1 and events[0][0] == "KN"
    assert old.value not in str(events) and new.value not in str(events)

    # the recovery sheet: the new key, and the old backup with the old key kept in the keyring
    with database.session() as s, s.begin():
        sheet = recovery_sheet(s, admin, database, folder, today=date(2026, 12, 4))
    assert sheet.key == f"x'{new.value}'" and sheet.in_keyring
    assert [(b.file, b.key) for b in sheet.old_backups] == [(before.path.name, f"x'{old.value}'")]
    from navdesk.documents.recovery import render_recovery_sheet

    text = _pdf_text(render_recovery_sheet(sheet), tmp_path)
    joined = text.replace("\n", "")
    assert f"x'{new.value}'" in text and before.path.name in joined and f"x'{old.value}'" in joined
    assert "Gjenopprettingsark" in text and "04.12.2026" in text and "Kari Nordmann (KN)" in text
    assert "Side 1 av" in text
    assert Secret.from_user_text(sheet.key) == new  # what is printed is what the passphrase dialog takes
    events = _audit(database, "print_recovery_sheet")
    assert len(events) == 1 and new.value not in str(events)
    database.close()


def test_rekey_to_a_passphrase_and_back_is_refused_for_non_admins(tmp_path: Path) -> None:
    database, _mode = _office(tmp_path / "office.db", secret=Secret("første passordfrase", raw=False),
                              mode="passphrase")  # fmt: skip
    with pytest.raises(InvalidInput, match="administrator"):
        change_key(database, _actor(database, "SL"), Secret("ny passordfrase 2026", raw=False))
    with pytest.raises(InvalidInput, match="nøkkelring"):  # no keyring: a passphrase must be given
        change_key(database, _actor(database))
    with pytest.raises(InvalidInput, match="8"):
        change_key(database, _actor(database), Secret("kort", raw=False))
    change = change_key(database, _actor(database), Secret("ny passordfrase 2026", raw=False))
    assert not change.stored_in_keyring
    database.close()
    from navdesk.db.opening import open_database

    with pytest.raises(WrongKey):
        open_database(database.target.path, secret=Secret("første passordfrase", raw=False)).close()
    open_database(database.target.path, secret=Secret("ny passordfrase 2026", raw=False)).close()


def test_plain_database_has_no_key(tmp_path: Path) -> None:
    database, _mode = _office(tmp_path / "office.db", unencrypted=True)
    with pytest.raises(InvalidInput, match="IKKE kryptert"):
        change_key(database, _actor(database))
    with database.session() as s, pytest.raises(InvalidInput, match="IKKE kryptert"):
        recovery_sheet(s, _actor(database), database, tmp_path)
    with database.session() as s, pytest.raises(InvalidInput, match="administrator"):
        recovery_sheet(s, _actor(database, "OB"), database, tmp_path)
    database.close()


def test_an_old_backup_restored_after_a_key_change_gets_the_current_key(
    fake_keyring: Path, tmp_path: Path
) -> None:
    from navdesk.services.restore import restore_into

    database, _mode = _office(tmp_path / "office.db")
    old = database.secret
    before = backup.backup_file(database.target.path, old, tmp_path / "before.db")
    change_key(database, _actor(database))
    new = database.secret
    restored = restore_into(database, _actor(database), before.path)  # the old key is found in the keyring
    assert restored.verified.secret == old and restored.secret == new
    probe_key(database.target.path, new)  # the keyring's current key still opens the database
    with pytest.raises(WrongKey):
        probe_key(database.target.path, old)
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM youth").scalar_one() == 8
        actions = [
            r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_event WHERE action = 'restore'")
        ]
    assert actions == ["restore"]
    database.close()
