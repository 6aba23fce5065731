"""The record's Plan tab with real widgets over a real database: the board (drop, keyboard, menus),
the reason asked for Avbrutt, a new activity through its dialog, an agreed activity's locked
fields, the list's filters, templates, plan versions, and the print dialog with journalføring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPlainTextEdit

from navdesk.db.models import Activity, PlanRevision
from navdesk.domain.enums import ActivityStatus, ActivityType
from navdesk.services import followup, plans, youths
from navdesk.services.context import actor_for
from navdesk.services.office import create_office

TODAY = date(2026, 11, 24)


@pytest.fixture
def setup(tmp_path) -> Iterator[tuple[Any, Any, Any, dict[str, Any]]]:  # type: ignore[no-untyped-def]
    from navdesk.db.opening import create_database

    db, _mode = create_database(tmp_path / "plan.db", unencrypted=True)
    with db.session() as s, s.begin():
        create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                      admin_initials="KN", password="passord123")  # fmt: skip
        actor = actor_for(s)
        yid = youths.create_youth(
            s, actor, first_name="Åse", last_name="Ødegård", birth_date=date(2005, 4, 2)
        )
        pid = followup.open_period(s, actor, yid, registration_date=date(2026, 10, 1))
        plans.save_plan(s, actor, pid, reason="Laget sammen", dream="Fagbrev", own_goal="Læreplass")
        ids = {
            "cv": plans.add_activity(s, actor, yid, type="egenaktivitet", title="Lage CV",
                                     to_date=TODAY + timedelta(days=7)),
            "late": plans.add_activity(s, actor, yid, type="jobbsoking", title="Søke jobber", applications_per_week=5,
                                       to_date=TODAY - timedelta(days=2), status=ActivityStatus.GJENNOMFORER),
            "agreed": plans.add_activity(s, actor, yid, type="behandling", title="Samtaler hos helsestasjonen",
                                         to_date=TODAY + timedelta(days=30), status=ActivityStatus.PLANLEGGER),
        }  # fmt: skip
        plans.agree_activity(s, actor, ids["agreed"], 1)
    yield db, actor, yid, ids
    db.close()


@pytest.fixture
def window(qtbot, setup) -> Any:  # type: ignore[no-untyped-def]
    from navdesk.ui.record.window import RecordWindow

    db, actor, yid, _ids = setup
    win = RecordWindow(db, actor, yid, today=TODAY)
    qtbot.addWidget(win)
    win.show()
    win.tabs.setCurrentWidget(win.plan)
    qtbot.waitExposed(win)
    return win


def _status(db: Any, aid: Any) -> ActivityStatus:
    with db.session() as s:
        return s.get(Activity, aid).status  # type: ignore[no-any-return]


FAILURES: list[BaseException] = []


def _when_modal(act: Callable[[Any], None], delay: int = 50) -> None:
    """Run ``act`` on the next modal dialog (as a user would fill it in), once it is shown. A failure
    inside closes the dialog (so nothing waits for ever) and is raised by the ``_no_failures`` check."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(delay, run)
            return
        try:
            act(dialog)
        except BaseException as exc:
            FAILURES.append(exc)
            dialog.reject()

    QTimer.singleShot(delay, run)


@pytest.fixture(autouse=True)
def _no_failures() -> Iterator[None]:
    FAILURES.clear()
    yield
    if FAILURES:
        raise FAILURES[0]


def _card(column: Any, aid: Any) -> Any:
    from navdesk.ui.record.plan import ID_ROLE

    for row in range(column.count()):
        if column.item(row).data(ID_ROLE) == aid.hex:
            return column.item(row)
    return None


def test_board_shows_five_columns_with_overdue_in_words(window, setup) -> None:  # type: ignore[no-untyped-def]
    from navdesk.ui.record.plan import ID_ROLE, card_text

    tab = window.plan
    titles = [tab.column_titles[s].text() for s in tab.columns]
    assert titles == ["Forslag (1)", "Planlegger (1)", "Gjennomfører (1)", "Fullført (0)", "Avbrutt (0)"]
    column = tab.columns[ActivityStatus.GJENNOMFORER]
    late = _card(column, setup[3]["late"])
    assert late is not None and "FORFALT" in card_text(column.activities[late.data(ID_ROLE)])
    assert tab.summary_label.text() == "3 aktiviteter · 1 over fristen"
    assert tab.dream_label.text() == "Fagbrev"


