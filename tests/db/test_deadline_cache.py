"""The stored deadline results (migration 0004) on the three backends: used only while they hold, and
then equal to a computation from the data — after use cases, plain SQL, rule changes and days passing."""

from __future__ import annotations

import importlib
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, text, update

from navdesk.db.models import CatalogueEntry, Contact, DeadlineCache, FollowUpPeriod, Youth
from navdesk.demo import build_demo
from navdesk.services import contacts, deadline_facts, deadlines, followup, youths
from navdesk.services.context import actor_for

OSLO = ZoneInfo("Europe/Oslo")
TODAY = date(2026, 11, 24)


def _key(d):
    return (d.key, d.rule, d.subject, d.subject_id, d.youth_id, d.youth, d.initials, d.veileder_id, d.due,
            d.state, d.met_on, d.detail, d.reason, d.until)  # fmt: skip


def _build(db, today=TODAY, *, save=True):
    """The book as the app builds it (stored results where they hold), then stored."""
    with db.session() as s:
        book = deadlines.DeadlineBook.build(s, today)
    loaded = book.loaded
    assert loaded is not None
    stats = (loaded.cached, len(loaded.fresh))
    if save:
        book.save_cache(db.session)
    return book, stats


def _assert_equals_data(db, book, today=TODAY):
    with db.session() as s:
        fresh = deadlines.DeadlineBook.build(s, today, cache=False)
    assert sorted(map(_key, book.all())) == sorted(map(_key, fresh.all()))


def test_cache_holds_until_something_it_depends_on_changes(db):
    with db.session() as s, s.begin():
        build_demo(s, youths=12, seed=2, today=TODAY)
    with db.session() as s:
        actor = actor_for(s)
        rows = youths.portfolio_rows(s)
    n = len(rows)
    book, stats = _build(db)
    assert stats == (0, n)  # nothing stored yet: every youth computed
    _assert_equals_data(db, book)
    book, stats = _build(db)
    assert stats == (n, 0)  # everything from the store
    _assert_equals_data(db, book)

    # use cases: a contact, a new birth date, a §14a decision on a period (reached through the period)
    a, b = rows[0].id, rows[1].id
    with db.session() as s:
        _c, period = s.execute(select(FollowUpPeriod.youth_id, FollowUpPeriod.id).where(
            FollowUpPeriod.youth_id.not_in([a, b]), FollowUpPeriod.closed_on.is_(None))).first()  # fmt: skip
    with db.session() as s, s.begin():
        contacts.log_contact(s, actor, a, at=datetime(2026, 11, 23, 10, tzinfo=OSLO), channel="telefon")
        detail = youths.open_youth(s, actor, b)
        youths.update_youth(s, actor, b, detail.version, birth_date=date(2001, 5, 5))
        followup.decide_innsats(s, actor, period, decided_on=TODAY, innsatsgruppe="standard_innsats")
    book, stats = _build(db)
    assert stats == (n - 3, 3)
    _assert_equals_data(db, book)

    # a renamed youth or a new veileder needs no recomputation: names come from the youth row
    with db.session() as s, s.begin():
        detail = youths.open_youth(s, actor, a)
        youths.update_youth(s, actor, a, detail.version, preferred_name="Tobbe")
    book, stats = _build(db)
    assert stats == (n, 0)
    assert {d.youth for d in book.by_youth[a]} == {f"Tobbe {rows[0].last_name}"}
    _assert_equals_data(db, book)

    # plain SQL, as another client would write: a contact of the youth's moves an hour
    with db.session() as s, s.begin():
        s.execute(update(Contact).where(Contact.youth_id == a).values(note="flyttet"))
    book, stats = _build(db)
    assert stats == (n - 1, 1)
    _assert_equals_data(db, book)

    # office-wide: a catalogue entry changes, so every youth is computed again
    with db.session() as s, s.begin():
        s.execute(update(CatalogueEntry).where(CatalogueEntry.kind == "outcome").values(hidden=False))
    book, stats = _build(db)
    assert stats == (0, n)
    _assert_equals_data(db, book)

    # a rule change: the stamp differs, every youth again
    with db.session() as s, s.begin():
        deadlines.update_rule(s, actor, "no_contact", params={"normal": 21})
    book, stats = _build(db)
    assert stats == (0, n)
    _assert_equals_data(db, book)

    # days passing: only the youths whose results a date changes are computed, and all equal the data
    for later in (1, 40, 200, 400):
        day = TODAY + timedelta(days=later)
        book, stats = _build(db, day, save=False)
        assert stats[0] + stats[1] == n
        _assert_equals_data(db, book, day)
    # a day before the stored one is never answered from the store
    _book, stats = _build(db, TODAY - timedelta(days=1), save=False)
    assert stats == (0, n)


def test_every_table_the_engine_reads_has_its_trigger(db, backend):
    """A table the facts loader reads without a trigger would leave stored results stale."""
    tables = importlib.import_module("navdesk.db.migrations.versions.0004_deadline_cache")
    queries = " ".join(getattr(deadline_facts, n) for n in dir(deadline_facts) if n.startswith("Q_"))
    read = set(re.findall(r"\b(?:FROM|JOIN)\s+([a-z_]+)", queries))
    covered = set(tables.YOUTH_OF) | set(tables.OFFICE_WIDE) | {"youth"}
    assert read <= covered, read - covered
    with db.session() as s:
        if backend == "postgres":
            names = set(s.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
            expected = {f"trg_{t}_facts" for t in tables.YOUTH_OF}
            expected |= {f"trg_{t}_epoch" for t in tables.OFFICE_WIDE} | {"trg_youth_facts_birth"}
        else:
            names = set(s.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
            expected = {f"trg_{t}_facts_{x}" for t in tables.YOUTH_OF for x in ("ins", "upd", "del")}
            expected |= {
                f"trg_{t}_epoch_{x}" for t in tables.OFFICE_WIDE for x in ("insert", "update", "delete")
            }
            expected |= {"trg_youth_facts_birth"}
    assert expected <= names, expected - names


def test_a_youth_deleted_before_the_results_are_stored_is_skipped(office):
    db, actor = office
    with db.session() as s, s.begin():
        keep = youths.create_youth(s, actor, first_name="Åse", last_name="Li", birth_date=date(2004, 1, 1))
        gone = youths.create_youth(s, actor, first_name="Ørjan", last_name="Li", birth_date=date(2005, 1, 1))
        followup.open_period(s, actor, keep, registration_date=TODAY - timedelta(days=3))
    with db.session() as s:
        book = deadlines.DeadlineBook.build(s, TODAY)
    with db.session() as s, s.begin():
        s.execute(delete(Youth).where(Youth.id == gone))
    book.save_cache(db.session)
    with db.session() as s:
        stored = set(s.scalars(select(DeadlineCache.youth_id)))
    assert stored == {keep}
    _book, stats = _build(db)
    assert stats == (1, 0)
