"""Backups of a local office database and verified restore (no Qt, no SQLAlchemy).

A backup is made with SQLite's online backup API through a connection keyed like the database, so
an encrypted database gives an encrypted backup (the same key) and a plain one a plain backup. It is
written to ``<name>.part``, synced and renamed, so a backup file is either complete or absent. Next to
it a sidecar ``<name>.json`` (the manifest) records when it was made, the schema revision, the row
count of every table, a SHA-256 of the file and a *key fingerprint*: a short one-way value of the key
(never the key), so the recovery sheet can tell which backups need an older key.

Backups in a folder are named ``<database>-backup-YYYYMMDD-HHMMSS.db`` (local time), so the rotation
(:mod:`navdesk.domain.backup_policy`: the newest daily ones and the first of each recent ISO week) is
decided from the names alone; only files with such names are ever deleted.

Restore verifies first (the key opens it, ``PRAGMA integrity_check``, a schema revision this NavDesk
knows, the file's checksum and row counts as in the manifest), keeps the current database as
``<db>.before-restore-<stamp>`` and then moves the verified copy in place with one rename.
"""

from __future__ import annotations

import errno
import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from navdesk.db.keys import Secret
from navdesk.db.raw import connect_raw, file_kind, translate_error
from navdesk.db.revisions import known_revisions
from navdesk.domain.backup_policy import DEFAULT_DAILY, DEFAULT_WEEKLY
from navdesk.errors import DatabaseError, DatabaseTooNew, InvalidInput, NotADatabase, UserError, WrongKey
from navdesk.i18n import _

Progress = Callable[[int, int], None]  # (pages copied, pages in all)
PAGES_PER_STEP = 4096  # 16 MB per step with 4 kB pages: progress for large files, little overhead
SETTINGS_FILE = "backup-settings.json"
DEFAULT_FOLDER = "backups"
_NAME = re.compile(r"^(?P<stem>.+)-backup-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?\.db$")
_FINGERPRINT_LABEL = b"NavDesk key fingerprint v1"
_SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class BackupFolderMissing(InvalidInput):
    """The backup folder is not there (a USB stick pulled out, a network share away)."""


class BackupInvalid(NotADatabase):
    """The backup file failed verification; nothing was changed."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what its manifest says (``manifest`` False when the sidecar is missing)."""

    path: Path
    made_at: datetime | None
    size: int
    encrypted: bool
    key_fingerprint: str = ""
    revision: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    sha256: str = ""
    source: str = ""
    manifest: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "made_at": self.made_at.isoformat() if self.made_at else None,
                "size": self.size, "encrypted": self.encrypted, "key_fingerprint": self.key_fingerprint,
                "revision": self.revision, "rows": self.rows, "sha256": self.sha256, "source": self.source,
                "manifest": self.manifest}  # fmt: skip


# -- keys ------------------------------------------------------------------------------------------
@lru_cache(maxsize=32)
def key_fingerprint(secret: Secret | None) -> str:
    """A short one-way value of the key ("" for a plain database); the same key gives the same value.

    A raw key is random (256 bits): an HMAC of a constant is enough. A passphrase goes through PBKDF2
    with as many rounds as SQLCipher's own key derivation, so the fingerprint is no shortcut for
    guessing it; only 10 hex digits are kept.
    """
    if secret is None:
        return ""
    if secret.raw:
        digest = hmac.new(bytes.fromhex(secret.value), _FINGERPRINT_LABEL, hashlib.sha256).hexdigest()
    else:
        digest = hashlib.pbkdf2_hmac(
            "sha256", secret.value.encode("utf-8"), _FINGERPRINT_LABEL, 256_000
        ).hex()
    return digest[:10]


def rekey_pragma(secret: Secret) -> str:
    return "PRAGMA rekey" + secret.pragma()[len("PRAGMA key") :]


# -- the backup folder (a per-machine setting in the data folder) ------------------------------------
def default_folder(data_dir: Path) -> Path:
    return data_dir / DEFAULT_FOLDER


