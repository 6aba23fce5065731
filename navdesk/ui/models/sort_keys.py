"""Sort keys as plain strings and numbers, so Qt can carry them and Python sorts them fast."""

from __future__ import annotations

from datetime import date

from navdesk.domain.text import collation_key

_SURROGATES = range(0xD800, 0xE000)


def text_key(text: str) -> str:
    """A string whose code-point order is Norwegian order (Æ, Ø, Å after Z; case and accents second).

    Built from :func:`navdesk.domain.text.collation_key`: each primary rank becomes one character, then
    the casefolded text breaks ties.
    """
    primary, folded = collation_key(text)
    chars = []
    for rank in primary:
        code = 0x20 + rank
        if code in _SURROGATES:
            code += 0x800
        chars.append(chr(min(code, 0x10FFFF)))
    return "".join(chars) + "\x00" + folded


def date_key(value: date | None) -> int:
    """Days since year 1; no date sorts first (ascending), e.g. youths never contacted."""
    return value.toordinal() if value is not None else 0
