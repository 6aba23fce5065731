"""Re-shoot the documentation screenshots (offscreen): ``python scripts/screenshots.py``.

docs/screenshots/main-window.png  the main window at 1280×800 over the demo office (40 youths, seed 1), deadlines known
docs/screenshots/first-run.png    the first-run dialog, partly filled in
docs/screenshots/frister.png      the Frister (deadlines) screen, the first overdue deadline selected
docs/screenshots/frister-regler.png  the office's rules for deadlines (as an admin), the 8-week rule selected

Everything is made in a temporary folder (an encrypted demo database, UI settings, no keyring), so the
user's own data and settings are never touched. Set NAVDESK_LANG to shoot another language.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # the dialog shows the passphrase path
os.environ.pop("NAVDESK_PASSPHRASE", None)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    from PySide6.QtCore import QSettings

    from navdesk.db.opening import create_database
    from navdesk.demo import build_demo
    from navdesk.services.context import actor_for
    from navdesk.ui.app import make_app
    from navdesk.ui.first_run import FirstRunDialog
    from navdesk.ui.main_window import MainWindow

    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="navdesk-shots-") as tmp:
        os.environ["NAVDESK_DATA_DIR"] = tmp
        from navdesk.db.keys import new_raw_key

        # encrypted like an office laptop's database (a raw key, as when it is kept in the keyring)
        db, _mode = create_database(Path(tmp) / "navdesk.db", secret=new_raw_key(), mode="passphrase")
        with db.session() as s, s.begin():
            build_demo(s, youths=40, seed=1)
        with db.session() as s:
            actor = actor_for(s)
        settings = QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat)
        window = MainWindow(db, actor, settings=settings)
        window.resize(1280, 800)
        window.show()
        app.processEvents()
        window.load_deadlines()  # as just after the first paint: the Next deadline column and its filters
        app.processEvents()
        window.grab().save(str(OUT / "main-window.png"))

        window.show_screen("deadlines")
        window.deadlines.select_first()
        app.processEvents()
        window.grab().save(str(OUT / "frister.png"))

        from navdesk.ui.dialogs.rules import RulesDialog

        rules = RulesDialog(db, actor, window)
        rules.select("followup_8w")
        rules.show()
        app.processEvents()
        rules.grab().save(str(OUT / "frister-regler.png"))
        rules.close()
        window.close()
        db.close()

        dialog = FirstRunDialog(Path(tmp) / "NavDesk" / "navdesk.db")
        dialog.office_edit.setText("NAV Vinje")
        dialog.municipality_edit.setText("Vinje")
        dialog.name_edit.setText("Kari Nordmann")
        dialog.initials_edit.setText("KN")
        dialog.path_edit.setText(str(Path.home() / ".local" / "share" / "NavDesk" / "navdesk.db"))
        dialog.show()
        dialog.adjustSize()
        app.processEvents()
        dialog.grab().save(str(OUT / "first-run.png"))
        dialog.close()
    names = ("main-window.png", "frister.png", "frister-regler.png", "first-run.png")
    print("wrote " + ", ".join(str(OUT / name) for name in names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
