"""A full disk, provoked for real: a tmpfs filled to the last byte under a real SQLCipher database.

Saving gives a clear Norwegian message, nothing half-written is left, what the user typed stays in the
form, and once space is freed the same save succeeds and the file is intact.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from navdesk.db.keys import Secret
from navdesk.db.opening import create_database, open_database
from navdesk.db.raw import connect_raw
from navdesk.errors import DiskFull
from tests.cli.helpers import navdesk
from tests.conftest import TEST_PASSPHRASE
from tests.fault.conftest import Filler

SECRET = Secret(TEST_PASSPHRASE, raw=False)
NOTE = "Åse vil jobbe i barnehage; snakket om CV og førerkort."


def _office_on(folder: Path) -> tuple[Any, Any, Any]:
    """A SQLCipher office on ``folder`` with one youth; the WAL is emptied so any write needs new space."""
    from navdesk.services.office import create_office
    from navdesk.services.youths import create_youth

    db, _mode = create_database(folder / "kontor.db", secret=SECRET)
    with db.session() as s, s.begin():
        actor = create_office(
            s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann", admin_initials="KN",
            password="passord123",
        )  # fmt: skip
        youth_id = create_youth(s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2007, 3, 7))
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return db, actor, youth_id


def _integrity(path: Path) -> str:
    raw = connect_raw(path, SECRET)
    try:
        return str(raw.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        raw.close()


def shown_form(qtbot: Any, form: Any) -> Any:
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def _contacts(db: Any) -> list[str]:
    from sqlalchemy import select

    from navdesk.db.models import Contact

    with db.session() as s:
        return list(s.scalars(select(Contact.note)))


def test_logging_a_contact_on_a_full_disk_says_so_and_works_once_space_is_freed(
    tiny_disk: Path, filler: Filler
) -> None:
    from navdesk.services.contacts import log_contact

    db, actor, youth_id = _office_on(tiny_disk)
    at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)

    def save() -> None:
        with db.session() as s, s.begin():
            log_contact(s, actor, youth_id, at=at, channel="telefon", note=NOTE)

    filler.fill()
    with pytest.raises(DiskFull) as err:
        save()
    assert "Disken er full" in str(err.value) and "lagre" in str(err.value)
    assert _contacts(db) == []  # nothing half-saved, and reading still works on a full disk
    filler.free()
    save()
    assert _contacts(db) == [NOTE]
    db.close()
    assert _integrity(tiny_disk / "kontor.db") == "ok"
    again = open_database(tiny_disk / "kontor.db", secret=SECRET)
    assert _contacts(again) == [NOTE]
    again.close()


def test_the_youth_form_keeps_what_was_typed_when_the_disk_is_full(
    qtbot: Any, tiny_disk: Path, filler: Filler
) -> None:
    from sqlalchemy import select

    from navdesk.db.models import Youth
    from navdesk.ui.dialogs.youth_form import YouthForm

    db, actor, _youth = _office_on(tiny_disk)
    form = shown_form(qtbot, YouthForm(db, actor, None))
    qtbot.keyClicks(form.first_name_edit, "Øystein")
    qtbot.keyClicks(form.last_name_edit, "Bråten")
    qtbot.keyClicks(form.birth_edit, "07.03.2008")
    qtbot.keyClicks(form.job_wishes_edit, "Bilverksted, lager")
    filler.fill()
    assert form.save() is False
    assert form.banner.isVisible() and "Disken er full" in form.banner.text()
    assert form.isVisible()
    assert (form.first_name_edit.text(), form.last_name_edit.text()) == ("Øystein", "Bråten")
    assert form.job_wishes_edit.toPlainText() == "Bilverksted, lager"
    with db.session() as s:
        assert s.scalars(select(Youth).where(Youth.first_name == "Øystein")).first() is None
    filler.free()
    assert form.save() is True
    with db.session() as s:
        saved = s.scalars(select(Youth).where(Youth.first_name == "Øystein")).one()
        assert saved.job_wishes == "Bilverksted, lager"
    db.close()
    assert _integrity(tiny_disk / "kontor.db") == "ok"


def test_saving_a_pdf_to_a_full_disk_says_the_disk_is_full(
    qtbot: Any, tiny_disk: Path, filler: Filler, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.ui.printing import native

    out = tiny_disk / "oppsummering.pdf"
    shown: list[str] = []
    monkeypatch.setattr(native, "ask_save_path", lambda _parent, _suggested: str(out))  # the file dialog
    monkeypatch.setattr(native, "show_error", lambda _parent, text: shown.append(text))
    filler.fill()
    assert native.save_pdf(None, b"%PDF-1.4\n" + b"0" * 200_000, "oppsummering.pdf") is None
    assert len(shown) == 1 and "Disken er full" in shown[0] and "Errno" not in shown[0]
    assert not out.exists() and not list(tiny_disk.glob("*.part"))
    filler.free()
    assert native.save_pdf(None, b"%PDF-1.4\n" + b"0" * 200_000, "oppsummering.pdf") == out
    assert out.stat().st_size > 200_000


def test_cli_export_to_a_full_disk(tiny_disk: Path, filler: Filler, tmp_path: Path) -> None:
    db, _actor, _youth = _office_on(tmp_path)
    db.close()
    filler.fill()
    out = tiny_disk / "ungdommer.csv"
    result = navdesk(
        "export", "youths", "--db", str(tmp_path / "kontor.db"), "--out", str(out),
        env={"NAVDESK_PASSPHRASE": TEST_PASSPHRASE},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert "Disken er full" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and not list(tiny_disk.glob("*.part"))


def test_the_quick_contact_dialog_stays_open_with_the_note_when_the_disk_is_full(
    qtbot: Any, tiny_disk: Path, filler: Filler, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from navdesk.ui.dialogs.contact import ContactDialog
    from navdesk.ui.main_window import MainWindow

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    db, actor, youth_id = _office_on(tiny_disk)
    window = MainWindow(db, actor, settings=QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    view = window.portfolio
    view.show_all(closed=True)  # the youth has no follow-up period yet
    view.select_youths([youth_id])
    assert view.current_row() is not None and view.current_row().id == youth_id
    seen: dict[str, Any] = {}

    def write_and_save_twice() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ContactDialog)
        dialog.note_edit.setPlainText(NOTE)
        filler.fill()
        dialog.accept()  # refused: the disk is full
        seen["open after refusal"] = dialog.isVisible()
        seen["note after refusal"] = dialog.note_edit.toPlainText()
        seen["saved while full"] = _contacts(db)
        filler.free()
        dialog.accept()  # the same dialog, the same note: saved now

    QTimer.singleShot(100, write_and_save_twice)
    assert view.log_contact() is True
    assert seen == {"open after refusal": True, "note after refusal": NOTE, "saved while full": []}
    assert len(warnings) == 1 and "Disken er full" in warnings[0]
    assert _contacts(db) == [NOTE]
    window.close()
    db.close()
    assert _integrity(tiny_disk / "kontor.db") == "ok"
