"""The office's printouts in nynorsk hold no bokmål: the report and the group's three sheets (session
plan, sign-in sheet, attendance summary), made the way the screens make them, over the demo office,
while the screen is in bokmål. The same printouts in bokmål trip the rules (the scan sees the text)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.nynorsk import bokmal_words

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

DAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    database, _mode = create_database(tmp_path_factory.mktemp("printouts") / "demo.db", unencrypted=True)
    with database.session() as s, s.begin():
        build_demo(s, youths=40, seed=1, today=DAY)
    yield database
    database.close()


def _text(pdf: bytes, path: Path) -> str:
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def _printouts(demo: Any, lang: str, tmp_path: Path) -> dict[str, str]:
    from navdesk.documents.report import ReportOptions, render_report
    from navdesk.services import clubs
    from navdesk.services.context import actor_for
    from navdesk.services.reports import ReportParams, build_report

    out: dict[str, str] = {}
    with demo.session() as s, s.begin():
        actor = actor_for(s)
        report = build_report(s, ReportParams(date(2026, 1, 1), DAY, lang=lang, today=DAY))
        out["report"] = _text(render_report(report, ReportOptions(printed_by="KN", printed_on=DAY)),
                              tmp_path / f"report-{lang}.pdf")  # fmt: skip
        club = clubs.club_rows(s, DAY)[0]
        first = clubs.club_detail(s, club.id, lang).sessions[0]
        for what in clubs.PRINTOUTS:
            pdf, _people = clubs.printout(s, actor, club.id, what, session_id=first.id, lang=lang)
            out[what] = _text(pdf, tmp_path / f"{what}-{lang}.pdf")
    return out


def test_the_office_printouts_in_nynorsk_have_no_bokmal(demo: Any, tmp_path: Path) -> None:
    printouts = _printouts(demo, "nn", tmp_path)
    assert "Side 1 av" in printouts["report"] and "Jobbklubb" in printouts["session-plan"]
    found = {name: bokmal_words(text) for name, text in printouts.items()}
    assert not any(found.values()), f"bokmål in nynorsk printouts: { {k: v for k, v in found.items() if v} }"


def test_the_same_printouts_in_bokmal_trip_the_rules(demo: Any, tmp_path: Path) -> None:
    printouts = _printouts(demo, "nb", tmp_path)
    assert bokmal_words(printouts["report"]) and bokmal_words(printouts["attendance"])
