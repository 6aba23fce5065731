"""Schema migrations: from real database files, models in step with migrations, newer refused."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from navdesk.db.migrate import current_revision, ensure_schema, head_revision, known_revisions
from navdesk.db.opening import create_database, open_database
from navdesk.errors import DatabaseTooNew

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_revision_files_agree_with_alembic():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from navdesk.db.migrate import VERSIONS_DIR

    cfg = Config()
    cfg.set_main_option("script_location", str(VERSIONS_DIR.parent))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == head_revision()
    assert set(known_revisions()[0]) == {rev.revision for rev in script.walk_revisions()}


def test_models_match_migrations(db):
    """Autogenerate finds nothing to do on a migrated database: models and migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from navdesk.db.base import Base

    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata)
    assert diff == []


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("navdesk-*.db")))
def test_old_database_files_open_and_upgrade(fixture, tmp_path):
    """Every released schema, as a real file made by that release, opens and reaches head."""
    path = tmp_path / fixture
    shutil.copy(FIXTURES / fixture, path)
    original = path.read_bytes()
    db = open_database(path)
    with db.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert conn.execute(text("SELECT count(*) FROM youth")).scalar_one() > 0
        # every office has its deadline rules (seeded by 0002 for offices made before it)
        assert conn.execute(text("SELECT count(*) FROM deadline_rule")).scalar_one() == 17
        # the portfolio summary columns (0003) are filled from the data the file already had
        stale = conn.execute(text(
            "SELECT count(*) FROM youth y WHERE y.last_contact_at IS NOT (SELECT max(c.at) FROM contact c WHERE c.youth_id = y.id)"
            " OR y.open_registration_date IS NOT (SELECT max(p.registration_date) FROM follow_up_period p"
            "   WHERE p.youth_id = y.id AND p.closed_on IS NULL)"
            " OR y.in_activity IS NOT EXISTS (SELECT 1 FROM activity a WHERE a.youth_id = y.id AND a.status = 'gjennomforer')"
        )).scalar_one()  # fmt: skip
        assert stale == 0
        assert (
            conn.execute(text("SELECT count(*) FROM youth WHERE last_contact_at IS NOT NULL")).scalar_one()
            > 0
        )
    db.close()
    if not fixture.endswith(f"{head_revision()}.db"):
        copies = list((tmp_path / "backups").glob("*.db"))
        assert len(copies) == 1, "a copy is made before migrating"
        check = sqlite3.connect(copies[0])
        assert (
            check.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == fixture[len("navdesk-") : -3]
        )
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        check.close()
        assert len(original) > 0


def test_newer_database_is_refused_untouched(db, backend):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    before = db.target.path.read_bytes() if db.target.path else None
    with pytest.raises(DatabaseTooNew) as err:
        ensure_schema(db)
    assert "nyere" in str(err.value)
    if before is not None:
        assert db.target.path.read_bytes() == before


def test_concurrent_start_on_postgres_migrates_once(pg_url):
    """Two laptops starting at once: the advisory lock lets one migrate, the other waits and finds it done."""
    from navdesk.db.engine import Database, make_engine, parse_target

    target = parse_target(pg_url)
    results: list[str] = []
    errors: list[BaseException] = []

    def start() -> None:
        database = Database(make_engine(target), target)
        try:
            results.append(ensure_schema(database))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    database = Database(make_engine(target), target)
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
        assert current_revision(conn) == head_revision()
    database.close()


def test_a_fresh_file_gets_wal_and_foreign_keys(tmp_path):
    db, _mode = create_database(tmp_path / "x.db", unencrypted=True)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.close()
    assert sqlite3.connect(tmp_path / "x.db").execute("PRAGMA user_version").fetchone() is not None
    assert date.today()  # keep import used
