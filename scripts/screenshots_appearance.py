"""Shoot the light and dark appearance (offscreen): ``python scripts/screenshots_appearance.py``.

docs/screenshots/mork-oversikten.png   the main window (portfolio, deadlines known) in dark appearance
docs/screenshots/mork-mappe.png        a youth's record (Oversikt) in dark appearance
docs/screenshots/mork-plan.png         the record's Plan tab (board) in dark appearance
docs/screenshots/mork-moteplan.png     the Møteplan in dark appearance
docs/screenshots/lys-oversikten.png, lys-mappe.png, lys-plan.png  the same in light appearance
docs/screenshots/stor-tekst.png        the main window with the system font 1.5 times larger

The appearance is forced as NAVDESK_APPEARANCE would force it; a new window is built for each, as it
would be when NavDesk starts. Everything is made in a temporary folder.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtCore import QSettings

    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo
    from navdesk.services.context import actor_for
    from navdesk.ui import theme
    from navdesk.ui.app import make_app
    from navdesk.ui.main_window import MainWindow
    from navdesk.ui.startup_summary import summarize

    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app([sys.argv[0]])
    written = []
    with tempfile.TemporaryDirectory(prefix="navdesk-shots-") as tmp:
        os.environ["NAVDESK_DATA_DIR"] = tmp
        db, _mode = create_database(Path(tmp) / "navdesk.db", unencrypted=True)
        with db.session() as s, s.begin():
            build_demo(s, youths=40, seed=1)
        with db.session() as s:
            actor = actor_for(s)

        def window_for(name: str) -> Any:
            settings = QSettings(str(Path(tmp) / f"{name}.ini"), QSettings.Format.IniFormat)
            window = MainWindow(db, actor, settings=settings)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            window.load_deadlines()
            window.summary_banner.set_summary(summarize(window.deadlines_book, actor.user_id))
            window.show_todays_meetings()
            app.processEvents()
            return window

        for which, prefix in ((theme.DARK, "mork"), (theme.LIGHT, "lys")):
            theme.apply_appearance(app, which)
            window = window_for(which)
            written.append(_save(window, f"{prefix}-oversikten.png"))
            record = _record(app, window)
            written.append(_save(record, f"{prefix}-mappe.png"))
            record.tabs.setCurrentWidget(record.plan)
            app.processEvents()
            written.append(_save(record, f"{prefix}-plan.png"))
            record.close()
            if which == theme.DARK:
                window.show_screen("meetings")
                app.processEvents()
                written.append(_save(window, f"{prefix}-moteplan.png"))
            window.close()

        font = app.font()
        big = app.font()
        big.setPointSizeF(font.pointSizeF() * 1.5)
        app.setFont(big)
        window = window_for("big")
        written.append(_save(window, "stor-tekst.png"))
        window.close()
        app.setFont(font)
        db.close()
    print("wrote " + ", ".join(written))
    return 0


def _save(widget: Any, name: str) -> str:
    path = OUT / name
    widget.grab().save(str(path))
    return str(path)


def _record(app: Any, window: Any) -> Any:
    """The record of a youth with an open period, a contact and plan activities."""
    rows = list(window.portfolio.model.rows())
    youth = next(r for r in rows if r.registered is not None and r.last_contact is not None)
    record = window.open_record(youth.id)
    record.resize(1180, 800)
    app.processEvents()
    return record


if __name__ == "__main__":
    sys.exit(main())
