"""The same use cases on the three real backends: plain SQLite, SQLCipher and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from navdesk.db.models import Activity, AuditEvent, AuditPayload, CatalogueEntry, Contact, Youth
from navdesk.domain.enums import ActivityStatus, ActivityType, ContactChannel
from navdesk.errors import InvalidInput, NotFound, StaleEdit
from navdesk.services import audit, contacts, followup, plans, youths
from navdesk.services.context import actor_for, resolve_id
from navdesk.services.office import catalogue


def _youth(db, actor, **extra):
    with db.session() as s, s.begin():
        return youths.create_youth(
            s, actor, first_name="Øystein", last_name="Ås", birth_date=date(2004, 5, 17), **extra
        )


def test_office_and_first_admin(office):
    db, actor = office
    with db.session() as s:
        assert actor_for(s).initials == "KN"
        assert actor_for(s, "kn").user_id == actor.user_id
        assert catalogue(s, "ytelse")["aap"]
        with pytest.raises(NotFound):
            actor_for(s, "ZZ")


def test_youth_roundtrip_uuid_and_utc(office):
    db, actor = office
    youth_id = _youth(db, actor, phone="912 34 567", job_wishes="Barnehage")
    assert isinstance(youth_id, uuid.UUID)
    cest = timezone(timedelta(hours=2))
    at = datetime(2026, 3, 29, 3, 30, tzinfo=cest)  # the night summer time starts in Norway
    with db.session() as s, s.begin():
        contacts.log_contact(
            s, actor, youth_id, at=at, channel=ContactChannel.TELEFON, note="Ringte & avtalte <møte>"
        )
    with db.session() as s:
        youth = s.get(Youth, youth_id)
        assert youth is not None and youth.full_name == "Øystein Ås"
        stored = s.scalars(select(Contact).where(Contact.youth_id == youth_id)).one()
        assert stored.at.tzinfo is not None
        assert stored.at == at and stored.at.utcoffset() == timedelta(0)
        assert stored.note == "Ringte & avtalte <møte>"


def test_stale_save_is_refused(office):
    db, actor = office
    youth_id = _youth(db, actor)
    with db.session() as s:
        opened = youths.open_youth(s, actor, youth_id)
        s.commit()
    with db.session() as s, s.begin():
        youths.update_youth(s, actor, youth_id, opened.version, phone="111")
    with db.session() as s, s.begin(), pytest.raises(StaleEdit) as err:
        youths.update_youth(s, actor, youth_id, opened.version, phone="222")
    assert "endret" in str(err.value)
    with db.session() as s:
        assert s.get(Youth, youth_id).phone == "111"  # type: ignore[union-attr]


def test_changes_are_audited_with_before_and_after(office):
    db, actor = office
    youth_id = _youth(db, actor)
    with db.session() as s, s.begin():
        version = s.get(Youth, youth_id).version  # type: ignore[union-attr]
        youths.update_youth(s, actor, youth_id, version, job_wishes="Lager")
        youths.open_youth(s, actor, youth_id)
    with db.session() as s:
        events = s.scalars(
            select(AuditEvent).where(AuditEvent.youth_id == youth_id).order_by(AuditEvent.seq)
        ).all()
        assert [e.action for e in events] == ["create", "update", "read"]
        assert all(e.user_initials == "KN" for e in events)
        payload = s.get(AuditPayload, events[1].id)
        assert payload is not None
        assert payload.before == {"job_wishes": ""} and payload.after == {"job_wishes": "Lager"}
        seqs = [e.seq for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
        assert seqs == list(range(1, len(seqs) + 1))


def test_foreign_keys_are_enforced(office):
    db, _actor = office
    with db.session() as s, pytest.raises(IntegrityError), s.begin():
        s.add(Activity(youth_id=uuid.uuid4(), type=ActivityType.JOBBSOKING, title="x"))
        s.flush()


def test_catalogue_entry_in_use_cannot_be_deleted(office):
    db, actor = office
    youth_id = _youth(db, actor)
    with db.session() as s, s.begin():
        period = followup.open_period(s, actor, youth_id, registration_date=date.today() - timedelta(days=3))
        followup.add_benefit(
            s, actor, period, ytelse_id=catalogue(s, "ytelse")["aap"], start_date=date.today()
        )
    with db.session() as s, pytest.raises(IntegrityError), s.begin():
        entry = s.get(CatalogueEntry, catalogue(s, "ytelse")["aap"])
        s.delete(entry)
        s.flush()


def test_id_prefix_lookup(office):
    db, actor = office
    youth_id = _youth(db, actor)
    with db.session() as s:
        assert resolve_id(s, Youth, str(youth_id)[:8]).id == youth_id
        assert resolve_id(s, Youth, youth_id.hex[:10]).id == youth_id
        assert resolve_id(s, Youth, str(youth_id).upper()).id == youth_id
        with pytest.raises(InvalidInput):
            resolve_id(s, Youth, "xyz")
        with pytest.raises(NotFound):
            resolve_id(s, Youth, "0000000000")


def test_activity_workflow(office):
    db, actor = office
    youth_id = _youth(db, actor)
    with db.session() as s, s.begin():
        act = plans.add_activity(
            s, actor, youth_id, type="tiltak", title="Arbeidstrening på Coop", agreed=True
        )
    with db.session() as s, s.begin():
        plans.set_activity_status(s, actor, act, 1, ActivityStatus.GJENNOMFORER, on=date(2026, 1, 5))
    with db.session() as s, s.begin(), pytest.raises(InvalidInput, match=r"(?i)grunn|hvorfor"):
        plans.set_activity_status(s, actor, act, 2, ActivityStatus.AVBRUTT)
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        plans.edit_activity(s, actor, act, 2, title="Endret tittel")
    with db.session() as s, s.begin():
        plans.edit_activity(s, actor, act, 2, to_date=date(2026, 6, 1))
    with db.session() as s:
        activity = s.get(Activity, act)
        assert activity is not None
        assert activity.started_on == date(2026, 1, 5) and activity.to_date == date(2026, 6, 1)


def test_demo_office_on_backend(db):
    from navdesk.demo import build_demo
    from navdesk.services.meetings import meeting_rows

    with db.session() as s, s.begin():
        summary = build_demo(s, youths=12, seed=3, today=date(2026, 11, 24))
    with db.session() as s:
        rows = youths.portfolio_rows(s)
        assert len(rows) == 12 == summary.youths
        assert all(16 <= r.age(date(2026, 11, 24)) <= 29 for r in rows)
        assert s.scalar(select(func.count()).select_from(AuditEvent)) >= 1
        assert meeting_rows(s)
        assert rows[0].last_contact is None or isinstance(rows[0].last_contact, date)


def test_utc_type_refuses_naive_datetimes(office):
    db, actor = office
    youth_id = _youth(db, actor)
    with db.session() as s, s.begin(), pytest.raises(InvalidInput):
        contacts.log_contact(s, actor, youth_id, at=datetime(2026, 1, 1, 12), channel="telefon")
    assert datetime.now(UTC).tzinfo is UTC


def test_concurrent_writers_on_postgresql_keep_the_audit_sequence(pg_url):
    """Two laptops saving at the same moment: every change audited, numbers unique and gap-free."""
    import threading

    from navdesk.db.opening import create_database, open_database
    from navdesk.services.office import create_office

    db, _ = create_database(pg_url)
    with db.session() as s, s.begin():
        actor = create_office(s, office_name="NAV Delt", municipality="Vinje", admin_name="Kari Nordmann",
                              admin_initials="KN", password="passord123")  # fmt: skip
    db.close()
    errors: list[BaseException] = []

    def laptop(n: int) -> None:
        database = open_database(pg_url)
        try:
            for i in range(15):
                with database.session() as s, s.begin():
                    youths.create_youth(
                        s, actor, first_name=f"L{n}", last_name=f"Ungdom {i}", birth_date=date(2005, 1, 1)
                    )
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=laptop, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    db = open_database(pg_url)
    with db.session() as s:
        seqs = [e.seq for e in s.scalars(select(AuditEvent).order_by(AuditEvent.seq))]
        created = s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "youth"))
        verified = audit.verify(s)
    db.close()
    assert created == 45
    assert seqs == list(range(1, len(seqs) + 1))
    assert verified.ok, verified.problem  # one chain, however the three laptops' writes interleaved
    assert verified.entries == len(seqs) and verified.head is not None
