"""The Jobbklubb screen over the fixed-date demo office: built on first use, a new group planned
around 17 May, enrolment from the group and from the portfolio (with the warning about youths who do
not want group activities), the attendance grid worked from the keyboard with its totals, the
outreach deadline after "ikke møtt", the printouts, and the group in the youth's record."""

from __future__ import annotations

import subprocess
from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from navdesk.domain.schedule import WEEKS, Pattern
from navdesk.i18n import _
from navdesk.services import clubs
from navdesk.services.youths import open_youth, update_youth
from tests.ui.conftest import DEMO_DAY, open_window

MON, WED = 0, 2


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, ui_settings: Any) -> Any:
    return open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)


def _youths(db: Any, *, shy: bool, n: int) -> list[Any]:
    from navdesk.services.context import actor_for
    from navdesk.services.youths import open_youth, portfolio_rows

    with db.session() as s:
        rows = portfolio_rows(s)
        detail = {r.id: r for r in rows}
        actor = actor_for(s)
        chosen = [
            r for r in rows if bool(open_youth(s, actor, r.id).values.get("no_group_activities")) is shy
        ]
    inside = set()
    with db.session() as s:
        for row in clubs.club_rows(s):
            inside |= {p.youth_id for p in clubs.club_detail(s, row.id).participants}
    return [detail[r.id] for r in chosen if r.id not in inside][:n]


def _answer_next_question(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.button(button).click()
        else:
            QTimer.singleShot(20, click)

    QTimer.singleShot(0, click)


def test_screen_is_built_on_first_use_and_shows_the_demo_group(window: Any) -> None:
    assert window._clubs_view is None  # not on the first paint (decision 0007)
    window.show_screen("jobbklubb")
    view = window.clubs
    assert window.stack.currentWidget() is view and view.list.count() == 1
    assert view.title.text() == "Jobbklubb høst"
    assert view.sessions.rowCount() == len(view.detail.sessions) > 0
    assert _("Attendance: {rate}").format(rate="") in view.figures.text()
    grid = view.grid
    assert grid.rowCount() == len(grid.people) + 1  # the totals row
    assert grid.columnCount() == len([s for s in view.detail.sessions if s.day <= DEMO_DAY]) + 1


def test_plan_enrol_mark_from_the_keyboard_and_follow_up(
    window: Any, qtbot: Any, fixed_db: Any, tmp_path: Any
) -> None:
    window.show_screen("jobbklubb")
    view = window.clubs
    club_id = view.create_club({"name": "CV-verksted vår", "kind": "cv_verksted", "place": "Biblioteket",
                                "organiser": "NAV", "target_group": "", "capacity": 3, "facilitators": "Ola Bø"})  # fmt: skip
    assert club_id is not None and view.current_club_id() == club_id
    # two weeks from Monday 16.11.2026, Mondays and Wednesdays; the last one after "today" (24.11)
    planned = view.plan_sessions(Pattern(WEEKS, date(2026, 11, 16), (MON, WED), time(12), 90, weeks=2))
    assert len(planned.session_ids) == 4 and view.sessions.rowCount() == 4
    calm = _youths(fixed_db, shy=False, n=2)
    assert view.enrol([y.id for y in calm], start=date(2026, 11, 16), confirm=False) == 2
    assert view.participants.rowCount() == 2
    # the warning before enrolling a youth who does not want group activities; answered No
    shy = _youths(fixed_db, shy=False, n=1)
    with fixed_db.session() as s, s.begin():
        current = open_youth(s, window.actor, shy[0].id)
        update_youth(s, window.actor, shy[0].id, current.version, no_group_activities=True)
    seen: list[str] = []
    _answer_next_question(QMessageBox.StandardButton.No, seen)
    assert view.enrol([shy[0].id], start=None) == 0
    assert seen and shy[0].name.split()[0] in seen[0] and view.participants.rowCount() == 2

    view.tabs.setCurrentIndex(2)
    grid = view.grid
    assert grid.columnCount() == 3 + 1  # 16.11, 18.11, 23.11 held by 24.11; then the totals
    grid.setFocus()
    grid.setCurrentCell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_1)  # present → moves down
    assert (grid.currentRow(), grid.currentColumn()) == (1, 0)
    qtbot.keyClick(grid, Qt.Key.Key_3)  # did not show up
    grid.setCurrentCell(0, 1)
    qtbot.keyClick(grid, Qt.Key.Key_4)  # came late
    qtbot.keyClick(grid, Qt.Key.Key_3)
    grid.setCurrentCell(0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Space)
    qtbot.keyClick(grid, Qt.Key.Key_3)
    first, second = grid.people
    assert grid.item(0, 0).text() == "✓" and grid.item(1, 0).text() == "✗" and grid.item(0, 1).text() == "◐"
    assert grid.item(0, 3).text() == "3/3  100 %" and grid.item(1, 3).text() == "0/3  0 %"
    assert grid.item(2, 0).text() == "1/2" and grid.item(2, 1).text() == "1/2"  # per samling
    assert grid.verticalHeaderItem(1).text().startswith("⚑")  # 2 "ikke møtt" in a row (the office default)
    grid.setCurrentCell(1, 1)
    qtbot.keyClick(grid, Qt.Key.Key_2)  # absent with notice after all: the row of absences is broken
    assert grid.item(1, 1).text() == "○" and not grid.verticalHeaderItem(1).text().startswith("⚑")
    grid.setCurrentCell(1, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Delete)
    assert grid.item(1, 2).text() == "" and grid.item(1, 3).text() == "0/2  0 %"
    assert view.streak.value() == 2 and view.set_streak_limit(1)  # the office setting: flag after one
    grid = view.grid
    grid.setCurrentCell(1, 2)
    qtbot.keyClick(grid, Qt.Key.Key_3)
    assert grid.verticalHeaderItem(1).text().startswith("⚑") and "⚑" in view.figures.text()

    # the outreach deadline after the absence, in the main window's book
    book = window.load_deadlines()
    absent = [d for d in book.by_youth.get(second.youth_id, []) if d.rule == "club_absence"]
    assert sorted((d.state, d.due) for d in absent) == [
        ("open", date(2026, 11, 17)),
        ("open", date(2026, 11, 24)),
    ]

    # printouts and the calendar, to files chosen here instead of a file dialog
    plan_pdf = view.save_pdf("session-plan", path=tmp_path / "plan.pdf")
    view.tabs.setCurrentIndex(0)
    view.sessions.selectRow(0)
    sheet = view.save_pdf("sign-in", first_names=True, path=tmp_path / "sheet.pdf")
    text = subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True).stdout
    assert first.first_name in text and first.last_name not in text
    assert "CV-verksted vår" in subprocess.run(["pdftotext", str(plan_pdf), "-"], capture_output=True, text=True,
                                               check=True).stdout  # fmt: skip

    # status and observations, and the group in the youth's record
    view.tabs.setCurrentIndex(1)
    person = next(p for p in view.detail.participants if p.youth_id == first.youth_id)
    assert view.set_status(person, "fullfort", None, DEMO_DAY)
    with fixed_db.session() as s, s.begin():
        clubs.record_observation(s, window.actor, person.enrolment_id, None, observation="Stødig og aktiv.",
                                 recommendation="fortsette")  # fmt: skip
    record = window.open_record(first.youth_id)
    text = record.overview.clubs_label.text()
    assert record.overview.clubs_box.isVisibleTo(record) and "CV-verksted vår" in text
    assert _("Recommendation: {what}").format(what=_("Continue in the group")) in text and "Stødig" in text
    assert (
        _("Attended {attended} of {marked} samlinger ({rate} %)").format(attended=3, marked=3, rate=100)
        in text
    )


