"""The Samarbeid screen (directory, list washing, employers, preventive work) and the record's cooperation
tab, on the prepared OT office (tests/otdata.py) with real dialogs filled in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from navdesk.i18n import _
from tests.otdata import TODAY, build_portfolio, write_ot_csv
from tests.ui.conftest import open_window
from tests.ui.test_record import answer, controls, message_boxes

__all__ = ["message_boxes"]  # the fixture: a refused change is recorded, not shown (no modal box waits)


@pytest.fixture
def office(tmp_path: Path) -> Any:
    from navdesk.db.opening import create_database
    from navdesk.services import partners
    from navdesk.services.office import create_office

    db, _mode = create_database(tmp_path / "office.db", unencrypted=True)
    with db.session() as s, s.begin():
        actor = create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                              admin_initials="KN", password="passord123")  # fmt: skip
        ids = build_portfolio(s, actor)
        partners.add_contact_person(s, actor, ids["ot"], name="Siri Sæther", role="OT-rådgiver", phone="35 06 00 00",
                                    office_days="tirsdag og torsdag")  # fmt: skip
        partners.add_employer(s, actor, name="Rema 1000 Åmot", industry="Dagligvare", openings=["arbeidstrening"],
                              mentor_available=True)  # fmt: skip
    yield db, ids
    db.close()


@pytest.fixture
def window(qtbot: Any, office: Any, ui_settings: Any) -> Any:
    return open_window(qtbot, office[0], ui_settings, today=TODAY)


def _cells(model: Any, column: int = 0) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_screen_is_built_on_first_use_and_labelled(window: Any) -> None:
    from navdesk.ui.partners.view import CooperationView

    assert window._cooperation_view is None  # not on the path to the first paint
    window.show_screen("partners")
    view = window.stack.currentWidget()
    assert isinstance(view, CooperationView) and view is window.cooperation
    from PySide6.QtWidgets import QLineEdit

    # (a search field's own clear button is part of the field)
    unnamed = [type(w).__name__ for w in controls(view)
               if not w.accessibleName() and not isinstance(w.parentWidget(), QLineEdit)]  # fmt: skip
    assert unnamed == []


def test_directory_search_and_a_new_contact_person(window: Any, qtbot: Any, message_boxes: list[str]) -> None:
    window.show_screen("partners")
    directory = window.cooperation.directory
    assert _cells(directory.model) == ["BUP Skien", "Oppfølgingstjenesten Vest-Telemark"]
    directory.search_edit.setText("sæther")
    assert _cells(directory.model) == ["Oppfølgingstjenesten Vest-Telemark"]
    assert directory.model.index(0, 2).data() == "Siri Sæther"
    assert _cells(directory.people_model) == ["Siri Sæther"]

    def fill(dialog: Any) -> None:
        dialog.name_edit.setText("Ola Olsen")
        dialog.role_edit.setText("Rådgiver")
        dialog.days_edit.setText("mandag")
        dialog.accept()

    from navdesk.ui.partners.forms import ContactPersonDialog

    answer(ContactPersonDialog, fill)
    assert directory.new_person()
    assert _cells(directory.people_model) == ["Ola Olsen", "Siri Sæther"]
    directory.search_edit.setText("")
    directory.type_combo.setCurrentIndex(directory.type_combo.findData("bup_dps"))
    assert _cells(directory.model) == ["BUP Skien"]
    assert directory.model.index(0, 2).data() == _("nobody named")


def test_list_washing_in_the_gui(
    window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, message_boxes: list[str]
) -> None:
    from navdesk.ui.dialogs.reason import ReasonDialog
    from navdesk.ui.partners import view as view_module

    ot_file = write_ot_csv(tmp_path / "ot-liste.csv")
    monkeypatch.setattr(view_module, "ask_open_path", lambda parent: str(ot_file))
    window.show_screen("partners")
    washing = window.cooperation.washing
    window.cooperation.tabs.setCurrentWidget(washing)
    assert washing.open_list()
    counts = {c: washing.models[c].rowCount() for c in washing.models}
    assert counts == {"only_ot": 3, "only_ours": 2, "status_differs": 2}
    assert "31.02.2008" in washing.problems_label.text()
    assert washing.groups.currentIndex() == 0 and "(3)" in washing.groups.tabText(0)
    washing.views["only_ot"].selectRow(0)  # «Jonas Berg» 03.04.2006: not our Jonas
    assert "03.03.2006" in washing.hint_label.text()

    def fill(dialog: Any) -> None:
        dialog.reason_edit.setPlainText("Sjekket med OT: feil fødselsdato hos OT, de retter")
        dialog.accept()

    answer(ReasonDialog, fill)
    assert washing.record_action()
    assert (
        washing.models["only_ot"]
        .index(0, 6)
        .data()
        .endswith("Sjekket med OT: feil fødselsdato hos OT, de retter")
    )

    out = tmp_path / "status.xlsx"
    monkeypatch.setattr(view_module, "ask_save_path", lambda parent, suggested: str(out))
    assert washing.export_status() and out.exists()
    assert "2" in washing.message.text() and "5" in washing.message.text()


def test_record_tab_shares_consents_and_ball(
    window: Any, office: Any, qtbot: Any, monkeypatch: Any, message_boxes: list[str]
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from navdesk.ui.partners.forms import ConsentDialog, InvolvementDialog

    _db, ids = office
    record = window.open_record(ids["sara"])
    tab = record.consents
    record.tabs.setCurrentWidget(tab)
    # Sara's consent names BUP only: she may share with BUP, not with OT
    assert _cells(tab.share_model) == ["BUP Skien"]
    assert tab.share_model.index(0, 2).data() == _("Yes")

    def involve(dialog: Any) -> None:
        from navdesk.ui.partners.forms import select_data

        assert select_data(dialog.org_combo, ids["ot"])
        dialog.person_combo.setCurrentIndex(1)  # Siri Sæther
        dialog.role_edit.setText("Skoleplass")
        dialog.ball_check.setChecked(True)
        dialog.accept()

    answer(InvolvementDialog, involve)
    assert tab.add_involvement()
    assert tab.involvement_model.index(0, 4).data() == "●"
    shares = {tab.share_model.index(r, 0).data(): tab.share_model.index(r, 2).data()
              for r in range(tab.share_model.rowCount())}  # fmt: skip
    assert shares["Oppfølgingstjenesten Vest-Telemark"] == _("No: no consent names this partner")

    def consent(dialog: Any) -> None:
        assert not dialog.guardian_check.isEnabled()  # she is 18
        dialog.purpose_edit.setText("Samarbeid om skoleplass")
        dialog.accept()  # OT is ticked: it is involved

    answer(ConsentDialog, consent)
    assert tab.add_consent()
    assert tab.share_model.index(0, 2).data() == _("Yes") and tab.model.rowCount() == 2

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.view.selectRow(0)  # the newest consent
    assert tab.withdraw_consent()
    shares = {tab.share_model.index(r, 0).data(): tab.share_model.index(r, 2).data()
              for r in range(tab.share_model.rowCount())}  # fmt: skip
    assert shares["Oppfølgingstjenesten Vest-Telemark"] == _("No: {state}").format(
        state=_("Withdrawn").lower()
    )
    assert tab.notify_ot() and tab.message.text() == _("OT notified.")
    record.close()


def test_employer_placement_visit_and_end(window: Any, office: Any, message_boxes: list[str]) -> None:
    from navdesk.ui.dialogs.reason import ReasonDialog
    from navdesk.ui.partners.forms import PlacementDialog, select_data

    _db, ids = office
    window.show_screen("partners")
    employers = window.cooperation.employers
    assert _cells(employers.model) == ["Rema 1000 Åmot"]
    assert employers.model.index(0, 3).data() == _("Yes")  # mentor

    def place(dialog: Any) -> None:
        assert select_data(dialog.youth_combo, ids["sara"])
        dialog.interval_spin.setValue(7)
        dialog.accept()

    answer(PlacementDialog, place)
    assert employers.new_placement()
    assert _cells(employers.history_model) == ["Sara Hansen"]
    assert employers.history_model.index(0, 5).data() == "01.12.2026"  # started today + 7 days
    assert employers.log_visit()  # the only active placement
    assert employers.model.index(0, 5).data() == "1"

    def outcome(dialog: Any) -> None:
        dialog.reason_edit.setPlainText("Fikk tilbud om lærlingplass")
        dialog.accept()

    answer(ReasonDialog, outcome)
    employers.history_view.selectRow(0)
    assert employers.end_placement()
    assert employers.history_model.index(0, 6).data() == "Fikk tilbud om lærlingplass"
    assert (
        employers.history_model.index(0, 3).data() == "24.11.2026"
    )  # ended today (the deadline goes tomorrow)
    assert message_boxes == []


def test_preventive_work_counts_the_year(window: Any, message_boxes: list[str]) -> None:
    from navdesk.ui.partners.forms import PreventiveDialog

    window.show_screen("partners")
    preventive = window.cooperation.preventive

    def fill(dialog: Any) -> None:
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("skolebesok"))
        dialog.audience_edit.setText("10. trinn, Vinje ungdomsskule")
        dialog.reached_spin.setValue(48)
        dialog.accept()

    answer(PreventiveDialog, fill)
    assert preventive.new_activity()
    assert preventive.model.index(0, 1).data() == _("Talk at a school")
    assert preventive.model.index(0, 4).data() == "KN"
    assert preventive.total_label.text() == _("{year}: {n} activities, {reached} people reached.").format(
        year=2026, n=1, reached=48)  # fmt: skip


def test_exporting_the_portfolio_for_a_partner_needs_consent_or_a_reason(
    window: Any, office: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.services import audit
    from navdesk.services.sharing import youths_without_consent
    from navdesk.ui import export_view
    from navdesk.ui.partners.forms import select_data

    db, ids = office
    out = tmp_path / "liste.csv"
    monkeypatch.setattr(export_view, "choose_save_path", lambda parent, suggested, fmt: str(out))
    dialog = export_view.ExportViewDialog(window.portfolio.view, db, window.actor, window)
    assert select_data(dialog.partner_combo, ids["bup"])
    assert dialog.save() is None and not out.exists()  # warned: most youths' consents do not cover BUP
    assert dialog.reason_edit.isVisibleTo(dialog) and "Sara Hansen" not in dialog.error_label.text()
    assert "Åse Marie Ødegård" in dialog.error_label.text()
    dialog.reason_edit.setText("BUP skal ha oversikt til samarbeidsmøtet; samtykker hentes inn")
    assert dialog.save() == out
    with db.session() as s:
        missing = youths_without_consent(
            s, list(ids[k] for k in ("ase", "sara", "hakon", "ola")), ids["bup"], TODAY
        )
        shared = [e for e in audit.events(s) if e["action"] == "share_without_consent"]
    assert [name for _id, name in missing] == ["Ola Nordmann", "Åse Marie Ødegård"]
    assert {e["youth_id"] for e in shared} >= {str(ids["ase"]), str(ids["ola"])}
    assert str(ids["sara"]) not in {e["youth_id"] for e in shared}
