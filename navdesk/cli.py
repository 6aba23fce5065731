"""The command line: thin sub-commands over the use cases.

Conventions every command follows (decision 0006): ``--db`` takes a path or a PostgreSQL URL
(default: the office database in the data folder); ids are UUIDs and any unique prefix works;
files are written with ``--out``; ``--json`` prints machine-readable output; the acting user is
``--user INITIALS`` or ``NAVDESK_USER``, defaulting to the office's first admin, and is recorded
in the audit trail. Exit codes: 0 success, 1 input or data refused (reason on stderr, in
Norwegian), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from navdesk import __version__, cli_backup
from navdesk.errors import InvalidInput, UserError
from navdesk.i18n import _, ngettext, set_language

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, _("{prog}: wrong usage: {message}\n").format(prog=self.prog, message=message))


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", default=default, help=_("database file or PostgreSQL URL (default: in the data folder)")
    )
    parser.add_argument(
        "--data-dir", default=default, help=_("folder for the database and backups (tests, demos)")
    )
    parser.add_argument("--user", default=default, help=_("acting user's initials (or NAVDESK_USER)"))
    parser.add_argument(
        "--lang", default=default, choices=["nb", "nn", "en"], help=_("language (default bokmål)")
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="navdesk",
        description=_(
            "NavDesk: the working tool for NAV counsellors who follow up young people. "
            "Without a command the application opens."
        ),
        epilog=_(
            "Exit codes: 0 success, 1 refused input or data (reason on stderr), 2 wrong usage. "
            "Environment: NAVDESK_PASSPHRASE (database passphrase when no keyring), NAVDESK_USER, NAVDESK_DATA_DIR."
        ),
    )
    parser.add_argument("--version", action="version", version=f"NavDesk {__version__}")
    _common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)

    demo = sub.add_parser("demo", help=_("create a demo office with made-up youths"))
    _common(demo)
    demo.add_argument("--youths", type=int, default=40, help=_("number of youths (default 40)"))
    demo.add_argument(
        "--seed", type=int, default=1, help=_("random seed; the same seed gives the same office")
    )
    demo.add_argument(
        "--unencrypted", action="store_true", help=_("store without encryption (demos and tests only)")
    )
    demo.add_argument("--force", action="store_true", help=_("replace an existing database"))
    demo.add_argument("--json", action="store_true", help=_("machine-readable output"))

    aud = sub.add_parser("audit", help=_("the audit log: verify its chain, or list entries"))
    _common(aud)
    aud.add_argument("action", choices=["verify", "list"],
                     help=_("verify: check that no entry was changed, deleted or cut off (exit 1 names the "
                            "first bad entry); list: the newest entries"))  # fmt: skip
    aud.add_argument("--youth", help=_("with list: only this youth's entries (id or id prefix)"))
    aud.add_argument("--by", help=_("with list: only this user's entries (initials)"))
    aud.add_argument("--since", type=_iso_date, help=_("with list: from this date (YYYY-MM-DD)"))
    aud.add_argument(
        "--until", type=_iso_date, help=_("with list: up to and including this date (YYYY-MM-DD)")
    )
    aud.add_argument(
        "--limit", type=int, default=200, help=_("with list: at most this many entries (default 200)")
    )
    aud.add_argument("--json", action="store_true", help=_("machine-readable output"))

    check = sub.add_parser("check", help=_("check integrity, encryption and schema version"))
    _common(check)
    check.add_argument("--json", action="store_true", help=_("machine-readable output"))

    lst = sub.add_parser("list", help=_("list youths, meetings or clubs"))
    _common(lst)
    lst.add_argument("what", choices=["youths", "meetings", "clubs"])
    lst.add_argument("--json", action="store_true", help=_("machine-readable output"))

    export = sub.add_parser("export", help=_("export data to a file"))
    _common(export)
    export.add_argument(
        "what", choices=["youths", "ics", "ot-status", "innsyn"],
        help=_("youths: the youth list; ics: a calendar file; ot-status: the status list for OT (only youths "
               "whose consent allows it); innsyn: everything about one youth, YOUTH_ID (pdf or json)"),
    )  # fmt: skip
    export.add_argument("subject", nargs="?", metavar="YOUTH_ID",
                        help=_("innsyn: the youth (id or unique id prefix) who asked to see everything NavDesk "
                               "holds about them"))  # fmt: skip
    export.add_argument("--out", required=True, help=_("the file to write"))
    export.add_argument(
        "--format", choices=["csv", "json", "xlsx", "pdf"], help=_("file format (default: from --out)")
    )
    export.add_argument("--what", dest="ics_what", choices=["deadlines", "meetings", "sessions"], default="deadlines",
                        help=_("with ics: what goes in the calendar: deadlines (default), meetings from "
                               "--today on, or the groups' samlinger (sessions) from --today on"))  # fmt: skip
    export.add_argument(
        "--today", type=_iso_date, help=_("the date to compute from (YYYY-MM-DD; default today)")
    )
    export.add_argument("--json", action="store_true", help=_("machine-readable output"))

    prt = sub.add_parser("print", help=_("print a document to a PDF file"))
    _common(prt)
    prt.add_argument("what", choices=["summary", "plan", "attendance", "session-plan", "sign-in"],
                     help=_("summary: a meeting summary (møtereferat), MEETING_ID; plan: a youth's activity plan, "
                            "YOUTH_ID; attendance: a group's attendance summary per participant, CLUB_ID; "
                            "session-plan: a group's session plan, CLUB_ID; sign-in: the sign-in sheet of one "
                            "samling, SESSION_ID"))  # fmt: skip
    prt.add_argument(
        "subject", metavar="ID", help=_("the meeting, youth, group or samling (id or unique id prefix)")
    )
    prt.add_argument("--out", required=True, help=_("the file to write"))
    prt.add_argument("--variant", choices=["full", "youth"], default="full",
                     help=_("full: for the participants (default); youth: in plain language for the youth"))  # fmt: skip
    prt.add_argument("--include-sensitive", action="store_true",
                     help=_("include health and other sensitive notes (left out by default)"))  # fmt: skip
    prt.add_argument("--signatures", action="store_true", help=_("add lines to sign on"))
    prt.add_argument("--large", action="store_true", help=_("plan: large type for easier reading"))
    prt.add_argument("--first-names", action="store_true",
                     help=_("sign-in: first names only (everyone in the group sees the sheet)"))  # fmt: skip
    prt.add_argument("--youth", help=_("attendance: only this youth (id or unique id prefix)"))
    prt.add_argument("--reason", default="",
                     help=_("why the summary is shared with participants no valid consent covers (without it "
                            "such a print is refused); written to the audit log"))  # fmt: skip
    prt.add_argument("--json", action="store_true", help=_("machine-readable output"))

    dl = sub.add_parser("deadlines", help=_("list deadlines (frister)"))
    _common(dl)
    dl.add_argument("--today", type=_iso_date, help=_("the date to compute from (YYYY-MM-DD; default today)"))
    dl.add_argument("--youth", help=_("only this youth (id or unique id prefix)"))
    dl.add_argument(
        "--all",
        action="store_true",
        help=_("also list done, snoozed and not applicable deadlines (--json always does)"),
    )
    dl.add_argument("--json", action="store_true", help=_("machine-readable output"))

    rep = sub.add_parser("report", help=_("the office report as a PDF: indicators with small numbers hidden"))
    _common(rep)
    rep.add_argument(
        "--from", dest="start", type=_iso_date, required=True, help=_("first day of the period (YYYY-MM-DD)")
    )
    rep.add_argument(
        "--to", dest="end", type=_iso_date, required=True, help=_("last day of the period (YYYY-MM-DD)")
    )
    rep.add_argument("--out", help=_("the PDF file to write"))
    rep.add_argument("--veileder", help=_("only this veileder's youths (initials)"))
    rep.add_argument(
        "--csv", metavar=_("FOLDER"), help=_("also write the aggregated tables as CSV files to FOLDER")
    )
    rep.add_argument(
        "--xlsx", metavar=_("FILE"), help=_("also write the aggregated tables to one Excel file")
    )
    rep.add_argument(
        "--today", type=_iso_date, help=_("the date to compute from (YYYY-MM-DD; default today)")
    )
    rep.add_argument("--json", action="store_true", help=_("machine-readable output (the suppressed tables)"))

    imp = sub.add_parser("import", help=_("import youths from a CSV or Excel file (all rows or none)"))
    _common(imp)
    imp.add_argument("what", choices=["youths"])
    imp.add_argument("file", help=_("the CSV or Excel (.xlsx) file"))
    imp.add_argument("--dry-run", action="store_true", help=_("check the file and report; import nothing"))
    imp.add_argument("--skip-duplicates", action="store_true",
                     help=_("skip youths already registered or repeated in the file instead of refusing the file"))  # fmt: skip
    imp.add_argument("--column", action="append", default=[], metavar=_("HEADER=FIELD"),
                     help=_("use the file's column HEADER as FIELD (an empty FIELD ignores the column); repeatable"))  # fmt: skip
    imp.add_argument("--json", action="store_true", help=_("machine-readable output"))

    ret = sub.add_parser("retention", help=_("youths past the office's retention time: list them (dry run), delete "
                                             "or anonymise them"))  # fmt: skip
    _common(ret)
    ret.add_argument("--dry-run", action="store_true", help=_("only list who and what would be removed"))
    ret.add_argument("--anonymise", action="store_true",
                     help=_("keep what the office reports count, remove everything that names the youth "
                            "(instead of deleting)"))  # fmt: skip
    ret.add_argument("--youth", action="append", default=[], metavar="ID",
                     help=_("only this youth (id or unique id prefix); repeatable"))  # fmt: skip
    ret.add_argument("--set-days", type=int, metavar=_("DAYS"),
                     help=_("change the office's retention time in days (administrators); then list only"))  # fmt: skip
    ret.add_argument("--yes", action="store_true", help=_("do not ask before deleting"))
    ret.add_argument(
        "--today", type=_iso_date, help=_("the date to compute from (YYYY-MM-DD; default today)")
    )
    ret.add_argument("--json", action="store_true", help=_("machine-readable output"))

    otc = sub.add_parser("ot-compare", help=_("wash OT's list against the portfolio (both ways, and status)"))
    _common(otc)
    otc.add_argument(
        "file", help=_("OT's list: CSV or Excel (.xlsx) with name, birth date, school and OT status")
    )
    otc.add_argument(
        "--today", type=_iso_date, help=_("the date to compute from (YYYY-MM-DD; default today)")
    )
    otc.add_argument("--json", action="store_true", help=_("machine-readable output"))

    # not listed in --help: the release check ``make package`` runs with the built package (navdesk/smoke.py)
    smoke = sub.add_parser("smoke-test")
    smoke.add_argument("--out", required=True, help="folder for the test database, PDF and log")
    smoke.add_argument("--upgrade-from", action="append", default=[], type=Path, metavar="OLD_DB",
                       help="an older NavDesk's plain SQLite database to upgrade a copy of; repeatable")  # fmt: skip
    smoke.add_argument("--use-keyring", action="store_true",
                       help="also key a database through the OS keyring (stores and removes an entry)")  # fmt: skip
    cli_backup.add_parsers(sub, _common)  # backup, restore, rekey

    usr = sub.add_parser(
        "user", help=_("the office's users: list, add, change role, deactivate, set password")
    )
    _common(usr)
    usr.add_argument("action", choices=["list", "add", "set-role", "deactivate", "activate", "password"])
    usr.add_argument("initials", nargs="?", help=_("the user's initials (not for list)"))
    usr.add_argument("--name", help=_("full name (add)"))
    usr.add_argument("--role", choices=["veileder", "leder", "admin"], help=_("access role (add, set-role)"))
    usr.add_argument("--json", action="store_true", help=_("machine-readable output"))
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("«{text}» is not a date (YYYY-MM-DD).").format(text=text)
        ) from None


def _ask_passphrase(path: Path, attempt: int) -> str | None:
    if not sys.stdin.isatty():
        return None
    import getpass

    prompt = _("Passphrase for {path}: ") if attempt == 1 else _("Wrong passphrase. Try again: ")
    try:
        return getpass.getpass(prompt.format(path=path))
    except (EOFError, KeyboardInterrupt):
        return None


def _ask_new_passphrase() -> str | None:
    if not sys.stdin.isatty():
        return None
    import getpass

    first = getpass.getpass(_("Choose a passphrase for the new database: "))
    if len(first) < 8:
        raise InvalidInput(_("The passphrase must be at least 8 characters."))
    if getpass.getpass(_("Repeat the passphrase: ")) != first:
        raise InvalidInput(_("The passphrases differ."))
    return first


def db_location(args: argparse.Namespace) -> str:
    from navdesk.paths import default_db_path

    return str(args.db) if args.db else str(default_db_path(args.data_dir))


def _open(args: argparse.Namespace, *, migrate: bool = True) -> Any:
    from navdesk.db.opening import open_database

    return open_database(
        db_location(args), ask=_ask_passphrase if sys.stdin.isatty() else None, migrate=migrate
    )


def _actor(session: Any, args: argparse.Namespace) -> Any:
    from navdesk.services.context import actor_for

    return actor_for(session, args.user or os.environ.get("NAVDESK_USER"), source="cli")


USER_PASSWORD_ENV = "NAVDESK_USER_PASSWORD"


def _confirmed_actor(session: Any, args: argparse.Namespace) -> Any:
    """The acting user for a privileged action (health notes, user changes): when the office has several
    users, they prove who they are with their password, typed on a terminal or in NAVDESK_USER_PASSWORD
    (never an argument); audited like a sign-in."""
    from navdesk.errors import PermissionDenied
    from navdesk.services import users

    actor = _actor(session, args)
    if not users.needs_login(session):
        return actor
    password = os.environ.get(USER_PASSWORD_ENV)
    if password is None and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(_("Password of {initials}: ").format(initials=actor.initials))
    if not password:
        raise PermissionDenied(
            _("This needs the password of {initials}: type it on a terminal or set {env}.").format(
                initials=actor.initials, env=USER_PASSWORD_ENV
            )
        )
    signed = users.sign_in(session, actor.user_id, password, source="cli")
    if signed is None:
        raise PermissionDenied(_("Wrong password for {initials}.").format(initials=actor.initials))
    return signed


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def cmd_demo(args: argparse.Namespace) -> int:
    from navdesk.db.engine import file_kind, parse_target
    from navdesk.db.opening import _remove_files, create_database
    from navdesk.demo import build_demo

    if args.youths < 1 or args.youths > 200_000:
        raise InvalidInput(_("The number of youths must be between 1 and 200,000."))
    target = parse_target(db_location(args))
    if target.path is not None and file_kind(target.path) != "missing":
        if not args.force:
            raise InvalidInput(
                _("{path} exists already. Use --force to replace it.").format(path=target.path)
            )
        _remove_files(target.path)
    database, mode = create_database(target.url if target.path is None else target.path,
                                     unencrypted=args.unencrypted, ask_new=_ask_new_passphrase)  # fmt: skip
    try:
        with database.session() as session, session.begin():
            summary = build_demo(session, youths=args.youths, seed=args.seed,
                                 progress=lambda msg: print(msg, file=sys.stderr))  # fmt: skip
    finally:
        database.close()
    notes = {
        "plain": _("NOT encrypted (--unencrypted): for demos and tests only."),
        "passphrase": _("Encrypted with the passphrase (SQLCipher)."),
        "keyring": _("Encrypted; the key is kept in the system keyring."),
        "server": _("Stored on the database server."),
    }
    if args.json:
        _print_json({"db": target.label, "encryption": mode, "youths": summary.youths, "rows": summary.rows,
                     "users": [u for u, _r in summary.users]})  # fmt: skip
    else:
        print(ngettext("Demo office created in {db} with {n} youth.", "Demo office created in {db} with {n} youths.",
                       summary.youths).format(db=target.label, n=summary.youths))  # fmt: skip
        print(notes[mode])
        print(_("Users: {users} (password: {password})").format(
            users=", ".join(f"{u} ({r})" for u, r in summary.users), password=summary.password))  # fmt: skip
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from navdesk.db.migrate import schema_summary

    database = _open(args, migrate=False)  # a check only looks: it never upgrades
    try:
        summary = schema_summary(database)
        summary.update(
            {"db": database.target.label, "backend": database.dialect,
             "encrypted": database.encrypted if database.target.path is not None else None}
        )  # fmt: skip
    finally:
        database.close()
    healthy = bool(summary["integrity"]) and summary["revision"] == summary["head"]
    summary["healthy"] = healthy
    if args.json:
        _print_json(summary)
    else:
        enc = {True: _("encrypted"), False: _("NOT encrypted"), None: _("database server")}[
            summary["encrypted"]
        ]
        print(_("Database: {db}").format(db=summary["db"]))
        print(_("Integrity: {state}").format(state=_("OK") if summary["integrity"] else _("DAMAGED")))
        print(_("Encryption: {state}").format(state=enc))
        print(
            _("Schema version: {rev} (this NavDesk: {head})").format(
                rev=summary["revision"], head=summary["head"]
            )
        )
        if summary["revision"] != summary["head"]:
            print(_("The schema differs from this NavDesk's: open the database in NavDesk to upgrade it, "
                    "or install the NavDesk that wrote it."))  # fmt: skip
    return EXIT_OK if healthy else EXIT_REFUSED


def cmd_list(args: argparse.Namespace) -> int:
    database = _open(args)
    try:
        with database.session() as session:
            items = _list_items(session, args.what)
    finally:
        database.close()
    if args.json:
        _print_json(items)
    else:
        for item in items:
            print("  ".join(str(v) for k, v in item.items() if k not in ("youth_id",)))
    return EXIT_OK


def _list_items(session: Any, what: str) -> list[dict[str, Any]]:
    from navdesk.domain.text import collation_key
    from navdesk.services.meetings import meeting_rows
    from navdesk.services.youths import portfolio_rows

    today = date.today()
    if what == "youths":
        rows = sorted(
            portfolio_rows(session), key=lambda r: (collation_key(r.last_name), collation_key(r.first_name))
        )
        return [{"id": str(r.id), "name": r.name, "age": r.age(today), "veileder": r.veileder,
                 "registered": r.registered.isoformat() if r.registered else None} for r in rows]  # fmt: skip
    if what == "meetings":
        from navdesk.domain.text import OSLO

        return [{"id": str(r.id), "name": r.title, "start": r.start.astimezone(OSLO).isoformat(),
                 "youth": r.youth, "youth_id": str(r.youth_id) if r.youth_id else None, "status": r.status}
                for r in meeting_rows(session)]  # fmt: skip
    from navdesk.services.clubs import club_detail, club_rows

    out = []
    for r in club_rows(session, today):
        detail = club_detail(session, r.id)
        median = detail.days_to_start
        out.append({"id": str(r.id), "name": r.name, "kind": r.kind, "sessions": r.sessions,
                    "participants": len(detail.participants), "active": r.participants,
                    "attendance_rate": round(r.rate, 3) if r.rate is not None else None, "flagged": r.flagged,
                    "median_days_to_start": median})  # fmt: skip
    return out


def cmd_deadlines(args: argparse.Namespace) -> int:
    from navdesk.db.models import Youth
    from navdesk.domain.deadlines.rules import RULES_BY_ID
    from navdesk.domain.text import format_date
    from navdesk.services import deadlines
    from navdesk.services.context import resolve_id

    today = args.today or date.today()
    database = _open(args)
    try:
        with database.session() as session:
            youth_ids = [resolve_id(session, Youth, args.youth).id] if args.youth else None
            items = deadlines.compute(session, today, youth_ids)
    finally:
        database.close()
    if not args.all and not args.json:  # --json always lists every state
        items = [d for d in items if d.state == "open"]
    items.sort(key=lambda d: (d.due, d.rule, d.key))
    if args.json:
        _print_json([deadlines.as_json(d, today) for d in items])
        return EXIT_OK
    for d in items:
        flag = _("OVERDUE") if d.overdue(today) else ""
        print(f"{format_date(d.due)}  {_(RULES_BY_ID[d.rule].name):32}  {d.youth or '-':28}  {flag}")
    return EXIT_OK


def _export_dated_ics(args: argparse.Namespace, out: Path) -> int:
    """``export ics --what meetings|sessions``: meetings (titled with the youth's initials only) or the
    groups' samlinger (no participant named) from --today on."""
    from navdesk.calendar import write_meetings_ics, write_sessions_ics
    from navdesk.db.engine import translate_error

    write = write_meetings_ics if args.ics_what == "meetings" else write_sessions_ics
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            try:
                count = write(session, actor, out, since=args.today or date.today())
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "format": "ics", "count": count, "encrypted": False})
    elif args.ics_what == "meetings":
        print(ngettext("{n} meeting written to {out}.", "{n} meetings written to {out}.", count).format(
            n=count, out=out))  # fmt: skip
    else:
        print(ngettext("{n} samling written to {out}.", "{n} samlinger written to {out}.", count).format(
            n=count, out=out))  # fmt: skip
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def _export_ics(args: argparse.Namespace, out: Path) -> int:
    if args.ics_what in ("meetings", "sessions"):
        return _export_dated_ics(args, out)
    from navdesk.calendar_export import deadlines_calendar
    from navdesk.db.engine import translate_error
    from navdesk.paths import write_atomically
    from navdesk.services import audit, deadlines
    from navdesk.services.office import office_name

    today = args.today or date.today()
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            items = [d for d in deadlines.compute(session, today) if d.state == "open"]
            data = deadlines_calendar(items, office_name(session))
            try:
                write_atomically(data, out)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
            audit.record(session, actor, "export", "deadline", None,
                         after={"file": out.name, "format": "ics", "count": len(items)})  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "format": "ics", "count": len(items), "encrypted": False})
    else:
        print(ngettext("{n} deadline written to {out}.", "{n} deadlines written to {out}.", len(items)).format(
            n=len(items), out=out))  # fmt: skip
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from navdesk.db.engine import translate_error
    from navdesk.exporting import FORMATS, write_youths, youth_records
    from navdesk.services import audit

    out = Path(args.out).expanduser()
    if args.what == "ics":
        return _export_ics(args, out)
    if args.what == "innsyn":
        return _export_innsyn(args, out)
    fmt = args.format or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise InvalidInput(_("Give --format csv, json or xlsx (the file name does not say which)."))
    if args.what == "ot-status":
        return _export_ot_status(args, out, fmt)
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            records = youth_records(session, date.today())
            try:
                write_youths(records, out, fmt)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
            audit.record(session, actor, "export", "youth", None, after={"file": out.name, "format": fmt,
                                                                         "count": len(records)})  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "format": fmt, "count": len(records), "encrypted": False})
    else:
        print(ngettext("{n} youth written to {out}.", "{n} youths written to {out}.", len(records)).format(
            n=len(records), out=out))  # fmt: skip
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def _export_innsyn(args: argparse.Namespace, out: Path) -> int:
    """``export innsyn YOUTH_ID``: everything about the youth and who read or changed it, PDF or JSON;
    audited."""
    from navdesk.db.engine import translate_error
    from navdesk.documents.innsyn import InnsynOptions, innsyn_language, render_innsyn
    from navdesk.paths import write_atomically
    from navdesk.services import innsyn
    from navdesk.services.summaries import user_label

    if not args.subject:
        raise InvalidInput(_("Name the youth: navdesk export innsyn YOUTH_ID --out FILE."))
    fmt = args.format or out.suffix.lstrip(".").lower()
    if fmt not in ("pdf", "json"):
        raise InvalidInput(_("Give --format pdf or json (the file name does not say which)."))
    today = args.today or date.today()
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            data = innsyn.collect(session, actor, args.subject, today)
            if fmt == "pdf":
                options = InnsynOptions(args.lang, user_label(session, actor.user_id, actor.initials), today)
                blob = render_innsyn(data, options)
                lang = innsyn_language(data, options)
            else:
                blob = (json.dumps(innsyn.as_json(data), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
                lang = None
            try:
                write_atomically(blob, out)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
            innsyn.record_export(session, actor, data, out.name, fmt)
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "format": fmt, "youth": str(data.youth_id), "lang": lang,
                     "sections": [s.key for s in data.sections], "access_entries": len(data.access),
                     "encrypted": False})  # fmt: skip
    else:
        print(_("Innsyn written to {out}.").format(out=out))
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def _print_club(args: argparse.Namespace, out: Path) -> int:
    """``print attendance|session-plan CLUB_ID`` and ``print sign-in SESSION_ID``."""
    from navdesk.db.engine import translate_error
    from navdesk.db.models import ClubSession, Youth
    from navdesk.paths import write_atomically
    from navdesk.services import clubs
    from navdesk.services.context import resolve_id

    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            session_id = None
            if args.what == "sign-in":
                samling = resolve_id(session, ClubSession, args.subject)
                session_id, club_id = samling.id, samling.club_id
            else:
                club_id = clubs.resolve_club(session, args.subject)
            youth_ids = (
                [resolve_id(session, Youth, args.youth).id]
                if args.youth and args.what == "attendance"
                else None
            )
            data, count = clubs.printout(session, actor, club_id, args.what, session_id=session_id,
                                         first_names_only=args.first_names, youth_ids=youth_ids, lang=args.lang,
                                         file_name=out.name)  # fmt: skip
            try:
                write_atomically(data, out)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "document": args.what, "club": str(club_id), "participants": count,
                     "encrypted": False})  # fmt: skip
    else:
        print(_("Written to {out}.").format(out=out))
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def _export_ot_status(args: argparse.Namespace, out: Path, fmt: str) -> int:
    from navdesk.db.engine import translate_error
    from navdesk.services.ot_lists import export_status_list

    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            try:
                found = export_status_list(session, actor, out, fmt, args.today or date.today())
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "format": fmt, "count": len(found.records), "left_out": found.left_out,
                     "encrypted": False})  # fmt: skip
    else:
        print(ngettext("{n} youth written to {out}.", "{n} youths written to {out}.", len(found.records)).format(
            n=len(found.records), out=out))  # fmt: skip
    if found.left_out:
        print(ngettext("{n} youth left out: no valid consent covers sharing with OT.",
                       "{n} youths left out: no valid consent covers sharing with OT.", found.left_out)
              .format(n=found.left_out), file=sys.stderr)  # fmt: skip
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def cmd_ot_compare(args: argparse.Namespace) -> int:
    """``ot-compare FILE``: the three groups of a list washing with OT."""
    from navdesk.services import audit
    from navdesk.services.ot_lists import CATEGORIES, category_label, read_ot_list
    from navdesk.services.ot_lists import compare as compare_lists

    path = Path(args.file).expanduser()
    entries, problems = read_ot_list(path)  # a file that cannot be read fails before the database is opened
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            result = compare_lists(session, entries, args.today or date.today(), list_name=path.name,
                                   problems=problems)  # fmt: skip
            audit.record(session, actor, "compare", "ot_list", None,
                         after={"file": path.name, "lines": result.lines, "matched": result.matched,
                                **{c: len(result.group(c)) for c in CATEGORIES}})  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json(result.as_json())
    else:
        for category in CATEGORIES:
            items = result.group(category)
            print(f"{category_label(category)} ({len(items)})")
            for item in items:
                born = item.birth_date.strftime("%d.%m.%Y") if item.birth_date else "–"
                status = " · ".join(x for x in (item.ot_status, item.our_status) if x)
                print(f"  {item.name}  {born}  {status}".rstrip())
                if item.hint:
                    print("    " + item.hint)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    return EXIT_OK


