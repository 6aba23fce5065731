"""*Kontor → Brukere* on the demo office (KN admin, OB veileder, SL leder): an administrator adds a user,
changes a role, deactivates and gives a new password; the core's refusals show as messages; others only
look."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox

from navdesk.i18n import _
from tests.ui.conftest import open_window


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a, **k: shown.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


def _users(db: Any) -> dict[str, Any]:
    from navdesk.services.users import list_users

    with db.session() as s:
        return {u.initials: u for u in list_users(s)}


def test_admin_manages_users_from_the_office_menu(qtbot: Any, demo_db: Any, ui_settings: Any,
                                                  warnings: list[str], tmp_path: Path) -> None:  # fmt: skip
    from navdesk.services.users import sign_in

    window = open_window(qtbot, demo_db, ui_settings)
    action = next(a for a in window.office_menu.actions() if a.objectName() == "usersAction")
    assert action.text() == _("Users …")
    action.trigger()
    dialog = window.users_dialog
    qtbot.waitExposed(dialog)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["KN", "OB", "SL"]
    assert dialog.add_button.isEnabled() and not dialog.note.isVisible()
    # add: the passwords must match, then it is saved
    form = dialog.add_user()
    form.name_edit.setText("Åse Ødegård")
    form.initials_edit.setText("a1")
    form.password_edit.setText("et-godt-passord")
    form.repeat_edit.setText("et-annet-passord")
    form._ok()
    assert form.isVisible() and form.message.text() == _("The passwords differ.")
    form.repeat_edit.setText("et-godt-passord")
    form._ok()  # the core refuses the initials: the form stays, with its message
    assert form.isVisible() and form.message.text() == _("Initials must be 2–6 letters.")
    assert list(_users(demo_db)) == ["KN", "OB", "SL"]
    form.initials_edit.setText("aoe")
    form.role_combo.setCurrentIndex(1)  # leder
    form._ok()
    assert not form.isVisible()
    added = _users(demo_db)["AOE"]
    assert (added.name, added.access_role, added.active) == ("Åse Ødegård", "leder", True)
    assert dialog.selected().initials == "AOE"
    # change a role; the last admin cannot lose it
    assert dialog.change_role("veileder") and _users(demo_db)["AOE"].access_role == "veileder"
    dialog.reload("KN")
    assert not dialog.change_role("leder")
    assert warnings and "KN" in warnings[-1] and _users(demo_db)["KN"].access_role == "admin"
    # deactivate and reactivate
    dialog.reload("OB")
    assert dialog.active_button.text() == _("Deactivate")
    assert dialog.toggle_active() and not _users(demo_db)["OB"].active
    assert dialog.active_button.text() == _("Reactivate")
    dialog.grab().save(str(tmp_path / "brukere.png"))  # docs/screenshots: scripts/screenshots.py
    assert dialog.toggle_active() and _users(demo_db)["OB"].active
    # a new password
    dialog.reload("SL")
    pw = dialog.reset_password()
    assert pw is not None
    pw.password_edit.setText("nytt-passord-sl")
    pw.repeat_edit.setText("nytt-passord-sl")
    pw._ok()
    assert not pw.isVisible()
    with demo_db.session() as s, s.begin():
        assert sign_in(s, _users(demo_db)["SL"].id, "nytt-passord-sl") is not None
    dialog.close()


def test_a_veileder_only_looks(qtbot: Any, demo_db: Any, ui_settings: Any) -> None:
    from navdesk.services.context import actor_for
    from navdesk.ui.users import UsersDialog

    with demo_db.session() as s:
        ob = actor_for(s, "OB")
    dialog = UsersDialog(demo_db, ob)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 3 and dialog.note.isVisible()
    assert not any(b.isEnabled() for b in (dialog.add_button, dialog.role_button, dialog.active_button,
                                            dialog.password_button))  # fmt: skip
