"""The portfolio's filters as precomputed row sets: combining them and counting them costs microseconds.

Every facet (new, unassigned, overdue, …) is computed once per load (or when the deadline book changes)
as a *row set*: a Python int with one byte per source row, 1 if the row has the facet and 0 if not
(``int.from_bytes`` of a ``bytes`` of 0/1). AND of two sets is ``a & b``, "not" is ``ALL ^ a`` and the
number of rows in a set is ``a.bit_count()``, all done in C over 50,000 rows in a few microseconds, so the
live counts beside every filter (each with all the *other* filters applied) are nearly free. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date, timedelta
from typing import Any

from navdesk.domain.portfolio import YouthRow
from navdesk.services.huskelapp import COLOURS
from navdesk.services.portfolio_facets import FACETS, MULTI_VALUED, Facets

# the status filters, in the order they are shown
NEW, UNASSIGNED, OVERDUE, DUE_THIS_WEEK, NO_CONTACT, NOT_IN_ACTIVITY, MEETING_TODAY, CLOSED = (
    "new", "unassigned", "overdue", "due_this_week", "no_contact", "not_in_activity", "meeting_today", "closed",
)  # fmt: skip
STATUSES = (NEW, UNASSIGNED, OVERDUE, DUE_THIS_WEEK, NO_CONTACT, NOT_IN_ACTIVITY, MEETING_TODAY, CLOSED)
BOOK_STATUSES = (OVERDUE, DUE_THIS_WEEK)  # known once the deadline book is computed
HUSKELAPP = "huskelapp"  # has one of my huskelapps (a filter of its own, beside the colour categories)

NEW_DAYS = 14  # "Nye brukere": registered within this many days
DEFAULT_NO_CONTACT_DAYS = 30
ALL_VEILEDERE = None
_NEVER = 1 << 30  # days since a contact that never happened


def to_set(flags: Iterable[bool | int]) -> int:
    """A row set from one flag per source row."""
    return int.from_bytes(bytes(flags), "big")


@dataclass(frozen=True)
class FilterState:
    """What the veileder chose: status filters (AND), days for "no contact", an age range, a veileder,
    "has a huskelapp", huskelapp colour categories (OR among them) and one value of each of the youth
    facets (innsatsgruppe, hovedmål, ytelse, school status, tag).

    ``CLOSED`` is a switch rather than a narrowing: without it only the youths with an open follow-up
    period are shown (as Oversikten shows the active users), with it only the sleeping and closed ones.
    """

    statuses: frozenset[str] = frozenset()
    no_contact_days: int = DEFAULT_NO_CONTACT_DAYS
    age_from: int | None = None
    age_to: int | None = None
    veileder: str | None = ALL_VEILEDERE  # initials; "" = unassigned
    huskelapp: bool = False  # only youths with one of my huskelapps
    colours: frozenset[str] = frozenset()  # huskelapp colour categories (any of them)
    # one value of each of navdesk.services.portfolio_facets.FACETS (None: any; "": none recorded)
    innsatsgruppe: str | None = None
    hovedmal: str | None = None
    ytelse: str | None = None  # a ytelse code, running today
    school_status: str | None = None
    tag: str | None = None

    def facet(self, name: str) -> str | None:
        """The chosen value of one of :data:`FACETS` (None: any)."""
        value: str | None = getattr(self, name)
        return value

    def facets_chosen(self) -> int:
        """How many of :data:`FACETS` narrow the rows."""
        return sum(getattr(self, name) is not None for name in FACETS)

    def with_status(self, key: str, on: bool) -> FilterState:
        statuses = self.statuses | {key} if on else self.statuses - {key}
        return replace(self, statuses=frozenset(statuses))

    def with_colour(self, colour: str, on: bool) -> FilterState:
        colours = self.colours | {colour} if on else self.colours - {colour}
        return replace(self, colours=frozenset(colours))

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values (for the settings file and the saved filters)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = sorted(value) if isinstance(value, frozenset) else value
        return out

    @classmethod
    def from_json(cls, data: Any) -> FilterState:
        """A state from :meth:`to_json`'s values; anything unknown or malformed is left at its default."""
        if not isinstance(data, dict):
            return cls()
        known: dict[str, tuple[str, ...]] = {"statuses": STATUSES, "colours": COLOURS}
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data:
                continue
            value, default = data[f.name], getattr(cls(), f.name)
            if isinstance(default, frozenset):
                if isinstance(value, list):
                    values[f.name] = frozenset(v for v in value if v in known.get(f.name, ()))
            elif isinstance(default, bool):
                if isinstance(value, bool):
                    values[f.name] = value
            elif f.name == "no_contact_days":
                if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 999:
                    values[f.name] = value
            elif f.name in ("age_from", "age_to"):
                if value is None or (
                    isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99
                ):
                    values[f.name] = value
            elif f.name in ("veileder", *FACETS) and (
                value is None or (isinstance(value, str) and len(value) <= 200)
            ):
                values[f.name] = value
        return cls(**values)


