"""Norwegian text: collation (Æ Ø Å after Z), case-insensitive search beyond ASCII, dates and weeks."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")
_UTC_OFFSET = timedelta(0)


def oslo_day(moment: datetime) -> date:
    """The Oslo calendar day of an aware moment.

    Oslo is UTC+1 or UTC+2, so a UTC time before 22:00 falls on the same day there; only the rest
    pay for the time-zone conversion (this runs for every contact of a 50,000-youth office).
    """
    if moment.hour < 22 and moment.utcoffset() == _UTC_OFFSET:
        return moment.date()
    return moment.astimezone(OSLO).date()


def _primary_table() -> dict[int, str]:
    """casefolded character → its primary letter; æ, ø, å become the three characters after "z"."""
    table: dict[int, str] = {ord("æ"): "{", ord("ø"): "|", ord("å"): "}", ord("ä"): "{", ord("ö"): "|",
                             ord("ü"): "y", ord("đ"): "d", ord("ŋ"): "n", ord("ŧ"): "t", ord("ß"): "ss"}  # fmt: skip
    for code in range(0xC0, 0x250):
        ch = chr(code).casefold()
        if len(ch) != 1 or ord(ch) in table:
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        if base.isascii() and base != ch:
            table[ord(ch)] = base
    return table


_PRIMARY = _primary_table()


def collation_key(text: str) -> str:
    """Sort key in Norwegian order: Æ, Ø, Å after Z (in that order); case and accents only break ties.

    A plain string (``str.translate``, so it is cheap for 50,000 names): the primary letters, then
    the casefolded text.
    """
    folded = text.casefold()
    return folded.translate(_PRIMARY) + "\x00" + folded


def search_fold(text: str) -> str:
    """Fold for case-insensitive search: ``"ø"`` finds ``"Øystein"``, ``"e"`` finds ``"André"``."""
    folded = text.casefold()
    out = []
    for ch in folded:
        if ch in "æøå":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def format_date(value: date | None) -> str:
    """``dd.mm.åååå``; empty for no date."""
    return value.strftime("%d.%m.%Y") if value else ""


def iso_week(value: date) -> int:
    """The ISO week number Norwegians plan by ("uke 48")."""
    return value.isocalendar().week


def age_on(birth: date, on: date) -> int:
    """Whole years of age on a date (a leap-day birthday turns a year older on 1 March)."""
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years
