"""The meeting summary's read model on the three backends, and a PDF rendered from it."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from navdesk.db import models as m
from navdesk.documents.summary import DEFAULT_SECTIONS, SummaryOptions, render_summary
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput, NotFound
from navdesk.services import meetings, partners, youths
from navdesk.services.office import catalogue
from navdesk.services.summaries import NAV, OTHER, YOUTH, resolve_meeting, summary_data, user_label

START = datetime(2026, 11, 24, 10, 0, tzinfo=OSLO)
SAMI = "Đuottar"


def _meeting(s, actor, *, sperre="ingen", place="NAV-kontoret", channel="samtale", consent_until=None):  # type: ignore[no-untyped-def]
    """A held trekantsamtale: the youth, a veileder, an OT contact (consent), an employer (none)."""
    youth = youths.create_youth(
        s, actor, first_name=f"Ánne {SAMI}", last_name="Ŋuolja-Ŧoavvu", birth_date=date(2006, 5, 2),
        malform="nn", address="Hemmeligveien 12 B", postal_code="9520", adressesperre=sperre,
    )  # fmt: skip
    types, partner_types = catalogue(s, "meeting_type"), catalogue(s, "partner_type")
    ot = partners.add_partner(s, actor, name="Oppfølgingstjenesten Finnmark", type_id=partner_types["ot"])
    contact = partners.add_contact_person(s, actor, ot, name="Ængel Øvrebø-Åsheim", role="OT-rådgiver")
    partners.record_consent(
        s, actor, youth, partner_ids=[ot], purpose="Samarbeid om skole & arbeid", given_on=date(2026, 9, 1),
        expires_on=consent_until or date(2027, 3, 1),
    )  # fmt: skip
    meeting = meetings.create_meeting(
        s, actor, starts_at=START, youth_id=youth, type_id=types["trekantsamtale"], place=place, channel=channel,
        agenda="Status\nVeien videre",
    )  # fmt: skip
    meetings.add_participant(s, actor, meeting, kind="ungdom")
    meetings.add_participant(s, actor, meeting, kind="veileder", user_id=actor.user_id, role="Veileder")
    meetings.add_participant(s, actor, meeting, kind="partner", contact_person_id=contact)
    meetings.add_participant(s, actor, meeting, kind="arbeidsgiver", name="Per Hansen", organisation="Rema 1000",
                             role="Butikksjef")  # fmt: skip
    meetings.add_action(
        s, actor, meeting, what="Søke på tre jobber", who="Ungdommen", due_date=date(2026, 12, 1)
    )
    meetings.add_action(s, actor, meeting, what="Sende søknad om arbeidstrening", who="Kari",
                        who_user_id=actor.user_id, due_date=date(2026, 11, 27))  # fmt: skip
    meetings.add_action(s, actor, meeting, what="Sjekke skoleplass", who="OT", due_date=date(2026, 12, 10))
    meetings.add_action(s, actor, meeting, what="Ta med vitnemål", who=f"Ánne {SAMI}", due_date=None)
    row = s.get(m.Meeting, meeting)
    meetings.record_meeting(
        s, actor, meeting, row.version, status="gjennomfort", summary="Vi snakket om skolen & jobb.",
        decisions="Ánne starter arbeidstrening.", health_section="Sover dårlig; går til fastlege.",
    )  # fmt: skip
    nxt = meetings.create_meeting(s, actor, starts_at=START + timedelta(days=14), youth_id=youth,
                                  type_id=types["oppfolgingssamtale"], place=place, channel=channel,
                                  previous_id=meeting)  # fmt: skip
    return meeting, youth, nxt


def test_summary_data_reads_the_meeting(office) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, youth, _next = _meeting(s, actor)
    with db.session() as s:
        data = summary_data(s, meeting)
        assert user_label(s, actor.user_id) == "Kari Nordmann (KN)"
    assert data.office == "NAV Vinje" and data.type_nb == "Trekantsamtale" and data.type_label("nn")
    assert data.starts_at == START and data.starts_at.utcoffset() == timedelta(hours=1)
    assert data.place == "NAV-kontoret" and not data.place_withheld and data.status == "gjennomfort"
    assert data.youth is not None and data.youth.name == f"Ánne {SAMI} Ŋuolja-Ŧoavvu" and data.malform == "nn"
    assert data.youth_id == youth and data.organiser == "Kari Nordmann (KN)"
    people = {p.kind: p for p in data.participants}
    assert [p.kind for p in data.participants] == ["ungdom", "veileder", "partner", "arbeidsgiver"]
    assert people["ungdom"].name == data.youth.name and not people["ungdom"].external
    assert people["veileder"].name == "Kari Nordmann" and people["veileder"].organisation == "NAV Vinje"
    ot = people["partner"]  # name, organisation and role come from the contact person
    assert (ot.name, ot.organisation, ot.role, ot.external) == (
        "Ængel Øvrebø-Åsheim", "Oppfølgingstjenesten Finnmark", "OT-rådgiver", True)  # fmt: skip
    assert ot.consent is not None and ot.consent.purpose == "Samarbeid om skole & arbeid"
    assert ot.consent.expires_on == date(2027, 3, 1) and ot.consent_state == "gyldig"
    employer = people["arbeidsgiver"]
    assert employer.external and employer.consent is None and employer.consent_state is None
    assert data.missing_consent == (employer,)
    assert [(a.what, a.responsible) for a in data.actions] == [
        ("Sende søknad om arbeidstrening", NAV), ("Søke på tre jobber", YOUTH), ("Sjekke skoleplass", OTHER),
        ("Ta med vitnemål", YOUTH)]  # fmt: skip
    assert data.agenda == "Status\nVeien videre" and data.decisions == "Ánne starter arbeidstrening."
    assert data.next_meeting is not None and data.next_meeting.starts_at == START + timedelta(days=14)
    assert data.next_meeting.type_nb == "Oppfølgingssamtale"


def test_sensitive_notes_are_not_even_read_unless_asked(office) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, _youth, _next = _meeting(s, actor)
    statements: list[str] = []

    def spy(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        with db.session() as s:
            data = summary_data(s, meeting)
        assert statements and not [q for q in statements if "health_section" in q]
        assert data.sensitive is None
        with db.session() as s:
            chosen = summary_data(s, meeting, include_sensitive=True, actor=actor)
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    assert chosen.sensitive == "Sover dårlig; går til fastlege."


@pytest.mark.parametrize("sperre", ["fortrolig", "strengt_fortrolig"])
def test_a_protected_address_never_reaches_the_summary(office, sperre, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        home, _youth, _n = _meeting(
            s, actor, sperre=sperre, place="Hemmeligveien 12 B", channel="hjemmebesok"
        )
        street = meetings.create_meeting(s, actor, starts_at=START, youth_id=_youth, place="Kafé i hemmeligveien",
                                         channel="oppsokende")  # fmt: skip
        code = meetings.create_meeting(s, actor, starts_at=START, youth_id=_youth, place="Postboks 9520")
        office_place = meetings.create_meeting(
            s, actor, starts_at=START, youth_id=_youth, place="NAV-kontoret"
        )
    with db.session() as s:
        data = {mid: summary_data(s, mid) for mid in (home, street, code, office_place)}
    for mid in (home, street, code):
        assert data[mid].place == "" and data[mid].place_withheld
        assert "emmeligveien" not in repr(data[mid]) and "9520" not in repr(data[mid])
    assert data[home].next_meeting is not None and data[home].next_meeting.place == ""
    assert data[office_place].place == "NAV-kontoret"
    assert data[home].youth is not None and data[home].youth.protected
    if shutil.which("pdftotext"):
        for variant in ("full", "youth"):
            pdf = render_summary(
                data[home], SummaryOptions(variant=variant, sections=DEFAULT_SECTIONS | {"sensitive"})
            )
            (tmp_path / "p.pdf").write_bytes(pdf)
            text = subprocess.run(
                ["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True
            ).stdout
            assert "emmeligveien" not in text and "9520" not in text
            assert "Ŋuolja-Ŧoavvu" in text


def test_without_protection_the_place_prints_as_written(office) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, _y, _n = _meeting(s, actor, place="Hemmeligveien 12 B", channel="hjemmebesok")
    with db.session() as s:
        data = summary_data(s, meeting)
    assert data.place == "Hemmeligveien 12 B" and data.channel == "hjemmebesok" and not data.place_withheld


def test_an_expired_consent_is_no_basis(office) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, youth, _n = _meeting(s, actor, consent_until=date(2026, 11, 1))
        rema = partners.add_partner(s, actor, name="REMA 1000")  # the employer registered as a partner
        partners.record_consent(
            s, actor, youth, partner_ids=[rema], purpose="Arbeidstrening", given_on=date(2026, 10, 1)
        )  # fmt: skip  (an adult: no guardian consents for them)
    with db.session() as s:
        data = summary_data(s, meeting)
    ot = next(p for p in data.participants if p.kind == "partner")
    assert ot.consent is None and ot.consent_state == "utlopt" and ot.lacks_consent
    employer = next(p for p in data.participants if p.kind == "arbeidsgiver")  # matched by name, any case
    assert (
        employer.consent is not None
        and not employer.consent.by_guardian
        and employer.consent.expires_on is None
    )
    assert data.missing_consent == (ot,)


def test_next_meeting_falls_back_to_the_youths_next_planned_one(office) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, youth, nxt = _meeting(s, actor)
        row = s.get(m.Meeting, nxt)
        meetings.record_meeting(s, actor, nxt, row.version, status="avlyst", reason="Syk")
        later = meetings.create_meeting(s, actor, starts_at=START + timedelta(days=30), youth_id=youth, place="Video",
                                        channel="video")  # fmt: skip
        lonely = meetings.create_meeting(s, actor, starts_at=START)  # no youth, nothing after it
    with db.session() as s:
        data = summary_data(s, meeting)
        alone = summary_data(s, lonely)
    assert data.next_meeting is not None and data.next_meeting.starts_at == START + timedelta(days=30)
    assert data.next_meeting.channel == "video" and later
    assert alone.next_meeting is None and alone.youth is None and alone.malform == "nb"
    assert alone.participants == () and alone.actions == ()


def test_unknown_meetings_and_id_prefixes(office) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, _y, _n = _meeting(s, actor)
    with db.session() as s:
        assert resolve_meeting(s, str(meeting)[:8]) == meeting
        assert resolve_meeting(s, str(meeting).replace("-", "").upper()) == meeting
        assert resolve_meeting(s, meeting) == meeting
        with pytest.raises(NotFound):
            summary_data(s, uuid.uuid4())
        with pytest.raises(NotFound):
            resolve_meeting(s, uuid.uuid4())
        with pytest.raises(InvalidInput):
            resolve_meeting(s, "møte")


def test_pdf_from_the_database(office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, actor = office
    with db.session() as s, s.begin():
        meeting, _y, _n = _meeting(s, actor)
    with db.session() as s:
        data = summary_data(s, meeting)
    pdf = render_summary(data, SummaryOptions(printed_by="Kari Nordmann (KN)", printed_on=date(2026, 11, 24)))
    assert (
        pdf.startswith(b"%PDF") and render_summary(data, SummaryOptions(printed_on=date(2026, 11, 24))) != pdf
    )
    if shutil.which("pdftotext"):
        (tmp_path / "d.pdf").write_bytes(pdf)
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "d.pdf"), "-"], capture_output=True, text=True
        ).stdout
        for expected in ("Ánne Đuottar Ŋuolja-Ŧoavvu", "Ængel Øvrebø-Åsheim", "Per Hansen", "Søke på tre jobber",
                         "Vi snakket om skolen & jobb.", "tysdag 24.11.2026"):  # fmt: skip
            assert expected in text, expected
        assert "fastlege" not in text
