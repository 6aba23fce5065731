"""Engines for plain SQLite, SQLCipher and PostgreSQL, with the pragmas every connection needs.

SQLite files are detected by their header: ``SQLite format 3`` is plain, anything else non-empty is
taken to be SQLCipher (or damage, which the key check then reports). Every connection gets
``foreign_keys=ON`` and a busy timeout; a new file gets WAL. Python 3.11's sqlite3 does not begin
transactions before DDL, so transactions are begun explicitly (SQLAlchemy's documented recipe).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, SessionTransactionOrigin, sessionmaker

from navdesk.db.keys import Secret
from navdesk.db.raw import (
    BUSY_TIMEOUT_MS,
    SQLITE_HEADER,
    FileKind,
    Target,
    _dbapi,
    connect_raw,
    file_kind,
    parse_target,
    probe_key,
    translate_error,
    translate_write_error,
)

__all__ = [
    "SQLITE_HEADER", "Database", "FileKind", "Target", "connect_raw", "file_kind", "make_engine", "parse_target",
    "probe_key", "translate_error",
]  # fmt: skip


WRITE_OPTION = "navdesk_write"


class _Session(Session):
    """A session whose explicit transactions (``with session.begin():`` — the use cases that write)
    begin with ``BEGIN IMMEDIATE`` on SQLite; reads that autobegin stay deferred, so they never wait."""

    def get_bind(self, *args: Any, **kwargs: Any) -> Any:
        bind = super().get_bind(*args, **kwargs)
        transaction = self.get_transaction()
        if (
            isinstance(bind, Engine)
            and bind.dialect.name == "sqlite"
            and transaction is not None
            and transaction.origin is SessionTransactionOrigin.BEGIN
        ):
            # one writing engine per session (a session keeps one connection per engine)
            base, writer = self.info.get("navdesk_writer", (None, None))
            if base is not bind:
                writer = bind.execution_options(**{WRITE_OPTION: True})
                self.info["navdesk_writer"] = (bind, writer)
            return writer
        return bind


def _sqlite_engine(path: Path, secret: Secret | None) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        module=_dbapi(secret),
        creator=lambda: connect_raw(path, secret),
        pool_size=3,
        max_overflow=2,
        hide_parameters=True,  # no values (names, notes) in logged SQL or in error messages
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.close()

    @event.listens_for(engine, "handle_error")
    def _user_errors(context: Any) -> BaseException | None:
        # a full disk, a lock held by another program: the caller (a form, the CLI) gets a UserError it
        # shows in Norwegian, the transaction is rolled back, and what the user typed stays in the form
        return translate_write_error(context.original_exception)

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # a write transaction takes the write lock up front, so it *waits* (busy_timeout) for another
        # program's lock: SQLite does not wait when a transaction that has read asks to write
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")

    return engine


def make_engine(target: Target, secret: Secret | None = None) -> Engine:
    if target.path is not None:
        return _sqlite_engine(target.path, secret)
    return create_engine(target.url, pool_pre_ping=True, pool_size=3, max_overflow=2, hide_parameters=True)


@dataclass
class Database:
    """An open office database: its engine, where it is, and how it is keyed."""

    engine: Engine
    target: Target
    secret: Secret | None = None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, class_=_Session, expire_on_commit=False)

    @property
    def encrypted(self) -> bool:
        return self.secret is not None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        return self.sessions()

    def close(self) -> None:
        self.engine.dispose()
