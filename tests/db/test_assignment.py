"""Assigning a veileder to one or many youths, with the handover history, on the three backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from navdesk.db.models import Youth
from navdesk.errors import InvalidInput
from navdesk.services import youths
from navdesk.services.assignment import assign_veileder, assignments
from navdesk.services.office import add_user


def test_bulk_assignment_keeps_history_and_is_all_or_nothing(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        ids = [
            youths.create_youth(s, actor, first_name=n, last_name="Aas", birth_date=date(2005, 1, 1))
            for n in ("Øystein", "Åse", "Zara")
        ]
        other = add_user(s, actor, name="Ola Berg", initials="OBX", password="hemmelig-passord")
    with db.session() as s, s.begin():
        assert assign_veileder(s, actor, ids, other, on=date(2026, 11, 2), handover_note="Tar over") == 3
    with db.session() as s, s.begin():
        # the same veileder again changes nothing; one unknown youth stops all
        assert assign_veileder(s, actor, ids[:1], other, on=date(2026, 11, 3)) == 0
        with pytest.raises(InvalidInput):
            assign_veileder(s, actor, [ids[1], ids[0].__class__(int=1)], actor.user_id, on=date(2026, 11, 3))
    with db.session() as s, s.begin():
        assert {y.veileder_id for y in s.scalars(select(Youth))} == {other}
        assert assign_veileder(s, actor, [ids[0]], actor.user_id, on=date(2026, 11, 20)) == 1
    with db.session() as s:
        history = assignments(s, ids[0])
        assert [(a.user_id, a.from_date, a.to_date) for a in history] == [
            (actor.user_id, date(2026, 11, 20), None),
            (other, date(2026, 11, 2), date(2026, 11, 20)),
        ]
        assert history[1].handover_note == "Tar over"
