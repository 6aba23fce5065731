"""The fast way to the first screen: a local office database read with raw SQL, no SQLAlchemy.

``quick_open`` returns what the main window shows first (office, acting user, portfolio rows) when
the file is a local SQLite/SQLCipher database already at this build's schema. It returns None
whenever the normal path must decide (PostgreSQL, a missing file, a schema to upgrade or a newer
one), and raises the same :class:`~navdesk.errors.UserError` s as the normal path for a wrong key
or a damaged file. The normal path (``open_database``: integrity check, migrations) runs right
after the first paint. Decision 0007.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path

from navdesk.db.keys import Secret
from navdesk.db.raw import connect_raw, file_kind, parse_target, translate_error
from navdesk.db.revisions import head_revision
from navdesk.db.unlock import AskPassphrase, find_secret
from navdesk.domain.actor import Actor
from navdesk.domain.enums import AccessRole
from navdesk.domain.portfolio import PORTFOLIO_SQL, YouthRow, portfolio_params, row_from_db
from navdesk.errors import NotFound
from navdesk.i18n import _


@dataclass
class QuickStart:
    path: Path
    secret: Secret | None
    office_name: str
    actor: Actor
    rows: list[YouthRow] = field(default_factory=list)
    users: list[tuple[str, str, str]] = field(default_factory=list)  # active users: (id hex, initials, name)

    @property
    def encrypted(self) -> bool:
        return self.secret is not None


def quick_open(
    db: str | Path, *, user: str | None = None, ask: AskPassphrase | None = None
) -> QuickStart | None:
    target = parse_target(db)
    if target.path is None:
        return None
    kind = file_kind(target.path)
    if kind in ("missing", "empty"):
        return None
    secret = find_secret(target.path, ask) if kind == "encrypted" else None
    try:
        conn = connect_raw(target.path, secret)
    except Exception as exc:
        raise translate_error(exc, str(target.path)) or exc from exc
    try:
        try:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except Exception:
            return None  # not a NavDesk schema we can read quickly: the normal path explains
        if version is None or version[0] != head_revision():
            return None
        office = conn.execute("SELECT id, name FROM office LIMIT 1").fetchone()
        if office is None:
            return None
        if user:
            found = conn.execute(
                "SELECT id, initials, access_role FROM app_user WHERE upper(initials) = ? AND active",
                (user.strip().upper(),),
            ).fetchone()
            if found is None:
                raise NotFound(_("No user has the initials {initials}.").format(initials=user))
        else:
            found = conn.execute(
                "SELECT id, initials, access_role FROM app_user WHERE access_role = 'admin' AND active "
                "ORDER BY created_at, initials LIMIT 1"
            ).fetchone()
            if found is None:
                return None
        actor = Actor(uuid.UUID(str(found[0])), found[1], AccessRole(found[2]), uuid.UUID(str(office[0])))
        rows = [row_from_db(r) for r in conn.execute(PORTFOLIO_SQL, portfolio_params(sqlite=True))]
        users = [
            (uuid.UUID(str(u[0])).hex, u[1], u[2])
            for u in conn.execute("SELECT id, initials, name FROM app_user WHERE active ORDER BY initials")
        ]
    except Exception as exc:
        friendly = translate_error(exc, str(target.path))
        if friendly is None:
            raise
        raise friendly from exc
    finally:
        conn.close()
    return QuickStart(target.path, secret, office[1], actor, rows, users)
