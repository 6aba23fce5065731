"""The youth record's read model and the period use cases it needs, on the three backends; the form's
field checks (pure functions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from navdesk.db import models as m
from navdesk.domain.enums import (
    Adressesperre,
    ContactChannel,
    ContactRoute,
    Innsatsgruppe,
    Intensity,
    SituationAtRegistration,
)
from navdesk.errors import InvalidInput, StaleEdit
from navdesk.i18n import _
from navdesk.services import followup, record, youths
from navdesk.services.assignment import assign_veileder
from navdesk.services.contacts import log_contact
from navdesk.services.deadlines import compute
from navdesk.services.office import add_user, catalogue

REGISTERED = date(2026, 9, 1)
TODAY = date(2026, 11, 24)


def _youth(s, actor, **extra):  # type: ignore[no-untyped-def]
    values = {"first_name": "Åse", "last_name": "Ødegård", "birth_date": date(2007, 3, 7), **extra}
    youth_id = youths.create_youth(s, actor, **values)
    period_id = followup.open_period(
        s,
        actor,
        youth_id,
        registration_date=REGISTERED,
        contact_route=ContactRoute.OT,
        intensity=Intensity.TETT,
    )
    return youth_id, period_id


def test_record_reads_everything_and_opening_is_audited(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        youth_id, period_id = _youth(s, actor, phone="41234567", job_wishes="barnehage", barriers=["bolig"])
        followup.decide_innsats(
            s, actor, period_id, decided_on=date(2026, 9, 20), innsatsgruppe=Innsatsgruppe.SITUASJONSBESTEMT,
            hovedmal="skaffe_arbeid",
        )  # fmt: skip
        followup.add_benefit(
            s, actor, period_id, ytelse_id=catalogue(s, "ytelse")["aap"], start_date=REGISTERED
        )
        followup.set_school_status(s, actor, youth_id, status="avbrudd_i_aret", from_date=date(2026, 3, 1))
        log_contact(
            s, actor, youth_id, at=datetime(2026, 11, 20, 9, 30, tzinfo=UTC), channel=ContactChannel.SMS
        )
    with db.session() as s, s.begin():
        rec = record.open_record(s, actor, youth_id, TODAY)
    assert rec.name == "Åse Ødegård"
    assert (rec.age, rec.age_band) == (19, "≤19")
    assert rec.veileder_initials == "KN"
    assert rec.open_period is not None and rec.open_period.id == period_id
    assert rec.open_period.contact_route is ContactRoute.OT
    assert rec.innsats is not None and rec.innsats.innsatsgruppe is Innsatsgruppe.SITUASJONSBESTEMT
    assert rec.open_period.benefits[0].ytelse.startswith("Arbeidsavklaringspenger")
    assert rec.school[0].status.value == "avbrudd_i_aret"
    assert rec.days_since_contact() == 4
    assert rec.next_meeting is None
    assert rec.intensity_days == {"tett": 7, "normal": 30, "minimum": 182}
    assert not rec.protected
    with db.session() as s:
        reads = [h for h in record.history(s, youth_id, include_reads=True) if h.action == "read"]
        assert len(reads) == 1 and reads[0].who == "KN"
        record.read_record(s, youth_id, TODAY)  # a re-read after a save is not a new read
        assert len([h for h in record.history(s, youth_id, include_reads=True) if h.action == "read"]) == 1
        assert all(h.action != "read" for h in record.history(s, youth_id))


def test_close_and_reopen_gives_a_new_period_and_a_new_8_week_clock(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        youth_id, period_id = _youth(s, actor)
    with db.session() as s, s.begin():
        version = record.read_record(s, youth_id, TODAY).periods[0].version
        with pytest.raises(InvalidInput):  # reopening needs the period closed first
            followup.reopen_period(s, actor, youth_id, registration_date=TODAY)
        followup.close_period(
            s, actor, period_id, version, closed_on=date(2026, 11, 1), outcome_id=catalogue(s, "outcome")["arbeid"],
            note="Fikk jobb i barnehagen",
        )  # fmt: skip
    with db.session() as s, s.begin():
        with pytest.raises(InvalidInput):  # not before the last one closed
            followup.reopen_period(s, actor, youth_id, registration_date=date(2026, 10, 1))
        new_id = followup.reopen_period(s, actor, youth_id, registration_date=TODAY)
    with db.session() as s:
        rec = record.read_record(s, youth_id, TODAY)
        assert [p.id for p in rec.periods] == [new_id, period_id]
        old, new = rec.periods[1], rec.periods[0]
        assert (old.closed_on, old.outcome, old.outcome_note) == (
            date(2026, 11, 1),
            "Arbeid",
            "Fikk jobb i barnehagen",
        )
        assert new.is_open and new.registration_date == TODAY
        assert (new.contact_route, new.intensity) == (ContactRoute.OT, Intensity.TETT)  # carried over
        assert new.situation is SituationAtRegistration.UKJENT
        eight = {d.subject_id: d for d in compute(s, TODAY, [youth_id]) if d.rule == "followup_8w"}
        assert eight[new_id.hex].due == TODAY + timedelta(days=56) and eight[new_id.hex].state == "open"
        assert eight[period_id.hex].state == "not_applicable"  # the closed one no longer runs


def test_update_period_checks_the_version_and_audits_the_change(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        youth_id, period_id = _youth(s, actor)
    with db.session() as s, s.begin():
        v1 = record.read_record(s, youth_id, TODAY).periods[0].version
        v2 = followup.set_intensity(s, actor, period_id, v1, "minimum")
        assert v2 == v1 + 1
    with db.session() as s, s.begin():
        with pytest.raises(StaleEdit):
            followup.update_period(s, actor, period_id, v1, reason="gammel versjon")
        with pytest.raises(InvalidInput):
            followup.update_period(
                s, actor, period_id, v2, registration_date=date.today() + timedelta(days=1)
            )
        with pytest.raises(InvalidInput):
            followup.update_period(s, actor, period_id, v2, closed_on=TODAY)  # not editable here
        followup.update_period(s, actor, period_id, v2, situation="i_arbeid", aktivitetsplikt=True)
    with db.session() as s:
        period = record.read_record(s, youth_id, TODAY).periods[0]
        assert (period.intensity, period.situation, period.aktivitetsplikt) == (
            Intensity.MINIMUM, SituationAtRegistration.I_ARBEID, True,
        )  # fmt: skip
        changes: dict[str, tuple[str, str]] = {}
        for h in record.history(s, youth_id):  # newest first: keep the latest change of each field
            for c in h.changes:
                changes.setdefault(c.field, (c.before, c.after))
        assert changes[_("Follow-up intensity")] == ("Tett", "Minimum")
        assert changes[_("Situation at registration")][1] == "I arbeid"


def test_history_says_who_changed_what_in_words(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        youth_id, _period = _youth(s, actor, phone="41234567", address="Storgata 1")
        other = add_user(s, actor, name="Ola Bø", initials="OB", password="hemmelig-passord")
    with db.session() as s, s.begin():
        version = record.read_record(s, youth_id, TODAY).version
        youths.update_youth(
            s,
            actor,
            youth_id,
            version,
            phone="98765432",
            malform="nn",
            health_note="privat",
            barriers=["gjeld"],
        )
        assign_veileder(s, actor, [youth_id], other, on=TODAY, handover_note="Ring etter kl. 12")
    with db.session() as s:
        entries = record.history(s, youth_id)
        assert [e.who for e in entries] and {e.who for e in entries} == {"KN"}
        assert entries == sorted(entries, key=lambda e: e.at, reverse=True)
        edit = next(
            e
            for e in entries
            if e.what == _("{what} changed").format(what=_("Personal data")) and "Telefon" in e.summary
        )
        fields = {c.field: (c.before, c.after) for c in edit.changes}
        assert fields["Telefon"] == ("41234567", "98765432")
        assert fields[_("Written standard")] == ("Bokmål", "Nynorsk")
        assert fields[_("Practical barriers")] == ("–", "Gjeld")
        assert fields[_("Health note")] == ("", _("(changed; not shown)"))  # never its text
        assert any(c.after == "OB" for e in entries for c in e.changes if c.field == "Veileder")
        handover = next(e for e in entries if e.what == _("{what} added").format(what=_("Counsellor")))
        assert (_("Handover note"), "", "Ring etter kl. 12") in {
            (c.field, c.before, c.after) for c in handover.changes
        }
        rec = record.read_record(s, youth_id, TODAY)
        assert (rec.veileder_initials, rec.assignments[0].handover_note) == ("OB", "Ring etter kl. 12")
    with db.session() as s, s.begin():  # with adressesperre, the trail does not show the address either
        youths.update_youth(s, actor, youth_id, rec.version, adressesperre=Adressesperre.STRENGT_FORTROLIG)
    with db.session() as s:
        shown = [c for e in record.history(s, youth_id) for c in e.changes if c.field == "Adresse"]
        assert shown and all("Storgata" not in c.before + c.after for c in shown)
        assert record.read_record(s, youth_id, TODAY).protected


def test_fodselsnummer_storage_is_the_offices_choice(office) -> None:
    db, actor = office
    with db.session() as s, s.begin():
        assert not record.office_stores_fodselsnummer(s)
        youth_id = youths.create_youth(
            s, actor, first_name="Ola", last_name="Nordmann", fodselsnummer="01010750160"
        )
        assert not record.fodselsnummer_in_use(s, "01010750160", except_id=youth_id)
        assert record.fodselsnummer_in_use(s, "01010750160")
        s.scalars(select(m.Office)).one().store_fodselsnummer = True
    with db.session() as s:
        assert record.office_stores_fodselsnummer(s)
        assert [c.code for c in record.choices(s, "outcome")][:2] == ["arbeid", "utdanning"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("41234567", "412 34 567"), ("+47 412 34 567", "412 34 567"), ("0047 98765432", "987 65 432"),
     ("22 33 44 55", "22 33 44 55"), ("(35) 06-12-34", "35 06 12 34")],
)  # fmt: skip
def test_norwegian_phone_numbers(text: str, expected: str) -> None:
    assert record.parse_phone(text) == expected


@pytest.mark.parametrize("text", ["1234567", "012345678", "4123456a", "+46 41234567", "412345678"])
def test_not_norwegian_phone_numbers(text: str) -> None:
    with pytest.raises(InvalidInput, match="412 34 567"):
        record.parse_phone(text)


def test_email_and_day_checks() -> None:
    assert record.check_email(" ase@example.no ") == "ase@example.no"
    for bad in ("ase@", "ase.example.no", "a b@c.no", "ase@example"):
        with pytest.raises(InvalidInput):
            record.check_email(bad)
    assert record.parse_day("7.3.2008", today=TODAY) == date(2008, 3, 7)
    assert record.parse_day("24.11.2026", today=TODAY) == TODAY
    for bad, message in (
        ("2008-03-07", _("Write the date as dd.mm.åååå, for example 07.03.2008.")),
        ("31.02.2008", _("There is no such date.")),
        ("25.11.2026", _("The date cannot be in the future.")),
        ("01.01.1890", _("The date is too far back.")),
    ):
        with pytest.raises(InvalidInput) as caught:
            record.parse_day(bad, today=TODAY)
        assert str(caught.value) == message
