"""Backups in the application: the dialog, automatic backups, a folder that has disappeared, restore,
the key actions in the Office menu, and the restore offer for a damaged database at start-up."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from navdesk.services import backup
from tests.ui.conftest import open_window


def _youths(database: Any) -> int:
    with database.engine.connect() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM youth").scalar_one())


def _add_youth(window: Any) -> None:
    from navdesk.services.youths import create_youth

    with window.database.session() as s, s.begin():
        create_youth(s, window.actor, first_name="Åse", last_name="Etterpå", birth_date=date(2005, 3, 1))


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """What the message boxes said; questions are answered Yes."""
    seen: dict[str, list[str]] = {"warning": [], "question": [], "information": [], "critical": []}
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, lambda _p, _t, text, *a, _k=kind, **kw: seen[_k].append(text))

    def question(_p: Any, _t: str, text: str, *a: Any, **kw: Any) -> QMessageBox.StandardButton:
        seen["question"].append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return seen


def _close_open_boxes() -> list[str]:
    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts


def test_dialog_backs_up_lists_and_restores(qtbot: Any, main_window: Any, tmp_path: Path,
                                            said: dict[str, list[str]]) -> None:  # fmt: skip
    from navdesk.ui import backups

    window = main_window
    assert window.backups_action.text() == "Sikkerhetskopier …"
    dialog = backups.open_dialog(window)
    assert dialog is not None and dialog.folder_edit.text() == str(tmp_path / "backups")
    assert dialog.table.rowCount() == 0 and "Ingen sikkerhetskopier" in dialog.status.text()
    info = dialog.back_up()
    assert info is not None and info.path.parent == tmp_path / "backups"
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 2).text() == "IKKE kryptert"
    assert "Sikkerhetskopi laget" in window.statusBar().currentMessage()

    before = _youths(window.database)
    _add_youth(window)
    window.portfolio.reload()
    assert window.portfolio.model.rowCount() == before + 1
    dialog.table.selectRow(0)
    assert dialog.restore_button.isEnabled()
    assert dialog.restore_selected()
    assert len(said["question"]) == 1 and "kopi ved siden av" in said["question"][0]
    assert _youths(window.database) == before  # the database goes on working, with the backup's contents
    assert window.portfolio.model.rowCount() == before
    kept = list((tmp_path).glob("demo.db.before-restore-*"))
    assert len(kept) == 1
    with window.database.engine.connect() as conn:
        actions = [
            r[0] for r in conn.exec_driver_sql("SELECT action FROM audit_event WHERE action = 'restore'")
        ]
    assert actions == ["restore"]
    dialog.close()


def test_a_backup_folder_that_has_disappeared(qtbot: Any, main_window: Any, tmp_path: Path,
                                              said: dict[str, list[str]]) -> None:  # fmt: skip
    from navdesk.ui import backups

    window = main_window
    usb = tmp_path / "usb"
    usb.mkdir()
    backup.set_backup_folder(tmp_path, usb)
    dialog = backups.open_dialog(window)
    assert dialog.folder_edit.text() == str(usb.resolve())
    assert dialog.back_up() is not None
    shutil.rmtree(usb)  # the USB stick is pulled out
    assert dialog.back_up() is None
    assert (
        said["warning"]
        and str(usb) in said["warning"][-1]
        and "Ingen sikkerhetskopi ble laget" in said["warning"][-1]
    )
    assert not usb.exists()  # never created behind the user's back
    assert "ikke tilgjengelig" in dialog.status.text() and not dialog.backup_button.isEnabled()
    dialog.close()

    auto = backups.AutoBackup(window)
    assert auto.check_daily() is False and auto.last_message is not None and str(usb) in auto.last_message
    assert any(str(usb) in text for text in _close_open_boxes())  # told, not blocking
    assert auto.check_daily() is False and not _close_open_boxes()  # an hour later: not told again
    _add_youth(window)  # NavDesk goes on
    window.portfolio.reload()
    said["warning"].clear()
    window.close()  # the backup on close: a message, and the window closes
    assert not window.isVisible()
    assert said["warning"] and "Ingen sikkerhetskopi ble laget" in said["warning"][0]


def test_daily_and_on_close(qtbot: Any, main_window: Any, tmp_path: Path, said: dict[str, list[str]]) -> None:
    from navdesk.ui import backups

    window = main_window
    auto = backups.start_auto_backups(window)
    assert auto is not None and auto.due()
    assert auto.check_daily() is True
    auto.wait()
    made = backup.list_backups(tmp_path / "backups", "demo")
    assert len(made) == 1 and auto.last_info is not None and auto.last_message is None
    assert auto.check_daily() is False  # not due again today
    assert auto.due(datetime.now().astimezone() + timedelta(hours=25))
    _add_youth(window)
    window.close()
    after = backup.list_backups(tmp_path / "backups", "demo")
    assert len(after) == 2 and after[0].rows["youth"] == made[0].rows["youth"] + 1
    assert not said["warning"]


def test_office_menu_key_actions_for_admins_only(qtbot: Any, demo_db: Any, ui_settings: Any, tmp_path: Path,
                                                 said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from navdesk.services.context import actor_for
    from navdesk.ui import backups
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.printing import native

    window = open_window(qtbot, demo_db, ui_settings)
    assert window.recovery_sheet_action.text() == "Skriv ut gjenopprettingsark …"
    monkeypatch.setattr(native, "ask_save_path", lambda *_a: str(tmp_path / "ark.pdf"))
    assert backups.print_recovery_sheet(window) is None  # a plain database has no key: said so
    assert "IKKE kryptert" in said["warning"][-1]
    assert backups.change_key(window) is None and "IKKE kryptert" in said["warning"][-1]
    with demo_db.session() as s:
        veileder = actor_for(s, "OB")
    other = MainWindow(demo_db, veileder, settings=ui_settings)
    qtbot.addWidget(other)
    assert not hasattr(other, "recovery_sheet_action") and hasattr(other, "backups_action")
    dialog = backups.BackupsDialog(other)
    assert not dialog.restore_button.isEnabled()
    dialog.close()


def test_key_change_and_sheet_from_the_window(qtbot: Any, tmp_path: Path, ui_settings: Any, fake_keyring: Path,
                                             said: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    from pypdf import PdfReader

    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo
    from navdesk.ui import backups
    from navdesk.ui.printing import native

    database, mode = create_database(tmp_path / "office.db")
    assert mode == "keyring"
    with database.session() as s, s.begin():
        build_demo(s, youths=6, seed=1)
    window = open_window(qtbot, database, ui_settings)
    old = database.secret
    before = backups.backup_now(window)
    result = backups.change_key(window)
    assert result is not None and window.database.secret != old
    assert "gjenopprettingsark" in said["information"][-1]
    window.portfolio.reload()
    assert window.portfolio.model.rowCount() == 6
    monkeypatch.setattr(native, "ask_save_path", lambda *_a: None)  # cancelled: nothing saved, nothing logged
    assert backups.print_recovery_sheet(window) is None
    with database.engine.connect() as conn:
        logged = "SELECT count(*) FROM audit_event WHERE action = 'print_recovery_sheet'"
        assert conn.exec_driver_sql(logged).scalar_one() == 0
    monkeypatch.setattr(native, "ask_save_path", lambda *_a: str(tmp_path / "ark.pdf"))
    out = backups.print_recovery_sheet(window)
    with database.engine.connect() as conn:
        assert conn.exec_driver_sql(logged).scalar_one() == 1
    assert out == tmp_path / "ark.pdf"
    text = "".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", "")
    assert (
        f"x'{window.database.secret.value}'" in text
        and before.path.name in text
        and f"x'{old.value}'" in text
    )
    window.close()
    database.close()


def _office_with_backup(tmp_path: Path, youths: int) -> tuple[Path, Path]:
    """A plain office file with one backup in the data folder's default backup folder: (data, path)."""
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    path = tmp_path / "office.db"
    database, _mode = create_database(path, unencrypted=True)
    with database.session() as s, s.begin():
        build_demo(s, youths=youths, seed=1)
    database.close()
    backup.backup_to_folder(path, None, data / "backups")
    return data, path


