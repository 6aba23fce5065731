"""``navdesk retention`` and ``navdesk export innsyn`` end to end in a subprocess: the dry run changes
nothing, the deletion leaves no trace in the file and a receipt in the audit log, the innsyn PDF reads
back in the youth's målform with the access log, the JSON holds every table, and both are audited."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import navdesk
from tests.retentiondata import FIRST, FNR, KEPT_FIRST, LAST, MARKERS, build


def _raw(path: Path) -> bytes:
    """The file and its WAL, as they are on disk."""
    wal = Path(str(path) + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


PASS = {"NAVDESK_PASSPHRASE": "en lang og hemmeleg passordfrase"}


def _office(path: Path, *, encrypted: bool = False) -> Any:
    from navdesk.db.keys import Secret
    from navdesk.db.opening import create_database

    secret = Secret(PASS["NAVDESK_PASSPHRASE"], raw=False) if encrypted else None
    db, _mode = create_database(path, unencrypted=not encrypted, secret=secret)
    try:
        with db.session() as s, s.begin():
            return build(s)
    finally:
        db.close()


def _events(path: Path, env: dict[str, str] | None = None) -> list[dict[str, Any]]:
    import os

    from navdesk.db.opening import open_database
    from navdesk.services.audit import events

    old = os.environ.get("NAVDESK_PASSPHRASE")
    if env:
        os.environ.update(env)
    try:
        db = open_database(path)
        try:
            with db.session() as s:
                return events(s)
        finally:
            db.close()
    finally:
        if env:
            if old is None:
                os.environ.pop("NAVDESK_PASSPHRASE", None)
            else:
                os.environ["NAVDESK_PASSPHRASE"] = old


def test_dry_run_lists_and_changes_nothing_then_delete(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    data = _office(path)
    dry = navdesk("retention", "--db", str(path), "--dry-run", "--json", "--today", "2026-12-04")
    assert dry.returncode == 0, dry.stderr
    plan = json.loads(dry.stdout)
    assert plan["dry_run"] is True and plan["retention_days"] == 365 and plan["cutoff"] == "2025-12-04"
    assert [y["name"] for y in plan["youths"]] == [f"{FIRST} {LAST}"] and plan["rows"]["meeting"] == 1
    text = navdesk("retention", "--db", str(path), "--dry-run", "--today", "2026-12-04")
    assert "Oppbevaringstid: 365 dager" in text.stdout and FIRST in text.stdout, text.stdout
    assert FIRST.encode() in _raw(path)

    done = navdesk("retention", "--db", str(path), "--json", "--today", "2026-12-04", "--user", "KN")
    assert done.returncode == 0, done.stderr
    receipt = json.loads(done.stdout)
    assert (
        receipt["youths"] == 1 and receipt["backups_hold_until"] == "2027-01-03" and receipt["vacuum"] is True
    )
    raw = _raw(path)
    for marker in MARKERS:
        assert marker not in raw
    assert KEPT_FIRST.encode() in raw
    last = _events(path)[0]
    assert last["action"] == "retention_delete" and last["user"] == "KN" and last["youth_id"] is None
    again = navdesk("retention", "--db", str(path), "--today", "2026-12-04")
    assert again.returncode == 0 and "Ingen ungdom" in again.stdout, again.stdout
    assert data.gone is not None


def test_refusals_and_the_setting(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    data = _office(path)
    wrong = navdesk("retention", "--db", str(path), "--youth", data.kept.hex[:8], "--today", "2026-12-04")
    assert wrong.returncode == 1 and "oppbevaringstiden" in wrong.stderr, wrong.stderr
    too_short = navdesk("retention", "--db", str(path), "--set-days", "3")
    assert too_short.returncode == 1 and "mellom 30 og" in too_short.stderr, too_short.stderr
    longer = navdesk("retention", "--db", str(path), "--set-days", "1000", "--json", "--today", "2026-12-04")
    assert longer.returncode == 0 and json.loads(longer.stdout)["youths"] == [], longer.stderr
    # --set-days only lists: the youth is still there
    assert FIRST.encode() in _raw(path)


def test_anonymise_on_sqlcipher(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    _office(path, encrypted=True)
    done = navdesk("retention", "--db", str(path), "--anonymise", "--json", "--today", "2026-12-04", env=PASS)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["action"] == "anonymise"
    assert _events(path, PASS)[0]["action"] == "retention_anonymise"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_export_innsyn_pdf_and_json(tmp_path: Path) -> None:
    path = tmp_path / "office.db"
    data = _office(path)
    pdf = tmp_path / "innsyn.pdf"
    result = navdesk("export", "innsyn", data.gone.hex[:8], "--db", str(path), "--out", str(pdf), "--json")
    assert result.returncode == 0, result.stderr
    info = json.loads(result.stdout)
    assert info["lang"] == "nn" and info["encrypted"] is False and "IKKE kryptert" in result.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Alt NavDesk har lagra om deg" in flat  # nynorsk: the youth's målform
    for expected in (FIRST, LAST, FNR, "Helse: Zorgunnia har angst", "Snakka med", "Oppfølgingstenesta",
                     "Samarbeid om Zorgunnia", "Jobbklubb vår 2024", "Ring Zorgunnia", "Kari Nordmann",
                     "opna journalen", "Side 1 av"):  # fmt: skip
        assert expected in flat, expected
    out = tmp_path / "innsyn.json"
    result = navdesk("export", "innsyn", str(data.gone), "--db", str(path), "--out", str(out))
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["data"]["youth"][0]["fodselsnummer"] == FNR
    assert {"follow_up_period", "contact", "meeting", "meeting_participant", "consent", "task", "club_enrolment",
            "involvement", "plan", "activity"} <= {t for t, rows in doc["data"].items() if rows}  # fmt: skip
    assert any(a["action"] == "read" and a["user"] == "KN" for a in doc["access_log"])
    exports = [e for e in _events(path) if e["action"] == "export" and e["entity"] == "innsyn"]
    assert len(exports) == 2 and all(e["youth_id"] == str(data.gone) for e in exports)
    missing = navdesk("export", "innsyn", "--db", str(path), "--out", str(out))
    assert missing.returncode == 1 and "YOUTH_ID" in missing.stderr