def test_dropping_a_card_moves_the_activity(window, setup) -> None:  # type: ignore[no-untyped-def]
    db, _actor, _yid, ids = setup
    tab = window.plan
    source = tab.columns[ActivityStatus.FORSLAG]
    target = tab.columns[ActivityStatus.GJENNOMFORER]
    mime = source.mimeData([_card(source, ids["cv"])])
    event = QDropEvent(QPoint(5, 5), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    target.dropEvent(event)
    assert _status(db, ids["cv"]) is ActivityStatus.GJENNOMFORER
    assert _card(tab.columns[ActivityStatus.GJENNOMFORER], ids["cv"]) is not None
    assert _card(tab.columns[ActivityStatus.FORSLAG], ids["cv"]) is None
    assert "Gjennomfører" in tab.message_label.text()


def test_keyboard_moves_and_avbrutt_asks_why(qtbot, window, setup) -> None:  # type: ignore[no-untyped-def]
    db, _actor, _yid, ids = setup
    tab = window.plan
    column = tab.columns[ActivityStatus.FORSLAG]
    column.setFocus()
    column.setCurrentItem(_card(column, ids["cv"]))
    qtbot.keyClick(column, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert _status(db, ids["cv"]) is ActivityStatus.PLANLEGGER
    assert tab.columns[ActivityStatus.PLANLEGGER].hasFocus()

    def cancel_without_reason(dialog: Any) -> None:
        dialog.reject()

    _when_modal(cancel_without_reason)
    assert tab.move_activity(ids["late"], ActivityStatus.AVBRUTT) is False
    assert _status(db, ids["late"]) is ActivityStatus.GJENNOMFORER

    def give_reason(dialog: Any) -> None:
        dialog.findChild(QPlainTextEdit).setPlainText("Fikk jobb på Rema")
        dialog.accept()

    _when_modal(give_reason)
    assert tab.move_activity(ids["late"], ActivityStatus.AVBRUTT) is True
    with db.session() as s:
        act = s.get(Activity, ids["late"])
        assert act.status is ActivityStatus.AVBRUTT and act.status_reason == "Fikk jobb på Rema"
    assert tab.column_titles[ActivityStatus.AVBRUTT].text() == "Avbrutt (1)"


def test_new_activity_through_the_dialog_and_refusal_keeps_the_text(
    qtbot, window, setup, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    db, _actor, yid, _ids = setup
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    tab = window.plan

    def fill(dialog: Any) -> None:
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(ActivityType.JOBBSOKING))
        assert dialog.per_week.isVisibleTo(dialog) and not dialog.tiltak_combo.isVisibleTo(dialog)
        dialog.per_week.setValue(4)
        dialog.to_edit.set_value(TODAY + timedelta(days=28))
        dialog.try_accept()  # no title: refused, the dialog stays open with what was typed
        assert warnings and dialog.isVisible() and dialog.per_week.value() == 4
        dialog.title_edit.setText("Søke sommerjobb & deltid")
        dialog.try_accept()

    _when_modal(fill)
    assert tab.new_activity() is True
    with db.session() as s:
        act = s.query(Activity).filter(Activity.title == "Søke sommerjobb & deltid").one()
        assert (
            act.youth_id == yid
            and act.applications_per_week == 4
            and act.to_date == TODAY + timedelta(days=28)
        )
    assert _card(tab.columns[ActivityStatus.FORSLAG], act.id) is not None


def test_an_agreed_activity_opens_with_only_dates_editable(qtbot, window, setup) -> None:  # type: ignore[no-untyped-def]
    db, _actor, _yid, ids = setup
    tab = window.plan
    agreed = next(a for a in tab.plan.activities if a.id == ids["agreed"])
    seen: dict[str, bool] = {}

    def look(dialog: Any) -> None:
        seen["title"] = dialog.title_edit.isEnabled()
        seen["dates"] = dialog.to_edit.edit.isEnabled()
        dialog.to_edit.set_value(TODAY + timedelta(days=45))
        dialog.try_accept()

    _when_modal(look)
    assert tab.edit_activity(agreed) is True
    assert seen == {"title": False, "dates": True}
    with db.session() as s:
        assert s.get(Activity, ids["agreed"]).to_date == TODAY + timedelta(days=45)


def test_list_view_filters(window, setup) -> None:  # type: ignore[no-untyped-def]
    tab = window.plan
    tab.show_view("list")
    assert tab.list_model.rowCount() == 3
    tab.overdue_filter.setChecked(True)
    assert [r.cells[0] for r in tab.list_model.rows()] == ["Søke jobber"]
    assert tab.list_model.rows()[0].cells[4].endswith("(forfalt)")
    tab.overdue_filter.setChecked(False)
    tab.agreed_filter.setChecked(True)
    assert [r.cells[0] for r in tab.list_model.rows()] == ["Samtaler hos helsestasjonen"]
    tab.agreed_filter.setChecked(False)
    tab.type_filter.setCurrentIndex(tab.type_filter.findData(ActivityType.EGENAKTIVITET))
    assert [r.cells[0] for r in tab.list_model.rows()] == ["Lage CV"]


def test_template_and_plan_versions(qtbot, window, setup) -> None:  # type: ignore[no-untyped-def]
    db, _actor, _yid, _ids = setup
    tab = window.plan

    def choose(dialog: Any) -> None:
        dialog.combo.setCurrentIndex(dialog.combo.findText("Jobbsøking med søkeavtale"))
        assert "Søke jobber" in dialog.preview.toPlainText()
        dialog.accept()

    _when_modal(choose)
    assert tab.use_template() is True
    assert len(tab.plan.activities) == 5

    def change(dialog: Any) -> None:
        dialog.dream_edit.setPlainText("Bli tømrer")
        dialog.reason_edit.setPlainText("Praksis viste noe annet")
        dialog.accept()

    _when_modal(change)
    assert tab.edit_plan() is True
    assert tab.dream_label.text() == "Bli tømrer"
    with db.session() as s:
        assert s.query(PlanRevision).count() == 2
    shown: list[Any] = []

    def versions(dialog: Any) -> None:
        shown.extend(r.cells for r in dialog.model.rows())
        dialog.reject()

    _when_modal(versions)
    tab.show_versions()
    assert ("Drøm", "Fagbrev", "Bli tømrer") in shown


def test_print_dialog_previews_and_marks_recorded(qtbot, window, setup) -> None:  # type: ignore[no-untyped-def]
    dialog = window.plan.print_plan()
    qtbot.addWidget(dialog)
    assert dialog.pdf.page_count() == 1 and dialog.pdf_bytes().startswith(b"%PDF")
    dialog.large_check.setChecked(True)
    assert dialog.pdf.page_count() >= 1
    dialog.lang_combo.setCurrentIndex(1)
    assert b"%PDF" in dialog.pdf_bytes()

    def record(box: Any) -> None:
        box.accept()

    _when_modal(record)
    assert dialog.mark_recorded() is True
    assert "24.11.2026" in dialog.recorded_label.text()
    assert "24.11.2026" in window.plan.recorded_label.text()


def test_saving_as_pdf_is_audited(qtbot, window, setup, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from navdesk.services.audit import events
    from navdesk.ui.printing import native

    db = setup[0]
    out = tmp_path / "plan.pdf"
    monkeypatch.setattr(native, "ask_save_path", lambda _parent, _suggested: str(out))
    dialog = window.plan.print_plan()
    qtbot.addWidget(dialog)
    assert dialog.save_pdf() == out and out.read_bytes().startswith(b"%PDF")
    with db.session() as s:
        latest = events(s, limit=1)[0]
    assert latest["action"] == "print" and latest["entity"] == "plan"
    assert isinstance(QLineEdit, type) and isinstance(QDialog, type)


def test_a_jobbklubb_activity_with_a_group_enrols_the_youth(qtbot, window, setup, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from navdesk.db.models import ClubEnrolment
    from navdesk.services import clubs

    db, actor, yid, _ids = setup
    with db.session() as s, s.begin():
        club_id = clubs.create_club(s, actor, name="Jobbklubb vår", capacity=1, start_date=TODAY)
        other = youths.create_youth(s, actor, first_name="Per", last_name="Berg", birth_date=date(2004, 1, 1))
        clubs.enrol(s, actor, club_id, other, enrolled_on=TODAY, today=TODAY)
    questions: list[str] = []

    def ask(_parent: Any, _title: str, text: str, *args: Any) -> Any:
        questions.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", ask)

    def fill(dialog: Any) -> None:
        dialog.type_combo.setCurrentIndex(dialog.type_combo.findData(ActivityType.JOBBKLUBB))
        dialog.club_combo.setCurrentIndex(dialog.club_combo.findText("Jobbklubb vår"))
        dialog.title_edit.setText("Jobbklubb")
        dialog.try_accept()

    _when_modal(fill)
    assert window.plan.new_activity() is True
    assert questions and "plass til 1" in questions[0]  # the group is full: asked first
    with db.session() as s:
        enrolment = s.query(ClubEnrolment).filter(ClubEnrolment.youth_id == yid).one()
        assert enrolment.club_id == club_id
        acts = s.query(Activity).filter(Activity.youth_id == yid, Activity.club_id == club_id).all()
        assert len(acts) == 1  # one activity: the enrolment's, not a second one from the dialog


def test_the_office_templates_are_edited_by_a_leader_and_read_by_a_veileder(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    from navdesk.domain.enums import AccessRole
    from navdesk.services.office import add_user
    from navdesk.ui.dialogs.plan_templates import TemplatesDialog

    db, actor, _yid, _ids = setup
    editor = TemplatesDialog(db, actor)
    qtbot.addWidget(editor)
    assert editor.list.count() == 3 and editor.save_button.isEnabled()
    editor.new_template()
    editor.name_edit.setText("Sommerjobb for 16-åringer")
    row = editor.steps
    row.cellWidget(0, 0).setCurrentIndex(row.cellWidget(0, 0).findData("jobbsoking"))
    row.cellWidget(0, 1).setText("Søke sommerjobb")
    row.cellWidget(0, 3).setValue(30)
    editor.add_step()
    row.cellWidget(1, 1).setText("Oppfølgingssamtale")
    row.cellWidget(1, 2).setValue(30)
    assert editor.save() is True
    with db.session() as s:
        saved = next(t for t in plans.list_templates(s) if t.name == "Sommerjobb for 16-åringer")
    assert [(st.type, st.title, st.offset_days, st.duration_days) for st in saved.steps] == [
        ("jobbsoking", "Søke sommerjobb", 0, 30),
        ("jobbsoking", "Oppfølgingssamtale", 30, None),
    ]
    with db.session() as s, s.begin():
        add_user(
            s, actor, name="Ola Bø", initials="OB", password="passord123", access_role=AccessRole.VEILEDER
        )
        veileder = actor_for(s, "OB")
    reader = TemplatesDialog(db, veileder)
    qtbot.addWidget(reader)
    assert (
        reader.list.count() == 4 and not reader.save_button.isEnabled() and not reader.name_edit.isEnabled()
    )
    assert "leder" in reader.notice.text()


def test_a_finished_activity_opens_read_only(qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    from navdesk.services.plan_view import activity_choices, read_plan
    from navdesk.ui.dialogs.activity import ActivityDialog

    db, actor, yid, ids = setup
    with db.session() as s, s.begin():
        plans.set_activity_status(s, actor, ids["cv"], 1, ActivityStatus.AVBRUTT, reason="Ikke aktuelt")
    with db.session() as s:
        done = next(a for a in read_plan(s, yid, TODAY).activities if a.id == ids["cv"])
        choices = activity_choices(s)
    dialog = ActivityDialog(choices, TODAY, activity=done)
    qtbot.addWidget(dialog)
    assert (
        not dialog.title_edit.isEnabled()
        and not dialog.from_edit.isEnabled()
        and not dialog.to_edit.isEnabled()
    )
    assert "kan ikke endres" in dialog.agreed_label.text()
