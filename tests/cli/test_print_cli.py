"""``navdesk print summary``: the møtereferat from the command line, run as a real process."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest

from navdesk.i18n import translation
from tests.cli.helpers import navdesk

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
NN_DAYS = (
    "måndag",
    "tysdag",
    "onsdag",
    "torsdag",
    "fredag",
    "laurdag",
    "søndag",
)  # CLDR nn: søndag (also nynorsk)


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("print") / "demo.db"
    result = navdesk("demo", "--db", str(path), "--unencrypted", "--youths", "30")
    assert result.returncode == 0, result.stderr
    return path


def _held_meeting(db: Path) -> dict[str, str]:
    listed = navdesk("list", "meetings", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    return next(m for m in json.loads(listed.stdout) if m["status"] == "gjennomfort" and m["youth"])


def test_print_summary_writes_a_pdf_and_is_audited(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    meeting = _held_meeting(demo_db)
    out = tmp_path / "referat.pdf"
    result = navdesk(
        "print", "summary", meeting["id"][:8], "--db", str(demo_db), "--out", str(out), "--user", "OB"
    )
    assert result.returncode == 0, result.stderr
    assert "ikke kryptert" in result.stderr.lower()
    assert out.read_bytes().startswith(b"%PDF") and not (tmp_path / "referat.pdf.part").exists()
    text = _text(out)
    assert meeting["youth"] in text and "Sende CV til veileder" in text and "Kari Nordmann" in text
    assert "Ola Bø (OB)" in text  # printed by the acting user

    from navdesk.db.opening import open_database
    from navdesk.services.audit import events

    db = open_database(demo_db)
    try:
        with db.session() as s:
            latest = events(s, limit=1)[0]
    finally:
        db.close()
    assert latest["action"] == "print" and latest["user"] == "OB" and latest["source"] == "cli"


def test_youth_variant_in_nynorsk_as_json(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    meeting = _held_meeting(demo_db)
    out = tmp_path / "ungdom.pdf"
    result = navdesk("print", "summary", meeting["id"], "--db", str(demo_db), "--out", str(out), "--variant",
                     "youth", "--lang", "nn", "--signatures", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["variant"] == "youth" and answer["lang"] == "nn" and answer["encrypted"] is False
    text = _text(out)
    assert any(day in text for day in NN_DAYS)
    assert translation("nn").gettext("What you will do") in text and "Sende CV til veileder" in text
    assert text.count(translation("nn").gettext("Date and signature")) == 2


def test_unknown_meeting_is_refused(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.pdf"
    result = navdesk("print", "summary", "abcdef0123", "--db", str(demo_db), "--out", str(out))
    assert result.returncode == 1 and "abcdef0123" in result.stderr
    assert not out.exists()
    assert navdesk("print", "summary", "--db", str(demo_db)).returncode == 2  # no id, no --out: usage
    missing_dir = navdesk("print", "summary", _held_meeting(demo_db)["id"], "--db", str(demo_db), "--out",
                          str(tmp_path / "finnes-ikke" / "s.pdf"))  # fmt: skip
    assert missing_dir.returncode == 1 and "Traceback" not in missing_dir.stderr


def test_sensitive_notes_only_when_asked_and_missing_consent_warned(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from navdesk.db import models as m
    from navdesk.db.opening import create_database
    from navdesk.domain.text import OSLO
    from navdesk.services import meetings, youths
    from navdesk.services.office import create_office

    path = tmp_path / "s.db"
    db, _mode = create_database(path, unencrypted=True)
    with db.session() as s, s.begin():
        actor = create_office(s, office_name="NAV Karasjok", municipality="Karasjok", admin_name="Kari Nordmann",
                              admin_initials="KN", password="passord123")  # fmt: skip
        youth = youths.create_youth(s, actor, first_name="Ŋunni", last_name="Đuolbmá", birth_date=date(2004, 1, 9),
                                    address="Skjultveien 3", adressesperre="strengt_fortrolig")  # fmt: skip
        meeting = meetings.create_meeting(s, actor, starts_at=datetime(2026, 11, 24, 9, tzinfo=OSLO), youth_id=youth,
                                          place="Skjultveien 3", channel="hjemmebesok")  # fmt: skip
        meetings.add_participant(
            s, actor, meeting, kind="arbeidsgiver", name="Per Hansen", organisation="Rema"
        )
        row = s.get(m.Meeting, meeting)
        meetings.record_meeting(s, actor, meeting, row.version, status="gjennomfort", summary="Bra møte & fin prat.",
                                health_section="Går til fastlege.")  # fmt: skip
    db.close()
    plain, sensitive = tmp_path / "a.pdf", tmp_path / "b.pdf"
    # the sharing guard: no consent covers the employer, so the print needs a reason
    refused = navdesk("print", "summary", str(meeting), "--db", str(path), "--out", str(plain))
    assert refused.returncode == 1 and "Per Hansen" in refused.stderr and not plain.exists()
    youth_copy = navdesk(
        "print", "summary", str(meeting), "--db", str(path), "--out", str(plain), "--variant", "youth"
    )
    assert youth_copy.returncode == 0, youth_copy.stderr  # the youth's own copy shares with nobody else
    first = navdesk("print", "summary", str(meeting), "--db", str(path), "--out", str(plain), "--reason",
                    "Arbeidsgiver var med; samtykke gitt muntlig i møtet, skrives inn i morgen")  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Per Hansen" in first.stderr  # warned all the same
    second = navdesk("print", "summary", str(meeting), "--db", str(path), "--out", str(sensitive),
                     "--include-sensitive", "--reason", "Samme møte")  # fmt: skip
    assert second.returncode == 0, second.stderr
    plain_text, sensitive_text = _text(plain), _text(sensitive)
    assert "Bra møte & fin prat." in plain_text and "Ŋunni Đuolbmá" in plain_text
    assert "fastlege" not in plain_text and "Går til fastlege." in sensitive_text
    assert "Skjultveien" not in plain_text + sensitive_text
    from navdesk.db.opening import open_database
    from navdesk.services import audit

    opened = open_database(str(path))
    with opened.session() as s:
        reasons = [e for e in audit.events(s) if e["action"] == "share_without_consent"]
        assert len(reasons) == 2 and all(
            e["entity_id"] == str(meeting) and e["source"] == "cli" for e in reasons
        )
    opened.close()
