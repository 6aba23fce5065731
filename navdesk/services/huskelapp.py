"""Huskelapp: the counsellor's own short note on a youth, with an optional due date and a colour category.

Like the Huskelapp and the Fargekategori of NAV's Oversikten, merged into one: a note of at most
:data:`TEXT_MAX` characters, a *frist* (due date) and one of six colour categories (each also a shape,
so it can be told apart without colour). It is personal: each user has at most one open huskelapp per
youth. It is kept as a :class:`~navdesk.db.models.Task` of that user on that youth (the note is the
title, so it shows as the task in Frister), and a due date feeds the ``manual`` deadline rule.
Clearing marks it done on that day (the task and its audit trail stay); the next one starts afresh.

The constants and :class:`Huskelapp` import without SQLAlchemy (the portfolio shows them before the
database is fully open, decision 0007); the use cases import it when they run.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from navdesk.errors import InvalidInput, StaleEdit
from navdesk.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from navdesk.db.models import Task
    from navdesk.services.context import Actor

TEXT_MAX = 300
# The colour categories, in the order they are offered; "" is "no category".
COLOURS = ("blue", "green", "yellow", "purple", "teal", "orange")


@dataclass(frozen=True)
class Huskelapp:
    """One open huskelapp (plain data for the UI)."""

    id: uuid.UUID
    youth_id: uuid.UUID
    text: str
    due: date | None
    colour: str  # one of COLOURS or ""
    version: int
    changed_on: date  # Oslo day of the last change


def _plain(task: Task) -> Huskelapp:
    from navdesk.domain.text import oslo_day

    assert task.youth_id is not None
    return Huskelapp(
        id=task.id, youth_id=task.youth_id, text=task.title, due=task.due_date, colour=task.colour or "",
        version=task.version, changed_on=oslo_day(task.updated_at),
    )  # fmt: skip


def _open_tasks(session: Session, user_id: uuid.UUID, youth_id: uuid.UUID | None = None) -> list[Task]:
    from sqlalchemy import select

    from navdesk.db.models import Task

    query = select(Task).where(Task.user_id == user_id, Task.youth_id.is_not(None), Task.done_on.is_(None))
    if youth_id is not None:
        query = query.where(Task.youth_id == youth_id)
    return list(session.scalars(query.order_by(Task.created_at)))


def huskelapper(session: Session, user_id: uuid.UUID) -> dict[uuid.UUID, Huskelapp]:
    """The user's open huskelapps, by youth id (the newest if there are several for one youth)."""
    return {
        task.youth_id: _plain(task) for task in _open_tasks(session, user_id) if task.youth_id is not None
    }


def huskelapp_of(session: Session, user_id: uuid.UUID, youth_id: uuid.UUID) -> Huskelapp | None:
    """The user's open huskelapp on this youth, or None."""
    tasks = _open_tasks(session, user_id, youth_id)
    return _plain(tasks[-1]) if tasks else None


def check(text: str, due: date | None, colour: str, *, today: date, old_due: date | None = None) -> str:
    """The cleaned note, or :class:`InvalidInput` with the reason (shared with the dialog's inline check)."""
    clean = text.strip()
    if len(clean) > TEXT_MAX:
        raise InvalidInput(_("The huskelapp may be at most {n} characters.").format(n=TEXT_MAX))
    if colour not in ("", *COLOURS):
        raise InvalidInput(_("Unknown colour category: {colour}").format(colour=colour))
    if due is not None and due < today and due != old_due:
        raise InvalidInput(_("The due date cannot be in the past."))
    if not clean and due is None and not colour:
        raise InvalidInput(_("Write a note, choose a due date or choose a category."))
    return clean


def save_huskelapp(
    session: Session, actor: Actor, youth_id: uuid.UUID, *, text: str, due: date | None = None,
    colour: str = "", today: date, expected_version: int | None = None,
) -> Huskelapp:  # fmt: skip
    """Write the actor's huskelapp on this youth: a new one, or a change to the open one.

    ``expected_version`` is the version the user saw (None: there was none, or do not check); a
    huskelapp changed meanwhile (on another machine) raises :class:`StaleEdit`.
    """
    from navdesk.db.models import Task, Youth
    from navdesk.services import crud

    if session.get(Youth, youth_id) is None:
        raise InvalidInput(_("The youth no longer exists."))
    tasks = _open_tasks(session, actor.user_id, youth_id)
    current = tasks[-1] if tasks else None
    clean = check(text, due, colour, today=today, old_due=current.due_date if current else None)
    if current is None:
        if expected_version is not None:
            raise StaleEdit()  # the huskelapp the user edited was cleared meanwhile
        task = crud.create(
            session, actor, Task, youth_id=youth_id, user_id=actor.user_id, title=clean, note="", due_date=due,
            colour=colour,
        )  # fmt: skip
    else:
        task = crud.update(
            session,
            actor,
            current,
            expected_version,
            youth_id=youth_id,
            title=clean,
            due_date=due,
            colour=colour,
        )
    return _plain(task)


def set_colour(
    session: Session, actor: Actor, youth_ids: list[uuid.UUID], colour: str, *, today: date
) -> int:
    """Give the actor's huskelapps on these youths the colour category ``colour`` ("" removes it).

    A youth without a huskelapp gets one with only the colour; one left with neither note, due date nor
    colour is cleared. All or nothing. Returns how many changed.
    """
    from navdesk.db.models import Task, Youth
    from navdesk.services import crud

    if colour not in ("", *COLOURS):
        raise InvalidInput(_("Unknown colour category: {colour}").format(colour=colour))
    changed = 0
    for youth_id in dict.fromkeys(youth_ids):
        if session.get(Youth, youth_id) is None:
            raise InvalidInput(_("The youth no longer exists."))
        tasks = _open_tasks(session, actor.user_id, youth_id)
        current = tasks[-1] if tasks else None
        if current is None:
            if colour:
                crud.create(session, actor, Task, youth_id=youth_id, user_id=actor.user_id, title="", note="",
                            colour=colour)  # fmt: skip
                changed += 1
        elif (current.colour or "") != colour:
            if colour or current.title or current.due_date is not None:
                crud.update(session, actor, current, youth_id=youth_id, colour=colour)
            else:
                crud.update(session, actor, current, youth_id=youth_id, colour=colour, done_on=today)
            changed += 1
    return changed


def clear_huskelapp(
    session: Session, actor: Actor, youth_id: uuid.UUID, *, today: date, expected_version: int | None = None
) -> bool:
    """Clear the actor's huskelapp on this youth (marked done today); False if there was none."""
    from navdesk.services import crud

    tasks = _open_tasks(session, actor.user_id, youth_id)
    if not tasks:
        return False  # none, or already cleared elsewhere: nothing to do
    for task in tasks[:-1]:  # older duplicates, should there be any
        crud.update(session, actor, task, youth_id=youth_id, done_on=today)
    crud.update(session, actor, tasks[-1], expected_version, youth_id=youth_id, done_on=today)
    return True


__all__ = [
    "COLOURS",
    "TEXT_MAX",
    "Huskelapp",
    "check",
    "clear_huskelapp",
    "huskelapp_of",
    "huskelapper",
    "save_huskelapp",
    "set_colour",
]
