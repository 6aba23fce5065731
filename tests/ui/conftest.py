"""UI test fixtures: offscreen Qt, a demo office on plain SQLite, UI settings in tmp."""

from __future__ import annotations

import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def ui_settings(tmp_path: Path) -> Any:
    """QSettings in an INI file under tmp (never the user's own)."""
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_db(tmp_path: Path) -> Iterator[Any]:
    """A plain-SQLite demo office: 40 youths, seed 1."""
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    db, _mode = create_database(tmp_path / "demo.db", unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=40, seed=1)
    yield db
    db.close()


DEMO_DAY = date(2026, 11, 24)  # a Tuesday in week 48: tests that pin "today" use this


@pytest.fixture
def fixed_db(tmp_path: Path) -> Iterator[Any]:
    """The 40-youth demo office (seed 1) built as of :data:`DEMO_DAY`, so dates in it are fixed."""
    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo

    db, _mode = create_database(tmp_path / "demo.db", unencrypted=True)
    with db.session() as s, s.begin():
        build_demo(s, youths=40, seed=1, today=DEMO_DAY)
    yield db
    db.close()


def open_window(qtbot: Any, database: Any, settings: Any, today: Any = None) -> Any:
    """The main window over ``database`` as its first admin, shown and exposed."""
    from navdesk.services.context import actor_for
    from navdesk.ui.main_window import MainWindow

    with database.session() as s:
        actor = actor_for(s)
    window = MainWindow(database, actor, settings=settings, today=today)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def main_window(qtbot: Any, demo_db: Any, ui_settings: Any) -> Any:
    return open_window(qtbot, demo_db, ui_settings)
