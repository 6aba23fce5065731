"""Nynorsk over a real office (the demo, plain SQLite): editable catalogues (partner types, meeting types,
tiltak) speak the screen's language, a printed plan names the tiltak in the youth's målform, the nynorsk
default labels are real nynorsk, and the office's printouts in nynorsk (the report and the group's three
sheets, made the way the screens make them while the screen is in bokmål) hold no bokmål; the same
printouts in bokmål trip the rules, so the scan is known to see the text."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from navdesk.db.models import Activity, CatalogueEntry
from navdesk.domain import catalogues
from navdesk.i18n import set_language
from navdesk.services.labels import catalogue_label
from tests.nynorsk import bokmal_words

DAY = date(2026, 11, 24)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    database, _mode = create_database(tmp_path_factory.mktemp("labels") / "demo.db", unencrypted=True)
    with database.session() as s, s.begin():
        build_demo(s, youths=40, seed=1, today=DAY)
    yield database
    database.close()


@pytest.fixture
def nynorsk_screen() -> Iterator[None]:
    set_language("nn")
    yield
    set_language("nb")


def _labels(session: Any, kind: str) -> dict[str, tuple[str, str]]:
    return {e.label_nb: (e.label_nb, e.label_nn) for e in session.scalars(select(CatalogueEntry).where(
        CatalogueEntry.kind == kind))}  # fmt: skip


def test_the_label_follows_the_language() -> None:
    assert catalogue_label("Videregående skole", "Vidaregåande skule", "nn") == "Vidaregåande skule"
    assert catalogue_label("Videregående skole", "Vidaregåande skule", "nb") == "Videregående skole"
    assert catalogue_label("Kontorets eget kurs", "", "nn") == "Kontorets eget kurs"  # no nynorsk given
    assert catalogue_label(None, None, "nb") == ""


def test_default_nynorsk_labels_are_nynorsk() -> None:
    found = []
    for name in ("TILTAK", "MEETING_TYPES", "PARTNER_TYPES", "YTELSER", "OUTCOMES", "CLUB_TOPICS",
                 "CONTACT_TOPICS", "PLAN_TEMPLATES"):  # fmt: skip
        for code, _nb, nn, _attrs in getattr(catalogues, name):
            words = bokmal_words(nn)
            if words:
                found.append((name, code, nn, words))
    assert not found, f"bokmål in the nynorsk default labels: {found}"


def test_partner_and_meeting_screens_in_nynorsk(demo: Any, nynorsk_screen: None) -> None:
    from navdesk.services.meetings import meeting_rows
    from navdesk.services.partners import directory, partner_types

    with demo.session() as s:
        partner_nn = {nn for _nb, nn in _labels(s, "partner_type").values()}
        types = [label for _code, _id, label in partner_types(s)]
        assert "Vidaregåande skule" in types and "Videregående skole" not in types
        assert set(types) <= partner_nn
        rows = directory(s, DAY)
        assert rows and all(r.type_label in partner_nn for r in rows if r.type_label)
        assert any(r.type_label == "Vidaregåande skule" for r in rows)
        meeting_nn = {nn for _nb, nn in _labels(s, "meeting_type").values()}
        titles = [r.title for r in meeting_rows(s)]
        assert titles and not any(t.startswith("Arbeidsgivermøte") for t in titles)
        assert any(t.split(" –")[0] in meeting_nn for t in titles)
        assert partner_types(s, "nb")[1][2] == "Videregående skole"  # a printout may ask for its own language


@needs_poppler
def test_a_printed_plan_names_the_tiltak_in_the_youths_malform(demo: Any, tmp_path: Path) -> None:
    from navdesk.documents.plan import PlanOptions, render_plan
    from navdesk.services.plan_view import read_plan

    with demo.session() as s, s.begin():  # a demo activity in an open plan becomes an AMO course
        amo = s.scalar(
            select(CatalogueEntry).where(CatalogueEntry.kind == "tiltak", CatalogueEntry.code == "amo")
        )
        activity = s.scalars(
            select(Activity)
            .where(Activity.period_id.is_not(None), Activity.meeting_id.is_(None))
            .order_by(Activity.id)
        ).first()
        assert amo is not None and activity is not None
        activity.tiltak_id = amo.id  # test set-up straight in the table (no UI path to audit here)
        activity_id, youth_id, period_id = activity.id, activity.youth_id, activity.period_id
    with demo.session() as s:
        plan = read_plan(s, youth_id, DAY, period_id=period_id)
    view = next(a for a in plan.activities if a.id == activity_id)
    assert (view.tiltak, view.tiltak_nb, view.tiltak_nn) == (
        "Arbeidsmarkedsopplæring (AMO)", "Arbeidsmarkedsopplæring (AMO)", "Arbeidsmarknadsopplæring (AMO)")  # fmt: skip
    for lang, shown, hidden in (("nn", "Arbeidsmarknadsopplæring", "Arbeidsmarkedsopplæring"),
                                ("nb", "Arbeidsmarkedsopplæring", "Arbeidsmarknadsopplæring")):  # fmt: skip
        pdf = render_plan(dataclasses.replace(plan, malform=lang), PlanOptions(printed_on=DAY))
        text = _text(pdf, tmp_path / f"plan-{lang}.pdf")
        flat = " ".join(text.split())
        assert shown in flat and hidden not in flat


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


@needs_poppler
def test_the_office_printouts_in_nynorsk_have_no_bokmal(demo: Any, tmp_path: Path) -> None:
    printouts = _printouts(demo, "nn", tmp_path)
    assert "Side 1 av" in printouts["report"] and "Jobbklubb" in printouts["session-plan"]
    found = {name: bokmal_words(text) for name, text in printouts.items()}
    assert not any(found.values()), f"bokmål in nynorsk printouts: { {k: v for k, v in found.items() if v} }"


@needs_poppler
def test_the_same_printouts_in_bokmal_trip_the_rules(demo: Any, tmp_path: Path) -> None:
    printouts = _printouts(demo, "nb", tmp_path)
    assert bokmal_words(printouts["report"]) and bokmal_words(printouts["attendance"])
