"""A window left open past midnight: the deadlines, the start-up summary and the portfolio move to the new day,
and what the worker computed is stored so the next start reads it."""

from __future__ import annotations

from datetime import timedelta

from tests.ui.conftest import DEMO_DAY, open_window


def test_deadlines_follow_the_date_past_midnight(qtbot, fixed_db, ui_settings):
    window = open_window(qtbot, fixed_db, ui_settings, today=DEMO_DAY)
    window.show_startup_summary_in_background()
    qtbot.waitUntil(lambda: window.deadlines_book is not None, timeout=20000)
    first = window.deadlines_book
    window.book_thread.join(20)  # the worker stores what it computed after handing over the book
    assert first.today == DEMO_DAY
    assert not window.check_new_day()  # the same day: nothing to do

    window.today = DEMO_DAY + timedelta(days=1)  # the clock passes midnight
    assert window.check_new_day()
    qtbot.waitUntil(lambda: window.deadlines_book is not None, timeout=20000)
    book = window.deadlines_book
    assert book is not first and book.today == DEMO_DAY + timedelta(days=1)
    assert window.portfolio.model.today() == DEMO_DAY + timedelta(days=1)
    # the worker stored the results of the first day: the second book reused them where they held
    assert book.loaded is not None and book.loaded.cached > 0
