"""Deadlines for the office: load the facts, apply the office's rules and the users' decisions.

``load_facts`` (:mod:`navdesk.services.deadline_facts`) reads everything the engine needs with
one plain SQL query per kind of fact and groups it per youth; ``compute`` runs the pure engine. ``DeadlineBook`` keeps the result per
youth so a change to one youth recomputes only that youth. Decisions (done by hand, snoozed, not
applicable — each with a reason) are stored against the deadline's stable key and audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from navdesk.db import models as m
from navdesk.domain.deadlines.engine import Deadline, Decision, apply_decision, compute_all
from navdesk.domain.deadlines.rules import RULES_BY_ID, RuleSetting, default_settings
from navdesk.domain.enums import AccessRole, DeadlineState
from navdesk.domain.text import OSLO
from navdesk.errors import InvalidInput, PermissionDenied
from navdesk.i18n import _
from navdesk.services import crud, deadline_cache
from navdesk.services.context import Actor
from navdesk.services.deadline_facts import load_facts


def rule_settings(session: Session) -> dict[str, RuleSetting]:
    """The office's rule settings; a rule without a row keeps its defaults."""
    settings = default_settings()
    for row in session.scalars(select(m.DeadlineRule)):
        if row.rule_id in settings:
            params = dict(settings[row.rule_id].params)
            params.update(row.params or {})
            settings[row.rule_id] = RuleSetting(row.rule_id, row.enabled, params, row.version)
    return settings


def decisions(
    session: Session, youth_ids: list[uuid.UUID] | None = None, *, rule: str | None = None
) -> dict[str, Decision]:
    """The users' decisions by deadline key (of some youths, or of one rule's deadlines)."""
    query = select(m.DeadlineDecision)
    if youth_ids is not None:
        query = query.where(m.DeadlineDecision.youth_id.in_(youth_ids))
    if rule is not None:
        query = query.where(m.DeadlineDecision.key.like(f"{rule}:%"))
    return {
        d.key: Decision(d.state.value, d.until, d.reason, d.updated_at.astimezone(OSLO).date())
        for d in session.scalars(query)
    }


def office_tasks(session: Session, today: date) -> list[Deadline]:
    """Manual tasks that concern no youth (the office's own to-do list)."""
    out = []
    for t in session.scalars(select(m.Task).where(m.Task.youth_id.is_(None), m.Task.due_date.is_not(None))):
        assert t.due_date is not None
        out.append(
            Deadline(f"manual:task:{t.id.hex}", "manual", "task", t.id.hex, None, None, None, t.user_id, t.due_date,
                     "done" if t.done_on else "open", t.done_on, t.title)
        )  # fmt: skip
    return out


def compute(
    session: Session, today: date, youth_ids: list[uuid.UUID] | None = None, *, cache: bool = True
) -> list[Deadline]:
    """All deadlines (or those of some youths), decisions applied.

    For all youths the stored results are used where they hold (:mod:`navdesk.services.deadline_cache`);
    ``cache=False`` computes everything from the data.
    """
    groups = _compute(session, today, youth_ids, cache=cache)[0]
    return [d for items in groups.values() for d in items]


def _compute(
    session: Session, today: date, youth_ids: list[uuid.UUID] | None, *, cache: bool
) -> tuple[dict[uuid.UUID | None, list[Deadline]], deadline_cache.Loaded | None]:
    """Deadlines per youth (None: the office's own tasks), decisions applied; what was loaded."""
    settings = rule_settings(session)
    chosen = decisions(session, youth_ids)
    loaded = None
    with deadline_cache.gc_paused():
        if youth_ids is None and cache:
            loaded = deadline_cache.load(session, today, settings)
            groups = dict(loaded.by_youth)
        else:
            groups = {}
            for d in compute_all(load_facts(session, youth_ids), today, settings):
                groups.setdefault(d.youth_id, []).append(d)
        if chosen:
            for owner, items in groups.items():
                groups[owner] = [apply_decision(d, chosen.get(d.key), today) for d in items]
    if youth_ids is None:
        groups[None] = [apply_decision(d, chosen.get(d.key), today) for d in office_tasks(session, today)]
    return groups, loaded


def decide(
    session: Session, actor: Actor, key: str, state: DeadlineState | str, *, reason: str,
    until: date | None = None, youth_id: uuid.UUID | None = None, today: date | None = None,
) -> None:  # fmt: skip
    """Mark a deadline done by hand, snooze it until a date, or mark it not applicable; or reopen it."""
    chosen = DeadlineState(state)
    today = today or date.today()
    if chosen is not DeadlineState.OPEN and not reason.strip():
        raise InvalidInput(_("Give a reason."))
    if chosen is DeadlineState.SNOOZED and (until is None or until <= today):
        raise InvalidInput(_("Snooze until a date after today."))
    if key.split(":", 1)[0] not in RULES_BY_ID:
        raise InvalidInput(_("Unknown deadline."))
    existing = session.scalars(select(m.DeadlineDecision).where(m.DeadlineDecision.key == key)).first()
    if chosen is DeadlineState.OPEN:
        if existing is not None:
            crud.delete(session, actor, existing)
        return
    values: dict[str, Any] = {"state": chosen, "until": until if chosen is DeadlineState.SNOOZED else None, "reason": reason.strip(),
              "user_id": actor.user_id}  # fmt: skip
    if existing is None:
        crud.create(session, actor, m.DeadlineDecision, key=key, youth_id=youth_id, **values)
    else:
        crud.update(session, actor, existing, None, **values)


