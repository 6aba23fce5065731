"""``navdesk smoke-test --out DIR``: the release check a built package runs on itself.

``make package`` runs it with the *frozen* binary, so every check below exercises what PyInstaller
bundled, not the developer's Python: the resources (fonts, catalogues, migrations), the time-zone
and holiday data, SQLCipher, keyring's backend discovery (entry points) and ReportLab. It

- creates an SQLCipher-encrypted office database (``NAVDESK_PASSPHRASE``, else a random passphrase:
  the smoke test never stores anything in the user's keyring), checks the file is not plain SQLite,
  that a wrong key is refused and the right one reads the data back;
- upgrades a copy of each ``--upgrade-from`` database (an older NavDesk's) to this build's schema;
- reports which keyring backend NavDesk would use (none recommended is reported, not failed: a
  build server has no keyring; then the passphrase is used);
- renders a meeting summary for a youth with Northern Sami letters and æøå, and reads the PDF's text
  back with ``pdftotext`` when it is installed.

The output is a technical log for whoever builds the package (English, like the benchmarks); it is
also written to ``DIR/smoke-test.txt``. Exit code 0 when every check passed, 1 otherwise.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from navdesk import __version__

YOUTH_FIRST, YOUTH_LAST = "Áigi", "Čáhppes-Ŋuolja"
SUMMARY_TEXT = "Vi snakket om skole og jobb: æ ø å Æ Ø Å. Sámegiella: Ŋ ŋ Ŧ ŧ Ž ž Đ đ Š š Č č."
DECISIONS_TEXT = "Áigi begynner på arbeidstrening i Kárášjohka."
MUST_READ_BACK = (YOUTH_FIRST, YOUTH_LAST, "æ ø å Æ Ø Å", "Ŋ ŋ Ŧ ŧ Ž ž Đ đ", "Kárášjohka")


class SmokeFailure(Exception):
    """A check found something wrong (its message says what)."""


@dataclass
class SmokeReport:
    out: Path
    lines: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    emit: Callable[[str], None] = print

    def say(self, line: str) -> None:
        self.lines.append(line)
        self.emit(line)

    def check(self, name: str, step: Callable[[], str]) -> None:
        try:
            detail = step()
        except Exception as exc:
            self.failed.append(name)
            self.say(f"FAIL {name:<13} {type(exc).__name__}: {exc}")
            for line in traceback.format_exc().rstrip().splitlines()[-6:]:
                self.say("     " + line)
        else:
            self.say(f"ok   {name:<13} {detail}")


def _versions() -> str:
    from navdesk.versions import component_versions

    v = component_versions()
    if v["SQLCipher"] == "–":
        raise SmokeFailure("the SQLCipher library could not be loaded")
    return f"Python {v['Python']}, SQLite {v['SQLite']}, SQLCipher {v['SQLCipher']}"


def _resources() -> str:
    import gettext

    from navdesk.i18n import LANGUAGES, translation
    from navdesk.resources import resources_dir

    root = resources_dir()
    fonts = sorted(p.name for p in (root / "fonts").glob("*.ttf"))
    if len(fonts) < 4:
        raise SmokeFailure(f"fonts missing in {root / 'fonts'}: {fonts}")
    loaded = [lang for lang in LANGUAGES if isinstance(translation(lang), gettext.GNUTranslations)]
    if loaded != list(LANGUAGES):
        raise SmokeFailure(f"catalogues loaded: {loaded}, expected {list(LANGUAGES)}")
    if translation("nn").gettext("Copy details") == translation("nb").gettext("Copy details"):
        raise SmokeFailure("the nynorsk catalogue gives the bokmål text")
    qt = sorted(p.name for p in (root / "qt").glob("*.qm"))
    if not qt:
        raise SmokeFailure("Qt's Norwegian translation (resources/qt/*.qm) is missing")
    icons = sorted(p.name for p in (root / "icons").glob("*.svg")) if (root / "icons").is_dir() else []
    return f"{root}: {len(fonts)} fonts, catalogues {', '.join(loaded)}, {', '.join(qt)}, {len(icons)} icons"


def _user_guide() -> str:
    import re

    from navdesk.resources import docs_dir

    folder = docs_dir()
    text = (folder / "brukerveiledning.md").read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", text)
    missing = [p for p in pictures if not (folder / p).is_file()]
    if missing:
        raise SmokeFailure(f"pictures of the user guide missing in {folder}: {missing}")
    return f"{folder / 'brukerveiledning.md'} with {len(pictures)} pictures"


def _migrations() -> str:
    from navdesk.db.revisions import VERSIONS_DIR, head_revision, known_revisions

    revisions, head = known_revisions()
    if not revisions or head != head_revision():
        raise SmokeFailure(f"no migrations found in {VERSIONS_DIR}")
    if not (VERSIONS_DIR.parent / "env.py").is_file():
        raise SmokeFailure(f"Alembic's env.py is missing next to {VERSIONS_DIR}")
    return f"{len(revisions)} revisions, head {head}"


def _zones_and_calendar() -> str:
    from importlib import resources as importlib_resources
    from zoneinfo import ZoneInfo

    import holidays
    from babel.dates import format_date

    bundled = importlib_resources.files("tzdata").joinpath("zoneinfo", "Europe", "Oslo")
    if not bundled.is_file():
        raise SmokeFailure("the tzdata package's Europe/Oslo is missing")
    summer = datetime(2026, 7, 1, 12, tzinfo=ZoneInfo("Europe/Oslo")).utcoffset()
    if summer is None or summer.total_seconds() != 7200:
        raise SmokeFailure(f"Europe/Oslo in July is UTC{summer}, expected +2")
    national_day = holidays.country_holidays("NO", years=2026).get(date(2026, 5, 17))
    if not national_day:
        raise SmokeFailure("the holidays package does not know 17 May in Norway")
    nb = format_date(date(2026, 5, 17), "EEEE d. MMMM", locale="nb")
    nn = format_date(date(2026, 5, 16), "EEEE", locale="nn")
    if nb != "søndag 17. mai" or nn != "laurdag":
        raise SmokeFailure(f"Babel's Norwegian locale data: {nb!r}, {nn!r}")
    return f"Europe/Oslo from tzdata, 17.05.2026 = {national_day}, Babel: {nb} / {nn}"


def _keyring() -> str:
    from importlib.metadata import entry_points

    from navdesk.db import keys

    plugins = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    if not plugins:
        raise SmokeFailure("keyring found no backends (its entry points were not bundled)")
    found = "no recommended backend here: passphrase is used"
    if keys.keyring_available():
        import keyring

        backend = keyring.get_keyring()
        found = f"backend {getattr(backend, 'name', type(backend).__name__)} (recommended, priority {backend.priority})"
    return f"{found}; backends found: {', '.join(plugins)}"


def _passphrase() -> Any:
    import secrets

    from navdesk.db.keys import Secret, env_passphrase

    return env_passphrase() or Secret("smoke-" + secrets.token_urlsafe(12), raw=False)


def _build_office(session: Any) -> uuid.UUID:
    from navdesk.db.models import Meeting
    from navdesk.domain.text import OSLO
    from navdesk.services import meetings, youths
    from navdesk.services.office import catalogue, create_office

    actor = create_office(session, office_name="NAV Kárášjohka", municipality="Kárášjohka",
                          admin_name="Kari Nordmann", admin_initials="KN", password="røyktest-1234")  # fmt: skip
    youth = youths.create_youth(session, actor, first_name=YOUTH_FIRST, last_name=YOUTH_LAST,
                                birth_date=date(2006, 5, 2), malform="nb")  # fmt: skip
    meeting = meetings.create_meeting(session, actor, starts_at=datetime(2026, 11, 24, 10, tzinfo=OSLO), youth_id=youth,
                                      place="NAV-kontoret, Ávjovárgeaidnu",
                                      type_id=catalogue(session, "meeting_type")["trekantsamtale"],
                                      agenda="Status og veien videre")  # fmt: skip
    meetings.add_participant(session, actor, meeting, kind="ungdom")
    meetings.add_participant(session, actor, meeting, kind="veileder", user_id=actor.user_id, role="Veileder")
    meetings.add_action(session, actor, meeting, what="Søke på tre jobber – Čáhppes Ŋ ŧ ž", who="Áigi",
                        due_date=date(2026, 12, 1))  # fmt: skip
    row = session.get(Meeting, meeting)
    meetings.record_meeting(session, actor, meeting, row.version, status="gjennomfort", summary=SUMMARY_TEXT,
                            decisions=DECISIONS_TEXT)  # fmt: skip
    return meeting


@dataclass
class _State:
    db_path: Path
    secret: Any = None
    meeting_id: Any = None


def _encrypted_database(state: _State) -> str:
    from navdesk.db.engine import SQLITE_HEADER, file_kind
    from navdesk.db.keys import Secret
    from navdesk.db.opening import _remove_files, create_database, open_database
    from navdesk.db.raw import probe_key
    from navdesk.errors import WrongKey

    _remove_files(state.db_path)
    state.secret = _passphrase()
    database, mode = create_database(state.db_path, secret=state.secret, mode="passphrase")
    try:
        with database.session() as session, session.begin():
            state.meeting_id = _build_office(session)
    finally:
        database.close()
    if file_kind(state.db_path) != "encrypted" or state.db_path.read_bytes()[:16] == SQLITE_HEADER:
        raise SmokeFailure(f"{state.db_path} is not encrypted")
    try:
        probe_key(state.db_path, Secret("not-the-passphrase", raw=False))
    except WrongKey:
        pass
    else:
        raise SmokeFailure("a wrong passphrase opened the database")
    reopened = open_database(state.db_path, secret=state.secret)
    try:
        from navdesk.services.summaries import summary_data

        with reopened.session() as session:
            youth = summary_data(session, state.meeting_id).youth
            name = youth.name if youth is not None else ""
    finally:
        reopened.close()
    if YOUTH_FIRST not in name or YOUTH_LAST not in name:
        raise SmokeFailure(f"the youth's name came back as {name!r}")
    key = "NAVDESK_PASSPHRASE" if _passphrase_from_env() else "a random passphrase"
    return f"{state.db_path.name} ({mode}, {key}); wrong key refused; read back «{name}»; meeting {state.meeting_id}"


def _passphrase_from_env() -> bool:
    from navdesk.db.keys import env_passphrase

    return env_passphrase() is not None


def _keyring_database(out: Path) -> str:
    """A database keyed through the keyring, as on an office laptop: created, then opened with the key
    found in the keyring alone (NAVDESK_PASSPHRASE set aside). Its keyring entries are removed again."""
    import json
    import os

    import keyring

    from navdesk.db import keys
    from navdesk.db.opening import _remove_files, create_database, open_database

    if not keys.keyring_available():
        raise SmokeFailure("--use-keyring was given, but no recommended keyring backend is available")
    path = out / "smoke-keyring.db"
    _remove_files(path)
    database, mode = create_database(path, secret=keys.new_raw_key(), mode="keyring")
    database.close()
    saved = os.environ.pop(keys.PASSPHRASE_ENV, None)
    try:
        open_database(path).close()  # finds the key in the keyring, asks nothing
    finally:
        if saved is not None:
            os.environ[keys.PASSPHRASE_ENV] = saved
        index = json.loads(keyring.get_password(keys.SERVICE, keys.INDEX_USER) or "{}")
        for key_id in [k for k, where in index.items() if where == str(path.resolve())]:
            keyring.delete_password(keys.SERVICE, key_id)
            del index[key_id]
        keyring.set_password(keys.SERVICE, keys.INDEX_USER, json.dumps(index))
    name = getattr(keyring.get_keyring(), "name", "")
    return f"{path.name} ({mode}): the key was stored in {name} and found there again; entries removed"


def _upgrade(source: Path, out: Path) -> str:
    import sqlite3

    from navdesk.db.migrate import schema_summary
    from navdesk.db.opening import open_database
    from navdesk.db.revisions import head_revision
    from navdesk.paths import backup_dir

    copy = out / f"upgraded-{source.name}"
    shutil.copyfile(source, copy)
    for stale in backup_dir(copy).glob(f"{copy.stem}-*"):
        stale.unlink()
    raw = sqlite3.connect(copy)
    try:
        before = raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        raw.close()
    database = open_database(copy)  # migrates, after a copy in backups/
    try:
        summary = schema_summary(database)
    finally:
        database.close()
    if summary["revision"] != head_revision() or not summary["integrity"]:
        raise SmokeFailure(f"after the upgrade: {summary}")
    backups = list(backup_dir(copy).glob(f"{copy.stem}-*"))
    if not backups:
        raise SmokeFailure("no copy was made before migrating")
    return f"{source.name}: {before} → {summary['revision']}, integrity ok, copy kept in backups/"


def _summary_pdf(state: _State) -> str:
    from navdesk.db.opening import open_database
    from navdesk.documents.summary import SummaryOptions, render_summary
    from navdesk.services.summaries import summary_data

    database = open_database(state.db_path, secret=state.secret)
    try:
        with database.session() as session:
            data = summary_data(session, state.meeting_id)
    finally:
        database.close()
    pdf = render_summary(data, SummaryOptions(printed_by="Kari Nordmann (KN)", printed_on=date(2026, 11, 24)))
    out = state.db_path.parent / "summary.pdf"
    out.write_bytes(pdf)
    if not pdf.startswith(b"%PDF") or b"DejaVuSans" not in pdf:
        raise SmokeFailure("the PDF lacks the embedded DejaVu Sans font")
    tool = shutil.which("pdftotext")
    if tool is None:
        return f"{out.name}, {len(pdf)} bytes, DejaVu embedded (pdftotext not installed: text not read back)"
    text = subprocess.run([tool, "-enc", "UTF-8", str(out), "-"], capture_output=True, check=True).stdout
    decoded = " ".join(text.decode("utf-8").split())
    missing = [s for s in MUST_READ_BACK if s not in decoded]
    if missing:
        raise SmokeFailure(f"not in the PDF's text: {missing}")
    return f"{out.name}, {len(pdf)} bytes; pdftotext reads back {', '.join(MUST_READ_BACK)}"


def run(
    out: Path, upgrade_from: list[Path], emit: Callable[[str], None] = print, *, use_keyring: bool = False
) -> int:
    """Run every check, writing into ``out``; 0 when all passed, 1 otherwise.

    ``use_keyring`` also keys a database through the OS keyring (it stores, then removes, an entry:
    meant for a throwaway keyring such as the one ``installers/linux/smoke_test.sh`` starts).
    """
    from navdesk.versions import is_frozen

    out.mkdir(parents=True, exist_ok=True)
    report = SmokeReport(out, emit=emit)
    kind = "frozen build" if is_frozen() else "Python environment"
    report.say(f"NavDesk {__version__} smoke test ({kind}: {sys.executable})")
    state = _State(out / "smoke.db")
    report.check("versions", _versions)
    report.check("resources", _resources)
    report.check("user guide", _user_guide)
    report.check("migrations", _migrations)
    report.check("calendar", _zones_and_calendar)
    report.check("keyring", _keyring)
    report.check("encrypted db", lambda: _encrypted_database(state))
    if use_keyring:
        report.check("keyring db", lambda: _keyring_database(out))
    for source in upgrade_from:
        report.check("upgrade", lambda source=source: _upgrade(source, out))  # type: ignore[misc]
    if not upgrade_from:
        report.say("--   upgrade       no --upgrade-from database given")
    if state.meeting_id is not None:
        report.check("summary pdf", lambda: _summary_pdf(state))
    else:
        report.failed.append("summary pdf")
        report.say("FAIL summary pdf   no meeting (the database step failed)")
    total = sum(line.startswith("ok ") for line in report.lines)
    if report.failed:
        report.say(f"SMOKE TEST FAILED: {', '.join(report.failed)}")
    else:
        report.say(f"SMOKE TEST PASSED ({total} checks ok)")
    (out / "smoke-test.txt").write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    return 1 if report.failed else 0
