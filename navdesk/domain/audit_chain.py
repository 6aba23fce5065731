"""The audit trail's hash chain (issue 9): what each link covers. Pure functions; never change them.

Every audit event carries ``chain = sha256(previous chain ‖ canonical metadata)``. The metadata
includes the digest of the event's payload (the before/after values), not the payload itself, so a
youth's payloads can be erased while the chain still verifies: an erased payload is *absent*, which
is told apart from an *altered* one, whose digest no longer matches.

The first event links to :data:`GENESIS`. Changing what is hashed here would make every existing
chain fail verification: this is a stored format, like a migration.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime

GENESIS = "0" * 64


def _id(value: uuid.UUID | None) -> str:
    return value.hex if value is not None else ""


def canonical_time(at: datetime) -> str:
    """The time as hashed: UTC, microseconds (what SQLite and PostgreSQL both keep)."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def link(
    previous: str,
    *,
    event_id: uuid.UUID,
    seq: int,
    at: datetime,
    user_id: uuid.UUID | None,
    user_initials: str,
    action: str,
    entity: str,
    entity_id: uuid.UUID | None,
    youth_id: uuid.UUID | None,
    source: str,
    payload_digest: str,
) -> str:
    """The chain value of one event, given the chain value of the event before it."""
    fields = [
        _id(event_id), str(seq), canonical_time(at), _id(user_id), user_initials or "", action, entity,
        _id(entity_id), _id(youth_id), source or "", payload_digest or "",
    ]  # fmt: skip
    blob = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((previous + "\n" + blob).encode("utf-8")).hexdigest()
