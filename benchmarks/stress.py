"""Crash safety under SIGKILL: ``make stress`` (1,000 kills) and the test suite's 200.

A writer (:mod:`benchmarks.crash_writer`) writes youths, changes and contacts through the use cases
into a real SQLCipher file and records each id only after its commit returned. It is killed with
SIGKILL after a random delay, a new writer starts, and so on. Afterwards the file must pass
``PRAGMA integrity_check`` and ``foreign_key_check``, every recorded write must be in it (a *loss*
otherwise), every recorded row must have its ``create`` audit event, and the audit sequence must run
1..n without a gap.

    python -m benchmarks.stress [--kills 1000] [--max-delay 0.25] [--seed 1] [--dir FOLDER]

prints the figures (kills, writes recorded, losses, seconds) and exits 1 on any loss or damage.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A raw 256-bit key, as NavDesk keeps in the OS keyring (NAVDESK_PASSPHRASE also takes one)
STRESS_KEY = "x'" + "5e" * 32 + "'"


@dataclass
class Figures:
    kills: int = 0
    writes: int = 0  # recorded (committed) writes
    losses: int = 0  # recorded writes missing from the database
    seconds: float = 0.0
    kills_before_first_write: int = 0  # cycles killed while the writer was still opening the file
    integrity: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.losses == 0 and self.integrity == "ok" and not self.problems

    def summary(self) -> str:
        return (
            f"kills={self.kills} writes={self.writes} losses={self.losses} "
            f"killed_while_opening={self.kills_before_first_write} integrity={self.integrity} "
            f"seconds={self.seconds:.1f}" + (f" problems={self.problems[:5]}" if self.problems else "")
        )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NAVDESK_PASSPHRASE"] = STRESS_KEY
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    return env


def create_office_db(path: Path) -> None:
    """A new SQLCipher office with one admin (KN) and a few youths to write contacts for."""
    from datetime import date

    from navdesk.db.keys import Secret
    from navdesk.db.opening import create_database
    from navdesk.services.office import create_office
    from navdesk.services.youths import create_youth

    db, _mode = create_database(path, secret=Secret.from_user_text(STRESS_KEY))
    try:
        with db.session() as s, s.begin():
            actor = create_office(
                s, office_name="NAV Stress", municipality="Vinje", admin_name="Kari Nordmann",
                admin_initials="KN", password="passord123",
            )  # fmt: skip
            for n in range(5):
                create_youth(
                    s, actor, first_name=f"Start{n}", last_name="Ungdom", birth_date=date(2004, 5, 1)
                )
    finally:
        db.close()


def _count_lines(path: Path) -> int:
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _wait_for_growth(records: Path, lines: int, pid: int, timeout: float = 30.0) -> None:
    """Until the writer ``pid`` has recorded its first write (or has died)."""
    end = time.monotonic() + timeout
    while _count_lines(records) == lines and time.monotonic() < end:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (FileNotFoundError, IndexError):
            return
        if state == "Z":  # it died by itself; the wait status will say why
            return
        time.sleep(0.005)


def kill_cycles(
    db_path: Path, records: Path, *, kills: int, max_delay: float, seed: int, min_delay: float = 0.0,
    anywhere: float = 0.25,
) -> Figures:  # fmt: skip
    """Start a writer, SIGKILL it after a random delay, ``kills`` times (one fork server for all).

    A share ``anywhere`` of the kills come at a random moment after the fork (so also while the
    writer opens the file, recovers the WAL, checks the key); the others at a random moment after
    its first write was recorded, so they land in the middle of transactions and commits."""
    rng = random.Random(seed)
    figures = Figures()
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in the finally below
    server = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.crash_writer", str(db_path), str(records)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=_env(), cwd=REPO, text=True,
    )  # fmt: skip
    assert server.stdin is not None and server.stdout is not None

    def ask(line: str) -> str:
        assert server.stdin is not None and server.stdout is not None
        server.stdin.write(line + "\n")
        server.stdin.flush()
        answer = server.stdout.readline()
        if not answer:
            errors.seek(0)
            raise RuntimeError("the writer's fork server died: " + errors.read().decode(errors="replace"))
        return answer.strip()

    start = time.perf_counter()
    try:
        for n in range(kills):
            before = _count_lines(records)
            pid = int(ask(f"go {seed * 100_000 + n}"))
            if rng.random() >= anywhere:  # most kills land while writing: wait for the first write
                _wait_for_growth(records, before, pid)
            time.sleep(rng.uniform(min_delay, max_delay))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it died by itself: the status below says how
            status = int(ask(f"wait {pid}"))
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                errors.seek(0)
                raise RuntimeError(
                    f"writer {pid} ended by itself (status {status}): "
                    + errors.read().decode(errors="replace")[-3000:]
                )
            figures.kills += 1
            if _count_lines(records) == before:
                figures.kills_before_first_write += 1
        ask_quit = "quit\n"
        server.stdin.write(ask_quit)
        server.stdin.flush()
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        errors.close()
    figures.seconds = time.perf_counter() - start
    return figures


def verify(db_path: Path, records: Path, figures: Figures) -> Figures:
    """Integrity, every recorded write present, audit sequence without gaps, the audit chain whole (its
    end no shorter than the head the writers kept outside the database)."""
    from sqlalchemy import select

    from navdesk.db.keys import Secret
    from navdesk.db.models import AuditEvent, Contact, Youth
    from navdesk.db.opening import open_database
    from navdesk.db.raw import connect_raw
    from navdesk.services import audit

    secret = Secret.from_user_text(STRESS_KEY)
    raw = connect_raw(db_path, secret)
    try:
        figures.integrity = "; ".join(str(r[0]) for r in raw.execute("PRAGMA integrity_check").fetchall())
        bad_keys = raw.execute("PRAGMA foreign_key_check").fetchall()
        if bad_keys:
            figures.problems.append(f"foreign_key_check: {len(bad_keys)} rows")
    finally:
        raw.close()
    created: dict[str, set[uuid.UUID]] = {"youth": set(), "contact": set()}
    updated: dict[uuid.UUID, int] = {}
    lines = records.read_text(encoding="ascii").splitlines() if records.exists() else []
    for line in lines:
        words = line.split()
        if len(words) == 2 and words[0] in created:
            created[words[0]].add(uuid.UUID(words[1]))
        elif len(words) == 3 and words[0] == "update":
            ident = uuid.UUID(words[1])
            updated[ident] = max(updated.get(ident, 0), int(words[2]))
        else:
            figures.problems.append(f"unreadable record line {line!r}")
    figures.writes = len(lines)
    database = open_database(db_path, secret=secret, migrate=False)
    try:
        with database.session() as s:
            youths = {row.id: row.version for row in s.execute(select(Youth.id, Youth.version))}
            contacts = set(s.scalars(select(Contact.id)))
            audited = set(s.scalars(select(AuditEvent.entity_id).where(AuditEvent.action == "create")))
            seqs = list(s.scalars(select(AuditEvent.seq).order_by(AuditEvent.seq)))
            chain = audit.verify(s)
    finally:
        database.close()
    missing = (created["youth"] - youths.keys()) | (created["contact"] - contacts)
    stale = {ident for ident, version in updated.items() if youths.get(ident, 0) < version}
    figures.losses = len(missing) + len(stale)
    unaudited = (created["youth"] | created["contact"]) - audited
    if unaudited:
        figures.problems.append(f"{len(unaudited)} recorded rows without their create audit event")
    if seqs != list(range(1, len(seqs) + 1)):
        figures.problems.append("the audit sequence has gaps or does not start at 1")
    if chain.problem is not None:
        figures.problems.append(f"audit chain: {chain.problem.kind} at entry {chain.problem.seq}")
    elif chain.head is None:
        figures.problems.append("audit chain: no head was kept outside the database")
    return figures


def run(folder: Path, *, kills: int, max_delay: float = 0.4, seed: int = 1) -> Figures:
    db_path = folder / "stress.db"
    records = folder / "committed.txt"
    os.environ["NAVDESK_DATA_DIR"] = str(folder / "data")  # the audit head of this office, not the user's
    create_office_db(db_path)
    figures = kill_cycles(db_path, records, kills=kills, max_delay=max_delay, seed=seed)
    return verify(db_path, records, figures)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--kills", type=int, default=1000)
    parser.add_argument("--max-delay", type=float, default=0.4, help="seconds; each kill waits 0..this")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="where to keep the database (default: temp)")
    args = parser.parse_args(argv)
    if args.dir is not None:
        args.dir.mkdir(parents=True, exist_ok=True)
        figures = run(args.dir, kills=args.kills, max_delay=args.max_delay, seed=args.seed)
    else:
        with tempfile.TemporaryDirectory(prefix="navdesk-stress-") as tmp:
            figures = run(Path(tmp), kills=args.kills, max_delay=args.max_delay, seed=args.seed)
    print(figures.summary())
    return 0 if figures.ok else 1


if __name__ == "__main__":
    sys.exit(main())
