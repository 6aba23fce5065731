"""The command-line side of backups and keys: ``navdesk backup``, ``restore`` and ``rekey``.

Kept apart from :mod:`navdesk.cli` (which registers them) and following decision 0006: ``--db``,
``--out``, ``--json``, the acting user from ``--user``, exit codes 0/1/2 and Norwegian messages on
stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from navdesk.errors import InvalidInput
from navdesk.i18n import _

NEW_PASSPHRASE_ENV = "NAVDESK_NEW_PASSPHRASE"


def add_parsers(sub: Any, common: Callable[[argparse.ArgumentParser], None]) -> None:
    bak = sub.add_parser(
        "backup", help=_("back up the database (encrypted like it) to a file or the backup folder")
    )
    common(bak)
    bak.add_argument("--out", help=_("the backup file to write (default: a new file in the backup folder, which is "
                                     "then rotated)"))  # fmt: skip
    bak.add_argument("--json", action="store_true", help=_("machine-readable output"))

    res = sub.add_parser("restore", help=_("verify a backup and put it in place of the database (the current one "
                                           "is kept)"))  # fmt: skip
    common(res)
    res.add_argument("file", help=_("the backup file"))
    res.add_argument("--without-manifest", action="store_true",
                     help=_("restore a backup whose manifest (.json) is lost: row counts and checksum not checked"))  # fmt: skip
    res.add_argument("--json", action="store_true", help=_("machine-readable output"))

    sheet = sub.add_parser("recovery-sheet", help=_("administrators: the recovery sheet (the database key) as a PDF "
                                                    "for the office's safe; audited"))  # fmt: skip
    common(sheet)
    sheet.add_argument("--out", required=True, help=_("the PDF file to write"))
    sheet.add_argument("--json", action="store_true", help=_("machine-readable output"))

    rek = sub.add_parser("rekey", help=_("change the database key (administrators; backups made afterwards use the "
                                         "new key)"))  # fmt: skip
    common(rek)
    rek.add_argument("--passphrase", action="store_true",
                     help=_("use a new passphrase (from NAVDESK_NEW_PASSPHRASE or typed) instead of a new key in "
                            "the keyring"))  # fmt: skip
    rek.add_argument("--json", action="store_true", help=_("machine-readable output"))


def _key_of(path: Path) -> Any:
    """The key of an existing local database file (None for a plain one)."""
    from navdesk import cli
    from navdesk.db.raw import file_kind
    from navdesk.db.unlock import find_secret

    kind = file_kind(path)
    if kind == "missing":
        from navdesk.errors import NotFound

        raise NotFound(_("There is no database at {path}.").format(path=path))
    if kind != "encrypted":
        return None
    return find_secret(path, cli._ask_passphrase if sys.stdin.isatty() else None)


def cmd_backup(args: argparse.Namespace) -> int:
    from navdesk import cli
    from navdesk.db.raw import parse_target
    from navdesk.paths import data_dir
    from navdesk.services import backup

    target = parse_target(cli.db_location(args))
    out = Path(args.out).expanduser().absolute() if args.out else None
    if target.path is None:
        if out is None:
            raise InvalidInput(_("Give --out FILE for a backup of a database on a server."))
        backup.pg_dump_backup(target.url, out)
        if args.json:
            cli._print_json({"db": target.label, "out": str(out), "format": "pg_dump", "encrypted": False})
        else:
            print(_("Backup written to {out} (pg_dump).").format(out=out))
        print(_("Note: the file is NOT encrypted. Keep it safe."), file=sys.stderr)
        return cli.EXIT_OK
    secret = _key_of(target.path)
    removed: list[Path] = []
    if out is None:
        folder = backup.backup_folder(data_dir(args.data_dir))
        if folder == backup.default_folder(data_dir(args.data_dir)):
            folder.mkdir(parents=True, exist_ok=True)
        info, removed = backup.backup_to_folder(target.path, secret, folder)
    else:
        info = backup.backup_file(target.path, secret, out)
    if args.json:
        cli._print_json({"db": target.label, **info.as_json(), "removed": [str(p) for p in removed]})
    else:
        print(_("Backup written to {out} ({size}).").format(out=info.path, size=size_text(info.size)))
        if not info.encrypted:
            print(_("Note: the database is NOT encrypted, so neither is the backup."), file=sys.stderr)
    return cli.EXIT_OK


def size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} kB"


def cmd_restore(args: argparse.Namespace) -> int:
    from navdesk import cli
    from navdesk.db import keys
    from navdesk.db.raw import file_kind, parse_target
    from navdesk.db.revisions import head_revision
    from navdesk.errors import UserError
    from navdesk.services import backup

    target = parse_target(cli.db_location(args))
    if target.path is None:
        raise InvalidInput(
            _("A database on a server is restored with the server's own tools (pg_restore); ask IT.")
        )
    source = Path(args.file).expanduser().absolute()
    current: Any = backup._SAME
    if file_kind(target.path) not in ("missing", "empty"):
        try:
            current = _key_of(target.path)
        except UserError:
            current = backup._SAME  # a damaged database: the restored one keeps the backup's key
    elif file_kind(target.path) == "empty":
        target.path.unlink()
    secrets: list[Any] = [keys.env_passphrase(), *keys.candidate_keys(target.path)]
    if current is not backup._SAME:
        secrets.insert(0, current)
    restored = backup.restore_file(source, target.path, secrets=secrets, target_secret=current,
                                   require_manifest=not args.without_manifest)  # fmt: skip
    secret = restored.secret
    if (
        secret is not None
        and secret.raw
        and keys.keyring_available()
        and secret not in keys.candidate_keys(target.path)
    ):
        keys.store_key(target.path, secret)
    _audit_restore(args, target.path, restored, source)
    info = restored.verified
    if args.json:
        cli._print_json({"db": target.label, "backup": str(source), "revision": info.revision, "rows": info.rows,
                         "kept": str(restored.kept) if restored.kept else None})  # fmt: skip
    else:
        print(_("Restored {db} from {file}.").format(db=target.label, file=source.name))
        if restored.kept is not None:
            print(_("The database as it was is kept in {kept}.").format(kept=restored.kept))
        if info.revision != head_revision():
            print(_("The backup had an older schema; it has been upgraded to this NavDesk's."))
    return cli.EXIT_OK


def _audit_restore(args: argparse.Namespace, path: Path, restored: Any, source: Path) -> None:
    """Record the restore, with the acting user, in the restored database (opened, and so upgraded)."""
    from navdesk import cli
    from navdesk.db.opening import open_database
    from navdesk.services import audit

    database = open_database(path, secret=restored.secret)
    try:
        with database.session() as session, session.begin():
            actor = cli._actor(session, args)
            audit.reset_head(session)  # the log's end is now the backup's (else verify would call it cut off)
            audit.record(session, actor, "restore", "database", None,
                         after={"backup": source.name, "kept": restored.kept.name if restored.kept else None})  # fmt: skip
    finally:
        database.close()


def cmd_rekey(args: argparse.Namespace) -> int:
    from navdesk import cli
    from navdesk.db.keys import Secret
    from navdesk.services.keys_admin import change_key

    new: Secret | None = None
    if args.passphrase:
        typed = os.environ.get(NEW_PASSPHRASE_ENV)
        if not typed and sys.stdin.isatty():
            typed = cli._ask_new_passphrase()
        if not typed:
            raise InvalidInput(
                _("Give the new passphrase in NAVDESK_NEW_PASSPHRASE or type it on a terminal.")
            )
        new = Secret(typed, raw=False)
    database = cli._open(args)
    try:
        with database.session() as session:
            actor = cli._actor(session, args)
        change = change_key(database, actor, new)
    finally:
        database.close()
    if args.json:
        cli._print_json({"db": database.target.label, "old_fingerprint": change.old_fingerprint,
                         "new_fingerprint": change.new_fingerprint, "keyring": change.stored_in_keyring})  # fmt: skip
    else:
        print(_("The key is changed (fingerprint {old} → {new}). Backups made before today need the old key: "
                "print a new recovery sheet.").format(old=change.old_fingerprint, new=change.new_fingerprint))  # fmt: skip
    return cli.EXIT_OK


def cmd_recovery_sheet(args: argparse.Namespace) -> int:
    from navdesk import cli
    from navdesk.db.engine import translate_error
    from navdesk.documents.recovery import render_recovery_sheet
    from navdesk.paths import data_dir, write_atomically
    from navdesk.services import backup
    from navdesk.services.keys_admin import recovery_sheet

    out = Path(args.out).expanduser()
    database = cli._open(args)
    try:
        with database.session() as session, session.begin():
            actor = cli._actor(session, args)
            sheet = recovery_sheet(session, actor, database, backup.backup_folder(data_dir(args.data_dir)))
            try:
                write_atomically(render_recovery_sheet(sheet, args.lang), out)
            except OSError as exc:
                raise translate_error(exc, str(out)) or exc from exc
    finally:
        database.close()
    if args.json:
        cli._print_json({"out": str(out), "key_fingerprint": sheet.fingerprint, "encrypted": False,
                         "older_backups": [b.file for b in sheet.old_backups]})  # fmt: skip
    else:
        print(_("Recovery sheet written to {out}.").format(out=out))
    print(_("Note: the file holds the database key and is NOT encrypted. Print it for the safe and delete the file."),
          file=sys.stderr)  # fmt: skip
    return cli.EXIT_OK


COMMANDS = {
    "backup": cmd_backup,
    "restore": cmd_restore,
    "rekey": cmd_rekey,
    "recovery-sheet": cmd_recovery_sheet,
}
