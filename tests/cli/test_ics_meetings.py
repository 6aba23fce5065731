"""``navdesk export ics --what meetings``: Europe/Oslo with its VTIMEZONE, stable UIDs, initials only, no home."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from navdesk.domain.text import OSLO
from tests.cli.helpers import navdesk


@pytest.fixture(scope="module")
def office_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    """Meetings either side of the 2026 change to summer time (29 March), a home visit, a protected youth."""
    from navdesk.db import models as m
    from navdesk.db.opening import create_database
    from navdesk.services import meetings, youths
    from navdesk.services.office import catalogue, create_office

    path = tmp_path_factory.mktemp("ics") / "office.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        actor = create_office(s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann",
                              admin_initials="KN", password="passord123")  # fmt: skip
        types = catalogue(s, "meeting_type")
        anne = youths.create_youth(s, actor, first_name="Ánne", last_name="Đuottar-Ŋuolja", birth_date=date(2006, 5, 2),
                                   address="Solbakken 4", postal_code="3890")  # fmt: skip
        hidden = youths.create_youth(s, actor, first_name="Siri", last_name="Skjult", birth_date=date(2005, 1, 9),
                                     address="Hemmeligveien 12", adressesperre="strengt_fortrolig")  # fmt: skip
        ids = {
            "winter": meetings.create_meeting(s, actor, starts_at=datetime(2026, 3, 26, 10, tzinfo=OSLO), youth_id=anne,
                                              type_id=types["kartleggingssamtale"], place="NAV-kontoret"),
            "summer": meetings.create_meeting(s, actor, starts_at=datetime(2026, 3, 30, 10, tzinfo=OSLO), youth_id=anne,
                                              type_id=types["oppfolgingssamtale"], duration_min=45,
                                              place="Solbakken 4, 3890 Vinje", channel="hjemmebesok"),
            "at_home": meetings.create_meeting(s, actor, starts_at=datetime(2026, 4, 2, 9, tzinfo=OSLO), youth_id=anne,
                                               place="Hjemme i Solbakken 4", channel="samtale"),
            "protected": meetings.create_meeting(s, actor, starts_at=datetime(2026, 4, 8, 13, tzinfo=OSLO),
                                                 youth_id=hidden, type_id=types["trekantsamtale"], place="Kafé Sentrum"),
            "cancelled": meetings.create_meeting(s, actor, starts_at=datetime(2026, 4, 9, 13, tzinfo=OSLO),
                                                 youth_id=anne, place="NAV-kontoret"),
            "past": meetings.create_meeting(s, actor, starts_at=datetime(2026, 2, 2, 9, tzinfo=OSLO), youth_id=anne),
        }  # fmt: skip
        row = s.get(m.Meeting, ids["cancelled"])
        assert row is not None
        meetings.record_meeting(s, actor, ids["cancelled"], row.version, status="avlyst", reason="Sjuk")
    db.close()
    return path, ids


def _export(path: Path, out: Path, *extra: str) -> Calendar:
    result = navdesk("export", "ics", "--db", str(path), "--out", str(out), "--what", "meetings",
                     "--today", "2026-03-01", *extra)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stderr or "IKKE" in result.stderr
    return Calendar.from_ical(out.read_bytes())


def _events(cal: Calendar) -> dict[str, object]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_meetings_as_ics_in_oslo_time_across_summer_time(office_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, ids = office_db
    cal = _export(path, tmp_path / "m.ics")
    zones = cal.walk("VTIMEZONE")
    assert [str(z["tzid"]) for z in zones] == ["Europe/Oslo"]
    events = _events(cal)
    assert set(events) == {
        f"{ids[k]}@navdesk" for k in ("winter", "summer", "at_home", "protected", "cancelled")
    }
    winter, summer = events[f"{ids['winter']}@navdesk"], events[f"{ids['summer']}@navdesk"]
    for event in (winter, summer):
        start = event["dtstart"].dt  # type: ignore[index]
        assert (start.hour, start.minute) == (10, 0) and str(start.tzinfo) == "Europe/Oslo"
        assert event["dtstart"].params["TZID"] == "Europe/Oslo"  # type: ignore[index]
    assert winter["dtstart"].dt.utcoffset() == timedelta(hours=1)  # type: ignore[index]
    assert summer["dtstart"].dt.utcoffset() == timedelta(hours=2)  # type: ignore[index]
    assert winter["dtstart"].dt.astimezone(OSLO).hour == 10  # type: ignore[index]
    assert summer["dtend"].dt - summer["dtstart"].dt == timedelta(minutes=45)  # type: ignore[index]
    # the title: the meeting type and the youth's initials, never the name
    assert str(winter["summary"]) == "Kartleggingssamtale – ÁĐŊ"  # type: ignore[index]
    raw = (tmp_path / "m.ics").read_bytes().decode()
    for name in ("Ánne", "Đuottar", "Ŋuolja", "Siri", "Skjult"):
        assert name not in raw
    # no home as the place: a home visit shows the channel; a protected youth never shows the place
    from navdesk.domain.enums import ContactChannel

    assert str(winter["location"]) == "NAV-kontoret"  # type: ignore[index]
    assert str(summer["location"]) == ContactChannel.HJEMMEBESOK.label  # type: ignore[index]
    assert str(events[f"{ids['at_home']}@navdesk"]["location"]) == ContactChannel.SAMTALE.label  # type: ignore[index]
    assert str(events[f"{ids['protected']}@navdesk"]["location"]) == ContactChannel.SAMTALE.label  # type: ignore[index]
    for clue in ("Solbakken", "3890", "Hemmeligveien", "Kafé Sentrum"):
        assert clue not in raw
    assert str(events[f"{ids['cancelled']}@navdesk"]["status"]) == "CANCELLED"  # type: ignore[index]


def test_uids_are_stable_so_a_reimport_updates(office_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ids = office_db
    first = _events(_export(path, tmp_path / "a.ics"))
    second = _events(_export(path, tmp_path / "b.ics", "--json"))
    assert list(first) == list(second)
    for uid, event in first.items():
        assert event["sequence"] == second[uid]["sequence"]  # type: ignore[index]
        assert event["dtstart"].dt == second[uid]["dtstart"].dt  # type: ignore[index]


def test_json_output_and_audit(office_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _ids = office_db
    out = tmp_path / "c.ics"
    result = navdesk("export", "ics", "--db", str(path), "--out", str(out), "--what", "meetings", "--today",
                     "2026-04-01", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"out": str(out), "format": "ics", "count": 3, "encrypted": False}
    assert not out.with_name("c.ics.part").exists()
    from navdesk.db.opening import open_database
    from navdesk.services import audit

    db = open_database(path)
    try:
        with db.session() as s:
            exports = [e for e in audit.events(s) if e["action"] == "export" and e["entity"] == "meeting"]
    finally:
        db.close()
    assert exports and exports[0]["source"] == "cli"