def chosen_folder(data_dir: Path) -> Path | None:
    """The folder the office chose on this machine, or None (the default in the data folder)."""
    try:
        data = json.loads((data_dir / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    folder = data.get("folder") if isinstance(data, dict) else None
    return Path(folder) if isinstance(folder, str) and folder else None


def backup_folder(data_dir: Path) -> Path:
    return chosen_folder(data_dir) or default_folder(data_dir)


def set_backup_folder(data_dir: Path, folder: Path | None) -> None:
    """Remember the chosen folder on this machine (None: back to the default)."""
    from navdesk.paths import write_atomically

    if folder is not None and not folder.is_dir():
        raise BackupFolderMissing(folder_missing_message(folder))
    data = {"folder": str(folder.resolve())} if folder is not None else {}
    write_atomically(json.dumps(data, ensure_ascii=False).encode("utf-8"), data_dir / SETTINGS_FILE)


def folder_missing_message(folder: Path) -> str:
    return _(
        "The backup folder {folder} is not available (is the USB stick or network drive connected?). "
        "No backup was made; everything is still safe in the database. Connect it or choose another folder."
    ).format(folder=folder)


def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise BackupFolderMissing(folder_missing_message(folder))


# -- making a backup -------------------------------------------------------------------------------
def backup_name(stem: str, moment: datetime) -> str:
    return f"{stem}-backup-{moment:%Y%m%d-%H%M%S}.db"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _contents(conn: Any) -> tuple[str | None, dict[str, int]]:
    """The schema revision and the row count of every table of an open connection."""
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]  # fmt: skip
    rows = {name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in tables}
    revision = None
    if "alembic_version" in tables:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(found[0]) if found else None
    return revision, rows


def _write_manifest(info: BackupInfo) -> None:
    from navdesk.paths import write_atomically

    data = {k: v for k, v in info.as_json().items() if k not in ("file", "manifest")}
    data["navdesk_backup"] = 1
    write_atomically(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"), manifest_path(info.path))


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".json")


def backup_file(db_path: Path, secret: Secret | None, out: Path, *, progress: Progress | None = None,
                now: datetime | None = None) -> BackupInfo:  # fmt: skip
    """Copy the database at ``db_path`` (open or not) to ``out`` with the same key, and its manifest."""
    if file_kind(db_path) in ("missing", "empty"):
        raise InvalidInput(_("There is no database at {path}.").format(path=db_path))
    if out.absolute() == db_path.absolute():
        raise InvalidInput(_("A backup cannot be written over the database itself; give another file."))
    _check_folder(out.parent)
    moment = (now or datetime.now().astimezone()).astimezone()
    tmp = out.with_name(out.name + ".part")
    src = dst = None
    try:
        src = connect_raw(db_path, secret)
        tmp.unlink(missing_ok=True)
        dst = connect_raw(tmp, secret)

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        src.backup(dst, pages=PAGES_PER_STEP, progress=step)
        dst.execute("PRAGMA journal_mode = DELETE").fetchall()  # one self-contained file
        if dst.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise NotADatabase(_("The database is damaged, so no backup was made (the older backups are kept as "
                                 "they are). Restore the newest good backup under Settings → Backups."))  # fmt: skip
        revision, rows = _contents(dst)
        dst.close()
        dst = None
        _fsync(tmp)
        digest = _sha256(tmp)
        size = tmp.stat().st_size
        tmp.replace(out)
    except UserError:
        raise
    except Exception as exc:
        if not out.parent.is_dir():
            raise BackupFolderMissing(folder_missing_message(out.parent)) from exc
        raise translate_error(exc, str(out)) or exc from exc
    finally:
        for conn in (dst, src):
            if conn is not None:
                conn.close()
        for leftover in (tmp, *(Path(str(tmp) + s) for s in _SIDE_SUFFIXES)):
            leftover.unlink(missing_ok=True)
    info = BackupInfo(path=out, made_at=moment.replace(microsecond=0), size=size, encrypted=secret is not None,
                      key_fingerprint=key_fingerprint(secret), revision=revision, rows=rows, sha256=digest,
                      source=db_path.name)  # fmt: skip
    try:
        _write_manifest(info)
    except OSError as exc:
        out.unlink(missing_ok=True)
        if not out.parent.is_dir():
            raise BackupFolderMissing(folder_missing_message(out.parent)) from exc
        raise translate_error(exc, str(out)) or exc from exc
    return info


def backup_to_folder(db_path: Path, secret: Secret | None, folder: Path, *, progress: Progress | None = None,
                     now: datetime | None = None, daily: int = DEFAULT_DAILY,
                     weekly: int = DEFAULT_WEEKLY) -> tuple[BackupInfo, list[Path]]:  # fmt: skip
    """A new backup in ``folder`` and the rotation of that database's older ones: (backup, removed)."""
    _check_folder(folder)
    moment = (now or datetime.now().astimezone()).astimezone()
    out = folder / backup_name(db_path.stem, moment)
    n = 1
    while out.exists() or manifest_path(out).exists():  # two in the same second (or a clock set back)
        n += 1
        out = folder / f"{backup_name(db_path.stem, moment)[:-3]}-{n}.db"
    info = backup_file(db_path, secret, out, progress=progress, now=moment)
    removed = rotate(folder, db_path.stem, moment.date(), daily=daily, weekly=weekly)
    return info, removed


# -- rotation ----------------------------------------------------------------------------------------
def _stamp(path: Path) -> tuple[str, datetime, int] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        moment = datetime.strptime(match.group("stamp"), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return match.group("stem"), moment, int(match.group("n") or 1)


def keep(moments: Sequence[datetime], today: date, *, daily: int = DEFAULT_DAILY,
         weekly: int = DEFAULT_WEEKLY) -> set[datetime]:  # fmt: skip
    """Which of the backup times to keep: the newest backup of each of the last ``daily`` days, and the
    first backup of each of the last ``weekly`` ISO weeks (the rule of ``backups_hold_until``). The
    newest backup is always kept."""
    kept: set[datetime] = set()
    if not moments:
        return kept
    ordered = sorted(moments)
    kept.add(ordered[-1])
    by_day: dict[date, datetime] = {}
    for moment in ordered:
        by_day[moment.date()] = moment  # the last of each day
    for day, moment in by_day.items():
        if 0 <= (today - day).days < daily:
            kept.add(moment)
    this_monday = today - timedelta(days=today.weekday())
    by_week: dict[date, datetime] = {}
    for moment in reversed(ordered):
        monday = moment.date() - timedelta(days=moment.weekday())
        by_week[monday] = moment  # the first of each week
    for monday, moment in by_week.items():
        if 0 <= (this_monday - monday).days // 7 < weekly:
            kept.add(moment)
    return kept


def rotate(folder: Path, stem: str, today: date, *, daily: int = DEFAULT_DAILY,
           weekly: int = DEFAULT_WEEKLY) -> list[Path]:  # fmt: skip
    """Delete the backups of database ``stem`` in ``folder`` that the rotation no longer keeps."""
    found: dict[datetime, list[Path]] = {}
    for path in folder.glob(f"{glob_escape(stem)}-backup-*.db"):
        parsed = _stamp(path)
        if parsed and parsed[0] == stem:
            found.setdefault(parsed[1], []).append(path)
    kept = keep(list(found), today, daily=daily, weekly=weekly)
    removed: list[Path] = []
    for moment, paths in found.items():
        if moment in kept:
            continue
        for path in paths:
            path.unlink(missing_ok=True)
            manifest_path(path).unlink(missing_ok=True)
            removed.append(path)
    return sorted(removed)


def glob_escape(text: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", text)


# -- listing -----------------------------------------------------------------------------------------
def read_info(path: Path) -> BackupInfo:
    """A backup file with its manifest (or, without one, what the file itself says)."""
    size = path.stat().st_size
    try:
        data = json.loads(manifest_path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("navdesk_backup") != 1:
            raise ValueError("not a manifest")
    except (OSError, ValueError):
        parsed = _stamp(path)
        made = parsed[1].astimezone() if parsed else None
        return BackupInfo(path=path, made_at=made, size=size, encrypted=file_kind(path) == "encrypted",
                          manifest=False)  # fmt: skip
    made_at = data.get("made_at")
    return BackupInfo(
        path=path, made_at=datetime.fromisoformat(made_at) if made_at else None, size=size,
        encrypted=bool(data.get("encrypted")), key_fingerprint=str(data.get("key_fingerprint") or ""),
        revision=data.get("revision"), rows={str(k): int(v) for k, v in (data.get("rows") or {}).items()},
        sha256=str(data.get("sha256") or ""), source=str(data.get("source") or ""),
    )  # fmt: skip


def list_backups(folder: Path, stem: str | None = None) -> list[BackupInfo]:
    """The backups in ``folder`` (of database ``stem`` only, when given), newest first."""
    if not folder.is_dir():
        raise BackupFolderMissing(folder_missing_message(folder))
    found = []
    for path in folder.glob("*-backup-*.db"):
        parsed = _stamp(path)
        if parsed is None or (stem is not None and parsed[0] != stem):
            continue
        try:
            found.append(read_info(path))
        except OSError:
            continue  # removed meanwhile

    def order(info: BackupInfo) -> tuple[float, int]:
        parsed = _stamp(info.path)
        return (info.made_at.timestamp() if info.made_at else 0.0, parsed[2] if parsed else 0)

    return sorted(found, key=order, reverse=True)


def newest_backup_age(folder: Path, stem: str, now: datetime | None = None) -> timedelta | None:
    """How old the newest backup of ``stem`` in ``folder`` is (None when there is none)."""
    backups = [b for b in list_backups(folder, stem) if b.made_at is not None]
    if not backups:
        return None
    moment = now or datetime.now().astimezone()
    made = backups[0].made_at
    assert made is not None
    return moment - (made if made.tzinfo else made.astimezone())


# -- verifying -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Verified:
    info: BackupInfo
    secret: Secret | None  # the key that opens it
    revision: str | None
    rows: dict[str, int]


def _ordered(info: BackupInfo, secrets: Iterable[Secret | None]) -> list[Secret]:
    unique: list[Secret] = []
    for secret in secrets:
        if secret is not None and secret not in unique:
            unique.append(secret)
    if info.key_fingerprint:  # the key the manifest names first
        unique.sort(key=lambda s: key_fingerprint(s) != info.key_fingerprint)
    return unique


def _open_backup(path: Path, secret: Secret | None) -> Any:
    conn = connect_raw(path, secret, read_only=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except Exception:
        conn.close()
        raise
    return conn


def verify_backup(
    path: Path, secrets: Iterable[Secret | None] = (), *, require_manifest: bool = True
) -> Verified:
    """Check the backup before anything is replaced; raise a clear :class:`UserError` if it fails."""
    if file_kind(path) in ("missing", "empty"):
        raise BackupInvalid(_("There is no backup at {path}.").format(path=path))
    info = read_info(path)
    if not info.manifest and require_manifest:
        raise BackupInvalid(_(
            "The backup {file} has no manifest ({manifest}), so its contents cannot be checked. Copy the "
            "manifest next to it, or restore without the check (--without-manifest)."
        ).format(file=path.name, manifest=manifest_path(path).name))  # fmt: skip
    if info.sha256 and _sha256(path) != info.sha256:
        raise BackupInvalid(_("The backup {file} has been changed or damaged since it was made (the checksum "
                              "differs). Nothing was changed.").format(file=path.name))  # fmt: skip
    conn, used = None, None
    if file_kind(path) == "plain":
        conn = _open_backup(path, None)
    else:
        for secret in _ordered(info, secrets):
            try:
                conn = _open_backup(path, secret)
            except Exception:
                continue
            used = secret
            break
        if conn is None:
            needed = _(" It needs the key with fingerprint {fp} (see the recovery sheet).").format(
                fp=info.key_fingerprint) if info.key_fingerprint else ""  # fmt: skip
            raise WrongKey(_("No key NavDesk knows opens the backup {file}. Give its passphrase or the key from "
                             "the recovery sheet (NAVDESK_PASSPHRASE).").format(file=path.name) + needed)  # fmt: skip
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise BackupInvalid(_("The backup {file} is damaged (integrity check failed). Nothing was changed.")
                                .format(file=path.name))  # fmt: skip
        revision, rows = _contents(conn)
    except UserError:
        raise
    except Exception as exc:
        raise BackupInvalid(_("The backup {file} is damaged or is not a NavDesk database. Nothing was changed.")
                            .format(file=path.name)) from exc  # fmt: skip
    finally:
        conn.close()
    if revision is None:
        raise BackupInvalid(_("The backup {file} is not a NavDesk database. Nothing was changed.").format(
            file=path.name))  # fmt: skip
    if revision not in known_revisions()[0]:
        raise DatabaseTooNew(_("The backup {file} was made by a newer version of NavDesk (schema {revision}). "
                               "Install the newest NavDesk to restore it. Nothing was changed.").format(
            file=path.name, revision=revision))  # fmt: skip
    if info.manifest:
        if info.revision != revision:
            raise BackupInvalid(_("The backup {file} does not match its manifest (schema version). Nothing was "
                                  "changed.").format(file=path.name))  # fmt: skip
        differs = sorted(t for t in set(info.rows) | set(rows) if info.rows.get(t) != rows.get(t))
        if differs:
            raise BackupInvalid(_("The backup {file} does not match its manifest: the number of rows differs in "
                                  "{tables}. Nothing was changed.").format(file=path.name, tables=", ".join(differs)))  # fmt: skip
    return Verified(info, used, revision, rows)


def latest_good_backup(
    folders: Iterable[Path], stem: str, secrets: Iterable[Secret | None]
) -> Verified | None:
    """The newest backup of database ``stem`` in any of ``folders`` that verifies, or None."""
    candidates: list[BackupInfo] = []
    for folder in dict.fromkeys(folders):
        try:
            candidates += list_backups(folder, stem)
        except UserError:
            continue
    candidates.sort(key=lambda i: i.made_at.timestamp() if i.made_at else 0, reverse=True)
    keys = list(secrets)
    for info in candidates:
        try:
            return verify_backup(info.path, keys)
        except UserError:
            continue
    return None


# -- restoring -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Restored:
    verified: Verified
    kept: Path | None  # the database as it was before the restore (None: there was none)
    secret: Secret | None  # the key of the restored database


_SAME = object()


def restore_file(backup: Path, db_path: Path, *, secrets: Iterable[Secret | None] = (),
                 target_secret: Secret | object | None = _SAME, require_manifest: bool = True,
                 now: datetime | None = None) -> Restored:  # fmt: skip
    """Verify ``backup`` and put it in place of the database at ``db_path`` (closed by the caller).

    ``target_secret``: the key the restored database gets (the current database's key, so the keyring
    still opens it); by default it keeps the backup's key. The current database (and its WAL) is kept
    as ``<db>.before-restore-<stamp>`` first.
    """
    verified = verify_backup(backup, secrets, require_manifest=require_manifest)
    key = verified.secret if target_secret is _SAME else target_secret
    assert key is None or isinstance(key, Secret)
    if (key is None) != (verified.secret is None):
        raise InvalidInput(
            _("The backup is encrypted and the database is not, or the other way round. Restore it to a new "
              "file instead (--db NEW_FILE). Nothing was changed.") if file_kind(db_path) != "missing"
            else _("The backup cannot be restored with another kind of encryption. Nothing was changed."))  # fmt: skip
    if file_kind(db_path) not in ("missing", "empty"):
        _refuse_if_in_use(db_path, key)
    moment = (now or datetime.now().astimezone()).astimezone()
    stamp = f"{moment:%Y%m%d-%H%M%S}"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(f"{db_path.name}.restore-{stamp}.part")
    kept: Path | None = None
    try:
        shutil.copyfile(backup, tmp)
        conn = connect_raw(tmp, verified.secret)
        try:
            if key is not None and key != verified.secret:
                conn.execute(rekey_pragma(key))
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            if conn.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise BackupInvalid(_("The copy of the backup could not be verified. Nothing was changed."))
        finally:
            conn.close()
        _fsync(tmp)
        if file_kind(db_path) != "missing":
            kept = _keep_current(db_path, stamp)
        tmp.replace(db_path)
    except UserError:
        raise
    except Exception as exc:
        raise translate_error(exc, str(db_path)) or exc from exc
    finally:
        for leftover in (tmp, *(Path(str(tmp) + s) for s in _SIDE_SUFFIXES)):
            leftover.unlink(missing_ok=True)
    return Restored(verified, kept, key)


def _refuse_if_in_use(db_path: Path, secret: Secret | None) -> None:
    """Refuse while another program (NavDesk in another window) has the database open: it would go on
    writing to the file being replaced. An open connection holds a shared lock in WAL mode."""
    try:
        conn = connect_raw(db_path, secret)
    except Exception:
        return
    try:
        conn.isolation_level = None
        conn.execute("PRAGMA busy_timeout = 200")
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except Exception as exc:
        if "locked" in str(exc).lower() or "busy" in str(exc).lower():
            raise DatabaseError(_("The database {file} is open in NavDesk or another program. Close it there and "
                                  "restore again. Nothing was changed.").format(file=db_path.name)) from exc  # fmt: skip
        # a damaged database (the reason to restore) cannot be locked this way: go on
    finally:
        conn.close()


def _keep_current(db_path: Path, stamp: str) -> Path:
    """Keep the current database (file and WAL) under a new name before it is replaced."""
    try:  # fold the WAL into the file when the database is healthy enough to allow it
        conn = sqlite3.connect(f"file:{db_path}?mode=rw", uri=True) if file_kind(db_path) == "plain" else None
        if conn is not None:
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                conn.close()
    except sqlite3.Error:
        pass
    kept = db_path.with_name(f"{db_path.name}.before-restore-{stamp}")
    shutil.copyfile(db_path, kept)
    _fsync(kept)
    wal = Path(str(db_path) + "-wal")
    if wal.exists():
        wal.replace(Path(str(kept) + "-wal"))  # moved, never replayed onto the restored file
    Path(str(db_path) + "-shm").unlink(missing_ok=True)
    Path(str(db_path) + "-journal").unlink(missing_ok=True)
    return kept


# -- PostgreSQL --------------------------------------------------------------------------------------
def pg_dump_path() -> str | None:
    return shutil.which("pg_dump")


def pg_dump_backup(url: str, out: Path) -> Path:
    """``pg_dump`` of the office database (custom format) to ``out``; the password from PGPASSWORD or
    ~/.pgpass. Without pg_dump: a clear message to use the server's own backups."""
    import subprocess

    program = pg_dump_path()
    if program is None:
        raise DatabaseError(_("pg_dump is not installed on this machine. An office on a database server is backed "
                              "up with the server's own backups: ask IT."))  # fmt: skip
    _check_folder(out.parent)
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:  # never on the command line, where other users could see it
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    tmp = out.with_name(out.name + ".part")
    try:
        proc = subprocess.run([program, "--format=custom", "--no-owner", f"--file={tmp}", f"--dbname={plain}"],
                              capture_output=True, text=True, timeout=3600, check=False, env=env)  # fmt: skip
        if proc.returncode != 0:
            raise DatabaseError(_("pg_dump failed: {detail}").format(
                detail=(proc.stderr.strip().splitlines() or ["?"])[-1][:300]))  # fmt: skip
        tmp.replace(out)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) and not out.parent.is_dir():
            raise BackupFolderMissing(folder_missing_message(out.parent)) from exc
        raise translate_error(exc, str(out)) or exc from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out
