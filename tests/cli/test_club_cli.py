"""The group printouts and the samlinger calendar from the command line, run as real processes:
the PDFs read back by text extraction and rendered to PNG, the .ics read back with icalendar."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from navdesk.domain.enums import Attendance
from tests.cli.helpers import navdesk

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def _ink(pdf: Path, tmp_path: Path) -> float:
    """Share of non-white pixels on page 1 rendered as PNG (a blank or broken page has ~none)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)  # fmt: skip
    [png] = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    counts = image.histogram()  # 256 grey levels
    return sum(counts[:200]) / sum(counts)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("club") / "demo.db"
    result = navdesk("demo", "--db", str(path), "--unencrypted", "--youths", "30")
    assert result.returncode == 0, result.stderr
    from navdesk.db.opening import open_database
    from navdesk.services import clubs

    db = open_database(path)
    try:
        with db.session() as s:
            [row] = clubs.club_rows(s)
            detail = clubs.club_detail(s, row.id)
    finally:
        db.close()
    return path, detail


def test_print_attendance_summary_per_participant(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, detail = demo
    out = tmp_path / "a.pdf"
    result = navdesk(
        "print", "attendance", str(detail.club.id)[:8], "--db", str(path), "--out", str(out), "--json"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["participants"] == len(detail.participants)
    assert "ikke kryptert" in result.stderr.lower()
    text = _text(out)
    assert text.count("Oppmøteoversikt") >= len(detail.participants)
    person = detail.participants[0]
    assert person.name in text and f"Oppmøteprosent: {round(100 * person.totals.rate)} %" in text
    assert f"Til stede: {person.totals.get(Attendance.TIL_STEDE)}" in text
    assert f"Side 1 av {len(detail.participants)}" in text and "Fortrolig" in text
    assert _ink(out, tmp_path) > 0.01
    one = tmp_path / "one.pdf"
    result = navdesk("print", "attendance", str(detail.club.id), "--youth", str(person.youth_id), "--db", str(path),
                     "--out", str(one))  # fmt: skip
    assert result.returncode == 0, result.stderr
    only = _text(one)
    assert person.name in only and detail.participants[1].name not in only


def test_print_session_plan_and_sign_in_sheet(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, detail = demo
    plan = tmp_path / "plan.pdf"
    result = navdesk("print", "session-plan", str(detail.club.id), "--db", str(path), "--out", str(plan))
    assert result.returncode == 0, result.stderr
    text = _text(plan)
    assert "Samlingsplan" in text and detail.club.name in text and "Privatøkonomi og budsjett" in text
    assert detail.club.place in text and _ink(plan, tmp_path) > 0.01
    samling = detail.sessions[-1]
    sheet = tmp_path / "sheet.pdf"
    result = navdesk(
        "print", "sign-in", str(samling.id), "--first-names", "--db", str(path), "--out", str(sheet)
    )
    assert result.returncode == 0, result.stderr
    text = _text(sheet)
    assert "Oppmøteliste" in text and "Signatur" in text
    active = detail.active()
    for p in active:
        assert p.first_name in text and p.last_name not in text  # first names only
    full = tmp_path / "full.pdf"
    navdesk("print", "sign-in", str(samling.id), "--db", str(path), "--out", str(full))
    assert all(p.name in _text(full) for p in active)
    bad = navdesk("print", "sign-in", "ffffffff", "--db", str(path), "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode == 1 and not (tmp_path / "x.pdf").exists()


def test_export_sessions_calendar(demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from icalendar import Calendar

    path, detail = demo
    out = tmp_path / "samlinger.ics"
    since = min(s.day for s in detail.sessions)
    result = navdesk("export", "ics", "--db", str(path), "--out", str(out), "--what", "sessions", "--today",
                     since.isoformat(), "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["count"] == len(detail.sessions)
    cal = Calendar.from_ical(out.read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    assert len(events) == len(detail.sessions)
    first = events[0]
    assert str(first["summary"]).startswith(detail.club.name) and str(first["location"]) == detail.club.place
    assert first["dtstart"].dt.tzinfo is not None and str(first["uid"]) == f"{detail.sessions[0].id}@navdesk"
    raw = out.read_text(encoding="utf-8")
    assert not any(p.last_name in raw for p in detail.participants)  # nobody named
    later = navdesk("export", "ics", "--db", str(path), "--out", str(out), "--what", "sessions", "--today",
                    date(2999, 1, 1).isoformat(), "--json")  # fmt: skip
    assert json.loads(later.stdout)["count"] == 0