def cmd_print(args: argparse.Namespace) -> int:
    """``print summary MEETING_ID``: the møtereferat as PDF, in the youth's målform unless --lang;
    ``print plan YOUTH_ID``: the aktivitetsplan; ``print attendance|session-plan CLUB_ID``,
    ``print sign-in SESSION_ID``: the group printouts."""
    if args.what == "plan":
        return _print_plan(args)
    from navdesk.db.engine import translate_error
    from navdesk.documents.summary import DEFAULT_SECTIONS, SummaryOptions, render_summary, summary_language
    from navdesk.paths import write_atomically
    from navdesk.services import audit, sharing
    from navdesk.services.summaries import resolve_meeting, summary_data, user_label

    out = Path(args.out).expanduser()
    if args.what != "summary":
        return _print_club(args, out)
    sections = (DEFAULT_SECTIONS | {"sensitive"}) if args.include_sensitive else DEFAULT_SECTIONS
    if args.signatures:
        sections |= {"signatures"}
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _confirmed_actor(session, args) if args.include_sensitive else _actor(session, args)
            meeting_id = resolve_meeting(session, args.subject)
            data = summary_data(session, meeting_id, include_sensitive=args.include_sensitive, actor=actor)
            options = SummaryOptions(variant=args.variant, lang=args.lang, sections=sections,
                                     printed_by=user_label(session, actor.user_id, actor.initials))  # fmt: skip
            lang = summary_language(data, options)
            sharing.guard(session, actor, gaps=sharing.summary_gaps(data, args.variant), document="summary",
                          entity="meeting", entity_id=meeting_id, youth_id=data.youth_id, reason=args.reason,
                          target=out.name)  # fmt: skip
            try:
                write_atomically(render_summary(data, options), out)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
            audit.record(session, actor, "print", "meeting", meeting_id, youth_id=data.youth_id,
                         after={"file": out.name, "document": "summary", "variant": args.variant, "lang": lang,
                                "sensitive": args.include_sensitive})  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "meeting": str(meeting_id), "variant": args.variant, "lang": lang,
                     "sensitive": args.include_sensitive, "encrypted": False,
                     "missing_consent": [p.name for p in data.missing_consent]})  # fmt: skip
    else:
        print(_("Meeting summary written to {out}.").format(out=out))
    for person in data.missing_consent if args.variant != "youth" else ():
        print(_("Warning: no valid consent covers sharing with {name} ({organisation}); the reason is in the audit "
                "log.").format(name=person.name, organisation=person.organisation or "–"), file=sys.stderr)  # fmt: skip
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def _print_plan(args: argparse.Namespace) -> int:
    """``print plan YOUTH_ID``: the aktivitetsplan for the youth to take home (audited)."""
    from navdesk.db.engine import translate_error
    from navdesk.db.models import Youth
    from navdesk.documents.plan import PlanOptions, plan_language, render_plan
    from navdesk.paths import write_atomically
    from navdesk.services import audit
    from navdesk.services.context import resolve_id
    from navdesk.services.plan_view import read_plan
    from navdesk.services.summaries import user_label

    out = Path(args.out).expanduser()
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            youth = resolve_id(session, Youth, args.subject)
            today = date.today()
            plan = read_plan(session, youth.id, today)
            options = PlanOptions(lang=args.lang, large=args.large, printed_on=today,
                                  printed_by=user_label(session, actor.user_id, actor.initials))  # fmt: skip
            lang = plan_language(plan, options)
            try:
                write_atomically(render_plan(plan, options), out)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
            audit.record(session, actor, "print", "plan", plan.plan_id, youth_id=youth.id,
                         after={"file": out.name, "document": "plan", "lang": lang, "large": args.large})  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json({"out": str(out), "youth": str(plan.youth_id), "plan": str(plan.plan_id) if plan.plan_id else None,
                     "lang": lang, "large": args.large, "activities": len(plan.activities), "encrypted": False})  # fmt: skip
    else:
        print(_("Activity plan written to {out}.").format(out=out))
    print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """``report --from --to --out``: the office report; its tables as CSV/XLSX; audited, no names."""
    from navdesk.db.engine import translate_error
    from navdesk.documents.report import ReportOptions, render_report, write_tables_csv, write_tables_xlsx
    from navdesk.paths import write_atomically
    from navdesk.services.reports import ReportParams, build_report, record_export
    from navdesk.services.summaries import user_label

    if not (args.out or args.csv or args.xlsx or args.json):
        raise InvalidInput(_("Say where to write the report: --out, --csv, --xlsx or --json."))
    today = args.today or date.today()
    written: list[str] = []
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            report = build_report(
                session, ReportParams(args.start, args.end, args.veileder, args.lang, today)
            )
            try:
                if args.out:
                    out = Path(args.out).expanduser()
                    options = ReportOptions(user_label(session, actor.user_id, actor.initials), today)
                    write_atomically(render_report(report, options), out)
                    written.append(str(out))
                if args.csv:
                    written += [str(p) for p in write_tables_csv(report, Path(args.csv).expanduser())]
                if args.xlsx:
                    written.append(str(write_tables_xlsx(report, Path(args.xlsx).expanduser())))
            except OSError as exc:
                raise translate_error(exc, str(exc.filename or "")) or exc from exc
            record_export(session, actor, report, [Path(w).name for w in written])
    finally:
        database.close()
    if args.json:
        _print_json({"scope": report.scope, "from": args.start.isoformat(), "to": args.end.isoformat(),
                     "threshold": report.threshold, "lang": report.lang, "files": written, "encrypted": False,
                     "tables": [{"key": t.key, "title": t.title, "header": t.header, "rows": t.rows}
                                for t in report.rendered()]})  # fmt: skip
    else:
        for path in written:
            print(_("Written: {path}").format(path=path))
    if written:
        print(_("Note: the file is NOT encrypted. Keep it safe and delete it when done."), file=sys.stderr)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from navdesk.importing import import_youths, read_table

    mapping: dict[str | int, str | None] = {}
    for item in args.column:
        header, eq, wanted = item.rpartition("=")
        if not eq or not header.strip():
            raise InvalidInput(_("Give --column as HEADER=FIELD, not «{item}».").format(item=item))
        mapping[header.strip()] = wanted.strip() or None
    # a file that cannot be read fails before the database is opened
    table = read_table(Path(args.file).expanduser())
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            result = import_youths(session, actor, table, mapping=mapping, skip_duplicates=args.skip_duplicates,
                                   dry_run=args.dry_run)  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json(result.as_json())
    else:
        for problem in result.skipped:
            print(_("Skipped: {problem}").format(problem=problem))
        if result.ok:
            print(result.summary())
    if result.ignored_columns:
        unused = ", ".join(result.ignored_columns)
        print(_("Columns not used: {columns}").format(columns=unused), file=sys.stderr)
    if not result.ok:
        for problem in result.errors:
            print(problem, file=sys.stderr)
        print(result.summary(), file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from navdesk.services import audit

    database = _open(args)
    try:
        with database.session() as session:
            if args.action == "verify":
                return _audit_verify(args, audit.verify(session), database.target.label)
            actor = _actor(session, args)
            youth_id = user_id = None
            if args.youth:
                from navdesk.db.models import Youth
                from navdesk.services.context import resolve_id

                youth_id = resolve_id(session, Youth, args.youth).id
            if args.by:  # a deactivated user's entries too: that history is what one looks for
                from navdesk.services.users import find_user

                user_id = find_user(session, args.by).id
            entries = audit.search(
                session, actor, youth_id=youth_id, user_id=user_id, since=args.since, until=args.until,
                limit=max(1, args.limit),
            )  # fmt: skip
    finally:
        database.close()
    if args.json:
        _print_json([{"seq": e.seq, "at": e.at.isoformat(), "user": e.user, "action": e.action,
                      "entity": e.entity, "entity_id": e.entity_id, "youth_id": e.youth_id,
                      "source": e.source, "erased": e.erased} for e in entries])  # fmt: skip
    else:
        from navdesk.domain.text import format_date

        for e in entries:
            local = e.at.astimezone()
            print(
                f"{e.seq:>7}  {format_date(local)} {local:%H:%M}  {e.user:<5} {e.action:<10} {e.entity:<16} {e.source}"
            )
    return EXIT_OK


def _audit_verify(args: argparse.Namespace, result: Any, label: str) -> int:
    if args.json:
        _print_json({"db": label, "ok": result.ok, "entries": result.entries, "erased": result.erased,
                     "last": result.last_seq, "head": result.head.seq if result.head else None,
                     "problem": None if result.ok else {"seq": result.problem.seq, "kind": result.problem.kind,
                                                         "message": result.problem.message}})  # fmt: skip
    elif result.ok:
        print(ngettext("The audit log is whole: {n} entry checked.", "The audit log is whole: {n} entries checked.",
                       result.entries).format(n=result.entries))  # fmt: skip
        if result.erased:
            print(ngettext("{n} entry has had its values erased with a deleted youth (not tampering).",
                           "{n} entries have had their values erased with a deleted youth (not tampering).",
                           result.erased).format(n=result.erased))  # fmt: skip
        if result.head is None:
            print(_("This machine has no record of the log's end for this database, so a cut-off end "
                    "cannot be detected here."))  # fmt: skip
    if not result.ok:
        print(_("navdesk: the audit log has been tampered with. {message}").format(message=result.problem.message),
              file=sys.stderr)  # fmt: skip
        return EXIT_REFUSED
    return EXIT_OK


def cmd_smoke_test(args: argparse.Namespace) -> int:
    """``smoke-test --out DIR [--upgrade-from OLD_DB]``: the packaged build checks itself (navdesk/smoke.py)."""
    from navdesk.smoke import run

    return run(Path(args.out).expanduser(), list(args.upgrade_from), use_keyring=args.use_keyring)


def cmd_retention(args: argparse.Namespace) -> int:
    """``retention``: youths past the retention time; a dry run lists them, otherwise they are deleted (or
    anonymised), a receipt goes into the audit log and the file is rebuilt so nothing deleted is left."""
    from navdesk.db.models import Youth
    from navdesk.domain.text import format_date
    from navdesk.services import retention
    from navdesk.services.context import resolve_id

    today = args.today or date.today()
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            if args.set_days is not None:
                retention.set_retention_days(session, actor, args.set_days)
            chosen = [resolve_id(session, Youth, y).id for y in args.youth] or None
            plan = retention.dry_run(session, actor, today, chosen)
            if chosen is not None and len(plan.candidates) < len(set(chosen)):
                raise InvalidInput(
                    _("A youth you named is not past the retention time (or has an open period).")
                )
        listing_only = args.dry_run or args.set_days is not None
        if listing_only or not plan.candidates:
            _show_retention_plan(args, plan, format_date)
            return EXIT_OK
        if sys.stdin.isatty() and not args.yes and not args.json:
            _show_retention_plan(args, plan, format_date)
            question = (_("Anonymise these {n} youths? [y/N] ") if args.anonymise
                        else _("Delete these {n} youths and everything about them? [y/N] "))  # fmt: skip
            if input(question.format(n=len(plan.candidates))).strip().lower() not in ("y", "j", "yes", "ja"):
                print(_("Nothing was changed."), file=sys.stderr)
                return EXIT_REFUSED
        ids = [c.youth_id for c in plan.candidates]
        with database.session() as session, session.begin():
            actor = _actor(session, args)
            act = retention.anonymise_youths if args.anonymise else retention.delete_youths
            receipt = act(session, actor, ids, today)
        space = retention.purge_free_space(database)
    finally:
        database.close()
    if args.json:
        _print_json({**receipt.as_json(), **space})
    else:
        done = (ngettext("{n} youth anonymised", "{n} youths anonymised", receipt.youths) if args.anonymise
                else ngettext("{n} youth deleted", "{n} youths deleted", receipt.youths))  # fmt: skip
        print(_("{done} ({rows} rows; the content of {payloads} audit log entries erased).").format(
            done=done.format(n=receipt.youths), rows=receipt.total_rows, payloads=receipt.payloads_erased))  # fmt: skip
        print(_("Backups made before today may hold the data until {date}.").format(
            date=format_date(receipt.backups_hold_until)))  # fmt: skip
    if space.get("wal_busy"):
        print(_("Another program has the database open; close it so that the deleted data also leaves the "
                "database's log file (it goes at the next start at the latest)."), file=sys.stderr)  # fmt: skip
    return EXIT_OK


def _show_retention_plan(args: argparse.Namespace, plan: Any, format_date: Callable[[Any], str]) -> None:
    if args.json:
        _print_json(plan.as_json())
        return
    print(_("Retention time: {days} days (periods closed before {date}).").format(
        days=plan.retention_days, date=format_date(plan.cutoff)))  # fmt: skip
    if not plan.candidates:
        print(_("No youth is past the retention time."))
        return
    for c in plan.candidates:
        since = (_("closed {date}").format(date=format_date(c.last_closed)) if c.last_closed
                 else _("registered {date}, never followed up").format(date=format_date(c.registered)))  # fmt: skip
        print(f"  {c.youth_id.hex[:8]}  {c.name}  {format_date(c.birth_date)}  {c.veileder or '–'}  {since}")
    print(ngettext("{n} youth: {rows} rows and the content of {payloads} audit log entries would be removed.",
                   "{n} youths: {rows} rows and the content of {payloads} audit log entries would be removed.",
                   len(plan.candidates)).format(n=len(plan.candidates), rows=sum(plan.rows.values()),
                                                payloads=plan.payloads))  # fmt: skip


NEW_PASSWORD_ENV = "NAVDESK_NEW_PASSWORD"


def _new_password() -> str:
    """The new password from NAVDESK_NEW_PASSWORD or, on a terminal, typed twice (never an argument)."""
    given = os.environ.get(NEW_PASSWORD_ENV)
    if given:
        return given
    if not sys.stdin.isatty():
        raise InvalidInput(
            _("Give the new password on a terminal or in {env}; never on the command line.").format(
                env=NEW_PASSWORD_ENV
            )
        )
    import getpass

    first = getpass.getpass(_("New password: "))
    if getpass.getpass(_("Repeat the password: ")) != first:
        raise InvalidInput(_("The passwords differ."))
    return first


def cmd_user(args: argparse.Namespace) -> int:
    from navdesk.domain.enums import AccessRole
    from navdesk.services import users

    if args.action != "list" and not args.initials:
        raise InvalidInput(_("Give the user's initials."))
    database = _open(args)
    try:
        with database.session() as session, session.begin():
            actor = _actor(session, args) if args.action == "list" else _confirmed_actor(session, args)
            if args.action == "add":
                if not args.name:
                    raise InvalidInput(_("Give the new user's name with --name."))
                users.add_user(session, actor, name=args.name, initials=args.initials, password=_new_password(),
                               access_role=args.role or AccessRole.VEILEDER)  # fmt: skip
                done = _("User {initials} added.")
            elif args.action == "set-role":
                if not args.role:
                    raise InvalidInput(_("Give the new access role with --role."))
                users.set_role(session, actor, args.initials, args.role)
                done = _("{initials} is now {role}.")
            elif args.action in ("deactivate", "activate"):
                users.set_active(session, actor, args.initials, args.action == "activate")
                done = (
                    _("{initials} is deactivated.")
                    if args.action == "deactivate"
                    else _("{initials} is active.")
                )
            elif args.action == "password":
                users.reset_password(session, actor, args.initials, _new_password())
                done = _("The password of {initials} is changed.")
            else:
                done = ""
            listed = users.list_users(session)
    finally:
        database.close()
    if args.action == "list":
        rows = [{"id": str(u.id), "initials": u.initials, "name": u.name, "access_role": u.access_role,
                 "job_role": u.job_role, "active": u.active} for u in listed]  # fmt: skip
        if args.json:
            _print_json(rows)
        else:
            for u in listed:
                state = "" if u.active else _("(deactivated)")
                print(f"{u.initials:<6} {u.name:<30} {AccessRole(u.access_role).label:<14} {state}".rstrip())
        return EXIT_OK
    initials = args.initials.strip().upper()
    role = AccessRole(args.role).label if args.role else ""
    if args.json:
        _print_json({"initials": initials, "action": args.action, "access_role": args.role})
    else:
        print(done.format(initials=initials, role=role), file=sys.stderr)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "audit": cmd_audit,
    "user": cmd_user,
    "demo": cmd_demo,
    "check": cmd_check,
    "list": cmd_list,
    "export": cmd_export,
    "deadlines": cmd_deadlines,
    "import": cmd_import,
    "print": cmd_print,
    "ot-compare": cmd_ot_compare,
    "report": cmd_report,
    "smoke-test": cmd_smoke_test,
    **cli_backup.COMMANDS,
    "retention": cmd_retention,
}


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    raw = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(raw):  # the language must be known before the help text is built
        if arg == "--lang" and i + 1 < len(raw):
            set_language(raw[i + 1])
    args = build_parser().parse_args(raw)
    for name in ("db", "data_dir", "user", "lang"):
        if not hasattr(args, name):
            setattr(args, name, None)
    if args.data_dir:  # everything kept in the data folder (the audit log's head too) follows it
        os.environ["NAVDESK_DATA_DIR"] = str(args.data_dir)
    return args


def run_command(args: argparse.Namespace) -> int:
    """Run a sub-command; a :class:`UserError` becomes its message on stderr and exit code 1."""
    from navdesk.db.engine import translate_error
    from navdesk.logs import log_crash, setup_logging

    log = setup_logging(args.data_dir, stderr_fallback=False)
    try:
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(_("navdesk: {message}").format(message=exc), file=sys.stderr)
        return EXIT_REFUSED
    except Exception as exc:
        friendly = translate_error(exc)
        if friendly is None:  # a bug: the crash report (no message, no values) goes to the log
            log_crash(type(exc), exc.__traceback__, "navdesk.cli")
            print(
                _(
                    "navdesk: NavDesk hit an error it did not expect; nothing more was saved. "
                    "Where it happened (without personal data) is in {log}."
                ).format(log=log or _("the log")),
                file=sys.stderr,
            )
            return EXIT_REFUSED
        print(_("navdesk: {message}").format(message=friendly), file=sys.stderr)
        return EXIT_REFUSED
