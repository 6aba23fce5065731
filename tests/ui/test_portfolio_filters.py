"""The portfolio's filters over a real demo office with a fixed date: each picks exactly its youths.

Every expectation is computed independently from the rows of ``portfolio_rows`` (or from the deadline
book), never through the filter code.
"""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt

from navdesk.domain.portfolio import YouthRow
from navdesk.domain.text import format_date
from navdesk.i18n import _, ngettext
from navdesk.ui.models.portfolio_filter import (
    CLOSED,
    DUE_THIS_WEEK,
    MEETING_TODAY,
    NEW,
    NO_CONTACT,
    NOT_IN_ACTIVITY,
    OVERDUE,
    STATUSES,
    UNASSIGNED,
)
from navdesk.ui.models.portfolio_model import COL_NAME, COL_NEXT_DEADLINE, OBJECT_ROLE, PortfolioModel

DAY = date(2026, 11, 24)  # a Tuesday
OSLO = ZoneInfo("Europe/Oslo")


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Any]:
    """A demo office on DAY with two closed periods, two unassigned youths and meetings around today."""
    from sqlalchemy import select

    from navdesk.db import models as m
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    db, _mode = create_database(tmp_path / "demo.db", unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=40, seed=1, today=DAY)
    with db.session() as s, s.begin():
        youths = list(s.scalars(select(m.Youth).order_by(m.Youth.last_name, m.Youth.first_name)))
        for youth in youths[:2]:
            for period in s.scalars(select(m.FollowUpPeriod).where(m.FollowUpPeriod.youth_id == youth.id)):
                period.closed_on = period.closed_on or DAY - timedelta(days=3)
        for youth in youths[2:4]:
            youth.veileder_id = None
        oslo = lambda h, mi, d=DAY: datetime(d.year, d.month, d.day, h, mi, tzinfo=OSLO).astimezone(UTC)  # noqa: E731
        s.add(m.Meeting(youth_id=youths[5].id, starts_at=oslo(0, 30)))  # today, just after midnight in Oslo
        s.add(m.Meeting(youth_id=youths[6].id, starts_at=oslo(23, 30, DAY - timedelta(days=1))))  # yesterday
        s.add(m.Meeting(youth_id=youths[7].id, starts_at=oslo(10, 0), status="avlyst"))  # cancelled
        s.add(m.Meeting(youth_id=youths[8].id, starts_at=oslo(14, 0)))
    yield db
    db.close()


@pytest.fixture
def window(qtbot: Any, office: Any, ui_settings: Any) -> Any:
    from tests.ui.conftest import open_window

    return open_window(qtbot, office, ui_settings, today=DAY)


def _rows(db: Any) -> list[YouthRow]:
    from navdesk.services.youths import portfolio_rows

    with db.session() as s:
        return portfolio_rows(s, today=DAY)


def _shown(view: Any) -> set[uuid.UUID]:
    proxy = view.proxy
    return {proxy.index(r, COL_NAME).data(OBJECT_ROLE).id for r in range(proxy.rowCount())}


def _expected_predicates(days: int = 30) -> dict[str, Callable[[YouthRow], bool]]:
    return {
        NEW: lambda r: r.registered is not None and (DAY - r.registered).days <= 14,
        UNASSIGNED: lambda r: r.veileder == "",
        NO_CONTACT: lambda r: r.last_contact is None or (DAY - r.last_contact).days >= days,
        NOT_IN_ACTIVITY: lambda r: not r.in_activity,
        MEETING_TODAY: lambda r: r.next_meeting == DAY,
    }


def _active(rows: list[YouthRow]) -> list[YouthRow]:
    return [r for r in rows if r.registered is not None]


def test_by_default_the_active_youths_are_shown_and_the_count_says_so(window: Any, office: Any) -> None:
    rows = _rows(office)
    view = window.portfolio
    active = {r.id for r in _active(rows)}
    assert len(active) == len(rows) - 2
    assert _shown(view) == active
    assert view.count_label.text() == ngettext(
        "{shown} of {n} youth", "{shown} of {n} youths", len(rows)
    ).format(shown=len(active), n=len(rows))
    assert view.filters.count_of(CLOSED) == 2


def test_each_status_filter_picks_exactly_its_youths(window: Any, office: Any) -> None:
    rows = _rows(office)
    view = window.portfolio
    for key, wanted in _expected_predicates().items():
        expected = {r.id for r in _active(rows) if wanted(r)}
        assert view.filters.count_of(key) == len(expected), key
        view.filters.set_status(key, True)
        assert _shown(view) == expected, key
        assert view.proxy.rowCount() == len(expected)
        view.filters.set_status(key, False)
    assert {r.id for r in rows if r.veileder == ""} and {r.id for r in rows if r.next_meeting == DAY}

    view.filters.set_status(CLOSED, True)  # the sleeping/closed ones instead of the active ones
    assert _shown(view) == {r.id for r in rows if r.registered is None}


