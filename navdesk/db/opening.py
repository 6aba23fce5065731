"""Open or create an office database, whatever it is: plain SQLite, SQLCipher or PostgreSQL.

The key is found without asking when possible: ``NAVDESK_PASSPHRASE``, then every key NavDesk keeps
in the OS keyring; only then is ``ask`` called (a GUI dialog or a terminal prompt). Without any of
them the caller gets :class:`NeedsPassphrase` and nothing hangs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from navdesk.db import keys
from navdesk.db.engine import (
    Database,
    Target,
    connect_raw,
    file_kind,
    make_engine,
    parse_target,
    probe_key,
    translate_error,
)
from navdesk.db.keys import Secret
from navdesk.db.migrate import ensure_schema
from navdesk.db.unlock import AskPassphrase, find_secret
from navdesk.errors import DatabaseError, NeedsPassphrase, NotFound
from navdesk.i18n import _


def open_database(
    db: str | Path, *, ask: AskPassphrase | None = None, migrate: bool = True, secret: Secret | None = None
) -> Database:
    """Open an existing database and bring its schema up to date.

    ``secret`` is a key already found (the fast start path's), tried before anything else.
    """
    target = parse_target(db)
    if target.path is not None:
        kind = file_kind(target.path)
        if kind == "missing":
            raise NotFound(_("There is no database at {path}.").format(path=target.path))
        if kind == "encrypted" and secret is not None:
            probe_key(target.path, secret)
        elif kind == "encrypted":
            secret = find_secret(target.path, ask)
        else:
            secret = None
    return _engine_with_schema(target, secret, migrate=migrate)


def _engine_with_schema(target: Target, secret: Secret | None, *, migrate: bool = True) -> Database:
    """The database's engine, with its schema checked and brought up to date; closed again on failure."""
    database = Database(make_engine(target, secret), target, secret)
    if migrate:
        try:
            ensure_schema(database)
        except BaseException:
            database.close()
            raise
    return database


def choose_new_secret(
    *, unencrypted: bool, ask_new: Callable[[], str | None] | None = None
) -> tuple[Secret | None, str]:
    """How a new file is keyed: (secret, mode) with mode ``plain``, ``passphrase`` or ``keyring``."""
    if unencrypted:
        return None, "plain"
    env = keys.env_passphrase()
    if env is not None:
        return env, "passphrase"
    if keys.keyring_available():
        return keys.new_raw_key(), "keyring"
    if ask_new is not None:
        typed = ask_new()
        if typed:
            return Secret.from_user_text(typed), "passphrase"
    raise NeedsPassphrase(
        _(
            "No keyring is available to keep the database key. "
            "Set NAVDESK_PASSPHRASE to a passphrase, or use --unencrypted for a demo."
        )
    )


def create_database(
    db: str | Path,
    *,
    unencrypted: bool = False,
    ask_new: Callable[[], str | None] | None = None,
    secret: Secret | None = None,
    mode: str | None = None,
) -> tuple[Database, str]:
    """Create a new database with the current schema; return it and how it was keyed."""
    target = parse_target(db)
    if target.path is None:
        database = Database(make_engine(target), target)
        ensure_schema(database)
        return database, "server"
    if file_kind(target.path) != "missing":
        raise DatabaseError(_("{path} exists already.").format(path=target.path))
    if secret is None:
        secret, mode = choose_new_secret(unencrypted=unencrypted, ask_new=ask_new)
    mode = mode or ("plain" if secret is None else "passphrase")
    try:
        target.path.parent.mkdir(parents=True, exist_ok=True)
        database = _create_file(target, secret)
    except Exception as exc:
        _remove_files(target.path)
        raise translate_error(exc, str(target.path)) or exc from exc
    if mode == "keyring" and secret is not None:
        keys.store_key(target.path, secret)
    return database, mode


def _create_file(target: Target, secret: Secret | None) -> Database:
    assert target.path is not None
    raw = connect_raw(target.path, secret)
    try:
        raw.execute("PRAGMA journal_mode = WAL").fetchall()
    finally:
        raw.close()
    return _engine_with_schema(target, secret)


def _remove_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
