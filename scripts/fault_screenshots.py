"""Screenshots of the fault messages, provoked for real (offscreen): ``python scripts/fault_screenshots.py``.

docs/screenshots/feil-disk-full.png    the new-youth form after saving on a full disk (a filled tmpfs; needs root)
docs/screenshots/feil-database-opptatt.png  the same form while another program holds the database's lock

Everything happens in a temporary folder; the user's own data is never touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
LOCKER = """
import sys, sqlite3
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.readline()
"""


def _form(db: Any) -> Any:
    from navdesk.services.context import actor_for
    from navdesk.ui.dialogs.youth_form import YouthForm

    with db.session() as s:
        actor = actor_for(s)
    form = YouthForm(db, actor, None)
    form.resize(900, 700)
    form.show()
    form.first_name_edit.setText("Øystein")
    form.last_name_edit.setText("Bråten")
    form.birth_edit.setText("07.03.2008")
    form.job_wishes_edit.setPlainText("Bilverksted, lager")
    return form


def _new_db(folder: Path) -> Any:
    from navdesk.db.opening import create_database
    from navdesk.services.office import create_office

    db, _mode = create_database(folder / "kontor.db", unencrypted=True)
    with db.session() as s, s.begin():
        create_office(
            s, office_name="NAV Vinje", municipality="Vinje", admin_name="Kari Nordmann", admin_initials="KN",
            password="passord123",
        )  # fmt: skip
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from navdesk.ui.app import make_app
    from tests.fault.conftest import Filler  # fills a filesystem to the last byte

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = _new_db(folder)
        locker = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(folder / "kontor.db")], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        form = _form(db)
        form.save()
        app.processEvents()
        form.grab().save(str(OUT / "feil-database-opptatt.png"))
        locker.kill()
        locker.wait()
        form.done(0)
        db.close()

        disk = folder / "disk"
        disk.mkdir()
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(disk)], check=False)
        if mounted.returncode != 0:
            print("skipped feil-disk-full.png: mounting a tmpfs is not permitted", file=sys.stderr)
            return 0
        try:
            db = _new_db(disk)
            form = _form(db)
            filler = Filler(disk)
            filler.fill()
            form.save()
            app.processEvents()
            form.grab().save(str(OUT / "feil-disk-full.png"))
            filler.free()
            form.done(0)
            db.close()
        finally:
            subprocess.run(["umount", "-l", str(disk)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
