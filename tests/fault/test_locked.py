"""The database locked by another program, for real: a second process holds the write lock.

After the busy timeout the save gives a clear Norwegian message, nothing is half-saved, what was typed
stays in the form, and the same save works once the other program lets go.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from navdesk.db.raw import BUSY_TIMEOUT_MS
from navdesk.errors import DatabaseBusy
from tests.cli.helpers import navdesk
from tests.conftest import TEST_PASSPHRASE
from tests.fault.test_disk_full import NOTE, _contacts, _integrity, _office_on, shown_form

# The other program: opens the file with the key, takes the write lock, says so, holds it until told.
LOCKER = """
import sys, sqlcipher3.dbapi2 as sqlite
conn = sqlite.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA key = '" + sys.argv[2].replace("'", "''") + "'")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("UPDATE office SET name = name")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("COMMIT")
conn.close()
"""


class Locker:
    """Another process holding the database's write lock."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path), TEST_PASSPHRASE],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=30) == 0

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[Any, Any, Any]]:
    db, actor, youth_id = _office_on(tmp_path)
    yield db, actor, youth_id
    db.close()


def test_a_save_while_another_program_holds_the_lock_waits_then_says_so(office: Any, tmp_path: Path) -> None:
    from navdesk.services.contacts import log_contact

    db, actor, youth_id = office
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)

    def save() -> None:
        with db.session() as s, s.begin():
            log_contact(s, actor, youth_id, at=at, channel="sms", note=NOTE)

    locker = Locker(tmp_path / "kontor.db")
    try:
        start = time.monotonic()
        with pytest.raises(DatabaseBusy) as err:
            save()
        waited = time.monotonic() - start
        assert "i bruk av et annet program" in str(err.value) and "ingenting ble lagret" in str(err.value)
        assert waited >= BUSY_TIMEOUT_MS / 1000 * 0.9  # it waited for the other program first
        assert _contacts(db) == []  # reading still works; nothing half-saved
        locker.release()
    finally:
        locker.kill()
    save()
    assert _contacts(db) == [NOTE]
    assert _integrity(tmp_path / "kontor.db") == "ok"


def test_the_youth_form_keeps_the_text_while_the_database_is_locked(
    qtbot: Any, office: Any, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from navdesk.db.models import Youth
    from navdesk.ui.dialogs.youth_form import YouthForm

    db, actor, _youth = office
    form = shown_form(qtbot, YouthForm(db, actor, None))
    qtbot.keyClicks(form.first_name_edit, "Sølvi")
    qtbot.keyClicks(form.last_name_edit, "Løvås")
    qtbot.keyClicks(form.birth_edit, "12.12.2005")
    qtbot.keyClicks(form.dreams_edit, "Fagbrev i kokkfaget")
    locker = Locker(tmp_path / "kontor.db")
    try:
        assert form.save() is False
        assert form.banner.isVisible() and "i bruk av et annet program" in form.banner.text()
        form.grab().save(str(tmp_path / "locked-form.png"))
        assert form.isVisible() and form.first_name_edit.text() == "Sølvi"
        assert form.dreams_edit.toPlainText() == "Fagbrev i kokkfaget"
        locker.release()
    finally:
        locker.kill()
    assert form.save() is True
    with db.session() as s:
        assert (
            s.scalars(select(Youth.dreams).where(Youth.first_name == "Sølvi")).one() == "Fagbrev i kokkfaget"
        )


def test_the_cli_says_the_database_is_busy(office: Any, tmp_path: Path) -> None:
    csv = tmp_path / "nye.csv"
    csv.write_text("fornavn;etternavn;fødselsdato\nÆrle;Sæther;01.02.2003\n", encoding="utf-8")

    def import_youths() -> subprocess.CompletedProcess[str]:
        db = str(tmp_path / "kontor.db")
        return navdesk("import", "youths", str(csv), "--db", db, env={"NAVDESK_PASSPHRASE": TEST_PASSPHRASE})

    locker = Locker(tmp_path / "kontor.db")
    try:
        result = import_youths()
        assert result.returncode == 1, result.stderr
        assert "i bruk av et annet program" in result.stderr and "Traceback" not in result.stderr
        locker.release()
    finally:
        locker.kill()
    result = import_youths()
    assert result.returncode == 0, result.stderr