MET_BY_EVENTS = ("meeting_held", "activity_started", "club_started", "contact_held")


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _check_param(name: str, default: Any, value: Any) -> None:
    """A parameter must have its default's shape: a whole number, a list of them, MM-DD, or known events."""
    if name == "met_by":
        if not isinstance(value, list) or not value or set(value) - set(MET_BY_EVENTS):
            raise InvalidInput(_("Choose at least one event that meets the deadline."))
    elif isinstance(default, int):  # bool is an int too
        if not _whole(value):
            raise InvalidInput(_("{name} must be a whole number of 0 or more.").format(name=name))
    elif isinstance(default, list):
        if not isinstance(value, list) or not value or not all(_whole(v) for v in value):
            raise InvalidInput(_("{name} must be a list of whole numbers of 0 or more.").format(name=name))
    elif isinstance(default, str):
        try:
            month, day = (int(part) for part in str(value).split("-"))
            date(2027, month, day)  # not a leap year: 29.02 is refused
        except ValueError:
            raise InvalidInput(_("{name} must be a day of the year (MM-DD).").format(name=name)) from None


def update_rule(
    session: Session, actor: Actor, rule_id: str, *, enabled: bool | None = None, params: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> None:  # fmt: skip
    """Change an office rule (admins only)."""
    if actor.access_role is not AccessRole.ADMIN:
        raise PermissionDenied(_("Only an administrator may change the office's rules."))
    row = session.scalars(select(m.DeadlineRule).where(m.DeadlineRule.rule_id == rule_id)).first()
    if row is None:
        raise InvalidInput(_("Unknown rule: {rule}").format(rule=rule_id))
    changes: dict[str, Any] = {}
    if enabled is not None:
        changes["enabled"] = enabled
    if params is not None:
        defaults = RULES_BY_ID[rule_id].params
        unknown = set(params) - set(defaults)
        if unknown:
            raise InvalidInput(_("Unknown parameters: {names}").format(names=", ".join(sorted(unknown))))
        for name, value in params.items():
            _check_param(name, defaults[name], value)
        changes["params"] = {**(row.params or {}), **params}
    crud.update(session, actor, row, expected_version, **changes)


@dataclass
class DeadlineBook:
    """Deadlines kept per youth; ``refresh_youth`` recomputes one youth after an edit."""

    today: date
    by_youth: dict[uuid.UUID | None, list[Deadline]] = field(default_factory=dict)
    loaded: deadline_cache.Loaded | None = field(default=None, repr=False)

    @classmethod
    def build(cls, session: Session, today: date, *, cache: bool = True) -> DeadlineBook:
        """Every deadline of the office; stored results are used where they hold (``cache``)."""
        book = cls(today)
        book.by_youth, book.loaded = _compute(session, today, None, cache=cache)
        return book

    def save_cache(self, sessions: Callable[[], Session]) -> int:
        """Store the youths this book computed from the data, a few hundred per transaction; how many.

        ``sessions`` makes a new session (``Database.session``); a youth deleted meanwhile is skipped.
        """
        if self.loaded is None or not self.loaded.fresh:
            return 0
        stored = 0
        with sessions() as session:
            writes = deadline_cache.store(session, self.loaded)
            while True:
                with session.begin():
                    count = next(writes, None)
                if count is None:
                    break
                stored += count
        self.loaded.fresh = []
        return stored

    def refresh_youth(self, session: Session, youth_id: uuid.UUID) -> None:
        self.by_youth[youth_id] = compute(session, self.today, [youth_id])

    def all(self) -> list[Deadline]:
        return [d for items in self.by_youth.values() for d in items]

    def next_open(self, youth_id: uuid.UUID) -> Deadline | None:
        """The youth's next open deadline (for the portfolio's "next deadline" column)."""
        items = [d for d in self.by_youth.get(youth_id, []) if d.state == "open"]
        return min(items, key=lambda d: d.due) if items else None

    def overdue_youths(self) -> set[uuid.UUID]:
        return {d.youth_id for d in self.all() if d.youth_id and d.overdue(self.today)}

    def due_this_week_youths(self) -> set[uuid.UUID]:
        monday = self.today - timedelta(days=self.today.weekday())
        sunday = monday + timedelta(days=6)
        return {
            d.youth_id
            for d in self.all()
            if d.youth_id and d.state == "open" and self.today <= d.due <= sunday
        }


def as_json(deadline: Deadline, today: date) -> dict[str, Any]:
    return {
        "rule": deadline.rule, "key": deadline.key, "youth": deadline.youth,
        "youth_id": str(deadline.youth_id) if deadline.youth_id else None,
        "subject": deadline.subject,
        "subject_id": str(uuid.UUID(deadline.subject_id)) if deadline.subject_id else None,
        "due": deadline.due.isoformat(), "state": deadline.state, "overdue": deadline.overdue(today),
        "met_on": deadline.met_on.isoformat() if deadline.met_on else None, "detail": deadline.detail,
        "reason": deadline.reason, "until": deadline.until.isoformat() if deadline.until else None,
    }  # fmt: skip


__all__ = [
    "DeadlineBook",
    "as_json",
    "compute",
    "decide",
    "load_facts",
    "rule_settings",
    "update_rule",
]
