"""Encryption at rest: SQLCipher 4 in its standard keyings, keys in the keyring or a passphrase."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from datetime import date
from pathlib import Path

import pytest

from navdesk.db import keys
from navdesk.db.engine import SQLITE_HEADER, connect_raw
from navdesk.db.keys import Secret
from navdesk.db.migrate import backup_sqlite
from navdesk.db.opening import create_database, open_database
from navdesk.demo import build_demo
from navdesk.errors import NeedsPassphrase, WrongKey
from tests.conftest import TEST_PASSPHRASE

NAME = "Øystein".encode()


def _demo(path: Path, **kwargs: object) -> None:
    db, _mode = create_database(path, **kwargs)  # type: ignore[arg-type]
    with db.session() as s, s.begin():
        build_demo(s, youths=30, seed=1, today=date(2026, 11, 24))
    db.close()


def test_passphrase_file_is_not_sqlite_and_opens_with_standard_pragma_key(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    _demo(path)
    raw = path.read_bytes()
    assert not raw.startswith(SQLITE_HEADER)
    assert NAME not in raw
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT count(*) FROM sqlite_master").fetchone()
    # A standard SQLCipher 4 connection with nothing but PRAGMA key opens it (no NavDesk settings).
    import sqlcipher3

    conn = sqlcipher3.connect(str(path))
    conn.execute("PRAGMA key = '" + TEST_PASSPHRASE.replace("'", "''") + "'")
    assert conn.execute("SELECT count(*) FROM youth").fetchone()[0] == 30
    conn.close()


@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command-line tool is not installed")
def test_sqlite3_tool_says_not_a_database(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    _demo(path)
    result = subprocess.run(["sqlite3", str(path), ".tables"], capture_output=True, text=True)
    assert result.returncode != 0
    assert "not a database" in result.stderr


def test_wrong_passphrase_is_refused_and_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    _demo(path)
    before = path.read_bytes()
    monkeypatch.setenv("NAVDESK_PASSPHRASE", "feil passordfrase")
    with pytest.raises(WrongKey) as err:
        open_database(path)
    assert "passordfrase" in str(err.value).lower()
    assert path.read_bytes() == before


def test_ask_callback_gets_three_attempts(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    _demo(path)
    monkeypatch.delenv("NAVDESK_PASSPHRASE")
    attempts: list[int] = []

    def ask(_path: Path, attempt: int) -> str:
        attempts.append(attempt)
        return TEST_PASSPHRASE if attempt == 3 else "feil"

    db = open_database(path, ask=ask)
    db.close()
    assert attempts == [1, 2, 3]
    with pytest.raises(NeedsPassphrase):
        open_database(path)  # no env, no keyring, no way to ask: refused, never hangs


def test_wal_and_backups_are_encrypted(tmp_path, monkeypatch):
    path = tmp_path / "x.db"
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    db, _mode = create_database(path)
    holder = db.engine.connect()  # keeps the WAL from being checkpointed away
    with db.session() as s, s.begin():
        build_demo(s, youths=30, seed=2, today=date(2026, 11, 24))
    wal = Path(str(path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    assert NAME not in wal.read_bytes() and b"Nordmann" not in wal.read_bytes()
    copy = backup_sqlite(db, "test")
    holder.close()
    db.close()
    data = copy.read_bytes()
    assert not data.startswith(SQLITE_HEADER) and b"Nordmann" not in data
    conn = connect_raw(copy, Secret(TEST_PASSPHRASE, raw=False))
    assert conn.execute("SELECT count(*) FROM youth").fetchone()[0] == 30
    conn.close()


def test_keyring_raw_key_survives_moving_the_file(tmp_path, fake_keyring):
    assert keys.keyring_available()
    path = tmp_path / "office.db"
    db, mode = create_database(path)
    db.close()
    assert mode == "keyring"
    assert not path.read_bytes().startswith(SQLITE_HEADER)
    stored = [v for k, v in __import__("json").loads(fake_keyring.read_text()).items() if "index" not in k]
    assert len(stored) == 1 and len(stored[0]) == 64  # a raw 256-bit key, hex
    moved = tmp_path / "elsewhere" / "renamed.db"
    moved.parent.mkdir()
    path.rename(moved)
    db = open_database(moved)  # no passphrase, found among the stored keys
    assert db.encrypted and db.secret is not None and db.secret.raw
    db.close()
    # the recovery-sheet form of the key opens it too, without the keyring
    secret = Secret.from_user_text(f"x'{stored[0]}'")
    conn = connect_raw(moved, secret)
    assert conn.execute("SELECT count(*) FROM alembic_version").fetchone()[0] == 1
    conn.close()


def test_plaintext_keyring_is_never_used(monkeypatch, tmp_path):
    import keyring.core

    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "fake_keyring.PlaintextLikeKeyring")
    monkeypatch.setenv("NAVDESK_TEST_KEYRING", str(tmp_path / "plain.json"))
    keyring.core._keyring_backend = None  # type: ignore[attr-defined]
    assert not keys.keyring_available()
    with pytest.raises(NeedsPassphrase):
        create_database(tmp_path / "x.db")
    assert not (tmp_path / "x.db").exists()


def test_raw_key_text_forms():
    hexkey = "ab" * 32
    assert Secret.from_user_text(f"x'{hexkey}'") == Secret(hexkey, raw=True)
    assert Secret.from_user_text(hexkey.upper()) == Secret(hexkey, raw=True)
    assert Secret.from_user_text("vanlig passordfrase") == Secret("vanlig passordfrase", raw=False)
    assert "''" in Secret("it's", raw=False).pragma()
