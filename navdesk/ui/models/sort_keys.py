"""Sort keys as plain strings and numbers, so Qt can carry them and Python sorts them fast."""

from __future__ import annotations

from datetime import date

from navdesk.domain.text import collation_key


def text_key(text: str) -> str:
    """A string whose code-point order is Norwegian order (Æ, Ø, Å after Z; case and accents second)."""
    return collation_key(text)


def date_key(value: date | None) -> int:
    """Days since year 1; no date sorts first (ascending), e.g. youths never contacted."""
    return value.toordinal() if value is not None else 0
