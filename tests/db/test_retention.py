"""Retention on every backend: candidates, dry run, deletion that is real (byte scans of the plain file,
its WAL, the SQLCipher file decrypted, and the audit payloads), anonymisation, the receipt, the rights."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, select, text

from navdesk.domain.backup_policy import backups_hold_until
from tests.retentiondata import (
    FIRST,
    FNR,
    KEPT_FIRST,
    LAST,
    MARKERS,
    build,
    office_fixture,  # noqa: F401  (the fixture «office»)
)

TODAY = date(2026, 12, 4)


def _all_text(db: Any) -> str:
    """Every row of every table as text (a logical scan that works on PostgreSQL too)."""
    out: list[str] = []
    with db.session() as s:
        for table in inspect(s.get_bind()).get_table_names():
            if table == "alembic_version":
                continue
            for row in s.execute(text(f'SELECT * FROM "{table}"')):
                out.append(table + ": " + " ".join(str(v) for v in row))
    return "\n".join(out)


def _payloads(db: Any) -> str:
    from navdesk.db.models import AuditPayload

    with db.session() as s:
        return json.dumps([[p.before, p.after] for p in s.scalars(select(AuditPayload))], ensure_ascii=False)


def _plain_bytes(db: Any, tmp_path: Path) -> bytes:
    """The database's content as plain bytes: a plain file and its WAL read raw; a SQLCipher file and its
    WAL decrypted page by page (free pages included), plus a logical copy (sqlcipher_export)."""
    path = db.target.path
    wal = Path(str(path) + "-wal")
    tail = wal.read_bytes() if wal.exists() else b""
    if db.secret is None:
        return path.read_bytes() + tail
    import sqlcipher3.dbapi2 as sqlcipher

    plain = tmp_path / f"plain-{len(list(tmp_path.glob('plain-*')))}.db"
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute(db.secret.pragma())
        conn.execute(f"ATTACH DATABASE '{plain}' AS plain KEY ''")
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
    finally:
        conn.close()
    assert plain.read_bytes()[:16] == b"SQLite format 3\x00"
    return (
        plain.read_bytes()
        + _decrypt_pages(path.read_bytes(), db.secret)
        + _decrypt_wal(tail, db.secret, path)
    )


PAGE, RESERVE = 4096, 80  # SQLCipher 4 defaults: 4 KiB pages, 16-byte IV + 64-byte HMAC at each page's end


def _sqlcipher_key(secret: Any, salt: bytes) -> bytes:
    import hashlib

    if secret.raw:
        return bytes.fromhex(secret.value)
    return hashlib.pbkdf2_hmac("sha512", secret.value.encode("utf-8"), salt, 256_000, 32)


def _decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    start = 16 if first else 0  # page 1 starts with the salt, not encrypted
    iv = page[PAGE - RESERVE : PAGE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start : PAGE - RESERVE]) + decryptor.finalize()


def _decrypt_pages(data: bytes, secret: Any) -> bytes:
    key = _sqlcipher_key(secret, data[:16])
    first = _decrypt_page(data[:PAGE], key, True)
    assert first[:2] == b"\x10\x00" and first[4] == RESERVE  # the decryption is right: page size, reserve
    return b"".join(_decrypt_page(data[i : i + PAGE], key, i == 0) for i in range(0, len(data), PAGE))


def _decrypt_wal(wal: bytes, secret: Any, path: Path) -> bytes:
    """Each WAL frame: a 24-byte header (its page number first) and the encrypted page."""
    if not wal:
        return b""
    key = _sqlcipher_key(secret, path.read_bytes()[:16])
    out = []
    for offset in range(32, len(wal) - PAGE + 1, 24 + PAGE):
        number = int.from_bytes(wal[offset : offset + 4], "big")
        out.append(_decrypt_page(wal[offset + 24 : offset + 24 + PAGE], key, number == 1))
    return b"".join(out)


def test_candidates_and_dry_run_change_nothing(office: Any) -> None:
    from navdesk.services import retention

    db, data = office
    with db.session() as s, s.begin():
        assert retention.retention_days(s) == 365  # a new office: 12 months
        found = retention.candidates(s, data.actor, TODAY)
        assert [c.youth_id for c in found] == [data.gone]  # the youth with an open period never is
        assert found[0].last_closed == date(2024, 6, 1) and found[0].name == f"{FIRST} {LAST}"
        plan = retention.dry_run(s, data.actor, TODAY)
        # not yet past the retention time on the day before the cut-off
        assert retention.candidates(s, data.actor, date(2025, 6, 1)) == []
    for table in ("youth", "follow_up_period", "contact", "meeting", "meeting_participant", "meeting_action",
                  "consent", "involvement", "club_enrolment", "task", "draft", "journal_mark", "plan", "activity",
                  "school_status", "innsats_decision", "benefit_period"):  # fmt: skip
        assert plan.rows.get(table, 0) >= 1, table
    assert plan.payloads > 10 and plan.backups_hold_until == backups_hold_until(TODAY)
    assert plan.as_json()["youths"][0]["id"] == str(data.gone)
    assert FIRST in _all_text(db)  # nothing was deleted


def test_delete_removes_every_trace_and_leaves_a_receipt(office: Any, tmp_path: Path) -> None:
    from navdesk.db.models import AuditEvent
    from navdesk.services import retention

    db, data = office
    if db.target.path is not None:  # the scan can find the data before the deletion (it can fail)
        before = _plain_bytes(db, tmp_path)
        assert all(marker in before for marker in MARKERS)
        if db.secret is not None:  # the page decryption itself finds them (not only the logical copy)
            path, wal = db.target.path, Path(str(db.target.path) + "-wal")
            pages = _decrypt_pages(path.read_bytes(), db.secret) + _decrypt_wal(
                wal.read_bytes() if wal.exists() else b"", db.secret, path
            )
            assert all(marker in pages for marker in MARKERS)
    with db.session() as s, s.begin():
        events_before = s.scalar(select(text("count(*)")).select_from(AuditEvent))
        receipt = retention.delete_youths(s, data.actor, [data.gone], TODAY)
    space = retention.purge_free_space(db)
    assert (
        receipt.youths == 1
        and receipt.rows["youth"] == 1
        and receipt.rows["meeting_participant"] == 2
        and receipt.rows["ot_list_action"] == 2
    )
    assert receipt.payloads_erased > 10 and space["vacuum"] is True and space["wal_busy"] is False

    everything = _all_text(db)
    for marker in (FIRST, LAST, FNR, "Kvitvollvegen"):
        assert marker not in everything, marker
    assert KEPT_FIRST in everything  # the other youth is untouched
    assert FIRST not in _payloads(db) and FNR not in _payloads(db)
    with db.session() as s:
        events = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        assert len(events) == events_before + 1  # the events stay (the audit chain); one receipt added
        assert any(e.youth_id == data.gone for e in events)
        last = events[-1]
        assert last.action == "retention_delete" and last.youth_id is None
        from navdesk.db.models import AuditPayload

        payload = s.get(AuditPayload, last.id)
        assert payload is not None and payload.after is not None
        assert payload.after["youths"] == 1
        assert payload.after["backups_hold_until"] == backups_hold_until(TODAY).isoformat()
        assert str(data.gone) not in json.dumps(payload.after)
    if db.target.path is not None:
        wal = Path(str(db.target.path) + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0  # checkpointed and truncated
        after = _plain_bytes(db, tmp_path)
        for marker in MARKERS:
            assert marker not in after, marker
        assert KEPT_FIRST.encode() in after


def test_anonymise_keeps_the_statistics_and_nothing_that_names_the_youth(office: Any, tmp_path: Path) -> None:
    from navdesk.db.models import Activity, Contact, FollowUpPeriod, Youth
    from navdesk.services import retention

    db, data = office
    with db.session() as s, s.begin():
        receipt = retention.anonymise_youths(s, data.actor, [data.gone], TODAY)
    retention.purge_free_space(db)
    assert receipt.action == "anonymise" and receipt.youths == 1
    with db.session() as s:
        youth = s.get(Youth, data.gone)
        assert youth is not None and youth.first_name == retention.ANONYMISED_NAME and youth.last_name == ""
        assert (
            youth.fodselsnummer is None and youth.birth_date == date(2001, 7, 1) and youth.health_note == ""
        )
        period = s.scalars(select(FollowUpPeriod).where(FollowUpPeriod.youth_id == data.gone)).one()
        assert (
            period.closed_on == date(2024, 6, 1)
            and period.outcome_id is not None
            and period.outcome_note == ""
        )
        assert s.scalars(select(Contact).where(Contact.youth_id == data.gone)).one().note == ""
        kept = s.scalars(select(Activity).where(Activity.youth_id == data.gone)).all()
        assert "jobbsoking" in {a.type.value for a in kept} and {a.title for a in kept} == {""}
        # not a candidate again
        assert retention.candidates(s, data.actor, TODAY) == []
    everything = _all_text(db)
    for marker in (FIRST, LAST, FNR):
        assert marker not in everything, marker
    if db.target.path is not None:
        after = _plain_bytes(db, tmp_path)
        for marker in MARKERS:
            assert marker not in after, marker


def test_only_leaders_and_admins_and_only_candidates(office: Any) -> None:
    from navdesk.errors import InvalidInput
    from navdesk.services import retention
    from navdesk.services.context import actor_for
    from navdesk.services.office import add_user

    db, data = office
    with db.session() as s, s.begin():
        add_user(s, data.actor, name="Ola Veileder", initials="OV", password="passord123")
        add_user(s, data.actor, name="Lise Leder", initials="LL", password="passord123", access_role="leder")
    with db.session() as s, s.begin():
        veileder = actor_for(s, "OV")
        leder = actor_for(s, "LL")
        with pytest.raises(InvalidInput):
            retention.candidates(s, veileder, TODAY)
        with pytest.raises(InvalidInput):
            retention.delete_youths(s, veileder, [data.gone], TODAY)
        with pytest.raises(InvalidInput):  # the office setting: administrators only
            retention.set_retention_days(s, leder, 400)
        with pytest.raises(InvalidInput):
            retention.set_retention_days(s, data.actor, 5)
        # a youth who is not a candidate (an open period) is skipped, never deleted
        receipt = retention.delete_youths(s, leder, [data.kept], TODAY)
        assert receipt.youths == 0 and receipt.skipped == 1
        retention.set_retention_days(s, data.actor, 4 * 365)
    with db.session() as s:
        assert retention.retention_days(s) == 4 * 365
        assert retention.candidates(s, data.actor, TODAY) == []  # closed 01.06.2024: not four years ago
        assert retention.candidates(s, data.actor, date(2028, 6, 2))[0].youth_id == data.gone


def test_a_sleeping_period_and_a_youth_never_followed_up(office: Any) -> None:
    from datetime import UTC, datetime

    from navdesk.db.models import FollowUpPeriod, Youth
    from navdesk.services import retention, youths

    db, data = office
    with db.session() as s, s.begin():
        period = s.scalars(select(FollowUpPeriod).where(FollowUpPeriod.youth_id == data.gone)).one()
        period.dormant_until = TODAY + timedelta(days=10)  # sleeping until a day not yet passed
        never = youths.create_youth(
            s, data.actor, first_name="Aldri", last_name="Fulgtopp", birth_date=date(2004, 1, 1)
        )
        recent = youths.create_youth(
            s, data.actor, first_name="Nyleg", last_name="Registrert", birth_date=date(2004, 1, 1)
        )
        row = s.get(Youth, never)
        assert row is not None
        row.created_at = datetime(2025, 1, 2, 12, tzinfo=UTC)  # registered, never followed up, 23 months ago
    with db.session() as s:
        found = retention.candidates(s, data.actor, TODAY)
        assert [(c.youth_id, c.last_closed, c.periods) for c in found] == [(never, None, 0)]
        assert recent not in {c.youth_id for c in found}


def test_secure_delete_zeroes_the_deleted_rows_even_before_the_vacuum(tmp_path: Path) -> None:
    """The deleting connection has PRAGMA secure_delete on: with the WAL checkpointed before and after, and
    no VACUUM, the deleted rows' bytes are already gone from the file (freed pages and cells zeroed)."""
    from navdesk.db.opening import create_database
    from navdesk.services import retention

    db, _mode = create_database(tmp_path / "office.db", unencrypted=True)
    try:
        with db.session() as s, s.begin():
            data = build(s)
        path = db.target.path

        def checkpoint() -> None:
            raw = db.engine.raw_connection()
            try:
                raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()

        checkpoint()
        assert all(marker in path.read_bytes() for marker in MARKERS)
        with db.session() as s, s.begin():
            retention.delete_youths(s, data.actor, [data.gone], TODAY)
        checkpoint()
        raw_bytes = path.read_bytes()
        for marker in MARKERS:
            assert marker not in raw_bytes, marker
        assert KEPT_FIRST.encode() in raw_bytes
    finally:
        db.close()


