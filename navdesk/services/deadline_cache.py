"""The deadline engine's results per youth, kept in the database while they hold (decision 0009).

A youth's cached result is used when all of these are still true; otherwise the youth is computed
from the data again:

* ``facts_version`` equals the youth's (triggers raise it on every change the engine reads);
* ``epoch`` equals ``cache_epoch.value`` (triggers raise it on catalogue, club and employer changes);
* ``rules_stamp`` equals the stamp of the office's rule settings and this engine (:data:`ENGINE`);
* the day asked for lies in ``[computed_for, valid_until)`` — the engine says, per youth, the first
  day a date can change the result (``compute_with_validity``).

The versions are read *before* the facts, so a change committed in between makes the stored row
look older than it is (recomputed next time), never newer. The users' decisions are not cached:
they are applied on top each time. Names, initials and veileder come from the youth row, so a
renamed youth or a new veileder does not make the cache stale.

Payload: zlib-compressed JSON, one list per deadline: ``[rule index, subject, subject id ("" for
the youth itself), key suffix, due (ordinal), state index, met on (ordinal or 0), detail]``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import uuid
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import delete, select, text
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain.deadlines.engine import RULE_FUNCTIONS, Deadline, compute_with_validity
from navdesk.domain.deadlines.rules import RuleSetting
from navdesk.domain.portfolio import as_date, as_uuid
from navdesk.services.deadline_facts import _initials, load_facts

# Raise when the engine's code changes what it computes: every cached result is then recomputed.
ENGINE = "2026-12-04.1"
RULES = list(RULE_FUNCTIONS)
_RULE_INDEX = {rule: i for i, rule in enumerate(RULES)}
STATES = ["open", "done", "snoozed", "not_applicable"]
_STATE_INDEX = {state: i for i, state in enumerate(STATES)}
CHUNK = 500  # youths per IN-list (SQLite's bound-parameter limit) and per cache write


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while hundreds of thousands of objects are made.

    None of them form cycles; CPython would otherwise scan the growing heap again and again (about
    40 % of the time of a 50,000-youth computation).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def rules_stamp(settings: Mapping[str, RuleSetting]) -> str:
    """A digest of the rule settings (enabled, parameters) and this engine."""
    shape = [ENGINE] + [[k, s.enabled, s.params] for k, s in sorted(settings.items())]
    return hashlib.sha256(json.dumps(shape, sort_keys=True, default=str).encode()).hexdigest()


def encode(youth_hex: str, deadlines: Sequence[Deadline]) -> bytes:
    rows = []
    for d in deadlines:
        sid = d.subject_id or ""
        prefix = f"{d.rule}:{d.subject}:{d.subject_id}"
        rows.append([
            _RULE_INDEX[d.rule], d.subject, "" if sid == youth_hex else sid, d.key[len(prefix):],
            d.due.toordinal(), _STATE_INDEX[d.state], d.met_on.toordinal() if d.met_on else 0, d.detail,
        ])  # fmt: skip
    return zlib.compress(json.dumps(rows, separators=(",", ":"), ensure_ascii=False).encode(), 1)


@dataclass
class Fresh:
    """One youth computed from the data, to be stored."""

    youth_id: uuid.UUID
    facts_version: int
    deadlines: list[Deadline]
    valid_until: date


@dataclass
class Loaded:
    """Every youth's deadlines before decisions, and what to store for the youths computed anew."""

    by_youth: dict[uuid.UUID | None, list[Deadline]]
    fresh: list[Fresh] = field(default_factory=list)
    cached: int = 0
    epoch: int = 0
    stamp: str = ""
    today: date = date.min


Q_CACHED = """SELECT y.id, y.first_name, y.preferred_name, y.last_name, y.veileder_id, y.facts_version,
       c.facts_version, c.epoch, c.rules_stamp, c.computed_for, c.valid_until, c.payload
  FROM youth y LEFT JOIN deadline_cache c ON c.youth_id = y.id"""


