"""A nynorsk youth's printouts hold no bokmål, even when the veileder's screen is in bokmål.

The meeting summary (both variants, every section) and the activity plan (every status and activity
type) are rendered for a youth with målform nynorsk while the UI language is bokmål, read back with
pdftotext, and scanned with the same bokmål rules as the catalogue test (tests/nynorsk.py). What the
veileder typed is nynorsk here, so every hit comes from NavDesk's own text. The same data printed in
bokmål must trip the rules, so the scan is known to see the PDF's text.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from navdesk.documents.plan import PlanOptions, render_plan
from navdesk.documents.summary import FULL, SECTIONS, YOUTH_VARIANT, SummaryOptions, render_summary
from navdesk.domain.enums import ActivityStatus, ActivityType, ApplicationStatus, GoalCategory, Responsible
from navdesk.domain.text import OSLO
from navdesk.services.plan_view import ActivityView, GoalView, NextMeetingView, PlanView
from navdesk.services.summaries import (
    NAV,
    OTHER,
    YOUTH,
    ConsentBasis,
    NextMeeting,
    SummaryAction,
    SummaryData,
    SummaryParticipant,
    SummaryYouth,
)
from tests.nynorsk import bokmal_words

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")

TODAY = date(2026, 12, 4)


@pytest.fixture(autouse=True)
def bokmal_screen() -> Iterator[None]:
    """The veileder's UI in bokmål: a printout must not borrow the screen's language."""
    from navdesk import i18n

    before = i18n.language()
    i18n.set_language("nb")
    yield
    i18n.set_language(before)


def _text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _summary(malform: str) -> SummaryData:
    consent = ConsentBasis(
        "Samarbeid om skule og arbeid", "skriftlig", date(2026, 9, 1), date(2027, 3, 1), True
    )
    participants = (
        SummaryParticipant("Synnøve Aasen", "ungdom", "", "", False),
        SummaryParticipant("Kari Vik", "veileder", "NAV Sogndal", "Rettleiar", False),
        SummaryParticipant("Ivar Lid", "partner", "Oppfølgingstenesta Vestland", "Rådgjevar", True, consent, "gyldig"),
        SummaryParticipant("Per Bø", "arbeidsgiver", "Bø Snekkarverkstad", "Dagleg leiar", True),
    )  # fmt: skip
    actions = (
        SummaryAction("Sende søknad om arbeidstrening", "Kari Vik", date(2026, 11, 27), None, NAV),
        SummaryAction("Søkje på tre jobbar", "Synnøve", date(2026, 12, 1), None, YOUTH),
        SummaryAction("Sjekke skuleplass", "Ivar Lid", date(2026, 12, 10), date(2026, 12, 3), OTHER),
    )
    return SummaryData(
        meeting_id=uuid.UUID(int=1), office="NAV Sogndal", type_nb="Trekantsamtale", type_nn="Trekantsamtale",
        starts_at=datetime(2026, 11, 24, 10, 0, tzinfo=OSLO), duration_min=60, place="NAV-kontoret, møterom 2",
        channel="samtale", status="gjennomfort", youth_id=None,
        youth=SummaryYouth("Synnøve Aasen", malform, "ingen"), participants=participants,
        agenda="- Status på skulen\n- Vegen vidare", summary="Vi snakka om skulen og praksisplassen.",
        decisions="Synnøve startar arbeidstrening 1. desember.", actions=actions,
        next_meeting=NextMeeting(datetime(2026, 12, 8, 9, 30, tzinfo=OSLO), 45, "NAV-kontoret", "samtale",
                                 "Oppfølgingssamtale", "Oppfølgingssamtale"),
        sensitive="Søv dårleg.", organiser="Kari Vik (KV)",
    )  # fmt: skip


def _activity(n: int, kind: ActivityType, status: ActivityStatus, **changes: object) -> ActivityView:
    values: dict[str, object] = dict(
        id=uuid.UUID(int=100 + n), type=kind, title=f"Aktivitet {n}", status=status, status_reason="",
        from_date=date(2026, 11, 2), to_date=date(2026, 12, 20), started_on=None,
        responsible=list(Responsible)[n % len(Responsible)], agreed=n % 2 == 0, notes="", version=1,
        overdue=n % 3 == 0,
    )  # fmt: skip
    values.update(changes)
    return ActivityView(**values)  # type: ignore[arg-type]


def _plan(malform: str) -> PlanView:
    statuses = list(ActivityStatus)
    activities = [
        _activity(n, kind, statuses[n % len(statuses)], status_reason="Det passa ikkje" * (n % 2))
        for n, kind in enumerate(ActivityType)
    ]
    activities += [
        _activity(20, ActivityType.JOBBSOKING, ActivityStatus.GJENNOMFORER, applications_per_week=5),
        _activity(21, ActivityType.STILLING, ActivityStatus.PLANLEGGER, application_status=list(ApplicationStatus)[-1].value,
                  employer="Bø Snekkarverkstad", from_date=None),
        _activity(22, ActivityType.TILTAK, ActivityStatus.FORSLAG, tiltak="Arbeidstrening", to_date=None),
        _activity(23, ActivityType.JOBBKLUBB, ActivityStatus.FULLFORT, club="Jobbklubb haust",
                  to_date=date(2026, 11, 2)),
    ]  # fmt: skip
    return PlanView(
        youth_id=uuid.UUID(int=2), youth_name="Synnøve Aasen", malform=malform, office="NAV Sogndal",
        veileder="Kari Vik", period_id=uuid.UUID(int=3), registration_date=date(2026, 10, 1),
        plan_id=uuid.UUID(int=4), plan_version=2, dream="Bli snikkar", goal_category=GoalCategory.ORDINAERT_ARBEID,
        own_goal="Få læreplass før sommaren", review_date=date(2026, 11, 15),
        goals=(GoalView(uuid.UUID(int=5), "Skrive CV", date(2026, 11, 1), date(2026, 10, 28), 1),
               GoalView(uuid.UUID(int=6), "Søkje på fem læreplassar", date(2026, 12, 31), None, 1)),
        activities=tuple(activities), revisions=(), recorded=(date(2026, 11, 3), "Modia"),
        next_meeting=NextMeetingView(datetime(2026, 12, 10, 10, 0, tzinfo=OSLO), 60, "NAV-kontoret",
                                     "Oppfølgingssamtale", "Oppfølgingssamtale"),
        today=TODAY,
    )  # fmt: skip


def _printouts(malform: str, tmp_path: Path) -> dict[str, str]:
    every_section = frozenset(SECTIONS)
    return {
        "summary (full)": _text(
            render_summary(_summary(malform), SummaryOptions(variant=FULL, sections=every_section,
                                                             printed_by="Kari Vik (KV)", printed_on=TODAY)),
            tmp_path, "full.pdf",
        ),
        "summary (youth)": _text(
            render_summary(_summary(malform), SummaryOptions(variant=YOUTH_VARIANT, sections=every_section,
                                                             printed_by="Kari Vik (KV)", printed_on=TODAY)),
            tmp_path, "youth.pdf",
        ),
        "plan": _text(render_plan(_plan(malform), PlanOptions(printed_by="Kari Vik (KV)", printed_on=TODAY)),
                      tmp_path, "plan.pdf"),
        "plan (large)": _text(
            render_plan(_plan(malform), PlanOptions(large=True, printed_by="Kari Vik (KV)", printed_on=TODAY)),
            tmp_path, "plan-large.pdf",
        ),
    }  # fmt: skip


def test_a_nynorsk_youths_printouts_have_no_bokmal(tmp_path: Path) -> None:
    printouts = _printouts("nn", tmp_path)
    assert "Aktivitetsplanen min" in printouts["plan"] and "Side 1 av" in printouts["plan"]
    assert "Søkje på tre jobbar" in printouts["summary (full)"]
    found = {name: bokmal_words(text) for name, text in printouts.items()}
    assert not any(found.values()), f"bokmål in a nynorsk printout: { {k: v for k, v in found.items() if v} }"


def test_the_same_printouts_in_bokmal_trip_the_rules(tmp_path: Path) -> None:
    """The scan sees the PDFs' text: the bokmål versions of the same printouts have bokmål in them."""
    for name, text in _printouts("nb", tmp_path).items():
        assert bokmal_words(text), f"{name}: the bokmål printout should contain bokmål words"