def _corrupt(path: Path) -> None:
    """Overwrite everything after the first page with garbage, as a failing disk might."""
    data = bytearray(path.read_bytes())
    for i in range(4096, len(data)):
        data[i] = (i * 7919) % 251
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("encrypted", [False, True])
def test_a_damaged_database_at_start_up_offers_the_latest_good_backup(
    qapp: Any, tmp_path: Path, said: dict[str, list[str]], encrypted: bool, request: pytest.FixtureRequest
) -> None:
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo
    from navdesk.ui import app

    if encrypted:
        request.getfixturevalue("fake_keyring")
    data = tmp_path / "data"
    data.mkdir()
    path = tmp_path / "office.db"
    database, _mode = create_database(path, unencrypted=not encrypted)
    with database.session() as s, s.begin():
        build_demo(s, youths=8, seed=1)
    database.close()
    folder = data / "backups"
    folder.mkdir()
    good, _r = backup.backup_to_folder(
        path, database.secret, folder, now=datetime.now().astimezone() - timedelta(hours=2)
    )
    newer, _r = backup.backup_to_folder(path, database.secret, folder)
    newer.path.write_bytes(newer.path.read_bytes()[:5000])  # a newer backup that is itself damaged
    _corrupt(path)
    damaged = path.read_bytes()

    opened = app.open_office(path, data, None)
    assert said["question"], said
    offer = said["question"][0]
    assert "skadet" in offer and good.path.name in offer and newer.path.name not in offer
    assert opened is not None
    restored, actor, quick = opened
    if quick is not None:  # the fast start read the restored file; the full open follows
        from navdesk.db.opening import open_database

        assert len(quick.rows) == 8
        restored = open_database(path, secret=quick.secret)
    assert actor.initials == "KN" and _youths(restored) == 8
    restored.close()
    kept = [p for p in tmp_path.glob("office.db.before-restore-*") if not p.name.endswith(("-wal", "-shm"))]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged  # nothing lost: the damaged file is kept


