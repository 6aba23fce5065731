"""Logs and crash reports never hold a name, a fødselsnummer or note text.

The demo office is built, used from the command line, opened in the application and changed through
its forms, with logging at debug level (SQL statements too); a bug is raised with a youth's name in
its message and in its local variables. Then the log is searched for every name, fødselsnummer and
note of the demo: none may be there. The log must also really hold the debug output (SQL), so an empty
log cannot pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.helpers import navdesk
from tests.conftest import TEST_PASSPHRASE

YOUTH_TEXT = ("first_name", "last_name", "preferred_name", "fodselsnummer", "phone", "email", "address",
              "household", "work_experience", "barrier_notes", "strengths", "dreams", "notes", "health_note")  # fmt: skip
OTHER_TEXT = {
    "User": ("name",), "Contact": ("note",), "Meeting": ("agenda", "summary", "decisions", "health_section"),
    "MeetingParticipant": ("name",), "MeetingAction": ("what",), "ContactPerson": ("name",),
    "Activity": ("notes", "status_reason"), "Task": ("note",), "AttendanceRecord": ("note",),
    "ClubEnrolment": ("observation",), "VeilederAssignment": ("handover_note",), "PlanGoal": ("text",),
    "Plan": ("dream", "own_goal"), "FollowUpPeriod": ("reason", "outcome_note"),
}  # fmt: skip
NEW_NOTE = "Hemmelig notat: Ørjan sover dårlig og gruer seg til intervjuet"

# A bug with personal data in its message and in the frame's local variables, raised uncaught.
CRASH = """
import sys
from navdesk.logs import setup_logging
from navdesk.ui import app
setup_logging()
sys.excepthook = app.excepthook
def save(name, fnr, note):
    raise ValueError("could not save " + name + " " + fnr + ": " + note)