def test_meeting_today_is_the_oslo_day_and_skips_cancelled_meetings(window: Any, office: Any) -> None:
    rows = {r.last_name + r.first_name: r for r in _rows(office)}
    names = sorted(rows)
    assert rows[names[5]].next_meeting == DAY  # 00:30 in Oslo is 23:30 UTC the day before
    assert rows[names[6]].next_meeting != DAY  # 23:30 yesterday in Oslo
    assert rows[names[7]].next_meeting != DAY  # cancelled
    assert rows[names[8]].next_meeting == DAY


def test_no_contact_days_can_be_changed(window: Any, office: Any) -> None:
    rows = _active(_rows(office))
    view = window.portfolio
    view.filters.set_status(NO_CONTACT, True)
    for days in (7, 30, 90):
        view.filters.days_spin.setValue(days)
        wanted = _expected_predicates(days)[NO_CONTACT]
        assert _shown(view) == {r.id for r in rows if wanted(r)}
        assert str(days) in view.filters.checks[NO_CONTACT].text()


def test_filters_combine_with_and_and_the_counts_follow(window: Any, office: Any, qtmodeltester: Any) -> None:
    rows = _active(_rows(office))
    view = window.portfolio
    preds = _expected_predicates()
    view.filters.set_status(NO_CONTACT, True)
    view.filters.set_status(NOT_IN_ACTIVITY, True)
    both = {r.id for r in rows if preds[NO_CONTACT](r) and preds[NOT_IN_ACTIVITY](r)}
    assert _shown(view) == both
    # each count: that filter with every other chosen filter
    for key in (NEW, UNASSIGNED, MEETING_TODAY):
        expected = sum(1 for r in rows if r.id in both and preds[key](r))
        assert view.filters.count_of(key) == expected, key
    assert view.filters.count_of(NO_CONTACT) == len(both)

    view.filters.set_age_range(20, 24)
    view.filters.set_veileder("KN")
    in_band = {r.id for r in rows if r.id in both and 20 <= r.age(DAY) <= 24 and r.veileder == "KN"}
    assert _shown(view) == in_band
    assert view.filters.age_buttons[1].isChecked()

    view.search_edit.setText("a")
    searched = {r.id for r in rows if r.id in in_band and "a" in r.search}
    assert _shown(view) == searched
    assert view.filters.count_of(NOT_IN_ACTIVITY) == len(searched)
    qtmodeltester.check(view.proxy)

    view.filters.show_all_button.click()
    assert view.search_edit.text() == ""
    assert _shown(view) == {r.id for r in rows}
    assert not any(check.isChecked() for check in view.filters.checks.values())


def test_age_presets_and_free_range(window: Any, office: Any) -> None:
    rows = _active(_rows(office))
    view = window.portfolio
    for button, (lo, hi) in zip(view.filters.age_buttons, ((0, 19), (20, 24), (25, 29)), strict=True):
        button.click()
        assert _shown(view) == {r.id for r in rows if lo <= r.age(DAY) <= hi}, button.text()
    view.filters.age_buttons[2].click()  # again: off
    assert _shown(view) == {r.id for r in rows}
    view.filters.age_from.setValue(22)  # "to" left open
    assert _shown(view) == {r.id for r in rows if r.age(DAY) >= 22}
    assert not any(b.isChecked() for b in view.filters.age_buttons)


def test_counsellor_filter_offers_mine_and_each_counsellor(window: Any, office: Any) -> None:
    rows = _active(_rows(office))
    view = window.portfolio
    combo = view.filters.veileder_combo
    items = [combo.itemData(i) for i in range(combo.count())]
    me = window.actor.initials
    assert items[0] is None and items[1] == me
    assert set(items[1:]) == {r.veileder for r in rows if r.veileder}
    for i in range(1, combo.count()):
        combo.setCurrentIndex(i)
        assert _shown(view) == {r.id for r in rows if r.veileder == combo.itemData(i)}
    assert _("Mine ({initials})").format(initials=me) == combo.itemText(1)


