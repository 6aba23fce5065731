"""First run: the dialog creates an encrypted database with the office; nothing half-made is left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

PASSPHRASE = "blåbærsyltetøy på vaffel"


@pytest.fixture
def dialog(qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    import navdesk.db.keys
    from navdesk.ui.first_run import FirstRunDialog

    monkeypatch.setattr(navdesk.db.keys, "keyring_available", lambda: False)
    dlg = FirstRunDialog(tmp_path / "data" / "navdesk.db")
    qtbot.addWidget(dlg)
    return dlg


def _fill(dlg: Any, *, passphrase: str = PASSPHRASE, repeat: str | None = None) -> None:
    dlg.office_edit.setText("NAV Tokke")
    dlg.municipality_edit.setText("Tokke")
    dlg.name_edit.setText("Åse Ødegård")
    dlg.initials_edit.setText("ÅØ")
    dlg.password_edit.setText("passord123")
    dlg.password2_edit.setText("passord123")
    dlg.passphrase_edit.setText(passphrase)
    dlg.passphrase2_edit.setText(passphrase if repeat is None else repeat)


def test_without_keyring_the_passphrase_is_the_only_choice(dialog: Any) -> None:
    assert not dialog.keyring_radio.isEnabled()
    assert dialog.passphrase_radio.isChecked()
    assert dialog.passphrase_edit.isEnabled()
    assert dialog.path_edit.text().endswith("navdesk.db")


def test_creates_an_encrypted_database_with_the_office(
    dialog: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    chosen = tmp_path / "kontor" / "tokke.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(chosen), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path_edit.text() == str(chosen)
    _fill(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted, dialog.error_label.text()
    assert dialog.actor.initials == "ÅØ"
    dialog.database.close()

    assert chosen.read_bytes()[:16] != b"SQLite format 3\x00"
    from navdesk.db.opening import open_database
    from navdesk.services.office import office_name

    monkeypatch.setenv("NAVDESK_PASSPHRASE", PASSPHRASE)
    db = open_database(chosen)
    try:
        assert db.encrypted
        with db.session() as s:
            assert office_name(s) == "NAV Tokke"
    finally:
        db.close()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.office_edit.clear(), "Fill in the office name."),
        (lambda d: d.initials_edit.setText("K"), "Initials must be 2–6 letters."),
        (lambda d: d.password2_edit.setText("noe annet!"), "The passwords differ."),
        (lambda d: d.passphrase2_edit.setText("noe annet!"), "The passphrases differ."),
        (lambda d: (d.passphrase_edit.setText("kort"), d.passphrase2_edit.setText("kort")),
         "The passphrase must be at least {n} characters."),
    ],
)  # fmt: skip
def test_invalid_input_is_shown_inline_and_nothing_is_created(
    dialog: Any, qtbot: Any, tmp_path: Path, change: Any, expected: str
) -> None:
    from navdesk.i18n import _

    _fill(dialog)
    change(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.isVisibleTo(dialog)
    assert dialog.error_label.text() == _(expected).format(n=8)
    assert not (tmp_path / "data" / "navdesk.db").exists()


def test_a_failing_office_leaves_no_file(
    dialog: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import navdesk.services.office
    from navdesk.errors import InvalidInput

    def refuse(*_a: Any, **_k: Any) -> Any:
        raise InvalidInput("refused")

    monkeypatch.setattr(navdesk.services.office, "create_office", refuse)
    _fill(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.error_label.text() == "refused"
    assert list((tmp_path / "data").glob("navdesk.db*")) == []


def test_with_a_keyring_the_key_is_kept_there(qtbot: Any, tmp_path: Path, fake_keyring: Path) -> None:
    from navdesk.db.opening import open_database
    from navdesk.ui.first_run import FirstRunDialog

    dlg = FirstRunDialog(tmp_path / "k.db")
    qtbot.addWidget(dlg)
    assert dlg.keyring_radio.isEnabled() and dlg.keyring_radio.isChecked()
    assert not dlg.passphrase_edit.isEnabled()
    _fill(dlg, passphrase="")
    dlg.accept()
    assert dlg.result() == dlg.DialogCode.Accepted, dlg.error_label.text()
    dlg.database.close()
    assert (tmp_path / "k.db").read_bytes()[:16] != b"SQLite format 3\x00"
    db = open_database(tmp_path / "k.db")  # the key comes from the keyring, nobody is asked
    db.close()
