"""Restoring a backup into the open office database (the application's use case): the database's
connections are closed, the backup verified and put in place with the current key (so the keyring
still opens it), the schema brought up to date, and the restore audited in the restored database.
"""

from __future__ import annotations

from pathlib import Path

from navdesk.db import keys
from navdesk.db.engine import Database
from navdesk.db.keys import Secret
from navdesk.db.migrate import ensure_schema
from navdesk.domain.actor import Actor
from navdesk.errors import InvalidInput
from navdesk.i18n import _
from navdesk.services import audit
from navdesk.services.backup import Restored, restore_file
from navdesk.services.keys_admin import require_admin


def known_secrets(path: Path, *extra: Secret | None) -> list[Secret | None]:
    """Every key that may open a backup of ``path``: those given, NAVDESK_PASSPHRASE, the keyring's."""
    found: list[Secret | None] = [*extra, keys.env_passphrase()]
    try:
        found += keys.candidate_keys(path)
    except Exception:
        pass
    return found


def restore_into(database: Database, actor: Actor, backup: Path) -> Restored:
    """Replace the open database with the verified ``backup``; ``database`` goes on working. Admin only."""
    require_admin(actor, _("restore a backup"))
    path = database.target.path
    if path is None:
        raise InvalidInput(
            _("A database on a server is restored with the server's own tools (pg_restore); ask IT.")
        )
    database.engine.dispose()  # no connection may hold the old file while it is replaced
    restored = restore_file(
        backup, path, secrets=known_secrets(path, database.secret), target_secret=database.secret
    )
    ensure_schema(database)  # an older backup is upgraded as at start-up
    with database.session() as session, session.begin():
        audit.reset_head(session)  # the log's end is now the backup's (else verify would call it cut off)
        audit.record(session, actor, "restore", "database", None,
                     after={"backup": backup.name, "made_at": restored.verified.info.made_at,
                            "kept": restored.kept.name if restored.kept else None})  # fmt: skip
    return restored