def load(session: Session, today: date, settings: Mapping[str, RuleSetting]) -> Loaded:
    """Every youth's deadlines (no decisions applied): from the cache where it holds, else computed."""
    stamp = rules_stamp(settings)
    epoch = int(session.scalar(select(m.CacheEpoch.value).where(m.CacheEpoch.id == 1)) or 0)
    groups: dict[uuid.UUID | None, list[Deadline]] = {}
    stale: dict[uuid.UUID, int] = {}
    bosses: dict[Any, uuid.UUID] = {}
    from_ordinal = date.fromordinal
    rules, states = RULES, STATES
    cached = 0
    for row in session.execute(text(Q_CACHED)):
        yid, first, preferred, last, veileder, version, c_version, c_epoch, c_stamp, c_from, c_until, blob = (
            row
        )
        youth_id = as_uuid(yid)
        if (
            c_version != version or c_epoch != epoch or c_stamp != stamp
            or not (as_date(c_from) or date.max) <= today
            or (c_until is not None and today >= (as_date(c_until) or date.min))
        ):  # fmt: skip
            stale[youth_id] = int(version)
            continue
        cached += 1
        yhex = youth_id.hex
        name = f"{preferred or first} {last}"
        initials = _initials(first, last)
        boss = None
        if veileder:
            boss = bosses.get(veileder)
            if boss is None:
                boss = bosses[veileder] = as_uuid(veileder)
        items: list[Deadline] = []
        groups[youth_id] = items
        add = items.append
        for ri, subject, sid, suffix, due, state, met, detail in json.loads(zlib.decompress(blob)):
            rule = rules[ri]
            sid = sid or yhex
            add(Deadline(f"{rule}:{subject}:{sid}{suffix}", rule, subject, sid, youth_id, name, initials, boss,
                         from_ordinal(due), states[state], from_ordinal(met) if met else None, detail))  # fmt: skip
    fresh: list[Fresh] = []
    if stale:
        if len(stale) > 20 * CHUNK:  # most of the office: one pass over every table is cheaper
            facts = [f for f in load_facts(session) if f.id in stale]
        else:
            ids = list(stale)
            facts = [f for i in range(0, len(ids), CHUNK) for f in load_facts(session, ids[i : i + CHUNK])]
        for youth, deadlines, valid_until in compute_with_validity(facts, today, settings):
            groups[youth.id] = deadlines
            fresh.append(Fresh(youth.id, stale[youth.id], deadlines, valid_until))
    return Loaded(groups, fresh, cached, epoch, stamp, today)


UPSERT = """INSERT INTO deadline_cache (youth_id, facts_version, epoch, rules_stamp, computed_for, valid_until, payload)
SELECT :youth_id, :facts_version, :epoch, :rules_stamp, :computed_for, :valid_until, :payload
 WHERE EXISTS (SELECT 1 FROM youth WHERE id = :youth_id)
ON CONFLICT (youth_id) DO UPDATE SET facts_version = excluded.facts_version, epoch = excluded.epoch,
  rules_stamp = excluded.rules_stamp, computed_for = excluded.computed_for, valid_until = excluded.valid_until,
  payload = excluded.payload"""


def store(session: Session, loaded: Loaded, *, chunk: int = CHUNK) -> Iterator[int]:
    """Write the freshly computed youths to the cache, ``chunk`` youths at a time.

    Yields after each chunk so the caller can commit between them (short write transactions: the
    user's own saves never wait long behind the cache). A youth deleted meanwhile is skipped. Plain
    SQL with the driver's own value types: SQLAlchemy's per-value processing cost seconds here.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    day = loaded.today.isoformat() if sqlite else loaded.today
    for start in range(0, len(loaded.fresh), chunk):
        rows = []
        for f in loaded.fresh[start : start + chunk]:
            until = None if f.valid_until == date.max else f.valid_until
            rows.append({
                "youth_id": f.youth_id.hex if sqlite else f.youth_id, "facts_version": f.facts_version,
                "epoch": loaded.epoch, "rules_stamp": loaded.stamp, "computed_for": day,
                "valid_until": until.isoformat() if sqlite and until else until,
                "payload": encode(f.youth_id.hex, f.deadlines),
            })  # fmt: skip
        session.execute(text(UPSERT), rows)
        yield len(rows)


def clear(session: Session) -> None:
    """Forget every cached result (the next computation starts from the data)."""
    session.execute(delete(m.DeadlineCache))
