"""Start-up schema handling: integrity check → copy before migrating → Alembic upgrade → verify.

The current revision is read straight from ``alembic_version`` and compared with the revisions in
``migrations/versions`` (read as text), so an up-to-date database opens without importing Alembic.
A database whose revision this NavDesk does not know was written by a newer NavDesk and is refused
untouched. On PostgreSQL the upgrade runs under an advisory lock, so two laptops starting at once
do not both migrate.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from navdesk.db.engine import Database, connect_raw, translate_error
from navdesk.db.revisions import VERSIONS_DIR, head_revision, known_revisions
from navdesk.errors import DatabaseTooNew, NotADatabase
from navdesk.i18n import _
from navdesk.paths import backup_dir

PG_LOCK_ID = 7_410_221_001  # arbitrary, fixed: "NavDesk migrations"


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the database, or None for an empty one."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return str(row[0]) if row else None


def _has_tables(conn: Connection) -> bool:
    from sqlalchemy import inspect

    return bool(inspect(conn).get_table_names())


def integrity_ok(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return True
    rows = conn.exec_driver_sql("PRAGMA quick_check").fetchall()
    return len(rows) == 1 and rows[0][0] == "ok"


def backup_sqlite(db: Database, reason: str) -> Path:
    """An online copy (``sqlite3`` backup API) next to the database; encrypted with the same key."""
    assert db.target.path is not None
    folder = backup_dir(db.target.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dest = folder / f"{db.target.path.stem}-{reason}-{stamp}.db"
    src = connect_raw(db.target.path, db.secret)
    try:
        out = connect_raw(dest, db.secret)
        try:
            src.backup(out)
        finally:
            out.close()
    except Exception:
        dest.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    return dest


def _alembic_upgrade(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(VERSIONS_DIR.parent))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def _check_not_newer(revision: str | None, where: str) -> None:
    revisions, _head = known_revisions()
    if revision is not None and revision not in revisions:
        raise DatabaseTooNew(
            _(
                "{where} was written by a newer version of NavDesk (schema {revision}). "
                "Install the newest NavDesk to open it. The file was left as it was."
            ).format(where=where, revision=revision)
        )


def ensure_schema(db: Database) -> str:
    """Bring the database to this build's schema; return what was done (``current``, ``created``, ``upgraded``)."""
    head = head_revision()
    where = db.target.label
    try:
        with db.engine.connect() as conn:
            if not integrity_ok(conn):
                raise NotADatabase(
                    _("{where} is damaged (integrity check failed). The file was left as it was.").format(
                        where=where
                    )
                )
            revision = current_revision(conn)
            fresh = revision is None and not _has_tables(conn)
            conn.rollback()
        _check_not_newer(revision, where)
        if revision == head:
            return "current"
        if revision is None and not fresh:
            raise NotADatabase(
                _("{where} is not a NavDesk database. The file was left as it was.").format(where=where)
            )
        if db.dialect == "postgresql":
            return _upgrade_postgres(db, fresh)
        if not fresh:
            backup_sqlite(db, f"before-{head}")
        _upgrade_sqlite(db)
        with db.engine.connect() as conn:
            if current_revision(conn) != head or not integrity_ok(conn):
                raise NotADatabase(_("The upgrade of {where} could not be verified.").format(where=where))
        return "created" if fresh else "upgraded"
    except Exception as exc:
        raise translate_error(exc, where) or exc from exc


def _upgrade_sqlite(db: Database) -> None:
    # Batch migrations copy tables: foreign keys must be off (outside any transaction) meanwhile.
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")  # no SQLAlchemy autobegin: must run outside a transaction
        try:
            with conn.begin():
                _alembic_upgrade(conn)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise NotADatabase(_("The upgrade left broken references; nothing was changed."))
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def _upgrade_postgres(db: Database, fresh: bool) -> str:
    with db.engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": PG_LOCK_ID})
        try:
            conn.commit()
            revision = current_revision(conn)
            conn.rollback()
            _check_not_newer(revision, db.target.label)
            if revision != head_revision():
                with conn.begin():
                    _alembic_upgrade(conn)
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": PG_LOCK_ID})
            conn.commit()
    return "created" if fresh else "upgraded"


def schema_summary(db: Database) -> dict[str, Any]:
    with db.engine.connect() as conn:
        return {"revision": current_revision(conn), "head": head_revision(), "integrity": integrity_ok(conn)}