def test_another_reader_keeps_the_wal_from_being_emptied_and_the_caller_is_told(tmp_path: Path) -> None:
    import sqlite3

    from navdesk.db.opening import create_database
    from navdesk.services import retention

    db, _mode = create_database(tmp_path / "office.db", unencrypted=True)
    try:
        with db.session() as s, s.begin():
            data = build(s)
        with db.session() as s, s.begin():
            retention.delete_youths(s, data.actor, [data.gone], TODAY)
        other = sqlite3.connect(db.target.path)  # another window, in the middle of reading
        other.execute("BEGIN")
        other.execute("SELECT count(*) FROM youth").fetchone()
        try:
            # in WAL mode the VACUUM goes through, but the reader keeps the WAL from being copied back and
            # emptied: the caller is told (the CLI and the dialog say to close the other window)
            assert retention.purge_free_space(db) == {"vacuum": True, "wal_busy": True}
        finally:
            other.close()
        writer = sqlite3.connect(db.target.path)  # another window in the middle of saving: no VACUUM now
        writer.execute("BEGIN IMMEDIATE")
        try:
            assert retention.purge_free_space(db) == {"vacuum": False, "wal_busy": True}
        finally:
            writer.close()
        assert retention.purge_free_space(db) == {"vacuum": True, "wal_busy": False}
        wal = Path(str(db.target.path) + "-wal")
        raw = db.target.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        assert not any(marker in raw for marker in MARKERS)
    finally:
        db.close()


def test_payloads_of_events_that_name_no_youth_but_one_of_the_rows_are_erased(office: Any) -> None:
    """An event written without the youth (an older client, a direct crud call) about one of the youth's
    rows still loses its payload; an event about something else keeps it."""
    from navdesk.db.models import AuditPayload, MeetingParticipant
    from navdesk.services import audit, retention

    db, data = office
    with db.session() as s, s.begin():
        participant = s.scalars(
            select(MeetingParticipant).where(MeetingParticipant.meeting_id == data.meeting)
        ).first()
        assert participant is not None
        about_row = audit.record(s, data.actor, "update", "meeting_participant", participant.id,
                                 after={"name": f"{FIRST} {LAST}"})  # fmt: skip
        other = audit.record(s, data.actor, "update", "club", data.kept, after={"name": "Jobbklubb høst"})
    with db.session() as s, s.begin():
        retention.delete_youths(s, data.actor, [data.gone], TODAY)
    with db.session() as s:
        assert s.get(AuditPayload, about_row.id) is None
        kept = s.get(AuditPayload, other.id)
        assert kept is not None and kept.after == {"name": "Jobbklubb høst"}