@dataclass
class PortfolioFacets:
    """The row sets of one list of portfolio rows (source order) on one day, plus the deadline book's
    and the huskelapps'."""

    rows: Sequence[YouthRow]
    today: date
    ages: Sequence[int]
    n: int = 0
    all: int = 0
    _sets: dict[str, int] = field(default_factory=dict)
    _colour_sets: dict[str, int] = field(default_factory=dict)
    _contact_days: list[int] = field(default_factory=list)
    _veileder_of: list[str] = field(default_factory=list)
    _cache: dict[Any, int] = field(default_factory=dict)
    _facet_sets: dict[str, dict[str, int]] = field(default_factory=dict)
    book_known: bool = False
    facets_known: bool = False

    def __post_init__(self) -> None:
        rows, today = self.rows, self.today
        self.n = len(rows)
        self.all = to_set(b"\x01" * self.n)
        new_since = today - timedelta(days=NEW_DAYS)
        self._sets = {
            NEW: to_set(r.registered is not None and new_since <= r.registered <= today for r in rows),
            UNASSIGNED: to_set(not r.veileder for r in rows),
            NOT_IN_ACTIVITY: to_set(not r.in_activity for r in rows),
            MEETING_TODAY: to_set(r.next_meeting == today for r in rows),
            CLOSED: to_set(r.registered is None for r in rows),
            OVERDUE: 0,
            DUE_THIS_WEEK: 0,
            HUSKELAPP: 0,
        }
        self._colour_sets = dict.fromkeys(COLOURS, 0)
        self._contact_days = [(today - r.last_contact).days if r.last_contact else _NEVER for r in rows]
        self._veileder_of = [r.veileder for r in rows]

    # -- the deadline book -------------------------------------------------------------------------
    def set_book_youths(self, overdue: set[Any], due_this_week: set[Any]) -> None:
        """The youths (ids) with an overdue deadline and with one due this week, from the deadline book."""
        ids = [r.id for r in self.rows]
        self._sets[OVERDUE] = to_set(i in overdue for i in ids)
        self._sets[DUE_THIS_WEEK] = to_set(i in due_this_week for i in ids)
        self.book_known = True

    # -- the huskelapps ----------------------------------------------------------------------------
    def set_huskelapp_colours(self, colour_of: Mapping[Any, str]) -> None:
        """The youths (ids) with a huskelapp, each with its colour category ("" for none)."""
        found = [colour_of.get(r.id) for r in self.rows]
        self._sets[HUSKELAPP] = to_set(c is not None for c in found)
        self._colour_sets = {c: to_set(f == c for f in found) for c in COLOURS}

    # -- the youth facets (innsatsgruppe, hovedmål, ytelse, school status, tags) ------------------------
    def set_youth_facets(self, facets: Facets) -> None:
        """The facts of the youths (:func:`navdesk.services.portfolio_facets.portfolio_facets`): one row
        set per value of each facet; "" is the set of the rows without the fact."""
        n = self.n
        keys = [r.id.hex for r in self.rows]
        out: dict[str, dict[str, int]] = {}
        for name in FACETS:
            empty: Any = () if name in MULTI_VALUED else ""  # the value of a row without the fact
            found: list[Any] = [v or empty for v in map(facets.by_facet(name).get, keys)]
            flags: dict[Any, bytearray] = {}  # by value (by tuple of values for the multi-valued ones)
            for i, value in enumerate(found):
                flag = flags.get(value)
                if flag is None:
                    flag = flags[value] = bytearray(n)
                flag[i] = 1
            sets = {value: int.from_bytes(flag, "big") for value, flag in flags.items()}
            if name in MULTI_VALUED:  # by tuple of values: a row is in the set of each of its values
                single: dict[str, int] = {}
                for several, rows in sets.items():
                    for value in several or ("",):
                        single[value] = single.get(value, 0) | rows
                out[name] = single
            else:
                out[name] = sets
        self._facet_sets = out
        self.facets_known = True

    def facet_values(self, name: str) -> list[str]:
        """The values of one facet that some row has ("" if some row has none), in no particular order."""
        return list(self._facet_sets.get(name, {}))

    def facet_set(self, name: str, value: str | None) -> int:
        """The rows with this value of the facet (None, or the facts not yet known: every row)."""
        if value is None or not self.facets_known:
            return self.all
        return self._facet_sets.get(name, {}).get(value, 0)

    def colour_set(self, colour: str) -> int:
        return self._colour_sets.get(colour, 0)

    # -- single facets -----------------------------------------------------------------------------
    def status_set(self, key: str, state: FilterState) -> int:
        if key == NO_CONTACT:
            return self._cached(
                ("contact", state.no_contact_days), lambda: self._no_contact(state.no_contact_days)
            )
        return self._sets[key]

    def _no_contact(self, days: int) -> int:
        return to_set(d >= days for d in self._contact_days)

    def age_set(self, lo: int | None, hi: int | None) -> int:
        if lo is None and hi is None:
            return self.all
        low, high = lo if lo is not None else -1, hi if hi is not None else 1 << 30
        return self._cached(("age", low, high), lambda: to_set(low <= a <= high for a in self.ages))

    def veileder_set(self, initials: str | None) -> int:
        if initials is ALL_VEILEDERE:
            return self.all
        return self._cached(("veileder", initials), lambda: to_set(v == initials for v in self._veileder_of))

    def _cached(self, key: Any, make: Callable[[], int]) -> int:
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = make()
        return found

    # -- combined ----------------------------------------------------------------------------------
    def _dimensions(self, state: FilterState, search: int | None = None) -> dict[str, int]:
        """One row set per chosen filter (a counted option is combined with all the *other* ones)."""
        closed = self._sets[CLOSED]
        dims = {
            "age": self.age_set(state.age_from, state.age_to),
            "veileder": self.veileder_set(state.veileder),
            CLOSED: closed if CLOSED in state.statuses else self.all ^ closed,
        }
        if search is not None:
            dims["search"] = search
        if state.huskelapp:
            dims[HUSKELAPP] = self._sets[HUSKELAPP]
        if state.colours:
            union = 0
            for colour in state.colours:
                union |= self.colour_set(colour)
            dims["colours"] = union
        for key in state.statuses:
            if key != CLOSED:
                dims[key] = self.status_set(key, state)
        if self.facets_known:
            for name in FACETS:
                value = state.facet(name)
                if value is not None:
                    dims["facet:" + name] = self.facet_set(name, value)
        return dims

    def _without(self, dims: dict[str, int], name: str) -> int:
        rows = self.all
        for key, value in dims.items():
            if key != name:
                rows &= value
        return rows

    def selected(self, state: FilterState) -> int:
        """The rows that pass every filter of ``state`` (the search is applied separately)."""
        return self._without(self._dimensions(state), "")

    def counts(self, state: FilterState, search: int | None = None) -> dict[str, int]:
        """Per status filter, how many rows it would show together with every *other* chosen filter
        (and the search); also ``HUSKELAPP``."""
        dims = self._dimensions(state, search)
        out = {key: (self._without(dims, key) & self.status_set(key, state)).bit_count() for key in STATUSES}
        out[HUSKELAPP] = (self._without(dims, HUSKELAPP) & self._sets[HUSKELAPP]).bit_count()
        return out

    def colour_counts(self, state: FilterState, search: int | None = None) -> dict[str, int]:
        """Per colour category, how many rows it would show with every other chosen filter."""
        base = self._without(self._dimensions(state, search), "colours")
        return {c: (base & self.colour_set(c)).bit_count() for c in COLOURS}

    def veileder_counts(
        self, state: FilterState, initials: Iterable[str | None], search: int | None = None
    ) -> dict[str | None, int]:
        """Per veileder (None: all), how many rows choosing them would show with the other filters."""
        base = self._without(self._dimensions(state, search), "veileder")
        return {v: (base & self.veileder_set(v)).bit_count() for v in initials}

    def facet_counts(self, state: FilterState, search: int | None = None) -> dict[str, dict[str | None, int]]:
        """Per facet and value (None: any), how many rows choosing it would show with the other filters."""
        dims = self._dimensions(state, search)
        out: dict[str, dict[str | None, int]] = {}
        for name in FACETS:
            base = self._without(dims, "facet:" + name)
            counts: dict[str | None, int] = {None: base.bit_count()}
            for value, rows in self._facet_sets.get(name, {}).items():
                counts[value] = (base & rows).bit_count()
            out[name] = counts
        return out
