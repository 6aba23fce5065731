"""The huskelapp use cases on the three backends: one open note per youth and user, checks, the deadline."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from navdesk.db.models import AuditEvent, Task
from navdesk.errors import InvalidInput, StaleEdit
from navdesk.services import youths
from navdesk.services.context import actor_for
from navdesk.services.deadlines import DeadlineBook
from navdesk.services.huskelapp import (
    COLOURS,
    TEXT_MAX,
    clear_huskelapp,
    huskelapp_of,
    huskelapper,
    save_huskelapp,
    set_colour,
)
from navdesk.services.office import add_user

DAY = date(2026, 11, 24)


def _manual(book: DeadlineBook, youth_id: object) -> list[object]:
    return [d for d in book.by_youth.get(youth_id, []) if d.rule == "manual"]  # type: ignore[call-overload]


def test_create_edit_clear_and_the_manual_deadline(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        ida = youths.create_youth(s, actor, first_name="Åse", last_name="Berg", birth_date=date(2005, 1, 1))
        idb = youths.create_youth(s, actor, first_name="Zara", last_name="Moen", birth_date=date(2004, 3, 1))
        add_user(s, actor, name="Ola Berg", initials="OB", password="hemmelig-passord")
    with db.session() as s:
        other = actor_for(s, "OB")
        book = DeadlineBook.build(s, DAY)
    assert not _manual(book, ida)

    with db.session() as s, s.begin():
        first = save_huskelapp(s, actor, ida, text="  Ring om sommerjobb på Joker  ", due=DAY + timedelta(days=3),
                               colour="green", today=DAY)  # fmt: skip
    assert (first.text, first.due, first.colour) == (
        "Ring om sommerjobb på Joker",
        DAY + timedelta(days=3),
        "green",
    )
    with db.session() as s:
        book.refresh_youth(s, ida)
        assert huskelapper(s, actor.user_id) == {ida: first}
        assert huskelapper(s, other.user_id) == {}
    (deadline,) = _manual(book, ida)
    assert deadline.due == DAY + timedelta(days=3) and deadline.state == "open"  # type: ignore[attr-defined]
    assert deadline.detail == "Ring om sommerjobb på Joker"  # type: ignore[attr-defined]

    # a second save changes the same one (one open per youth and user); the other user has their own
    with db.session() as s, s.begin():
        second = save_huskelapp(s, actor, ida, text="Ring Joker", due=DAY + timedelta(days=10), colour="",
                                today=DAY, expected_version=first.version)  # fmt: skip
        mine_other = save_huskelapp(s, other, ida, text="Min egen", colour="blue", today=DAY)
    assert second.id == first.id and second.version == first.version + 1
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Task).where(Task.youth_id == ida)) == 2
        assert huskelapp_of(s, actor.user_id, ida) == second
        assert huskelapper(s, other.user_id) == {ida: mine_other}
        book.refresh_youth(s, ida)
    assert sorted(d.due for d in _manual(book, ida)) == [DAY + timedelta(days=10)]  # type: ignore[attr-defined]

    # a stale save is refused
    with db.session() as s, s.begin(), pytest.raises(StaleEdit):
        save_huskelapp(s, actor, ida, text="Gammel", today=DAY, expected_version=first.version)

    # clearing marks it done: the deadline is met, the note gone from the portfolio
    with db.session() as s, s.begin():
        assert clear_huskelapp(s, actor, ida, today=DAY, expected_version=second.version)
        assert not clear_huskelapp(s, actor, ida, today=DAY)
    with db.session() as s:
        assert huskelapp_of(s, actor.user_id, ida) is None
        assert set(huskelapper(s, other.user_id)) == {ida}
        book.refresh_youth(s, ida)
        actions = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.entity == "task"))]
    assert [d.state for d in _manual(book, ida)] == ["done"]  # type: ignore[attr-defined]
    assert actions.count("create") == 2 and actions.count("update") >= 2

    # after clearing, a new one starts afresh
    with db.session() as s, s.begin():
        third = save_huskelapp(s, actor, ida, text="Ny", today=DAY)
    assert third.id != first.id and third.due is None
    assert not _manual(book, idb)


def test_checks(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        yid = youths.create_youth(
            s, actor, first_name="Øystein", last_name="Dahl", birth_date=date(2003, 5, 5)
        )
    cases = [
        dict(text="x" * (TEXT_MAX + 1)),
        dict(text="ok", colour="pink"),
        dict(text="ok", due=DAY - timedelta(days=1)),
        dict(text="   "),
    ]
    for values in cases:
        with db.session() as s, s.begin(), pytest.raises(InvalidInput):
            save_huskelapp(s, actor, yid, today=DAY, **values)  # type: ignore[arg-type]
    with db.session() as s, s.begin():
        saved = save_huskelapp(s, actor, yid, text="y" * TEXT_MAX, due=DAY, today=DAY)
        assert len(saved.text) == TEXT_MAX
    # a due date already passed may stay when other things change
    with db.session() as s, s.begin():
        kept = save_huskelapp(
            s, actor, yid, text="kortere", due=DAY, colour="teal", today=DAY + timedelta(days=5)
        )
        assert kept.due == DAY
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        save_huskelapp(s, actor, youths.uuid.UUID(int=7), text="x", today=DAY)


def test_colour_on_many_youths(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        ids = [
            youths.create_youth(s, actor, first_name=n, last_name="Aas", birth_date=date(2005, 1, 1))
            for n in ("Åse", "Ærle", "Zara")
        ]
        save_huskelapp(s, actor, ids[0], text="Har notat", colour="blue", today=DAY)
    with db.session() as s, s.begin():
        assert set_colour(s, actor, ids, COLOURS[2], today=DAY) == 3
    with db.session() as s:
        assert {h.colour for h in huskelapper(s, actor.user_id).values()} == {"yellow"}
    with db.session() as s, s.begin():
        assert set_colour(s, actor, ids, "", today=DAY) == 3
    with db.session() as s:
        mine = huskelapper(s, actor.user_id)
    assert set(mine) == {ids[0]}  # the colour-only ones are cleared, the note stays
    assert mine[ids[0]].text == "Har notat" and mine[ids[0]].colour == ""
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        set_colour(s, actor, ids, "pink", today=DAY)
