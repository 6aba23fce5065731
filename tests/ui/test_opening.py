"""Opening at start-up: passphrase dialog, clear messages for what the user can fix, file untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TEST_PASSPHRASE


@pytest.fixture
def encrypted_office(tmp_path: Path) -> Path:
    from navdesk.db.keys import Secret
    from navdesk.db.opening import create_database
    from navdesk.services.office import create_office

    path = tmp_path / "office.db"
    db, _mode = create_database(path, secret=Secret(TEST_PASSPHRASE, raw=False), mode="passphrase")
    with db.session() as s, s.begin():
        create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                      admin_initials="KN", password="passord123")  # fmt: skip
    db.close()
    return path


@pytest.fixture
def critical(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text, *a, **k: shown.append(text))
    return shown


def test_wrong_passphrases_give_the_norwegian_message_and_leave_the_file(
    qapp: Any, encrypted_office: Path, critical: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.db.engine import probe_key
    from navdesk.db.keys import Secret
    from navdesk.errors import WrongKey
    from navdesk.ui import app
    from navdesk.ui.passphrase import PassphraseDialog

    before = encrypted_office.read_bytes()
    attempts: list[int] = []

    def wrong(path: Path, attempt: int, parent: Any = None) -> str:
        attempts.append(attempt)
        return "feil passordfrase"

    monkeypatch.setattr(PassphraseDialog, "ask", staticmethod(wrong))
    assert app.open_office(encrypted_office, None, None) is None
    assert attempts == [1, 2, 3]
    with pytest.raises(WrongKey) as wrong_key:  # the core's own message for a wrong key
        probe_key(encrypted_office, Secret("feil passordfrase", raw=False))
    assert critical == [str(wrong_key.value)]
    assert "passordfrase" in critical[0].lower()  # in bokmål
    assert str(encrypted_office) in critical[0]
    assert encrypted_office.read_bytes() == before


def test_the_right_passphrase_on_the_second_try_opens(
    qapp: Any, encrypted_office: Path, critical: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.ui import app
    from navdesk.ui.passphrase import PassphraseDialog

    answers = iter(["feil", TEST_PASSPHRASE])
    monkeypatch.setattr(
        PassphraseDialog, "ask", staticmethod(lambda path, attempt, parent=None: next(answers))
    )
    opened = app.open_office(encrypted_office, None, None)
    assert opened is not None and critical == []
    database, actor, quick = opened
    assert database.encrypted and actor.initials == "KN"
    assert quick is not None and quick.office_name  # the fast start path read the first screen
    database.close()


def test_fast_start_then_full_open_without_asking_again(
    qapp: Any,
    qtbot: Any,
    encrypted_office: Path,
    critical: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QSettings

    from navdesk.db.engine import Database
    from navdesk.ui import app
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.passphrase import PassphraseDialog

    asked: list[int] = []

    def ask(path: Path, attempt: int, parent: Any = None) -> str:
        asked.append(attempt)
        return TEST_PASSPHRASE

    from datetime import date

    from navdesk.db.keys import Secret
    from navdesk.db.opening import open_database
    from navdesk.services import youths
    from navdesk.services.context import actor_for

    seeded = open_database(encrypted_office, secret=Secret(TEST_PASSPHRASE, raw=False))
    with seeded.session() as s, s.begin():
        youths.create_youth(s, actor_for(s), first_name="Åsa", last_name="Øvre", birth_date=date(2005, 5, 5))
    seeded.close()
    monkeypatch.setattr(PassphraseDialog, "ask", staticmethod(ask))
    pending, actor, quick = app.open_office(encrypted_office, None, None)  # type: ignore[misc]
    window = MainWindow(pending, actor, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat),
                        office=quick.office_name, rows=quick.rows)  # fmt: skip
    qtbot.addWidget(window)
    assert window.portfolio.model.rowCount() == len(quick.rows) > 0
    assert app.finish_opening(window, quick)
    assert asked == [1] and critical == []  # the passphrase was typed once
    assert isinstance(window.database, Database) and window.database.encrypted
    qtbot.waitUntil(lambda: window.deadlines_book is not None, timeout=20000)  # computed in the background
    window.portfolio.reload()  # the real database now serves the screens
    assert window.portfolio.model.rowCount() == len(quick.rows)
    window.database.close()


def test_a_damaged_file_is_refused_with_a_message(qapp: Any, tmp_path: Path, critical: list[str]) -> None:
    from navdesk.ui import app

    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x07" * 4000)
    before = path.read_bytes()
    assert app.open_office(path, None, None) is None
    assert len(critical) == 1 and "broken.db" in critical[0]
    assert path.read_bytes() == before


def test_passphrase_dialog_is_masked_and_says_wrong_from_the_second_attempt(
    qtbot: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from navdesk.i18n import _
    from navdesk.ui.passphrase import PassphraseDialog

    first = PassphraseDialog(tmp_path / "x.db", 1)
    qtbot.addWidget(first)
    assert first.passphrase_edit.echoMode() == QLineEdit.EchoMode.Password
    assert not first.error_label.isVisibleTo(first)
    second = PassphraseDialog(tmp_path / "x.db", 2)
    qtbot.addWidget(second)
    assert second.error_label.isVisibleTo(second)
    assert second.error_label.text() == _("Wrong passphrase. Try again.")


def test_bug_dialog_says_data_is_saved_and_log_has_no_personal_data(
    qapp: Any, critical: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    from navdesk.ui import app

    try:
        raise ValueError("Øystein Dahl 12345678901")
    except ValueError as exc:
        app.excepthook(type(exc), exc, exc.__traceback__)
    assert len(critical) == 1
    assert "Øystein" not in caplog.text and "12345678901" not in caplog.text
    assert "ValueError" in caplog.text and "test_opening.py" in caplog.text


def test_qt_dialog_buttons_are_in_bokmaal(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from navdesk.ui import app

    app.install_translators(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Avbryt"
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Se i:"
    assert QCoreApplication.translate("QLineEdit", "&Paste") == "&Lim inn"


def test_bench_hook_prints_ready_after_the_portfolio_painted(demo_db: Any, tmp_path: Path) -> None:
    demo_db.close()
    env = dict(
        os.environ, NAVDESK_BENCH_READY="1", QT_QPA_PLATFORM="offscreen", NAVDESK_DATA_DIR=str(tmp_path / "d")
    )
    result = subprocess.run(
        [sys.executable, "-m", "navdesk", "--db", str(demo_db.target.path)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    ready = [line for line in result.stdout.splitlines() if line.startswith("NAVDESK_READY ")]
    assert len(ready) == 1 and int(ready[0].split()[1]) > 10_000


def test_a_database_from_a_newer_navdesk_is_refused_untouched(
    qapp: Any, encrypted_office: Path, critical: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.db.engine import connect_raw
    from navdesk.db.keys import Secret
    from navdesk.ui import app

    conn = connect_raw(encrypted_office, Secret(TEST_PASSPHRASE, raw=False))
    conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = encrypted_office.read_bytes()
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)
    assert app.open_office(encrypted_office, None, None) is None
    assert len(critical) == 1 and "nyere" in critical[0] and "0099_future" in critical[0]
    assert encrypted_office.read_bytes() == before
