"""Audit event numbers: one look-up per transaction, counted on within it, never reused after a rollback."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from navdesk.db.models import AuditEvent
from navdesk.services import youths


def _seqs(db) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))


def test_numbers_run_on_within_and_across_transactions_and_after_a_rollback(office) -> None:
    db, actor = office
    start = max(_seqs(db), default=0)
    with db.session() as s:
        with s.begin():
            for name in ("Åse", "Øystein", "Ærlig"):
                youths.create_youth(s, actor, first_name=name, last_name="Li", birth_date=date(2004, 1, 1))
        tx = s.begin()
        youths.create_youth(s, actor, first_name="Borte", last_name="Li", birth_date=date(2004, 1, 1))
        tx.rollback()  # the number it took is free again
        with s.begin():
            youths.create_youth(s, actor, first_name="Zara", last_name="Li", birth_date=date(2004, 1, 1))
    seqs = _seqs(db)
    assert seqs == sorted(set(seqs))  # unique
    assert seqs[-4:] == [start + 1, start + 2, start + 3, start + 4]
