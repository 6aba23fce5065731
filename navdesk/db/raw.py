"""Database files without SQLAlchemy: what a file is, raw (keyed) connections, error translation.

Kept free of SQLAlchemy so the application can reach its first paint without importing it
(decision 0007); :mod:`navdesk.db.engine` builds the SQLAlchemy engines on top of this.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from navdesk.db.keys import Secret
from navdesk.errors import (
    DatabaseBusy,
    DatabaseError,
    DiskFull,
    InvalidInput,
    NotADatabase,
    ReadOnly,
    UserError,
    WrongKey,
)
from navdesk.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
FileKind = Literal["missing", "empty", "plain", "encrypted"]


@dataclass(frozen=True)
class Target:
    """What ``--db`` names: a file path or a PostgreSQL URL."""

    url: str
    path: Path | None = None

    @property
    def is_postgres(self) -> bool:
        return self.path is None

    @property
    def label(self) -> str:
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def parse_target(db: str | Path) -> Target:
    text = str(db)
    if text.startswith(("postgresql:", "postgresql+", "postgres:")):
        if text.startswith("postgres:"):
            text = "postgresql+psycopg:" + text[len("postgres:") :]
        elif text.startswith("postgresql:"):
            text = "postgresql+psycopg:" + text[len("postgresql:") :]
        return Target(url=text)
    if "://" in text:
        raise DatabaseError(_("Unknown database address: {db}").format(db=text))
    path = Path(text).expanduser().absolute()
    return Target(url=f"sqlite:///{path}", path=path)


def file_kind(path: Path) -> FileKind:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return "missing"
    except PermissionError as exc:
        raise ReadOnly(_("NavDesk may not read the file {path}.").format(path=path)) from exc
    if not head:
        return "empty"
    return "plain" if head == SQLITE_HEADER else "encrypted"


def _first_line(exc: BaseException) -> str:
    """The driver's own first line, without SQLAlchemy's wrapper text and links."""
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    return text[0][:200] if text else type(original).__name__


def translate_error(exc: BaseException, where: str = "") -> UserError | None:
    """Turn a driver error the user can act on into a clear Norwegian :class:`UserError`."""
    if isinstance(exc, UserError):
        return exc
    text = str(getattr(exc, "orig", None) or exc).lower()
    place = where or _("the database")
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        import errno

        if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return DiskFull(
                _("The disk is full, so {place} could not be written. Nothing was changed.").format(
                    place=place
                )
            )
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnly(
                _("NavDesk may not write to {place}. Choose another folder or ask IT for access.").format(
                    place=place
                )
            )
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return InvalidInput(
                _("The folder for {place} does not exist. Choose an existing folder.").format(place=place)
            )
        if exc.errno == errno.EISDIR:
            return InvalidInput(_("{place} is a folder; give a file name.").format(place=place))
        return DatabaseError(
            _("{place} could not be written: {reason}. Nothing was changed.").format(
                place=place, reason=exc.strerror or type(exc).__name__
            )
        )
    if "database or disk is full" in text or "disk i/o error" in text:
        return DiskFull(
            _("The disk is full, so {place} could not be written. Nothing was changed.").format(place=place)
        )
    if "readonly database" in text or "read-only" in text or "unable to open database" in text:
        return ReadOnly(
            _("NavDesk may not write to {place}. Choose another folder or ask IT for access.").format(
                place=place
            )
        )
    if "file is not a database" in text or "malformed" in text:
        return NotADatabase(
            _("{place} is damaged or is not a NavDesk database. The file was left as it was.").format(
                place=place
            )
        )
    if "database is locked" in text or "database table is locked" in text:
        return busy_error()
    if "could not connect" in text or "connection refused" in text or "password authentication" in text:
        return DatabaseError(
            _("Could not connect to the database server: {detail}").format(detail=_first_line(exc))
        )
    return None


def busy_error() -> DatabaseBusy:
    return DatabaseBusy(
        _(
            "The database is in use by another program (or another NavDesk) and stayed locked for "
            "{seconds} seconds, so nothing was saved. Try again in a moment; if it keeps happening, "
            "close the other program that has the file open."
        ).format(seconds=BUSY_TIMEOUT_MS // 1000)
    )


def translate_write_error(exc: BaseException) -> UserError | None:
    """A write the user can do something about (a full disk, a file locked by another program, a
    read-only file), as the :class:`UserError` raised in its place; every other error is left alone.
    Only the driver's error text is looked at; it never holds the values being written."""
    text = str(exc).lower()
    if "database or disk is full" in text:
        return DiskFull(
            _(
                "The disk is full, so the change was not saved. Free some space on the disk "
                "(or ask IT for help) and save again."
            )
        )
    if "disk i/o error" in text:
        return DiskFull(
            _(
                "The change could not be written to the disk (an input/output error: the disk may be full, "
                "removed or failing), so it was not saved. Check the disk and save again."
            )
        )
    if "database is locked" in text or "database table is locked" in text:
        return busy_error()
    if "readonly database" in text:
        return ReadOnly(
            _("NavDesk may not write to {place}. Choose another folder or ask IT for access.").format(
                place=_("the database")
            )
        )
    return None


def _dbapi(secret: Secret | None) -> Any:
    if secret is None:
        return sqlite3
    import sqlcipher3.dbapi2

    return sqlcipher3.dbapi2


def connect_raw(path: Path, secret: Secret | None, *, read_only: bool = False) -> Any:
    """A DB-API connection (sqlite3 or sqlcipher3) keyed when ``secret`` is given."""
    module = _dbapi(secret)
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = module.connect(target, uri=read_only, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
    if secret is not None:
        conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is reported by us, not logged to stderr
        conn.execute(secret.pragma())
    return conn


def probe_key(path: Path, secret: Secret | None) -> None:
    """Check that ``secret`` opens the file (reads the schema); raise WrongKey/NotADatabase if not."""
    try:
        conn = connect_raw(path, secret, read_only=True)
    except Exception as exc:
        raise translate_error(exc, str(path)) or exc from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception as exc:
        if "file is not a database" in str(exc).lower() and secret is not None:
            raise WrongKey(
                _(
                    "The passphrase or key does not open {path} (or the file is not a NavDesk database). The file was left as it was."
                ).format(path=path)
            ) from exc
        raise translate_error(exc, str(path)) or exc from exc
    finally:
        conn.close()
