"""The portfolio line of one youth, and the one SQL query that reads them (no SQLAlchemy needed).

The same query serves the fast start path (raw DB-API) and the normal path (through SQLAlchemy),
so both give identical rows. The last contact, the open period's registration date and "in an
activity" are columns of ``youth`` kept current by triggers (migration 0003): read as sub-queries
they took ~1 s for 50,000 youths. Only the next meeting, which depends on the day, is a sub-query
(on the index meeting(youth_id)). The query takes one parameter,
``:since`` (see :func:`portfolio_params`): the start of today in Oslo, from which the next meeting is
looked for.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from navdesk.domain.text import OSLO, age_on, oslo_day

PORTFOLIO_SQL = """
SELECT y.id, y.first_name, y.preferred_name, y.last_name, y.birth_date, u.initials, y.phone, y.municipality,
       y.open_registration_date AS registered, y.last_contact_at AS last_at, y.adressesperre, y.search_text,
       y.in_activity,
       (SELECT min(mt.starts_at) FROM meeting mt
         WHERE mt.youth_id = y.id AND mt.starts_at >= :since AND mt.status <> 'avlyst') AS next_meeting
  FROM youth y LEFT JOIN app_user u ON u.id = y.veileder_id
"""


@dataclass(frozen=True)
class YouthRow:
    """One line of the portfolio."""

    id: uuid.UUID
    name: str
    first_name: str
    last_name: str
    birth_date: date
    veileder: str
    phone: str
    municipality: str
    registered: date | None
    last_contact: date | None
    adressesperre: bool
    search: str
    in_activity: bool = False  # has an activity in status "gjennomfører"
    next_meeting: date | None = None  # Oslo day of the next meeting (today or later), not cancelled

    def age(self, on: date) -> int:
        return age_on(self.birth_date, on)


def portfolio_params(today: date | None = None, *, sqlite: bool) -> dict[str, Any]:
    """The parameters of :data:`PORTFOLIO_SQL`: ``since`` is the start of ``today`` (default: today) in Oslo.

    SQLite keeps times as naive UTC text, so it gets that text; PostgreSQL gets an aware time.
    """
    day = today or datetime.now(OSLO).date()
    since = datetime.combine(day, time(0), OSLO).astimezone(UTC)
    return {"since": since.replace(tzinfo=None).isoformat(" ", "microseconds") if sqlite else since}


def as_uuid(value: Any) -> uuid.UUID:
    """A UUID from what the driver returned (PostgreSQL: a UUID; SQLite: 32 hex digits or dashed text)."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def as_date(value: Any) -> date | None:
    """A date from what the driver returned (a date, a datetime, or ISO text on SQLite); None stays None."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, datetime):
        return value.date()
    return date.fromisoformat(str(value)[:10])


def _local_day(value: Any) -> date | None:
    """The Oslo calendar day of a stored UTC time (SQLite: naive text; PostgreSQL: aware)."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) >= 13 and value[11:13] < "22":
        # Oslo is UTC+1 or UTC+2: a UTC time before 22:00 falls on the same calendar day there.
        # This skips the time-zone conversion for almost every row of a 50,000-youth portfolio.
        return date.fromisoformat(value[:10])
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return oslo_day(moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC))


def row_from_db(r: Any) -> YouthRow:
    """A :class:`YouthRow` from one result row of :data:`PORTFOLIO_SQL` (raw or through SQLAlchemy)."""
    first, preferred, last = r[1], r[2], r[3]
    born = as_date(r[4])
    assert born is not None
    return YouthRow(
        id=as_uuid(r[0]),
        name=f"{preferred or first} {last}",
        first_name=first,
        last_name=last,
        birth_date=born,
        veileder=r[5] or "",
        phone=r[6],
        municipality=r[7],
        registered=as_date(r[8]),
        last_contact=_local_day(r[9]),
        adressesperre=(r[10] or "ingen") != "ingen",
        search=r[11],
        in_activity=bool(r[12]),
        next_meeting=_local_day(r[13]),
    )
