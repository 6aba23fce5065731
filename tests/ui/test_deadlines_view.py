"""The Frister screen over a demo office with a fixed date: groups, filters, actions, start-up summary."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from navdesk.domain.deadlines.engine import Deadline
from navdesk.i18n import _, ngettext
from navdesk.ui.models.deadline_model import (
    CLOSED,
    LATER,
    NEXT_WEEK,
    OBJECT_ROLE,
    OVERDUE,
    THIS_WEEK,
    TODAY,
    DeadlineTreeModel,
    group_deadlines,
)
from tests.ui.conftest import DEMO_DAY

DAY = DEMO_DAY  # a Tuesday in week 48
NOW = datetime(2026, 11, 24, 0, 30, tzinfo=UTC)  # 01:30 in Oslo that day


@pytest.fixture
def window(qtbot: Any, fixed_db: Any, ui_settings: Any) -> Any:
    from tests.ui.conftest import open_window

    win = open_window(qtbot, fixed_db, ui_settings, today=DAY)
    assert win.deadlines_book is None  # nothing computed before it is asked for
    win.load_deadlines()
    win.deadlines.now = lambda: NOW
    return win


@pytest.fixture
def view(window: Any) -> Any:
    window.show_screen("deadlines")
    v = window.deadlines
    v.veileder_combo.setCurrentIndex(v.veileder_combo.findData("all"))
    return v


def shown(view: Any) -> dict[str, list[Deadline]]:
    """Group key → the deadlines the tree shows under it."""
    model = view.model
    out: dict[str, list[Deadline]] = {}
    for row in range(model.rowCount()):
        parent = model.index(row, 0)
        if model.canFetchMore(parent):
            model.fetchMore(parent)
        out[model.groups()[row].key] = [
            model.index(r, 0, parent).data(OBJECT_ROLE) for r in range(model.rowCount(parent))
        ]
    return out


def open_keys(view: Any) -> set[str]:
    return {d.key for items in shown(view).values() for d in items if d.state == "open"}


def select(view: Any, d: Deadline) -> None:
    assert view.select_key(d.key)
    assert view.selected().key == d.key


def first_open(view: Any, rule: str | None = None, group: str | None = None) -> Deadline:
    for key, items in shown(view).items():
        if group is not None and key != group:
            continue
        for d in items:
            if d.state == "open" and d.youth_id is not None and (rule is None or d.rule == rule):
                return d
    raise AssertionError(f"the demo has no open {rule or 'deadline'} in {group or 'any group'}")


def test_groups_by_when_due(view: Any) -> None:
    groups = shown(view)
    book = view.book
    assert view.today == DAY
    monday = DAY - timedelta(days=DAY.weekday())
    assert groups[OVERDUE] and all(d.due < DAY and d.state == "open" for d in groups[OVERDUE])
    assert groups[TODAY] and all(d.due == DAY for d in groups[TODAY])
    assert all(DAY < d.due <= monday + timedelta(days=6) for d in groups[THIS_WEEK])
    assert all(monday + timedelta(days=7) <= d.due <= monday + timedelta(days=13) for d in groups[NEXT_WEEK])
    assert all(d.due > monday + timedelta(days=13) for d in groups[LATER])
    assert CLOSED not in groups
    expected_open = {d.key for d in book.all() if d.state == "open"}
    assert open_keys(view) == expected_open
    titles = {g.key: g.title for g in view.model.groups()}
    assert "48" in titles[THIS_WEEK] and "49" in titles[NEXT_WEEK]
    # overdue: in words and in colour, and sorted by due date
    overdue = groups[OVERDUE]
    assert [d.due for d in overdue] == sorted(d.due for d in overdue)
    index = view.model.find(overdue[0].key)
    status = index.siblingAtColumn(1).data()
    days = (DAY - overdue[0].due).days
    assert status == ngettext("{n} day overdue", "{n} days overdue", days).format(n=days)
    assert index.siblingAtColumn(1).data(9) is not None  # ForegroundRole: red as well as words
    # done / snoozed / not applicable only on request
    view.closed_check.setChecked(True)
    assert shown(view)[CLOSED] and all(d.state != "open" for d in shown(view)[CLOSED])


def test_details_explain_why_and_what_meets_it(view: Any) -> None:
    from navdesk.domain.deadlines.rules import RULES_BY_ID

    d = first_open(view, group=OVERDUE)
    select(view, d)
    text = view.details.toPlainText()
    rule = RULES_BY_ID[d.rule]
    assert _(rule.name) in text and _(rule.explanation) in text and _(rule.met_by) in text
    assert d.youth in text and d.due.strftime("%d.%m.%Y") in text
    tip = view.model.find(d.key).data(3)  # ToolTipRole
    assert _(rule.explanation) in tip


def test_filter_by_rule_and_youth(view: Any) -> None:
    combo = view.rule_combo
    combo.setCurrentIndex(combo.findData("no_contact"))
    items = [d for group in shown(view).values() for d in group]
    assert items and {d.rule for d in items} == {"no_contact"}
    assert {d.key for d in items} == {
        d.key for d in view.book.all() if d.rule == "no_contact" and d.state == "open"
    }
    combo.setCurrentIndex(0)
    name = items[0].youth
    view.youth_edit.setText(name.split()[0].lower())
    names = {d.youth for group in shown(view).values() for d in group}
    assert name in names and all(name.split()[0].lower() in (n or "").lower() for n in names)


def test_mine_shows_only_the_users_youths(window: Any, view: Any) -> None:
    view.veileder_combo.setCurrentIndex(view.veileder_combo.findData("mine"))
    items = [d for group in shown(view).values() for d in group]
    assert items and all(d.veileder_id == window.actor.user_id for d in items)
    assert len(items) < len([d for d in view.book.all() if d.state == "open"])


def test_mark_done_with_reason(view: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy import select as sql

    from navdesk.db import models as m
    from navdesk.ui.dialogs.reason import ReasonDialog

    d = first_open(view, group=OVERDUE)
    select(view, d)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: "Avklart på telefon med mor"))
    changed: list[bool] = []
    view.book_changed.connect(lambda: changed.append(True))
    view.done_action.trigger()
    assert d.key not in open_keys(view)
    assert changed == [True]
    with fixed_db.session() as s:
        row = s.scalars(sql(m.DeadlineDecision).where(m.DeadlineDecision.key == d.key)).one()
        assert row.state.value == "done" and row.reason == "Avklart på telefon med mor"
    assert view.selected() is None or view.selected().key != d.key  # moved on to a neighbour
    view.closed_check.setChecked(True)
    done = [x for x in shown(view)[CLOSED] if x.key == d.key]
    assert done and done[0].state == "done"


def test_snooze_hides_until_then(view: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from navdesk.services.deadlines import DeadlineBook
    from navdesk.ui.dialogs.snooze import SnoozeDialog

    d = first_open(view, group=OVERDUE)
    select(view, d)
    until = DAY + timedelta(days=7)
    monkeypatch.setattr(SnoozeDialog, "ask", classmethod(lambda cls, *a: (until, "Er på ferie")))
    view.snooze_action.trigger()
    assert d.key not in open_keys(view)
    snoozed = [x for x in view.book.by_youth[d.youth_id] if x.key == d.key]
    assert snoozed[0].state == "snoozed" and snoozed[0].until == until
    with fixed_db.session() as s:
        later = DeadlineBook.build(s, until)
    assert [x.state for x in later.by_youth[d.youth_id] if x.key == d.key] == ["open"]


def test_log_contact_meets_it_and_recomputes_that_youth_only(
    view: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func
    from sqlalchemy import select as sql

    from navdesk.db import models as m
    from navdesk.domain.enums import ContactChannel, ContactOutcome
    from navdesk.ui.dialogs.contact import ContactDialog, ContactInput

    d = first_open(view, rule="no_contact", group=OVERDUE)
    select(view, d)
    book = view.book
    before = {youth: items for youth, items in book.by_youth.items() if youth != d.youth_id}
    refreshed: list[Any] = []
    original = book.refresh_youth
    monkeypatch.setattr(
        book, "refresh_youth", lambda s, youth: (refreshed.append(youth), original(s, youth))[1]
    )
    monkeypatch.setattr(
        ContactDialog, "ask",
        classmethod(lambda cls, *a: ContactInput(ContactChannel.TELEFON, ContactOutcome.GJENNOMFORT, "Ringte")),
    )  # fmt: skip
    with fixed_db.session() as s:
        contacts = s.scalar(sql(func.count()).select_from(m.Contact).where(m.Contact.youth_id == d.youth_id))
    view.contact_action.trigger()
    assert refreshed == [d.youth_id]
    assert d.key not in open_keys(view)
    assert all(book.by_youth[youth] is items for youth, items in before.items())
    with fixed_db.session() as s:
        after = s.scalar(sql(func.count()).select_from(m.Contact).where(m.Contact.youth_id == d.youth_id))
    assert after == contacts + 1
    # the clock restarts: a new no_contact deadline for that youth, due 7–182 days from today
    fresh = [x for x in book.by_youth[d.youth_id] if x.rule == "no_contact" and x.state == "open"]
    assert fresh and all(x.due > DAY for x in fresh)


def test_empty_reason_shows_the_error_and_changes_nothing(
    view: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import func
    from sqlalchemy import select as sql

    from navdesk.db import models as m
    from navdesk.ui.dialogs.reason import ReasonDialog

    d = first_open(view, group=OVERDUE)
    select(view, d)
    shown_messages: list[str] = []
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: "  "))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown_messages.append(text))
    lists = dict(view.book.by_youth)
    view.na_action.trigger()
    assert shown_messages == [_("Give a reason.")]
    assert d.key in open_keys(view)
    assert view.selected().key == d.key
    assert all(view.book.by_youth[y] is items for y, items in lists.items())
    with fixed_db.session() as s:
        assert s.scalar(sql(func.count()).select_from(m.DeadlineDecision)) == 0


def test_cancelled_dialog_does_nothing(view: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from navdesk.ui.dialogs.reason import ReasonDialog

    d = first_open(view, group=OVERDUE)
    select(view, d)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: None))
    view.done_action.trigger()
    assert d.key in open_keys(view)


def test_reopen_undoes_a_decision(view: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from navdesk.ui.dialogs.reason import ReasonDialog

    d = first_open(view, group=OVERDUE)
    select(view, d)
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: "Gjelder ikke"))
    view.na_action.trigger()
    assert d.key not in open_keys(view)
    view.closed_check.setChecked(True)
    select(view, next(x for x in shown(view)[CLOSED] if x.key == d.key))
    assert view.reopen_action.isEnabled()
    view.reopen_action.trigger()
    assert d.key in open_keys(view)


def test_open_the_youth_in_the_portfolio(window: Any, view: Any) -> None:
    from navdesk.ui.models.portfolio_model import OBJECT_ROLE as YOUTH_ROLE

    d = first_open(view, group=OVERDUE)
    select(view, d)
    view.open_action.trigger()
    assert window.stack.currentWidget() is window.portfolio
    current = window.portfolio.view.currentIndex()
    assert current.isValid() and current.data(YOUTH_ROLE).id == d.youth_id


def test_startup_summary_counts(window: Any, qtbot: Any) -> None:
    from navdesk.ui.startup_summary import summarize

    window.show_startup_summary()
    banner = window.summary_banner
    book = window.deadlines_book
    mine = [
        d for d in book.all() if d.youth_id and d.veileder_id == window.actor.user_id and d.state == "open"
    ]
    overdue = sum(1 for d in mine if d.due < DAY)
    today = sum(1 for d in mine if d.due == DAY)
    assert overdue and banner.isVisible()
    summary = summarize(book, window.actor.user_id)
    assert (summary.overdue, summary.today, summary.mine) == (overdue, today, True)
    assert str(overdue) in banner.label.text() and str(today) in banner.label.text()
    # a user with no youths sees the office's numbers
    office = summarize(book, None)
    assert not office.mine and office.overdue == sum(1 for d in book.all() if d.youth_id and d.overdue(DAY))
    banner.show_button.click()
    assert window.stack.currentWidget() is window.deadlines and not banner.isVisible()


def test_book_is_shared_and_changes_are_signalled(
    window: Any, view: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from navdesk.ui.dialogs.reason import ReasonDialog

    assert view.book is window.deadlines_book
    signals: list[bool] = []
    window.deadlines_changed.connect(lambda: signals.append(True))
    select(view, first_open(view))
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda cls, *a: "Ferdig"))
    view.done_action.trigger()
    assert signals == [True]


def test_opening_frister_computes_the_book(qtbot: Any, fixed_db: Any, ui_settings: Any) -> None:
    from navdesk.services.context import actor_for
    from navdesk.ui.main_window import MainWindow

    with fixed_db.session() as s:
        actor = actor_for(s)
    win = MainWindow(fixed_db, actor, settings=ui_settings, today=DAY)
    qtbot.addWidget(win)
    assert win.deadlines_book is None
    win.show_screen("deadlines")
    assert win.deadlines_book is not None and win.deadlines.model.rowCount() > 0


def test_model_passes_qtmodeltester(qtmodeltester: Any, view: Any) -> None:
    model = DeadlineTreeModel()
    groups = group_deadlines(view.book.all(), DAY, include_closed=True)
    model.set_groups(groups, DAY, lazy={LATER})
    qtmodeltester.check(model)
    model.set_groups([], DAY)
    qtmodeltester.check(model)


def test_start_up_deadlines_are_computed_in_a_worker_thread(
    window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    """The window stays usable: the book is built off the GUI thread and handed back through a signal."""
    import threading

    from navdesk.services import deadlines

    threads: list[str] = []
    original = deadlines.DeadlineBook.build.__func__  # type: ignore[attr-defined]

    def spying_build(cls: Any, session: Any, today: Any) -> Any:
        threads.append(threading.current_thread().name)
        return original(cls, session, today)

    monkeypatch.setattr(deadlines.DeadlineBook, "build", classmethod(spying_build))
    window.deadlines_book = None
    with qtbot.waitSignal(window.deadlines_changed, timeout=20000):
        window.show_startup_summary_in_background()
    assert threads == ["navdesk-deadlines"] and threading.current_thread() is threading.main_thread()
    assert window.deadlines_book is not None
    qtbot.waitUntil(lambda: window.summary_banner.isVisible(), timeout=5000)


def test_confirm_status_for_the_outcome_snapshot_deadline(
    view: Any, fixed_db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """«Bekreft status …» proposes the derived status; the chosen one is stored and meets the deadline."""
    from sqlalchemy import select as sql

    from navdesk.db import models as m
    from navdesk.ui.dialogs.status import StatusDialog

    d = first_open(view, rule="outcome_snapshot")
    other = next(x for items in shown(view).values() for x in items if x.rule != "outcome_snapshot")
    select(view, other)
    assert not view.status_action.isEnabled()
    select(view, d)
    assert view.status_action.isEnabled()
    asked: list[str] = []

    def ask(cls: Any, parent: Any, question: str, proposed: str) -> str:
        asked.append(proposed)
        return "utdanning"

    monkeypatch.setattr(StatusDialog, "ask", classmethod(ask))
    view.status_action.trigger()
    assert asked and asked[0] in {
        "arbeid",
        "utdanning",
        "tiltak",
        "annen_aktivitet",
        "ingen_aktivitet",
        "ukjent",
    }
    assert d.key not in open_keys(view)
    months = int(d.key.rsplit(":", 1)[1].rstrip("m"))
    with fixed_db.session() as s:
        period = uuid.UUID(d.subject_id)
        query = sql(m.StatusSnapshot).where(
            m.StatusSnapshot.month == months, m.StatusSnapshot.period_id == period
        )
        row = s.scalars(query).one()
        assert row.status.value == "utdanning"


def test_status_dialog_proposes_the_derived_status(qtbot: Any) -> None:
    from navdesk.ui.dialogs.status import StatusDialog

    dialog = StatusDialog("Status?", "tiltak")
    qtbot.addWidget(dialog)
    assert dialog.status() == "tiltak"
    dialog.combo.setCurrentIndex(dialog.combo.findData("arbeid"))
    assert dialog.status() == "arbeid"