def test_enrol_from_the_portfolio(window: Any, fixed_db: Any) -> None:
    calm = _youths(fixed_db, shy=False, n=3)
    with fixed_db.session() as s:
        [row] = clubs.club_rows(s, DEMO_DAY)
    portfolio = window.portfolio
    assert portfolio.select_youths([y.id for y in calm]) == 3
    portfolio._update_actions()
    assert portfolio.enrol_action.isEnabled() and "3" in portfolio.enrol_action.text()
    seen: list[str] = []
    _answer_next_question(QMessageBox.StandardButton.Yes, seen)  # the group is full: enrol anyway
    assert portfolio.enrol_selected(row.id) == 3
    with fixed_db.session() as s:
        detail = clubs.club_detail(s, row.id)
        assert {y.id for y in calm} <= {p.youth_id for p in detail.participants}
    assert seen and "10" in seen[0]  # "room for 10"


def test_schedule_dialog_previews_the_days_and_the_skipped_holidays(qtbot: Any) -> None:
    from PySide6.QtCore import QDate

    from navdesk.ui.clubs.dialogs import ScheduleDialog

    dialog = ScheduleDialog(None, first_day=date(2027, 5, 10))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("count"))
    dialog.count.setValue(4)
    for i, box in enumerate(dialog.days):
        box.setChecked(i == MON)
    assert dialog.pattern().weekdays == (MON,)
    text = dialog.preview.text()  # 17.5.2027 is a Monday and a holiday: four Mondays from 10.5 end on 7.6
    assert "17.05.2027" in text and "Grunnlovsdag" in text and "07.06" in text
    assert dialog.ok.buttons()[0].isEnabled()
    for box in dialog.days:
        box.setChecked(False)
    assert not dialog.ok.buttons()[0].isEnabled() and dialog.preview.text() == _(
        "Choose at least one weekday."
    )
    dialog.kind.setCurrentIndex(dialog.kind.findData("weekly"))
    dialog.days[WED].setChecked(True)
    dialog.last.setDate(QDate(2027, 5, 1))  # before the first day
    assert not dialog.ok.buttons()[0].isEnabled()


def test_remove_an_enrolment_made_by_mistake(window: Any, fixed_db: Any) -> None:
    window.show_screen("jobbklubb")
    view = window.clubs
    before = len(view.detail.participants)
    person = view.detail.participants[0]
    assert view.remove(person)
    assert len(view.detail.participants) == before - 1 and view.participants.rowCount() == before - 1
    assert all(p.youth_id != person.youth_id for p in view.grid.people)
