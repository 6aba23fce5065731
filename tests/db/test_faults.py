"""Real faults, provoked for real: a damaged file, a read-only folder, a full disk.

Each gives a clear Norwegian message and leaves the database byte-for-byte as it was.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from navdesk.db.engine import translate_error
from navdesk.db.opening import create_database, open_database
from navdesk.demo import build_demo
from navdesk.errors import DiskFull, NotADatabase, ReadOnly
from tests.cli.helpers import navdesk


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.glob(path.name + "*"))}


def _assert_unchanged(path: Path, before: dict[str, bytes]) -> None:
    """The database file is byte-for-byte as before; a WAL left by SQLite holds no frames."""
    after = _files(path)
    assert after[path.name] == before[path.name]
    wal = after.get(path.name + "-wal", b"")
    assert wal == before.get(path.name + "-wal", b"") or len(wal) == 0


@pytest.fixture
def plain_demo(tmp_path) -> Path:
    path = tmp_path / "office.db"
    db, _ = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=40, seed=1, today=date(2026, 11, 24))
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def test_damaged_file_is_refused_untouched(plain_demo):
    data = bytearray(plain_demo.read_bytes())
    page = 4096
    data[page * 20 : page * 24] = b"\xff" * (page * 4)  # scribble over some pages, header intact
    plain_demo.write_bytes(bytes(data))
    before = _files(plain_demo)
    with pytest.raises(NotADatabase) as err:
        open_database(plain_demo)
    assert "skadet" in str(err.value)
    result = navdesk("check", "--db", str(plain_demo))
    assert result.returncode == 1 and "skadet" in result.stderr
    assert _files(plain_demo) == before


def test_a_file_that_is_no_database_is_refused(tmp_path):
    path = tmp_path / "bilde.db"
    path.write_bytes(os.urandom(8192))
    result = navdesk("check", "--db", str(path), env={"NAVDESK_PASSPHRASE": "noe"})
    assert result.returncode == 1 and "NavDesk-database" in result.stderr


def test_disk_full_while_exporting(plain_demo, tmp_path):
    """RLIMIT_FSIZE makes every write past 2 KiB fail with EFBIG, as a full disk would."""
    before = _files(plain_demo)
    out = tmp_path / "eksport.csv"

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    result = navdesk("export", "youths", "--db", str(plain_demo), "--out", str(out), preexec_fn=limit)
    assert result.returncode == 1, result.stderr
    assert "full" in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert not out.exists() and not list(tmp_path.glob("*.part"))
    _assert_unchanged(plain_demo, before)


def test_database_full_rolls_back_and_says_so(plain_demo):
    """SQLite's max_page_count makes the database itself full in the middle of a big write."""
    before = plain_demo.read_bytes()
    db = open_database(plain_demo)

    @event.listens_for(db.engine, "connect")
    def _cap(dbapi_conn, _record):
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    db.engine.dispose()
    from navdesk.services.context import actor_for
    from navdesk.services.youths import create_youth

    with pytest.raises(Exception) as err, db.session() as s, s.begin():
        actor = actor_for(s)
        for n in range(2000):
            create_youth(
                s,
                actor,
                first_name=f"Ny{n}",
                last_name="Ungdom",
                birth_date=date(2005, 1, 1),
                notes="x" * 500,
            )
    friendly = translate_error(err.value)
    assert isinstance(friendly, DiskFull)
    assert "full" in str(friendly)
    db.close()
    assert plain_demo.read_bytes() == before
    db = open_database(plain_demo)
    from navdesk.services.youths import portfolio_rows

    with db.session() as s:
        assert len(portfolio_rows(s)) == 40
    db.close()


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to an unprivileged user")
@pytest.mark.parametrize("command", ["check", "export"])
def test_read_only_folder_as_unprivileged_user(plain_demo, command):
    """Root ignores permissions, so the command runs as `nobody` on a folder it may not write.

    The interpreter lives under /root (not readable by nobody), so the child is forked after
    everything is imported and then drops its privileges, instead of exec'ing a new Python.
    """
    import navdesk.__main__
    import navdesk.cli
    import navdesk.db.opening
    import navdesk.exporting
    import navdesk.logs
    import navdesk.paths
    import navdesk.services.audit
    import navdesk.services.audit_head

    folder = Path(tempfile.mkdtemp(prefix="navdesk-ro-", dir="/tmp"))
    try:
        os.chmod(folder, 0o755)
        path = folder / "office.db"
        shutil.copy(plain_demo, path)
        os.chmod(path, 0o644)
        before = _files(path)
        args = ["check", "--db", str(path)] if command == "check" else [
            "export", "youths", "--db", str(path), "--out", str(folder / "ut.csv")]  # fmt: skip
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            try:
                os.dup2(write_end, 2)
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # pytest had replaced it  # noqa: SIM115
                os.setgroups([])
                os.setgid(65534)
                os.setuid(65534)
                code = navdesk.__main__.main(args)
            except BaseException as exc:  # pragma: no cover - reported through the pipe
                os.write(2, f"CRASH {type(exc).__name__}: {exc}".encode())
                code = 99
            sys.stderr.flush()
            os._exit(code)
        os.close(write_end)
        with os.fdopen(read_end, encoding="utf-8", errors="replace") as fh:
            stderr = fh.read()
        _pid, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 1, stderr
        assert "skrive" in stderr.lower() or "lese" in stderr.lower(), stderr
        _assert_unchanged(path, before)
        assert not (folder / "ut.csv").exists()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_readonly_errors_translate():
    assert isinstance(translate_error(PermissionError(13, "Permission denied")), ReadOnly)
    assert sys.platform
