"""Group schedules: the samlinger of a recurring pattern, without Norwegian public holidays.

Three patterns, as the offices run their groups (domain brief §7):

* ``weekly``: on the chosen weekdays from the first day up to and including the last day;
* ``weeks``: on the chosen weekdays (N days a week) for N weeks from the week of the first day;
* ``count``: a fixed number of samlinger on the chosen weekdays from the first day.

A public holiday (Easter, 17 May, Ascension, Whit Monday, Christmas …) is skipped. For ``weekly``
and ``weeks`` the group simply does not meet that day; for ``count`` the series goes on until it
has its number of samlinger. The skipped days are returned with the holiday's name so that the
counsellor sees why a week has fewer samlinger.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from functools import cache
from typing import Any

from navdesk.i18n import N_

WEEKLY, WEEKS, COUNT = "weekly", "weeks", "count"
KINDS = (WEEKLY, WEEKS, COUNT)
MAX_SESSIONS = 200  # a pattern that would make more is a mistake (a wrong year, a missing end)


class PatternError(ValueError):
    """A pattern that cannot make a schedule; the message is an English msgid to translate."""


@cache
def _holidays(year: int, lang: str) -> dict[date, str]:
    import holidays

    found = holidays.country_holidays("NO", years=year, language="no" if lang in ("nb", "nn") else "en_US")
    return {day: str(name) for day, name in found.items()}


def holiday_name(day: date, lang: str = "nb") -> str | None:
    """The Norwegian public holiday on ``day`` (its name), or None."""
    return _holidays(day.year, lang).get(day)


@dataclass(frozen=True)
class Pattern:
    """How a group meets. ``weekdays`` are 0 (Monday) to 6 (Sunday)."""

    kind: str
    first_day: date
    weekdays: tuple[int, ...]
    start_time: time = time(10, 0)
    duration_min: int = 120
    last_day: date | None = None  # weekly
    weeks: int | None = None  # weeks
    count: int | None = None  # count

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise PatternError(N_("Unknown schedule pattern."))
        if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
            raise PatternError(N_("Choose at least one weekday."))
        if self.duration_min < 15 or self.duration_min > 600:
            raise PatternError(N_("A samling lasts between 15 minutes and 10 hours."))
        if self.kind == WEEKLY and (self.last_day is None or self.last_day < self.first_day):
            raise PatternError(N_("The last day must be on or after the first day."))
        if self.kind == WEEKS and (self.weeks is None or not 1 <= self.weeks <= 52):
            raise PatternError(N_("The number of weeks must be between 1 and 52."))
        if self.kind == COUNT and (self.count is None or not 1 <= self.count <= MAX_SESSIONS):
            raise PatternError(N_("The number of samlinger must be between 1 and 200."))

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "first_day": self.first_day.isoformat(), "weekdays": list(self.weekdays),
            "start_time": self.start_time.strftime("%H:%M"), "duration_min": self.duration_min,
            "last_day": self.last_day.isoformat() if self.last_day else None, "weeks": self.weeks,
            "count": self.count,
        }  # fmt: skip

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Pattern:
        return cls(
            kind=data["kind"], first_day=date.fromisoformat(data["first_day"]), weekdays=tuple(data["weekdays"]),
            start_time=time.fromisoformat(data.get("start_time") or "10:00"),
            duration_min=int(data.get("duration_min") or 120),
            last_day=date.fromisoformat(data["last_day"]) if data.get("last_day") else None,
            weeks=data.get("weeks"), count=data.get("count"),
        )  # fmt: skip


@dataclass(frozen=True)
class Schedule:
    days: list[date] = field(default_factory=list)
    skipped: list[tuple[date, str]] = field(default_factory=list)  # (day, holiday name)


def generate(pattern: Pattern, lang: str = "nb") -> Schedule:
    """The days the group meets under ``pattern``, and the holidays it skips."""
    chosen = set(pattern.weekdays)
    if pattern.kind == WEEKLY:
        assert pattern.last_day is not None
        end = pattern.last_day
    elif pattern.kind == WEEKS:
        assert pattern.weeks is not None
        monday = pattern.first_day - timedelta(days=pattern.first_day.weekday())
        end = monday + timedelta(weeks=pattern.weeks, days=-1)
    else:
        end = None
    want = pattern.count if pattern.kind == COUNT else None
    days: list[date] = []
    skipped: list[tuple[date, str]] = []
    day = pattern.first_day
    while (end is None or day <= end) and (want is None or len(days) < want):
        if day.weekday() in chosen:
            name = holiday_name(day, lang)
            if name is not None:
                skipped.append((day, name))
            else:
                days.append(day)
                if len(days) > MAX_SESSIONS:
                    raise PatternError(N_("The pattern makes more than 200 samlinger; check the dates."))
        day += timedelta(days=1)
    return Schedule(days, skipped)


__all__ = [
    "COUNT",
    "KINDS",
    "WEEKLY",
    "WEEKS",
    "Pattern",
    "PatternError",
    "Schedule",
    "generate",
    "holiday_name",
]
