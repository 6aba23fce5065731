"""The newest link of each office's audit chain, kept outside the database (issue 9).

The chain inside the database shows an edited or a removed entry, but not a log whose *end* was cut
off: the remaining entries still chain. So after every commit the newest (sequence number, chain
value) is written to ``audit-head.json`` in the user's data folder, beside the key index and the
settings, where rewriting the database alone cannot reach it. :func:`navdesk.services.audit.verify`
compares the database's chain with it.

The head only moves forward: a process that commits an older entry later (two programs on one
database, several laptops on one server) never lowers it. A head that lags behind is harmless (the
entries after it are still checked by the chain); one written after a restore is reset on purpose
(:func:`reset`).
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from navdesk.paths import data_dir

HEAD_FILE = "audit-head.json"


@dataclass(frozen=True)
class Head:
    seq: int
    chain: str


def _path() -> Path:
    return data_dir() / HEAD_FILE


def _load(path: Path) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _store(path: Path, data: dict[str, dict[str, object]]) -> None:
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def read(office_id: uuid.UUID) -> Head | None:
    """The head recorded on this machine for this office's database, if any."""
    entry = _load(_path()).get(office_id.hex)
    if not isinstance(entry, dict):
        return None
    seq, chain = entry.get("seq"), entry.get("chain")
    if not isinstance(seq, int) or not isinstance(chain, str):
        return None
    return Head(seq, chain)


def advance(office_id: uuid.UUID, seq: int, chain: str) -> None:
    """Record a committed entry as the head unless a later one is recorded already. Never raises: a
    head that could not be written weakens the check of the log's end, it must not stop the work."""
    try:
        path = _path()
        data = _load(path)
        current = data.get(office_id.hex, {})
        stored = current.get("seq") if isinstance(current, dict) else None
        if isinstance(stored, int) and stored >= seq:
            return
        data[office_id.hex] = {"seq": seq, "chain": chain}
        _store(path, data)
    except OSError:
        return


def reset(office_id: uuid.UUID, head: Head | None) -> None:
    """Set the head to ``head`` (the newest entry of a database just restored), or forget it."""
    path = _path()
    data = _load(path)
    if head is None:
        data.pop(office_id.hex, None)
    else:
        data[office_id.hex] = {"seq": head.seq, "chain": head.chain}
    _store(path, data)
