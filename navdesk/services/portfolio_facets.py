"""The portfolio's extra filter facts of every youth: innsatsgruppe, hovedmål, ytelser, school status, tags.

Read after the first paint (like the huskelapps, :mod:`navdesk.services.huskelapp`) with four grouped
queries over the raw DB-API connection — no per-youth query and no SQLAlchemy type processing, which
keeps it well under 300 ms for 50,000 youths — and kept by the portfolio model beside its rows, by
youth id. The facts of one youth:

* **innsatsgruppe** and **hovedmål**: of the latest §14a decision (by decision date, then by when it
  was recorded) of the youth's open follow-up period; "" if there is none;
* **ytelser**: the codes of the benefit periods running today (started, not ended), in any period;
* **school status**: the latest ``school_status`` row (by from-date, then by when it was recorded);
* **tags**: ``youth.tags``, stripped, without empty ones or duplicates.

:class:`Facets` and the constants import without SQLAlchemy (the UI uses them); the query imports it
when it runs.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# the five facets, in the order the filter column shows them
INNSATSGRUPPE, HOVEDMAL, YTELSE, SCHOOL_STATUS, TAG = (
    "innsatsgruppe",
    "hovedmal",
    "ytelse",
    "school_status",
    "tag",
)
FACETS = (INNSATSGRUPPE, HOVEDMAL, YTELSE, SCHOOL_STATUS, TAG)
MULTI_VALUED = frozenset({YTELSE, TAG})  # a youth can have several of these

# each ordered so that the latest row of a youth comes last (and wins in a dict)
_Q_INNSATS = """SELECT I(p.youth_id), d.innsatsgruppe, coalesce(d.hovedmal, '') FROM innsats_decision d
  JOIN follow_up_period p ON p.id = d.period_id WHERE p.closed_on IS NULL ORDER BY d.decided_on, d.created_at"""
_Q_BENEFIT = """SELECT I(p.youth_id), c.code FROM benefit_period b
  JOIN follow_up_period p ON p.id = b.period_id JOIN catalogue_entry c ON c.id = b.ytelse_id
  WHERE b.start_date <= {today} AND (b.end_date IS NULL OR b.end_date >= {today})"""
_Q_SCHOOL = "SELECT I(s.youth_id), s.status FROM school_status s ORDER BY s.from_date, s.created_at"
_Q_TAGS = "SELECT I(y.id), y.tags FROM youth y WHERE {tags} <> '[]'"
_Q_YTELSER = "SELECT c.code, c.label_nb, c.label_nn FROM catalogue_entry c WHERE c.kind = 'ytelse' ORDER BY c.sort_order"

# the facts of one youth, in the order of FACETS
YouthFacets = tuple[str, str, tuple[str, ...], str, tuple[str, ...]]
NO_FACETS: YouthFacets = ("", "", (), "", ())


@dataclass(frozen=True)
class Facets:
    """The facts of the youths, one mapping per facet, each by youth id as 32 lowercase hex digits
    (``uuid.UUID.hex``: string keys make these 50,000-entry mappings several times cheaper to build
    and read than ``uuid.UUID`` keys); a youth without the fact is missing from that mapping.
    :meth:`of` gives one youth's five facts.

    ``ytelse_labels`` gives every ytelse code of the office's catalogue its label in the current
    language (nynorsk if chosen and given, else bokmål), in the catalogue's order.
    """

    innsatsgruppe: dict[str, str] = field(default_factory=dict)
    hovedmal: dict[str, str] = field(default_factory=dict)  # "" where the decision has none
    ytelser: dict[str, tuple[str, ...]] = field(default_factory=dict)  # in the catalogue's order
    school_status: dict[str, str] = field(default_factory=dict)
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)
    ytelse_labels: dict[str, str] = field(default_factory=dict)

    def by_facet(self, facet: str) -> dict[str, str] | dict[str, tuple[str, ...]]:
        """The mapping of one of :data:`FACETS`."""
        mappings: dict[str, dict[str, str] | dict[str, tuple[str, ...]]] = {
            INNSATSGRUPPE: self.innsatsgruppe, HOVEDMAL: self.hovedmal, YTELSE: self.ytelser,
            SCHOOL_STATUS: self.school_status, TAG: self.tags,
        }  # fmt: skip
        return mappings[facet]

    def of(self, youth_id: uuid.UUID) -> YouthFacets:
        """One youth's facts, in the order of :data:`FACETS` ("" or () where there is none)."""
        key = youth_id.hex
        return (
            self.innsatsgruppe.get(key, ""), self.hovedmal.get(key, ""), self.ytelser.get(key, ()),
            self.school_status.get(key, ""), self.tags.get(key, ()),
        )  # fmt: skip


def _tags(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return ()
    if not isinstance(value, list):
        return ()
    clean = (" ".join(t.split()) for t in value if isinstance(t, str))
    return tuple(dict.fromkeys(t for t in clean if t))


def portfolio_facets(session: Session, today: date) -> Facets:
    """The five facts of every youth on ``today``, in four grouped queries (and the ytelse labels).

    Each query returns one row per decision, benefit, school status or tagged youth, ordered so that a
    youth's latest comes last; the mappings are built from them in C (``dict``), not row by row.
    """
    from navdesk.i18n import language
    from navdesk.services.deadline_facts import dialect_sql

    sqlite = session.get_bind().dialect.name == "sqlite"
    raw = session.connection().connection.dbapi_connection  # inside the session's transaction
    assert raw is not None

    def rows(sql: str, args: tuple[Any, ...] = ()) -> Iterator[Any]:
        cursor = raw.cursor()
        try:
            cursor.execute(dialect_sql(sql, sqlite), args)
            yield from cursor.fetchall()
        finally:
            cursor.close()

    nynorsk = language() == "nn"
    labels = {code: (nn if nynorsk and nn else nb) for code, nb, nn in rows(_Q_YTELSER)}

    decisions = list(rows(_Q_INNSATS))  # the latest wins
    innsats = {y: group for y, group, _goal in decisions}
    goals = {y: goal for y, _group, goal in decisions}

    mark = "?" if sqlite else "%s"
    day = today.isoformat() if sqlite else today
    running: dict[str, tuple[str, ...]] = {}
    several: set[str] = set()
    for yid, code in rows(_Q_BENEFIT.format(today=mark), (day, day)):
        found = running.get(yid)
        if found is None:
            running[yid] = (code,)
        elif code not in found:
            running[yid] = (*found, code)
            several.add(yid)
    if several:
        order = {code: i for i, code in enumerate(labels)}
        for yid in several:
            running[yid] = tuple(sorted(running[yid], key=lambda c: order.get(c, len(order))))

    school = dict(rows(_Q_SCHOOL))  # the latest wins

    parsed: dict[Any, tuple[str, ...]] = {}  # few distinct tag lists: each is parsed once
    tags: dict[str, tuple[str, ...]] = {}
    for yid, value in rows(_Q_TAGS.format(tags="y.tags" if sqlite else "y.tags::text")):
        key = value if isinstance(value, str) else json.dumps(value)  # PostgreSQL gives the list itself
        found_tags = parsed.get(key)
        if found_tags is None:
            found_tags = parsed[key] = _tags(value)
        if found_tags:
            tags[yid] = found_tags

    return Facets(innsats, goals, running, school, tags, labels)


__all__ = [
    "FACETS", "HOVEDMAL", "INNSATSGRUPPE", "MULTI_VALUED", "NO_FACETS", "SCHOOL_STATUS", "TAG", "YTELSE", "Facets",
    "YouthFacets", "portfolio_facets",
]  # fmt: skip
