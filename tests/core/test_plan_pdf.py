"""The printed aktivitetsplan, rendered from plain data and read back with poppler (text and pages)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import uuid
from datetime import date, datetime
from pathlib import Path

import pytest

from navdesk.documents.plan import PlanOptions, plan_language, render_plan
from navdesk.domain.enums import ActivityStatus, ActivityType, GoalCategory, Responsible
from navdesk.domain.text import OSLO
from navdesk.services.plan_view import ActivityView, GoalView, NextMeetingView, PlanView

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

TODAY = date(2026, 12, 4)
SAMI = "Áilu Đuottar Ŋuolja-Ŧoavvu"


def _act(title: str, status: ActivityStatus, **changes: object) -> ActivityView:
    values: dict[str, object] = dict(
        id=uuid.uuid4(), type=ActivityType.EGENAKTIVITET, title=title, status=status, status_reason="",
        from_date=date(2026, 11, 2), to_date=date(2026, 12, 20), started_on=None, responsible=Responsible.UNGDOMMEN,
        agreed=True, notes="", version=1, overdue=False,
    )  # fmt: skip
    values.update(changes)
    return ActivityView(**values)  # type: ignore[arg-type]


def _plan(**changes: object) -> PlanView:
    values: dict[str, object] = dict(
        youth_id=uuid.uuid4(), youth_name=SAMI, malform="nb", office="NAV Kautokeino", veileder="Kari Nordmann",
        period_id=uuid.uuid4(), registration_date=date(2026, 10, 1), plan_id=uuid.uuid4(), plan_version=2,
        dream="Bli tømrer & ha egen bil <snart>", goal_category=GoalCategory.ORDINAERT_ARBEID,
        own_goal="Få læreplass før sommeren", review_date=date(2027, 1, 15),
        goals=(GoalView(uuid.uuid4(), "Skrive CV", date(2026, 11, 1), date(2026, 10, 28), 1),
               GoalView(uuid.uuid4(), "Søke fem læreplasser", date(2026, 12, 31), None, 1)),
        activities=(
            _act("Søke jobber", ActivityStatus.GJENNOMFORER, type=ActivityType.JOBBSOKING, applications_per_week=5,
                 to_date=date(2026, 12, 1), overdue=True),
            _act("Jobbklubb høst", ActivityStatus.PLANLEGGER, type=ActivityType.JOBBKLUBB, responsible=Responsible.NAV,
                 club="Jobbklubb høst"),
            _act("Samtaler hos psykisk helse", ActivityStatus.FORSLAG, type=ActivityType.BEHANDLING,
                 responsible=Responsible.PARTNER, agreed=False),
            _act("Lage CV", ActivityStatus.FULLFORT, notes="Ferdig & sendt til <veileder>"),
            _act("Praksis i butikk", ActivityStatus.AVBRUTT, type=ActivityType.ARBEIDSTRENING,
                 status_reason="Butikken la ned", employer="Coop Ærøy"),
        ),
        revisions=(), recorded=None,
        next_meeting=NextMeetingView(datetime(2026, 12, 10, 10, 0, tzinfo=OSLO), 60, "NAV-kontoret", "Oppfølgingssamtale", "Oppfølgingssamtale"),
        today=TODAY,
    )  # fmt: skip
    values.update(changes)
    return PlanView(**values)  # type: ignore[arg-type]


def _text(pdf: bytes, tmp_path: Path, name: str = "plan.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_plan_prints_for_the_youth_grouped_by_status(tmp_path: Path) -> None:
    pdf = render_plan(_plan(), PlanOptions(printed_by="Kari Nordmann (KN)", printed_on=TODAY))
    text = _text(pdf, tmp_path)
    flat = " ".join(text.split())
    assert "Min aktivitetsplan" in text and SAMI in text
    assert "Bli tømrer & ha egen bil <snart>" in flat and "Ferdig & sendt til <veileder>" in flat
    order = [flat.index(h) for h in ("Dette gjør jeg nå", "Planlagt", "Forslag", "Fullført", "Avbrutt")]
    assert order == sorted(order)
    assert (
        flat.index("Søke jobber")
        < flat.index("Planlagt")
        < flat.index("Jobbklubb høst")
        < flat.index("Forslag")
    )
    assert "Skrive CV – nådd 28.10.2026" in flat and "Søke fem læreplasser – innen 31.12.2026" in flat
    assert "5 søknader i uka" in flat and "datoen er passert" in flat
    assert "Hvorfor: Butikken la ned" in flat and "Coop Ærøy" in flat
    assert "Neste møte" in text and "10.12.2026" in flat and "Vi ser på planen igjen" in text
    assert "Meg" in flat and "Samarbeidspartner" in flat  # who: the youth reads «me»
    assert "Fortrolig — unntatt offentlighet, jf. offl. § 13" in text
    assert "Side 1 av 2" in text and "Side 2 av 2" in text
    assert "Skrevet ut av Kari Nordmann (KN) 04.12.2026" in text
    fonts = subprocess.run(["pdffonts", str(tmp_path / "plan.pdf")], capture_output=True, text=True).stdout
    assert "DejaVu" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # embedded


def test_nynorsk_large_type_and_page_numbers(tmp_path: Path) -> None:
    many = tuple(
        _act(f"Aktivitet nummer {n}", ActivityStatus.PLANLEGGER, notes="Noe å huske " * 8) for n in range(30)
    )
    plan = _plan(malform="nn", activities=many)
    assert plan_language(plan, PlanOptions()) == "nn"
    normal = render_plan(plan, PlanOptions(printed_on=TODAY))
    large = render_plan(plan, PlanOptions(large=True, printed_on=TODAY))
    text = _text(large, tmp_path, "large.pdf")
    pages = [int(n) for n in re.findall(r"Side \d+ av (\d+)", text)]
    assert "Aktivitetsplanen min" in text and "Draumen min" in text and "Aktivitet nummer 29" in text
    normal_pages = int(re.findall(r"Side \d+ av (\d+)", _text(normal, tmp_path, "normal.pdf"))[0])
    assert pages and set(pages) == {pages[0]} and pages[0] > normal_pages >= 2
    assert "Min aktivitetsplan" in _text(
        render_plan(plan, PlanOptions(lang="nb", printed_on=TODAY)), tmp_path
    )


def test_same_input_same_bytes_and_an_empty_plan(tmp_path: Path) -> None:
    plan = _plan()
    options = PlanOptions(printed_on=TODAY)
    assert render_plan(plan, options) == render_plan(dataclasses.replace(plan), options)
    empty = _plan(plan_id=None, activities=(), goals=(), dream="", own_goal="", goal_category=None)
    assert "Det er ikke laget noen plan ennå." in _text(render_plan(empty, options), tmp_path)