def test_the_offer_declined_leaves_the_file(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.ui import app

    data, path = _office_with_backup(tmp_path, 5)
    _corrupt(path)
    damaged = path.read_bytes()
    asked: list[str] = []
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.No)  # fmt: skip
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    assert app.open_office(path, data, None) is None
    assert len(asked) == 1 and shown and "skadet" in shown[0]
    assert path.read_bytes() == damaged and not list(tmp_path.glob("*.before-restore-*"))


def test_damage_found_after_the_fast_start_offers_the_backup_too(
    qtbot: Any, tmp_path: Path, ui_settings: Any, said: dict[str, list[str]]
) -> None:
    """The fast start reads only what the first screen needs; the integrity check right after the first
    paint finds a damaged page elsewhere (the audit payloads) and offers the backup then."""
    import sqlite3

    from navdesk.quickstart import quick_open
    from navdesk.ui import app
    from navdesk.ui.main_window import MainWindow

    data, path = _office_with_backup(tmp_path, 8)
    conn = sqlite3.connect(path)
    page = conn.execute("SELECT min(pageno) FROM dbstat WHERE name = 'audit_payload'").fetchone()[0]
    conn.close()
    raw = bytearray(path.read_bytes())
    raw[(page - 1) * 4096 : page * 4096] = bytes(range(256)) * 16  # one page of garbage
    path.write_bytes(bytes(raw))

    quick = quick_open(path)
    assert quick is not None and len(quick.rows) == 8  # the first screen still reads fine
    window = MainWindow(app.PendingDatabase(quick), quick.actor, settings=ui_settings, office=quick.office_name,
                        rows=quick.rows)  # fmt: skip
    qtbot.addWidget(window)
    assert app.finish_opening(window, quick, data_dir=data)
    assert len(said["question"]) == 1 and "skadet" in said["question"][0]
    assert not isinstance(window.database, app.PendingDatabase) and _youths(window.database) == 8
    assert window.portfolio.model.rowCount() == 8
    assert list(tmp_path.glob("office.db.before-restore-*"))
    window.close()
    window.database.close()


def test_back_up_now_shows_progress_and_can_be_cancelled(
    qtbot: Any, main_window: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: dict[str, list[str]]
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    from navdesk.ui import backups

    monkeypatch.setattr(backup, "PAGES_PER_STEP", 4)
    values: list[int] = []
    original = QProgressDialog.setValue
    monkeypatch.setattr(QProgressDialog, "setValue", lambda self, v: (values.append(v), original(self, v))[1])
    assert backups.backup_now(main_window) is not None
    assert len(values) > 5 and values[-1] == 100 and values == sorted(values)
    monkeypatch.setattr(QProgressDialog, "wasCanceled", lambda self: len(values) > 3)
    values.clear()
    assert backups.backup_now(main_window) is None
    assert "avbrutt" in main_window.statusBar().currentMessage()
    assert len(list((tmp_path / "backups").glob("*.db"))) == 1 and not list(
        (tmp_path / "backups").glob("*.part")
    )


def test_on_a_database_server_the_dialog_says_to_use_the_servers_backups(
    qtbot: Any, pg_url: str, ui_settings: Any, said: dict[str, list[str]]
) -> None:
    from navdesk.db.opening import create_database
    from navdesk.services.office import create_office
    from navdesk.ui import backups

    database, _mode = create_database(pg_url)
    with database.session() as s, s.begin():
        create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                      admin_initials="KN", password="passord123")  # fmt: skip
    window = open_window(qtbot, database, ui_settings)
    dialog = backups.open_dialog(window)
    assert "databaseserver" in dialog.status.text() and not dialog.backup_button.isEnabled()
    assert backups.start_auto_backups(window) is None and backups.backup_now(window) is None
    assert backups.print_recovery_sheet(window) is None and "databaseserver" in said["warning"][-1]
    dialog.close()
    window.close()
    database.close()