def test_deadline_filters_wait_for_the_book_then_match_it(window: Any, office: Any) -> None:
    view = window.portfolio
    for key in (OVERDUE, DUE_THIS_WEEK):
        assert not view.filters.checks[key].isEnabled()
        assert view.filters.count_of(key) is None
    assert view.proxy.index(0, COL_NEXT_DEADLINE).data() == ""

    book = window.load_deadlines()  # emits deadlines_changed
    active = {r.id for r in _active(_rows(office))}
    for key, expected in ((OVERDUE, book.overdue_youths()), (DUE_THIS_WEEK, book.due_this_week_youths())):
        check = view.filters.checks[key]
        assert check.isEnabled()
        assert expected & active, key  # the demo office has some
        assert view.filters.count_of(key) == len(expected & active)
        check.setChecked(True)
        assert _shown(view) == expected & active
        check.setChecked(False)
    view.filters.set_status(OVERDUE, True)
    view.filters.set_status(DUE_THIS_WEEK, True)
    assert _shown(view) == book.overdue_youths() & book.due_this_week_youths() & active


def test_next_deadline_column_shows_the_books_next_open_deadline(window: Any, office: Any) -> None:
    from navdesk.ui.models.deadline_model import rule_name

    book = window.load_deadlines()
    view = window.portfolio
    proxy = view.proxy
    seen = 0
    for r in range(proxy.rowCount()):
        row = proxy.index(r, COL_NAME).data(OBJECT_ROLE)
        cell = proxy.index(r, COL_NEXT_DEADLINE)
        deadline = book.next_open(row.id)
        assert cell.data() == (format_date(deadline.due) if deadline else "")
        if deadline is not None:
            seen += 1
            assert rule_name(deadline.rule) in cell.data(Qt.ItemDataRole.ToolTipRole)
    assert seen

    view.view.sortByColumn(COL_NEXT_DEADLINE, Qt.SortOrder.AscendingOrder)
    dues = [book.next_open(proxy.index(r, COL_NAME).data(OBJECT_ROLE).id) for r in range(proxy.rowCount())]
    dated = [d.due for d in dues if d is not None]
    assert dated == sorted(dated)
    assert all(d is None for d in dues[len(dated) :])  # youths without a deadline last


def test_opening_a_closed_youth_from_elsewhere_shows_it(window: Any, office: Any) -> None:
    closed = next(r for r in _rows(office) if r.registered is None)
    assert window.open_youth(closed.id, closed.name)
    assert window.portfolio.filters.checks[CLOSED].isChecked()


def test_model_with_book_passes_qt_model_tester(window: Any, qtmodeltester: Any) -> None:
    window.load_deadlines()
    model: PortfolioModel = window.portfolio.model
    qtmodeltester.check(model)


def test_filter_clicks_with_50000_rows_are_fast(qtbot: Any) -> None:
    """Click to repainted table on 50,000 rows (target < 50 ms; run with -s for the figures)."""
    import random

    from navdesk.ui.views.portfolio import PortfolioView
    from tests.ui.synthetic import synthetic_rows

    rng = random.Random(3)
    today = date(2025, 11, 24)
    rows = [
        replace(r, in_activity=rng.random() < 0.6, next_meeting=today if rng.random() < 0.02 else None,
                registered=None if rng.random() < 0.1 else r.registered, veileder="" if i % 50 == 0 else r.veileder)
        for i, r in enumerate(synthetic_rows(50_000))
    ]  # fmt: skip
    view = PortfolioView()
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    view.load(rows, today=today)
    view.set_me("KN")

    class Book:  # the DeadlineBook's interface, over plain sets
        by_youth: dict[Any, Any] = {}

        def overdue_youths(self) -> set[Any]:
            return {r.id for r in rows[::7]}

        def due_this_week_youths(self) -> set[Any]:
            return {r.id for r in rows[::11]}

    started = time.perf_counter()
    view.set_deadlines(Book())
    book_ms = (time.perf_counter() - started) * 1000

    filters = view.filters
    steps: list[Callable[[], Any]] = [
        lambda: filters.checks[NOT_IN_ACTIVITY].click(),
        lambda: filters.checks[NO_CONTACT].click(),
        lambda: filters.days_spin.setValue(60),
        lambda: filters.age_buttons[1].click(),
        lambda: filters.veileder_combo.setCurrentIndex(1),
        lambda: filters.checks[OVERDUE].click(),
        lambda: view.search_edit.setText("h"),
        lambda: view.search_edit.setText("ha"),
        lambda: filters.checks[CLOSED].click(),
        lambda: filters.show_all_button.click(),
        lambda: filters.checks[NEW].click(),
        lambda: filters.checks[NEW].click(),
    ]
    timings = []
    for step in steps:
        started = time.perf_counter()
        step()
        view.view.viewport().repaint()
        timings.append((time.perf_counter() - started) * 1000)
    assert set(STATUSES) == set(filters.checks)
    median, worst = statistics.median(timings), max(timings)
    print(f"\n50k rows: deadline book {book_ms:.0f} ms; per filter click median {median:.1f} ms, max {worst:.1f} ms; "
          f"all: {', '.join(f'{t:.1f}' for t in timings)}")  # fmt: skip
    assert median < 50
    assert worst < 150
