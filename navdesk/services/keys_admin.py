"""The database key for administrators: the recovery sheet and changing the key (``PRAGMA rekey``).

Both are for administrators only and are audited. Changing the key stores the new raw key in the
keyring (the old keys stay there: older backups still need them) or takes a new passphrase; the
backups made afterwards use the new key. Only a SQLCipher file has a key: a plain file and a
database server get a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import sessionmaker

from navdesk.db import keys
from navdesk.db.engine import Database, connect_raw, make_engine, probe_key, translate_error
from navdesk.db.keys import Secret
from navdesk.domain.actor import Actor
from navdesk.domain.enums import AccessRole
from navdesk.errors import InvalidInput, UserError
from navdesk.i18n import _
from navdesk.services import audit
from navdesk.services.backup import BackupInfo, key_fingerprint, list_backups, rekey_pragma


def require_admin(actor: Actor, what: str) -> None:
    if str(actor.access_role) != AccessRole.ADMIN.value:
        raise InvalidInput(_("Only an administrator can {what}.").format(what=what))


def require_key(database: Database) -> Secret:
    """The database's key; a clear message for a plain file or a database server."""
    if database.target.path is None:
        raise InvalidInput(_("The office database is on a database server: its key and encryption are the "
                             "server's business (ask IT). NavDesk has no key to show or change."))  # fmt: skip
    if database.secret is None:
        raise InvalidInput(_("This database is NOT encrypted, so it has no key to show or change. Create an "
                             "encrypted database and move the office to it."))  # fmt: skip
    return database.secret


def key_text(secret: Secret) -> str:
    """The key as it is typed in the passphrase dialog (a raw key as ``x'…'``)."""
    return f"x'{secret.value}'" if secret.raw else secret.value


def in_keyring(path: Path, secret: Secret) -> bool:
    try:
        return secret in keys.candidate_keys(path)
    except Exception:
        return False


def stored_keys(path: Path) -> dict[str, Secret]:
    """The keys NavDesk keeps in the keyring, by fingerprint (old ones included)."""
    try:
        return {key_fingerprint(k): k for k in keys.candidate_keys(path)}
    except Exception:
        return {}


# -- the recovery sheet ---------------------------------------------------------------------------
@dataclass(frozen=True)
class OldBackup:
    file: str
    made_at: datetime | None
    fingerprint: str
    key: str | None  # the older key when this machine still keeps it, else None


@dataclass(frozen=True)
class RecoverySheet:
    office: str
    database: str
    printed_by: str
    printed_on: date
    key: str
    raw: bool
    fingerprint: str
    in_keyring: bool
    folder: str
    old_backups: list[OldBackup] = field(default_factory=list)
    folder_missing: bool = False


def recovery_sheet(session: Any, actor: Actor, database: Database, folder: Path,
                   today: date | None = None) -> RecoverySheet:  # fmt: skip
    """What the recovery sheet shows; admin only; audited (``print_recovery_sheet``, no key in the log)."""
    from navdesk.services.office import office_name
    from navdesk.services.summaries import user_label

    require_admin(actor, _("print the recovery sheet"))
    secret = require_key(database)
    assert database.target.path is not None
    fingerprint = key_fingerprint(secret)
    stored = stored_keys(database.target.path)
    old: list[OldBackup] = []
    missing = False
    try:
        backups: list[BackupInfo] = list_backups(folder, database.target.path.stem)
    except UserError:
        backups, missing = [], True
    for info in backups:
        if info.key_fingerprint and info.key_fingerprint != fingerprint:
            older = stored.get(info.key_fingerprint)
            old.append(OldBackup(info.path.name, info.made_at, info.key_fingerprint,
                                 key_text(older) if older else None))  # fmt: skip
    sheet = RecoverySheet(
        office=office_name(session) or "", database=str(database.target.path),
        printed_by=user_label(session, actor.user_id, actor.initials), printed_on=today or date.today(),
        key=key_text(secret), raw=secret.raw, fingerprint=fingerprint,
        in_keyring=in_keyring(database.target.path, secret), folder=str(folder), old_backups=old,
        folder_missing=missing,
    )  # fmt: skip
    audit.record(session, actor, "print_recovery_sheet", "database", None,
                 after={"key_fingerprint": fingerprint, "older_backups": len(old)})  # fmt: skip
    return sheet


# -- changing the key -----------------------------------------------------------------------------
@dataclass(frozen=True)
class KeyChange:
    old_fingerprint: str
    new_fingerprint: str
    stored_in_keyring: bool


def change_key(database: Database, actor: Actor, new_secret: Secret | None = None) -> KeyChange:
    """``PRAGMA rekey``: the database gets ``new_secret`` (default: a new random key kept in the keyring).

    The database's connections are closed for the change and the engine is made again with the new
    key, so ``database`` goes on working. Admin only; audited (``rekey``, fingerprints only).
    """
    require_admin(actor, _("change the database key"))
    old = require_key(database)
    path = database.target.path
    assert path is not None
    to_keyring = new_secret is None or (new_secret.raw and keys.keyring_available())
    if new_secret is None:
        if not keys.keyring_available():
            raise InvalidInput(_("No keyring is available to keep a new key. Give a new passphrase instead."))
        new_secret = keys.new_raw_key()
    if new_secret == old:
        raise InvalidInput(_("The new key is the same as the old one."))
    if not new_secret.raw and len(new_secret.value) < 8:
        raise InvalidInput(_("The passphrase must be at least 8 characters."))
    if to_keyring:
        keys.store_key(path, new_secret)  # before the change: a crash afterwards must not lose the key
    database.engine.dispose()
    try:
        conn = connect_raw(path, old)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(rekey_pragma(new_secret))
        finally:
            conn.close()
        probe_key(path, new_secret)
    except UserError:
        raise
    except Exception as exc:
        raise translate_error(exc, str(path)) or exc from exc
    database.engine = make_engine(database.target, new_secret)
    database.secret = new_secret
    database.sessions = sessionmaker(database.engine, expire_on_commit=False)
    change = KeyChange(key_fingerprint(old), key_fingerprint(new_secret), bool(to_keyring))
    with database.session() as session, session.begin():
        audit.record(session, actor, "rekey", "database", None,
                     before={"key_fingerprint": change.old_fingerprint},
                     after={"key_fingerprint": change.new_fingerprint, "keyring": change.stored_in_keyring})  # fmt: skip
    return change
