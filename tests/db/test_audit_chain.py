"""The audit log's hash chain (issue 9): an edited entry, an entry deleted from the middle, a cut-off
end, a changed payload and a consistently rewritten log are each found and named; erased payloads
(a deleted youth) are not tampering. On plain SQLite, SQLCipher and PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from navdesk.db.models import AuditEvent, AuditPayload
from navdesk.domain.audit_chain import link
from navdesk.services import audit, audit_head, contacts, youths

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _work(db, actor, n: int = 4) -> list:
    """Ordinary work: youths created and changed, contacts logged (each audited)."""
    ids = []
    with db.session() as s, s.begin():
        for i in range(n):
            yid = youths.create_youth(
                s, actor, first_name=f"Åse {i}", last_name="Ødegård", birth_date=date(2004, 5, 1)
            )
            ids.append(yid)
    with db.session() as s, s.begin():
        for yid in ids:
            youths.update_youth(s, actor, yid, None, phone="99887766")
            contacts.log_contact(
                s, actor, yid, at=datetime(2026, 11, 30, 10, tzinfo=UTC), channel="telefon", note="Ringte"
            )
    return ids


def _verify(db) -> audit.Verification:
    with db.session() as s:
        return audit.verify(s)


def _last_seq(db) -> int:
    with db.session() as s:
        return int(s.scalar(select(AuditEvent.seq).order_by(AuditEvent.seq.desc()).limit(1)))


def test_an_untouched_log_verifies_and_its_end_is_kept_outside_the_database(office):
    db, actor = office
    _work(db, actor)
    result = _verify(db)
    assert result.ok, result.problem
    assert result.entries == _last_seq(db) > 10
    assert result.head is not None and result.head.seq == result.last_seq


def test_an_edited_entry_is_named(office):
    db, actor = office
    _work(db, actor)
    with db.session() as s, s.begin():
        s.execute(update(AuditEvent).where(AuditEvent.seq == 7).values(user_initials="XX"))
    result = _verify(db)
    assert result.problem is not None
    assert (result.problem.seq, result.problem.kind) == (7, "changed")
    assert "7" in result.problem.message


def test_an_entry_deleted_from_the_middle_is_named(office):
    db, actor = office
    _work(db, actor)
    with db.session() as s, s.begin():
        s.execute(
            delete(AuditPayload).where(
                AuditPayload.event_id.in_(select(AuditEvent.id).where(AuditEvent.seq == 9))
            )
        )
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 9))
    result = _verify(db)
    assert result.problem is not None and (result.problem.seq, result.problem.kind) == (9, "missing")


def test_a_cut_off_end_is_found_against_the_head_kept_outside(office):
    db, actor = office
    _work(db, actor)
    last = _last_seq(db)
    with db.session() as s, s.begin():
        cut = select(AuditEvent.id).where(AuditEvent.seq > last - 3)
        s.execute(delete(AuditPayload).where(AuditPayload.event_id.in_(cut)))
        s.execute(delete(AuditEvent).where(AuditEvent.seq > last - 3))
    result = _verify(db)
    assert result.problem is not None and result.problem.kind == "cut"
    assert result.problem.seq == last - 2  # the first entry that is gone
    assert str(last) in result.problem.message


def test_a_changed_payload_is_tampering_but_an_erased_one_is_not(office):
    db, actor = office
    ids = _work(db, actor)
    with db.session() as s, s.begin():
        event_ids = list(s.scalars(select(AuditEvent.id).where(AuditEvent.youth_id == ids[0])))
        erased = s.execute(delete(AuditPayload).where(AuditPayload.event_id.in_(event_ids))).rowcount
    assert erased == 3  # created, changed, contact logged: the youth's data erased
    result = _verify(db)
    assert result.ok, result.problem
    assert result.erased == 3
    with db.session() as s, s.begin():
        victim = s.scalars(
            select(AuditPayload)
            .join(AuditEvent, AuditEvent.id == AuditPayload.event_id)
            .where(AuditEvent.youth_id == ids[1])
        ).first()
        seq = s.scalar(select(AuditEvent.seq).where(AuditEvent.id == victim.event_id))
        victim.after = {**(victim.after or {}), "phone": "11111111"}
    result = _verify(db)
    assert result.problem is not None and (result.problem.seq, result.problem.kind) == (seq, "payload")


def test_a_log_rewritten_with_fresh_hashes_does_not_match_the_head(office):
    """Someone who knows the chain function edits an entry and recomputes every link after it: the
    chain inside the database is whole again, but its end no longer matches the head kept outside."""
    db, actor = office
    _work(db, actor)
    with db.session() as s, s.begin():
        events = list(s.scalars(select(AuditEvent).order_by(AuditEvent.seq)))
        previous = events[4].chain
        for ev in events[5:]:
            if ev.seq == 6:
                ev.user_initials = "XX"
            ev.chain = previous = link(
                previous, event_id=ev.id, seq=ev.seq, at=ev.at, user_id=ev.user_id, user_initials=ev.user_initials,
                action=ev.action, entity=ev.entity, entity_id=ev.entity_id, youth_id=ev.youth_id, source=ev.source,
                payload_digest=ev.payload_digest,
            )  # fmt: skip
    result = _verify(db)
    assert result.problem is not None and result.problem.kind == "rewritten"
    assert result.problem.seq == result.last_seq


def test_without_a_head_on_this_machine_the_chain_is_still_checked(office, tmp_path, monkeypatch):
    db, actor = office
    _work(db, actor)
    monkeypatch.setenv("NAVDESK_DATA_DIR", str(tmp_path / "another-machine"))
    result = _verify(db)
    assert result.ok and result.head is None
    with db.session() as s, s.begin():
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(action="read"))
    assert _verify(db).problem.seq == 3


def test_a_rolled_back_transaction_neither_breaks_the_chain_nor_moves_the_head(office):
    db, actor = office
    _work(db, actor, n=1)
    before = _verify(db)
    with db.session() as s:
        tx = s.begin()
        youths.create_youth(s, actor, first_name="Borte", last_name="Li", birth_date=date(2004, 1, 1))
        s.flush()
        tx.rollback()
        with s.begin():
            youths.create_youth(s, actor, first_name="Zara", last_name="Li", birth_date=date(2004, 1, 1))
    after = _verify(db)
    assert after.ok, after.problem
    assert after.head is not None and after.head.seq == after.last_seq > before.last_seq


def test_the_head_never_moves_back():
    import uuid

    office_id = uuid.uuid4()
    audit_head.advance(office_id, 10, "a" * 64)
    audit_head.advance(office_id, 8, "b" * 64)  # an older commit written late by another program
    assert audit_head.read(office_id) == audit_head.Head(10, "a" * 64)


@pytest.mark.parametrize("fixture", ["navdesk-0006_clubs.db", "navdesk-0009_plan_templates.db"])
def test_an_older_database_gets_its_chain_when_upgraded(fixture, tmp_path):
    from navdesk.db.opening import open_database

    path = tmp_path / "old.db"
    shutil.copy(FIXTURES / fixture, path)
    db = open_database(path)
    try:
        result = _verify(db)
        assert result.ok, result.problem
        assert result.entries >= 5  # the demo writes its data in bulk, with few events
        with db.session() as s, s.begin():
            s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(entity="meeting"))
        assert _verify(db).problem.seq == 3
    finally:
        db.close()


def test_an_erased_payload_cannot_be_guessed_back_from_its_digest(office):
    """The digest is keyed with a random salt kept in the payload row: the same values give different
    digests, and neither is the plain hash someone could brute-force a fødselsnummer against."""
    import hashlib
    import json

    db, actor = office
    ids = _work(db, actor, n=2)
    with db.session() as s:
        rows = s.execute(
            select(AuditEvent.payload_digest, AuditPayload.before, AuditPayload.after, AuditPayload.salt)
            .join(AuditPayload, AuditPayload.event_id == AuditEvent.id)
            .where(AuditEvent.youth_id.in_(ids), AuditEvent.action == "update")
        ).all()
    assert len(rows) == 2
    (d1, b1, a1, salt1), (d2, b2, a2, salt2) = rows
    assert (b1, a1) == (b2, a2) and d1 != d2 and salt1 != salt2  # same change, unrelated digests
    plain = hashlib.sha256(
        json.dumps({"before": b1, "after": a1}, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()
    assert plain not in (d1, d2)
    assert audit.digest(b1, a1, salt1) == d1
