"""``navdesk smoke-test``: the release check the packaged program runs on itself, run here from the
source tree (``make package`` runs the same command with the frozen binary)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.cli.helpers import navdesk

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "navdesk-0006_clubs.db"


def test_smoke_test_passes_and_reports_each_check(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, old)
    out = tmp_path / "out"
    result = navdesk("smoke-test", "--out", str(out), "--upgrade-from", str(old),
                     env={"NAVDESK_PASSPHRASE": "røyktest-passfrase", "NAVDESK_DATA_DIR": str(tmp_path / "data")})  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith("SMOKE TEST PASSED")
    checks = {line[5:18].strip(): line for line in lines[1:-1]}
    assert set(checks) == {"versions", "resources", "user guide", "migrations", "calendar", "keyring", "encrypted db", "upgrade",
                           "summary pdf"}  # fmt: skip
    assert all(line.startswith("ok ") for line in checks.values())
    assert "NAVDESK_PASSPHRASE" in checks["encrypted db"] and "Áigi Čáhppes-Ŋuolja" in checks["encrypted db"]
    assert "0006_clubs → " in checks["upgrade"]
    assert "backend" in checks["keyring"]
    db = out / "smoke.db"
    assert db.read_bytes()[:16] != b"SQLite format 3\x00"  # encrypted
    assert (out / "summary.pdf").read_bytes().startswith(b"%PDF")
    assert (out / "smoke-test.txt").read_text(encoding="utf-8").splitlines() == lines
    assert old.read_bytes() == FIXTURE.read_bytes()  # the given database is left alone: a copy is upgraded
    if shutil.which("pdftotext"):
        assert "pdftotext reads back" in checks["summary pdf"]


def test_smoke_test_fails_when_a_check_fails(tmp_path: Path) -> None:
    broken = tmp_path / "not-a-database.db"
    broken.write_bytes(b"this is not a NavDesk database" * 100)
    result = navdesk("smoke-test", "--out", str(tmp_path / "out"), "--upgrade-from", str(broken),
                     env={"NAVDESK_DATA_DIR": str(tmp_path / "data")})  # fmt: skip
    assert result.returncode == 1
    assert any(line.startswith("FAIL upgrade") for line in result.stdout.splitlines())
    assert result.stdout.splitlines()[-1] == "SMOKE TEST FAILED: upgrade"


def test_smoke_test_is_not_listed_in_the_help() -> None:
    result = navdesk("--help")
    assert result.returncode == 0 and "smoke-test" not in result.stdout and "demo" in result.stdout


def test_the_keyring_check_keys_a_database_through_the_keyring_and_cleans_up(
    fake_keyring: Path, tmp_path: Path
) -> None:
    import json

    from navdesk.db.keys import INDEX_USER, SERVICE

    result = navdesk("smoke-test", "--out", str(tmp_path / "out"), "--use-keyring",
                     env={"NAVDESK_PASSPHRASE": "røyktest-passfrase"})  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if x[5:18].strip() == "keyring db")
    assert line.startswith("ok ") and "(keyring)" in line and "found there again" in line
    keyring_line = next(x for x in result.stdout.splitlines() if x[5:18].strip() == "keyring")
    assert "(recommended, priority 10)" in keyring_line
    stored = json.loads(fake_keyring.read_text(encoding="utf-8"))
    assert stored == {f"{SERVICE}\x00{INDEX_USER}": "{}"}  # the key stored for the check is gone again
    assert (tmp_path / "out" / "smoke-keyring.db").read_bytes()[:16] != b"SQLite format 3\x00"


def test_the_keyring_check_fails_without_a_keyring(tmp_path: Path) -> None:
    result = navdesk("smoke-test", "--out", str(tmp_path / "out"), "--use-keyring")
    assert result.returncode == 1
    assert any(x.startswith("FAIL keyring db") for x in result.stdout.splitlines())
