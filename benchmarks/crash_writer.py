"""The writer the crash test kills: real writes through NavDesk's use cases into a real SQLCipher file.

Run as ``python -m benchmarks.crash_writer DB RECORDS`` (key in ``NAVDESK_PASSPHRASE``) it is a
*fork server*: it imports NavDesk, SQLAlchemy and the use cases once, then for every ``go SEED``
line on stdin forks a writer process and answers with its pid; ``wait PID`` answers with the
writer's wait status once the test has killed it. Forking from a server that holds no database
connection and no threads keeps a kill cycle short, so the test suite can afford 200 kills; the
killed process is still a separate process with its own SQLite connection, WAL writes and fsyncs.

A writer opens the database (key from ``NAVDESK_PASSPHRASE``, as the CLI does) and loops: create a
youth, change a youth, or log a contact, each in its own transaction through ``services`` (so each
write is audited through ``crud``). Only *after* ``commit`` has returned does it append one line to
the records file (``O_APPEND`` + ``fsync``): ``youth <id>``, ``contact <id>`` or
``update <youth id> <version>``. Whatever is in that file must therefore be in the database.
"""

from __future__ import annotations

import os
import random
import sys
import traceback
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from navdesk.db.models import Youth
from navdesk.db.opening import open_database
from navdesk.domain.enums import ContactChannel
from navdesk.services.contacts import log_contact
from navdesk.services.context import actor_for
from navdesk.services.youths import create_youth, update_youth

FIRST = ["Åse", "Øystein", "Kari", "Ola", "Sølvi", "Håkon", "Máret", "Ærle"]
LAST = ["Ødegård", "Bråten", "Nordmann", "Sæther", "Eira", "Løvås"]
CHANNELS = [ContactChannel.SAMTALE, ContactChannel.TELEFON, ContactChannel.SMS, ContactChannel.VIDEO]


def write_forever(db_path: Path, records: Path, seed: int) -> None:
    """Open the database and write until killed (a writer never stops by itself)."""
    rng = random.Random(seed)
    database = open_database(db_path, migrate=False)
    out = os.open(records, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with database.session() as session:
        actor = actor_for(session, "KN", source="cli")
        youths = list(session.scalars(select(Youth.id)))
    while True:
        roll = rng.random()
        with database.session() as session, session.begin():
            if roll < 0.15 or not youths:
                ident = create_youth(
                    session, actor, first_name=rng.choice(FIRST), last_name=rng.choice(LAST),
                    birth_date=date(1998, 1, 1) + timedelta(days=rng.randrange(4000)),
                    notes="Notat " + uuid.uuid4().hex,
                )  # fmt: skip
                line = f"youth {ident}"
            elif roll < 0.3:
                youth = session.get(Youth, rng.choice(youths))
                assert youth is not None
                update_youth(session, actor, youth.id, youth.version, notes="Endret " + uuid.uuid4().hex)
                line = f"update {youth.id} {youth.version}"
            else:
                youth_id = rng.choice(youths)
                ident = log_contact(
                    session, actor, youth_id, at=datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=rng.randrange(1, 9000)),
                    channel=rng.choice(CHANNELS), note="Samtale " + uuid.uuid4().hex,
                )  # fmt: skip
                line = f"contact {ident}"
        # the commit has returned: only now is the write recorded as done
        os.write(out, (line + "\n").encode("ascii"))
        os.fsync(out)
        if line.startswith("youth "):
            youths.append(uuid.UUID(line.split()[1]))


def _child(db_path: Path, records: Path, seed: int) -> None:
    try:
        write_forever(db_path, records, seed)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(3)
    os._exit(4)  # pragma: no cover - write_forever never returns


def serve(db_path: Path, records: Path) -> None:
    """The fork server: ``go SEED`` -> the writer's pid; ``wait PID`` -> its wait status."""
    for raw in sys.stdin:
        words = raw.split()
        if not words:
            continue
        if words[0] == "go":
            sys.stdout.flush()
            pid = os.fork()
            if pid == 0:
                sys.stdin.close()
                _child(db_path, records, int(words[1]))
            print(pid, flush=True)
        elif words[0] == "wait":
            _pid, status = os.waitpid(int(words[1]), 0)
            print(status, flush=True)
        elif words[0] == "quit":
            return


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
