"""``navdesk print plan YOUTH_ID`` end to end in a subprocess: the PDF, the audit event, the refusals,
and a youth with adressesperre whose address never reaches the paper."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from tests.cli.helpers import navdesk

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def office_db(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A small office with one youth in hiding (strengt fortrolig adresse) who has a plan."""
    from navdesk.db.opening import create_database
    from navdesk.services import followup, plans, youths
    from navdesk.services.office import create_office

    path = tmp_path_factory.mktemp("plan") / "office.db"
    db, _mode = create_database(path, unencrypted=True)
    try:
        with db.session() as s, s.begin():
            actor = create_office(s, office_name="NAV Vågå", municipality="Vågå", admin_name="Kari Nordmann",
                                  admin_initials="KN", password="passord123")  # fmt: skip
            yid = youths.create_youth(s, actor, first_name="Åshild", last_name="Ødegård", birth_date=date(2006, 2, 3),
                                      address="Skjultveien 13", postal_code="2680", municipality="Vågå",
                                      adressesperre="strengt_fortrolig", malform="nn")  # fmt: skip
            pid = followup.open_period(s, actor, yid, registration_date=date(2026, 10, 1))
            plans.save_plan(s, actor, pid, reason="Laga saman", dream="Bli elektrikar", own_goal="Læreplass")
            plans.add_activity(s, actor, yid, type="jobbsoking", title="Søkje læreplassar & sommarjobb",
                               applications_per_week=3)  # fmt: skip
    finally:
        db.close()
    return path, yid


def test_print_plan_in_the_youths_malform_without_the_protected_address(office_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, yid = office_db
    out = tmp_path / "plan.pdf"
    result = navdesk("print", "plan", yid.hex[:8], "--db", str(path), "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["lang"] == "nn" and info["activities"] == 1 and info["encrypted"] is False
    assert (
        "IKKE kryptert" in result.stderr
    )  # the messages are in the user's language, the plan in the youth's
    text = _text(out)
    assert (
        "Aktivitetsplanen min" in text
        and "Åshild Ødegård" in text
        and "Søkje læreplassar & sommarjobb" in text
    )
    assert "Skjultveien" not in text and "2680" not in text

    large = tmp_path / "stor.pdf"
    result = navdesk(
        "print", "plan", yid.hex, "--db", str(path), "--out", str(large), "--large", "--lang", "nb"
    )
    assert result.returncode == 0, result.stderr
    assert "Min aktivitetsplan" in _text(large)

    from navdesk.db.opening import open_database
    from navdesk.services.audit import events

    db = open_database(path)
    try:
        with db.session() as s:
            latest = events(s, limit=2)
    finally:
        db.close()
    assert [e["action"] for e in latest] == ["print", "print"] and latest[0]["source"] == "cli"


def test_print_plan_refuses_an_unknown_youth(office_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, _yid = office_db
    result = navdesk("print", "plan", "ffffffff", "--db", str(path), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1 and "ffffffff" in result.stderr
    assert not (tmp_path / "x.pdf").exists()