save(sys.argv[1], sys.argv[2], sys.argv[3])
"""


def personal_values(db: Any) -> tuple[set[str], set[str]]:
    """(names, texts) of the demo office: names are searched as whole words, texts as they are."""
    from sqlalchemy import select

    from navdesk.db import models as m

    names: set[str] = set()
    texts: set[str] = set()
    with db.session() as s:
        for youth in s.scalars(select(m.Youth)):
            for column in YOUTH_TEXT:
                value = (getattr(youth, column) or "").strip()
                if column in ("first_name", "last_name", "preferred_name"):
                    names.update(part for part in re.split(r"[\s-]+", value) if len(part) >= 2)
                elif value:
                    texts.add(value)
        for model, columns in OTHER_TEXT.items():
            for row in s.scalars(select(getattr(m, model))):
                for column in columns:
                    value = (getattr(row, column) or "").strip()
                    if model in ("User", "MeetingParticipant", "ContactPerson"):
                        names.update(part for part in value.split() if len(part) >= 2)
                    elif len(value) >= 6:
                        texts.add(value)
    return names, texts


def personal_values_of(db_path: Path, more: set[str]) -> tuple[set[str], set[str]]:
    from navdesk.db.opening import open_database

    db = open_database(db_path)
    try:
        names, texts = personal_values(db)
    finally:
        db.close()
    return names, texts | more


def leaks(log: str, names: set[str], texts: set[str]) -> list[str]:
    found = [name for name in names if re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", log)]
    found += [text for text in texts if text in log]
    return sorted(found)


@pytest.mark.slow
def test_the_log_holds_no_personal_data_after_a_day_of_use_at_debug_level(
    tmp_path: Path, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    db_path = tmp_path / "demo.db"
    env = {"NAVDESK_LOG_LEVEL": "DEBUG", "NAVDESK_DATA_DIR": str(data), "NAVDESK_PASSPHRASE": TEST_PASSPHRASE}
    monkeypatch.setenv("NAVDESK_LOG_LEVEL", "DEBUG")
    monkeypatch.setenv("NAVDESK_PASSPHRASE", TEST_PASSPHRASE)

    def cli(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = navdesk(*args, "--db", str(db_path), env=env)
        assert (result.returncode == 0) == ok, (args, result.stderr)
        return result

    # the command line: build the demo, look at it, export and print from it, a refused import
    cli("demo", "--youths", "40", "--seed", "3")
    cli("check")
    cli("list", "youths")
    cli("deadlines")
    cli("export", "youths", "--out", str(tmp_path / "ungdom.csv"))
    from faker import Faker

    fake = Faker("no_NO")  # the demo stores no fødselsnummer: three youths come in by import with one
    fake.seed_instance(5)
    imported = [(fake.first_name(), fake.last_name(), fake.ssn(dob=f"200{n}0{n + 3}1{n}")) for n in range(3)]
    good = tmp_path / "ungdom-inn.csv"
    good.write_text(
        "fornavn;etternavn;fødselsnummer\n" + "".join(f"{a};{b};{c}\n" for a, b, c in imported),
        encoding="utf-8",
    )
    cli("import", "youths", str(good))
    from navdesk.db.opening import open_database

    db = open_database(db_path)
    with db.session() as s:
        from sqlalchemy import select

        from navdesk.db import models as m

        youth = s.scalars(select(m.Youth).where(m.Youth.fodselsnummer == imported[0][2])).one()
    cli("print", "plan", str(youth.id), "--out", str(tmp_path / "plan.pdf"))
    bad = tmp_path / "nye.csv"
    bad.write_text(
        f"fornavn;etternavn;fødselsnummer\n{youth.first_name};{youth.last_name};{youth.fodselsnummer}\n"
        "Ørjan;Kjær;12345678901\n",
        encoding="utf-8",
    )
    refused = cli("import", "youths", str(bad), ok=False)  # a duplicate and an invalid fødselsnummer
    assert refused.returncode == 1

    # the application: a real start (first paint, then the full open) as its own process
    started = subprocess.run(
        [sys.executable, "-m", "navdesk", "--db", str(db_path)],
        env={**os.environ, **env, "NAVDESK_BENCH_READY": "1", "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert started.returncode == 0 and "NAVDESK_READY" in started.stdout, started.stderr

    # ... and a session in it: a record opened, the youth's notes changed in the form, deadlines computed
    from navdesk.logs import setup_logging, stop_logging
    from navdesk.services.context import actor_for
    from navdesk.ui.dialogs.youth_form import YouthForm
    from navdesk.ui.main_window import MainWindow

    log_file = setup_logging(data)
    try:
        with db.session() as s:
            actor = actor_for(s)
        window = MainWindow(db, actor)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        record = window.open_record(youth.id)
        assert record is not None
        qtbot.waitUntil(lambda: window.deadlines_book is not None, timeout=30_000)
        from datetime import date

        from navdesk.services.record import read_record

        with db.session() as s:
            loaded = read_record(s, youth.id, date.today())
        form = YouthForm(db, actor, loaded)
        qtbot.addWidget(form)
        form.dreams_edit.setPlainText(NEW_NOTE)
        assert form.save() is True
        record.close()
        window.close()
    finally:
        stop_logging()
        db.close()

    # a bug, uncaught, with the youth's name, fødselsnummer and a note in its message and locals
    crashed = subprocess.run(
        [sys.executable, "-c", CRASH, f"{youth.first_name} {youth.last_name}", str(youth.fodselsnummer), NEW_NOTE],
        env={**os.environ, **env}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert crashed.returncode != 0
    texts = {NEW_NOTE}

    assert log_file is not None and log_file.exists()
    log = log_file.read_text(encoding="utf-8")
    names, texts = personal_values_of(db_path, texts)
    assert leaks(log, names, texts) == []
    assert "INSERT INTO contact" in log or "INSERT INTO youth" in log  # the SQL really was logged
    assert "UPDATE youth SET" in log
    assert "parameters hidden" in log
    assert "ValueError" in log and "in save" in log  # the crash is reported: type and place
    assert len(names) > 60 and len(texts) > 40
    assert {fnr for _a, _b, fnr in imported} <= texts


# A command with a bug: its error message and locals hold a youth's name, fødselsnummer and note.
CLI_BUG = """
import sys
from navdesk import cli
def buggy(args):
    name, fnr, note = "Åse Ødegård", "14030564767", "gruer seg til intervjuet"
    raise KeyError(name + " " + fnr + " " + note)
cli.COMMANDS["check"] = buggy
sys.exit(cli.run_command(cli.parse(["check", "--db", sys.argv[1]])))
"""


def test_a_bug_in_a_command_is_reported_without_personal_data(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", CLI_BUG, str(tmp_path / "x.db")],
        env={**os.environ, "NAVDESK_DATA_DIR": str(data), "NAVDESK_LOG_LEVEL": "DEBUG"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    assert "ventet" in result.stderr and "Traceback" not in result.stderr
    for secret in ("Åse", "Ødegård", "14030564767", "intervjuet"):
        assert secret not in result.stderr
    log = (data / "logs" / "navdesk.log").read_text(encoding="utf-8")
    assert str(data / "logs" / "navdesk.log") in result.stderr
    assert "builtins.KeyError" in log and "in buggy" in log
    for secret in ("Åse", "Ødegård", "14030564767", "intervjuet"):
        assert secret not in log


def test_a_logged_exception_shows_its_type_and_place_but_not_its_message(tmp_path: Path) -> None:
    import logging

    from navdesk.logs import setup_logging, stop_logging

    path = setup_logging()  # in the test's data folder (tests/conftest.py)
    try:
        try:
            {}["Sølvi Løvås 03110182766"]
        except KeyError:
            logging.getLogger("navdesk.test").exception("Lookup failed")
    finally:
        stop_logging()
    assert path is not None and path.is_relative_to(tmp_path)
    log = path.read_text(encoding="utf-8")
    assert "Lookup failed" in log and "builtins.KeyError" in log and "test_log_privacy.py" in log
    assert "Sølvi" not in log and "03110182766" not in log
